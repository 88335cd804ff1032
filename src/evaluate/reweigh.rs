//! A year ranked again under other weights, for the weight sensitivity. Of a whole
//! evaluation only the contributions (weight × combined score, rounded), the
//! dimension scores, base, total, rank and tier depend on the weights; the values,
//! anchors, efficacy and combined scores and the bonus do not. So a run takes those
//! from the actual result and re-runs only the engine's own ranking and tier rules:
//! the same outcome as [`super::evaluate_inputs`] under those weights (tested below),
//! at a small fraction of its cost.

use crate::model::{Hundredths, Methodology};

use super::rank::{rank, RankKey};
use super::result::{ParkResult, Tier, YearResult};
use super::tiers::tier;

/// A year ready to be ranked again under other weights: what does not depend on the
/// weights is read once from the actual result.
pub struct Reweigh<'a> {
    m: &'a Methodology,
    rated: Vec<&'a ParkResult>,
    /// Per rated park, its indicator values (the tie-break keys).
    values: Vec<Vec<f64>>,
}

impl<'a> Reweigh<'a> {
    pub fn new(actual: &'a YearResult, m: &'a Methodology) -> Reweigh<'a> {
        let rated: Vec<&ParkResult> = actual.rated().collect();
        let values = rated
            .iter()
            .map(|p| p.indicators.iter().map(|s| s.value).collect())
            .collect();
        Reweigh { m, rated, values }
    }

    /// Rank and tier of each rated park (in `actual.rated()` order) when the
    /// indicators weigh `weights` instead (one weight per indicator, in order).
    pub fn ranks(&self, weights: &[f64]) -> Vec<(u32, Tier)> {
        let m = self.m;
        let dims = m.dimensions.len();
        let n = self.rated.len();
        // Dimension scores of every park in one block, then each park's base.
        let mut dimensions = vec![Hundredths::ZERO; n * dims];
        let mut bases = vec![Hundredths::ZERO; n];
        for (i, p) in self.rated.iter().enumerate() {
            for (k, s) in p.indicators.iter().enumerate() {
                let c = Hundredths::round_half_away(weights[k] * s.combined);
                dimensions[i * dims + m.indicators[k].dimension] += c;
                bases[i] += c;
            }
        }
        let keys: Vec<RankKey> = (0..n)
            .map(|i| RankKey {
                id: self.rated[i].id.as_str(),
                total: bases[i] + self.rated[i].bonus.unwrap_or_default(),
                base: bases[i],
                dimensions: &dimensions[i * dims..(i + 1) * dims],
                values: &self.values[i],
            })
            .collect();
        let mut out = vec![(0, Tier::C); n];
        for (k, r) in rank(&keys, m) {
            out[k] = (r, tier(r, n, keys[k].total, &m.tiers));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::{evaluate_inputs, YearInputs};
    use crate::load::{load, SourceFiles};
    use crate::model::Status;

    #[test]
    fn reweighing_gives_what_a_whole_evaluation_under_those_weights_gives() {
        let data = load(&SourceFiles::embedded(), &Default::default()).unwrap();
        for year in data.evaluated_years() {
            let m = data.methodology_for(year).unwrap();
            let inputs = YearInputs::new(&data.parks, year, m);
            let actual = evaluate_inputs(&data.parks, m, &inputs);
            let slots: Vec<usize> = actual.rated().map(|p| p.park).collect();
            let base: Vec<f64> = m.indicators.iter().map(|i| i.weight).collect();
            // The actual weights, then lopsided ones that reorder the ranking.
            let mut cases = vec![base.clone()];
            for k in 0..base.len() {
                let mut w: Vec<f64> = base.iter().map(|x| x * 0.3).collect();
                w[k] += 100.0 - w.iter().sum::<f64>();
                cases.push(w);
            }
            for w in cases {
                let mut mm = m.clone();
                for (ind, x) in mm.indicators.iter_mut().zip(&w) {
                    ind.weight = *x;
                }
                let whole = evaluate_inputs(&data.parks, &mm, &inputs);
                let want: Vec<(u32, Tier)> = slots
                    .iter()
                    .map(|&i| {
                        let p = whole
                            .parks
                            .iter()
                            .find(|p| p.park == i && p.status == Status::Rated)
                            .unwrap();
                        (p.rank.unwrap(), p.tier.unwrap())
                    })
                    .collect();
                assert_eq!(Reweigh::new(&actual, m).ranks(&w), want, "{year} {w:?}");
            }
        }
    }
}
