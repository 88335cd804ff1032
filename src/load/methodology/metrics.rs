//! `metrics`: every raw input a park reports, with its bounds. Park records are
//! checked against this section, so the loader asks whether it alone is sound.

use indexmap::IndexMap;

use crate::load::context::{num, FileCheck};
use crate::load::numbers::bounded;
use crate::load::raw::RawMetric;
use crate::model::limits::MAX_INPUT;
use crate::model::MetricDef;

/// Every metric, in file order; ids must be formula identifiers, bounds finite.
pub(super) fn validate_metrics(
    raw: &IndexMap<String, RawMetric>,
    ck: &mut FileCheck,
) -> IndexMap<String, MetricDef> {
    raw.iter()
        .map(|(id, m)| (id.clone(), metric(id, m, ck)))
        .collect()
}

fn metric(id: &str, m: &RawMetric, ck: &mut FileCheck) -> MetricDef {
    let field = format!("metrics.{id}");
    if !is_identifier(id) {
        ck.err(
            &field,
            format!("metric id must be letters, digits and _ starting with a letter (got `{id}`)"),
        );
    }
    let min = m.min.unwrap_or(0.0);
    let min_ok = bounded(ck, &format!("{field}.min"), min, MAX_INPUT);
    if let Some(max) = m.max {
        if bounded(ck, &format!("{field}.max"), max, MAX_INPUT) && min_ok && max < min {
            ck.err(
                &format!("{field}.max"),
                format!("is below min (got {}; expected ≥ {})", num(max), num(min)),
            );
        }
    }
    MetricDef {
        label: m.label.clone(),
        label_en: m.label_en.clone(),
        unit: m.unit.clone(),
        unit_en: m.unit_en.clone(),
        public: m.public,
        min,
        max: m.max,
        positive: m.positive,
        integer: m.integer,
    }
}

/// A name a formula can use: ASCII letters, digits and `_`, starting with a letter.
fn is_identifier(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::methodology::testing::{problems, run};

    fn check(yaml: &str) -> Vec<String> {
        problems(yaml, |raw, ck| validate_metrics(&raw.metrics, ck))
    }

    #[test]
    fn defaults_and_order_are_kept() {
        let yaml = "metrics:\n  tax: {label: 税收, unit: 万元, max: 10}\n  area: {label: 面积, min: 1, positive: true, integer: true}";
        let (m, found) = run(yaml, |raw, ck| validate_metrics(&raw.metrics, ck));
        assert!(found.is_empty());
        assert_eq!(m.keys().collect::<Vec<_>>(), ["tax", "area"]);
        assert_eq!((m["tax"].min, m["tax"].max), (0.0, Some(10.0)));
        assert_eq!((m["area"].min, m["area"].max), (1.0, None));
        assert!(m["area"].positive && m["area"].integer && !m["area"].public);
    }

    #[test]
    fn each_problem_is_located() {
        let cases: [(&str, &[&str]); 4] = [
            (
                "metrics:\n  2bad: {label: x}\n  ok_1: {label: y}",
                &["m.yaml:2:9: metrics.2bad: metric id must be letters, digits and _ starting with a letter (got `2bad`)"],
            ),
            (
                "metrics:\n  a: {label: x, min: 5, max: 1}",
                &["m.yaml:2:30: metrics.a.max: is below min (got 1; expected ≥ 5)"],
            ),
            (
                "metrics:\n  a: {label: x, min: -.inf, max: 1e300}",
                &[
                    "m.yaml:2:22: metrics.a.min: not a finite number (got -.inf; expected a number between -1e15 and 1e15)",
                    "m.yaml:2:34: metrics.a.max: too large (got 1e300; expected a number between -1e15 and 1e15)",
                ],
            ),
            ("metrics:\n  a: {label: x, min: -5, max: -1}", &[]),
        ];
        for (yaml, want) in cases {
            assert_eq!(check(yaml), want, "{yaml}");
        }
    }
}
