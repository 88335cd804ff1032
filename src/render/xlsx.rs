//! A workbook view ([`crate::present::workbook`]) → `.xlsx` bytes. Numbers are
//! written as numbers in their column's display format, never as text, so they sort
//! and sum.
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
use crate::present::workbook::{Cell, Sheet, Style, Workbook};

/// The workbook's bytes.
pub fn write(book: Workbook) -> Result<Vec<u8>> {
    let what = format!("workbook {}", book.title);
    assemble(book).map_err(|e| Error::Xlsx {
        what,
        source: Box::new(e),
    })
}

fn assemble(book: Workbook) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Book::new();
    // The fastest deflate: a workbook is a few percent larger and written several
    // times faster (it is the slowest file of a large build at the default level).
    wb.set_zip_compression_level(3);
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

/// The formats every sheet shares: the header row's, and each numeric column's.
struct Formats {
    header: Format,
    int: Format,
    score: Format,
    value: Format,
    percent: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_border(FormatBorder::Thin),
            int: Format::new().set_num_format("0"),
            score: Format::new().set_num_format("0.00"),
            value: Format::new().set_num_format("#,##0.00##"),
            percent: Format::new().set_num_format("0.0%"),
        }
    }

    /// The display format of a column; text columns keep Excel's default.
    fn of(&self, style: Style) -> Option<&Format> {
        match style {
            Style::Text => None,
            Style::Int => Some(&self.int),
            Style::Score => Some(&self.score),
            Style::Value => Some(&self.value),
            Style::Percent => Some(&self.percent),
        }
    }
}

/// Header row, widths and column formats, frozen header, autofilter, then the rows
/// as they come. Cells carry no format of their own: they take their column's, so
/// writing one does not look a format up (the slow part of a large workbook).
fn table(ws: &mut Worksheet, sheet: Sheet, f: &Formats) -> Result<(), XlsxError> {
    ws.set_row_height(0, 32)?;
    for (c, col) in sheet.columns.iter().enumerate() {
        let c = c as u16;
        ws.set_column_width(c, col.width)?;
        if let Some(format) = f.of(col.style) {
            ws.set_column_format(c, format)?;
        }
        ws.write_string_with_format(0, c, &col.heading, &f.header)?;
    }
    ws.set_freeze_panes(1, sheet.freeze_cols)?;
    let last_col = sheet.columns.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, (sheet.len as u32).max(1), last_col)?;
    for (i, row) in sheet.rows.enumerate() {
        let r = 1 + i as u32;
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Some(Cell::Text(s)) => ws.write_string(r, c as u16, s.as_ref())?,
                Some(Cell::Number(v)) => ws.write_number(r, c as u16, *v)?,
                None => continue,
            };
        }
    }
    Ok(())
}
