//! A park's roster against the year before (动态管理): which firms appeared, which
//! of them moved in from another park (same USCC in another park's roster of
//! Y−1), which left with an exit record, and which vanished without one. Pure.

use std::collections::{HashMap, HashSet};

use crate::model::{Dataset, Firm, ParkId, Roster, Uscc};

/// Where each USCC stood in the rosters of one year.
pub struct YearIndex<'a> {
    parks: HashMap<Uscc, Vec<&'a ParkId>>,
}

impl<'a> YearIndex<'a> {
    /// Indexes every roster of `year`.
    pub fn new(data: &'a Dataset, year: i32) -> YearIndex<'a> {
        let mut parks: HashMap<Uscc, Vec<&ParkId>> = HashMap::new();
        for r in data.rosters.of_year(year) {
            for f in &r.firms {
                parks.entry(f.uscc).or_default().push(&r.park);
            }
        }
        YearIndex { parks }
    }

    /// The first park (by id) other than `park` whose roster lists `uscc`.
    pub fn other_park(&self, uscc: &Uscc, park: &ParkId) -> Option<&'a ParkId> {
        self.parks.get(uscc)?.iter().copied().find(|p| *p != park)
    }
}

/// A firm that moved in, and the park it came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MovedIn<'a> {
    pub firm: &'a Firm,
    pub from: &'a ParkId,
}

/// One park's roster of Y against its roster of Y−1.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterChange<'a> {
    pub roster: &'a Roster,
    /// The park's own roster of Y−1, when there is one.
    pub previous: Option<&'a Roster>,
    /// In this roster, not in the park's roster of Y−1 (file order). Empty when
    /// there is no previous roster: nothing to compare with.
    pub appeared: Vec<&'a Firm>,
    /// Of the firms listed this year and not last year, those in another park's
    /// roster of Y−1 (also when this park had no roster then).
    pub moved_in: Vec<MovedIn<'a>>,
    /// In the park at the end of Y−1 and left during Y (an exit record this year).
    pub left: Vec<&'a Firm>,
    /// In the park at the end of Y−1 but not in this roster at all: gone without an
    /// exit record (firms of the previous roster, in its file order).
    pub unaccounted: Vec<&'a Firm>,
}

/// The change of `roster` against Y−1; `before` indexes every roster of Y−1.
pub fn roster_change<'a>(
    data: &'a Dataset,
    roster: &'a Roster,
    before: &YearIndex<'a>,
) -> RosterChange<'a> {
    let previous = data.rosters.get(roster.park.as_str(), roster.year - 1);
    let last: HashSet<Uscc> = previous
        .map(|p| p.firms.iter().map(|f| f.uscc).collect())
        .unwrap_or_default();
    let now: HashSet<Uscc> = roster.firms.iter().map(|f| f.uscc).collect();
    let new_here = roster.firms.iter().filter(|f| !last.contains(&f.uscc));
    let moved_in = new_here
        .clone()
        .filter_map(|f| {
            Some(MovedIn {
                firm: f,
                from: before.other_park(&f.uscc, &roster.park)?,
            })
        })
        .collect();
    let was_at_end: HashSet<Uscc> = previous
        .map(|p| p.at_year_end().map(|f| f.uscc).collect())
        .unwrap_or_default();
    RosterChange {
        roster,
        previous,
        appeared: if previous.is_some() {
            new_here.collect()
        } else {
            Vec::new()
        },
        moved_in,
        left: roster
            .firms
            .iter()
            .filter(|f| !f.at_year_end() && was_at_end.contains(&f.uscc))
            .collect(),
        unaccounted: previous
            .map(|p| p.at_year_end().filter(|f| !now.contains(&f.uscc)).collect())
            .unwrap_or_default(),
    }
}

/// The change of every roster of `year`, by park id.
pub fn roster_changes(data: &Dataset, year: i32) -> Vec<RosterChange<'_>> {
    let before = YearIndex::new(data, year - 1);
    data.rosters
        .of_year(year)
        .map(|r| roster_change(data, r, &before))
        .collect()
}
