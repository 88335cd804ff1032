//! `indicators`: what is scored. Each indicator's dimension, formula over the
//! metrics (and growth formula), weight, direction, level/growth split and anchors;
//! then the checks over all of them: at least one, weights summing to 100, and an
//! indicator in every dimension.

use indexmap::IndexMap;

use crate::error::{did_you_mean, suggest};
use crate::load::context::{num, FileCheck};
use crate::load::numbers::in_range;
use crate::load::raw::{RawIndicator, RawSplit};
use crate::model::{
    abbreviate, Anchor, Dimension, Direction, Formula, Indicator, MetricDef, Split,
};

use super::anchor::parse_anchor;

const EPS: f64 = 1e-9;

/// Used when `growth_anchor` is left out: −10 % scores the base, +30 % full marks.
const GROWTH_ANCHOR: Anchor = Anchor::Fixed {
    disallowed: -0.10,
    satisfactory: 0.30,
};

/// The indicators whose formulas parse, in file order (a methodology with any
/// problem is refused, so the ones left out are never evaluated).
pub(super) fn validate_indicators(
    raw: &[RawIndicator],
    dimensions: &[Dimension],
    metrics: &IndexMap<String, MetricDef>,
    ck: &mut FileCheck,
) -> Vec<Indicator> {
    let rules = Rules {
        dimensions,
        metrics,
    };
    let mut indicators: Vec<Indicator> = Vec::new();
    for (i, ind) in raw.iter().enumerate() {
        let at = At(i);
        if indicators.iter().any(|x| x.id == ind.id) {
            ck.err(
                &at.field("id"),
                format!("duplicate indicator id (got `{}`)", ind.id),
            );
        }
        if let Some(indicator) = rules.indicator(&at, ind, ck) {
            indicators.push(indicator);
        }
    }
    if raw.is_empty() {
        ck.err("indicators", "no indicators (expected at least one)");
    }
    check_weights(raw, ck);
    check_dimensions_used(raw, dimensions, ck);
    indicators
}

/// Names the fields of indicator `i`: `indicators[i].weight`.
struct At(usize);

impl At {
    fn field(&self, name: &str) -> String {
        format!("indicators[{}].{name}", self.0)
    }
}

/// What an indicator may refer to.
struct Rules<'a> {
    dimensions: &'a [Dimension],
    metrics: &'a IndexMap<String, MetricDef>,
}

impl Rules<'_> {
    /// One indicator, every field checked; `None` when a formula does not parse.
    fn indicator(&self, at: &At, ind: &RawIndicator, ck: &mut FileCheck) -> Option<Indicator> {
        let dimension = self.dimension(at, &ind.dimension, ck);
        let formula = self.formula(&at.field("formula"), &ind.formula, ck);
        let growth_formula = ind
            .growth_formula
            .as_ref()
            .map(|g| self.formula(&at.field("growth_formula"), g, ck));
        if in_range(ck, &at.field("weight"), ind.weight, 0.0, 100.0) && ind.weight == 0.0 {
            ck.err(
                &at.field("weight"),
                "must be positive (got 0; expected a number > 0)",
            );
        }
        let direction = direction(at, ind.direction.as_deref(), ck);
        let split = split(at, ind.split.as_ref(), ck);
        let anchor = parse_anchor(
            ind.anchor.as_ref(),
            &at.field("anchor"),
            Anchor::PeerMinMax,
            ck,
        );
        let growth_anchor = parse_anchor(
            ind.growth_anchor.as_ref(),
            &at.field("growth_anchor"),
            GROWTH_ANCHOR,
            ck,
        );
        let growth_formula = match growth_formula {
            Some(None) => return None,
            parsed => parsed.flatten(),
        };
        Some(Indicator {
            id: ind.id.clone(),
            label: ind.label.clone(),
            label_en: ind.label_en.clone(),
            unit: ind.unit.clone(),
            unit_en: ind.unit_en.clone(),
            dimension,
            formula: formula?,
            growth_formula,
            weight: ind.weight,
            direction,
            split,
            anchor,
            growth_anchor,
        })
    }

    /// The index of dimension `id`; 0 (never used: refused) when there is none.
    fn dimension(&self, at: &At, id: &str, ck: &mut FileCheck) -> usize {
        if let Some(d) = self.dimensions.iter().position(|d| d.id == id) {
            return d;
        }
        let ids = || self.dimensions.iter().map(|d| d.id.as_str());
        ck.err(
            &at.field("dimension"),
            format!(
                "unknown dimension (got `{id}`; expected one of {}){}",
                ids().collect::<Vec<_>>().join(", "),
                did_you_mean(id, ids())
            ),
        );
        0
    }

    /// A formula over the metrics; a problem points at the character where it fails.
    fn formula(&self, field: &str, src: &str, ck: &mut FileCheck) -> Option<Formula> {
        let is_metric = |m: &str| self.metrics.contains_key(m);
        let suggest_metric =
            |m: &str| suggest(m, self.metrics.keys().map(String::as_str)).map(str::to_string);
        match Formula::parse(src, &is_metric, &suggest_metric) {
            Ok(f) => Some(f),
            Err(e) => {
                ck.err_in_value(
                    field,
                    e.offset,
                    format!(
                        "formula {} (got `{}`): {e}",
                        e.kind.summary(),
                        abbreviate(src, 80)
                    ),
                );
                None
            }
        }
    }
}

fn direction(at: &At, raw: Option<&str>, ck: &mut FileCheck) -> Direction {
    match raw {
        None | Some("higher_better") => Direction::HigherBetter,
        Some("lower_better") => Direction::LowerBetter,
        Some(other) => {
            ck.err(
                &at.field("direction"),
                format!(
                    "unknown direction (got `{other}`; expected higher_better or lower_better){}",
                    did_you_mean(other, ["higher_better", "lower_better"])
                ),
            );
            Direction::HigherBetter
        }
    }
}

/// How the level and growth scores combine (percent each); all level when left out.
fn split(at: &At, raw: Option<&RawSplit>, ck: &mut FileCheck) -> Split {
    let Some(s) = raw else {
        return Split {
            level: 100.0,
            growth: 0.0,
        };
    };
    let parts_ok = in_range(ck, &at.field("split.level"), s.level, 0.0, 100.0)
        & in_range(ck, &at.field("split.growth"), s.growth, 0.0, 100.0);
    if parts_ok && (s.level + s.growth - 100.0).abs() > EPS {
        ck.err(
            &at.field("split"),
            format!(
                "level and growth must be ≥ 0 and sum to 100 (got {} + {} = {}; expected 100)",
                num(s.level),
                num(s.growth),
                num(s.level + s.growth)
            ),
        );
    }
    Split {
        level: s.level,
        growth: s.growth,
    }
}

/// The weights add up to 100 (checked once each weight is within 0–100).
fn check_weights(raw: &[RawIndicator], ck: &mut FileCheck) {
    let weight_sum: f64 = raw.iter().map(|i| i.weight).sum();
    let weights_ok = raw.iter().all(|i| (0.0..=100.0).contains(&i.weight));
    if !raw.is_empty() && weights_ok && (weight_sum - 100.0).abs() > 1e-6 {
        ck.err(
            "indicators",
            format!(
                "indicator weights must sum to 100 (got {}; expected 100)",
                num((weight_sum * 1e6).round() / 1e6)
            ),
        );
    }
}

/// A dimension without an indicator would always score zero.
fn check_dimensions_used(raw: &[RawIndicator], dimensions: &[Dimension], ck: &mut FileCheck) {
    if raw.is_empty() {
        return;
    }
    for (d, dim) in dimensions.iter().enumerate() {
        if !raw.iter().any(|i| i.dimension == dim.id) {
            ck.err(
                &format!("dimensions[{d}]"),
                format!("dimension `{}` has no indicator", dim.id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::methodology::dimensions::validate_dimensions;
    use crate::load::methodology::metrics::validate_metrics;
    use crate::load::methodology::testing::run;

    /// Two metrics and two dimensions, then the indicators given.
    fn check(indicators: &str) -> (Vec<Indicator>, Vec<String>) {
        let yaml = format!(
            "metrics: {{tax: {{label: 税收}}, area: {{label: 面积}}}}\n\
             dimensions: [{{id: d1, label: 一}}, {{id: d2, label: 二}}]\n\
             indicators:\n{indicators}"
        );
        run(&yaml, |raw, ck| {
            let metrics = validate_metrics(&raw.metrics, ck);
            let dimensions = validate_dimensions(&raw.dimensions, ck);
            validate_indicators(&raw.indicators, &dimensions, &metrics, ck)
        })
    }

    const I1: &str = "  - {id: i1, label: 亩均, dimension: d1, formula: tax / area, weight: 60}";
    const I2: &str = "  - {id: i2, label: 税收, dimension: d2, formula: tax, weight: 40}";

    #[test]
    fn a_sound_section_gives_every_indicator_with_its_defaults() {
        let (found, problems) = check(&format!("{I1}\n{I2}"));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].dimension, found[1].dimension), (0, 1));
        assert_eq!(found[0].direction, Direction::HigherBetter);
        assert_eq!((found[0].split.level, found[0].split.growth), (100.0, 0.0));
        assert_eq!(found[0].anchor, Anchor::PeerMinMax);
        assert_eq!(found[0].growth_anchor, GROWTH_ANCHOR);
        assert!(found[0].growth_formula.is_none());
    }

    #[test]
    fn each_problem_is_located() {
        let cases: [(String, &[&str]); 9] = [
            (
                format!("{I1}\n  - {{id: i1, label: x, dimension: d2, formula: tax, weight: 40}}"),
                &["m.yaml:5:10: indicators[1].id: duplicate indicator id (got `i1`)"],
            ),
            (
                format!("{I1}\n  - {{id: i2, label: x, dimension: d3, formula: tax, weight: 40}}"),
                &[
                    "m.yaml:5:35: indicators[1].dimension: unknown dimension (got `d3`; expected one of d1, d2)",
                    "m.yaml:2:34: dimensions[1]: dimension `d2` has no indicator",
                ],
            ),
            (
                format!("{I1}\n  - {{id: i2, label: x, dimension: d2, formula: tax / aera, weight: 40}}"),
                &["m.yaml:5:54: indicators[1].formula: formula names an unknown metric (got `tax / aera`): at character 7: unknown metric `aera`; did you mean `area`?"],
            ),
            (
                format!("{I1}\n  - {{id: i2, label: x, dimension: d2, formula: tax, growth_formula: \"tax +\", weight: 40}}"),
                &["m.yaml:5:75: indicators[1].growth_formula: formula does not parse (got `tax +`): at character 6: unexpected end of formula (expected a metric id, a number or `(`)"],
            ),
            (
                format!("{I1}\n  - {{id: i2, label: x, dimension: d2, formula: tax, weight: 0}}"),
                &[
                    "m.yaml:5:61: indicators[1].weight: must be positive (got 0; expected a number > 0)",
                    "m.yaml:4:3: indicators: indicator weights must sum to 100 (got 60; expected 100)",
                ],
            ),
            (
                format!("{I1}\n  - {{id: i2, label: x, dimension: d2, formula: tax, weight: 140}}"),
                &["m.yaml:5:61: indicators[1].weight: out of range (got 140; expected a number from 0 to 100)"],
            ),
            (
                format!("{I1}\n  - {{id: i2, label: x, dimension: d2, formula: tax, weight: 40, direction: higher}}"),
                &["m.yaml:5:76: indicators[1].direction: unknown direction (got `higher`; expected higher_better or lower_better); did you mean `higher_better`?"],
            ),
            (
                format!("{I1}\n  - {{id: i2, label: x, dimension: d2, formula: tax, weight: 40, split: {{level: 60, growth: 30}}}}"),
                &["m.yaml:5:72: indicators[1].split: level and growth must be ≥ 0 and sum to 100 (got 60 + 30 = 90; expected 100)"],
            ),
            (
                format!("{I1}\n  - {{id: i2, label: x, dimension: d2, formula: tax, weight: 40, split: {{level: .nan, growth: 120}}}}"),
                &[
                    "m.yaml:5:80: indicators[1].split.level: not a finite number (got .nan; expected a number from 0 to 100)",
                    "m.yaml:5:94: indicators[1].split.growth: out of range (got 120; expected a number from 0 to 100)",
                ],
            ),
        ];
        for (indicators, want) in cases {
            assert_eq!(check(&indicators).1, want, "{indicators}");
        }
    }

    #[test]
    fn an_indicator_whose_formula_fails_is_left_out() {
        let (found, problems) = check(&format!(
            "{I1}\n  - {{id: i2, label: x, dimension: d2, formula: \"(\", weight: 40}}"
        ));
        assert_eq!(problems.len(), 1);
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn none_at_all_is_one_problem() {
        let (found, problems) = check("  []");
        assert!(found.is_empty());
        assert_eq!(
            problems,
            ["m.yaml:4:3: indicators: no indicators (expected at least one)"]
        );
    }
}
