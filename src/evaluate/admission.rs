//! 入园审核 flags: every firm that entered the park in the year and breaks a rule
//! of the methodology's `admission` section. Pure; never touches a score.

use crate::model::{AdmissionRule, Dataset, Firm, Methodology, ParkId, Roster};

/// One firm breaking one entry rule in one park-year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdmissionFlag<'a> {
    pub park: &'a ParkId,
    pub year: i32,
    pub firm: &'a Firm,
    pub rule: AdmissionRule,
}

/// The flags of one roster under methodology `m`, in file order.
pub fn roster_flags<'a>(roster: &'a Roster, m: &Methodology) -> Vec<AdmissionFlag<'a>> {
    let Some(rules) = &m.admission else {
        return Vec::new();
    };
    roster
        .firms
        .iter()
        .filter(|f| f.entered_in(roster.year))
        .flat_map(|f| {
            rules
                .breaches(f)
                .into_iter()
                .map(move |rule| AdmissionFlag {
                    park: &roster.park,
                    year: roster.year,
                    firm: f,
                    rule,
                })
        })
        .collect()
}

/// Every flag of `year`, by park id then file order. The rules are those of the
/// methodology governing the year's records (the first one for earlier years).
pub fn admission_flags(data: &Dataset, year: i32) -> Vec<AdmissionFlag<'_>> {
    let Some(m) = data
        .methodology_for(year)
        .or_else(|| data.methodologies.values().next())
    else {
        return Vec::new();
    };
    data.rosters
        .of_year(year)
        .flat_map(|r| roster_flags(r, m))
        .collect()
}
