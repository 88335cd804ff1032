//! `downloads/enterprises-<Y>.xlsx` (internal builds): the consolidated roster as a
//! workbook, figures as numbers so they sort and sum. Text cells are written as
//! strings, so a firm name starting with `=` stays text.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};

use crate::error::{Error, Result};
use crate::present::monitoring::RosterTable;

/// The workbook bytes; deterministic (the document date comes from the year).
pub fn roster_workbook(table: &RosterTable, title: &str) -> Result<Vec<u8>> {
    build(table, title).map_err(|e| Error::Xlsx {
        what: format!("downloads/{}.xlsx", table.stem()),
        source: Box::new(e),
    })
}

fn build(table: &RosterTable, title: &str) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(u16::try_from(table.year + 1).unwrap_or(2000), 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{title} {}年度入园企业名录（内部）", table.year))
            .set_creation_datetime(&created),
    );
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border(FormatBorder::Thin);
    let text = Format::new().set_border(FormatBorder::Thin);
    let number = text.clone().set_num_format("#,##0.####");
    // Constant memory: each row goes to a scratch file as it is written (a year may
    // hold a million firms), like the results workbooks.
    let ws = wb
        .add_worksheet_with_constant_memory()?
        .set_name(format!("{}年名录", table.year))?;
    for (c, h) in table.header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &header)?;
        ws.set_column_width(c as u16, if c == 1 || c == 3 { 30.0 } else { 13.0 })?;
    }
    let mut rows = 0u32;
    for (r, row) in table.rows().enumerate() {
        rows += 1;
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell.text.parse::<f64>() {
                Ok(v) if cell.number => ws.write_number_with_format(r, c, v, &number)?,
                _ => ws.write_string_with_format(r, c, &cell.text, &text)?,
            };
        }
    }
    ws.set_freeze_panes(1, 4)?;
    if rows > 0 {
        ws.autofilter(0, 0, rows, table.header.len() as u16 - 1)?;
    }
    wb.save_to_buffer()
}
