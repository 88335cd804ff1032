//! A loaded dataset with its evaluation: what every command after `load` and
//! `evaluate` shares (`check`, `explain`, `diff`, the site, the report).

use crate::error::{Error, Result};
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

    /// `--year` if given (it must be evaluated), else the latest evaluated year:
    /// what every command with a `--year` option means by it.
    pub fn pick_year(&self, year: Option<i32>) -> Result<&YearResult> {
        match year {
            Some(y) => self.year(y).ok_or_else(|| Error::UnknownYear {
                year: y,
                evaluated: self.years.iter().map(|r| r.year).collect(),
            }),
            None => self.latest().ok_or(Error::NoEvaluatedYear),
        }
    }
}
