//! The values computed from a rated park-year's metrics — indicator values and
//! growth — within [`MAX_COMPUTED`]. Inputs are bounded, but `tax_wan / land_area_mu`
//! with a land area of 1e-300 is not: such a value would reach the anchors of every
//! park, so it is an error in the park file that names the metrics, never a score.

use crate::model::limits::{within, MAX_COMPUTED, MAX_INPUT};
use crate::model::{EvalError, Formula, Indicator, Methodology, Park, YearRecord};

use super::context::FileCheck;
use super::numbers::shown;

/// Reports each indicator value or growth of `park` in `year` that is not a finite
/// number within ±[`MAX_COMPUTED`]. Missing metrics and divisions by zero are
/// reported elsewhere.
pub fn check_computed(park: &Park, year: i32, m: &Methodology, ck: &mut FileCheck) {
    let Some(record) = park.years.get(&year) else {
        return;
    };
    for ind in &m.indicators {
        if let Err(why) = usable(&ind.formula, record) {
            ck.err(
                &format!("years.{year}.metrics"),
                format!("indicator {} in {year} is {why}", ind.id),
            );
        }
        if ind.has_growth() {
            check_growth(park, year, ind, ck);
        }
    }
}

/// Growth needs gf(Y−1) and gf(Y) in range and so their ratio (spec §2: a record
/// that is missing, not reported or not positive makes growth unavailable instead).
fn check_growth(park: &Park, year: i32, ind: &Indicator, ck: &mut FileCheck) {
    let gf = ind.growth_formula();
    let Some(prev) = park.years.get(&(year - 1)).filter(|r| !r.not_reported) else {
        return;
    };
    let mut values = [None, None];
    for (k, (y, record)) in [(year - 1, prev), (year, &park.years[&year])]
        .into_iter()
        .enumerate()
    {
        match usable(gf, record) {
            Ok(v) => values[k] = v,
            Err(why) => {
                ck.err(
                    &format!("years.{y}.metrics"),
                    format!("growth formula of indicator {} in {y} is {why}", ind.id),
                );
                return;
            }
        }
    }
    let [Some(previous), Some(current)] = values else {
        return;
    };
    let growth = (current - previous) / previous;
    if previous > 0.0 && !within(growth, MAX_COMPUTED) {
        ck.err(
            &format!("years.{year}.metrics"),
            format!(
                "growth of indicator {} in {year} is out of range (got {} from {} in {} to {}; expected a rate between -{MAX_COMPUTED:e} and {MAX_COMPUTED:e}: a previous value this close to 0 makes growth meaningless)",
                ind.id,
                shown(growth),
                shown(previous),
                year - 1,
                shown(current)
            ),
        );
    }
}

/// The value of `f` on `record`: `Ok(None)` when it cannot be computed for a reason
/// reported elsewhere (a missing metric, a metric itself out of range, a division
/// by zero), `Err` with why when it is out of range.
fn usable(f: &Formula, record: &YearRecord) -> Result<Option<f64>, String> {
    if !inputs_ok(f, record) {
        return Ok(None);
    }
    let got = match f.eval(&|k| record.metrics.get(k).copied()) {
        Ok(v) if within(v, MAX_COMPUTED) => return Ok(Some(v)),
        Ok(v) => shown(v),
        Err(EvalError::NotFinite) => "a non-finite number".to_string(),
        Err(EvalError::MissingMetric(_) | EvalError::DivisionByZero) => return Ok(None),
    };
    let inputs: Vec<String> = f
        .metrics()
        .iter()
        .map(|k| {
            let v = record.metrics.get(*k).copied().unwrap_or(f64::NAN);
            format!("{k} = {}", shown(v))
        })
        .collect();
    Err(format!(
        "out of range (got {got} from `{}` with {}; expected a value between -{MAX_COMPUTED:e} and {MAX_COMPUTED:e})",
        crate::model::abbreviate(&f.source, 80),
        inputs.join(", ")
    ))
}

/// Whether every metric `f` reads is present and within [`MAX_INPUT`] (a bad input
/// is reported once, at its own position, not again through every formula).
fn inputs_ok(f: &Formula, record: &YearRecord) -> bool {
    f.metrics().iter().all(|k| {
        record
            .metrics
            .get(*k)
            .is_some_and(|v| within(*v, MAX_INPUT))
    })
}
