//! `parkscore template --year Y --rosters`: the roster workbook a bureau sends to the
//! parks. One sheet per park, pre-filled with its firms: the year's own roster when
//! there is one (corrections), else last year's firms at year end with their
//! identity and 规上 year, so a park only fills in the year's figures, closes the
//! rows of firms that left and adds the newcomers. Excel checks dates, exit reasons,
//! recognitions and numbers as they are typed.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use crate::error::{Error, Result};
use crate::model::{Dataset, ExitReason, Firm, Park, RosterColumn};

use super::layout::{cell_name, YES};
use super::roster_layout::{
    roster_parks, sheet_names, SheetColumn, ROSTER_GUIDE, ROSTER_HEADER_ROWS, ROSTER_YEAR_LABEL,
    SHEET_LABEL, SPARE_ROWS,
};
use super::workbook_parts::{fixed_date, header_format, write_steps};

/// What a park's sheet starts with.
struct Prefill<'a> {
    firms: Vec<&'a Firm>,
    /// Whether the firms are the year's own roster (all figures) or last year's.
    this_year: bool,
}

fn prefill<'a>(data: &'a Dataset, park: &Park, year: i32) -> Prefill<'a> {
    if let Some(r) = data.rosters.get(park.id.as_str(), year) {
        return Prefill {
            firms: r.firms.iter().collect(),
            this_year: true,
        };
    }
    let firms = data
        .rosters
        .get(park.id.as_str(), year - 1)
        .map(|r| r.at_year_end().collect())
        .unwrap_or_default();
    Prefill {
        firms,
        this_year: false,
    }
}

/// The workbook bytes. Deterministic: fixed document date, parks in id order.
pub fn roster_template(data: &Dataset, year: i32) -> Result<Vec<u8>> {
    let parks = roster_parks(data, year);
    let names = sheet_names(&parks);
    let build = || -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        wb.set_properties(
            &DocProperties::new()
                .set_title(format!("{}：{year}年度入园企业名录", data.site.title))
                .set_author(&data.site.publisher)
                .set_creation_datetime(&fixed_date(year)?),
        );
        let fills: Vec<Prefill> = parks.iter().map(|p| prefill(data, p, year)).collect();
        guide(
            wb.add_worksheet().set_name(ROSTER_GUIDE)?,
            data,
            year,
            &parks,
            &names,
            &fills,
        )?;
        for (name, fill) in names.iter().zip(&fills) {
            park_sheet(wb.add_worksheet().set_name(name)?, year, fill)?;
        }
        wb.save_to_buffer()
    };
    build().map_err(|e| Error::Xlsx {
        what: format!("名录-{year}.xlsx"),
        source: Box::new(e),
    })
}

fn guide(
    ws: &mut Worksheet,
    data: &Dataset,
    year: i32,
    parks: &[&Park],
    names: &[String],
    fills: &[Prefill],
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_border(FormatBorder::Thin);
    ws.write_string_with_format(
        0,
        0,
        format!("{}：{year}年度入园企业名录", data.site.title),
        &Format::new().set_bold().set_font_size(14),
    )?;
    ws.write_string_with_format(1, 0, ROSTER_YEAR_LABEL, &bold)?;
    ws.write_number(1, 1, year)?;
    let reasons: Vec<String> = ExitReason::ALL
        .iter()
        .map(|r| r.label().to_string())
        .collect();
    let steps = [
        format!("每个园区一张工作表（见下表），每家企业一行：{year}年内任何时间在园的企业都要列出，{}年以前已退出的不列。", year),
        "表中已预填上年年末在园企业的代码、名称、行业、入园日期和规上起始年份：请填写本年的人数、营收、税收等数据；年内退出的企业填写退出日期和退出原因，不要删除该行；新入园企业在下方空行补充。".to_string(),
        "统一社会信用代码18位、大写字母；日期写成 2024-03-05；金额单位万元，只填数字。".to_string(),
        format!("退出原因从下拉列表选择：{}。“当年认定”各列在当年获得该认定时选“{YES}”。", reasons.join("、")),
        "规上起始年份：当前连续规上的起始年份，年末不是规上企业的留空。".to_string(),
        "第1—2行表头请勿改动（第2行是导入时识别各列的编号）。".to_string(),
        format!("填好后预览：parkscore import 名录-{year}.xlsx --dry-run；确认后去掉 --dry-run 导入，再运行 parkscore check。"),
    ];
    write_steps(ws, 3, &steps, &bold)?;
    let top = 5 + steps.len() as u32;
    for (c, h) in [SHEET_LABEL, "园区编号", "园区名称", "预填"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(top, c as u16, *h, &header_format())?;
    }
    for (i, ((park, name), fill)) in parks.iter().zip(names).zip(fills).enumerate() {
        let r = top + 1 + i as u32;
        let note = match (fill.firms.len(), fill.this_year) {
            (n, true) => format!("{year}年名录 {n} 行（更正）"),
            (0, false) => "无上年名录，请逐行填写".to_string(),
            (n, false) => format!("{}年年末在园企业 {n} 家", year - 1),
        };
        for (c, v) in [
            name.as_str(),
            park.id.as_str(),
            park.name.as_str(),
            note.as_str(),
        ]
        .iter()
        .enumerate()
        {
            ws.write_string_with_format(r, c as u16, *v, &wrap)?;
        }
    }
    for (c, w) in [12.0, 90.0, 40.0, 30.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    Ok(())
}

fn park_sheet(ws: &mut Worksheet, year: i32, fill: &Prefill) -> Result<(), XlsxError> {
    let cols = SheetColumn::all();
    let key = Format::new()
        .set_font_size(9)
        .set_font_color(Color::RGB(0x808080))
        .set_background_color(Color::RGB(0xF2F2F2))
        .set_align(FormatAlign::Center)
        .set_border(FormatBorder::Thin);
    let first = ROSTER_HEADER_ROWS;
    let last = first + fill.firms.len() as u32 + SPARE_ROWS - 1;
    for (c, col) in cols.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, col.label(), &header_format())?;
        ws.write_string_with_format(1, c, col.key(), &key)?;
        ws.set_column_width(c, width(*col))?;
        ws.set_column_format(c, &input_format(*col))?;
        ws.add_data_validation(
            first,
            c,
            last,
            c,
            &validation(*col, year, &cell_name(first, u32::from(c)))?,
        )?;
    }
    ws.set_row_height(0, 36)?;
    for (i, f) in fill.firms.iter().enumerate() {
        let r = first + i as u32;
        for (c, col) in cols.iter().enumerate() {
            write_cell(ws, r, c as u16, *col, f, fill.this_year)?;
        }
    }
    ws.set_freeze_panes(ROSTER_HEADER_ROWS, 2)?;
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        insert_rows: true,
        delete_rows: true,
        sort: true,
        use_autofilter: true,
        ..ProtectionOptions::new()
    });
    Ok(())
}

fn width(col: SheetColumn) -> f64 {
    match col {
        SheetColumn::Roster(RosterColumn::Uscc) => 22.0,
        SheetColumn::Roster(RosterColumn::Name) => 32.0,
        SheetColumn::Recognised(_) => 14.0,
        _ => 12.0,
    }
}

/// Unlocked input cells: text columns as text (an all-digit USCC keeps its 18
/// digits), dates as dates, numbers as numbers.
fn input_format(col: SheetColumn) -> Format {
    let f = Format::new().set_unlocked();
    match col {
        SheetColumn::Roster(RosterColumn::Entered | RosterColumn::Exited) => {
            f.set_num_format("yyyy-mm-dd")
        }
        SheetColumn::Roster(RosterColumn::Uscc | RosterColumn::Name | RosterColumn::Industry) => {
            f.set_num_format("@")
        }
        _ => f,
    }
}

fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    col: SheetColumn,
    f: &Firm,
    all: bool,
) -> Result<(), XlsxError> {
    use RosterColumn as C;
    let identity = matches!(
        col,
        SheetColumn::Roster(C::Uscc | C::Name | C::Industry | C::Entered | C::AboveScaleSince)
    );
    if !all && !identity {
        return Ok(());
    }
    let fmt = input_format(col);
    match col {
        SheetColumn::Recognised(rec) => {
            if f.recognitions.contains(rec) {
                ws.write_string_with_format(r, c, YES, &fmt)?;
            }
        }
        SheetColumn::Roster(C::Entered) => write_date(ws, r, c, Some(f.entered), &fmt)?,
        SheetColumn::Roster(C::Exited) => write_date(ws, r, c, f.exited, &fmt)?,
        SheetColumn::Roster(C::ExitReason) => {
            if let Some(reason) = f.exit_reason {
                ws.write_string_with_format(r, c, reason.label(), &fmt)?;
            }
        }
        SheetColumn::Roster(rc @ (C::Uscc | C::Name | C::Industry)) => {
            ws.write_string_with_format(r, c, rc.text(f), &fmt)?;
        }
        SheetColumn::Roster(rc) => {
            let text = rc.text(f);
            if let Ok(v) = text.parse::<f64>() {
                ws.write_number_with_format(r, c, v, &fmt)?;
            }
        }
    }
    Ok(())
}

fn write_date(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    d: Option<crate::model::Date>,
    fmt: &Format,
) -> Result<(), XlsxError> {
    if let Some(d) = d {
        let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
        ws.write_datetime_with_format(r, c, &dt, fmt)?;
    }
    Ok(())
}

/// Excel's own check of a column, mirroring the loader's rules where Excel can.
fn validation(col: SheetColumn, year: i32, top_left: &str) -> Result<DataValidation, XlsxError> {
    use RosterColumn as C;
    let dv = DataValidation::new();
    let y = u16::try_from(year).unwrap_or(2000);
    let (dv, title, message) = match col {
        SheetColumn::Recognised(r) => (
            dv.allow_list_strings(&[YES])?,
            r.label().to_string(),
            format!("当年获得{}认定的填“{YES}”，否则留空", r.label()),
        ),
        SheetColumn::Roster(c) => match c {
            C::Uscc => (
                dv.allow_custom(Formula::new(format!("=LEN({top_left})=18"))),
                c.label().to_string(),
                "18位，字母大写".to_string(),
            ),
            C::Entered => (
                dv.allow_date(DataValidationRule::LessThanOrEqualTo(
                    ExcelDateTime::from_ymd(y, 12, 31)?,
                )),
                c.label().to_string(),
                format!("日期，不晚于{year}-12-31"),
            ),
            C::Exited => (
                dv.allow_date(DataValidationRule::Between(
                    ExcelDateTime::from_ymd(y, 1, 1)?,
                    ExcelDateTime::from_ymd(y, 12, 31)?,
                )),
                c.label().to_string(),
                format!("{year}年内的日期；年末仍在园的留空"),
            ),
            C::ExitReason => {
                let labels: Vec<&str> = ExitReason::ALL.iter().map(|r| r.label()).collect();
                (
                    dv.allow_list_strings(&labels)?,
                    c.label().to_string(),
                    "有退出日期时必填".to_string(),
                )
            }
            C::Employees | C::PatentsInvention | C::PatentsUtility | C::PatentsDesign => (
                dv.allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
                c.label().to_string(),
                "整数，≥ 0".to_string(),
            ),
            C::RevenueWan | C::TaxWan | C::RdWan => (
                dv.allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
                c.label().to_string(),
                "万元，≥ 0，只填数字".to_string(),
            ),
            C::AboveScaleSince => (
                dv.allow_whole_number(DataValidationRule::Between(1949, year)),
                c.label().to_string(),
                format!("四位年份，不晚于{year}；年末非规上的留空"),
            ),
            C::Name | C::Industry | C::Recognitions => (
                dv.allow_any_value(),
                c.label().to_string(),
                if c == C::Industry {
                    "GB/T 4754-2017 代码，如 C39、C3981".to_string()
                } else {
                    "企业全称".to_string()
                },
            ),
        },
    };
    let title: String = title.chars().take(30).collect();
    dv.set_input_title(title.clone())?
        .set_input_message(message.clone())?
        .set_error_title(title)?
        .set_error_message(message)
}
