//! `parkscore import`: a filled sheet → the year records in `parks/<id>.yaml`, all or
//! nothing. Planning is pure (files in, new file contents out); writing is separate,
//! so `--dry-run` and tests see exactly what a real import would write.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::error::{Error, Problem, Result};
use crate::format::trimmed;
use crate::load::{load_with_problems, LoadOptions, SourceFiles};
use crate::model::{Dataset, Methodology, YearRecord};

use super::grid::{Filled, TextEncoding};
use super::layout::{methodology_for_records, parks_in_template, Column, YES};
use super::sheet::{read_sheet, SheetRow};
use super::splice::{splice_record, RecordEdit};

/// One park whose record for the year changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The park file, relative to the data folder.
    pub file: String,
    pub park: String,
    pub old: Option<YearRecord>,
    pub new: YearRecord,
}

/// What an import does to the data folder.
#[derive(Debug, Clone)]
pub struct ImportPlan {
    pub year: i32,
    pub methodology: Methodology,
    pub changes: Vec<Change>,
    /// Park rows whose record equals the YAML already.
    pub unchanged: usize,
    /// Park ids whose row is blank (not filled yet): left as they are.
    pub blank: Vec<String>,
    /// Parks the template lists for the year (operating, in scope) that have no row
    /// in the sheet — a deleted row: left as they are, and named in the dry run.
    pub not_in_sheet: Vec<(String, String)>,
    /// How a CSV file's text was decoded (`None` for a workbook).
    pub encoding: Option<TextEncoding>,
    /// New contents of the changed files, by path relative to the data folder.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Problems the data folder has after the import (e.g. parks still to report);
    /// `parkscore check` lists the same.
    pub remaining: Vec<Problem>,
    /// Set for a roster workbook: the roster files it writes.
    pub rosters: Option<super::roster_import::RosterImports>,
}

/// Plans the import of `filled` into the data files `src`. `year` is `--year`;
/// `file_name` (e.g. `填报-2023.xlsx`) is the last place a year is looked for.
pub fn plan(
    src: &SourceFiles,
    filled: &Filled,
    year: Option<i32>,
    file_name: &str,
) -> Result<ImportPlan> {
    let (data, before) = load_with_problems(src, &LoadOptions::default());
    let Some(data) = data else {
        return Err(Error::Invalid(before));
    };
    let year = resolve_year(year, filled.year, file_name)?;
    let m = methodology_for_records(&data, year)
        .ok_or(Error::NoMethodology)?
        .clone();
    let read = read_sheet(&filled.grid, &data, year, &m, &broken_parks(src, &data));
    if !read.problems.is_empty() {
        return Err(Error::capped(read.problems));
    }
    let target = Target {
        data: &data,
        m: &m,
        year,
    };
    let spliced = target.splice(src, &read.rows)?;
    let not_in_sheet = target.not_in_sheet(&read.rows);
    let remaining = if spliced.changes.is_empty() {
        before
    } else {
        target.verify(&before, &spliced)?
    };
    Ok(ImportPlan {
        year,
        methodology: m,
        changes: spliced.changes,
        unchanged: spliced.unchanged,
        blank: spliced.blank,
        not_in_sheet,
        encoding: filled.encoding,
        files: spliced.files,
        remaining,
        rosters: None,
    })
}

/// Ids of the park files that exist but do not load (the sheet names them apart).
fn broken_parks(src: &SourceFiles, data: &Dataset) -> BTreeSet<String> {
    let loaded: BTreeSet<&str> = data.parks.iter().map(|p| p.source.as_str()).collect();
    src.files
        .keys()
        .filter(|f| f.starts_with("parks/") && !loaded.contains(f.as_str()))
        .filter_map(|f| {
            Path::new(f)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
        })
        .collect()
}

/// The sheet's rows spliced into the park files.
struct Spliced {
    changes: Vec<Change>,
    unchanged: usize,
    blank: Vec<String>,
    /// The data folder as it would be after the import.
    after: SourceFiles,
    /// New contents of the changed files.
    files: BTreeMap<String, Vec<u8>>,
}

/// What the import writes into: the loaded data, the year, its methodology.
struct Target<'a> {
    data: &'a Dataset,
    m: &'a Methodology,
    year: i32,
}

impl Target<'_> {
    /// Each filled row whose record differs from the YAML, spliced into its file.
    fn splice(&self, src: &SourceFiles, rows: &[SheetRow]) -> Result<Spliced> {
        let order: Vec<String> = self.m.metrics.keys().cloned().collect();
        let mut out = Spliced {
            changes: Vec::new(),
            unchanged: 0,
            blank: Vec::new(),
            after: src.clone(),
            files: BTreeMap::new(),
        };
        for row in rows {
            let park = &self.data.parks[row.park];
            let Some(new) = &row.record else {
                out.blank.push(park.id.to_string());
                continue;
            };
            let old = park.years.get(&self.year);
            if old == Some(new) {
                out.unchanged += 1;
                continue;
            }
            let text =
                std::str::from_utf8(&src.files[&park.source]).expect("loaded files are UTF-8");
            // Roster-derived metrics live in the roster, never in the YAML.
            let typed_old = old.map(typed_only);
            let typed_new = typed_only(new);
            let edit = RecordEdit {
                year: self.year,
                old: typed_old.as_ref(),
                new: &typed_new,
                order: &order,
            };
            let spliced = splice_record(text, &edit).map_err(|reason| Error::CannotEditRecord {
                file: park.source.clone(),
                year: self.year,
                reason,
            })?;
            out.after
                .files
                .insert(park.source.clone(), spliced.clone().into_bytes());
            out.files.insert(park.source.clone(), spliced.into_bytes());
            out.changes.push(Change {
                file: park.source.clone(),
                park: park.id.to_string(),
                old: old.cloned(),
                new: new.clone(),
            });
        }
        Ok(out)
    }

    /// Parks the template lists for the year that have no row in the sheet.
    fn not_in_sheet(&self, rows: &[SheetRow]) -> Vec<(String, String)> {
        let listed: BTreeSet<&str> = rows
            .iter()
            .map(|row| self.data.parks[row.park].id.as_str())
            .collect();
        parks_in_template(self.data, self.year, self.m)
            .into_iter()
            .filter(|p| !listed.contains(p.id.as_str()))
            .map(|p| (p.id.to_string(), p.name.clone()))
            .collect()
    }

    /// Reloads the data folder as it would be after the import: every edited file
    /// must read back as exactly the intended park, and gain no problem. Returns the
    /// problems that remain (those in other files, or there `before`).
    fn verify(&self, before: &[Problem], spliced: &Spliced) -> Result<Vec<Problem>> {
        let (after_data, after) = load_with_problems(&spliced.after, &LoadOptions::default());
        let key = |p: &Problem| (p.file.clone(), p.field.clone(), p.message.clone());
        let old: BTreeSet<_> = before.iter().map(key).collect();
        let changed: BTreeSet<&str> = spliced.changes.iter().map(|c| c.file.as_str()).collect();
        let introduced: Vec<Problem> = after
            .iter()
            .filter(|p| changed.contains(p.file.as_str()) && !old.contains(&key(p)))
            .cloned()
            .collect();
        if !introduced.is_empty() {
            return Err(Error::ImportWouldBreak(introduced));
        }
        let after_data = after_data.ok_or_else(|| Error::Invalid(after.clone()))?;
        for c in &spliced.changes {
            let mut expected = self
                .data
                .park(&c.park)
                .expect("changes are of loaded parks")
                .clone();
            expected.years.insert(self.year, c.new.clone());
            if after_data.park(&c.park) != Some(&expected) {
                return Err(Error::ImportReadsBack {
                    file: c.file.clone(),
                    year: self.year,
                });
            }
        }
        Ok(after)
    }
}

/// The record as the YAML holds it: without the metrics a roster derives.
fn typed_only(r: &YearRecord) -> YearRecord {
    let mut out = r.clone();
    out.metrics.retain(|k, _| !r.is_derived(k));
    out.roster = None;
    out
}

pub(super) fn resolve_year(
    arg: Option<i32>,
    declared: Option<i32>,
    file_name: &str,
) -> Result<i32> {
    match (arg, declared) {
        (Some(a), Some(d)) if a != d => Err(Error::YearConflict {
            declared: d,
            flag: a,
        }),
        (Some(y), _) | (None, Some(y)) => Ok(y),
        (None, None) => year_in_name(file_name).ok_or_else(|| Error::YearUnknown {
            file: file_name.to_string(),
        }),
    }
}

/// A four-digit year (19xx or 20xx) in a file name such as `填报-2023.csv`.
fn year_in_name(name: &str) -> Option<i32> {
    let digits: Vec<(usize, char)> = name.char_indices().collect();
    let mut found = None;
    let mut run = String::new();
    for (_, c) in digits.iter().chain(std::iter::once(&(0, ' '))) {
        if c.is_ascii_digit() {
            run.push(*c);
            continue;
        }
        if run.len() == 4 && (run.starts_with("19") || run.starts_with("20")) {
            if found.is_some() {
                return None;
            }
            found = run.parse().ok();
        }
        run.clear();
    }
    found
}

/// Writes the planned files: every new file to a temporary sibling first, then all
/// renamed into place, so a failure while writing leaves the park files untouched.
pub fn write(dir: &Path, plan: &ImportPlan) -> Result<()> {
    let mut temps = Vec::new();
    for (rel, bytes) in &plan.files {
        let target = dir.join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = target.with_file_name(format!(".{name}.import-tmp"));
        if let Err(e) = std::fs::write(&tmp, bytes) {
            for (t, _) in &temps {
                let _ = std::fs::remove_file(t);
            }
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::io(&tmp, e));
        }
        temps.push((tmp, target));
    }
    for (tmp, target) in &temps {
        std::fs::rename(tmp, target).map_err(|e| Error::io(target, e))?;
    }
    Ok(())
}

/// The plan as text: one block per changed park, values old → new.
pub fn describe(plan: &ImportPlan) -> String {
    if let Some(r) = &plan.rosters {
        return super::roster_import::describe_rosters(plan.year, r);
    }
    let m = &plan.methodology;
    let mut out = String::new();
    if let Some(e) = plan.encoding {
        out.push_str(&format!("read the CSV file as {} text\n", e.describe()));
    }
    for c in &plan.changes {
        match &c.old {
            None => {
                out.push_str(&format!(
                    "{}: {} added: {}\n",
                    c.file,
                    plan.year,
                    summary(&c.new, m)
                ));
            }
            Some(old) => {
                out.push_str(&format!("{}: {} changed\n", c.file, plan.year));
                for line in differences(old, &c.new, m) {
                    out.push_str(&format!("    {line}\n"));
                }
            }
        }
    }
    if !plan.not_in_sheet.is_empty() {
        out.push_str(&format!(
            "not in the sheet (was the row deleted?), left as they are: {} park(s)\n",
            plan.not_in_sheet.len()
        ));
        for (id, name) in &plan.not_in_sheet {
            out.push_str(&format!("    {id} {name}\n"));
        }
    }
    let added = plan.changes.iter().filter(|c| c.old.is_none()).count();
    out.push_str(&format!(
        "{}: {} added, {} changed, {} unchanged, {} blank rows skipped, {} parks not in the sheet\n",
        plan.year,
        added,
        plan.changes.len() - added,
        plan.unchanged,
        plan.blank.len(),
        plan.not_in_sheet.len()
    ));
    out
}

fn summary(r: &YearRecord, m: &Methodology) -> String {
    let mut parts = vec![format!("{} metrics", r.metrics.len())];
    if r.not_reported {
        parts.push(format!("{} {YES}", Column::NotReported.label(m)));
    }
    if !r.vetoes.is_empty() {
        parts.push(format!(
            "{} {}",
            Column::Vetoes.label(m),
            r.vetoes.join(", ")
        ));
    }
    if r.transition_opt_in {
        parts.push(format!("{} {YES}", Column::TransitionOptIn.label(m)));
    }
    parts.join("; ")
}

fn differences(old: &YearRecord, new: &YearRecord, m: &Methodology) -> Vec<String> {
    let num = |v: Option<&f64>| {
        v.map(|v| trimmed(*v, 10))
            .unwrap_or_else(|| "(empty)".into())
    };
    let flag = |b: bool| if b { YES } else { "否" };
    let mut out = Vec::new();
    let mut keys: Vec<&String> = m.metrics.keys().collect();
    keys.extend(old.metrics.keys().filter(|k| !m.metrics.contains_key(*k)));
    for k in keys {
        let (a, b) = (old.metrics.get(k), new.metrics.get(k));
        if a != b {
            let label = m.metrics.get(k).map(|d| d.label.as_str()).unwrap_or("");
            out.push(format!("{k} {label}: {} → {}", num(a), num(b)));
        }
    }
    if old.not_reported != new.not_reported {
        out.push(format!(
            "not_reported {}: {} → {}",
            Column::NotReported.label(m),
            flag(old.not_reported),
            flag(new.not_reported)
        ));
    }
    if old.vetoes != new.vetoes {
        out.push(format!(
            "vetoes {}: [{}] → [{}]",
            Column::Vetoes.label(m),
            old.vetoes.join(", "),
            new.vetoes.join(", ")
        ));
    }
    if old.transition_opt_in != new.transition_opt_in {
        out.push(format!(
            "transition_opt_in {}: {} → {}",
            Column::TransitionOptIn.label(m),
            flag(old.transition_opt_in),
            flag(new.transition_opt_in)
        ));
    }
    if old.note != new.note {
        out.push(format!(
            "note {}: {:?} → {:?}",
            Column::Note.label(m),
            old.note.as_deref().unwrap_or(""),
            new.note.as_deref().unwrap_or("")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_come_from_the_flag_the_workbook_or_the_name() {
        assert_eq!(resolve_year(Some(2023), None, "x.xlsx").unwrap(), 2023);
        assert_eq!(
            resolve_year(None, Some(2022), "填报-2023.xlsx").unwrap(),
            2022
        );
        assert_eq!(resolve_year(None, None, "填报-2023.csv").unwrap(), 2023);
        assert!(resolve_year(Some(2023), Some(2022), "x")
            .unwrap_err()
            .to_string()
            .contains("--year says 2023"));
        assert!(resolve_year(None, None, "填报.csv")
            .unwrap_err()
            .to_string()
            .contains("pass --year"));
        assert_eq!(year_in_name("2022-2023.csv"), None, "ambiguous");
        assert_eq!(year_in_name("v12345.csv"), None);
    }
}
