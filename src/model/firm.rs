//! One row of a park's roster: a firm that was in the park at some time during the
//! roster's year, with that year's figures.

use super::amount::Amount;
use super::date::Date;
use super::industry::IndustryCode;
use super::uscc::Uscc;

/// Why a firm left the park (`exit_reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ExitReason {
    Relocated,
    Closed,
    Graduated,
    Evicted,
    Other,
}

impl ExitReason {
    pub const ALL: [ExitReason; 5] = [
        ExitReason::Relocated,
        ExitReason::Closed,
        ExitReason::Graduated,
        ExitReason::Evicted,
        ExitReason::Other,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ExitReason::Relocated => "relocated",
            ExitReason::Closed => "closed",
            ExitReason::Graduated => "graduated",
            ExitReason::Evicted => "evicted",
            ExitReason::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ExitReason::Relocated => "迁出",
            ExitReason::Closed => "注销关停",
            ExitReason::Graduated => "成长外迁",
            ExitReason::Evicted => "清退",
            ExitReason::Other => "其他",
        }
    }

    pub fn parse(id: &str) -> Option<ExitReason> {
        Self::ALL.into_iter().find(|r| r.id() == id)
    }
}

/// A recognition a firm received in the roster's year (`recognitions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Recognition {
    InnovativeSme,
    Specialized,
    LittleGiant,
    Hitech,
}

impl Recognition {
    pub const ALL: [Recognition; 4] = [
        Recognition::InnovativeSme,
        Recognition::Specialized,
        Recognition::LittleGiant,
        Recognition::Hitech,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Recognition::InnovativeSme => "innovative_sme",
            Recognition::Specialized => "specialized",
            Recognition::LittleGiant => "little_giant",
            Recognition::Hitech => "hitech",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Recognition::InnovativeSme => "创新型中小企业",
            Recognition::Specialized => "省级专精特新中小企业",
            Recognition::LittleGiant => "国家级专精特新“小巨人”企业",
            Recognition::Hitech => "国家高新技术企业",
        }
    }

    pub fn parse(id: &str) -> Option<Recognition> {
        Self::ALL.into_iter().find(|r| r.id() == id)
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of recognitions in one byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Recognitions(u8);

impl Recognitions {
    pub fn insert(&mut self, r: Recognition) {
        self.0 |= r.bit();
    }

    pub fn contains(self, r: Recognition) -> bool {
        self.0 & r.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// In the contract's order.
    pub fn iter(self) -> impl Iterator<Item = Recognition> {
        Recognition::ALL
            .into_iter()
            .filter(move |r| self.contains(*r))
    }

    /// As the CSV writes it: `innovative_sme;hitech`.
    pub fn ids(self) -> String {
        self.iter()
            .map(Recognition::id)
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// Patents granted in the year, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Patents {
    pub invention: u32,
    pub utility: u32,
    pub design: u32,
}

/// One validated roster row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Firm {
    pub uscc: Uscc,
    pub name: Box<str>,
    pub industry: IndustryCode,
    pub entered: Date,
    /// Empty: still in the park at year end.
    pub exited: Option<Date>,
    /// Given exactly when `exited` is.
    pub exit_reason: Option<ExitReason>,
    pub employees: u32,
    pub revenue_wan: Amount,
    pub tax_wan: Amount,
    pub rd_wan: Amount,
    /// First year of the current unbroken 规上 spell; `None`: not 规上 at year end.
    pub above_scale_since: Option<u16>,
    pub patents: Patents,
    pub recognitions: Recognitions,
    /// 1-based line and column of the row's USCC cell (for messages that point at it).
    pub line: u32,
    pub column: u32,
}

impl Firm {
    /// In the park at year end (`exited` empty).
    pub fn at_year_end(&self) -> bool {
        self.exited.is_none()
    }

    pub fn entered_in(&self, year: i32) -> bool {
        self.entered.year() == year
    }

    /// 规上 at the end of `year`: in the park, with a spell that began by then.
    pub fn above_scale(&self, year: i32) -> bool {
        self.at_year_end() && self.above_scale_since.is_some_and(|s| i32::from(s) <= year)
    }

    /// 小升规 in `year`: in the park at year end, 规上 since this very year.
    pub fn new_above_scale(&self, year: i32) -> bool {
        self.at_year_end() && self.above_scale_since.is_some_and(|s| i32::from(s) == year)
    }

    /// In one of the park's leading industries (code prefixes).
    pub fn in_leading(&self, codes: &[String]) -> bool {
        codes.iter().any(|c| self.industry.starts_with(c))
    }

    /// Same firm, same figures: what an import compares (the line may differ).
    pub fn same_as(&self, other: &Firm) -> bool {
        Firm {
            line: other.line,
            column: other.column,
            ..self.clone()
        } == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognitions_are_a_set_in_contract_order() {
        let mut r = Recognitions::default();
        assert!(r.is_empty());
        r.insert(Recognition::Hitech);
        r.insert(Recognition::InnovativeSme);
        r.insert(Recognition::Hitech);
        assert_eq!(r.ids(), "innovative_sme;hitech");
        assert!(r.contains(Recognition::Hitech) && !r.contains(Recognition::LittleGiant));
    }

    #[test]
    fn ids_round_trip() {
        for r in ExitReason::ALL {
            assert_eq!(ExitReason::parse(r.id()), Some(r));
        }
        for r in Recognition::ALL {
            assert_eq!(Recognition::parse(r.id()), Some(r));
        }
        assert_eq!(ExitReason::parse("Closed"), None);
    }

    #[test]
    fn a_firm_stays_small() {
        // A national roll-up holds three million of these.
        assert!(
            std::mem::size_of::<Firm>() <= 112,
            "{}",
            std::mem::size_of::<Firm>()
        );
    }
}
