//! Ranking (spec §6): total, base, then the tie-break chain; equal parks share a
//! rank (competition ranking 1, 2, 2, 4) and are listed by id.

use std::cmp::Ordering;

use crate::model::{Direction, Hundredths, Methodology, TieBreak};

/// What the ranking compares for one rated park.
#[derive(Debug, Clone)]
pub struct RankKey<'a> {
    pub id: &'a str,
    pub total: Hundredths,
    pub base: Hundredths,
    pub dimensions: &'a [Hundredths],
    /// Raw level values per indicator.
    pub values: &'a [f64],
}

/// Better first; `Equal` only when every key of the chain is equal.
pub fn compare(a: &RankKey, b: &RankKey, m: &Methodology) -> Ordering {
    b.total
        .cmp(&a.total)
        .then(b.base.cmp(&a.base))
        .then_with(|| {
            for key in &m.tie_break {
                let o = match key {
                    TieBreak::Dimension(d) => b.dimensions[*d].cmp(&a.dimensions[*d]),
                    TieBreak::Indicator(i) => {
                        let (x, y) = (a.values[*i], b.values[*i]);
                        let better_first = match m.indicators[*i].direction {
                            Direction::HigherBetter => y.partial_cmp(&x),
                            Direction::LowerBetter => x.partial_cmp(&y),
                        };
                        better_first.unwrap_or(Ordering::Equal)
                    }
                };
                if o != Ordering::Equal {
                    return o;
                }
            }
            Ordering::Equal
        })
}

/// Sorts `keys` (ties by id) and returns each key's index with its competition rank.
pub fn rank(keys: &[RankKey], m: &Methodology) -> Vec<(usize, u32)> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| compare(&keys[a], &keys[b], m).then_with(|| keys[a].id.cmp(keys[b].id)));
    let mut out = Vec::with_capacity(order.len());
    for (pos, &i) in order.iter().enumerate() {
        let rank = match out.last() {
            Some(&(prev, r)) if compare(&keys[prev], &keys[i], m) == Ordering::Equal => r,
            _ => pos as u32 + 1,
        };
        out.push((i, rank));
    }
    out
}
