//! Indicator values and growth for one park-year (spec §2).

use crate::model::{EvalError, Indicator, Park};

use super::result::GrowthGap;

/// gf(Y−1), gf(Y) and the growth rate, or why growth is unavailable.
pub type Growth = Result<(f64, f64, f64), GrowthGap>;

/// The level value: the formula on this year's metrics. Validation guarantees rated
/// parks have every metric and no zero divisor, so a failure here is a bug upstream.
pub fn level_value(ind: &Indicator, park: &Park, year: i32) -> f64 {
    let record = &park.years[&year];
    ind.formula
        .eval(&|m| record.metrics.get(m).copied())
        .unwrap_or(f64::NAN)
}

/// `(gf(Y) − gf(Y−1)) / gf(Y−1)` with gf(Y), gf(Y−1), or why it is unavailable.
pub fn growth_value(ind: &Indicator, park: &Park, year: i32) -> Growth {
    let gf = ind.growth_formula();
    let prev = park
        .years
        .get(&(year - 1))
        .ok_or(GrowthGap::NoPreviousRecord)?;
    if prev.not_reported {
        return Err(GrowthGap::PreviousNotReported);
    }
    let previous = gf
        .eval(&|m| prev.metrics.get(m).copied())
        .map_err(|e| match e {
            EvalError::MissingMetric(m) => GrowthGap::PreviousMissingMetric(m),
            // Validation rejects a non-finite gf(Y−1) of a rated park before evaluation.
            EvalError::DivisionByZero | EvalError::NotFinite => GrowthGap::PreviousDivisionByZero,
        })?;
    if previous <= 0.0 {
        return Err(GrowthGap::PreviousNotPositive(previous));
    }
    let record = &park.years[&year];
    let current = gf
        .eval(&|m| record.metrics.get(m).copied())
        .unwrap_or(f64::NAN);
    Ok((previous, current, (current - previous) / previous))
}
