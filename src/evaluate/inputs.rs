//! What a year's evaluation reads from the park records, computed once: each park's
//! status and bonus, and the rated parks' indicator values and growth. Most of the
//! cost of an evaluation is here (formulas on every record), and none of it depends
//! on the weights, so the sensitivity scores the same inputs under many weightings,
//! and the what-if refreshes only the park whose metric it edits.
//! [`super::evaluate_year`] is `evaluate_inputs(YearInputs::new(…))`: one engine.

use crate::model::{status_of, Hundredths, Methodology, Park, Status};

use super::bonus;
use super::growth::{self, Growth};
use super::result::BonusItem;

#[derive(Debug, Clone)]
pub struct YearInputs {
    pub(super) year: i32,
    /// Per park (index into `parks`).
    pub(super) statuses: Vec<Status>,
    /// Per park: its position among the rated parks, when rated.
    slot: Vec<Option<usize>>,
    /// Per rated park (in `parks` order), per indicator: the level value.
    pub(super) values: Vec<Vec<f64>>,
    /// Per rated park, per indicator: growth, for indicators that have it.
    pub(super) growths: Vec<Vec<Option<Growth>>>,
    /// Per park: its bonus items and capped bonus (empty for parks not operating).
    pub(super) bonus: Vec<(Vec<BonusItem>, Hundredths)>,
}

impl YearInputs {
    /// The inputs of `year` of `parks` under `m` (see [`super::evaluate_year`] for what
    /// `parks` must satisfy).
    pub fn new(parks: &[Park], year: i32, m: &Methodology) -> YearInputs {
        let statuses: Vec<Status> = parks
            .iter()
            .map(|p| status_of(p, year, m).unwrap_or(Status::NotReported))
            .collect();
        let mut slot = vec![None; parks.len()];
        let mut values = Vec::new();
        let mut growths = Vec::new();
        for (i, park) in parks.iter().enumerate() {
            if statuses[i] == Status::Rated {
                slot[i] = Some(values.len());
                values.push(level_values(park, year, m));
                growths.push(growth_values(park, year, m));
            }
        }
        let bonus = parks
            .iter()
            .zip(&statuses)
            .map(|(park, &status)| {
                if status == Status::NotOperating {
                    (Vec::new(), Hundredths::ZERO)
                } else {
                    bonus::bonus(&park.honors, year, &m.bonus, status == Status::Rated)
                }
            })
            .collect();
        YearInputs {
            year,
            statuses,
            slot,
            values,
            growths,
            bonus,
        }
    }

    /// Recomputes park `i`'s indicator values and growth from `parks`, after an edit
    /// of its metrics for this year. Only metrics may have changed: statuses and
    /// bonus do not read them.
    pub fn refresh_metrics(&mut self, parks: &[Park], i: usize, m: &Methodology) {
        if let Some(s) = self.slot[i] {
            self.values[s] = level_values(&parks[i], self.year, m);
            self.growths[s] = growth_values(&parks[i], self.year, m);
        }
    }
}

fn level_values(park: &Park, year: i32, m: &Methodology) -> Vec<f64> {
    m.indicators
        .iter()
        .map(|ind| growth::level_value(ind, park, year))
        .collect()
}

fn growth_values(park: &Park, year: i32, m: &Methodology) -> Vec<Option<Growth>> {
    m.indicators
        .iter()
        .map(|ind| {
            ind.has_growth()
                .then(|| growth::growth_value(ind, park, year))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::{evaluate_inputs, evaluate_year};
    use crate::load::{load, SourceFiles};

    #[test]
    fn refreshed_or_reweighted_inputs_give_what_a_fresh_evaluation_gives() {
        let data = load(&SourceFiles::embedded(), &Default::default()).unwrap();
        let year = 2023;
        let m = data.methodology_for(year).unwrap();
        let mut parks = data.parks.clone();
        let mut inputs = YearInputs::new(&parks, year, m);
        let before = evaluate_year(&parks, year, m);
        assert_eq!(evaluate_inputs(&parks, m, &inputs), before);

        let edited: Vec<usize> = before.rated().step_by(7).map(|p| p.park).collect();
        assert!(edited.len() >= 5);
        for &i in &edited {
            let record = parks[i].years.get_mut(&year).unwrap();
            for v in record.metrics.values_mut() {
                *v *= 1.7;
            }
            inputs.refresh_metrics(&parks, i, m);
            assert_eq!(
                evaluate_inputs(&parks, m, &inputs),
                evaluate_year(&parks, year, m)
            );
        }
        assert_ne!(evaluate_year(&parks, year, m), before, "the edits matter");

        // Other weights on the same inputs.
        let mut mm = m.clone();
        mm.indicators[0].weight += 7.0;
        mm.indicators[1].weight -= 7.0;
        assert_eq!(
            evaluate_inputs(&parks, &mm, &inputs),
            evaluate_year(&parks, year, &mm)
        );
    }
}
