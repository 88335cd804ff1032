//! Exact numbers where the spec demands exactness: money and scores kept in
//! integer hundredths, and decimal shares compared without binary rounding.

use std::cmp::Ordering;
use std::fmt;

/// An amount in integer hundredths (scores, contributions, bonus, awards).
///
/// Sums of contributions are exact this way; `Display` always prints two decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Hundredths(pub i64);

impl Hundredths {
    pub const ZERO: Hundredths = Hundredths(0);

    /// Rounds `x` (in hundredths already) half away from zero, as the spec's rounding rule says.
    pub fn round_half_away(x: f64) -> Hundredths {
        // `as i64` would turn NaN into 0 and an infinity into i64::MAX silently;
        // validation keeps every amount finite and small (model::limits).
        debug_assert!(x.is_finite() && x.abs() < 9e15, "amount out of range: {x}");
        Hundredths(x.round() as i64)
    }

    /// `value` in units (e.g. 2.5 points) to hundredths, half away from zero.
    pub fn from_units(value: f64) -> Hundredths {
        Hundredths::round_half_away(value * 100.0)
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

impl std::ops::Add for Hundredths {
    type Output = Hundredths;
    fn add(self, rhs: Hundredths) -> Hundredths {
        Hundredths(self.0 + rhs.0)
    }
}

impl std::ops::AddAssign for Hundredths {
    fn add_assign(&mut self, rhs: Hundredths) {
        self.0 += rhs.0;
    }
}

impl std::iter::Sum for Hundredths {
    fn sum<I: Iterator<Item = Hundredths>>(iter: I) -> Hundredths {
        Hundredths(iter.map(|h| h.0).sum())
    }
}

impl fmt::Display for Hundredths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", a / 100, a % 100)
    }
}

/// A decimal number as written in the methodology (`0.20`, `80`), kept exactly as
/// `mantissa / 10^scale` so that `floor(0.2 × 45)` is 9 and `ceil(0.1 × 30)` is 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

impl Decimal {
    /// The decimal a YAML number was written as: the shortest text that reads back
    /// as the same f64 is exactly what the user typed (up to trailing zeros).
    pub fn from_f64(x: f64) -> Option<Decimal> {
        if !x.is_finite() {
            return None;
        }
        Decimal::parse(&format!("{x}"))
    }

    /// Parses plain decimal text such as `-0.125` or `45`.
    pub fn parse(text: &str) -> Option<Decimal> {
        let (neg, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) || frac.len() > 30 {
            return None;
        }
        let all: String = format!("{int}{frac}");
        let mantissa: i128 = all.parse().ok()?;
        Some(Decimal {
            mantissa: if neg { -mantissa } else { mantissa },
            scale: frac.len() as u32,
        })
    }

    fn pow10(&self) -> i128 {
        10i128.pow(self.scale)
    }

    /// `floor(self × n)`, exact.
    pub fn floor_times(&self, n: i64) -> i64 {
        (self.mantissa * n as i128).div_euclid(self.pow10()) as i64
    }

    /// `ceil(self × n)`, exact.
    pub fn ceil_times(&self, n: i64) -> i64 {
        -((-self.mantissa * n as i128).div_euclid(self.pow10())) as i64
    }

    /// Compares an amount in hundredths with this decimal, exactly.
    pub fn cmp_hundredths(&self, h: Hundredths) -> Ordering {
        // h/100 vs m/10^s  <=>  h × 10^s vs m × 100
        (h.0 as i128 * self.pow10()).cmp(&(self.mantissa * 100))
    }

    pub fn as_f64(&self) -> f64 {
        self.mantissa as f64 / self.pow10() as f64
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.as_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotas_are_exact_on_the_written_decimal() {
        let d = Decimal::from_f64(0.1).unwrap();
        assert_eq!(d.ceil_times(30), 3);
        // The binary traps exact decimals avoid:
        assert_eq!((0.07f64 * 100.0).ceil(), 8.0);
        assert_eq!(Decimal::from_f64(0.07).unwrap().ceil_times(100), 7);
        assert_eq!((0.29f64 * 100.0).floor(), 28.0);
        assert_eq!(Decimal::from_f64(0.29).unwrap().floor_times(100), 29);
        assert_eq!(Decimal::from_f64(0.2).unwrap().floor_times(45), 9);
        assert_eq!(Decimal::from_f64(0.2).unwrap().floor_times(4), 0);
        assert_eq!(Decimal::from_f64(0.15).unwrap().ceil_times(20), 3);
        assert_eq!(Decimal::from_f64(1.0).unwrap().floor_times(7), 7);
    }

    #[test]
    fn compares_hundredths_exactly() {
        let eighty = Decimal::from_f64(80.0).unwrap();
        assert_eq!(eighty.cmp_hundredths(Hundredths(8000)), Ordering::Equal);
        assert_eq!(eighty.cmp_hundredths(Hundredths(7999)), Ordering::Less);
        let odd = Decimal::parse("79.995").unwrap();
        assert_eq!(odd.cmp_hundredths(Hundredths(8000)), Ordering::Greater);
    }

    #[test]
    fn hundredths_print_two_decimals() {
        assert_eq!(Hundredths(8607).to_string(), "86.07");
        assert_eq!(Hundredths(-5).to_string(), "-0.05");
        assert_eq!(Hundredths(500).to_string(), "5.00");
        assert_eq!(Hundredths::round_half_away(1538.5).0, 1539);
        assert_eq!(Hundredths::round_half_away(-1538.5).0, -1539);
    }
}
