//! Evaluate: pure numbers, no I/O. One call per year turns the parks and the
//! methodology in force into a [`YearResult`] that traces every step.

pub mod admission;
mod bonus;
mod efficacy;
mod evaluation;
mod goals;
mod growth;
mod inputs;
mod rank;
mod result;
mod reweigh;
mod tiers;

use rayon::prelude::*;

use crate::model::{Dataset, Hundredths, Methodology, Park, Status};
use crate::progress::{Progress, Silent};

pub use efficacy::{percentile, score};
pub use evaluation::Evaluation;
pub use inputs::YearInputs;
pub use result::{
    AnchorTrace, BonusItem, BonusReason, Flag, GoalResult, GrowthGap, GrowthTrace,
    IndicatorAnchors, IndicatorScore, ParkResult, Summary, Tier, YearResult,
};
pub use reweigh::Reweigh;

/// Evaluates every evaluated year of a validated dataset, in year order.
pub fn evaluate_all(data: &Dataset) -> Vec<YearResult> {
    evaluate_all_with(data, &Silent)
}

/// [`evaluate_all`], reporting one progress step per evaluated year.
pub fn evaluate_all_with(data: &Dataset, progress: &dyn Progress) -> Vec<YearResult> {
    let years = data.evaluated_years();
    progress.stage("评价", years.len() as u64);
    years
        .par_iter()
        .map(|&y| {
            let m = data
                .methodology_for(y)
                .expect("evaluated years start at the first methodology");
            let r = evaluate_year(&data.parks, y, m);
            progress.advance(1);
            r
        })
        .collect()
}

/// Evaluates year `year` of `parks` under methodology `m`.
///
/// `parks` must have passed validation for this year (records present, metrics
/// complete for rated parks); `explain` calls this too. What-if and sensitivity
/// re-run it many times with edited parks or weights, through [`evaluate_inputs`].
pub fn evaluate_year(parks: &[Park], year: i32, m: &Methodology) -> YearResult {
    evaluate_inputs(parks, m, &YearInputs::new(parks, year, m))
}

/// [`evaluate_year`] from inputs read before: `inputs` must come from
/// [`YearInputs::new`] on these `parks` (or be refreshed after editing their metrics)
/// under a methodology that differs from `m` at most in its weights.
pub fn evaluate_inputs(parks: &[Park], m: &Methodology, inputs: &YearInputs) -> YearResult {
    let year = inputs.year;
    let statuses = &inputs.statuses;
    let values = &inputs.values;
    let growths = &inputs.growths;

    let anchors: Vec<IndicatorAnchors> = m
        .indicators
        .iter()
        .enumerate()
        .map(|(k, ind)| {
            let level_peers: Vec<f64> = values.iter().map(|v| v[k]).collect();
            let growth_peers: Vec<f64> = growths
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
        .collect();

    // Scores, contributions, dimensions, base, bonus, total.
    let mut results: Vec<ParkResult> = Vec::with_capacity(parks.len());
    let mut rated_slot = 0;
    for (i, park) in parks.iter().enumerate() {
        let status = statuses[i];
        if status == Status::NotOperating {
            continue;
        }
        let is_rated = status == Status::Rated;
        let (bonus_items, bonus) = inputs.bonus[i].clone();
        let mut r = ParkResult {
            park: i,
            id: park.id.clone(),
            status,
            vetoes: park
                .years
                .get(&year)
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
        if is_rated {
            let slot = rated_slot;
            rated_slot += 1;
            r.indicators = m
                .indicators
                .iter()
                .enumerate()
                .map(|(k, ind)| {
                    score_indicator(
                        m,
                        ind,
                        &anchors[k],
                        values[slot][k],
                        growths[slot][k].clone(),
                    )
                })
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
            r.bonus = Some(bonus);
            r.total = Some(base + bonus);
            let mut flags: Vec<Flag> = r
                .indicators
                .iter()
                .flat_map(|s| s.flags.iter().copied())
                .collect();
            flags.sort_unstable();
            flags.dedup();
            r.flags = flags;
        }
        results.push(r);
    }

    // Rank, tier, award.
    let rated_results: Vec<usize> = (0..results.len())
        .filter(|&i| results[i].status == Status::Rated)
        .collect();
    // Rated results are in slot order: the k-th holds the values of slot k.
    let keys: Vec<rank::RankKey> = rated_results
        .iter()
        .enumerate()
        .map(|(slot, &i)| {
            let r = &results[i];
            rank::RankKey {
                id: r.id.as_str(),
                total: r.total.unwrap_or_default(),
                base: r.base.unwrap_or_default(),
                dimensions: &r.dimensions,
                values: &values[slot],
            }
        })
        .collect();
    let ranking = rank::rank(&keys, m);
    let n = rated_results.len();
    let mut a_parks: Vec<(usize, u32)> = Vec::new();
    for &(k, rank) in &ranking {
        let i = rated_results[k];
        let t = tiers::tier(rank, n, results[i].total.unwrap_or_default(), &m.tiers);
        results[i].rank = Some(rank);
        results[i].tier = Some(t);
        results[i].award = Some(Hundredths::ZERO);
        if t == Tier::A {
            a_parks.push((i, rank));
        }
    }
    let amounts = tiers::awards(
        &a_parks.iter().map(|(_, r)| *r).collect::<Vec<_>>(),
        &m.awards,
    );
    for ((i, _), amount) in a_parks.iter().zip(amounts) {
        results[*i].award = Some(amount);
    }

    // Spec §10 order.
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

    let listed: Vec<(&Park, Status)> = parks.iter().zip(statuses.iter().copied()).collect();
    let mut tiers_count = [0usize; 3];
    for r in &results {
        if let Some(t) = r.tier {
            tiers_count[t as usize] += 1;
        }
    }
    let mut statuses_count: Vec<(Status, usize)> = Vec::new();
    for s in [
        Status::Rated,
        Status::NotReported,
        Status::Vetoed,
        Status::Transition,
        Status::OutOfScope,
    ] {
        let c = results.iter().filter(|r| r.status == s).count();
        statuses_count.push((s, c));
    }
    let summary = Summary {
        rated: n,
        tiers: tiers_count,
        awards_total: results.iter().filter_map(|r| r.award).sum(),
        goals: goals::goals(&listed, year, &m.goals),
        statuses: statuses_count,
    };
    YearResult {
        year,
        methodology_year: m.year,
        parks: results,
        anchors,
        summary,
    }
}

fn score_indicator(
    m: &Methodology,
    ind: &crate::model::Indicator,
    anchors: &IndicatorAnchors,
    value: f64,
    growth: Option<growth::Growth>,
) -> IndicatorScore {
    let e = m.efficacy;
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
            (
                Some(GrowthTrace {
                    previous,
                    current,
                    value: g,
                    score: efficacy::score(g, &ga, e),
                }),
                None,
            )
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
