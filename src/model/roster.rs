//! A park's roster for one year (`enterprises/<park-id>/<year>.csv`), every roster
//! of the data folder, and the provenance a derived metric keeps.

use super::firm::Firm;
use super::park::ParkId;

/// The validated rows of one roster file, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Roster {
    pub park: ParkId,
    pub year: i32,
    /// Path relative to the data folder (`enterprises/gx-dianzi/2023.csv`).
    pub file: String,
    pub firms: Vec<Firm>,
}

impl Roster {
    /// Firms in the park at year end.
    pub fn at_year_end(&self) -> impl Iterator<Item = &Firm> {
        self.firms.iter().filter(|f| f.at_year_end())
    }
}

/// Every roster of a data folder, sorted by park id then year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rosters {
    list: Vec<Roster>,
}

impl Rosters {
    pub fn new(mut list: Vec<Roster>) -> Rosters {
        list.sort_by(|a, b| a.park.cmp(&b.park).then(a.year.cmp(&b.year)));
        Rosters { list }
    }

    pub fn get(&self, park: &str, year: i32) -> Option<&Roster> {
        self.list
            .binary_search_by(|r| r.park.as_str().cmp(park).then(r.year.cmp(&year)))
            .ok()
            .map(|i| &self.list[i])
    }

    pub fn iter(&self) -> impl Iterator<Item = &Roster> {
        self.list.iter()
    }

    /// The rosters of one park, by year (a binary search: rosters are sorted by park).
    pub fn of_park(&self, park: &str) -> &[Roster] {
        let from = self.list.partition_point(|r| r.park.as_str() < park);
        let to = self.list.partition_point(|r| r.park.as_str() <= park);
        &self.list[from..to]
    }

    /// The rosters of one year, by park id.
    pub fn of_year(&self, year: i32) -> impl Iterator<Item = &Roster> {
        self.list.iter().filter(move |r| r.year == year)
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Every year some roster covers, ascending.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.list.iter().map(|r| r.year).collect();
        years.sort_unstable();
        years.dedup();
        years
    }
}

/// Where a year record's derived metrics came from: shown wherever such a number is
/// explained ("from enterprises/<id>/<Y>.csv, 87 rows").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterSource {
    pub file: String,
    pub rows: usize,
    /// The metric ids taken from the roster, in methodology order.
    pub metrics: Vec<String>,
}

impl RosterSource {
    pub fn derives(&self, metric: &str) -> bool {
        self.metrics.iter().any(|m| m == metric)
    }
}
