//! A loaded dataset with its evaluation: what every command after `load` and
//! `evaluate` shares (`check`, `explain`, `diff`, the site, the report).

use crate::model::Dataset;

use super::result::YearResult;

/// A loaded dataset and its evaluation, every evaluated year in order.
pub struct Evaluation {
    pub data: Dataset,
    pub years: Vec<YearResult>,
}

impl Evaluation {
    pub fn year(&self, year: i32) -> Option<&YearResult> {
        self.years.iter().find(|r| r.year == year)
    }

    pub fn latest(&self) -> Option<&YearResult> {
        self.years.last()
    }
}
