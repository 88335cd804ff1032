//! Development goals (spec §9) over the parks that operate in scope.

use crate::model::{Goals, Park, Status};

use super::result::GoalResult;

pub fn goals(parks: &[(&Park, Status)], year: i32, g: &Goals) -> Vec<GoalResult> {
    let counted: Vec<&Park> = parks
        .iter()
        .filter(|(_, s)| s.counts_for_goals())
        .map(|(p, _)| *p)
        .collect();
    let sum = |metric: &str| -> f64 {
        counted
            .iter()
            .filter_map(|p| p.years.get(&year)?.metrics.get(metric).copied())
            .sum()
    };
    let goal = |key: &'static str, value: f64, target: f64| GoalResult {
        key,
        value,
        target,
        met: value >= target,
    };
    vec![
        goal("parks", counted.len() as f64, g.parks),
        goal("new_enterprises", sum("new_enterprises"), g.new_enterprises),
        goal("enterprises", sum("enterprises"), g.enterprises),
    ]
}
