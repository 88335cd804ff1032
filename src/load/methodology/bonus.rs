//! `bonus`: the points a park's honors add to its base score (加分项), per category
//! (a window of years, `highest` or `sum`, a cap) under an overall cap. Left out, it
//! is the sample methodology's (data.md). Park honors are checked against this
//! section, so the loader asks whether it alone is sound.

use indexmap::IndexMap;

use crate::error::did_you_mean;
use crate::load::context::FileCheck;
use crate::load::numbers::amount;
use crate::load::raw::{RawBonus, RawCategory};
use crate::model::limits::MAX_POINTS;
use crate::model::{BonusCategory, BonusKind, BonusRule, BonusRules, Hundredths};

/// Longest window of a bonus category, in years (a window reaches back this far).
const MAX_WINDOW_YEARS: i32 = 100;

pub(super) fn validate_bonus(raw: Option<&RawBonus>, ck: &mut FileCheck) -> BonusRules {
    let Some(b) = raw else {
        return default_bonus();
    };
    let cap = amount(ck, "bonus.cap", b.cap.unwrap_or(10.0), MAX_POINTS);
    let mut categories: Vec<BonusCategory> = Vec::new();
    for (i, c) in b.categories.iter().enumerate() {
        let at = format!("bonus.categories[{i}]");
        if categories.iter().any(|x| x.id == c.id) {
            ck.err(
                &format!("{at}.id"),
                format!("duplicate bonus category (got `{}`)", c.id),
            );
        }
        categories.push(category(&at, c, ck));
    }
    BonusRules { cap, categories }
}

/// One category at `at` (`bonus.categories[i]`), every field checked.
fn category(at: &str, c: &RawCategory, ck: &mut FileCheck) -> BonusCategory {
    let rule = match c.rule.as_str() {
        "highest" => BonusRule::Highest,
        "sum" => BonusRule::Sum,
        other => {
            ck.err(
                &format!("{at}.rule"),
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
            &format!("{at}.window_years"),
            format!(
                "out of range (got {}; expected 1 to {MAX_WINDOW_YEARS} years)",
                c.window_years
            ),
        );
    }
    let cap = amount(ck, &format!("{at}.cap"), c.cap, MAX_POINTS);
    let mut kinds = IndexMap::new();
    for (k, v) in &c.kinds {
        let points = amount(ck, &format!("{at}.kinds.{k}.points"), v.points, MAX_POINTS);
        let kind = BonusKind {
            label: v.label.clone(),
            label_en: v.label_en.clone(),
            points,
        };
        kinds.insert(k.clone(), kind);
    }
    BonusCategory {
        id: c.id.clone(),
        label: c.label.clone(),
        label_en: c.label_en.clone(),
        window_years: c.window_years,
        rule,
        cap,
        kinds,
    }
}

const CARRIER_EN: &str =
    "National or provincial innovation and entrepreneurship platform recognized in the last three years";
const TALENT_EN: &str = "High-level talent teams brought in during the year, as recognized by the human resources and social security authorities";

/// The sample methodology's bonus rules (data.md), used when `bonus` is omitted.
fn default_bonus() -> BonusRules {
    BonusRules {
        cap: Hundredths::from_units(10.0),
        categories: vec![carrier(), talent()],
    }
}

/// 创新创业载体: the highest of the last three years, at most 6 points.
fn carrier() -> BonusCategory {
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
    }
}

/// 高层次人才团队: the sum of the year's teams, at most 4 points.
fn talent() -> BonusCategory {
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
    }
}

/// (id, label, English label, points) rows as kinds.
fn kinds(list: &[(&str, &str, &str, f64)]) -> IndexMap<String, BonusKind> {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::methodology::testing::run;

    fn check(yaml: &str) -> (BonusRules, Vec<String>) {
        run(yaml, |raw, ck| validate_bonus(raw.bonus.as_ref(), ck))
    }

    const TALENT: &str = "    - {id: talent, label: 人才, window_years: 1, rule: sum, cap: 4, kinds: {team: {label: 团队, points: 3}}}";

    #[test]
    fn left_out_it_is_the_sample_methodologys() {
        let (b, problems) = check("title: t");
        assert!(problems.is_empty());
        assert_eq!(b, default_bonus());
        assert_eq!(b.cap, Hundredths::from_units(10.0));
        let ids: Vec<&str> = b.categories.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["carrier", "talent"]);
        assert_eq!(b.categories[0].kinds.len(), 6);
        assert_eq!(
            b.categories[1].kinds["city_team"].points,
            Hundredths::from_units(1.0)
        );
    }

    #[test]
    fn a_written_section_replaces_the_default() {
        let (b, problems) = check(&format!("bonus:\n  categories:\n{TALENT}"));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(b.cap, Hundredths::from_units(10.0), "the cap's default");
        assert_eq!(b.categories.len(), 1);
        let c = &b.categories[0];
        assert_eq!((c.rule, c.window_years), (BonusRule::Sum, 1));
        assert_eq!(c.kinds["team"].points, Hundredths::from_units(3.0));
    }

    #[test]
    fn each_problem_is_located() {
        let cases: [(String, &[&str]); 4] = [
            (
                "bonus: {cap: -1}".into(),
                &["m.yaml:1:14: bonus.cap: out of range (got -1; expected a number from 0 to 1000)"],
            ),
            (
                format!("bonus:\n  categories:\n{TALENT}\n{TALENT}"),
                &["m.yaml:4:12: bonus.categories[1].id: duplicate bonus category (got `talent`)"],
            ),
            (
                "bonus:\n  categories:\n    - {id: c, label: l, window_years: 0, rule: highst, cap: 1e9, kinds: {k: {label: x, points: .nan}}}".into(),
                &[
                    "m.yaml:3:48: bonus.categories[0].rule: unknown rule (got `highst`; expected highest or sum); did you mean `highest`?",
                    "m.yaml:3:39: bonus.categories[0].window_years: out of range (got 0; expected 1 to 100 years)",
                    "m.yaml:3:61: bonus.categories[0].cap: out of range (got 1000000000; expected a number from 0 to 1000)",
                    "m.yaml:3:96: bonus.categories[0].kinds.k.points: not a finite number (got .nan; expected a number from 0 to 1000)",
                ],
            ),
            (
                "bonus:\n  categories:\n    - {id: c, label: l, window_years: 101, rule: sum, cap: 1, kinds: {}}".into(),
                &["m.yaml:3:39: bonus.categories[0].window_years: out of range (got 101; expected 1 to 100 years)"],
            ),
        ];
        for (yaml, want) in cases {
            assert_eq!(check(&yaml).1, want, "{yaml}");
        }
    }
}
