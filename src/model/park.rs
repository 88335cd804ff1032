//! A park: its profile, honors and yearly records.

use std::collections::BTreeMap;
use std::fmt;

use super::roster::RosterSource;

/// A park id: lower-case ASCII letters, digits and `-`, starting with a letter or digit.
/// It is a URL segment and a file stem, so nothing else is accepted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParkId(String);

impl ParkId {
    pub fn parse(s: &str) -> Option<ParkId> {
        let mut chars = s.chars();
        let first_ok = chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        let rest_ok = s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        (first_ok && rest_ok && s.len() <= 100).then(|| ParkId(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ParkId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ZoneLevel {
    National,
    Provincial,
    Other,
}

impl ZoneLevel {
    pub const ALL: [(&'static str, ZoneLevel); 3] = [
        ("national", ZoneLevel::National),
        ("provincial", ZoneLevel::Provincial),
        ("other", ZoneLevel::Other),
    ];

    pub fn parse(s: &str) -> Option<ZoneLevel> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|(_, z)| *z)
    }

    pub fn id(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, z)| *z == self)
            .map(|(n, _)| *n)
            .unwrap_or("other")
    }

    pub fn label(self) -> &'static str {
        match self {
            ZoneLevel::National => "国家级",
            ZoneLevel::Provincial => "省级",
            ZoneLevel::Other => "省级以下",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParkKind {
    Industrial,
    Startup,
    Innovation,
}

impl ParkKind {
    pub const ALL: [(&'static str, ParkKind); 3] = [
        ("industrial", ParkKind::Industrial),
        ("startup", ParkKind::Startup),
        ("innovation", ParkKind::Innovation),
    ];

    pub fn parse(s: &str) -> Option<ParkKind> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|(_, k)| *k)
    }

    pub fn id(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map(|(n, _)| *n)
            .unwrap_or("industrial")
    }

    pub fn label(self) -> &'static str {
        match self {
            ParkKind::Industrial => "产业园",
            ParkKind::Startup => "创业园",
            ParkKind::Innovation => "双创园",
        }
    }
}

/// A recognition with a year; the methodology decides whether and how it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Honor {
    pub category: String,
    pub kind: String,
    pub year: i32,
    pub title: String,
}

/// What a park reported for one year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct YearRecord {
    pub metrics: BTreeMap<String, f64>,
    pub vetoes: Vec<String>,
    pub not_reported: bool,
    pub transition_opt_in: bool,
    /// `note` in English, for internal builds of the English edition.
    pub note_en: Option<String>,
    /// Internal remark; never published in public builds.
    pub note: Option<String>,
    /// Set when a roster supplies some of `metrics` (they are merged in by `load`).
    pub roster: Option<RosterSource>,
}

impl YearRecord {
    /// Whether `metric` came from the year's roster rather than the YAML.
    pub fn is_derived(&self, metric: &str) -> bool {
        self.roster.as_ref().is_some_and(|r| r.derives(metric))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Park {
    pub id: ParkId,
    pub name: String,
    pub district: String,
    pub zone: String,
    pub zone_level: ZoneLevel,
    pub kind: ParkKind,
    pub leading_industries: Vec<String>,
    /// GB/T 4754 code prefixes of the leading industries (for roster-derived metrics).
    pub leading_industry_codes: Vec<String>,
    pub operator: Option<String>,
    pub opened: i32,
    pub closed: Option<i32>,
    pub honors: Vec<Honor>,
    pub years: BTreeMap<i32, YearRecord>,
    /// The English edition's names; `None` where the data gives none (the English
    /// page then shows the Chinese name, marked). `district_en` and `zone_en` name the
    /// district and zone: the same on every park of it (load fills in the parks that
    /// leave them out).
    pub name_en: Option<String>,
    pub district_en: Option<String>,
    pub zone_en: Option<String>,
    pub operator_en: Option<String>,
    /// As long as `leading_industries`, in the same order.
    pub leading_industries_en: Option<Vec<String>>,
    /// The file it came from, relative to the data folder (for messages).
    pub source: String,
}

impl Park {
    /// Operating in `year`: opened by then and not closed before it.
    pub fn operates_in(&self, year: i32) -> bool {
        self.opened <= year && self.closed.is_none_or(|c| c >= year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_url_safe() {
        for ok in ["jk-zhineng", "p00001", "0-a"] {
            assert!(ParkId::parse(ok).is_some(), "{ok}");
        }
        for bad in ["", "-a", "Jk", "a_b", "a b", "园区", "a/b", "a.b"] {
            assert!(ParkId::parse(bad).is_none(), "{bad}");
        }
    }
}
