//! Two versions of a roster, firm by firm (matched by USCC): added, removed, and
//! edited with the columns that changed. Pure; `diff` and the roster import use it.

use std::collections::{BTreeSet, HashMap};

use crate::model::{Dataset, Firm, ParkId, Roster, RosterColumn, Uscc, YearRecord};

/// One changed column of a firm: its text before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub column: RosterColumn,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FirmEdit<'a> {
    pub firm: &'a Firm,
    pub fields: Vec<FieldChange>,
}

/// Firms in `new` only, in `old` only, and in both with different figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FirmChanges<'a> {
    pub added: Vec<&'a Firm>,
    pub removed: Vec<&'a Firm>,
    pub edited: Vec<FirmEdit<'a>>,
}

impl FirmChanges<'_> {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.edited.is_empty()
    }
}

/// Compares two firm lists; results follow file order (removed: the old file's).
pub fn compare_firms<'a>(old: &'a [Firm], new: &'a [Firm]) -> FirmChanges<'a> {
    let before: HashMap<Uscc, &Firm> = old.iter().map(|f| (f.uscc, f)).collect();
    let after: HashMap<Uscc, &Firm> = new.iter().map(|f| (f.uscc, f)).collect();
    let mut out = FirmChanges::default();
    for f in new {
        match before.get(&f.uscc) {
            None => out.added.push(f),
            Some(o) if !o.same_as(f) => out.edited.push(FirmEdit {
                firm: f,
                fields: RosterColumn::ALL
                    .iter()
                    .filter_map(|c| {
                        let (a, b) = (c.text(o), c.text(f));
                        (a != b).then_some(FieldChange {
                            column: *c,
                            old: a,
                            new: b,
                        })
                    })
                    .collect(),
            }),
            Some(_) => {}
        }
    }
    out.removed = old
        .iter()
        .filter(|f| !after.contains_key(&f.uscc))
        .collect();
    out
}

/// A firm named in a diff.
#[derive(Debug, Clone, PartialEq)]
pub struct FirmRef {
    pub uscc: String,
    pub name: String,
}

impl FirmRef {
    fn of(f: &Firm) -> FirmRef {
        FirmRef {
            uscc: f.uscc.to_string(),
            name: f.name.to_string(),
        }
    }
}

/// One park's roster of a year, A → B, and what it did to the derived metrics.
#[derive(Debug, Clone, PartialEq)]
pub struct ParkRosterDiff {
    pub park: ParkId,
    pub file: String,
    /// Rows on each side; `None` where that side has no roster.
    pub rows: (Option<usize>, Option<usize>),
    pub added: Vec<FirmRef>,
    pub removed: Vec<FirmRef>,
    pub edited: Vec<(FirmRef, Vec<FieldChange>)>,
    /// Derived metrics whose value changed: (metric, A, B); `None` where absent.
    pub metrics: Vec<(String, Option<f64>, Option<f64>)>,
}

/// Every park whose roster of `year` differs between A and B, by park id.
pub fn roster_diffs(a: &Dataset, b: &Dataset, year: i32) -> Vec<ParkRosterDiff> {
    let parks: BTreeSet<&ParkId> = a
        .rosters
        .of_year(year)
        .chain(b.rosters.of_year(year))
        .map(|r| &r.park)
        .collect();
    parks
        .into_iter()
        .filter_map(|id| park_diff(a, b, id, year))
        .collect()
}

fn firms(r: Option<&Roster>) -> &[Firm] {
    r.map(|r| r.firms.as_slice()).unwrap_or(&[])
}

fn park_diff(a: &Dataset, b: &Dataset, id: &ParkId, year: i32) -> Option<ParkRosterDiff> {
    let (ra, rb) = (
        a.rosters.get(id.as_str(), year),
        b.rosters.get(id.as_str(), year),
    );
    let changes = compare_firms(firms(ra), firms(rb));
    if changes.is_empty() && ra.is_some() == rb.is_some() {
        return None;
    }
    let record = |d: &Dataset| {
        d.park(id.as_str())
            .and_then(|p| p.years.get(&year))
            .cloned()
    };
    let (rec_a, rec_b) = (record(a), record(b));
    let derived: BTreeSet<&String> = [&rec_a, &rec_b]
        .into_iter()
        .flatten()
        .filter_map(|r| r.roster.as_ref())
        .flat_map(|s| s.metrics.iter())
        .collect();
    let value =
        |r: &Option<YearRecord>, m: &str| r.as_ref().and_then(|r| r.metrics.get(m).copied());
    let metrics = derived
        .into_iter()
        .map(|m| (m.clone(), value(&rec_a, m), value(&rec_b, m)))
        .filter(|(_, x, y)| x != y)
        .collect();
    Some(ParkRosterDiff {
        park: id.clone(),
        file: rb.or(ra).map(|r| r.file.clone()).unwrap_or_default(),
        rows: (ra.map(|r| r.firms.len()), rb.map(|r| r.firms.len())),
        added: changes.added.iter().map(|f| FirmRef::of(f)).collect(),
        removed: changes.removed.iter().map(|f| FirmRef::of(f)).collect(),
        edited: changes
            .edited
            .iter()
            .map(|e| (FirmRef::of(e.firm), e.fields.clone()))
            .collect(),
        metrics,
    })
}
