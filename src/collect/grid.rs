//! A filled workbook (xlsx, xls, ods via calamine) or CSV file → a plain grid of
//! cells at their Excel positions, so the import reads both the same way and names
//! cells as Excel does.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{open_workbook_auto_from_rs, Data, Reader};

use crate::error::{Error, Result, SheetError};

use super::layout::{GUIDE, SHEET, YEAR_LABEL};

/// One cell's content, reduced to what the import distinguishes.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Number(f64),
    Text(String),
    Bool(bool),
    /// A date, an error value (`#DIV/0!`) or anything else that is not data here;
    /// the text says what it was.
    Other(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text for keys and ids (`None` when empty).
    pub fn text(&self) -> Option<String> {
        match self {
            Cell::Empty => None,
            Cell::Text(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            Cell::Number(n) => Some(format!("{n}")),
            Cell::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.to_string()),
            Cell::Other(s) => Some(s.clone()),
        }
    }
}

/// The cells of one sheet by 0-based (row, column).
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// How cells are named in messages: the sheet name, or the CSV file name.
    pub sheet: String,
    cells: BTreeMap<(u32, u32), Cell>,
    pub rows: u32,
    pub cols: u32,
}

impl Grid {
    pub fn new(sheet: impl Into<String>) -> Grid {
        Grid {
            sheet: sheet.into(),
            ..Grid::default()
        }
    }

    pub fn set(&mut self, row: u32, col: u32, cell: Cell) {
        if cell == Cell::Empty {
            return;
        }
        self.rows = self.rows.max(row + 1);
        self.cols = self.cols.max(col + 1);
        self.cells.insert((row, col), cell);
    }

    pub fn get(&self, row: u32, col: u32) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.cells.get(&(row, col)).unwrap_or(&EMPTY)
    }
}

/// What the import reads from a file: the fill-in sheet and the year it declares.
#[derive(Debug, Clone)]
pub struct Filled {
    pub grid: Grid,
    /// The year in 说明 (`评价年度`), if the workbook has one.
    pub year: Option<i32>,
}

/// Reads `path`: `.csv` as UTF-8 CSV, anything else as a spreadsheet.
pub fn read_file(path: &Path) -> Result<Filled> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    parse(&name, &bytes).map_err(|source| Error::Sheet {
        file: path.display().to_string(),
        source: Box::new(source),
    })
}

/// Reads a file's bytes; `name` decides the format (`.csv`), names CSV cells and
/// the file in errors.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Filled> {
    parse(name, bytes).map_err(|source| Error::Sheet {
        file: name.to_string(),
        source: Box::new(source),
    })
}

fn parse(name: &str, bytes: &[u8]) -> Result<Filled, SheetError> {
    if name.to_lowercase().ends_with(".csv") {
        return read_csv(name, bytes).map(|grid| Filled { grid, year: None });
    }
    let mut wb =
        open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(SheetError::NotAWorkbook)?;
    let names = wb.sheet_names();
    let sheet = if names.iter().any(|n| n == SHEET) {
        SHEET.to_string()
    } else if names.len() == 1 {
        names[0].clone()
    } else {
        return Err(SheetError::NoSheet {
            want: SHEET,
            found: names,
        });
    };
    let range = wb
        .worksheet_range(&sheet)
        .map_err(|source| SheetError::Sheet {
            sheet: sheet.clone(),
            source,
        })?;
    let mut grid = Grid::new(&sheet);
    for (r, c, d) in range.used_cells() {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        grid.set(r0 + r as u32, c0 + c as u32, cell(d));
    }
    let year = if names.iter().any(|n| n == GUIDE) {
        wb.worksheet_range(GUIDE).ok().and_then(|g| {
            let (r0, c0) = g.start().unwrap_or((0, 0));
            g.used_cells()
                .find(|(_, _, d)| matches!(d, Data::String(s) if s.trim() == YEAR_LABEL))
                .and_then(|(r, c, _)| g.get_value((r0 + r as u32, c0 + c as u32 + 1)))
                .and_then(|d| match cell(d) {
                    Cell::Number(n) if n.fract() == 0.0 => Some(n as i32),
                    Cell::Text(t) => t.trim().parse().ok(),
                    _ => None,
                })
        })
    } else {
        None
    };
    Ok(Filled { grid, year })
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => Cell::Other(format!("a date ({})", dt.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Other(format!("a date ({s})")),
        Data::Error(e) => Cell::Other(format!("{e}")),
    }
}

fn read_csv(name: &str, bytes: &[u8]) -> Result<Grid, SheetError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if std::str::from_utf8(bytes).is_err() {
        return Err(SheetError::NotUtf8);
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut grid = Grid::new(name);
    for (r, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|source| SheetError::Csv {
            line: r + 1,
            source,
        })?;
        for (c, field) in rec.iter().enumerate() {
            if !field.is_empty() {
                grid.set(r as u32, c as u32, Cell::Text(field.to_string()));
            }
        }
    }
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_keep_their_positions_and_drop_the_bom() {
        let f = read_bytes(
            "x.csv",
            "\u{feff}标签,税收\nid,tax_wan\na,\"1,200\"\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(f.grid.sheet, "x.csv");
        assert_eq!(f.grid.get(1, 0), &Cell::Text("id".into()));
        assert_eq!(f.grid.get(2, 1), &Cell::Text("1,200".into()));
        assert_eq!(f.grid.get(2, 2), &Cell::Empty);
        assert_eq!((f.grid.rows, f.grid.cols), (3, 2));
    }

    #[test]
    fn gbk_csv_gets_a_clear_error() {
        let gbk = [0xB1u8, 0xE0, 0xBA, 0xC5, b'\n'];
        let e = read_bytes("x.csv", &gbk).unwrap_err().to_string();
        assert_eq!(
            e,
            "x.csv: not UTF-8 text (save it from Excel as “CSV UTF-8”, or import the .xlsx)"
        );
    }

    #[test]
    fn garbage_is_not_a_workbook() {
        let e = read_bytes("x.xlsx", b"hello").unwrap_err();
        assert!(
            matches!(&e, Error::Sheet { file, source } if file == "x.xlsx" && matches!(**source, SheetError::NotAWorkbook(_)))
        );
        let text = crate::error::chain(&e);
        assert!(
            text.starts_with("x.xlsx: not a readable workbook ("),
            "{text}"
        );
        assert!(
            text.ends_with("; expected .xlsx, .xls, .ods or .csv)"),
            "the cause is quoted once: {text}"
        );
    }
}
