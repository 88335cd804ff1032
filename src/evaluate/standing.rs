//! Standing (spec §6–§8, §10): the rated parks' rank (total, base, tie-break), tier
//! and award, and the order a year's results are listed in.

use crate::model::{Hundredths, Methodology, Status};

use super::rank::{rank, RankKey};
use super::result::{ParkResult, Tier};
use super::tiers::{awards, tier};

/// Sets rank, tier and award of every rated park in `results`; tier A parks share
/// the awards by rank, the others of tier B and C get zero. `values` holds the rated
/// parks' level values in slot order, the order the rated results are in.
pub(super) fn rank_tier_award(results: &mut [ParkResult], m: &Methodology, values: &[Vec<f64>]) {
    let rated: Vec<usize> = (0..results.len())
        .filter(|&i| results[i].status == Status::Rated)
        .collect();
    debug_assert_eq!(rated.len(), values.len(), "one value row per rated park");
    let keys: Vec<RankKey> = rated
        .iter()
        .zip(values)
        .map(|(&i, v)| key(&results[i], v))
        .collect();
    let ranking = rank(&keys, m);
    let n = rated.len();
    let mut a_parks: Vec<(usize, u32)> = Vec::new();
    for &(k, r) in &ranking {
        let i = rated[k];
        let t = tier(r, n, results[i].total.unwrap_or_default(), &m.tiers);
        results[i].rank = Some(r);
        results[i].tier = Some(t);
        results[i].award = Some(Hundredths::ZERO);
        if t == Tier::A {
            a_parks.push((i, r));
        }
    }
    let ranks: Vec<u32> = a_parks.iter().map(|(_, r)| *r).collect();
    for ((i, _), amount) in a_parks.iter().zip(awards(&ranks, &m.awards)) {
        results[*i].award = Some(amount);
    }
}

/// What the ranking compares of a rated park.
fn key<'a>(r: &'a ParkResult, values: &'a [f64]) -> RankKey<'a> {
    RankKey {
        id: r.id.as_str(),
        total: r.total.unwrap_or_default(),
        base: r.base.unwrap_or_default(),
        dimensions: &r.dimensions,
        values,
    }
}

/// Spec §10 order: rated parks by rank, then the others by status id; ties by id.
pub(super) fn sort_for_listing(results: &mut [ParkResult]) {
    results.sort_by(|a, b| {
        let group = |r: &ParkResult| {
            (
                r.status != Status::Rated,
                r.rank.unwrap_or(0),
                r.status.id(),
            )
        };
        group(a).cmp(&group(b)).then_with(|| a.id.cmp(&b.id))
    });
}
