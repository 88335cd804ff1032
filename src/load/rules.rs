//! The rules a year record must follow, worded once: the YAML loader and the
//! spreadsheet import (`collect`) both call these, so a bad value gets the same
//! message whether it was typed into a park file or into a workbook cell.

use crate::error::did_you_mean;
use crate::model::limits::MAX_INPUT;
use crate::model::{EvalError, Methodology, MetricDef, YearRecord};

use super::context::num;
use super::numbers::shown;

/// Why `v` is not an acceptable value of metric `def`, or `Ok` when it is.
pub fn check_metric(def: &MetricDef, v: f64) -> Result<(), String> {
    let unit = if def.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", def.unit)
    };
    if !v.is_finite() {
        Err(format!(
            "not a finite number (got {}; expected a number{unit})",
            shown(v)
        ))
    } else if v.abs() > MAX_INPUT {
        Err(format!(
            "too large (got {}; expected a number between -{MAX_INPUT:e} and {MAX_INPUT:e}{unit})",
            shown(v)
        ))
    } else if def.positive && v <= 0.0 {
        Err(format!(
            "must be positive (got {}; expected a number > 0{unit})",
            num(v)
        ))
    } else if v < def.min {
        Err(format!(
            "below the minimum (got {}; expected ≥ {}{unit})",
            num(v),
            num(def.min)
        ))
    } else if let Some(max) = def.max.filter(|max| v > *max) {
        Err(format!(
            "above the maximum (got {}; expected ≤ {}{unit})",
            num(v),
            num(max)
        ))
    } else if def.integer && v.fract() != 0.0 {
        Err(format!(
            "must be a whole number (got {}; expected an integer{unit})",
            num(v)
        ))
    } else {
        Ok(())
    }
}

/// Why `veto` is not a veto id of `m`, or `Ok` when it is.
pub fn check_veto(m: &Methodology, veto: &str) -> Result<(), String> {
    if m.vetoes.contains_key(veto) {
        return Ok(());
    }
    Err(format!(
        "unknown veto (got `{veto}`; expected one of {}){}",
        m.vetoes
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        did_you_mean(veto, m.vetoes.keys().map(String::as_str))
    ))
}

/// Why a metric of the record is not one of `m`'s metrics, or `Ok` when it is.
pub fn check_metric_known(m: &Methodology, metric: &str) -> Result<(), String> {
    if m.metrics.contains_key(metric) {
        return Ok(());
    }
    Err(format!(
        "unknown metric (got `{metric}`; expected a metric of {}){}",
        m.source,
        did_you_mean(metric, m.metrics.keys().map(String::as_str))
    ))
}

/// The message for a metric a rated park must supply but did not.
pub fn missing_metric_message(m: &Methodology, metric: &str, year: i32) -> String {
    let label = m
        .metrics
        .get(metric)
        .map(|d| d.label.as_str())
        .unwrap_or("");
    format!("missing metric `{metric}` ({label}) for a rated park in {year} (expected a value, or `not_reported: true`)")
}

/// The metrics a rated park's record lacks, in id order.
pub fn missing_metrics<'m>(m: &'m Methodology, record: &YearRecord) -> Vec<&'m str> {
    m.required_metrics()
        .into_iter()
        .filter(|k| !record.metrics.contains_key(*k))
        .collect()
}

/// One message per formula of `m` that divides by zero on this record's metrics.
pub fn divisions_by_zero(m: &Methodology, record: &YearRecord, year: i32) -> Vec<String> {
    let lookup = |k: &str| record.metrics.get(k).copied();
    let mut out = Vec::new();
    for ind in &m.indicators {
        let mut formulas = vec![("formula", &ind.formula)];
        if let Some(g) = &ind.growth_formula {
            formulas.push(("growth_formula", g));
        }
        for (what, f) in formulas {
            if let Err(EvalError::DivisionByZero) = f.eval(&lookup) {
                out.push(format!(
                    "division by zero in indicator {} ({what} `{}`) for {year}",
                    ind.id, f.source
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(min: f64, max: Option<f64>, positive: bool, integer: bool) -> MetricDef {
        MetricDef {
            label: "x".into(),
            label_en: None,
            unit: "家".into(),
            unit_en: None,
            public: false,
            min,
            max,
            positive,
            integer,
        }
    }

    #[test]
    fn each_bound_has_its_message() {
        let cases = [
            (
                def(0.0, None, true, false),
                0.0,
                Some("must be positive (got 0; expected a number > 0 家)"),
            ),
            (
                def(0.0, None, false, false),
                -1.5,
                Some("below the minimum (got -1.5; expected ≥ 0 家)"),
            ),
            (
                def(0.0, Some(100.0), false, false),
                100.5,
                Some("above the maximum (got 100.5; expected ≤ 100 家)"),
            ),
            (
                def(0.0, None, false, true),
                2.5,
                Some("must be a whole number (got 2.5; expected an integer 家)"),
            ),
            (def(0.0, Some(100.0), false, false), 100.0, None),
            (def(-5.0, None, false, true), -5.0, None),
            (def(0.0, None, true, false), 0.001, None),
            (
                def(0.0, None, false, false),
                f64::NAN,
                Some("not a finite number (got .nan; expected a number 家)"),
            ),
            (
                def(0.0, None, false, false),
                1e300,
                Some("too large (got 1e300; expected a number between -1e15 and 1e15 家)"),
            ),
        ];
        for (d, v, want) in cases {
            assert_eq!(check_metric(&d, v).err().as_deref(), want, "{v}");
        }
    }
}
