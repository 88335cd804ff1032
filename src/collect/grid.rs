//! A filled workbook (.xlsx, via [`super::workbook`]) or CSV file → a plain grid of
//! cells at their Excel positions, so the import reads both the same way and names
//! cells as Excel does.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::Data;

use crate::error::{Error, Problem, Result};

use super::workbook_guard::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_WORKBOOK_BYTES};

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

/// Reads `path`: `.csv` as UTF-8 CSV, anything else as a spreadsheet. A file over
/// [`MAX_WORKBOOK_BYTES`] is refused before it is read into memory.
pub fn read_file(path: &Path) -> Result<Filled> {
    let len = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if len > MAX_WORKBOOK_BYTES {
        return Err(Error::Invalid(vec![Problem::new(
            path.display().to_string(),
            "",
            format!("file too large (got {len} bytes; expected at most {MAX_WORKBOOK_BYTES})"),
        )]));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    read_bytes(&name, &bytes).map_err(|e| match e {
        Error::Other(msg) => Error::Other(format!("{}: {msg}", path.display())),
        other => other,
    })
}

/// Reads a file's bytes; `name` decides the format (`.csv`) and names CSV cells.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Filled> {
    if name.to_lowercase().ends_with(".csv") {
        return read_csv(name, bytes).map(|grid| Filled { grid, year: None });
    }
    super::workbook::read_workbook(name, bytes)
}

pub(super) fn cell(d: &Data) -> Cell {
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

fn read_csv(name: &str, bytes: &[u8]) -> Result<Grid> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if std::str::from_utf8(bytes).is_err() {
        return Err(Error::Other(
            "not UTF-8 text (save it from Excel as “CSV UTF-8”, or import the .xlsx)".into(),
        ));
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut grid = Grid::new(name);
    let mut cells: u64 = 0;
    for (r, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| Error::Other(format!("CSV line {}: {e}", r + 1)))?;
        csv_within_limits(name, r, rec.len(), cells)?;
        for (c, field) in rec.iter().enumerate() {
            if !field.is_empty() {
                cells += 1;
                grid.set(r as u32, c as u32, Cell::Text(field.to_string()));
            }
        }
    }
    Ok(grid)
}

/// The sheet limits of a workbook, for a CSV file: before line `r` (0-based) with
/// `fields` fields, after `cells` non-empty cells.
fn csv_within_limits(name: &str, r: usize, fields: usize, cells: u64) -> Result<()> {
    let message = if r >= MAX_ROWS as usize {
        format!("more than {MAX_ROWS} lines (expected one line per park)")
    } else if fields > MAX_COLUMNS as usize {
        format!(
            "line {} has {fields} fields (expected at most {MAX_COLUMNS})",
            r + 1
        )
    } else if cells + fields as u64 > MAX_CELLS {
        format!("more than {MAX_CELLS} cells (expected at most {MAX_CELLS})")
    } else {
        return Ok(());
    };
    Err(Error::Invalid(vec![Problem::new(name, "", message)]))
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
        assert!(e.contains("CSV UTF-8"), "{e}");
    }

    #[test]
    fn garbage_is_not_a_workbook() {
        let e = read_bytes("x.xlsx", b"hello").unwrap_err().to_string();
        assert!(e.contains("not a readable workbook"), "{e}");
    }
}
