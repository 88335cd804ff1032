//! Sheet 说明 of the collection workbook: what it collects, how to fill it in, what
//! each column means (key, unit, bounds, required, public, used by which indicator)
//! and the veto events. The import reads the year back from it (`YEAR_LABEL`).

use rust_xlsxwriter::{Format, FormatBorder, Worksheet, XlsxError};

use crate::model::Methodology;

use super::layout::{
    bounds_text, column_name, template_columns, Collection, Column, SHEET, YEAR_LABEL, YES,
};
use super::workbook_parts::{header_format, write_steps};

/// The widths of columns A–H.
const WIDTHS: [f64; 8] = [10.0, 22.0, 34.0, 8.0, 18.0, 12.0, 12.0, 30.0];

/// The cell looks of the guide.
struct Look {
    bold: Format,
    header: Format,
    cell: Format,
}

pub(super) fn guide_sheet(ws: &mut Worksheet, c: &Collection) -> Result<(), XlsxError> {
    let look = Look {
        bold: Format::new().set_bold(),
        header: header_format(),
        cell: Format::new().set_text_wrap().set_border(FormatBorder::Thin),
    };
    head(ws, c, &look.bold)?;
    let steps = steps(c.m, c.year);
    write_steps(ws, 5, &steps, &look.bold)?;
    let end = columns_table(ws, 7 + steps.len() as u32, c.m, &look)?;
    if !c.m.vetoes.is_empty() {
        vetoes_table(ws, end + 1, c.m, &look)?;
    }
    for (i, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(i as u16, *w)?;
    }
    Ok(())
}

/// Rows 1–4: the title, the year (read back by the import), the methodology, the
/// number of parks to report.
fn head(ws: &mut Worksheet, c: &Collection, bold: &Format) -> Result<(), XlsxError> {
    let title = Format::new().set_bold().set_font_size(14);
    ws.write_string_with_format(
        0,
        0,
        format!("{}：{}年度数据填报表", c.data.site.title, c.year),
        &title,
    )?;
    ws.write_string_with_format(1, 0, YEAR_LABEL, bold)?;
    ws.write_number(1, 1, c.year)?;
    ws.write_string_with_format(2, 0, "评价办法", bold)?;
    ws.write_string(2, 1, format!("{}（{}）", c.m.title, c.m.source))?;
    ws.write_string_with_format(3, 0, "填报园区", bold)?;
    let parks = c.parks.len();
    ws.write_string(3, 1, format!("{parks} 个（当年运营且纳入评价范围的园区）"))?;
    Ok(())
}

/// 填写说明, step by step.
fn steps(m: &Methodology, year: i32) -> [String; 8] {
    let veto_list: Vec<String> = m
        .vetoes
        .iter()
        .map(|(id, v)| format!("{id}（{}）", v.label))
        .collect();
    [
        format!("只在“{SHEET}”表的白色单元格填写；园区编号、园区名称和第1—2行表头已锁定，请勿改动（第2行是导入时识别各列的编号）。"),
        "数值按下表的单位填写，只填数字，不带单位和文字；超出取值要求时 Excel 会提示。".to_string(),
        "空白单元格表示未填报。整行空白的园区导入时跳过，不会改动已有数据。".to_string(),
        format!("园区未按时报送年度数据的，在“数据缺报”列填“{YES}”；此时其余数值可以不填。"),
        format!("发生一票否决事项的，在“一票否决”列填事项编号，多项用逗号分隔：{}。", veto_list.join("；")),
        "表中已有的数值取自数据仓库，可直接更正。".to_string(),
        "灰色斜体的数值由园区入园企业名录（enterprises/<园区编号>/<年度>.csv）汇总得出，已锁定：请修改名录（parkscore template --rosters），不要在此改动。".to_string(),
        format!("填好后先预览改动：parkscore import {SHEET}-{year}.xlsx --dry-run；确认无误后去掉 --dry-run 导入，再运行 parkscore check。"),
    ]
}

/// 各列说明 from row `top`: a heading, the table's header, one row per column of
/// sheet 填报. Returns the row after the table.
fn columns_table(
    ws: &mut Worksheet,
    top: u32,
    m: &Methodology,
    look: &Look,
) -> Result<u32, XlsxError> {
    ws.write_string_with_format(top, 0, "各列说明", &look.bold)?;
    let heads = [
        "列",
        "列编号",
        "名称",
        "单位",
        "取值要求",
        "参评园区必填",
        "对外公开",
        "用于评价指标",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(top + 1, c as u16, *h, &look.header)?;
    }
    let required = m.required_metrics();
    let mut r = top + 2;
    for (c, col) in template_columns(m).iter().enumerate() {
        let row = column_row(c, col, m, &required);
        for (c, v) in row.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, v, &look.cell)?;
        }
        r += 1;
    }
    Ok(r)
}

/// What the guide says about column `c` (`col`): letter, key, name, unit, bounds,
/// required of rated parks, public, and the indicators that use it.
fn column_row(c: usize, col: &Column, m: &Methodology, required: &[&str]) -> [String; 8] {
    let (unit, bounds, req, public, used) = match col {
        Column::Metric(k) => {
            let d = &m.metrics[k];
            let used: Vec<&str> = m
                .indicators
                .iter()
                .filter(|i| {
                    i.formula.metrics().contains(&k.as_str())
                        || i.growth_formula
                            .as_ref()
                            .is_some_and(|g| g.metrics().contains(&k.as_str()))
                })
                .map(|i| i.label.as_str())
                .collect();
            let req = if required.contains(&k.as_str()) {
                "是"
            } else {
                "否"
            };
            let public = if d.public {
                "是"
            } else {
                "否（仅内部）"
            };
            (d.unit.clone(), bounds_text(d), req, public, used.join("、"))
        }
        Column::Id | Column::Name => (String::new(), "已填，勿改".into(), "", "", String::new()),
        Column::NotReported => (
            String::new(),
            format!("“{YES}”或留空"),
            "",
            "",
            String::new(),
        ),
        _ => (
            String::new(),
            "事项编号，逗号分隔".into(),
            "",
            "",
            String::new(),
        ),
    };
    [
        column_name(c as u32),
        col.key().to_string(),
        col.label(m),
        unit,
        bounds,
        req.to_string(),
        public.to_string(),
        used,
    ]
}

/// 一票否决事项 from row `top`: each veto's id and name.
fn vetoes_table(
    ws: &mut Worksheet,
    top: u32,
    m: &Methodology,
    look: &Look,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(top, 0, "一票否决事项", &look.bold)?;
    ws.write_string_with_format(top + 1, 1, "事项编号", &look.header)?;
    ws.write_string_with_format(top + 1, 2, "名称", &look.header)?;
    for (i, (id, v)) in m.vetoes.iter().enumerate() {
        let row = top + 2 + i as u32;
        ws.write_string_with_format(row, 1, id, &look.cell)?;
        ws.write_string_with_format(row, 2, &v.label, &look.cell)?;
    }
    Ok(())
}
