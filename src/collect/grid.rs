//! A filled workbook (.xlsx, via [`super::workbook`]) or CSV file → a plain grid of
//! cells at their Excel positions, so the import reads both the same way and names
//! cells as Excel does.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, ExcelDateTime};
use encoding_rs::{Encoding, GB18030, UTF_8};

use crate::error::{Error, Result, SheetError};

use super::layout::cell_name;
use super::workbook_guard::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_WORKBOOK_BYTES};

/// One cell's content, reduced to what the import distinguishes.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Number(f64),
    Text(String),
    Bool(bool),
    /// A date (or time) as the cell shows it: `2024-01-02`, never Excel's serial number.
    Date(String),
    /// An error value (`#DIV/0!`) or anything else that is not data here;
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
            Cell::Date(s) | Cell::Other(s) => Some(s.clone()),
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
    /// Merged ranges (first row, first column, last row, last column), 0-based.
    merges: Vec<(u32, u32, u32, u32)>,
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

    /// Records merged cells: every cell but the first is hidden under the merge.
    pub fn merge(&mut self, first: (u32, u32), last: (u32, u32)) {
        self.merges.push((first.0, first.1, last.0, last.1));
    }

    /// The merged range (`D7:E7`) that hides this cell, if one does: the cell is
    /// inside it and not its first cell, so Excel shows neither its value nor a box.
    pub fn hidden_by_merge(&self, row: u32, col: u32) -> Option<String> {
        self.merges
            .iter()
            .find(|(r0, c0, r1, c1)| {
                (*r0..=*r1).contains(&row) && (*c0..=*c1).contains(&col) && (row, col) != (*r0, *c0)
            })
            .map(|(r0, c0, r1, c1)| format!("{}:{}", cell_name(*r0, *c0), cell_name(*r1, *c1)))
    }
}

/// The text encoding a CSV file was read in (said in the dry run).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    /// UTF-16 with a byte-order mark: Excel's "Unicode 文本".
    Utf16,
    /// GB18030 (a superset of GBK): what Excel and WPS on Chinese Windows save as
    /// "CSV (逗号分隔)".
    Gb18030,
}

impl TextEncoding {
    pub fn describe(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16 => "UTF-16 (Excel “Unicode 文本”)",
            TextEncoding::Gb18030 => {
                "GB18030/GBK (Excel or WPS “CSV (逗号分隔)” on Chinese Windows)"
            }
        }
    }
}

/// What the import reads from a file: the fill-in sheet and the year it declares.
#[derive(Debug, Clone)]
pub struct Filled {
    pub grid: Grid,
    /// The year in 说明 (`评价年度`), if the workbook has one.
    pub year: Option<i32>,
    /// How a CSV file's text was decoded (`None` for a workbook).
    pub encoding: Option<TextEncoding>,
}

/// Reads `path`: `.csv` as UTF-8 CSV, anything else as a spreadsheet. A file over
/// [`MAX_WORKBOOK_BYTES`] is refused before it is read into memory.
pub fn read_file(path: &Path) -> Result<Filled> {
    let len = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if len > MAX_WORKBOOK_BYTES {
        return Err(Error::Sheet {
            file: path.display().to_string(),
            source: Box::new(SheetError::Refused {
                part: String::new(),
                reason: format!(
                    "file too large (got {len} bytes; expected at most {MAX_WORKBOOK_BYTES})"
                ),
            }),
        });
    }
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
        return read_csv(name, bytes).map(|(grid, encoding)| Filled {
            grid,
            year: None,
            encoding: Some(encoding),
        });
    }
    super::workbook::read_workbook(bytes)
}

pub(super) fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => Cell::Date(date_text(dt)),
        Data::DateTimeIso(s) | Data::DurationIso(s) => {
            Cell::Date(s.trim_end_matches("T00:00:00").to_string())
        }
        Data::Error(e) => Cell::Other(format!("{e}")),
    }
}

/// A date cell as Excel shows it (`2024-01-02`, with the time when it has one).
fn date_text(dt: &ExcelDateTime) -> String {
    if dt.is_duration() {
        return format!("a duration of {} days", dt.as_f64());
    }
    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{d:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
    }
}

/// CSV text: UTF-8 (with or without BOM), UTF-16 with a BOM, or else GB18030/GBK.
/// Valid UTF-8 is taken as UTF-8: Chinese GBK text is practically never valid UTF-8
/// (its two-byte characters do not form UTF-8 sequences), and ASCII reads the same.
fn decode(bytes: &[u8]) -> Option<(String, TextEncoding)> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let kind = if enc == UTF_8 {
            TextEncoding::Utf8
        } else {
            TextEncoding::Utf16
        };
        let text = enc.decode_without_bom_handling_and_without_replacement(&bytes[bom..])?;
        return Some((text.into_owned(), kind));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((text.to_string(), TextEncoding::Utf8));
    }
    GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| (t.into_owned(), TextEncoding::Gb18030))
}

/// Whether the header lines are separated by tabs rather than commas (Excel's
/// "文本文件（制表符分隔）" and "Unicode 文本" save that way).
fn tab_separated(text: &str) -> bool {
    let head: String = text.lines().take(2).collect::<Vec<_>>().join("\n");
    head.contains('\t') && !head.contains(',')
}

fn read_csv(name: &str, bytes: &[u8]) -> Result<(Grid, TextEncoding), SheetError> {
    let (text, encoding) = decode(bytes).ok_or(SheetError::Encoding)?;
    if tab_separated(&text) {
        return Err(SheetError::TabSeparated);
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = Grid::new(name);
    let mut cells: u64 = 0;
    for (r, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|source| SheetError::Csv {
            line: r + 1,
            source,
        })?;
        csv_within_limits(r, rec.len(), cells)?;
        for (c, field) in rec.iter().enumerate() {
            if !field.is_empty() {
                cells += 1;
                grid.set(r as u32, c as u32, Cell::Text(field.to_string()));
            }
        }
    }
    Ok((grid, encoding))
}

/// The sheet limits of a workbook, for a CSV file: before line `r` (0-based) with
/// `fields` fields, after `cells` non-empty cells.
fn csv_within_limits(r: usize, fields: usize, cells: u64) -> Result<(), SheetError> {
    let reason = if r >= MAX_ROWS as usize {
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
    Err(SheetError::Refused {
        part: String::new(),
        reason,
    })
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
    fn gbk_csv_is_decoded_and_says_so() {
        // 编号,税收 in GBK: B1E0 BAC5 , CBB0 CAD5
        let gbk = [
            0xB1u8, 0xE0, 0xBA, 0xC5, b',', 0xCB, 0xB0, 0xCA, 0xD5, b'\n', b'1', b',', b'2',
        ];
        let f = read_bytes("x.csv", &gbk).unwrap();
        assert_eq!(f.encoding, Some(TextEncoding::Gb18030));
        assert_eq!(f.grid.get(0, 0), &Cell::Text("编号".into()));
        assert_eq!(f.grid.get(0, 1), &Cell::Text("税收".into()));
        assert_eq!(f.grid.get(1, 1), &Cell::Text("2".into()));
    }

    #[test]
    fn utf8_utf16_and_undecodable_text() {
        let f = read_bytes("x.csv", "编号,税收\n".as_bytes()).unwrap();
        assert_eq!(f.encoding, Some(TextEncoding::Utf8));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "编号,税收\n".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        let f = read_bytes("x.csv", &utf16).unwrap();
        assert_eq!(f.encoding, Some(TextEncoding::Utf16));
        assert_eq!(f.grid.get(0, 1), &Cell::Text("税收".into()));
        // 0xFF is neither UTF-8 nor GB18030 (whose lead bytes are 0x81–0xFE).
        let e = read_bytes("x.csv", &[b'a', 0xFF, b'\n']).unwrap_err();
        assert!(e.to_string().contains("GB18030"), "{e}");
    }

    #[test]
    fn tab_separated_text_is_told_so() {
        let e = read_bytes("x.csv", "标签\t税收\nid\ttax_wan\n".as_bytes()).unwrap_err();
        assert!(e.to_string().contains("tab-separated"), "{e}");
        // A comma-separated file with a tab inside a label is still CSV.
        assert!(read_bytes("x.csv", "a\tb,c\nid,x\n".as_bytes()).is_ok());
    }

    #[test]
    fn dates_read_as_dates() {
        use calamine::ExcelDateTimeType;
        let d = ExcelDateTime::new(45293.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(date_text(&d), "2024-01-02");
        let d = ExcelDateTime::new(45293.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(date_text(&d), "2024-01-02 12:00:00");
    }

    #[test]
    fn cells_under_a_merge_are_hidden_but_its_first_is_not() {
        let mut g = Grid::new("填报");
        g.merge((6, 3), (6, 4));
        assert_eq!(g.hidden_by_merge(6, 4).as_deref(), Some("D7:E7"));
        assert_eq!(g.hidden_by_merge(6, 3), None);
        assert_eq!(g.hidden_by_merge(7, 4), None);
    }

    #[test]
    fn garbage_is_not_a_workbook() {
        let e = read_bytes("x.xlsx", b"hello").unwrap_err();
        assert!(
            matches!(&e, Error::Sheet { file, source } if file == "x.xlsx" && matches!(**source, SheetError::Refused { .. }))
        );
        let text = crate::error::chain(&e);
        assert_eq!(
            text,
            "x.xlsx: not a readable workbook (expected an .xlsx file, or a .csv)"
        );
    }
}
