//! The whole validated data folder.

use std::collections::BTreeMap;

use crate::error::{Position, Problem};

use super::methodology::Methodology;
use super::park::Park;
use super::roster::Rosters;

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
    /// The stage of the latest evaluated year; earlier years are always final
    /// (ask [`Dataset::stage_of`]).
    pub stage: Stage,
    pub gongshi: Option<Gongshi>,
    /// Final stage only: the git revision of the 公示 edition, for the corrections
    /// notice (更正说明) of the latest year.
    pub corrections_since: Option<CorrectionsSince>,
    /// The city's own look (`look:` in site.yaml); empty by default.
    pub look: Look,
}

/// What a city changes most without touching templates: the logo, the main
/// colour, lines in the footer and the 备案号 a Chinese government site must show.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Look {
    pub logo: Option<Logo>,
    /// `#rrggbb`, checked to be readable as link text on white (≥ 4.5:1).
    pub main_color: Option<String>,
    pub footer: Vec<String>,
    /// ICP 备案号 (`浙ICP备12345678号-1`), linked to beian.miit.gov.cn.
    pub icp: Option<String>,
    /// 公安备案号 (`浙公网安备33010602000001号`), linked to beian.mps.gov.cn.
    pub police: Option<String>,
}

/// The 14-digit code of a 公安备案号 (`浙公网安备33010602000001号`), for the
/// registry's query link.
pub fn police_code(v: &str) -> Option<String> {
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 14).then_some(digits)
}

/// The logo image, read from the data folder and published as `assets/logo.<ext>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Logo {
    /// Its path in the data folder, as site.yaml names it.
    pub source: String,
    /// The text alternative (default: the site title).
    pub alt: Option<String>,
    pub ext: &'static str,
    pub bytes: Vec<u8>,
}

/// `corrections_since` as written, and where, so that a revision git cannot read
/// is reported at its line in site.yaml like any other data problem.
#[derive(Debug, Clone, PartialEq)]
pub struct CorrectionsSince {
    pub rev: String,
    /// The site file (`site.yaml`) and the value's position in it.
    pub file: String,
    pub position: Option<Position>,
}

impl CorrectionsSince {
    /// A problem located at the setting.
    pub fn problem(&self, message: impl Into<String>) -> Problem {
        Problem::new(&self.file, "corrections_since", message).at(self.position)
    }
}

impl Site {
    /// The stage of `year` when `latest` is the latest evaluated year.
    pub fn stage_at(&self, year: i32, latest: Option<i32>) -> Stage {
        if latest == Some(year) {
            self.stage
        } else {
            Stage::Final
        }
    }
}

impl Stage {
    /// The id in results.json and site.yaml.
    pub fn id(self) -> &'static str {
        match self {
            Stage::Gongshi => "gongshi",
            Stage::Final => "final",
        }
    }

    /// How pages and downloads name it.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Gongshi => "公示稿",
            Stage::Final => "正式结果",
        }
    }
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
    /// Every `enterprises/<park-id>/<year>.csv`, validated.
    pub rosters: Rosters,
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

    /// The latest evaluated year: the one a 公示 (or its corrections) is about.
    /// O(parks): callers that need it per page ask once.
    pub fn latest_year(&self) -> Option<i32> {
        let first = *self.methodologies.keys().next()?;
        self.parks
            .iter()
            .filter_map(|p| p.years.keys().next_back().copied())
            .max()
            .filter(|y| *y >= first)
    }

    /// The stage of `year`'s results: the site's stage applies to the latest
    /// evaluated year only (the year under publicity); earlier years are final.
    /// O(parks), as [`Dataset::latest_year`]; with the latest year at hand, use
    /// [`Site::stage_at`].
    pub fn stage_of(&self, year: i32) -> Stage {
        self.site.stage_at(year, self.latest_year())
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
