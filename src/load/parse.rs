//! One data file → what it is (site, methodology, park, page) after its own checks,
//! and the problems found in it. Files are independent at this step, so the loader
//! runs it in parallel.

use serde::de::DeserializeOwned;

use crate::error::Problem;
use crate::model::{Methodology, Page, Park, Site};

use super::context::FileCheck;
use super::methodology::{self, Checked};
use super::yaml::{self, Positions};
use super::{pages, park, site, text};

/// What one file turned into, after its own checks.
pub(super) enum Parsed {
    Nothing,
    Page(Box<Page>),
    Site(Box<Site>),
    Methodology(i32, Box<Methodology>),
    /// A broken methodology whose metrics and bonus sections still check records.
    RecordRules(i32, Box<Methodology>),
    Park(Box<Park>),
}

pub(super) fn parse_file(rel: &str, bytes: &[u8]) -> (Parsed, Positions, Vec<Problem>) {
    let mut problems = Vec::new();
    let text = match text::decode(rel, bytes) {
        Ok(text) => text,
        Err(problem) => return (Parsed::Nothing, Positions::default(), vec![problem]),
    };
    if let Some(slug) = rel
        .strip_prefix("pages/")
        .and_then(|n| n.strip_suffix(".md"))
    {
        return match pages::validate_page(rel, slug, text) {
            Ok(page) => (Parsed::Page(Box::new(page)), Positions::default(), problems),
            Err(problem) => (Parsed::Nothing, Positions::default(), vec![problem]),
        };
    }
    if let Err(problem) = text::check_printable(rel, text) {
        return (Parsed::Nothing, Positions::default(), vec![problem]);
    }
    let stem = file_stem(rel);
    let methodology_year = match methodology_year(rel) {
        None if rel.starts_with("methodology/") => {
            let message = format!("methodology file name is not a year (got `{stem}`; expected e.g. methodology/2023.yaml)");
            return (
                Parsed::Nothing,
                Positions::default(),
                vec![Problem::new(rel, "", message)],
            );
        }
        year => year,
    };
    let (pos, structural) = yaml::scan(rel, text);
    if !structural.is_empty() {
        return (Parsed::Nothing, pos, structural);
    }
    let mut ck = FileCheck {
        file: rel,
        positions: &pos,
        problems: &mut problems,
    };
    let item = if rel.starts_with("site.") {
        deserialize(rel, text, &mut ck)
            .and_then(|raw| site::validate_site(raw, &mut ck))
            .map(|s| Parsed::Site(Box::new(s)))
    } else if let Some(year) = methodology_year {
        deserialize(rel, text, &mut ck).and_then(|raw| {
            match methodology::validate_methodology(year, raw, &mut ck) {
                Checked::Valid(m) => Some(Parsed::Methodology(year, m)),
                Checked::RecordsOnly(m) => Some(Parsed::RecordRules(year, m)),
                Checked::Broken => None,
            }
        })
    } else {
        deserialize(rel, text, &mut ck)
            .and_then(|raw| park::validate_park(stem, raw, &mut ck))
            .map(|p| Parsed::Park(Box::new(p)))
    };
    (item.unwrap_or(Parsed::Nothing), pos, problems)
}

fn deserialize<T: DeserializeOwned>(rel: &str, text: &str, ck: &mut FileCheck) -> Option<T> {
    match serde_yaml::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            ck.problems
                .push(yaml::serde_problem(rel, text, &e, ck.positions));
            None
        }
    }
}

pub(super) fn file_stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name)
}

/// The version year of a `methodology/<year>.yaml` path (the rule `parse_file` applies).
pub(super) fn methodology_year(rel: &str) -> Option<i32> {
    let stem = file_stem(rel.strip_prefix("methodology/")?);
    let y = stem.parse::<i32>().ok()?;
    (stem.len() == 4 && (1900..=2200).contains(&y)).then_some(y)
}
