//! `methodology/<year>.yaml`: raw → validated [`Methodology`], every problem collected.

use indexmap::IndexMap;

use crate::error::{did_you_mean, suggest};
use crate::model::limits::{MAX_AMOUNT, MAX_GOAL, MAX_INPUT, MAX_POINTS};
use crate::model::{
    abbreviate, Anchor, Awards, BonusCategory, BonusKind, BonusRule, BonusRules, Decimal,
    Dimension, Direction, Efficacy, Formula, Goals, Hundredths, Indicator, Methodology, MetricDef,
    Scope, Split, TieBreak, TierA, TierC, Tiers, Veto, ZoneLevel,
};

use super::context::{num, FileCheck};
use super::english;
use super::numbers::{amount, bounded, in_range, shown};
use super::raw::{RawMethodology, RawTierA, RawTierC};

const EPS: f64 = 1e-9;

/// Longest window of a bonus category, in years (a window reaches back this far).
const MAX_WINDOW_YEARS: i32 = 100;

/// A methodology file after validation.
pub enum Checked {
    Valid(Box<Methodology>),
    /// Invalid, but its metrics and bonus sections are sound: park records can still
    /// be checked against them (never evaluated with).
    RecordsOnly(Box<Methodology>),
    Broken,
}

pub fn validate_methodology(year: i32, raw: RawMethodology, ck: &mut FileCheck) -> Checked {
    let before = ck.problems.len();
    let efficacy = {
        let d = Efficacy::default();
        let e = raw.efficacy.as_ref();
        let e = Efficacy {
            base: e.and_then(|e| e.base).unwrap_or(d.base),
            span: e.and_then(|e| e.span).unwrap_or(d.span),
        };
        if in_range(ck, "efficacy.span", e.span, 0.0, MAX_POINTS) && e.span == 0.0 {
            ck.err(
                "efficacy.span",
                "must be positive (got 0; expected a number > 0)",
            );
        }
        in_range(ck, "efficacy.base", e.base, 0.0, MAX_POINTS);
        e
    };

    let scope = {
        let mut s = Scope::default();
        if let Some(raw_scope) = &raw.scope {
            if let Some(levels) = &raw_scope.zone_levels {
                s.zone_levels.clear();
                for (i, l) in levels.iter().enumerate() {
                    match ZoneLevel::parse(l) {
                        Some(z) => s.zone_levels.push(z),
                        None => ck.err(
                            &format!("scope.zone_levels[{i}]"),
                            format!(
                                "unknown zone level (got `{l}`; expected national, provincial or other){}",
                                did_you_mean(l, ZoneLevel::ALL.iter().map(|(n, _)| *n))
                            ),
                        ),
                    }
                }
            }
            if let Some(t) = raw_scope.transition_years {
                if t < 0 {
                    ck.err(
                        "scope.transition_years",
                        format!("must not be negative (got {t}; expected 0 or more)"),
                    );
                }
                s.transition_years = t;
            }
        }
        s
    };

    let metrics_before = ck.problems.len();
    let mut metrics = IndexMap::new();
    for (id, m) in &raw.metrics {
        let field = format!("metrics.{id}");
        if !is_identifier(id) {
            ck.err(
                &field,
                format!(
                    "metric id must be letters, digits and _ starting with a letter (got `{id}`)"
                ),
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
        metrics.insert(
            id.clone(),
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
            },
        );
    }

    let metrics_ok = ck.problems.len() == metrics_before;
    let mut dimensions = Vec::new();
    for (i, d) in raw.dimensions.iter().enumerate() {
        if dimensions.iter().any(|x: &Dimension| x.id == d.id) {
            ck.err(
                &format!("dimensions[{i}].id"),
                format!("duplicate dimension id (got `{}`)", d.id),
            );
        }
        dimensions.push(Dimension {
            id: d.id.clone(),
            label: d.label.clone(),
            label_en: d.label_en.clone(),
        });
    }
    if dimensions.is_empty() {
        ck.err("dimensions", "no dimensions (expected at least one)");
    }

    let metric_ids: Vec<&str> = metrics.keys().map(String::as_str).collect();
    let is_metric = |m: &str| metrics.contains_key(m);
    let suggest_metric = |m: &str| suggest(m, metric_ids.iter().copied()).map(str::to_string);
    let mut indicators: Vec<Indicator> = Vec::new();
    for (i, ind) in raw.indicators.iter().enumerate() {
        let at = |f: &str| format!("indicators[{i}].{f}");
        if indicators.iter().any(|x| x.id == ind.id) {
            ck.err(
                &at("id"),
                format!("duplicate indicator id (got `{}`)", ind.id),
            );
        }
        let dimension = match dimensions.iter().position(|d| d.id == ind.dimension) {
            Some(d) => d,
            None => {
                ck.err(
                    &at("dimension"),
                    format!(
                        "unknown dimension (got `{}`; expected one of {}){}",
                        ind.dimension,
                        dimensions
                            .iter()
                            .map(|d| d.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                        did_you_mean(&ind.dimension, dimensions.iter().map(|d| d.id.as_str()))
                    ),
                );
                0
            }
        };
        let mut parse =
            |field: String, src: &str| match Formula::parse(src, &is_metric, &suggest_metric) {
                Ok(f) => Some(f),
                Err(e) => {
                    ck.err_in_value(
                        &field,
                        e.offset,
                        format!(
                            "formula {} (got `{}`): {e}",
                            e.kind.summary(),
                            abbreviate(src, 80)
                        ),
                    );
                    None
                }
            };
        let formula = parse(at("formula"), &ind.formula);
        let growth_formula = ind
            .growth_formula
            .as_ref()
            .map(|g| parse(at("growth_formula"), g));
        if in_range(ck, &at("weight"), ind.weight, 0.0, 100.0) && ind.weight == 0.0 {
            ck.err(
                &at("weight"),
                "must be positive (got 0; expected a number > 0)",
            );
        }
        let direction = match ind.direction.as_deref() {
            None | Some("higher_better") => Direction::HigherBetter,
            Some("lower_better") => Direction::LowerBetter,
            Some(other) => {
                ck.err(
                    &at("direction"),
                    format!(
                        "unknown direction (got `{other}`; expected higher_better or lower_better){}",
                        did_you_mean(other, ["higher_better", "lower_better"])
                    ),
                );
                Direction::HigherBetter
            }
        };
        let split = match &ind.split {
            None => Split {
                level: 100.0,
                growth: 0.0,
            },
            Some(s) => {
                let parts_ok = in_range(ck, &at("split.level"), s.level, 0.0, 100.0)
                    & in_range(ck, &at("split.growth"), s.growth, 0.0, 100.0);
                if parts_ok && (s.level + s.growth - 100.0).abs() > EPS {
                    ck.err(
                        &at("split"),
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
        };
        let anchor = parse_anchor(ind.anchor.as_ref(), &at("anchor"), Anchor::PeerMinMax, ck);
        let growth_anchor = parse_anchor(
            ind.growth_anchor.as_ref(),
            &at("growth_anchor"),
            Anchor::Fixed {
                disallowed: -0.10,
                satisfactory: 0.30,
            },
            ck,
        );
        let growth_parsed = !matches!(growth_formula, Some(None));
        if let (Some(formula), true) = (formula, growth_parsed) {
            let growth_formula = growth_formula.flatten();
            indicators.push(Indicator {
                id: ind.id.clone(),
                label: ind.label.clone(),
                label_en: ind.label_en.clone(),
                unit: ind.unit.clone(),
                unit_en: ind.unit_en.clone(),
                dimension,
                formula,
                growth_formula,
                weight: ind.weight,
                direction,
                split,
                anchor,
                growth_anchor,
            });
        }
    }
    if raw.indicators.is_empty() {
        ck.err("indicators", "no indicators (expected at least one)");
    }
    let weight_sum: f64 = raw.indicators.iter().map(|i| i.weight).sum();
    let weights_ok = raw
        .indicators
        .iter()
        .all(|i| (0.0..=100.0).contains(&i.weight));
    if !raw.indicators.is_empty() && weights_ok && (weight_sum - 100.0).abs() > 1e-6 {
        ck.err(
            "indicators",
            format!(
                "indicator weights must sum to 100 (got {}; expected 100)",
                num((weight_sum * 1e6).round() / 1e6)
            ),
        );
    }
    for (d, dim) in dimensions.iter().enumerate() {
        if !raw.indicators.is_empty() && !raw.indicators.iter().any(|i| i.dimension == dim.id) {
            ck.err(
                &format!("dimensions[{d}]"),
                format!("dimension `{}` has no indicator", dim.id),
            );
        }
    }

    let bonus_before = ck.problems.len();
    let bonus = validate_bonus(&raw, ck);
    let bonus_ok = ck.problems.len() == bonus_before;
    let vetoes = match &raw.vetoes {
        Some(v) => v
            .iter()
            .map(|(id, v)| {
                (
                    id.clone(),
                    Veto {
                        label: v.label.clone(),
                        label_en: v.label_en.clone(),
                    },
                )
            })
            .collect(),
        None => default_vetoes(),
    };
    // English text problems are errors, but they do not make the rules unusable.
    let english_before = ck.problems.len();
    english::check_methodology(&raw, ck);
    let english_problems = ck.problems.len() - english_before;

    let tie_break_src = raw.tie_break.clone().unwrap_or_else(|| {
        vec![
            "dimension:efficiency".into(),
            "indicator:tax_per_mu".into(),
            "indicator:revenue_per_mu".into(),
        ]
    });
    let mut tie_break = Vec::new();
    for (i, key) in tie_break_src.iter().enumerate() {
        let field = format!("tie_break[{i}]");
        match key.split_once(':') {
            Some(("dimension", d)) => match dimensions.iter().position(|x| x.id == d) {
                Some(ix) => tie_break.push(TieBreak::Dimension(ix)),
                None => ck.err(
                    &field,
                    format!(
                        "unknown dimension in tie_break (got `{d}`){}",
                        did_you_mean(d, dimensions.iter().map(|x| x.id.as_str()))
                    ),
                ),
            },
            Some(("indicator", d)) => match raw.indicators.iter().position(|x| x.id == d) {
                Some(ix) => tie_break.push(TieBreak::Indicator(ix)),
                None => ck.err(
                    &field,
                    format!(
                        "unknown indicator in tie_break (got `{d}`){}",
                        did_you_mean(d, raw.indicators.iter().map(|x| x.id.as_str()))
                    ),
                ),
            },
            _ => ck.err(
                &field,
                format!("tie-break key not understood (got `{key}`; expected dimension:<id> or indicator:<id>)"),
            ),
        }
    }

    let tiers = validate_tiers(&raw, ck);
    let awards = validate_awards(&raw, ck);
    let goals = validate_goals(&raw, ck);
    let admission = super::admission::validate_admission(raw.admission.as_ref(), ck);

    let m = Methodology {
        year,
        title: raw
            .title
            .clone()
            .unwrap_or_else(|| format!("小微企业园绩效评价办法（{year}年版）")),
        title_en: english_of_default(raw.title.as_ref(), raw.title_en.as_ref(), || {
            format!("Performance Evaluation Measures for Small and Micro Enterprise Parks ({year} edition)")
        }),
        source: ck.file.to_string(),
        efficacy,
        scope,
        metrics,
        dimensions,
        indicators,
        bonus,
        vetoes,
        tie_break,
        tiers,
        awards,
        goals,
        admission,
    };
    if ck.problems.len() - english_problems == before {
        Checked::Valid(Box::new(m))
    } else if metrics_ok && bonus_ok {
        Checked::RecordsOnly(Box::new(m))
    } else {
        Checked::Broken
    }
}

/// The English of a text with a Chinese default: as written; else the default's
/// English when the Chinese is the default too; else none (a Chinese text the
/// file wrote has no English the program could know).
fn english_of_default(
    zh: Option<&String>,
    en: Option<&String>,
    default_en: impl FnOnce() -> String,
) -> Option<String> {
    match (zh, en) {
        (_, Some(en)) => Some(en.clone()),
        (None, None) => Some(default_en()),
        (Some(_), None) => None,
    }
}

/// Award amounts (万元 by default), each within `0..=MAX_AMOUNT`.
fn validate_awards(raw: &RawMethodology, ck: &mut FileCheck) -> Awards {
    let a = raw.awards.as_ref();
    let ranked: Vec<f64> = a
        .and_then(|a| a.ranked.clone())
        .unwrap_or_else(|| vec![100.0, 80.0, 70.0]);
    let others = a.and_then(|a| a.others).unwrap_or(50.0);
    let ranked: Vec<Hundredths> = ranked
        .iter()
        .enumerate()
        .map(|(i, r)| amount(ck, &format!("awards.ranked[{i}]"), *r, MAX_AMOUNT))
        .collect();
    Awards {
        unit: a
            .and_then(|a| a.unit.clone())
            .unwrap_or_else(|| "万元".into()),
        unit_en: english_of_default(
            a.and_then(|a| a.unit.as_ref()),
            a.and_then(|a| a.unit_en.as_ref()),
            || "10,000 yuan".into(),
        ),
        ranked,
        others: amount(ck, "awards.others", others, MAX_AMOUNT),
    }
}

/// Development goals, each within `0..=MAX_GOAL`.
fn validate_goals(raw: &RawMethodology, ck: &mut FileCheck) -> Goals {
    let g = raw.goals.as_ref();
    let goals = Goals {
        parks: g.and_then(|g| g.parks).unwrap_or(45.0),
        new_enterprises: g.and_then(|g| g.new_enterprises).unwrap_or(300.0),
        enterprises: g.and_then(|g| g.enterprises).unwrap_or(2000.0),
    };
    for (key, v) in [
        ("parks", goals.parks),
        ("new_enterprises", goals.new_enterprises),
        ("enterprises", goals.enterprises),
    ] {
        in_range(ck, &format!("goals.{key}"), v, 0.0, MAX_GOAL);
    }
    goals
}

fn is_identifier(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn parse_anchor(
    v: Option<&serde_yaml::Value>,
    field: &str,
    default: Anchor,
    ck: &mut FileCheck,
) -> Anchor {
    use serde_yaml::Value;
    let Some(v) = v else { return default };
    let expected =
        "expected peer_minmax, {percentile: [lo, hi]} or {disallowed: a, satisfactory: c}";
    let number = |v: Option<&Value>| v.and_then(Value::as_f64);
    match v {
        Value::String(s) if s == "peer_minmax" => Anchor::PeerMinMax,
        Value::Mapping(m) => {
            let keys: Vec<&str> = m.keys().filter_map(Value::as_str).collect();
            if keys == ["percentile"] {
                let pair = m.get("percentile").and_then(Value::as_sequence);
                match pair.map(|p| (p.len(), number(p.first()), number(p.get(1)))) {
                    Some((2, Some(lo), Some(hi)))
                        if (0.0..=100.0).contains(&lo)
                            && (0.0..=100.0).contains(&hi)
                            && lo < hi =>
                    {
                        Anchor::Percentile { lo, hi }
                    }
                    _ => {
                        ck.err(
                            &format!("{field}.percentile"),
                            "percentiles must be [lo, hi] with 0 ≤ lo < hi ≤ 100",
                        );
                        default
                    }
                }
            } else if keys.len() == 2
                && keys.contains(&"disallowed")
                && keys.contains(&"satisfactory")
            {
                match (number(m.get("disallowed")), number(m.get("satisfactory"))) {
                    (Some(a), Some(c))
                        if !bounded(ck, &format!("{field}.disallowed"), a, MAX_INPUT)
                            | !bounded(ck, &format!("{field}.satisfactory"), c, MAX_INPUT) =>
                    {
                        default
                    }
                    (Some(a), Some(c)) if a == c => {
                        ck.err(
                            field,
                            format!("fixed anchors are equal (got disallowed {} = satisfactory {}; expected two different values)", num(a), num(c)),
                        );
                        default
                    }
                    (Some(a), Some(c)) => Anchor::Fixed {
                        disallowed: a,
                        satisfactory: c,
                    },
                    _ => {
                        ck.err(field, "disallowed and satisfactory must be numbers");
                        default
                    }
                }
            } else {
                ck.err(
                    field,
                    format!(
                        "anchor not understood (got keys {}; {expected})",
                        keys.join(", ")
                    ),
                );
                default
            }
        }
        other => {
            let got = match other {
                Value::String(s) => format!("`{s}`"),
                _ => "a non-text value".into(),
            };
            let hint = match other {
                Value::String(s) => did_you_mean(s, ["peer_minmax"]),
                _ => String::new(),
            };
            ck.err(
                field,
                format!("anchor not understood (got {got}; {expected}){hint}"),
            );
            default
        }
    }
}

fn validate_bonus(raw: &RawMethodology, ck: &mut FileCheck) -> BonusRules {
    let Some(b) = &raw.bonus else {
        return default_bonus();
    };
    let cap = amount(ck, "bonus.cap", b.cap.unwrap_or(10.0), MAX_POINTS);
    let mut categories: Vec<BonusCategory> = Vec::new();
    for (i, c) in b.categories.iter().enumerate() {
        let at = |f: &str| format!("bonus.categories[{i}].{f}");
        if categories.iter().any(|x| x.id == c.id) {
            ck.err(
                &at("id"),
                format!("duplicate bonus category (got `{}`)", c.id),
            );
        }
        let rule = match c.rule.as_str() {
            "highest" => BonusRule::Highest,
            "sum" => BonusRule::Sum,
            other => {
                ck.err(
                    &at("rule"),
                    format!(
                        "unknown rule (got `{other}`; expected highest or sum){}",
                        did_you_mean(other, ["highest", "sum"])
                    ),
                );
                BonusRule::Sum
            }
        };
        if !(1..=MAX_WINDOW_YEARS).contains(&c.window_years) {
            ck.err(
                &at("window_years"),
                format!(
                    "out of range (got {}; expected 1 to {MAX_WINDOW_YEARS} years)",
                    c.window_years
                ),
            );
        }
        let cap = amount(ck, &at("cap"), c.cap, MAX_POINTS);
        let mut kinds = IndexMap::new();
        for (k, v) in &c.kinds {
            let field = format!("{}.{k}.points", at("kinds"));
            let points = amount(ck, &field, v.points, MAX_POINTS);
            kinds.insert(
                k.clone(),
                BonusKind {
                    label: v.label.clone(),
                    label_en: v.label_en.clone(),
                    points,
                },
            );
        }
        categories.push(BonusCategory {
            id: c.id.clone(),
            label: c.label.clone(),
            label_en: c.label_en.clone(),
            window_years: c.window_years,
            rule,
            cap,
            kinds,
        });
    }
    BonusRules { cap, categories }
}

fn share(v: Option<f64>, field: &str, ck: &mut FileCheck) -> Option<Decimal> {
    let x = v?;
    if !(0.0..=1.0).contains(&x) {
        ck.err(
            field,
            format!(
                "share out of range (got {}; expected a fraction between 0 and 1)",
                shown(x)
            ),
        );
        return None;
    }
    let d = Decimal::from_f64(x);
    if d.is_none() {
        // A share with more than 30 decimals would otherwise drop its quota silently.
        ck.err(
            field,
            format!(
                "too many decimal places (got {}; expected a fraction such as 0.2)",
                shown(x)
            ),
        );
    }
    d
}

fn total(v: Option<f64>, field: &str, ck: &mut FileCheck) -> Option<Decimal> {
    let x = v?;
    if !in_range(ck, field, x, 0.0, MAX_POINTS * 3.0) {
        return None;
    }
    let d = Decimal::from_f64(x);
    if d.is_none() {
        ck.err(field, format!("not a plain number (got {x})"));
    }
    d
}

fn validate_tiers(raw: &RawMethodology, ck: &mut FileCheck) -> Tiers {
    let Some(t) = &raw.tiers else {
        return default_tiers();
    };
    let d = default_tiers();
    let a = match &t.a {
        None => d.a,
        Some(RawTierA {
            top_share,
            min_total,
        }) => {
            if top_share.is_none() && min_total.is_none() {
                ck.err(
                    "tiers.a",
                    "tier A needs top_share, min_total or both (got neither)",
                );
            }
            TierA {
                top_share: share(*top_share, "tiers.a.top_share", ck),
                min_total: total(*min_total, "tiers.a.min_total", ck),
            }
        }
    };
    let c = match &t.c {
        None => d.c,
        Some(RawTierC {
            bottom_share,
            below_total,
        }) => TierC {
            bottom_share: share(*bottom_share, "tiers.c.bottom_share", ck),
            below_total: total(*below_total, "tiers.c.below_total", ck),
        },
    };
    Tiers { a, c }
}

/// The sample methodology's tiers (data.md), used when `tiers` is omitted.
fn default_tiers() -> Tiers {
    Tiers {
        a: TierA {
            top_share: Decimal::parse("0.20"),
            min_total: Decimal::parse("80"),
        },
        c: TierC {
            bottom_share: Decimal::parse("0.10"),
            below_total: Decimal::parse("65"),
        },
    }
}

fn default_vetoes() -> IndexMap<String, Veto> {
    [
        (
            "major_safety_accident",
            "发生重大生产安全事故",
            "Major work safety accident",
        ),
        (
            "data_fraud",
            "申报材料或数据弄虚作假",
            "Falsified application materials or data",
        ),
    ]
    .into_iter()
    .map(|(k, l, en)| {
        (
            k.to_string(),
            Veto {
                label: l.to_string(),
                label_en: Some(en.to_string()),
            },
        )
    })
    .collect()
}

const CARRIER_EN: &str =
    "National or provincial innovation and entrepreneurship platform recognized in the last three years";
const TALENT_EN: &str = "High-level talent teams brought in during the year, as recognized by the human resources and social security authorities";

/// The sample methodology's bonus rules (data.md), used when `bonus` is omitted.
fn default_bonus() -> BonusRules {
    let kinds = |list: &[(&str, &str, &str, f64)]| {
        list.iter()
            .map(|(k, l, en, p)| {
                (
                    k.to_string(),
                    BonusKind {
                        label: l.to_string(),
                        label_en: Some(en.to_string()),
                        points: Hundredths::from_units(*p),
                    },
                )
            })
            .collect()
    };
    BonusRules {
        cap: Hundredths::from_units(10.0),
        categories: vec![
            BonusCategory {
                id: "carrier".into(),
                label: "近三年获评国家级、省级创新创业载体".into(),
                label_en: Some(CARRIER_EN.into()),
                window_years: 3,
                rule: BonusRule::Highest,
                cap: Hundredths::from_units(6.0),
                kinds: kinds(&[
                    (
                        "national_demo_base",
                        "国家小型微型企业创业创新示范基地",
                        "National demonstration base for small and micro enterprise entrepreneurship and innovation",
                        6.0,
                    ),
                    (
                        "national_incubator",
                        "国家级科技企业孵化器",
                        "National technology business incubator",
                        6.0,
                    ),
                    (
                        "national_maker_space",
                        "国家备案众创空间",
                        "Nationally registered maker space",
                        5.0,
                    ),
                    (
                        "provincial_demo_base",
                        "省级小微企业创业创新示范基地",
                        "Provincial demonstration base for small and micro enterprise entrepreneurship and innovation",
                        3.0,
                    ),
                    (
                        "provincial_incubator",
                        "省级科技企业孵化器",
                        "Provincial technology business incubator",
                        3.0,
                    ),
                    (
                        "provincial_maker_space",
                        "省级众创空间",
                        "Provincial maker space",
                        2.0,
                    ),
                ]),
            },
            BonusCategory {
                id: "talent".into(),
                label: "当年引进经人社部门认定的高层次人才团队".into(),
                label_en: Some(TALENT_EN.into()),
                window_years: 1,
                rule: BonusRule::Sum,
                cap: Hundredths::from_units(4.0),
                kinds: kinds(&[
                    (
                        "national_team",
                        "国家级高层次人才团队",
                        "National high-level talent team",
                        3.0,
                    ),
                    (
                        "provincial_team",
                        "省级高层次人才团队",
                        "Provincial high-level talent team",
                        2.0,
                    ),
                    (
                        "city_team",
                        "市级高层次人才团队",
                        "Municipal high-level talent team",
                        1.0,
                    ),
                ]),
            },
        ],
    }
}
