//! `scope`: which zone levels are evaluated, and how many years a new park may
//! spend in transition before it is rated.

use crate::error::did_you_mean;
use crate::load::context::FileCheck;
use crate::load::raw::RawScope;
use crate::model::{Scope, ZoneLevel};

/// Omitted keys keep the default; an unknown zone level is left out of the list.
pub(super) fn validate_scope(raw: Option<&RawScope>, ck: &mut FileCheck) -> Scope {
    let mut s = Scope::default();
    let Some(raw) = raw else {
        return s;
    };
    if let Some(levels) = &raw.zone_levels {
        s.zone_levels = zone_levels(levels, ck);
    }
    if let Some(t) = raw.transition_years {
        if t < 0 {
            ck.err(
                "scope.transition_years",
                format!("must not be negative (got {t}; expected 0 or more)"),
            );
        }
        s.transition_years = t;
    }
    s
}

fn zone_levels(levels: &[String], ck: &mut FileCheck) -> Vec<ZoneLevel> {
    let mut out = Vec::new();
    for (i, l) in levels.iter().enumerate() {
        match ZoneLevel::parse(l) {
            Some(z) => out.push(z),
            None => ck.err(
                &format!("scope.zone_levels[{i}]"),
                format!(
                    "unknown zone level (got `{l}`; expected national, provincial or other){}",
                    did_you_mean(l, ZoneLevel::ALL.iter().map(|(n, _)| *n))
                ),
            ),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::methodology::testing::{problems, run};

    fn check(yaml: &str) -> Vec<String> {
        problems(yaml, |raw, ck| validate_scope(raw.scope.as_ref(), ck))
    }

    #[test]
    fn given_keys_replace_the_defaults() {
        let scope = |yaml| run(yaml, |raw, ck| validate_scope(raw.scope.as_ref(), ck)).0;
        assert_eq!(scope("title: t"), Scope::default());
        let s = scope("scope: {zone_levels: [national, nationl], transition_years: 2}");
        assert_eq!(s.zone_levels, [ZoneLevel::National]);
        assert_eq!(s.transition_years, 2);
        let s = scope("scope: {transition_years: 1}");
        assert_eq!(s.zone_levels, Scope::default().zone_levels);
    }

    #[test]
    fn each_problem_is_located() {
        let cases: [(&str, &[&str]); 3] = [
            ("scope: {zone_levels: [national, other]}", &[]),
            (
                "scope: {zone_levels: [nationl, provincal, x]}",
                &[
                    "m.yaml:1:23: scope.zone_levels[0]: unknown zone level (got `nationl`; expected national, provincial or other); did you mean `national`?",
                    "m.yaml:1:32: scope.zone_levels[1]: unknown zone level (got `provincal`; expected national, provincial or other); did you mean `provincial`?",
                    "m.yaml:1:43: scope.zone_levels[2]: unknown zone level (got `x`; expected national, provincial or other)",
                ],
            ),
            (
                "scope:\n  transition_years: -1",
                &["m.yaml:2:21: scope.transition_years: must not be negative (got -1; expected 0 or more)"],
            ),
        ];
        for (yaml, want) in cases {
            assert_eq!(check(yaml), want, "{yaml}");
        }
    }
}
