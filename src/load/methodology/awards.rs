//! `awards`: the prize money of tier A parks, by rank (`ranked`) and for the
//! others (`others`), in `unit` (万元 by default), each within `0..=MAX_AMOUNT`.

use crate::load::context::FileCheck;
use crate::load::english::english_of_default;
use crate::load::numbers::amount;
use crate::load::raw::RawAwards;
use crate::model::limits::MAX_AMOUNT;
use crate::model::{Awards, Hundredths};

/// Keys left out take the sample methodology's values (100, 80, 70; 50 万元).
pub(super) fn validate_awards(raw: Option<&RawAwards>, ck: &mut FileCheck) -> Awards {
    let ranked: Vec<f64> = raw
        .and_then(|a| a.ranked.clone())
        .unwrap_or_else(|| vec![100.0, 80.0, 70.0]);
    let others = raw.and_then(|a| a.others).unwrap_or(50.0);
    let ranked: Vec<Hundredths> = ranked
        .iter()
        .enumerate()
        .map(|(i, r)| amount(ck, &format!("awards.ranked[{i}]"), *r, MAX_AMOUNT))
        .collect();
    Awards {
        unit: raw
            .and_then(|a| a.unit.clone())
            .unwrap_or_else(|| "万元".into()),
        unit_en: english_of_default(
            raw.and_then(|a| a.unit.as_ref()),
            raw.and_then(|a| a.unit_en.as_ref()),
            || "10,000 yuan".into(),
        ),
        ranked,
        others: amount(ck, "awards.others", others, MAX_AMOUNT),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::methodology::testing::run;

    fn check(yaml: &str) -> (Awards, Vec<String>) {
        run(yaml, |raw, ck| validate_awards(raw.awards.as_ref(), ck))
    }

    fn wan(x: f64) -> Hundredths {
        Hundredths::from_units(x)
    }

    #[test]
    fn keys_left_out_take_the_defaults() {
        let (a, problems) = check("title: t");
        assert!(problems.is_empty());
        assert_eq!(a.ranked, [wan(100.0), wan(80.0), wan(70.0)]);
        assert_eq!(a.others, wan(50.0));
        assert_eq!(
            (a.unit.as_str(), a.unit_en.as_deref()),
            ("万元", Some("10,000 yuan"))
        );
        let (a, _) = check("awards: {unit: 元, ranked: [3]}");
        assert_eq!(a.ranked, [wan(3.0)]);
        assert_eq!(
            a.unit_en, None,
            "a unit of the file's own has no known English"
        );
        let (a, _) = check("awards: {unit: 元, unit_en: yuan}");
        assert_eq!(a.unit_en.as_deref(), Some("yuan"));
    }

    #[test]
    fn each_problem_is_located() {
        let (a, problems) = check("awards: {ranked: [100, -1, .nan], others: 1e20}");
        assert_eq!(a.ranked, [wan(100.0), Hundredths::ZERO, Hundredths::ZERO]);
        assert_eq!(
            problems,
            [
                "m.yaml:1:24: awards.ranked[1]: out of range (got -1; expected a number from 0 to 1000000000)",
                "m.yaml:1:28: awards.ranked[2]: not a finite number (got .nan; expected a number from 0 to 1000000000)",
                "m.yaml:1:43: awards.others: out of range (got 1e20; expected a number from 0 to 1000000000)",
            ]
        );
    }
}
