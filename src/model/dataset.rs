//! The whole validated data folder.

use std::collections::BTreeMap;

use super::methodology::Methodology;
use super::park::Park;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// 公示稿: results published for objections.
    Gongshi,
    /// 正式结果.
    Final,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Gongshi {
    pub start: String,
    pub end: String,
    pub contact: String,
    pub contact_en: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub title: String,
    pub title_en: Option<String>,
    pub publisher: String,
    pub publisher_en: Option<String>,
    pub base_url: Option<String>,
    pub stage: Stage,
    pub gongshi: Option<Gongshi>,
}

/// A prose page from `pages/<slug>.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub slug: String,
    pub markdown: String,
    /// `pages/<slug>.en.md`, the English edition's text of the page.
    pub markdown_en: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Dataset {
    pub site: Site,
    /// Keyed by the year each version comes into force.
    pub methodologies: BTreeMap<i32, Methodology>,
    /// Sorted by id.
    pub parks: Vec<Park>,
    pub pages: Vec<Page>,
    /// blake3 of every data file (paths and bytes, in sorted order): names the exact
    /// data and methodology a result came from.
    pub hash: String,
}

impl Dataset {
    /// The methodology in force in `year`: the greatest version year ≤ `year`.
    pub fn methodology_for(&self, year: i32) -> Option<&Methodology> {
        self.methodologies
            .range(..=year)
            .next_back()
            .map(|(_, m)| m)
    }

    /// Every year ≥ the earliest methodology year for which some park has a record.
    pub fn evaluated_years(&self) -> Vec<i32> {
        match self.methodologies.keys().next() {
            Some(first) => evaluated_years(&self.parks, *first),
            None => Vec::new(),
        }
    }

    pub fn park(&self, id: &str) -> Option<&Park> {
        self.parks
            .binary_search_by(|p| p.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.parks[i])
    }
}

/// Every year ≥ `first_methodology_year` for which some park has a record, ascending.
pub fn evaluated_years(parks: &[Park], first_methodology_year: i32) -> Vec<i32> {
    let mut years: Vec<i32> = parks
        .iter()
        .flat_map(|p| p.years.keys().copied())
        .filter(|y| *y >= first_methodology_year)
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}
