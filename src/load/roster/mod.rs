//! Rosters (`enterprises/<park-id>/<year>.csv`, spec: enterprises.md): bytes → a
//! validated [`Roster`] per file, then the checks across files and the derived
//! metrics merged into the park records ([`cross`]).

mod cells;
pub mod cross;
mod csv;
mod encoding;
mod rows;

use crate::error::{Position, Problem};
use crate::model::{ParkId, Roster, RosterColumn};

pub use cells::{amount, date, exit_reason, industry, name, recognitions, uscc, whole, year};
pub use csv::{Field, Loc, Records, Syntax};
pub use encoding::{decode, NotUtf8};
pub use rows::{Cell, CellRef, Issue, RosterRows, MAX_ISSUES};

/// Largest roster file accepted: about 150,000 firms, far beyond any one park.
pub const MAX_ROSTER_BYTES: usize = 16 * 1024 * 1024;

/// Whether a data-folder path is a roster file (`enterprises/<dir>/<name>.csv`).
pub fn is_roster_path(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    matches!(parts.as_slice(), ["enterprises", dir, name]
        if !dir.starts_with('.') && !name.starts_with('.') && name.to_ascii_lowercase().ends_with(".csv"))
}

/// The park id and year a roster path names, or the problem with it.
pub fn roster_key(rel: &str) -> Result<(ParkId, i32), Problem> {
    let mut parts = rel.split('/').skip(1);
    let dir = parts.next().unwrap_or_default();
    let name = parts.next().unwrap_or_default();
    let stem = &name[..name.len().saturating_sub(4)];
    let Some(id) = ParkId::parse(dir) else {
        return Err(Problem::new(rel, "", format!(
            "folder name is not a park id (got `{dir}`; expected enterprises/<park-id>/<year>.csv with a lower-case ASCII park id)"
        )));
    };
    match stem.parse::<i32>() {
        Ok(y) if stem.len() == 4 && (1900..=2200).contains(&y) => Ok((id, y)),
        _ => Err(Problem::new(rel, "", format!(
            "file name is not a year (got `{name}`; expected enterprises/{dir}/<year>.csv, e.g. 2023.csv)"
        ))),
    }
}

/// One roster file → its firms, or every problem in it (each located).
pub fn parse_roster(rel: &str, bytes: &[u8]) -> (Option<Roster>, Vec<Problem>) {
    let (park, year) = match roster_key(rel) {
        Ok(k) => k,
        Err(p) => return (None, vec![p]),
    };
    if bytes.len() > MAX_ROSTER_BYTES {
        let message = format!(
            "file too large (got {} bytes; expected at most {MAX_ROSTER_BYTES})",
            bytes.len()
        );
        return (None, vec![Problem::new(rel, "", message)]);
    }
    let text = match decode(bytes) {
        Ok(t) => t,
        Err(e) => {
            return (
                None,
                vec![Problem::new(rel, "", e.message).at(e.loc.map(position))],
            )
        }
    };
    let (firms, issues) = read_text(text, year);
    let problems: Vec<Problem> = issues.into_iter().map(|i| problem(rel, i)).collect();
    if !problems.is_empty() {
        return (None, problems);
    }
    let roster = Roster {
        park,
        year,
        file: rel.to_string(),
        firms,
    };
    (Some(roster), problems)
}

/// Reads CSV text (BOM already removed) as a roster of `year`.
pub fn read_text(text: &str, year: i32) -> (Vec<crate::model::Firm>, Vec<Issue>) {
    let mut records = Records::new(text);
    let mut fields: Vec<Field> = Vec::new();
    let mut syntax: Vec<Syntax> = Vec::new();
    let mut rows = RosterRows::new(year);
    let start = Loc { line: 1, column: 1 };
    if !records.next_record(&mut fields, &mut syntax)
        || fields.iter().all(|f| f.text.trim().is_empty())
    {
        let (_, mut issues) = rows.finish();
        issues.push(Issue {
            loc: Some(start),
            column: String::new(),
            message: format!(
                "no header row (expected the column names first: {})",
                RosterColumn::names().collect::<Vec<_>>().join(",")
            ),
        });
        return (Vec::new(), issues);
    }
    rows.header(&fields, start);
    let read_rows = rows.has_columns();
    while read_rows && records.next_record(&mut fields, &mut syntax) {
        if syntax.last().is_some_and(|s| s.fatal) {
            break; // the record is cut short; its quoting problem says why
        }
        rows.row(&fields);
    }
    let (firms, mut issues) = rows.finish();
    issues.extend(syntax.into_iter().map(|s| Issue {
        loc: Some(s.loc),
        column: String::new(),
        message: s.message,
    }));
    (firms, issues)
}

fn position(loc: Loc) -> Position {
    Position {
        line: loc.line as usize,
        column: loc.column as usize,
    }
}

fn problem(rel: &str, i: Issue) -> Problem {
    Problem::new(rel, i.column, i.message).at(i.loc.map(position))
}
