//! The corrections notice (更正说明) of a final edition: for the latest year, which
//! parks' status, total, rank, tier or award changed since the 公示 edition, and
//! why — the diff engine's causes, in public values only (a private metric is
//! named, never valued). Pure: both editions come loaded and evaluated.

use std::collections::{BTreeMap, BTreeSet};

use crate::evaluate::{ParkResult, YearResult};
use crate::model::{Dataset, Methodology, ParkId};

use super::anchor_moves::{anchor_moves, bears_on};
use super::crossings::crossings;
use super::diff::{methodology_change, MethodologyChange, Outcome, Side};
use super::own_edits::own_edits;

pub use super::anchor_moves::AnchorMove;
pub use super::own_edits::OwnEdit;

/// Corrected parks beyond this many are counted among a park's crossers, not named:
/// naming costs (changed parks × corrected parks).
pub const NAMED_LIMIT: usize = 200;

#[derive(Debug, Clone, PartialEq)]
pub struct Corrections {
    /// The latest evaluated year: the one the 公示 was about.
    pub year: i32,
    /// The 公示 edition as the user named it (`gongshi-2024 (3f2a…) data/`).
    pub since: String,
    /// None when the methodology in force is the same in both editions.
    pub methodology: Option<MethodologyChange>,
    /// Anchor moves of the year; a correction refers to them by index.
    pub anchor_moves: Vec<AnchorMove>,
    /// Parks whose result changed: in the final listing order, then the parks no
    /// longer listed, in the 公示 order.
    pub parks: Vec<Correction>,
    /// Parks whose data bearing on the year was corrected without changing their
    /// result, by id.
    pub unchanged: Vec<ParkId>,
    /// Whether [`Crossing::corrected`] names corrected parks (at most
    /// [`NAMED_LIMIT`] were corrected) or stays empty (only counts).
    pub crossers_named: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    pub id: ParkId,
    pub name: String,
    /// None: not listed in that edition (added, or no longer operating in scope).
    pub before: Option<Outcome>,
    pub after: Option<Outcome>,
    /// The park's own corrections bearing on the year (its records of the year and
    /// the year before, status fields, honors).
    pub edits: Vec<Edit>,
    /// Indices into [`Corrections::anchor_moves`] that moved its scores.
    pub anchors: Vec<usize>,
    /// Rated in both editions at different ranks: who crossed it.
    pub ranks: Option<RankCauses>,
}

/// One correction of a park's own data, as the public may read it.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// A public metric, with its values (None: absent).
    Metric {
        year: i32,
        metric: String,
        old: Option<f64>,
        new: Option<f64>,
    },
    /// A metric kept out of public builds: named, never valued.
    PrivateMetric { year: i32, metric: String },
    /// A record flag, a profile field or an honor (all public).
    Other(OwnEdit),
}

/// Parks that crossed a park between the editions.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RankCauses {
    /// Rated in both, behind it in the 公示 edition and ahead now.
    pub overtaken_by: Crossing,
    /// Rated in both, ahead of it then and not ahead now.
    pub passed: Crossing,
    /// Not rated in the 公示 edition, ahead now.
    pub joined_ahead: Crossing,
    /// Ahead in the 公示 edition, not rated now.
    pub left_ahead: Crossing,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Crossing {
    pub count: usize,
    /// The corrected parks among them (own data or listing changed), by id.
    pub corrected: Vec<ParkId>,
}

/// What of a park's published result changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Changed {
    pub status: bool,
    pub total: bool,
    pub rank: bool,
    pub tier: bool,
    pub award: bool,
}

impl Correction {
    pub fn changed(&self) -> Changed {
        let (b, a) = (self.before.as_ref(), self.after.as_ref());
        Changed {
            status: b.map(|o| o.status) != a.map(|o| o.status),
            total: b.and_then(|o| o.total) != a.and_then(|o| o.total),
            rank: b.and_then(|o| o.rank) != a.and_then(|o| o.rank),
            tier: b.and_then(|o| o.tier) != a.and_then(|o| o.tier),
            award: b.and_then(|o| o.award) != a.and_then(|o| o.award),
        }
    }
}

/// Why `since` cannot be the 公示 edition of `now`'s latest year.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Mismatch {
    #[error("no evaluated year in the final data")]
    NoYear,
    #[error("the 公示 edition {since} is not of {year} (got an edition whose latest evaluated year is {latest}; expected the revision published for {year}'s 公示)")]
    OtherYear {
        since: String,
        year: i32,
        /// The edition's latest evaluated year, or `none`.
        latest: String,
    },
}

/// The corrections of `now`'s latest year since the 公示 edition `since`.
pub fn corrections(since: &Side, now: &Side) -> Result<Corrections, Mismatch> {
    let rb = now.years.last().ok_or(Mismatch::NoYear)?;
    let year = rb.year;
    let ra = since
        .years
        .iter()
        .find(|r| r.year == year)
        .filter(|_| since.data.latest_year() == Some(year))
        .ok_or_else(|| Mismatch::OtherYear {
            since: since.label.to_string(),
            year,
            latest: since
                .data
                .latest_year()
                .map_or("none".into(), |y| y.to_string()),
        })?;
    let ma = &since.data.methodologies[&ra.methodology_year];
    let mb = &now.data.methodologies[&rb.methodology_year];
    let moves = anchor_moves(ra, rb, ma, mb);
    let editions = Editions::new(since, now, ra, rb);
    let causes = editions.rank_causes();
    let mut parks = Vec::new();
    let mut unchanged = Vec::new();
    for pb in &rb.parks {
        let pa = editions.before.get(&pb.id).copied();
        let edits = editions.public_edits(&pb.id);
        let after = Outcome::of(pb);
        if pa.map(Outcome::of) == Some(after) {
            if !edits.is_empty() {
                unchanged.push(pb.id.clone());
            }
            continue;
        }
        let anchors = match pa {
            Some(pa) => (0..moves.len())
                .filter(|i| bears_on(&moves[*i], pa, pb, Some(ma), Some(mb)))
                .collect(),
            None => Vec::new(),
        };
        parks.push(Correction {
            id: pb.id.clone(),
            name: now.data.parks[pb.park].name.clone(),
            before: pa.map(Outcome::of),
            after: Some(after),
            edits,
            anchors,
            ranks: causes.get(&pb.id).cloned(),
        });
    }
    for pa in ra
        .parks
        .iter()
        .filter(|p| !editions.after.contains_key(&p.id))
    {
        parks.push(Correction {
            id: pa.id.clone(),
            name: since.data.parks[pa.park].name.clone(),
            before: Some(Outcome::of(pa)),
            after: None,
            edits: editions.public_edits(&pa.id),
            anchors: Vec::new(),
            ranks: None,
        });
    }
    Ok(Corrections {
        year,
        since: since.label.to_string(),
        methodology: methodology_change(since, now, Some(ma), Some(mb)),
        anchor_moves: moves,
        parks,
        unchanged,
        crossers_named: editions.corrected.len() <= NAMED_LIMIT,
    })
}

/// The two editions of the year, indexed by park id.
struct Editions<'a> {
    since: &'a Side<'a>,
    now: &'a Side<'a>,
    year: i32,
    before: BTreeMap<&'a ParkId, &'a ParkResult>,
    after: BTreeMap<&'a ParkId, &'a ParkResult>,
    /// Parks with own edits bearing on the year, or listed in one edition only.
    corrected: BTreeSet<&'a ParkId>,
}

impl<'a> Editions<'a> {
    fn new(
        since: &'a Side<'a>,
        now: &'a Side<'a>,
        ra: &'a YearResult,
        rb: &'a YearResult,
    ) -> Editions<'a> {
        let before: BTreeMap<_, _> = ra.parks.iter().map(|p| (&p.id, p)).collect();
        let after: BTreeMap<_, _> = rb.parks.iter().map(|p| (&p.id, p)).collect();
        let year = rb.year;
        let mut corrected: BTreeSet<&ParkId> = before
            .keys()
            .filter(|id| !after.contains_key(*id))
            .chain(after.keys().filter(|id| !before.contains_key(*id)))
            .copied()
            .collect();
        for p in &now.data.parks {
            let edited = since
                .data
                .park(p.id.as_str())
                .is_some_and(|old| !own_edits(old, p, year).is_empty());
            if edited {
                corrected.insert(&p.id);
            }
        }
        Editions {
            since,
            now,
            year,
            before,
            after,
            corrected,
        }
    }

    /// The park's own edits, private metrics named without values.
    fn public_edits(&self, id: &ParkId) -> Vec<Edit> {
        let (Some(old), Some(new)) = (
            self.since.data.park(id.as_str()),
            self.now.data.park(id.as_str()),
        ) else {
            return Vec::new();
        };
        own_edits(old, new, self.year)
            .into_iter()
            .map(|e| match e {
                OwnEdit::Metric {
                    year,
                    metric,
                    old,
                    new,
                } if is_public(self.since.data, year, &metric)
                    && is_public(self.now.data, year, &metric) =>
                {
                    Edit::Metric {
                        year,
                        metric,
                        old,
                        new,
                    }
                }
                OwnEdit::Metric { year, metric, .. } => Edit::PrivateMetric { year, metric },
                other => Edit::Other(other),
            })
            .collect()
    }

    /// Per park rated in both editions at different ranks: who crossed it.
    fn rank_causes(&self) -> BTreeMap<ParkId, RankCauses> {
        let rank = |r: &&ParkResult| r.rank;
        let both: Vec<(&ParkId, u32, u32)> = self
            .after
            .iter()
            .filter_map(|(id, pb)| {
                let ra = self.before.get(id).and_then(rank)?;
                Some((*id, ra, pb.rank?))
            })
            .collect();
        let only = |from: &BTreeMap<&ParkId, &ParkResult>,
                    other: &BTreeMap<&ParkId, &ParkResult>| {
            let mut v: Vec<u32> = from
                .iter()
                .filter(|(id, _)| other.get(*id).and_then(rank).is_none())
                .filter_map(|(_, p)| p.rank)
                .collect();
            v.sort_unstable();
            v
        };
        let (joined, left) = (
            only(&self.after, &self.before),
            only(&self.before, &self.after),
        );
        let counts = crossings(&both.iter().map(|b| (b.1, b.2)).collect::<Vec<_>>());
        let named = self.corrected.len() <= NAMED_LIMIT;
        both.iter()
            .zip(counts)
            .filter(|((_, ra, rb), _)| ra != rb)
            .map(|((id, ra, rb), c)| {
                let mut causes = RankCauses::default();
                causes.overtaken_by.count = c.overtaken_by;
                causes.passed.count = c.passed;
                causes.joined_ahead.count = joined.partition_point(|r| r < rb);
                causes.left_ahead.count = left.partition_point(|r| r < ra);
                if named {
                    self.name_crossers(&mut causes, *ra, *rb);
                }
                ((*id).clone(), causes)
            })
            .collect()
    }

    /// The corrected parks among the crossers of a park ranked `ra` then, `rb` now.
    fn name_crossers(&self, causes: &mut RankCauses, ra: u32, rb: u32) {
        for id in &self.corrected {
            let qa = self.before.get(id).and_then(|p| p.rank);
            let qb = self.after.get(id).and_then(|p| p.rank);
            let list = match (qa, qb) {
                (Some(qa), Some(qb)) if qb < rb && qa >= ra => &mut causes.overtaken_by,
                (Some(qa), Some(qb)) if qa < ra && qb >= rb => &mut causes.passed,
                (None, Some(qb)) if qb < rb => &mut causes.joined_ahead,
                (Some(qa), None) if qa < ra => &mut causes.left_ahead,
                _ => continue,
            };
            list.corrected.push((*id).clone());
        }
    }
}

/// Whether `metric` is public under the methodology governing records of `year`.
fn is_public(data: &Dataset, year: i32, metric: &str) -> bool {
    let m: Option<&Methodology> = data
        .methodology_for(year)
        .or_else(|| data.methodologies.values().next());
    m.and_then(|m| m.metrics.get(metric))
        .is_some_and(|d| d.public)
}
