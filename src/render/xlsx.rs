//! A workbook view ([`crate::present::workbook`]) → `.xlsx` bytes. Numbers are
//! written as numbers with display formats, never as text, so they sort and sum.
//! The bytes are identical across builds: the document date comes from the view
//! (the year), not the clock, and rust_xlsxwriter stamps zip entries with a fixed time.
//! Sheets are written in rust_xlsxwriter's constant-memory mode: each row goes to a
//! scratch file in the system's temporary folder as soon as it is complete (the
//! library removes it), so memory stays flat however many parks a sheet lists.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook as Book,
    Worksheet, XlsxError,
};

use crate::error::{Error, Result};
use crate::present::workbook::{Cell, CellValue, Sheet, Style, Workbook};

/// The workbook's bytes.
pub fn write(book: Workbook) -> Result<Vec<u8>> {
    let what = format!("workbook {}", book.title);
    assemble(book).map_err(|e| Error::Render {
        what,
        message: e.to_string(),
    })
}

fn assemble(book: Workbook) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Book::new();
    let created = ExcelDateTime::from_ymd(u16::try_from(book.created_year).unwrap_or(2000), 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(&book.title)
            .set_author(book.publisher)
            .set_company(book.publisher)
            .set_comment(&book.comment)
            .set_creation_datetime(&created),
    );
    let f = Formats::new();
    for sheet in book.sheets {
        // Rows go to a scratch file as they are written, so a national roll-up's
        // workbook does not hold millions of cells in memory.
        let ws = wb
            .add_worksheet_with_constant_memory()?
            .set_name(sheet.name)?;
        table(ws, sheet, &f)?;
    }
    wb.save_to_buffer()
}

/// The formats every sheet shares.
struct Formats {
    header: Format,
    text: Format,
    int: Format,
    score: Format,
    value: Format,
    percent: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new().set_border(FormatBorder::Thin);
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_border(FormatBorder::Thin),
            text: cell.clone(),
            int: cell.clone().set_num_format("0"),
            score: cell.clone().set_num_format("0.00"),
            value: cell.clone().set_num_format("#,##0.00##"),
            percent: cell.set_num_format("0.0%"),
        }
    }

    fn of(&self, style: Style) -> &Format {
        match style {
            Style::Text => &self.text,
            Style::Int => &self.int,
            Style::Score => &self.score,
            Style::Value => &self.value,
            Style::Percent => &self.percent,
        }
    }
}

/// Header row, widths, frozen header, autofilter, then the rows as they come.
fn table(ws: &mut Worksheet, sheet: Sheet, f: &Formats) -> Result<(), XlsxError> {
    ws.set_row_height(0, 32)?;
    for (c, (h, w)) in sheet.columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &f.header)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(1, sheet.freeze_cols)?;
    let last_col = sheet.columns.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, (sheet.len as u32).max(1), last_col)?;
    for (i, row) in sheet.rows.enumerate() {
        for (c, cell) in row.iter().enumerate() {
            write_cell(ws, 1 + i as u32, c as u16, cell, f)?;
        }
    }
    Ok(())
}

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    f: &Formats,
) -> Result<(), XlsxError> {
    let format = f.of(cell.style);
    match &cell.value {
        Some(CellValue::Text(s)) => ws.write_string_with_format(row, col, s.as_ref(), format)?,
        Some(CellValue::Number(v)) => ws.write_number_with_format(row, col, *v, format)?,
        None => ws.write_blank(row, col, format)?,
    };
    Ok(())
}
