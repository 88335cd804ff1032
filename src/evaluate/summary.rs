//! A year's summary: rated parks, parks per tier and status, the awards' sum, and
//! the city's development goals.

use crate::model::{Methodology, Park, Status};

use super::goals::goals;
use super::inputs::YearInputs;
use super::result::{ParkResult, Summary};

/// The statuses the summary counts, in the order it lists them.
const COUNTED: [Status; 5] = [
    Status::Rated,
    Status::NotReported,
    Status::Vetoed,
    Status::Transition,
    Status::OutOfScope,
];

/// The summary of `results`, the listed parks' results of `parks` under `m`.
pub(super) fn summary(
    parks: &[Park],
    inputs: &YearInputs,
    results: &[ParkResult],
    m: &Methodology,
) -> Summary {
    let listed: Vec<(&Park, Status)> = parks.iter().zip(inputs.statuses.iter().copied()).collect();
    let mut tiers = [0usize; 3];
    for t in results.iter().filter_map(|r| r.tier) {
        tiers[t as usize] += 1;
    }
    let count = |s: Status| results.iter().filter(|r| r.status == s).count();
    Summary {
        rated: count(Status::Rated),
        tiers,
        awards_total: results.iter().filter_map(|r| r.award).sum(),
        goals: goals(&listed, inputs.year, &m.goals),
        statuses: COUNTED.iter().map(|&s| (s, count(s))).collect(),
    }
}
