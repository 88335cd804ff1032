//! Scores (spec §3–§5): each indicator's anchors over the rated peers, then every
//! listed park's result — for a rated park its indicator scores and contributions,
//! dimension scores, base, bonus and total.

use crate::model::{Hundredths, Indicator, Methodology, Park, Status};

use super::efficacy;
use super::growth::Growth;
use super::inputs::YearInputs;
use super::result::{
    Flag, GrowthGap, GrowthTrace, IndicatorAnchors, IndicatorScore, ParkResult, Tier,
};

/// Per indicator, in methodology order: the level anchors over every rated park's
/// value, and the growth anchors over the rated parks that have a growth value.
pub(super) fn anchors(m: &Methodology, inputs: &YearInputs) -> Vec<IndicatorAnchors> {
    m.indicators
        .iter()
        .enumerate()
        .map(|(k, ind)| {
            let level_peers: Vec<f64> = inputs.values.iter().map(|v| v[k]).collect();
            let growth_peers: Vec<f64> = inputs
                .growths
                .iter()
                .filter_map(|g| match &g[k] {
                    Some(Ok((_, _, v))) => Some(*v),
                    _ => None,
                })
                .collect();
            IndicatorAnchors {
                level: efficacy::anchors(ind.anchor, ind.direction, &level_peers),
                growth: if ind.has_growth() {
                    efficacy::anchors(ind.growth_anchor, ind.direction, &growth_peers)
                } else {
                    None
                },
            }
        })
        .collect()
}

/// Every park operating in the year, in `parks` order; only rated parks are scored
/// (rank, tier and award come later, from all of them).
pub(super) fn park_results(
    parks: &[Park],
    m: &Methodology,
    inputs: &YearInputs,
    anchors: &[IndicatorAnchors],
) -> Vec<ParkResult> {
    let scorer = Scorer { m, anchors };
    let mut results: Vec<ParkResult> = Vec::with_capacity(parks.len());
    let mut rated_slot = 0;
    for (i, park) in parks.iter().enumerate() {
        let status = inputs.statuses[i];
        if status == Status::NotOperating {
            continue;
        }
        let (bonus_items, bonus) = inputs.bonus[i].clone();
        let mut r = ParkResult {
            park: i,
            id: park.id.clone(),
            status,
            vetoes: park
                .years
                .get(&inputs.year)
                .map(|r| r.vetoes.clone())
                .unwrap_or_default(),
            indicators: Vec::new(),
            dimensions: Vec::new(),
            base: None,
            bonus: None,
            total: None,
            bonus_items,
            rank: None,
            tier: (status == Status::NotReported).then_some(Tier::C),
            award: None,
            flags: Vec::new(),
        };
        if status == Status::Rated {
            let slot = rated_slot;
            rated_slot += 1;
            let base = scorer.rate(&mut r, &inputs.values[slot], &inputs.growths[slot]);
            r.bonus = Some(bonus);
            r.total = Some(base + bonus);
        }
        results.push(r);
    }
    results
}

/// Scores under one methodology against one year's anchors.
struct Scorer<'a> {
    m: &'a Methodology,
    anchors: &'a [IndicatorAnchors],
}

impl Scorer<'_> {
    /// A rated park's indicator scores, dimension scores, base and flags, from its
    /// values and growth (per indicator); returns the base.
    fn rate(&self, r: &mut ParkResult, values: &[f64], growths: &[Option<Growth>]) -> Hundredths {
        let m = self.m;
        r.indicators = m
            .indicators
            .iter()
            .enumerate()
            .map(|(k, ind)| self.indicator(ind, k, values[k], growths[k].clone()))
            .collect();
        r.dimensions = (0..m.dimensions.len())
            .map(|d| {
                m.indicators
                    .iter()
                    .zip(&r.indicators)
                    .filter(|(ind, _)| ind.dimension == d)
                    .map(|(_, s)| s.contribution)
                    .sum()
            })
            .collect();
        let base: Hundredths = r.indicators.iter().map(|s| s.contribution).sum();
        r.base = Some(base);
        let mut flags: Vec<Flag> = r
            .indicators
            .iter()
            .flat_map(|s| s.flags.iter().copied())
            .collect();
        flags.sort_unstable();
        flags.dedup();
        r.flags = flags;
        base
    }

    /// Indicator `k` (`ind`): level score, growth score when there is one, the
    /// combination by the split, and the weighted contribution in exact hundredths.
    fn indicator(
        &self,
        ind: &Indicator,
        k: usize,
        value: f64,
        growth: Option<Growth>,
    ) -> IndicatorScore {
        let e = self.m.efficacy;
        let anchors = &self.anchors[k];
        let level = anchors.level.expect("a rated park is its own peer");
        let level_score = efficacy::score(value, &level, e);
        let mut flags = Vec::new();
        if level.no_spread {
            flags.push(Flag::NoSpread);
        }
        let (growth_trace, growth_gap) = match (growth, anchors.growth) {
            (None, _) => (None, None),
            (Some(Err(gap)), _) => (None, Some(gap)),
            (Some(Ok(_)), None) => (None, Some(GrowthGap::NoPeerGrowth)),
            (Some(Ok((previous, current, g))), Some(ga)) => {
                if ga.no_spread {
                    flags.push(Flag::NoSpread);
                }
                let trace = GrowthTrace {
                    previous,
                    current,
                    value: g,
                    score: efficacy::score(g, &ga, e),
                };
                (Some(trace), None)
            }
        };
        if growth_gap.is_some() {
            flags.push(Flag::GrowthUnavailable);
        }
        flags.sort_unstable();
        flags.dedup();
        let combined = match &growth_trace {
            Some(g) => (ind.split.level * level_score + ind.split.growth * g.score) / 100.0,
            None => level_score,
        };
        IndicatorScore {
            value,
            level_score,
            growth: growth_trace,
            growth_gap,
            combined,
            contribution: Hundredths::round_half_away(ind.weight * combined),
            flags,
        }
    }
}
