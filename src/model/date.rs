//! Calendar dates as rosters write them (`YYYY-MM-DD`), packed into one integer
//! (yyyymmdd) so they compare and sort as dates.

use std::fmt;
use std::num::NonZeroU32;

/// A real calendar day (leap years included). `Option<Date>` costs 4 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NonZeroU32);

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day > days {
            return None;
        }
        NonZeroU32::new(year as u32 * 10_000 + month * 100 + day).map(Date)
    }

    /// Exactly `YYYY-MM-DD` with a real day; anything else is `None`.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let s = &text[r];
            s.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| s.parse().ok())?
        };
        Date::new(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
    }

    /// `2023/3/5`, `2023.03.05` or `2023年3月5日`: what a spreadsheet may have written
    /// instead, so a message can show the form the file needs.
    pub fn parse_loose(text: &str) -> Option<Date> {
        let parts: Vec<&str> = text
            .trim_end_matches('日')
            .split(['/', '.', '-', '年', '月'])
            .collect();
        match parts.as_slice() {
            [y, m, d]
                if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()) =>
            {
                Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
            }
            _ => None,
        }
    }

    pub fn year(self) -> i32 {
        (self.0.get() / 10_000) as i32
    }

    pub fn month(self) -> u32 {
        self.0.get() / 100 % 100
    }

    pub fn day(self) -> u32 {
        self.0.get() % 100
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_days_in_iso_form() {
        assert_eq!(
            Date::parse("2024-02-29").map(|d| d.to_string()),
            Some("2024-02-29".into())
        );
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2023-13-01",
            "2023-04-31",
            "2023-4-1",
            "2023/04/01",
            "",
            "20230401",
            "2023-04-0a",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2000-02-29").is_some());
        assert!(Date::parse("2023-12-31").unwrap() > Date::parse("2023-01-01").unwrap());
    }

    #[test]
    fn loose_forms_are_recognised_for_hints() {
        assert_eq!(Date::parse_loose("2023/3/5"), Date::new(2023, 3, 5));
        assert_eq!(Date::parse_loose("2023年3月5日"), Date::new(2023, 3, 5));
        assert_eq!(Date::parse_loose("3/5/2023"), None);
    }
}
