//! The collection workbook for one year: sheet 填报 (one row per park to report,
//! one column per metric, bounds enforced by Excel's data validation) and sheet 说明
//! (what each column means). Figures already in the YAML are filled in, so the same
//! workbook serves corrections.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use crate::error::{Error, Result};
use crate::model::{Dataset, Methodology, MetricDef, Park};

use super::layout::{
    bounds_text, cell_name, column_name, methodology_for_records, parks_in_template,
    template_columns, Column, GUIDE, HEADER_ROWS, SHEET, YEAR_LABEL, YES,
};

/// The workbook bytes. Deterministic: fixed document dates, stable order.
pub fn template(data: &Dataset, year: i32) -> Result<Vec<u8>> {
    let m = methodology_for_records(data, year).ok_or(Error::NoMethodology)?;
    let parks = parks_in_template(data, year, m);
    let build = || -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        let props = DocProperties::new()
            .set_title(format!("{}：{year}年度数据填报表", data.site.title))
            .set_author(&data.site.publisher)
            .set_company(&data.site.publisher)
            .set_creation_datetime(&fixed_date(year)?);
        wb.set_properties(&props);
        fill_sheet(wb.add_worksheet().set_name(SHEET)?, year, m, &parks)?;
        guide_sheet(
            wb.add_worksheet().set_name(GUIDE)?,
            data,
            year,
            m,
            parks.len(),
        )?;
        wb.save_to_buffer()
    };
    build().map_err(|source| Error::Xlsx {
        what: format!("{SHEET}-{year}.xlsx"),
        source: Box::new(source),
    })
}

/// The document date: 1 January after the year (when collection happens), never "now".
pub fn fixed_date(year: i32) -> Result<ExcelDateTime, XlsxError> {
    let y = u16::try_from(year + 1).unwrap_or(2000);
    ExcelDateTime::from_ymd(y, 1, 1)
}

/// 填写说明 in bold at row `top`, then the steps numbered below it (both workbooks).
pub(super) fn write_steps(
    ws: &mut Worksheet,
    top: u32,
    steps: &[String],
    bold: &Format,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(top, 0, "填写说明", bold)?;
    for (i, s) in steps.iter().enumerate() {
        let r = top + 1 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64)?;
        ws.write_string(r, 1, s)?;
    }
    Ok(())
}

/// The label row's look, shared by the data and roster workbooks.
pub(super) fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border(FormatBorder::Thin)
}

fn fill_sheet(
    ws: &mut Worksheet,
    year: i32,
    m: &Methodology,
    parks: &[&Park],
) -> Result<(), XlsxError> {
    let cols = template_columns(m);
    let header = header_format();
    let key = Format::new()
        .set_font_size(9)
        .set_font_color(Color::RGB(0x808080))
        .set_background_color(Color::RGB(0xF2F2F2))
        .set_align(FormatAlign::Center)
        .set_border(FormatBorder::Thin);
    let locked = Format::new()
        .set_background_color(Color::RGB(0xF2F2F2))
        .set_border(FormatBorder::Thin);
    let input = Format::new().set_unlocked().set_border(FormatBorder::Thin);
    let input_int = input.clone().set_num_format("0");
    // From the park's roster (入园企业名录): shown, locked, changed in the roster only.
    let derived = locked
        .clone()
        .set_font_color(Color::RGB(0x596273))
        .set_italic();

    ws.set_row_height(0, 48)?;
    let first = HEADER_ROWS;
    let last = first + parks.len().max(1) as u32 - 1;
    for (c, col) in cols.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, col.header(m), &header)?;
        ws.write_string_with_format(1, c, col.key(), &key)?;
        let width = match col {
            Column::Id => 16.0,
            Column::Name => 36.0,
            Column::Vetoes => 24.0,
            _ => 13.0,
        };
        ws.set_column_width(c, width)?;
        if parks.is_empty() {
            continue;
        }
        match col {
            Column::Metric(k) => {
                let top_left = cell_name(first, u32::from(c));
                ws.add_data_validation(first, c, last, c, &validation(&m.metrics[k], &top_left)?)?;
            }
            Column::NotReported | Column::TransitionOptIn => {
                let dv = DataValidation::new()
                    .allow_list_strings(&[YES, "否"])?
                    .set_input_title(col.label(m))?
                    .set_input_message("园区未按时报送数据的填“是”，否则留空")?;
                ws.add_data_validation(first, c, last, c, &dv)?;
            }
            Column::Vetoes if !m.vetoes.is_empty() => {
                let options: Vec<String> = m
                    .vetoes
                    .iter()
                    .map(|(id, v)| format!("{id}（{}）", v.label))
                    .collect();
                let mut msg = format!("填写事项编号，多项用逗号分隔：{}", options.join("；"));
                if msg.chars().count() > 250 {
                    msg = "填写事项编号（见“说明”表），多项用逗号分隔".into();
                }
                let dv = DataValidation::new()
                    .allow_any_value()
                    .set_input_title(col.label(m))?
                    .set_input_message(msg)?;
                ws.add_data_validation(first, c, last, c, &dv)?;
            }
            _ => {}
        }
    }
    for (i, park) in parks.iter().enumerate() {
        let r = first + i as u32;
        let record = park.years.get(&year);
        for (c, col) in cols.iter().enumerate() {
            let c = c as u16;
            match col {
                Column::Id => ws.write_string_with_format(r, c, park.id.as_str(), &locked)?,
                Column::Name => ws.write_string_with_format(r, c, &park.name, &locked)?,
                Column::Metric(k) => {
                    let f = if record.is_some_and(|rec| rec.is_derived(k)) {
                        &derived
                    } else if m.metrics[k].integer {
                        &input_int
                    } else {
                        &input
                    };
                    match record.and_then(|rec| rec.metrics.get(k)) {
                        Some(v) => ws.write_number_with_format(r, c, *v, f)?,
                        None => ws.write_blank(r, c, f)?,
                    }
                }
                Column::NotReported => match record.is_some_and(|rec| rec.not_reported) {
                    true => ws.write_string_with_format(r, c, YES, &input)?,
                    false => ws.write_blank(r, c, &input)?,
                },
                Column::Vetoes => match record.filter(|rec| !rec.vetoes.is_empty()) {
                    Some(rec) => {
                        ws.write_string_with_format(r, c, rec.vetoes.join(", "), &input)?
                    }
                    None => ws.write_blank(r, c, &input)?,
                },
                Column::TransitionOptIn | Column::Note => ws.write_blank(r, c, &input)?,
            };
        }
    }
    ws.set_freeze_panes(HEADER_ROWS, 2)?;
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::new()
    });
    Ok(())
}

/// Excel's own check of a metric's bounds, mirroring `rules::check_metric`.
/// `top_left` is the first cell of the range (for the one rule Excel cannot say
/// natively: a number > 0 and ≤ max).
fn validation(def: &MetricDef, top_left: &str) -> Result<DataValidation, XlsxError> {
    let positive_strict = def.positive && def.min <= 0.0;
    let lower = if def.positive {
        def.min.max(0.0)
    } else {
        def.min
    };
    let dv = DataValidation::new();
    let dv = if def.integer {
        let lo = if positive_strict {
            1
        } else {
            lower.ceil().clamp(i32::MIN as f64, i32::MAX as f64) as i32
        };
        match def.max {
            Some(max) => dv.allow_whole_number(DataValidationRule::Between(
                lo,
                max.floor().clamp(i32::MIN as f64, i32::MAX as f64) as i32,
            )),
            None => dv.allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(lo)),
        }
    } else {
        match (def.max, positive_strict) {
            (Some(max), false) => dv.allow_decimal_number(DataValidationRule::Between(lower, max)),
            (Some(max), true) => dv.allow_custom(Formula::new(format!(
                "=AND(ISNUMBER({top_left}),{top_left}>0,{top_left}<={max})"
            ))),
            (None, true) => dv.allow_decimal_number(DataValidationRule::GreaterThan(0.0)),
            (None, false) => {
                dv.allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(lower))
            }
        }
    };
    let unit = if def.unit.is_empty() {
        String::new()
    } else {
        format!("，单位：{}", def.unit)
    };
    let label: String = def.label.chars().take(30).collect();
    dv.set_input_title(label.clone())?
        .set_input_message(format!("取值要求：{}{unit}", bounds_text(def)))?
        .set_error_title(label)?
        .set_error_message(format!(
            "请输入数字，取值要求：{}{unit}。不要填写文字或单位。",
            bounds_text(def)
        ))
}

fn guide_sheet(
    ws: &mut Worksheet,
    data: &Dataset,
    year: i32,
    m: &Methodology,
    parks: usize,
) -> Result<(), XlsxError> {
    let title = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold();
    let header = header_format();
    let cell = Format::new().set_text_wrap().set_border(FormatBorder::Thin);
    ws.write_string_with_format(
        0,
        0,
        format!("{}：{year}年度数据填报表", data.site.title),
        &title,
    )?;
    ws.write_string_with_format(1, 0, YEAR_LABEL, &bold)?;
    ws.write_number(1, 1, year)?;
    ws.write_string_with_format(2, 0, "评价办法", &bold)?;
    ws.write_string(2, 1, format!("{}（{}）", m.title, m.source))?;
    ws.write_string_with_format(3, 0, "填报园区", &bold)?;
    ws.write_string(3, 1, format!("{parks} 个（当年运营且纳入评价范围的园区）"))?;

    let veto_list: Vec<String> = m
        .vetoes
        .iter()
        .map(|(id, v)| format!("{id}（{}）", v.label))
        .collect();
    let steps = [
        format!("只在“{SHEET}”表的白色单元格填写；园区编号、园区名称和第1—2行表头已锁定，请勿改动（第2行是导入时识别各列的编号）。"),
        "数值按下表的单位填写，只填数字，不带单位和文字；超出取值要求时 Excel 会提示。".to_string(),
        "空白单元格表示未填报。整行空白的园区导入时跳过，不会改动已有数据。".to_string(),
        format!("园区未按时报送年度数据的，在“数据缺报”列填“{YES}”；此时其余数值可以不填。"),
        format!("发生一票否决事项的，在“一票否决”列填事项编号，多项用逗号分隔：{}。", veto_list.join("；")),
        "表中已有的数值取自数据仓库，可直接更正。".to_string(),
        "灰色斜体的数值由园区入园企业名录（enterprises/<园区编号>/<年度>.csv）汇总得出，已锁定：请修改名录（parkscore template --rosters），不要在此改动。".to_string(),
        format!("填好后先预览改动：parkscore import {SHEET}-{year}.xlsx --dry-run；确认无误后去掉 --dry-run 导入，再运行 parkscore check。"),
    ];
    write_steps(ws, 5, &steps, &bold)?;

    let top = 7 + steps.len() as u32;
    ws.write_string_with_format(top, 0, "各列说明", &bold)?;
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
        ws.write_string_with_format(top + 1, c as u16, *h, &header)?;
    }
    let required = m.required_metrics();
    let mut r = top + 2;
    for (c, col) in template_columns(m).iter().enumerate() {
        let letter = column_name(c as u32);
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
                (
                    d.unit.clone(),
                    bounds_text(d),
                    if required.contains(&k.as_str()) {
                        "是"
                    } else {
                        "否"
                    },
                    if d.public {
                        "是"
                    } else {
                        "否（仅内部）"
                    },
                    used.join("、"),
                )
            }
            Column::Id | Column::Name => {
                (String::new(), "已填，勿改".into(), "", "", String::new())
            }
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
        let row = [
            letter,
            col.key().to_string(),
            col.label(m),
            unit,
            bounds,
            req.to_string(),
            public.to_string(),
            used,
        ];
        for (c, v) in row.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, v, &cell)?;
        }
        r += 1;
    }
    if !m.vetoes.is_empty() {
        r += 1;
        ws.write_string_with_format(r, 0, "一票否决事项", &bold)?;
        ws.write_string_with_format(r + 1, 1, "事项编号", &header)?;
        ws.write_string_with_format(r + 1, 2, "名称", &header)?;
        for (i, (id, v)) in m.vetoes.iter().enumerate() {
            let row = r + 2 + i as u32;
            ws.write_string_with_format(row, 1, id, &cell)?;
            ws.write_string_with_format(row, 2, &v.label, &cell)?;
        }
    }
    for (c, w) in [10.0, 22.0, 34.0, 8.0, 18.0, 12.0, 12.0, 30.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    Ok(())
}
