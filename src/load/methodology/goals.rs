//! `goals`: the city's development goals for the year (parks, new enterprises,
//! enterprises), each within `0..=MAX_GOAL`; keys left out take data.md's values.

use crate::load::context::FileCheck;
use crate::load::numbers::in_range;
use crate::load::raw::RawGoals;
use crate::model::limits::MAX_GOAL;
use crate::model::Goals;

pub(super) fn validate_goals(raw: Option<&RawGoals>, ck: &mut FileCheck) -> Goals {
    let goals = Goals {
        parks: raw.and_then(|g| g.parks).unwrap_or(45.0),
        new_enterprises: raw.and_then(|g| g.new_enterprises).unwrap_or(300.0),
        enterprises: raw.and_then(|g| g.enterprises).unwrap_or(2000.0),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::methodology::testing::run;

    fn check(yaml: &str) -> (Goals, Vec<String>) {
        run(yaml, |raw, ck| validate_goals(raw.goals.as_ref(), ck))
    }

    #[test]
    fn keys_left_out_take_the_defaults() {
        let (g, problems) = check("goals: {parks: 10}");
        assert!(problems.is_empty());
        assert_eq!(
            (g.parks, g.new_enterprises, g.enterprises),
            (10.0, 300.0, 2000.0)
        );
        assert_eq!(check("title: t").0.parks, 45.0);
    }

    #[test]
    fn each_problem_is_located() {
        let (_, problems) =
            check("goals:\n  parks: -1\n  new_enterprises: .inf\n  enterprises: 1e13");
        assert_eq!(
            problems,
            [
                "m.yaml:2:10: goals.parks: out of range (got -1; expected a number from 0 to 1000000000000)",
                "m.yaml:3:20: goals.new_enterprises: not a finite number (got .inf; expected a number from 0 to 1000000000000)",
                "m.yaml:4:16: goals.enterprises: out of range (got 10000000000000; expected a number from 0 to 1000000000000)",
            ]
        );
    }
}
