//! Explain a change: two evaluated versions of the data (A → B), and for each year
//! the parks whose status, total, rank, tier or award changed, each with its causes —
//! its own data edits, anchor moves caused by other parks, methodology edits, and the
//! parks that overtook it or that it passed. Pure: no I/O.

use std::collections::{BTreeMap, BTreeSet};

use serde_yaml::Value;

use crate::evaluate::{ParkResult, Tier, YearResult};
use crate::load::SourceFiles;
use crate::model::{Dataset, Hundredths, Methodology, ParkId, Status};

use super::anchor_moves::{anchor_moves, relevant_moves};
use super::own_edits::own_edits;
use super::roster_diff::{roster_diffs, ParkRosterDiff};
use super::yaml_diff::{diff_values, KeyEdit};

pub use super::anchor_moves::{AnchorMove, Part};
pub use super::own_edits::OwnEdit;

/// One evaluated version of the data.
pub struct Side<'a> {
    /// How the user named it (a folder, or a git revision with its commit).
    pub label: &'a str,
    pub files: &'a SourceFiles,
    pub data: &'a Dataset,
    pub years: &'a [YearResult],
}

#[derive(Debug, Clone, PartialEq)]
pub struct DataDiff {
    pub a: String,
    pub b: String,
    pub years: Vec<YearDiff>,
}

impl DataDiff {
    /// Whether any year has a change worth reporting.
    pub fn is_empty(&self) -> bool {
        self.years.iter().all(YearDiff::is_empty)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct YearDiff {
    pub year: i32,
    /// Rated parks in A and B.
    pub rated: (usize, usize),
    /// None when the methodology in force is the same in A and B.
    pub methodology: Option<MethodologyChange>,
    pub anchor_moves: Vec<AnchorMove>,
    /// Parks listed (operating) in B but not in A, and the reverse.
    pub added: Vec<Presence>,
    pub removed: Vec<Presence>,
    /// In B's listing order.
    pub changed: Vec<ParkChange>,
    /// Parks whose data for the year changed without changing their result.
    pub edited_unchanged: Vec<(ParkId, Vec<OwnEdit>)>,
    /// Parks whose roster of the year changed: which firms, and the derived metrics.
    pub rosters: Vec<ParkRosterDiff>,
}

impl YearDiff {
    pub fn is_empty(&self) -> bool {
        self.methodology.is_none()
            && self.anchor_moves.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.edited_unchanged.is_empty()
            && self.rosters.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct MethodologyChange {
    /// The file in force in A and in B (None when a side does not evaluate the year).
    pub a_source: Option<String>,
    pub b_source: Option<String>,
    pub edits: Vec<KeyEdit>,
}

/// What the evaluation says about a park, the part a diff compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    pub total: Option<Hundredths>,
    pub rank: Option<u32>,
    pub tier: Option<Tier>,
    pub award: Option<Hundredths>,
}

impl Outcome {
    pub(super) fn of(p: &ParkResult) -> Outcome {
        Outcome {
            status: p.status,
            total: p.total,
            rank: p.rank,
            tier: p.tier,
            award: p.award,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Presence {
    pub id: ParkId,
    pub name: String,
    pub outcome: Outcome,
    /// The park file itself was added (for `added`) or removed (for `removed`).
    pub file_changed: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Causes {
    pub own: Vec<OwnEdit>,
    /// Moves of anchors this park was scored against whose score part changed,
    /// unless the park alone moved them.
    pub anchors: Vec<AnchorMove>,
    /// Dotted key paths of the methodology edits in force for the year.
    pub methodology: Vec<String>,
    /// When the park is rated in A and B and its rank changed: parks rated in both
    /// that are ahead of it in B but were not in A (overtaken by), and the reverse
    /// (passed); parks ahead in B that were not rated in A (joined ahead), and parks
    /// ahead in A that are not rated in B (left ahead).
    pub overtaken_by: Vec<ParkId>,
    pub passed: Vec<ParkId>,
    pub joined_ahead: Vec<ParkId>,
    pub left_ahead: Vec<ParkId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParkChange {
    pub id: ParkId,
    pub name: String,
    pub before: Outcome,
    pub after: Outcome,
    pub causes: Causes,
}

/// Compares A and B for every year either evaluates (or only `year`).
pub fn diff(a: &Side, b: &Side, year: Option<i32>) -> DataDiff {
    let years: BTreeSet<i32> = a
        .years
        .iter()
        .chain(b.years.iter())
        .map(|r| r.year)
        .filter(|y| year.is_none_or(|only| only == *y))
        .collect();
    DataDiff {
        a: a.label.to_string(),
        b: b.label.to_string(),
        years: years.into_iter().map(|y| diff_year(a, b, y)).collect(),
    }
}

fn diff_year(a: &Side, b: &Side, year: i32) -> YearDiff {
    let pair = YearPair::new(a, b, year);
    let (ra, rb, ma, mb) = (pair.ra, pair.rb, pair.ma, pair.mb);
    let methodology = methodology_change(a, b, ma, mb);
    let (la, lb) = (listed(ra), listed(rb));
    let added = lb
        .iter()
        .filter(|(id, _)| !la.contains_key(*id))
        .map(|(id, o)| presence(b, a, id, *o))
        .collect();
    let removed = la
        .iter()
        .filter(|(id, _)| !lb.contains_key(*id))
        .map(|(id, o)| presence(a, b, id, *o))
        .collect();
    let anchor_moves = match (ra, rb, ma, mb) {
        (Some(ra), Some(rb), Some(ma), Some(mb)) => anchor_moves(ra, rb, ma, mb),
        _ => Vec::new(),
    };
    let (changed, edited_unchanged) = pair.changes(&la, methodology.as_ref(), &anchor_moves);
    YearDiff {
        year,
        rated: (
            ra.map(|r| r.summary.rated).unwrap_or(0),
            rb.map(|r| r.summary.rated).unwrap_or(0),
        ),
        methodology,
        anchor_moves,
        added,
        removed,
        changed,
        edited_unchanged,
        rosters: roster_diffs(a.data, b.data, year),
    }
}

/// Each park a year's evaluation lists, with its outcome (none when not evaluated).
fn listed(r: Option<&YearResult>) -> BTreeMap<ParkId, Outcome> {
    r.map(|r| {
        r.parks
            .iter()
            .map(|p| (p.id.clone(), Outcome::of(p)))
            .collect()
    })
    .unwrap_or_default()
}

/// Park `id`, listed on side `s` with outcome `o`; its file changed when `other`
/// has no such park.
fn presence(s: &Side, other: &Side, id: &ParkId, o: Outcome) -> Presence {
    Presence {
        id: id.clone(),
        name: s
            .data
            .park(id.as_str())
            .map(|p| p.name.clone())
            .unwrap_or_default(),
        outcome: o,
        file_changed: other.data.park(id.as_str()).is_none(),
    }
}

/// One year on both sides: its results and the methodology in force (None where a
/// side does not evaluate the year).
struct YearPair<'s, 'a> {
    a: &'s Side<'a>,
    b: &'s Side<'a>,
    year: i32,
    ra: Option<&'a YearResult>,
    rb: Option<&'a YearResult>,
    ma: Option<&'a Methodology>,
    mb: Option<&'a Methodology>,
}

impl<'s, 'a> YearPair<'s, 'a> {
    fn new(a: &'s Side<'a>, b: &'s Side<'a>, year: i32) -> Self {
        let ra = a.years.iter().find(|r| r.year == year);
        let rb = b.years.iter().find(|r| r.year == year);
        YearPair {
            a,
            b,
            year,
            ra,
            rb,
            ma: ra.map(|r| &a.data.methodologies[&r.methodology_year]),
            mb: rb.map(|r| &b.data.methodologies[&r.methodology_year]),
        }
    }

    /// The parks listed on both sides whose outcome changed, with their causes (in
    /// B's order), and those whose own data changed without changing the outcome.
    fn changes(
        &self,
        la: &BTreeMap<ParkId, Outcome>,
        methodology: Option<&MethodologyChange>,
        moves: &[AnchorMove],
    ) -> (Vec<ParkChange>, Vec<(ParkId, Vec<OwnEdit>)>) {
        let mut changed = Vec::new();
        let mut edited_unchanged = Vec::new();
        let Some(rb) = self.rb else {
            return (changed, edited_unchanged);
        };
        let edited: Vec<String> = methodology
            .map(|c| c.edits.iter().map(|e| e.path.clone()).collect())
            .unwrap_or_default();
        for pb in &rb.parks {
            let Some(before) = la.get(&pb.id) else {
                continue;
            };
            let park_a = self
                .a
                .data
                .park(pb.id.as_str())
                .expect("listed parks exist");
            let park_b = &self.b.data.parks[pb.park];
            let own = own_edits(park_a, park_b, self.year);
            let after = Outcome::of(pb);
            if *before == after {
                if !own.is_empty() {
                    edited_unchanged.push((pb.id.clone(), own));
                }
                continue;
            }
            let pa = self
                .ra
                .and_then(|r| r.park(pb.id.as_str()))
                .expect("listed in A");
            let mut causes = Causes {
                own,
                anchors: relevant_moves(moves, pa, pb, self.ma, self.mb),
                methodology: edited.clone(),
                ..Causes::default()
            };
            if before.rank != after.rank && before.rank.is_some() && after.rank.is_some() {
                let ra = self.ra.expect("listed in A");
                rank_causes((ra, pa), (rb, pb), &mut causes);
            }
            changed.push(ParkChange {
                id: pb.id.clone(),
                name: park_b.name.clone(),
                before: *before,
                after,
                causes,
            });
        }
        (changed, edited_unchanged)
    }
}

/// Who overtook the park or joined ahead of it, whom it passed or who left from
/// ahead of it, between its rank in A (`a`) and in B (`b`).
fn rank_causes(a: (&YearResult, &ParkResult), b: (&YearResult, &ParkResult), causes: &mut Causes) {
    let (rated_a, rated_b) = (rated_ids(a.0), rated_ids(b.0));
    let (ahead_a, ahead_b) = (ahead(a.0, a.1), ahead(b.0, b.1));
    for id in ahead_b.difference(&ahead_a) {
        match rated_a.contains(id) {
            true => causes.overtaken_by.push(id.clone()),
            false => causes.joined_ahead.push(id.clone()),
        }
    }
    for id in ahead_a.difference(&ahead_b) {
        match rated_b.contains(id) {
            true => causes.passed.push(id.clone()),
            false => causes.left_ahead.push(id.clone()),
        }
    }
}

pub(super) fn methodology_change(
    a: &Side,
    b: &Side,
    ma: Option<&Methodology>,
    mb: Option<&Methodology>,
) -> Option<MethodologyChange> {
    let tree = |s: &Side, m: Option<&Methodology>| -> Value {
        m.and_then(|m| s.files.files.get(&m.source))
            .and_then(|bytes| serde_yaml::from_slice(bytes).ok())
            .unwrap_or(Value::Null)
    };
    let edits = diff_values(&tree(a, ma), &tree(b, mb));
    let (sa, sb) = (ma.map(|m| m.source.clone()), mb.map(|m| m.source.clone()));
    (!edits.is_empty() || sa != sb).then_some(MethodologyChange {
        a_source: sa,
        b_source: sb,
        edits,
    })
}

fn rated_ids(r: &YearResult) -> BTreeSet<ParkId> {
    r.rated().map(|p| p.id.clone()).collect()
}

/// Ids of the rated parks ranked strictly ahead of `p`.
fn ahead(r: &YearResult, p: &ParkResult) -> BTreeSet<ParkId> {
    let Some(rank) = p.rank else {
        return BTreeSet::new();
    };
    r.rated()
        .filter(|q| q.rank.is_some_and(|qr| qr < rank))
        .map(|q| q.id.clone())
        .collect()
}
