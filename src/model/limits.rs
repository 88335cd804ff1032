//! The sane ranges of numbers, in one place. A number outside them is a data error
//! with its position, never a silent infinity, NaN or saturated integer further on.
//!
//! Why these bounds: every input the methodology or a park file gives stays within
//! [`MAX_INPUT`], and every value computed from inputs (formula values, growth) within
//! [`MAX_COMPUTED`]; then differences of two values (anchor spans) and all later
//! arithmetic stay finite, and amounts in hundredths fit an `i64` with room to sum
//! 100,000 parks.

/// Largest magnitude of a number read from a file: metric values and bounds, fixed
/// anchors, numbers written in a formula. 10^15 万元 is far beyond any economy.
pub const MAX_INPUT: f64 = 1e15;

/// Largest magnitude of a computed formula value or growth rate; twice it is still finite.
pub const MAX_COMPUTED: f64 = 1e100;

/// Largest score-like setting: efficacy base and span, bonus points and caps, tier totals.
pub const MAX_POINTS: f64 = 1000.0;

/// Largest award amount (in the methodology's unit, normally 万元).
pub const MAX_AMOUNT: f64 = 1e9;

/// Largest development goal (a count of parks or enterprises).
pub const MAX_GOAL: f64 = 1e12;

/// The years a data file may name (opened, closed, honors, records, methodology files).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Longest formula, in characters; real ones have under 200.
pub const MAX_FORMULA_CHARS: usize = 1000;

/// Deepest nesting of parentheses and unary minus in a formula.
pub const MAX_FORMULA_NESTING: usize = 32;

/// Whether `x` is a finite number of magnitude at most `max`.
pub fn within(x: f64, max: f64) -> bool {
    x.is_finite() && x.abs() <= max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_computed_values_stay_finite() {
        assert!((MAX_COMPUTED - -MAX_COMPUTED).is_finite());
        assert!(within(-MAX_INPUT, MAX_INPUT));
        assert!(!within(f64::NAN, MAX_INPUT));
        assert!(!within(f64::INFINITY, f64::MAX));
        assert!(!within(1.5e15, MAX_INPUT));
        // 100,000 parks × the largest award, in hundredths, fits an i64.
        assert!(1e5 * MAX_AMOUNT * 100.0 < i64::MAX as f64);
    }
}
