//! Range checks for the numbers a file gives, worded once. A NaN passes every
//! `x < 0` test and an infinity saturates `as i64`, so each number is checked for
//! what it is allowed to be, not for what it must not be.

use crate::model::limits::{within, YEARS};
use crate::model::Hundredths;

use super::context::{num, FileCheck};

/// `x` as YAML spells it (`.nan`, `.inf`); huge and tiny numbers with an exponent
/// (`1e300`, not three hundred digits); otherwise as the user wrote it.
pub fn shown(x: f64) -> String {
    if x.is_nan() {
        ".nan".into()
    } else if x.is_infinite() {
        if x > 0.0 { ".inf" } else { "-.inf" }.into()
    } else if x != 0.0 && !(1e-6..1e16).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        num(x)
    }
}

/// Whether `x` lies in `lo..=hi` (finite); otherwise a problem at `field` saying so.
pub fn in_range(ck: &mut FileCheck, field: &str, x: f64, lo: f64, hi: f64) -> bool {
    if x.is_finite() && (lo..=hi).contains(&x) {
        return true;
    }
    let what = if x.is_finite() {
        "out of range"
    } else {
        "not a finite number"
    };
    ck.err(
        field,
        format!(
            "{what} (got {}; expected a number from {} to {})",
            shown(x),
            num(lo),
            num(hi)
        ),
    );
    false
}

/// `x` units as exact hundredths when it lies in `0..=max`; otherwise a problem at
/// `field` and zero (the methodology is refused, so the zero is never used).
pub fn amount(ck: &mut FileCheck, field: &str, x: f64, max: f64) -> Hundredths {
    if in_range(ck, field, x, 0.0, max) {
        Hundredths::from_units(x)
    } else {
        Hundredths::ZERO
    }
}

/// Whether `x` is finite with magnitude at most `max`; otherwise a problem at `field`.
pub fn bounded(ck: &mut FileCheck, field: &str, x: f64, max: f64) -> bool {
    if within(x, max) {
        return true;
    }
    let what = if x.is_finite() {
        "too large"
    } else {
        "not a finite number"
    };
    ck.err(
        field,
        format!(
            "{what} (got {}; expected a number between -{max:e} and {max:e})",
            shown(x)
        ),
    );
    false
}

/// Whether `y` is a year a data file may name; otherwise a problem at `field`.
pub fn year(ck: &mut FileCheck, field: &str, y: i32) -> bool {
    if YEARS.contains(&y) {
        return true;
    }
    ck.err(
        field,
        format!(
            "not a plausible year (got {y}; expected {} to {})",
            YEARS.start(),
            YEARS.end()
        ),
    );
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::Positions;

    #[test]
    fn nan_and_infinity_are_named_as_yaml_writes_them() {
        let positions = Positions::default();
        let mut problems = Vec::new();
        let mut ck = FileCheck {
            file: "m.yaml",
            positions: &positions,
            problems: &mut problems,
        };
        assert!(in_range(&mut ck, "bonus.cap", 10.0, 0.0, 1000.0));
        assert!(!in_range(&mut ck, "bonus.cap", f64::NAN, 0.0, 1000.0));
        assert!(!in_range(&mut ck, "weight", 120.0, 0.0, 100.0));
        assert!(!bounded(&mut ck, "anchor", f64::NEG_INFINITY, 1e15));
        assert!(bounded(&mut ck, "anchor", -1e15, 1e15));
        assert_eq!(shown(1e300), "1e300");
        assert_eq!(shown(-2.5e-9), "-2.5e-9");
        assert_eq!(shown(1234.5), "1234.5");
        let msgs: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "m.yaml: bonus.cap: not a finite number (got .nan; expected a number from 0 to 1000)",
                "m.yaml: weight: out of range (got 120; expected a number from 0 to 100)",
                "m.yaml: anchor: not a finite number (got -.inf; expected a number between -1e15 and 1e15)",
            ]
        );
    }
}
