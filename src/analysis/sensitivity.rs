//! Weight sensitivity (Monte Carlo): would the ranking hold if the weights were a
//! little different? Each run multiplies every weight by a uniform factor in
//! [1 − spread, 1 + spread], renormalises the weights to sum 100, and ranks the year
//! again with the engine's own rules ([`Reweigh`]: only what depends on the weights
//! is recomputed, from the actual evaluation). Pure: no I/O.
//!
//! Deterministic for a seed: run `i` draws from its own generator `Rng::for_run(seed, i)`
//! and results are collected in run order, so thread scheduling cannot change them.

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::evaluate::{evaluate_inputs, percentile, Reweigh, Tier, YearInputs, YearResult};
use crate::model::{Methodology, Park, ParkId};

use super::rng::Rng;

/// A tier "holds" when the park lands in it in at least this share of runs.
pub const HOLDS_THRESHOLD: f64 = 0.90;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SensitivityOptions {
    /// Number of Monte Carlo runs (≥ 1).
    pub runs: usize,
    /// Relative half-width of each weight's factor, in [0, 1).
    pub spread: f64,
    pub seed: u64,
}

impl Default for SensitivityOptions {
    fn default() -> Self {
        SensitivityOptions {
            runs: 1000,
            spread: 0.10,
            seed: 1,
        }
    }
}

/// The robustness of one rated park's result.
#[derive(Debug, Clone, PartialEq)]
pub struct ParkSensitivity {
    pub id: ParkId,
    /// The actual rank and tier (the methodology's own weights).
    pub rank: u32,
    pub tier: Tier,
    /// Median, 5th and 95th percentile of the rank over the runs (linear
    /// interpolation between closest ranks, as the spec's percentile anchors).
    pub median_rank: f64,
    pub rank_p5: f64,
    pub rank_p95: f64,
    /// Runs that gave tier A, B, C.
    pub tier_runs: [usize; 3],
    /// Share of runs in the actual tier (分档稳健性).
    pub holds: f64,
    /// `holds < HOLDS_THRESHOLD`.
    pub unstable: bool,
}

impl ParkSensitivity {
    /// Share of runs in each tier A, B, C.
    pub fn tier_shares(&self) -> [f64; 3] {
        let n: usize = self.tier_runs.iter().sum();
        self.tier_runs.map(|c| c as f64 / n.max(1) as f64)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    pub year: i32,
    pub options: SensitivityOptions,
    /// Rated parks in actual rank order (then id).
    pub parks: Vec<ParkSensitivity>,
}

impl Sensitivity {
    pub fn park(&self, id: &str) -> Option<&ParkSensitivity> {
        self.parks.iter().find(|p| p.id.as_str() == id)
    }

    pub fn unstable(&self) -> impl Iterator<Item = &ParkSensitivity> {
        self.parks.iter().filter(|p| p.unstable)
    }
}

/// The weights of one run: each × U(1 − spread, 1 + spread), renormalised to 100.
/// With `spread == 0` the weights are returned untouched (bit for bit).
pub fn perturbed_weights(weights: &[f64], spread: f64, seed: u64, run: u64) -> Vec<f64> {
    if spread == 0.0 {
        return weights.to_vec();
    }
    let mut rng = Rng::for_run(seed, run);
    let scaled: Vec<f64> = weights
        .iter()
        .map(|w| w * rng.uniform(1.0 - spread, 1.0 + spread))
        .collect();
    let sum: f64 = scaled.iter().sum();
    scaled.iter().map(|w| w * 100.0 / sum).collect()
}

/// Runs the study for `year` of `parks` under `m`.
pub fn sensitivity(
    parks: &[Park],
    year: i32,
    m: &Methodology,
    opts: SensitivityOptions,
) -> Result<Sensitivity> {
    let actual = evaluate_inputs(parks, m, &YearInputs::new(parks, year, m));
    sensitivity_of(&actual, m, opts)
}

/// Runs the study on a year already evaluated (`actual`, under `m`).
pub fn sensitivity_of(
    actual: &YearResult,
    m: &Methodology,
    opts: SensitivityOptions,
) -> Result<Sensitivity> {
    if opts.runs == 0 {
        return Err(Error::BadOption {
            option: "--runs",
            message: "must be at least 1".into(),
        });
    }
    if !(0.0..1.0).contains(&opts.spread) {
        return Err(Error::BadOption {
            option: "--spread",
            message: format!("must be in [0, 1) (got {}; 0.10 means ±10 %)", opts.spread),
        });
    }
    let weights: Vec<f64> = m.indicators.iter().map(|i| i.weight).collect();
    let reweigh = Reweigh::new(actual, m);
    // Per run, the rank and tier of each rated park, in actual rank order.
    let runs: Vec<Vec<(u32, Tier)>> = (0..opts.runs as u64)
        .into_par_iter()
        .map(|run| {
            let w = perturbed_weights(&weights, opts.spread, opts.seed, run);
            reweigh.ranks(&w)
        })
        .collect();

    let parks_out = actual
        .rated()
        .enumerate()
        .map(|(slot, p)| {
            let mut ranks: Vec<f64> = runs.iter().map(|r| f64::from(r[slot].0)).collect();
            ranks.sort_by(f64::total_cmp);
            let mut tier_runs = [0usize; 3];
            for r in &runs {
                tier_runs[r[slot].1 as usize] += 1;
            }
            let tier = p.tier.expect("rated parks have a tier");
            let holds = tier_runs[tier as usize] as f64 / runs.len() as f64;
            ParkSensitivity {
                id: p.id.clone(),
                rank: p.rank.expect("rated parks have a rank"),
                tier,
                median_rank: percentile(&ranks, 50.0),
                rank_p5: percentile(&ranks, 5.0),
                rank_p95: percentile(&ranks, 95.0),
                tier_runs,
                holds,
                unstable: holds < HOLDS_THRESHOLD,
            }
        })
        .collect();
    Ok(Sensitivity {
        year: actual.year,
        options: opts,
        parks: parks_out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perturbed_weights_sum_to_100_and_stay_within_the_spread() {
        let w = [20.0, 10.0, 15.0, 15.0, 8.0, 12.0, 12.0, 8.0];
        for run in 0..200 {
            let p = perturbed_weights(&w, 0.10, 1, run);
            let sum: f64 = p.iter().sum();
            assert!((sum - 100.0).abs() < 1e-9);
            // A factor in [0.9, 1.1] renormalised by a sum in [90, 110] stays within
            // [0.9/1.1, 1.1/0.9] of the original weight.
            for (a, b) in w.iter().zip(&p) {
                let ratio = b / a;
                assert!((0.9 / 1.1 - 1e-12..=1.1 / 0.9 + 1e-12).contains(&ratio));
            }
        }
        assert_eq!(perturbed_weights(&w, 0.0, 1, 3), w.to_vec());
        assert_ne!(
            perturbed_weights(&w, 0.1, 1, 3),
            perturbed_weights(&w, 0.1, 1, 4)
        );
    }
}
