//! The robustness study a site build publishes for every evaluated year: the weight
//! sensitivity ([`sensitivity`]) with fixed settings, and the what-if ([`what_if_in`])
//! of every rated park below A. Both re-run the engine many times, so the number of
//! runs shrinks for large years and the what-if is skipped above a size limit; the
//! settings used travel with the result so the pages can state them. Pure: no I/O.
//!
//! Deterministic whatever the thread count: the sensitivity draws per run from
//! `(seed, run)` and what-ifs are collected in result order.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::error::Result;
use crate::evaluate::YearResult;
use crate::model::{Dataset, ParkId};

use super::sensitivity::{sensitivity_of, Sensitivity, SensitivityOptions};
use super::whatif::{what_if_in, WhatIf};

/// The seed and spread every site build uses (so two builds of the same data agree).
pub const SITE_SEED: u64 = 1;
pub const SITE_SPREAD: f64 = 0.10;
/// Runs when the year is small enough …
pub const SITE_RUNS: usize = 200;
/// … that rated parks × runs stays within this budget; above it the runs shrink …
pub const SITE_BUDGET: usize = 400_000;
/// … but never below this.
pub const SITE_MIN_RUNS: usize = 20;
/// The site computes what-ifs only for years with at most this many rated parks.
pub const WHATIF_MAX_RATED: usize = 300;

/// The sensitivity settings a site build uses for a year with `rated` rated parks.
pub fn site_options(rated: usize) -> SensitivityOptions {
    let runs = SITE_BUDGET
        .checked_div(rated)
        .map_or(SITE_RUNS, |r| r.clamp(SITE_MIN_RUNS, SITE_RUNS));
    SensitivityOptions {
        runs,
        spread: SITE_SPREAD,
        seed: SITE_SEED,
    }
}

/// What the site shows about one year beyond its results.
#[derive(Debug, Clone, PartialEq)]
pub struct YearStudy {
    pub year: i32,
    /// None when the year has no rated park.
    pub sensitivity: Option<Sensitivity>,
    pub what_if: WhatIfs,
}

#[derive(Debug, Clone, PartialEq)]
pub enum WhatIfs {
    /// The what-if of every rated park below A, by park id.
    Computed(BTreeMap<ParkId, WhatIf>),
    /// Too many rated parks for a build: `parkscore explain` computes one park.
    Skipped { rated: usize, limit: usize },
}

impl YearStudy {
    /// The what-if of park `id`, when computed and the park is rated below A.
    pub fn what_if(&self, id: &str) -> Option<&WhatIf> {
        match &self.what_if {
            WhatIfs::Computed(m) => m.get(&ParkId::parse(id)?),
            WhatIfs::Skipped { .. } => None,
        }
    }
}

/// The study of every evaluated year of `data` (`years` as `evaluate_all` gives them),
/// in the same order. Years, runs and parks all run in parallel.
pub fn site_study(data: &Dataset, years: &[YearResult]) -> Result<Vec<YearStudy>> {
    years.par_iter().map(|r| year_study(data, r)).collect()
}

/// The study of one evaluated year `r` of `data`.
pub fn year_study(data: &Dataset, r: &YearResult) -> Result<YearStudy> {
    let m = &data.methodologies[&r.methodology_year];
    let rated = r.summary.rated;
    let parks = &data.parks;
    let (sens, what_if) = rayon::join(
        || -> Result<Option<Sensitivity>> {
            if rated == 0 {
                return Ok(None);
            }
            sensitivity_of(r, m, site_options(rated)).map(Some)
        },
        || {
            if rated > WHATIF_MAX_RATED {
                return WhatIfs::Skipped {
                    rated,
                    limit: WHATIF_MAX_RATED,
                };
            }
            let ids: Vec<&ParkId> = r.rated().map(|p| &p.id).collect();
            let found: Vec<WhatIf> = ids
                .par_iter()
                .filter_map(|id| what_if_in(parks, r.year, m, r, id.as_str()))
                .collect();
            WhatIfs::Computed(found.into_iter().map(|w| (w.park.clone(), w)).collect())
        },
    );
    Ok(YearStudy {
        year: r.year,
        sensitivity: sens?,
        what_if,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::{evaluate_all, Tier};
    use crate::load::{load, SourceFiles};

    /// The sample city (41 rated parks in 2023), `copies` times over.
    fn sample_times(copies: usize) -> Dataset {
        let mut data = load(&SourceFiles::embedded(), &Default::default()).unwrap();
        let base = data.parks.clone();
        for k in 1..copies {
            for p in &base {
                let mut q = p.clone();
                q.id = ParkId::parse(&format!("{}-{k}", p.id)).unwrap();
                data.parks.push(q);
            }
        }
        data.parks.sort_by(|a, b| a.id.cmp(&b.id));
        data
    }

    #[test]
    fn what_ifs_for_every_park_below_a_up_to_the_limit_and_none_above() {
        let data = sample_times(1);
        let years = evaluate_all(&data, &Default::default());
        let r = years.last().unwrap();
        let s = year_study(&data, r).unwrap();
        let WhatIfs::Computed(found) = &s.what_if else {
            panic!("41 rated parks are within the limit")
        };
        let below_a: Vec<&str> = r
            .rated()
            .filter(|p| p.tier != Some(Tier::A))
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(found.keys().map(ParkId::as_str).collect::<Vec<_>>(), {
            let mut v = below_a.clone();
            v.sort_unstable();
            v
        });
        let sens = s.sensitivity.as_ref().unwrap();
        assert_eq!(sens.options, site_options(41));
        assert_eq!(sens.parks.len(), 41);

        let big = sample_times(8);
        let years = evaluate_all(&big, &Default::default());
        let r = years.last().unwrap();
        assert!(r.summary.rated > WHATIF_MAX_RATED, "{}", r.summary.rated);
        let s = year_study(&big, r).unwrap();
        assert_eq!(
            s.what_if,
            WhatIfs::Skipped {
                rated: r.summary.rated,
                limit: WHATIF_MAX_RATED
            }
        );
        assert!(s.what_if(r.rated().last().unwrap().id.as_str()).is_none());
        assert_eq!(s.sensitivity.unwrap().parks.len(), r.summary.rated);
    }

    #[test]
    fn runs_shrink_with_the_number_of_rated_parks() {
        assert_eq!(site_options(0).runs, 200);
        assert_eq!(site_options(41).runs, 200);
        assert_eq!(site_options(2000).runs, 200, "2000 × 200 = 400 000");
        assert_eq!(site_options(2001).runs, 199);
        assert_eq!(site_options(8000).runs, 50);
        assert_eq!(site_options(20_000).runs, 20);
        assert_eq!(site_options(100_000).runs, 20, "never below 20");
        let o = site_options(10);
        assert_eq!((o.spread, o.seed), (0.10, 1));
    }
}
