//! Anchor moves between two evaluations of a year: which indicator's x_s / x_h moved,
//! which parks moved them, and which moves bear on a given park's result.

use std::collections::{BTreeMap, BTreeSet};

use crate::evaluate::{AnchorTrace, ParkResult, YearResult};
use crate::model::{Anchor, Methodology, ParkId, Status};

/// Which part of an indicator an anchor belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Level,
    Growth,
}

impl Part {
    pub fn id(self) -> &'static str {
        match self {
            Part::Level => "level",
            Part::Growth => "growth",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AnchorMove {
    pub indicator: String,
    pub part: Part,
    /// (x_s, x_h) in A and B; None when the part had no anchors.
    pub old: Option<(f64, f64)>,
    pub new: Option<(f64, f64)>,
    /// Parks whose value of this part changed (or that joined or left the peer group)
    /// and that can have moved the anchors: for min/max anchors those holding an
    /// extreme in A or B, for percentile anchors all of them.
    pub moved_by: Vec<ParkId>,
}

/// Per rated park id: its value of indicator `k`'s part (level value or growth).
fn part_values(r: &YearResult, k: usize, part: Part) -> BTreeMap<ParkId, Option<f64>> {
    r.rated()
        .map(|p| {
            let s = &p.indicators[k];
            let v = match part {
                Part::Level => Some(s.value),
                Part::Growth => s.growth.map(|g| g.value),
            };
            (p.id.clone(), v)
        })
        .collect()
}

fn xs_xh(t: Option<AnchorTrace>) -> Option<(f64, f64)> {
    t.map(|t| (t.x_s, t.x_h))
}

pub(super) fn anchor_moves(
    ra: &YearResult,
    rb: &YearResult,
    ma: &Methodology,
    mb: &Methodology,
) -> Vec<AnchorMove> {
    let mut out = Vec::new();
    for (kb, ind) in mb.indicators.iter().enumerate() {
        let Some(ka) = ma.indicators.iter().position(|i| i.id == ind.id) else {
            continue;
        };
        for part in [Part::Level, Part::Growth] {
            let (ta, tb) = match part {
                Part::Level => (ra.anchors[ka].level, rb.anchors[kb].level),
                Part::Growth => (ra.anchors[ka].growth, rb.anchors[kb].growth),
            };
            let (old, new) = (xs_xh(ta), xs_xh(tb));
            if old == new {
                continue;
            }
            let (va, vb) = (part_values(ra, ka, part), part_values(rb, kb, part));
            let anchor = match part {
                Part::Level => ind.anchor,
                Part::Growth => ind.growth_anchor,
            };
            let extremes: Vec<f64> = [old, new]
                .iter()
                .flatten()
                .flat_map(|(s, h)| [*s, *h])
                .collect();
            let ids: BTreeSet<&ParkId> = va.keys().chain(vb.keys()).collect();
            let moved_by = ids
                .into_iter()
                .filter(|id| {
                    let (x, y) = (
                        va.get(*id).copied().flatten(),
                        vb.get(*id).copied().flatten(),
                    );
                    if x == y {
                        return false;
                    }
                    match anchor {
                        Anchor::Fixed { .. } => false,
                        Anchor::Percentile { .. } => true,
                        Anchor::PeerMinMax => [x, y].iter().flatten().any(|v| extremes.contains(v)),
                    }
                })
                .cloned()
                .collect();
            out.push(AnchorMove {
                indicator: ind.id.clone(),
                part,
                old,
                new,
                moved_by,
            });
        }
    }
    out
}

/// The anchor moves that bear on park `pb`: it was rated in both, the score of that
/// part changed, and someone other than the park itself moved them.
pub(super) fn relevant_moves(
    moves: &[AnchorMove],
    pa: &ParkResult,
    pb: &ParkResult,
    ma: Option<&Methodology>,
    mb: Option<&Methodology>,
) -> Vec<AnchorMove> {
    moves
        .iter()
        .filter(|mv| bears_on(mv, pa, pb, ma, mb))
        .cloned()
        .collect()
}

/// Whether one anchor move bears on park `pb` (see [`relevant_moves`]).
pub(super) fn bears_on(
    mv: &AnchorMove,
    pa: &ParkResult,
    pb: &ParkResult,
    ma: Option<&Methodology>,
    mb: Option<&Methodology>,
) -> bool {
    let (Some(ma), Some(mb)) = (ma, mb) else {
        return false;
    };
    if pa.status != Status::Rated || pb.status != Status::Rated {
        return false;
    }
    let ka = ma.indicators.iter().position(|i| i.id == mv.indicator);
    let kb = mb.indicators.iter().position(|i| i.id == mv.indicator);
    let (Some(ka), Some(kb)) = (ka, kb) else {
        return false;
    };
    let (sa, sb) = (&pa.indicators[ka], &pb.indicators[kb]);
    let score_changed = match mv.part {
        Part::Level => sa.level_score != sb.level_score,
        Part::Growth => sa.growth.map(|g| g.score) != sb.growth.map(|g| g.score),
    };
    let only_self = mv.moved_by.len() == 1 && mv.moved_by[0] == pb.id;
    score_changed && !only_self
}
