//! What the monitoring pages of one build share: which evaluated years have rosters,
//! and each year's index of the rosters of the year before, built once on first use
//! and then read by every park page of that year (a national roll-up indexes about a
//! million firms a year; building it per page would index them 10,000 times).

use std::sync::OnceLock;

use crate::analysis::roster_change::YearIndex;
use crate::model::Dataset;
use crate::present::Audience;

use super::park_year::{view, ParkYearView};

pub struct MonitoringLookup<'a> {
    data: &'a Dataset,
    /// Per evaluated year: its year, and whether it has monitoring pages.
    years: Vec<(i32, bool)>,
    before: Vec<OnceLock<YearIndex<'a>>>,
}

impl<'a> MonitoringLookup<'a> {
    /// For the evaluated `years`; the public audience gets no year at all.
    pub fn new(data: &'a Dataset, years: &[i32], audience: Audience) -> MonitoringLookup<'a> {
        let internal = audience.is_internal();
        let covered = data.rosters.years();
        MonitoringLookup {
            data,
            years: years
                .iter()
                .map(|y| (*y, internal && covered.binary_search(y).is_ok()))
                .collect(),
            before: years.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// Whether the `y`-th evaluated year has monitoring pages (internal, with rosters).
    pub fn has_year(&self, y: usize) -> bool {
        self.years.get(y).is_some_and(|(_, m)| *m)
    }

    /// Whether park `park` has a monitoring page in the `y`-th evaluated year.
    pub fn has(&self, y: usize, park: &str) -> bool {
        self.has_year(y) && self.data.rosters.get(park, self.years[y].0).is_some()
    }

    /// The view of park `park` in the `y`-th evaluated year, when it has a page.
    pub fn park_view(&self, y: usize, park: &str) -> Option<ParkYearView<'a>> {
        if !self.has_year(y) {
            return None;
        }
        let year = self.years[y].0;
        let roster = self.data.rosters.get(park, year)?;
        let before = self.before[y].get_or_init(|| YearIndex::new(self.data, year - 1));
        Some(view(self.data, roster, before))
    }
}
