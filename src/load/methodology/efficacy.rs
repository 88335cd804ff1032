//! `efficacy`: the base and span of every efficacy score (功效系数法); each may be
//! left out for the default (60 and 40).

use crate::load::context::FileCheck;
use crate::load::numbers::in_range;
use crate::load::raw::RawEfficacy;
use crate::model::limits::MAX_POINTS;
use crate::model::Efficacy;

/// A zero span would make every park score the base: refused.
pub(super) fn validate_efficacy(raw: Option<&RawEfficacy>, ck: &mut FileCheck) -> Efficacy {
    let d = Efficacy::default();
    let e = Efficacy {
        base: raw.and_then(|e| e.base).unwrap_or(d.base),
        span: raw.and_then(|e| e.span).unwrap_or(d.span),
    };
    if in_range(ck, "efficacy.span", e.span, 0.0, MAX_POINTS) && e.span == 0.0 {
        ck.err(
            "efficacy.span",
            "must be positive (got 0; expected a number > 0)",
        );
    }
    in_range(ck, "efficacy.base", e.base, 0.0, MAX_POINTS);
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::methodology::testing::{problems, run};

    fn check(yaml: &str) -> Vec<String> {
        problems(yaml, |raw, ck| validate_efficacy(raw.efficacy.as_ref(), ck))
    }

    #[test]
    fn left_out_it_is_the_default() {
        let (e, found) = run("title: t", |raw, ck| {
            validate_efficacy(raw.efficacy.as_ref(), ck)
        });
        assert_eq!((e.base, e.span), (60.0, 40.0));
        assert!(found.is_empty());
        let (e, _) = run("efficacy: {span: 50}", |raw, ck| {
            validate_efficacy(raw.efficacy.as_ref(), ck)
        });
        assert_eq!((e.base, e.span), (60.0, 50.0));
    }

    #[test]
    fn each_problem_is_located() {
        let cases: [(&str, &[&str]); 4] = [
            ("efficacy: {base: 60, span: 40}", &[]),
            (
                "efficacy: {base: 60, span: 0}",
                &["m.yaml:1:28: efficacy.span: must be positive (got 0; expected a number > 0)"],
            ),
            (
                "efficacy: {base: -1, span: .nan}",
                &[
                    "m.yaml:1:28: efficacy.span: not a finite number (got .nan; expected a number from 0 to 1000)",
                    "m.yaml:1:18: efficacy.base: out of range (got -1; expected a number from 0 to 1000)",
                ],
            ),
            (
                "efficacy:\n  span: 1001",
                &["m.yaml:2:9: efficacy.span: out of range (got 1001; expected a number from 0 to 1000)"],
            ),
        ];
        for (yaml, want) in cases {
            assert_eq!(check(yaml), want, "{yaml}");
        }
    }
}
