//! Header and rows of one roster → firms, or every problem with where it is. The
//! cells come from a CSV file or from a workbook sheet; [`Loc`] is a line and column
//! in the first case and an Excel row and column in the second.

use crate::error::did_you_mean;
use crate::model::{Date, Firm, Patents, Recognitions, RosterColumn, Uscc};

use super::cells;
use super::csv::Loc;

/// At most this many problems are listed per roster; the rest are counted.
pub const MAX_ISSUES: usize = 200;

/// A cell's text (trimmed of surrounding spaces) and where it is.
#[derive(Debug, Clone, Copy)]
pub struct CellRef<'a> {
    pub text: &'a str,
    pub loc: Loc,
}

/// What the reader needs of a cell: a CSV field or a workbook cell alike.
pub trait Cell {
    /// The text without surrounding spaces.
    fn text(&self) -> &str;
    fn loc(&self) -> Loc;
}

impl Cell for CellRef<'_> {
    fn text(&self) -> &str {
        self.text
    }

    fn loc(&self) -> Loc {
        self.loc
    }
}

impl Cell for super::csv::Field<'_> {
    fn text(&self) -> &str {
        self.text.trim()
    }

    fn loc(&self) -> Loc {
        self.loc
    }
}

/// One problem in a roster: where, which column (empty for a whole row or file), what.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Issue {
    pub loc: Option<Loc>,
    pub column: String,
    pub message: String,
}

/// Reads one roster of `year`: [`RosterRows::header`] once, then [`RosterRows::row`]
/// per record; [`RosterRows::finish`] gives the firms and the problems.
pub struct RosterRows {
    year: i32,
    columns: Vec<Option<RosterColumn>>,
    /// The cell index of each column (by `RosterColumn as usize`), when present.
    index: [Option<usize>; 15],
    /// Every valid USCC with its row's line and cell, for the duplicate check.
    usccs: Vec<(Uscc, u32, Loc)>,
    firms: Vec<Firm>,
    issues: Vec<Issue>,
    dropped: usize,
}

impl RosterRows {
    pub fn new(year: i32) -> RosterRows {
        RosterRows {
            year,
            columns: Vec::new(),
            index: [None; 15],
            usccs: Vec::new(),
            firms: Vec::new(),
            issues: Vec::new(),
            dropped: 0,
        }
    }

    fn issue(&mut self, loc: Option<Loc>, column: &str, message: String) {
        if self.issues.len() < MAX_ISSUES {
            self.issues.push(Issue {
                loc,
                column: column.to_string(),
                message,
            });
        } else {
            self.dropped += 1;
        }
    }

    /// Maps the header cells to columns; `start` locates a header with no cells.
    pub fn header<C: Cell>(&mut self, cells: &[C], start: Loc) {
        for cell in cells {
            let (text, loc) = (cell.text(), cell.loc());
            let col = RosterColumn::parse(text);
            match col {
                None => {
                    let message = format!(
                        "unknown column (got `{text}`; expected one of {}){}",
                        RosterColumn::names().collect::<Vec<_>>().join(", "),
                        did_you_mean(text, RosterColumn::names())
                    );
                    self.issue(Some(loc), text, message);
                }
                Some(c) if self.index[c as usize].is_some() => {
                    let message = format!(
                        "duplicate column (got `{}` twice; expected each column once)",
                        c.name()
                    );
                    self.issue(Some(loc), c.name(), message);
                }
                Some(c) => {
                    self.index[c as usize] = Some(self.columns.len());
                }
            }
            let at = self.columns.len();
            let mapped = col.filter(|c| self.index[*c as usize] == Some(at));
            self.columns.push(mapped);
        }
        for c in RosterColumn::ALL {
            if c.required() && self.index[c as usize].is_none() {
                let message = format!(
                    "missing column (expected a `{}` column: {})",
                    c.name(),
                    c.label()
                );
                self.issue(Some(start), c.name(), message);
            }
        }
    }

    /// Whether the header maps at least one column (otherwise rows are not read).
    pub fn has_columns(&self) -> bool {
        self.index.iter().any(Option::is_some)
    }

    /// Checks one record; blank records (every cell empty) are skipped.
    pub fn row<C: Cell>(&mut self, cells: &[C]) {
        let Some(first) = cells.first() else {
            return;
        };
        if cells.iter().all(|c| c.text().is_empty()) {
            return;
        }
        if cells.len() != self.columns.len() {
            let message = format!(
                "this row has {} cells but the header has {} (expected one cell per column; a comma is missing or extra)",
                cells.len(),
                self.columns.len()
            );
            self.issue(Some(first.loc()), "", message);
            return;
        }
        let before = self.issues.len() + self.dropped;
        let firm = self.firm(cells, first.loc());
        if self.issues.len() + self.dropped == before {
            if let Some(f) = firm {
                self.firms.push(f);
            }
        }
    }

    /// The cell of column `c` in this row (empty text when the column is absent).
    fn cell<'a, C: Cell>(&self, cells: &'a [C], c: RosterColumn) -> Option<CellRef<'a>> {
        self.index[c as usize].map(|i| CellRef {
            text: cells[i].text(),
            loc: cells[i].loc(),
        })
    }

    fn check<T, X: Cell>(
        &mut self,
        cells: &[X],
        c: RosterColumn,
        f: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let cell = self.cell(cells, c)?;
        match f(cell.text) {
            Ok(v) => Some(v),
            Err(message) => {
                self.issue(Some(cell.loc), c.name(), message);
                None
            }
        }
    }

    /// A required value: missing is a problem of its own.
    fn required<T, X: Cell>(
        &mut self,
        cells: &[X],
        c: RosterColumn,
        f: impl Fn(&str) -> Result<Option<T>, String>,
        expected: &str,
    ) -> Option<T> {
        let cell = self.cell(cells, c)?;
        match self.check(cells, c, f)? {
            Some(v) => Some(v),
            None => {
                self.issue(
                    Some(cell.loc),
                    c.name(),
                    format!("missing (expected {expected})"),
                );
                None
            }
        }
    }

    fn firm<X: Cell>(&mut self, cells: &[X], row: Loc) -> Option<Firm> {
        use RosterColumn as C;
        let uscc = self.check(cells, C::Uscc, cells::uscc);
        let name = self.check(cells, C::Name, cells::name);
        let industry = self.check(cells, C::Industry, cells::industry);
        let entered = self.required(
            cells,
            C::Entered,
            cells::date,
            "the date the firm entered the park, YYYY-MM-DD",
        );
        let exited = self.check(cells, C::Exited, cells::date).flatten();
        let exit_reason = self
            .check(cells, C::ExitReason, cells::exit_reason)
            .flatten();
        let employees = self.required(
            cells,
            C::Employees,
            cells::whole,
            "a whole number ≥ 0; write 0 for none",
        );
        let revenue_wan = self.required(
            cells,
            C::RevenueWan,
            cells::amount,
            "a number ≥ 0 in 万元; write 0 for none",
        );
        let tax_wan = self.required(
            cells,
            C::TaxWan,
            cells::amount,
            "a number ≥ 0 in 万元; write 0 for none",
        );
        let rd_wan = self.check(cells, C::RdWan, cells::amount).flatten();
        let since = self.check(cells, C::AboveScaleSince, cells::year).flatten();
        let patents = self.patents(cells);
        let recognitions = self.recognitions(cells);
        if let Some(u) = uscc {
            self.duplicate(cells, u, row.line);
        }
        let at = self.cell(cells, C::Uscc).map_or(row, |c| c.loc);
        self.dates(cells, entered, exited, exit_reason);
        self.since(cells, since);
        Some(Firm {
            uscc: uscc?,
            name: name?,
            industry: industry?,
            entered: entered?,
            exited,
            exit_reason,
            employees: employees?,
            revenue_wan: revenue_wan?,
            tax_wan: tax_wan?,
            rd_wan: rd_wan.unwrap_or_default(),
            above_scale_since: since,
            patents,
            recognitions,
            line: at.line,
            column: at.column,
        })
    }

    /// Patents granted in the year; an empty cell (or column) is 0.
    fn patents<X: Cell>(&mut self, cells: &[X]) -> Patents {
        let mut count = |c: RosterColumn| self.check(cells, c, cells::whole).flatten().unwrap_or(0);
        Patents {
            invention: count(RosterColumn::PatentsInvention),
            utility: count(RosterColumn::PatentsUtility),
            design: count(RosterColumn::PatentsDesign),
        }
    }

    /// The recognitions cell, every unknown kind its own problem.
    fn recognitions<X: Cell>(&mut self, cells: &[X]) -> Recognitions {
        let Some(cell) = self.cell(cells, RosterColumn::Recognitions) else {
            return Recognitions::default();
        };
        cells::recognitions(cell.text).unwrap_or_else(|messages| {
            for m in messages {
                self.issue(Some(cell.loc), RosterColumn::Recognitions.name(), m);
            }
            Recognitions::default()
        })
    }

    /// A 规上 spell cannot start after the roster's year.
    fn since<X: Cell>(&mut self, cells: &[X], since: Option<u16>) {
        let Some(s) = since.filter(|s| i32::from(*s) > self.year) else {
            return;
        };
        let cell = self
            .cell(cells, RosterColumn::AboveScaleSince)
            .expect("a value came from it");
        let message = format!(
            "after the roster's year (got {s}; expected {} or earlier, or empty)",
            self.year
        );
        self.issue(
            Some(cell.loc),
            RosterColumn::AboveScaleSince.name(),
            message,
        );
    }

    fn duplicate<X: Cell>(&mut self, cells: &[X], u: Uscc, line: u32) {
        let cell = self
            .cell(cells, RosterColumn::Uscc)
            .expect("a USCC came from it");
        self.usccs.push((u, line, cell.loc));
    }

    /// The same USCC twice in the file: every later row names the first one's line.
    fn duplicates(&mut self) {
        let mut list = std::mem::take(&mut self.usccs);
        list.sort_unstable_by_key(|(u, line, _)| (u.key(), *line));
        for run in list.chunk_by(|a, b| a.0 == b.0) {
            for (u, _, loc) in &run[1..] {
                let message = format!(
                    "the same USCC twice in this file (got `{u}`; also on line {})",
                    run[0].1
                );
                self.issue(Some(*loc), "uscc", message);
            }
        }
    }

    /// The rules between `entered`, `exited`, `exit_reason` and the year.
    fn dates<X: Cell>(
        &mut self,
        cells: &[X],
        entered: Option<Date>,
        exited: Option<Date>,
        reason: Option<crate::model::ExitReason>,
    ) {
        use RosterColumn as C;
        let y = self.year;
        let loc = |s: &Self, c: C| s.cell(cells, c).map(|c| c.loc);
        if let Some(e) = entered.filter(|e| e.year() > y) {
            let message =
                format!("after the roster's year (got {e}; expected {y}-12-31 or earlier)");
            self.issue(loc(self, C::Entered), C::Entered.name(), message);
        }
        if let Some(x) = exited {
            let message = if x.year() < y {
                Some(format!("before the roster's year (got {x}; expected a date in {y}: a firm that left in an earlier year is not listed)"))
            } else if x.year() > y {
                Some(format!("after the roster's year (got {x}; expected a date in {y}, or empty while the firm is in the park at year end)"))
            } else {
                entered
                    .filter(|e| x < *e)
                    .map(|e| format!("before `entered` (got {x}; expected {e} or later)"))
            };
            if let Some(m) = message {
                self.issue(loc(self, C::Exited), C::Exited.name(), m);
            }
        }
        // A cell that did not parse has its own message; do not call it missing too.
        let empty = |s: &Self, c: C| s.cell(cells, c).is_none_or(|c| c.text.is_empty());
        match (exited, reason) {
            (None, Some(r)) if empty(self, C::Exited) => {
                let message = format!("given without `exited` (got `{}`; expected empty, or the exit date in `exited`)", r.id());
                self.issue(loc(self, C::ExitReason), C::ExitReason.name(), message);
            }
            (Some(x), None) if empty(self, C::ExitReason) => {
                let at = loc(self, C::ExitReason).or(loc(self, C::Exited));
                let message = format!("missing (the firm left on {x}; expected relocated, closed, graduated, evicted or other)");
                self.issue(at, C::ExitReason.name(), message);
            }
            _ => {}
        }
    }

    /// The firms of a roster without problems, and every problem found.
    pub fn finish(mut self) -> (Vec<Firm>, Vec<Issue>) {
        self.duplicates();
        self.firms.shrink_to_fit(); // kept for the whole run: no growth slack
        if self.dropped > 0 {
            self.issues.push(Issue {
                loc: None,
                column: String::new(),
                message: format!(
                    "and {} more problems in this file (the first {MAX_ISSUES} are listed)",
                    self.dropped
                ),
            });
        }
        (self.firms, self.issues)
    }
}
