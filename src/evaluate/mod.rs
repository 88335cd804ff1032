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

// The steps of `evaluate_inputs`, in order.
mod scores;
mod standing;
mod summary;

use rayon::prelude::*;

use crate::model::{Dataset, Methodology, Park};
use crate::progress::{Progress, Silent};

pub use efficacy::{percentile, score};
pub use evaluation::Evaluation;
pub use inputs::YearInputs;
pub use result::{
    AnchorTrace, BonusItem, BonusReason, Flag, GoalResult, GrowthGap, GrowthTrace,
    IndicatorAnchors, IndicatorScore, ParkResult, Summary, Tier, YearResult,
};
pub use reweigh::Reweigh;

/// How to evaluate; the default reports no progress.
#[derive(Clone, Copy)]
pub struct EvaluateOptions<'a> {
    /// Told one step per evaluated year (and, through [`crate::evaluate`], per file read).
    pub progress: &'a dyn Progress,
}

impl Default for EvaluateOptions<'_> {
    fn default() -> Self {
        EvaluateOptions { progress: &Silent }
    }
}

/// Evaluates every evaluated year of a validated dataset, in year order.
pub fn evaluate_all(data: &Dataset, opts: &EvaluateOptions) -> Vec<YearResult> {
    let progress = opts.progress;
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
    let anchors = scores::anchors(m, inputs);
    let mut results = scores::park_results(parks, m, inputs, &anchors);
    standing::rank_tier_award(&mut results, m, &inputs.values);
    standing::sort_for_listing(&mut results);
    let summary = summary::summary(parks, inputs, &results, m);
    YearResult {
        year: inputs.year,
        methodology_year: m.year,
        parks: results,
        anchors,
        summary,
    }
}
