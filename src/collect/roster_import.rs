//! `parkscore import` of a roster workbook: every park sheet → its roster file
//! `enterprises/<id>/<Y>.csv`, each cell checked by the loader's own roster rules
//! and named as Excel names it (`gx-dianzi!C7`). Only files whose firms changed are
//! written; a park that gains a roster loses the typed values the roster now derives
//! (one number, one source). The whole data folder is re-validated with the new
//! files before anything is written.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader};

use crate::analysis::roster_diff::compare_firms;
use crate::error::{did_you_mean, Error, Problem, Result};
use crate::load::roster::{CellRef, Issue, Loc, RosterRows};
use crate::load::{load_with_problems, LoadOptions, SourceFiles};
use crate::model::{
    is_derived, Dataset, Date, ExitReason, Firm, Methodology, Park, RosterColumn, YearRecord,
};

use super::import::{resolve_year, Change, ImportPlan};
use super::layout::{cell_name, methodology_for_records, parse_flag};
use super::roster_layout::{
    SheetColumn, ROSTER_GUIDE, ROSTER_HEADER_ROWS, ROSTER_YEAR_LABEL, SHEET_LABEL,
};
use super::splice::{splice_record, RecordEdit};

/// One park sheet as read: where it is, which park, its cells by (row, column).
pub struct BookSheet {
    pub name: String,
    pub park: String,
    cells: BTreeMap<(u32, u32), Data>,
    rows: u32,
    cols: u32,
}

impl BookSheet {
    fn get(&self, r: u32, c: u32) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.cells.get(&(r, c)).unwrap_or(&EMPTY)
    }
}

/// A roster workbook: the year its guide declares, and the park sheets.
pub struct RosterBook {
    pub year: Option<i32>,
    pub sheets: Vec<BookSheet>,
}

/// What a roster import writes, for the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterImports {
    pub changed: Vec<RosterImport>,
    pub unchanged: usize,
    /// Parks whose sheet has no firm (not filled in): no roster written.
    pub blank: Vec<String>,
}

/// One roster file the import writes.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterImport {
    pub file: String,
    pub rows: usize,
    /// Rows of the roster it replaces (`None`: a new roster).
    pub old_rows: Option<usize>,
    pub added: usize,
    pub removed: usize,
    pub edited: usize,
    /// Metrics removed from the park's YAML record because the roster derives them.
    pub untyped: Vec<String>,
}

/// Reads `bytes` as a roster workbook; `None` when it is not one (a CSV, the data
/// workbook, or anything without the roster guide).
pub fn read_book(name: &str, bytes: &[u8]) -> Option<RosterBook> {
    if name.to_lowercase().ends_with(".csv") {
        return None;
    }
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes)).ok()?;
    let guide = wb.worksheet_range(ROSTER_GUIDE).ok()?;
    let (r0, c0) = guide.start().unwrap_or((0, 0));
    let at = |r: u32, c: u32| guide.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    let text = |d: &Data| match d {
        Data::String(s) => Some(s.trim().to_string()),
        _ => None,
    };
    let label = guide
        .used_cells()
        .find(|(_, _, d)| text(d).as_deref() == Some(ROSTER_YEAR_LABEL))
        .map(|(r, c, _)| (r0 + r as u32, c0 + c as u32))?;
    let year = match at(label.0, label.1 + 1) {
        Data::Float(f) if f.fract() == 0.0 => Some(f as i32),
        Data::Int(i) => i32::try_from(i).ok(),
        Data::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    let mut parks: BTreeMap<String, String> = BTreeMap::new();
    if let Some((hr, hc, _)) = guide
        .used_cells()
        .find(|(_, _, d)| text(d).as_deref() == Some(SHEET_LABEL))
    {
        let (hr, hc) = (r0 + hr as u32, c0 + hc as u32);
        for r in hr + 1..r0 + guide.height() as u32 {
            if let (Some(sheet), Some(park)) = (text(&at(r, hc)), text(&at(r, hc + 1))) {
                parks.insert(sheet, park);
            }
        }
    }
    let names: Vec<String> = wb
        .sheet_names()
        .into_iter()
        .filter(|n| n != ROSTER_GUIDE)
        .collect();
    let mut sheets = Vec::new();
    for name in names {
        let range = wb.worksheet_range(&name).ok()?;
        let (sr, sc) = range.start().unwrap_or((0, 0));
        let mut sheet = BookSheet {
            park: parks.get(&name).cloned().unwrap_or_else(|| name.clone()),
            name,
            cells: BTreeMap::new(),
            rows: 0,
            cols: 0,
        };
        for (r, c, d) in range.used_cells() {
            let (r, c) = (sr + r as u32, sc + c as u32);
            if !matches!(d, Data::Empty) {
                sheet.rows = sheet.rows.max(r + 1);
                sheet.cols = sheet.cols.max(c + 1);
                sheet.cells.insert((r, c), d.clone());
            }
        }
        sheets.push(sheet);
    }
    Some(RosterBook { year, sheets })
}

/// The plan of a roster import as text: one line per roster written.
pub fn describe_rosters(year: i32, r: &RosterImports) -> String {
    let mut out = String::new();
    for x in &r.changed {
        let what = match x.old_rows {
            None => format!("new, {} rows", x.rows),
            Some(old) => format!(
                "{old} → {} rows: {} added, {} removed, {} edited",
                x.rows, x.added, x.removed, x.edited
            ),
        };
        out.push_str(&format!("{}: {what}\n", x.file));
        if !x.untyped.is_empty() {
            out.push_str(&format!(
                "    years.{year} of the park file: {} now come from the roster (removed from the record)\n",
                x.untyped.join(", ")
            ));
        }
    }
    let new = r.changed.iter().filter(|x| x.old_rows.is_none()).count();
    out.push_str(&format!(
        "{year} rosters: {new} new, {} changed, {} unchanged, {} blank sheets skipped\n",
        r.changed.len() - new,
        r.unchanged,
        r.blank.len()
    ));
    out
}

/// `sheet!C7` for a 1-based location.
fn at(sheet: &str, loc: Loc) -> String {
    format!("{sheet}!{}", cell_name(loc.line - 1, loc.column - 1))
}

fn problem(
    sheet: &str,
    loc: Option<Loc>,
    column: &str,
    message: impl Into<String>,
) -> (Option<Loc>, Problem) {
    let p = match loc {
        Some(l) => Problem::new(at(sheet, l), column, message),
        None => Problem::new(sheet, column, message),
    };
    (loc, p)
}

/// Plans the import of a roster workbook into the data files `src`.
pub fn plan_rosters(
    src: &SourceFiles,
    book: &RosterBook,
    year: Option<i32>,
    file_name: &str,
) -> Result<ImportPlan> {
    let (data, before) = load_with_problems(src, &LoadOptions::default());
    let data = data.ok_or_else(|| Error::Invalid(before.clone()))?;
    let year = resolve_year(year, book.year, file_name)?;
    let m = methodology_for_records(&data, year)
        .ok_or_else(|| Error::NoMethodology)?
        .clone();
    let Sheets { read, blank } = read_sheets(book, &data, year)?;
    let cx = Import {
        data: &data,
        m: &m,
        src,
        year,
    };
    let mut out = Planned::default();
    for (index, firms) in &read {
        plan_park(&cx, *index, firms, &mut out)?;
    }
    let remaining = verify(src, &before, &out)?;
    Ok(ImportPlan {
        year,
        methodology: m,
        changes: out.changes,
        unchanged: 0,
        blank: Vec::new(),
        not_in_sheet: Vec::new(),
        encoding: None,
        files: out.files,
        remaining,
        rosters: Some(RosterImports {
            changed: out.rosters,
            unchanged: out.unchanged,
            blank,
        }),
    })
}

/// The workbook's sheets as read.
struct Sheets {
    /// Each sheet's firms, by the index of its park.
    read: Vec<(usize, Vec<Firm>)>,
    /// Parks whose sheet is blank.
    blank: Vec<String>,
}

/// Every sheet read, or every problem of every sheet (unknown park, a park's
/// second sheet, cells).
fn read_sheets(book: &RosterBook, data: &Dataset, year: i32) -> Result<Sheets> {
    let mut problems = Vec::new();
    let mut read: Vec<(usize, Vec<Firm>)> = Vec::new();
    let mut blank = Vec::new();
    let mut seen: BTreeMap<usize, &str> = BTreeMap::new();
    for sheet in &book.sheets {
        let Some(index) = data.parks.iter().position(|p| p.id.as_str() == sheet.park) else {
            let hint = did_you_mean(&sheet.park, data.parks.iter().map(|p| p.id.as_str()));
            problems.push(Problem::new(&sheet.name, "", format!("unknown park (got `{}`; expected a park id of a file in parks/, as the sheet name or in the 说明 table){hint}", sheet.park)));
            continue;
        };
        if let Some(other) = seen.insert(index, &sheet.name) {
            problems.push(Problem::new(
                &sheet.name,
                "",
                format!("park `{}` has two sheets (also {other})", sheet.park),
            ));
            continue;
        }
        let (firms, sheet_problems) = read_sheet(sheet, year);
        problems.extend(sheet_problems);
        if firms.is_empty() {
            blank.push(sheet.park.clone());
        } else {
            read.push((index, firms));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(Sheets { read, blank })
}

/// What every park's plan reads: the data as loaded, the methodology in force,
/// the data files, the year.
struct Import<'a> {
    data: &'a Dataset,
    m: &'a Methodology,
    src: &'a SourceFiles,
    year: i32,
}

/// Files and summaries being planned.
#[derive(Default)]
struct Planned {
    files: BTreeMap<String, Vec<u8>>,
    changes: Vec<Change>,
    rosters: Vec<RosterImport>,
    unchanged: usize,
}

/// One park's new roster: written when its firms differ from the current roster;
/// typed values it now derives leave the park's record.
fn plan_park(cx: &Import, index: usize, firms: &[Firm], out: &mut Planned) -> Result<()> {
    let (park, year) = (&cx.data.parks[index], cx.year);
    let rel = format!("enterprises/{}/{year}.csv", park.id);
    let old = cx.data.rosters.get(park.id.as_str(), year);
    let loaded_same = old.is_some_and(|o| {
        o.firms.len() == firms.len() && o.firms.iter().zip(firms).all(|(a, b)| a.same_as(b))
    });
    if loaded_same {
        out.unchanged += 1;
        return Ok(());
    }
    let changes = compare_firms(old.map(|o| o.firms.as_slice()).unwrap_or(&[]), firms);
    let untyped = match park.years.get(&year) {
        Some(record) => untype(cx, park, record, out)?,
        None => Vec::new(),
    };
    out.files.insert(rel.clone(), roster_file(firms));
    out.rosters.push(RosterImport {
        file: rel,
        rows: firms.len(),
        old_rows: old.map(|o| o.firms.len()),
        added: changes.added.len(),
        removed: changes.removed.len(),
        edited: changes.edited.len(),
        untyped,
    });
    Ok(())
}

/// The metrics the roster now derives that `record` still types: removed from the
/// park file (planned in `out`), and returned.
fn untype(cx: &Import, park: &Park, record: &YearRecord, out: &mut Planned) -> Result<Vec<String>> {
    let (m, year) = (cx.m, cx.year);
    let untyped: Vec<String> = m
        .metrics
        .keys()
        .filter(|k| is_derived(k) && record.metrics.contains_key(*k) && !record.is_derived(k))
        .cloned()
        .collect();
    if untyped.is_empty() {
        return Ok(untyped);
    }
    let mut new = record.clone();
    new.metrics.retain(|k, _| !untyped.contains(k));
    let text = std::str::from_utf8(&cx.src.files[&park.source]).expect("loaded files are UTF-8");
    let order: Vec<String> = m.metrics.keys().cloned().collect();
    let mut typed_old = record.clone();
    typed_old.metrics.retain(|k, _| !record.is_derived(k));
    typed_old.roster = None;
    let mut typed_new = new.clone();
    typed_new.roster = None;
    let edit = RecordEdit {
        year,
        old: Some(&typed_old),
        new: &typed_new,
        order: &order,
    };
    let spliced = splice_record(text, &edit).map_err(|e| Error::CannotEditRecord {
        file: park.source.clone(),
        year,
        reason: e,
    })?;
    out.files.insert(park.source.clone(), spliced.into_bytes());
    out.changes.push(Change {
        file: park.source.clone(),
        park: park.id.to_string(),
        old: Some(record.clone()),
        new,
    });
    Ok(untyped)
}

/// Re-reads the data folder with the planned files: the import may add no problem
/// anywhere. Returns the problems that remain (there before).
fn verify(src: &SourceFiles, before: &[Problem], out: &Planned) -> Result<Vec<Problem>> {
    let mut after_src = src.clone();
    for (rel, bytes) in &out.files {
        after_src.rosters_on_disk.remove(rel);
        after_src.files.insert(rel.clone(), bytes.clone());
    }
    let (_, after) = load_with_problems(&after_src, &LoadOptions::default());
    let key = |p: &Problem| (p.file.clone(), p.field.clone(), p.message.clone());
    let old: BTreeSet<_> = before.iter().map(key).collect();
    let introduced: Vec<Problem> = after
        .iter()
        // Anywhere: a new roster can clash with another park's (the same firm at
        // year end in two parks is reported on the other file).
        .filter(|p| !old.contains(&key(p)))
        .cloned()
        .collect();
    if !introduced.is_empty() {
        return Err(Error::ImportWouldBreak(introduced));
    }
    Ok(after)
}

/// A roster file in the contract's form: UTF-8 with BOM (Excel opens it without
/// mojibake), every column, CRLF.
pub fn roster_file(firms: &[Firm]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    w.write_record(RosterColumn::ALL.iter().map(|c| c.name()))
        .expect("write to memory");
    for f in firms {
        w.write_record(RosterColumn::ALL.iter().map(|c| c.text(f)))
            .expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}

/// One park sheet → its firms, or every problem named by cell.
fn read_sheet(sheet: &BookSheet, year: i32) -> (Vec<Firm>, Vec<Problem>) {
    let (firms, mut problems) = read_cells(sheet, year);
    // Row by row, as a reader goes down the sheet.
    problems.sort_by_key(|(loc, _)| loc.map(|l| (l.line, l.column)));
    (firms, problems.into_iter().map(|(_, p)| p).collect())
}

/// [`read_sheet`], each problem with the cell it is about.
fn read_cells(sheet: &BookSheet, year: i32) -> (Vec<Firm>, Vec<(Option<Loc>, Problem)>) {
    let mut problems = Vec::new();
    let key_row = ROSTER_HEADER_ROWS - 1;
    let mut columns: Vec<(SheetColumn, u32)> = Vec::new();
    for c in 0..sheet.cols {
        let key = match sheet.get(key_row, c) {
            Data::String(s) if !s.trim().is_empty() => s.trim().to_string(),
            Data::Empty => continue,
            other => other.to_string(),
        };
        match SheetColumn::from_key(&key) {
            Some(col) if columns.iter().any(|(x, _)| *x == col) => problems.push(problem(
                &sheet.name,
                Some(loc(key_row, c)),
                &key,
                "duplicate column (expected each column once)",
            )),
            Some(col) => columns.push((col, c)),
            None => problems.push(problem(
                &sheet.name,
                Some(loc(key_row, c)),
                &key,
                format!(
                    "unknown column key (got `{key}`; expected the keys of the template's row 2){}",
                    did_you_mean(&key, SheetColumn::keys())
                ),
            )),
        }
    }
    if sheet.rows <= ROSTER_HEADER_ROWS && columns.is_empty() {
        return (Vec::new(), problems);
    }
    let contract = contract_columns(&columns);
    let mut rows = RosterRows::new(year);
    let header: Vec<CellRef> = contract
        .iter()
        .map(|(c, at)| CellRef {
            text: c.name(),
            loc: loc(key_row, *at),
        })
        .collect();
    rows.header(&header, loc(key_row, 0));
    let mut converted: HashSet<Loc> = HashSet::new();
    for r in ROSTER_HEADER_ROWS..sheet.rows {
        let texts = row_texts(sheet, r, &contract, &columns, &mut problems, &mut converted);
        let cells: Vec<CellRef> = texts
            .iter()
            .map(|(t, l)| CellRef { text: t, loc: *l })
            .collect();
        rows.row(&cells);
    }
    let (firms, issues) = rows.finish();
    problems.extend(
        issues
            .into_iter()
            .filter(|i| i.loc.is_none_or(|l| !converted.contains(&l)))
            .map(
                |Issue {
                     loc,
                     column,
                     message,
                 }| problem(&sheet.name, loc, &column, message),
            ),
    );
    (firms, problems)
}

fn loc(row: u32, col: u32) -> Loc {
    Loc {
        line: row + 1,
        column: col + 1,
    }
}

/// The sheet's columns as roster columns, each with the sheet column it reads;
/// the four recognition columns become one `recognitions` column.
fn contract_columns(columns: &[(SheetColumn, u32)]) -> Vec<(RosterColumn, u32)> {
    let mut out: Vec<(RosterColumn, u32)> = columns
        .iter()
        .filter_map(|(c, at)| match c {
            SheetColumn::Roster(rc) => Some((*rc, *at)),
            SheetColumn::Recognised(_) => None,
        })
        .collect();
    let flags = columns
        .iter()
        .find(|(c, _)| matches!(c, SheetColumn::Recognised(_)));
    if let (Some((_, at)), false) = (
        flags,
        out.iter().any(|(c, _)| *c == RosterColumn::Recognitions),
    ) {
        out.push((RosterColumn::Recognitions, *at));
    }
    out
}

/// The texts of row `r` in `contract` order, with where each came from.
fn row_texts(
    sheet: &BookSheet,
    r: u32,
    contract: &[(RosterColumn, u32)],
    columns: &[(SheetColumn, u32)],
    problems: &mut Vec<(Option<Loc>, Problem)>,
    converted: &mut HashSet<Loc>,
) -> Vec<(String, Loc)> {
    let mut out = Vec::new();
    for (rc, c) in contract {
        let here = loc(r, *c);
        let text = if *rc == RosterColumn::Recognitions
            && !columns
                .iter()
                .any(|(x, _)| *x == SheetColumn::Roster(RosterColumn::Recognitions))
        {
            flags_text(sheet, r, columns, problems)
        } else {
            match cell_text(sheet.get(r, *c), *rc) {
                Ok(t) => t,
                Err(msg) => {
                    problems.push(problem(&sheet.name, Some(here), rc.name(), msg));
                    converted.insert(here);
                    String::new()
                }
            }
        };
        out.push((text, here));
    }
    out
}

/// The recognitions of a row from its yes/no columns (`innovative_sme;hitech`).
fn flags_text(
    sheet: &BookSheet,
    r: u32,
    columns: &[(SheetColumn, u32)],
    problems: &mut Vec<(Option<Loc>, Problem)>,
) -> String {
    let mut ids = Vec::new();
    for (col, c) in columns {
        let SheetColumn::Recognised(rec) = col else {
            continue;
        };
        let yes = match sheet.get(r, *c) {
            Data::Empty => Some(false),
            Data::Bool(b) => Some(*b),
            Data::Int(i) => parse_flag(&i.to_string()),
            Data::Float(f) => parse_flag(&f.to_string()),
            Data::String(s) => parse_flag(s),
            _ => None,
        };
        match yes {
            Some(true) => ids.push(rec.id()),
            Some(false) => {}
            None => problems.push(problem(
                &sheet.name,
                Some(loc(r, *c)),
                rec.id(),
                format!(
                    "not yes or no (got \"{}\"; expected 是 or an empty cell)",
                    sheet.get(r, *c)
                ),
            )),
        }
    }
    ids.join(";")
}

/// A cell as roster text for column `col`: dates as `YYYY-MM-DD`, numbers without
/// Excel's binary noise, exit reasons by id (their 中文 labels are accepted).
fn cell_text(d: &Data, col: RosterColumn) -> Result<String, String> {
    let date_col = matches!(col, RosterColumn::Entered | RosterColumn::Exited);
    Ok(match d {
        Data::Empty => String::new(),
        Data::String(s) => {
            let t = s.trim();
            match ExitReason::ALL.iter().find(|r| r.label() == t) {
                Some(r) if col == RosterColumn::ExitReason => r.id().to_string(),
                _ => t.to_string(),
            }
        }
        Data::Float(_) | Data::Int(_) if col == RosterColumn::Uscc => {
            return Err(format!("a number, not text (got {d}; expected the code as text: Excel keeps only 15 digits of a number, so format the column as text and type the code again)"));
        }
        Data::Float(f) if date_col => serial_date(*f)
            .map(|x| x.to_string())
            .ok_or_else(|| format!("not a date (got {f}; expected a date such as 2023-03-05)"))?,
        Data::Int(i) if date_col => serial_date(*i as f64)
            .map(|x| x.to_string())
            .ok_or_else(|| format!("not a date (got {i}; expected a date such as 2023-03-05)"))?,
        Data::Float(f) => number_text(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => serial_date(dt.as_f64())
            .map(|x| x.to_string())
            .unwrap_or_else(|| dt.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::Error(e) => return Err(format!("an error value (got {e}; expected a value)")),
    })
}

/// A number as its shortest decimal text after dropping the binary noise past
/// Excel's 15 significant digits (`1200.0000000000002` → `1200`).
fn number_text(v: f64) -> String {
    let clean: f64 = format!("{v:.14e}").parse().unwrap_or(v);
    format!("{clean}")
}

/// An Excel date serial (1900 system) → the calendar day; `None` for the
/// nonexistent 1900-02-29 (serial 60) and for serials before 1900.
fn serial_date(serial: f64) -> Option<Date> {
    let days = serial.floor() as i64;
    if !(1..=2_958_465).contains(&days) || days == 60 {
        return None;
    }
    // Days from 1970-01-01: serial 25569 is 1970-01-01 (after the 1900 leap-day bug).
    let z = if days < 60 { days + 1 } else { days } - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    Date::new(y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials_are_calendar_days() {
        assert_eq!(serial_date(45_000.0), Date::new(2023, 3, 15));
        assert_eq!(serial_date(44_927.75), Date::new(2023, 1, 1));
        assert_eq!(serial_date(1.0), Date::new(1900, 1, 1));
        assert_eq!(serial_date(59.0), Date::new(1900, 2, 28));
        assert_eq!(serial_date(61.0), Date::new(1900, 3, 1));
        assert_eq!(serial_date(60.0), None);
        assert_eq!(serial_date(0.0), None);
    }

    #[test]
    fn cells_become_roster_text() {
        assert_eq!(
            cell_text(&Data::Float(1200.0000000000002), RosterColumn::RevenueWan),
            Ok("1200".into())
        );
        assert_eq!(
            cell_text(&Data::Float(45_000.0), RosterColumn::Entered),
            Ok("2023-03-15".into())
        );
        assert_eq!(
            cell_text(&Data::String(" 注销关停 ".into()), RosterColumn::ExitReason),
            Ok("closed".into())
        );
        assert!(cell_text(&Data::Float(9.1e17), RosterColumn::Uscc)
            .unwrap_err()
            .contains("format the column as text"));
    }
}
