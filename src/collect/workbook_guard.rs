//! A workbook from outside, checked before calamine reads a byte of it. calamine
//! trusts what it reads: a cell reference like `ZZZZZZ99999999999` overflows inside
//! it, a value in Excel's last cell makes it allocate the whole sheet, and a 1.5 MB
//! zip bomb unpacks to gigabytes. So the zip's central directory (entries and
//! declared sizes), every part as actually unpacked (streamed, never held), and every
//! cell and row reference of every sheet are checked against the limits below.
//!
//! Only `.xlsx` (and `.xlsm`) is read: the other formats calamine knows (`.xls`,
//! `.xlsb`, `.ods`) cannot be checked this way, and Excel and WPS save `.xlsx`.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use zip::ZipArchive;

use crate::error::SheetError;

/// Largest workbook file read at all.
pub const MAX_WORKBOOK_BYTES: u64 = 50 * 1024 * 1024;
/// Most parts (files) in the zip; a workbook has a dozen or two.
pub const MAX_PARTS: usize = 1000;
/// Largest part once unpacked: a sheet (streamed, never held: 100,000 park rows of
/// 24 columns are 75 MiB of XML), any other part (calamine holds shared strings),
/// and all parts together.
pub const MAX_SHEET_BYTES: u64 = 256 * 1024 * 1024;
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
pub const MAX_TOTAL_BYTES: u64 = 320 * 1024 * 1024;
/// Largest sheet: rows (a national roll-up has 100,000 parks), columns, and cells
/// (written cells, and shared strings).
pub const MAX_ROWS: u32 = 120_000;
pub const MAX_COLUMNS: u32 = 500;
pub const MAX_CELLS: u64 = 2_500_000;
/// Most merged ranges in a sheet (each is tested against every cell); the template has none.
pub const MAX_MERGES: u64 = 1_000;
/// Excel's own limits, which a cell reference must respect to be parsed at all.
const EXCEL_ROWS: u32 = 1_048_576;
const EXCEL_COLUMNS: u32 = 16_384;

/// Checks a workbook's `bytes` against every limit; the error names the part of
/// the workbook it is about.
pub fn check(bytes: &[u8]) -> Result<(), SheetError> {
    let refuse = |part: &str, reason: String| SheetError::Refused {
        part: part.to_string(),
        reason,
    };
    if bytes.len() as u64 > MAX_WORKBOOK_BYTES {
        return Err(refuse(
            "",
            format!(
                "workbook too large (got {} bytes; expected at most {MAX_WORKBOOK_BYTES})",
                bytes.len()
            ),
        ));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(refuse("", "an Excel 97–2003 workbook (.xls) cannot be checked before reading (expected .xlsx: in Excel or WPS, 另存为 → Excel 工作簿 .xlsx)".into()));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(refuse(
            "",
            "not a readable workbook (expected an .xlsx file, or a .csv)".into(),
        ));
    }
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        refuse(
            "",
            format!("damaged workbook ({e}; expected an .xlsx file)"),
        )
    })?;
    if zip.len() > MAX_PARTS {
        return Err(refuse(
            "",
            format!(
                "too many parts in the workbook (got {}; expected at most {MAX_PARTS})",
                zip.len()
            ),
        ));
    }
    check_kind(&zip).map_err(|m| refuse("", m))?;
    check_declared(&mut zip).map_err(|(part, m)| refuse(&part, m))?;
    check_unpacked(&mut zip).map_err(|(part, m)| refuse(&part, m))
}

type PartProblem = (String, String);

fn check_kind(zip: &ZipArchive<Cursor<&[u8]>>) -> Result<(), String> {
    let has = |n: &str| zip.file_names().any(|f| f.is_ok_and(|f| f == n));
    if has("xl/workbook.xml") {
        Ok(())
    } else if has("xl/workbook.bin") {
        Err("a binary workbook (.xlsb) cannot be checked before reading (expected .xlsx: 另存为 → Excel 工作簿 .xlsx)".into())
    } else if has("content.xml") {
        Err("an OpenDocument spreadsheet (.ods) cannot be checked before reading (expected .xlsx: save it as Excel 2007-365 .xlsx)".into())
    } else {
        Err(
            "a zip file but not an Excel workbook (expected an .xlsx file with xl/workbook.xml)"
                .into(),
        )
    }
}

/// The sizes the central directory declares, before unpacking anything.
fn check_declared(zip: &mut ZipArchive<Cursor<&[u8]>>) -> Result<(), PartProblem> {
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| damaged(i, e))?;
        let size = entry.size();
        let name = part_name(&entry, i);
        let max = part_limit(&name);
        if size > max {
            return Err((name, too_big(size, max)));
        }
        total = total.saturating_add(size);
        if total > MAX_TOTAL_BYTES {
            return Err((name, too_big(total, MAX_TOTAL_BYTES)));
        }
    }
    Ok(())
}

fn part_limit(name: &str) -> u64 {
    if is_sheet(name) {
        MAX_SHEET_BYTES
    } else {
        MAX_PART_BYTES
    }
}

fn damaged(i: usize, e: zip::result::ZipError) -> PartProblem {
    (format!("part {i}"), format!("damaged workbook ({e})"))
}

/// The part's path in the zip, or its index when the name does not decode.
fn part_name<R: Read>(entry: &zip::read::ZipFile<'_, R>, i: usize) -> String {
    entry
        .name()
        .map(|n| n.into_owned())
        .unwrap_or_else(|_| format!("part {i}"))
}

fn too_big(got: u64, max: u64) -> String {
    format!(
        "unpacks to {} MiB or more (expected at most {} MiB; this looks like a zip bomb)",
        got / (1024 * 1024),
        max / (1024 * 1024)
    )
}

/// Every part unpacked as a stream, counting bytes; sheets and shared strings are
/// read as XML on the way, so nothing is held but a small buffer.
fn check_unpacked(zip: &mut ZipArchive<Cursor<&[u8]>>) -> Result<(), PartProblem> {
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| damaged(i, e))?;
        let name = part_name(&entry, i);
        let declared = entry.size();
        let mut counted = Counted {
            inner: entry,
            read: 0,
            limit: declared.min(part_limit(&name)),
        };
        let scanned = if is_sheet(&name) {
            scan_sheet(&mut counted)
        } else if name == "xl/sharedStrings.xml" {
            scan_shared_strings(&mut counted)
        } else {
            std::io::copy(&mut counted, &mut std::io::sink())
                .map(|_| ())
                .map_err(|e| format!("damaged part ({e})"))
        };
        if counted.read > counted.limit {
            return Err((name, format!("unpacks to more than the {declared} bytes it declares (expected the size in the zip directory; this looks like a zip bomb)")));
        }
        scanned.map_err(|m| (name.clone(), m))?;
        total += counted.read;
        if total > MAX_TOTAL_BYTES {
            return Err((name, too_big(total, MAX_TOTAL_BYTES)));
        }
    }
    Ok(())
}

fn is_sheet(part: &str) -> bool {
    part.starts_with("xl/worksheets/") && part.ends_with(".xml") && !part[14..].contains('/')
}

/// A reader that stops one byte past `limit`, so an entry that unpacks to more than
/// it declares is caught without unpacking it all.
struct Counted<R> {
    inner: R,
    read: u64,
    limit: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.read > self.limit {
            return Ok(0);
        }
        let room = (self.limit + 1 - self.read).min(buf.len() as u64) as usize;
        let n = self.inner.read(&mut buf[..room])?;
        self.read += n as u64;
        Ok(n)
    }
}

/// Where a sheet's cells reach, as its XML says.
#[derive(Debug, Default)]
struct Extent {
    cells: u64,
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Extent {
    fn add(&mut self, row: u32, col: u32) -> Result<(), String> {
        self.cells += 1;
        let grow =
            |r: Option<(u32, u32)>, x: u32| Some(r.map_or((x, x), |(a, b)| (a.min(x), b.max(x))));
        self.rows = grow(self.rows, row);
        self.cols = grow(self.cols, col);
        let span = |r: Option<(u32, u32)>| r.map_or(0, |(a, b)| b - a + 1);
        let (rows, cols) = (span(self.rows), span(self.cols));
        if rows > MAX_ROWS {
            return Err(format!("the sheet spans {rows} rows or more (expected at most {MAX_ROWS}: one row per park)"));
        }
        if cols > MAX_COLUMNS {
            return Err(format!(
                "the sheet spans {cols} columns or more (expected at most {MAX_COLUMNS})"
            ));
        }
        if self.cells > MAX_CELLS {
            return Err(format!(
                "the sheet has more than {MAX_CELLS} cells (expected at most {MAX_CELLS})"
            ));
        }
        Ok(())
    }
}

fn scan_sheet<R: Read>(part: R) -> Result<(), String> {
    let mut xml = Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    let mut extent = Extent::default();
    let mut merges: u64 = 0;
    let (mut row, mut col): (u32, Option<u32>) = (0, None);
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| format!("damaged sheet XML ({e})"))?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "dimension" => {
                    for r in attr(e, "ref")?.unwrap_or_default().split(':') {
                        cell_ref(r)?;
                    }
                }
                "mergeCell" => {
                    merges += 1;
                    if merges > MAX_MERGES {
                        return Err(format!(
                            "more than {MAX_MERGES} merged ranges (expected a few)"
                        ));
                    }
                    for r in attr(e, "ref")?.unwrap_or_default().split(':') {
                        cell_ref(r)?;
                    }
                }
                "row" => {
                    row = match attr(e, "r")? {
                        Some(r) => row_number(&r)?,
                        None => row.saturating_add(1),
                    };
                    col = None;
                }
                "c" => {
                    let (r, c) = match attr(e, "r")? {
                        Some(r) => cell_ref(&r)?,
                        None => (row.max(1), col.map_or(1, |c| c.saturating_add(1))),
                    };
                    if c > EXCEL_COLUMNS || r > EXCEL_ROWS {
                        return Err(format!("a cell beyond Excel's last (expected at most {EXCEL_COLUMNS} columns and {EXCEL_ROWS} rows)"));
                    }
                    col = Some(c);
                    extent.add(r, c)?;
                }
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

fn scan_shared_strings<R: Read>(part: R) -> Result<(), String> {
    let mut xml = Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    let mut count: u64 = 0;
    loop {
        match xml
            .read_event_into(&mut buf)
            .map_err(|e| format!("damaged shared strings XML ({e})"))?
        {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "si" => {
                count += 1;
                if count > MAX_CELLS {
                    return Err(format!(
                        "more than {MAX_CELLS} shared strings (expected at most one per cell)"
                    ));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

fn attr(e: &BytesStart, name: &str) -> Result<Option<String>, String> {
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|err| format!("damaged sheet XML ({err})"))?;
        if a.key.local_name().as_ref() == name {
            return Ok(Some(a.value.into_owned()));
        }
    }
    Ok(None)
}

/// `B7` → (7, 2), 1-based; anything calamine could not parse, or beyond Excel's
/// last cell XFD1048576, is refused with the reference as written.
fn cell_ref(r: &str) -> Result<(u32, u32), String> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    let refused = || {
        format!(
            "cell reference out of range (got `{}`; expected A1 to XFD1048576)",
            crate::model::abbreviate(r, 30)
        )
    };
    if !(1..=3).contains(&letters) {
        return Err(refused());
    }
    let col = r[..letters].bytes().fold(0u32, |acc, b| {
        acc * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    });
    let row = row_number(&r[letters..]).map_err(|_| refused())?;
    if col > EXCEL_COLUMNS {
        return Err(refused());
    }
    Ok((row, col))
}

/// A 1-based row number within Excel's rows.
fn row_number(s: &str) -> Result<u32, String> {
    let ok = !s.is_empty() && s.len() <= 7 && s.bytes().all(|b| b.is_ascii_digit());
    match s.parse::<u32>() {
        Ok(n) if ok && (1..=EXCEL_ROWS).contains(&n) => Ok(n),
        _ => Err(format!(
            "row number out of range (got `{}`; expected 1 to {EXCEL_ROWS})",
            crate::model::abbreviate(s, 30)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_are_parsed_without_overflow() {
        assert_eq!(cell_ref("A1"), Ok((1, 1)));
        assert_eq!(cell_ref("b7"), Ok((7, 2)));
        assert_eq!(cell_ref("XFD1048576"), Ok((1_048_576, 16_384)));
        for bad in [
            "ZZZZZZ99999999999",
            "XFE1",
            "A1048577",
            "A0",
            "1A",
            "",
            "A",
            "AAAA1",
            "A-1",
        ] {
            assert!(cell_ref(bad).is_err(), "{bad}");
        }
        let e = cell_ref("ZZZZZZ99999999999").unwrap_err();
        assert_eq!(
            e,
            "cell reference out of range (got `ZZZZZZ99999999999`; expected A1 to XFD1048576)"
        );
    }

    #[test]
    fn a_sheet_is_measured_from_its_cells() {
        let sheet = |cells: &str| {
            format!(
                "<worksheet xmlns=\"x\"><dimension ref=\"A1:C3\"/><sheetData>{cells}</sheetData></worksheet>"
            )
        };
        let ok = sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c><v>2</v></c></row><row><c/></row>");
        assert_eq!(scan_sheet(ok.as_bytes()), Ok(()));
        let far = sheet("<row r=\"1\"><c r=\"A1\"/></row><row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>");
        let e = scan_sheet(far.as_bytes()).unwrap_err();
        assert!(e.starts_with("the sheet spans 1048576 rows"), "{e}");
        let wide = sheet("<row r=\"1\"><c r=\"A1\"/><c r=\"SG1\"/></row>");
        assert!(scan_sheet(wide.as_bytes())
            .unwrap_err()
            .contains("501 columns"));
        let bad_dimension = "<worksheet><dimension ref=\"A1:ZZZZZZ99999999999\"/></worksheet>";
        assert!(scan_sheet(bad_dimension.as_bytes())
            .unwrap_err()
            .contains("ZZZZZZ"));
        let merges = format!(
            "<mergeCells>{}</mergeCells>",
            "<mergeCell ref=\"A1:B1\"/>".repeat(1001)
        );
        assert!(scan_sheet(sheet(&merges).as_bytes())
            .unwrap_err()
            .contains("merged ranges"));
        let bad_merge = sheet("<mergeCells><mergeCell ref=\"A1:ZZZZZZ1\"/></mergeCells>");
        assert!(scan_sheet(bad_merge.as_bytes())
            .unwrap_err()
            .contains("ZZZZZZ1"));
        let bad_row = sheet("<row r=\"99999999999\"><c><v>1</v></c></row>");
        assert!(scan_sheet(bad_row.as_bytes())
            .unwrap_err()
            .contains("row number"));
    }

    #[test]
    fn a_reader_stops_just_past_its_limit() {
        let mut r = Counted {
            inner: &[7u8; 100][..],
            read: 0,
            limit: 10,
        };
        let mut all = Vec::new();
        r.read_to_end(&mut all).unwrap();
        assert_eq!(all.len(), 11);
        assert!(r.read > r.limit);
    }

    #[test]
    fn other_formats_are_named() {
        let e = check(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0])
            .unwrap_err()
            .to_string();
        assert!(e.contains(".xls"), "{e}");
        let e = check(b"hello").unwrap_err().to_string();
        assert!(e.starts_with("not a readable workbook"), "{e}");
        let e = check(b"PK\x03\x04garbage").unwrap_err().to_string();
        assert!(e.starts_with("damaged workbook"), "{e}");
    }
}
