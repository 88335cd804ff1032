//! The fill-in grid → one year record per park row, every cell checked by the same
//! rules as the YAML (`load::check_metric`, `check_veto`, the rated-park
//! completeness rule). Problems name the cell: `填报!D7: 入园企业实缴税收: …`.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{did_you_mean, Problem};
use crate::format::trimmed;
use crate::load::{check_metric, check_veto, missing_metrics};
use crate::model::{status_of, Dataset, Methodology, MetricDef, Park, Status, YearRecord};

use super::grid::{Cell, Grid};
use super::layout::{cell_name, column_name, parse_flag, Column, YES};

/// One park row of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    /// 0-based row in the grid.
    pub row: u32,
    /// Index into `Dataset::parks`.
    pub park: usize,
    /// The record the row describes; `None` when the row is blank (not filled yet).
    pub record: Option<YearRecord>,
}

/// What the grid says, or every problem found in it.
pub struct SheetRead {
    pub rows: Vec<SheetRow>,
    pub problems: Vec<Problem>,
}

/// Reads every park row of `grid` as a `year` record under methodology `m`.
/// `broken` lists park ids whose file exists but does not load.
pub fn read_sheet(
    grid: &Grid,
    data: &Dataset,
    year: i32,
    m: &Methodology,
    broken: &BTreeSet<String>,
) -> SheetRead {
    let mut problems = Vec::new();
    let Some((header, columns)) = read_header(grid, m, &mut problems) else {
        return SheetRead {
            rows: Vec::new(),
            problems,
        };
    };
    let reader = RowReader {
        sheet: Sheet {
            grid,
            columns: &columns,
            year,
            m,
        },
        data,
        broken,
        id_col: columns
            .iter()
            .find(|(_, c)| **c == Column::Id)
            .map(|(i, _)| *i)
            .unwrap_or(0),
        value_cols: (0..grid.cols)
            .filter(|c| !matches!(columns.get(c), Some(Column::Id | Column::Name)))
            .collect(),
    };
    let mut rows = Vec::new();
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for r in header + 1..grid.rows {
        if let Some(row) = reader.park_row(r, &mut seen, &mut problems) {
            rows.push(row);
        }
    }
    SheetRead { rows, problems }
}

/// Reads the park rows below the header.
struct RowReader<'a> {
    sheet: Sheet<'a>,
    data: &'a Dataset,
    broken: &'a BTreeSet<String>,
    id_col: u32,
    /// Every column but id and name.
    value_cols: Vec<u32>,
}

impl RowReader<'_> {
    /// Row `r` as a park's record (`None` inside when blank), or `None` when it names
    /// no park (then a problem, unless the row is empty); `seen` maps ids to rows.
    fn park_row(
        &self,
        r: u32,
        seen: &mut BTreeMap<String, u32>,
        problems: &mut Vec<Problem>,
    ) -> Option<SheetRow> {
        let grid = self.sheet.grid;
        let blank = self.value_cols.iter().all(|c| grid.get(r, *c).is_empty());
        let Some(id) = grid.get(r, self.id_col).text() else {
            if !blank {
                problems
                    .push(self.id_problem(r, "missing (this row has values; expected a park id)"));
            }
            return None;
        };
        self.stray_values(r, problems);
        if let Some(first) = seen.get(&id) {
            let why = format!("park `{id}` listed twice (also in row {})", first + 1);
            problems.push(self.id_problem(r, why));
            return None;
        }
        seen.insert(id.clone(), r);
        let Some(index) = self.data.parks.iter().position(|p| p.id.as_str() == id) else {
            problems.push(self.id_problem(r, self.unknown_park(&id)));
            return None;
        };
        if blank {
            return Some(SheetRow {
                row: r,
                park: index,
                record: None,
            });
        }
        let park = &self.data.parks[index];
        let before = problems.len();
        let record = read_record(&self.sheet, r, park, problems);
        if problems.len() == before {
            check_complete(&self.sheet, r, &record, park, problems);
        }
        Some(SheetRow {
            row: r,
            park: index,
            record: Some(record),
        })
    }

    /// A problem with row `r`'s id cell.
    fn id_problem(&self, r: u32, message: impl Into<String>) -> Problem {
        let Sheet { grid, m, .. } = self.sheet;
        Problem::new(
            format!("{}!{}", grid.sheet, cell_name(r, self.id_col)),
            Column::Id.label(m),
            message,
        )
    }

    /// Values in columns whose header has no key: the import would drop them.
    fn stray_values(&self, r: u32, problems: &mut Vec<Problem>) {
        let Sheet { grid, columns, .. } = self.sheet;
        for c in &self.value_cols {
            if !columns.contains_key(c) && !grid.get(r, *c).is_empty() {
                problems.push(Problem::new(
                    format!("{}!{}", grid.sheet, cell_name(r, *c)),
                    "",
                    "a value in a column without a key in the header row (expected the column's id in the header, or an empty cell)",
                ));
            }
        }
    }

    fn unknown_park(&self, id: &str) -> String {
        if self.broken.contains(id) {
            format!("parks/{id}.yaml has problems of its own (run `parkscore check` and fix them first)")
        } else {
            format!(
                "unknown park (got `{id}`; expected an id of a file in parks/){}",
                did_you_mean(id, self.data.parks.iter().map(|p| p.id.as_str()))
            )
        }
    }
}

/// Finds the row of column keys (the first of rows 1–2 holding `id`) and maps
/// columns; `None` when the header is unusable.
fn read_header(
    grid: &Grid,
    m: &Methodology,
    problems: &mut Vec<Problem>,
) -> Option<(u32, BTreeMap<u32, Column>)> {
    let at = |row: u32, col: u32| format!("{}!{}", grid.sheet, cell_name(row, col));
    let Some(header) = (0..2.min(grid.rows))
        .find(|r| (0..grid.cols).any(|c| grid.get(*r, c).text().as_deref() == Some("id")))
    else {
        problems.push(Problem::new(
            grid.sheet.clone(),
            "",
            "no header row of column keys (expected row 2 to hold the keys id, name, the metric ids, not_reported, vetoes — as in the template)",
        ));
        return None;
    };
    let before = problems.len();
    let mut columns: BTreeMap<u32, Column> = BTreeMap::new();
    let mut by_key: BTreeMap<String, u32> = BTreeMap::new();
    for c in 0..grid.cols {
        let Some(key) = grid.get(header, c).text() else {
            continue;
        };
        let Some(col) = Column::from_key(&key, m) else {
            problems.push(Problem::new(
                at(header, c),
                "",
                format!(
                    "unknown column `{key}` (expected id, name, a metric id of {}, not_reported, vetoes, transition_opt_in or note){}",
                    m.source,
                    did_you_mean(&key, Column::all_keys(m))
                ),
            ));
            continue;
        };
        if let Some(first) = by_key.get(&key) {
            problems.push(Problem::new(
                at(header, c),
                "",
                format!(
                    "duplicate column `{key}` (also in column {})",
                    super::layout::column_name(*first)
                ),
            ));
            continue;
        }
        by_key.insert(key, c);
        columns.insert(c, col);
    }
    let mut required = vec![Column::Id];
    required.extend(m.metrics.keys().map(|k| Column::Metric(k.clone())));
    for col in required {
        if !columns.values().any(|c| *c == col) {
            problems.push(Problem::new(
                grid.sheet.clone(),
                "",
                format!(
                    "missing column `{}` ({}) in header row {}",
                    col.key(),
                    col.label(m),
                    header + 1
                ),
            ));
        }
    }
    (problems.len() == before).then_some((header, columns))
}

/// What reading a park row needs: the grid, its columns, the year and the
/// methodology its records follow.
#[derive(Clone, Copy)]
struct Sheet<'a> {
    grid: &'a Grid,
    columns: &'a BTreeMap<u32, Column>,
    year: i32,
    m: &'a Methodology,
}

/// The row's record. Columns the sheet lacks (vetoes, not_reported,
/// transition_opt_in, note) keep the values of the park's current record.
fn read_record(sheet: &Sheet, r: u32, park: &Park, problems: &mut Vec<Problem>) -> YearRecord {
    let Sheet {
        grid,
        columns,
        year,
        m,
    } = *sheet;
    let current = park.years.get(&year);
    let mut record = YearRecord {
        metrics: BTreeMap::new(),
        ..current.cloned().unwrap_or_default()
    };
    for (c, col) in columns {
        let cell = grid.get(r, *c);
        let mut err = |msg: String| {
            problems.push(Problem::new(
                format!("{}!{}", grid.sheet, cell_name(r, *c)),
                col.label(m),
                msg,
            ))
        };
        if let Some(range) = grid.hidden_by_merge(r, *c).filter(|_| !cell.is_empty()) {
            err(format!(
                "a value hidden under merged cells {range} (got {}; expected every column of a row in its own cell: unmerge {range} and check each value)",
                cell.text().unwrap_or_default()
            ));
            continue;
        }
        match col {
            Column::Id | Column::Name => {}
            Column::Metric(k) if current.is_some_and(|rec| rec.is_derived(k)) => {
                let derived = current.and_then(|rec| rec.metrics.get(k)).copied();
                if let Some(v) = derived {
                    record.metrics.insert(k.clone(), v);
                }
                if let Some(msg) = derived_cell(cell, derived, current) {
                    err(msg);
                }
            }
            Column::Metric(k) => {
                let old = current.and_then(|rec| rec.metrics.get(k)).copied();
                match typed_metric(cell, &m.metrics[k], old) {
                    Ok(Some(v)) => {
                        record.metrics.insert(k.clone(), v);
                    }
                    Ok(None) => {}
                    Err(msg) => err(msg),
                }
            }
            Column::NotReported | Column::TransitionOptIn => match flag(cell) {
                Some(v) if *col == Column::NotReported => record.not_reported = v,
                Some(v) => record.transition_opt_in = v,
                None => err(format!(
                    "not yes or no (got \"{}\"; expected 是 or an empty cell)",
                    cell.text().unwrap_or_default()
                )),
            },
            Column::Vetoes => match vetoes(cell, m) {
                Ok(v) => record.vetoes = v,
                Err(msgs) => msgs.into_iter().for_each(&mut err),
            },
            Column::Note => record.note = cell.text(),
        }
    }
    record
}

/// A typed metric's cell: empty, or a number within the metric's bounds (the
/// current value kept exactly when the cell shows it, else tidied by `clean`).
fn typed_metric(cell: &Cell, def: &MetricDef, old: Option<f64>) -> Result<Option<f64>, String> {
    let Some(raw) = number(cell)? else {
        return Ok(None);
    };
    let v = if old == Some(raw) { raw } else { clean(raw) };
    check_metric(def, v)?;
    Ok(Some(v))
}

/// A yes/no cell: a checkbox, 1 or 0, or the words `parse_flag` knows.
fn flag(cell: &Cell) -> Option<bool> {
    match cell {
        Cell::Bool(b) => Some(*b),
        Cell::Number(n) if *n == 0.0 || *n == 1.0 => Some(*n == 1.0),
        _ => parse_flag(&cell.text().unwrap_or_default()),
    }
}

/// A rated park must report every metric a formula reads (as in `load::check_year`),
/// and no formula may divide by zero.
fn check_complete(
    sheet: &Sheet,
    r: u32,
    record: &YearRecord,
    park: &Park,
    problems: &mut Vec<Problem>,
) {
    let Sheet {
        grid,
        columns,
        year,
        m,
    } = *sheet;
    let at = |row: u32, col: u32| format!("{}!{}", grid.sheet, cell_name(row, col));
    let mut with = park.clone();
    with.years.insert(year, record.clone());
    if status_of(&with, year, m) != Some(Status::Rated) {
        return;
    }
    for metric in missing_metrics(m, record) {
        let col = columns
            .iter()
            .find(|(_, c)| c.key() == metric)
            .map(|(c, _)| *c)
            .unwrap_or(0);
        let label = m
            .metrics
            .get(metric)
            .map(|d| d.label.clone())
            .unwrap_or_default();
        problems.push(Problem::new(
            at(r, col),
            label,
            empty_required(grid, (r, col), m, columns),
        ));
    }
    for msg in crate::load::divisions_by_zero(m, record, year) {
        problems.push(Problem::new(at(r, 0), park.id.to_string(), msg));
    }
}

/// Why a cell of a roster-derived metric cannot be imported: it may be empty or
/// hold the derived value; anything else must be changed in the roster.
fn derived_cell(cell: &Cell, derived: Option<f64>, current: Option<&YearRecord>) -> Option<String> {
    let file = current
        .and_then(|r| r.roster.as_ref())
        .map(|s| s.file.as_str())
        .unwrap_or("the roster");
    match number(cell) {
        Ok(None) => None,
        Ok(Some(v)) if Some(v) == derived || derived.is_some_and(|d| clean(v) == d) => None,
        Ok(Some(v)) => Some(format!(
            "comes from the roster {file} (got {}; expected {} or an empty cell): change the roster instead",
            trimmed(v, 10),
            derived.map(|d| trimmed(d, 10)).unwrap_or_default()
        )),
        Err(msg) => Some(msg),
    }
}

/// An empty cell a rated park must fill, in the analyst's terms: fill it in, or
/// mark the park as not reporting in the sheet's own 数据缺报 column; a cell hidden
/// under a merge says so.
fn empty_required(
    grid: &Grid,
    (r, c): (u32, u32),
    m: &Methodology,
    columns: &BTreeMap<u32, Column>,
) -> String {
    let flag = Column::NotReported;
    let mark = match columns.iter().find(|(_, col)| **col == flag) {
        Some((nc, _)) => format!(
            "write {YES} in {} (column {})",
            flag.label(m),
            column_name(*nc)
        ),
        None => format!(
            "add a {} column (key {}) and write {YES} there",
            flag.label(m),
            flag.key()
        ),
    };
    match grid.hidden_by_merge(r, c) {
        Some(range) => format!(
            "hidden under merged cells {range}, so empty, but a rated park must report it (unmerge {range} and fill in {}, or {mark} if the park did not report)",
            cell_name(r, c)
        ),
        None => format!(
            "empty, but a rated park must report it (fill it in, or {mark} if the park did not report)"
        ),
    }
}

/// A number cell, or text that is a plain number (`1200`, `1,200.5`); empty is `None`.
fn number(cell: &Cell) -> Result<Option<f64>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) => Ok(Some(*n)),
        Cell::Text(s) if s.trim().is_empty() => Ok(None),
        Cell::Text(s) => {
            let t = s.trim();
            let plain = if grouped(t) {
                t.replace(',', "")
            } else {
                t.to_string()
            };
            match plain.parse::<f64>() {
                Ok(v) if v.is_finite() && plain.chars().any(|c| c.is_ascii_digit()) => Ok(Some(v)),
                _ => Err(format!("not a number (got \"{t}\")")),
            }
        }
        Cell::Bool(b) => Err(format!(
            "not a number (got {})",
            if *b { "TRUE" } else { "FALSE" }
        )),
        Cell::Date(d) => Err(format!(
            "a date, not a number (got {d}; expected a number: set the cell's format to 常规 or 数值 and type the figure again)"
        )),
        Cell::Other(s) => Err(format!("not a number (got {s})")),
    }
}

/// `1,200` or `-12,345.67`: commas only as thousands separators.
fn grouped(t: &str) -> bool {
    let t = t.strip_prefix('-').unwrap_or(t);
    let int = t.split_once('.').map(|(i, _)| i).unwrap_or(t);
    let groups: Vec<&str> = int.split(',').collect();
    groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
}

/// Excel shows 15 significant digits; anything past them is binary noise from a
/// formula (`1200.0000000000002`), not a figure anyone reported.
fn clean(v: f64) -> f64 {
    format!("{v:.14e}").parse().unwrap_or(v)
}

/// Veto ids (or labels) separated by commas, `、`, `；` or spaces.
fn vetoes(cell: &Cell, m: &Methodology) -> Result<Vec<String>, Vec<String>> {
    let text = match cell {
        Cell::Empty => return Ok(Vec::new()),
        Cell::Text(s) => s.trim().to_string(),
        other => {
            return Err(vec![format!(
                "not a list of veto ids (got {})",
                other.text().unwrap_or_default()
            )])
        }
    };
    let by_label = |s: &str| {
        m.vetoes
            .iter()
            .find(|(_, v)| v.label == s)
            .map(|(id, _)| id.clone())
    };
    if let Some(id) = by_label(&text) {
        return Ok(vec![id]);
    }
    let mut out: Vec<String> = Vec::new();
    let mut errors = Vec::new();
    for token in text
        .split([',', '，', '、', ';', '；', ' ', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let id = by_label(token).unwrap_or_else(|| token.to_string());
        match check_veto(m, &id) {
            Ok(()) if !out.contains(&id) => out.push(id),
            Ok(()) => {}
            Err(msg) => errors.push(msg),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_from_cells() {
        assert_eq!(number(&Cell::Number(3.5)), Ok(Some(3.5)));
        assert_eq!(number(&Cell::Text(" 1,200.5 ".into())), Ok(Some(1200.5)));
        assert_eq!(number(&Cell::Text("-12,345".into())), Ok(Some(-12345.0)));
        assert_eq!(number(&Cell::Text("  ".into())), Ok(None));
        assert_eq!(
            number(&Cell::Text("约1200".into())),
            Err("not a number (got \"约1200\")".into())
        );
        assert_eq!(
            number(&Cell::Text("1,20".into())),
            Err("not a number (got \"1,20\")".into())
        );
        assert_eq!(
            number(&Cell::Text("inf".into())),
            Err("not a number (got \"inf\")".into())
        );
        assert_eq!(
            number(&Cell::Other("#DIV/0!".into())),
            Err("not a number (got #DIV/0!)".into())
        );
    }

    #[test]
    fn excel_noise_is_rounded_away_but_real_digits_stay() {
        assert_eq!(clean(1200.0000000000002), 1200.0);
        assert_eq!(clean(0.1 + 0.2), 0.3);
        assert_eq!(clean(158356.07), 158356.07);
        assert_eq!(clean(123456789.123456), 123456789.123456);
    }
}
