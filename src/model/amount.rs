//! Exact non-negative decimals as a roster writes them (`1234.56` 万元), and their
//! exact sums: a park's revenue is the sum of its firms' figures to the last digit,
//! then read as the same f64 a YAML record with that text would give.

use std::fmt;

/// Most significant digits an amount may have (its mantissa must fit 59 bits).
pub const MAX_DIGITS: usize = 17;
const SCALE_BITS: u32 = 5;

/// A decimal ≥ 0 kept exactly as `mantissa / 10^scale` in one u64 (8 bytes per
/// figure, a million firms × three figures = 24 MB). Trailing fractional zeros are
/// dropped, so equal values are equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Amount(u64);

/// Why a text is not an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    /// Not a plain decimal (`1,200`, `12万`, `1e3`, `约100`).
    NotNumber,
    /// A plain decimal with a minus sign.
    Negative,
    /// More than [`MAX_DIGITS`] significant digits.
    TooLong,
}

impl Amount {
    pub const ZERO: Amount = Amount(0);

    /// Plain decimal text: digits, optionally `.` and digits (`0`, `12.5`, `0.001`).
    pub fn parse(text: &str) -> Result<Amount, AmountError> {
        if let Some(rest) = text.strip_prefix('-') {
            return match Amount::parse(rest) {
                Ok(_) | Err(AmountError::TooLong) => Err(AmountError::Negative),
                Err(e) => Err(e),
            };
        }
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let plain = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
        if int.is_empty() || !plain(int) || !plain(frac) || text.ends_with('.') {
            return Err(AmountError::NotNumber);
        }
        let frac = frac.trim_end_matches('0');
        let int = int.trim_start_matches('0');
        let digits = int.bytes().chain(frac.bytes()).skip_while(|b| *b == b'0');
        let mut mantissa: u64 = 0;
        let mut count = 0;
        for b in digits {
            count += 1;
            if count > MAX_DIGITS {
                return Err(AmountError::TooLong);
            }
            mantissa = mantissa * 10 + u64::from(b - b'0');
        }
        if frac.len() >= 1 << SCALE_BITS {
            return Err(AmountError::TooLong);
        }
        Ok(Amount::from_parts(mantissa, frac.len() as u32))
    }

    fn from_parts(mantissa: u64, scale: u32) -> Amount {
        Amount(mantissa << SCALE_BITS | u64::from(scale))
    }

    /// An integer amount (counts, and tests).
    pub fn units(n: u64) -> Amount {
        Amount::from_parts(n, 0)
    }

    pub fn mantissa(self) -> u64 {
        self.0 >> SCALE_BITS
    }

    pub fn scale(self) -> u32 {
        (self.0 & ((1 << SCALE_BITS) - 1)) as u32
    }

    /// `self ≥ n`, exactly (the 1,500 and 2,000 万元 lines).
    pub fn at_least(self, n: u64) -> bool {
        u128::from(self.mantissa()) >= u128::from(n) * 10u128.pow(self.scale())
    }

    /// The nearest f64 (for charts and sorting; sums use [`AmountSum`]).
    pub fn as_f64(self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl PartialOrd for Amount {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Amount {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let s = self.scale().max(other.scale());
        let widen = |a: Amount| u128::from(a.mantissa()) * 10u128.pow(s - a.scale());
        widen(*self).cmp(&widen(*other))
    }
}

fn write_decimal(f: &mut fmt::Formatter<'_>, mantissa: u128, scale: u32) -> fmt::Result {
    let digits = mantissa.to_string();
    let scale = scale as usize;
    if scale == 0 {
        return f.write_str(&digits);
    }
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = padded.split_at(padded.len() - scale);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        f.write_str(int)
    } else {
        write!(f, "{int}.{frac}")
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_decimal(f, u128::from(self.mantissa()), self.scale())
    }
}

/// An exact sum of amounts; `None` from [`AmountSum::add`] when it would overflow
/// (only absurd data: 10^21 万元 at 17 decimals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AmountSum {
    mantissa: u128,
    scale: u32,
}

impl AmountSum {
    pub fn add(&mut self, a: Amount) -> Option<()> {
        let (m, s) = (u128::from(a.mantissa()), a.scale());
        if s > self.scale {
            self.mantissa = self
                .mantissa
                .checked_mul(10u128.checked_pow(s - self.scale)?)?;
            self.scale = s;
        }
        let widened = m.checked_mul(10u128.checked_pow(self.scale - s)?)?;
        self.mantissa = self.mantissa.checked_add(widened)?;
        Some(())
    }

    /// The f64 a YAML record holding this decimal's text would give (correctly rounded).
    pub fn to_f64(self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl fmt::Display for AmountSum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_decimal(f, self.mantissa, self.scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Amount {
        Amount::parse(s).unwrap()
    }

    #[test]
    fn plain_decimals_only() {
        assert_eq!(a("1234.50").to_string(), "1234.5");
        assert_eq!(a("007").to_string(), "7");
        assert_eq!(a("0.000").to_string(), "0");
        assert_eq!(a("0.05").to_string(), "0.05");
        assert_eq!(a("1234.50"), a("1234.5"));
        for bad in [
            "", ".5", "5.", "1,200", "12万", "1e3", " 1", "+1", "NaN", "inf", "1.2.3",
        ] {
            assert_eq!(Amount::parse(bad), Err(AmountError::NotNumber), "{bad}");
        }
        assert_eq!(Amount::parse("-3"), Err(AmountError::Negative));
        assert_eq!(Amount::parse("-0.5"), Err(AmountError::Negative));
        assert_eq!(Amount::parse("-x"), Err(AmountError::NotNumber));
        assert_eq!(
            Amount::parse("123456789012345678"),
            Err(AmountError::TooLong)
        );
        assert!(Amount::parse("12345678901234567").is_ok());
        assert!(Amount::parse("0.00000000000000001").is_ok());
    }

    #[test]
    fn sums_are_exact_where_binary_is_not() {
        // 0.1 + 0.2 in f64 is 0.30000000000000004; the roster sum is 0.3.
        let mut s = AmountSum::default();
        for x in ["0.1", "0.2"] {
            s.add(a(x)).unwrap();
        }
        assert_eq!(s.to_string(), "0.3");
        assert_eq!(s.to_f64(), 0.3);
        let mut s = AmountSum::default();
        for x in ["1234.56", "0.005", "10"] {
            s.add(a(x)).unwrap();
        }
        assert_eq!(s.to_string(), "1244.565");
        assert_eq!(AmountSum::default().to_string(), "0");
    }

    #[test]
    fn compares_exactly() {
        assert!(a("1500").at_least(1500));
        assert!(!a("1499.999").at_least(1500));
        assert!(a("2000.01").at_least(2000));
        assert!(a("10.5") > a("10.49"));
        assert_eq!(a("2.50").cmp(&a("2.5")), std::cmp::Ordering::Equal);
    }

    #[test]
    fn overflow_is_reported_not_wrapped() {
        let mut s = AmountSum::default();
        s.add(a("99999999999999999")).unwrap();
        assert_eq!(s.add(a("0.0000000000000001")), Some(()));
        let mut big = AmountSum::default();
        big.add(a("0.00000000000000001")).unwrap();
        let mut failed = false;
        for _ in 0..100_000 {
            if big.add(a("99999999999999999")).is_none() {
                failed = true;
                break;
            }
        }
        assert!(failed, "a sum past u128 must fail");
    }
}
