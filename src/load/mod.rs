//! Load: the data folder → a validated [`Dataset`], or every problem in it.
//!
//! Two stages per file, as in `just`: `raw` mirrors the YAML with serde, then the
//! `validate_*` functions check values and cross-references, collecting problems
//! instead of stopping at the first.

mod context;
mod files;
pub mod git;
mod methodology;
mod park;
mod raw;
mod site;
mod yaml;

use std::collections::{BTreeMap, HashMap};

use serde::de::DeserializeOwned;

use crate::error::{Error, Problem, Result};
use crate::model::{Dataset, Methodology, Page, Park, Site};

pub use files::SourceFiles;
pub use yaml::{scan as scan_yaml, Positions, MAX_FILE_BYTES};

use context::FileCheck;

/// Reads and validates a data folder on disk.
pub fn load_dir(dir: &std::path::Path) -> Result<Dataset> {
    load(&SourceFiles::read_dir(dir)?)
}

/// Validates a set of data files; `Err(Error::Invalid)` lists every problem found.
pub fn load(src: &SourceFiles) -> Result<Dataset> {
    let mut problems: Vec<Problem> = src.refused.clone();
    let mut positions: HashMap<&str, Positions> = HashMap::new();
    let mut site: Option<Site> = None;
    let mut methodologies: BTreeMap<i32, Methodology> = BTreeMap::new();
    let mut parks: Vec<Park> = Vec::new();
    let mut pages: Vec<Page> = Vec::new();

    for (rel, bytes) in &src.files {
        let Ok(text) = std::str::from_utf8(bytes) else {
            problems.push(Problem::new(
                rel,
                "",
                "not valid UTF-8 text (expected a UTF-8 file)",
            ));
            continue;
        };
        if let Some(slug) = rel
            .strip_prefix("pages/")
            .and_then(|n| n.strip_suffix(".md"))
        {
            pages.push(Page {
                slug: slug.to_string(),
                markdown: text.to_string(),
            });
            continue;
        }
        let stem = file_stem(rel);
        if rel.starts_with("site.") {
            if let Some(raw) = parse(rel, text, &mut positions, &mut problems) {
                let mut ck = check(rel, &positions, &mut problems);
                site = site::validate_site(raw, &mut ck);
            }
        } else if rel.starts_with("methodology/") {
            let year = match stem.parse::<i32>() {
                Ok(y) if (1900..=2200).contains(&y) && stem.len() == 4 => y,
                _ => {
                    problems.push(Problem::new(
                        rel,
                        "",
                        format!("methodology file name is not a year (got `{stem}`; expected e.g. methodology/2023.yaml)"),
                    ));
                    continue;
                }
            };
            if methodologies.contains_key(&year) {
                problems.push(Problem::new(
                    rel,
                    "",
                    format!("a second methodology for {year}"),
                ));
                continue;
            }
            if let Some(raw) = parse(rel, text, &mut positions, &mut problems) {
                let mut ck = check(rel, &positions, &mut problems);
                if let Some(m) = methodology::validate_methodology(year, raw, &mut ck) {
                    methodologies.insert(year, m);
                }
            }
        } else if rel.starts_with("parks/") {
            if let Some(raw) = parse(rel, text, &mut positions, &mut problems) {
                let mut ck = check(rel, &positions, &mut problems);
                if let Some(p) = park::validate_park(stem, raw, &mut ck) {
                    parks.push(p);
                }
            }
        }
    }

    if site.is_none() && !src.files.keys().any(|k| k.starts_with("site.")) {
        problems.push(Problem::new(
            "site.yaml",
            "",
            "missing (expected site.yaml with title and publisher)",
        ));
    }
    let methodology_files = src.files.keys().any(|k| k.starts_with("methodology/"));
    if !methodology_files {
        problems.push(Problem::new(
            "methodology",
            "",
            "no methodology (expected methodology/<year>.yaml)",
        ));
    }

    parks.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.source.cmp(&b.source)));
    for pair in parks.windows(2) {
        if pair[0].id == pair[1].id {
            let ck_pos = positions.get(pair[1].source.as_str());
            problems.push(
                Problem::new(
                    &pair[1].source,
                    "id",
                    format!(
                        "duplicate park id (got `{}`; also in {})",
                        pair[1].id, pair[0].source
                    ),
                )
                .at(ck_pos.and_then(|p| p.find("id"))),
            );
        }
    }

    // Cross-file checks need every methodology; skip them if a methodology is broken,
    // so one typo there does not drown the report in consequences.
    let methodologies_ok = methodology_files
        && methodologies.len()
            == src
                .files
                .keys()
                .filter(|k| k.starts_with("methodology/"))
                .count();
    if methodologies_ok {
        let all: Vec<&Methodology> = methodologies.values().collect();
        let first = *methodologies.keys().next().expect("checked non-empty");
        let methodology_for = |y: i32| {
            methodologies
                .range(..=y)
                .next_back()
                .map(|(_, m)| m)
                .or_else(|| methodologies.get(&first))
        };
        let evaluated = evaluated_years(&parks, first);
        for p in &parks {
            let mut ck = check(&p.source, &positions, &mut problems);
            park::check_records(p, &methodology_for, &all, &mut ck);
            for y in &evaluated {
                let m = methodology_for(*y).expect("a methodology exists for evaluated years");
                park::check_year(p, *y, m, &mut ck);
            }
        }
    }

    if !problems.is_empty() {
        problems.sort();
        problems.dedup();
        return Err(Error::Invalid(problems));
    }
    Ok(Dataset {
        site: site.expect("no problems means site.yaml was valid"),
        methodologies,
        parks,
        pages,
        hash: content_hash(src),
    })
}

fn evaluated_years(parks: &[Park], first: i32) -> Vec<i32> {
    let mut years: Vec<i32> = parks
        .iter()
        .flat_map(|p| p.years.keys().copied())
        .filter(|y| *y >= first)
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

fn file_stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name)
}

fn check<'a>(
    rel: &'a str,
    positions: &'a HashMap<&str, Positions>,
    problems: &'a mut Vec<Problem>,
) -> FileCheck<'a> {
    static EMPTY: std::sync::OnceLock<Positions> = std::sync::OnceLock::new();
    FileCheck {
        file: rel,
        positions: positions
            .get(rel)
            .unwrap_or_else(|| EMPTY.get_or_init(Positions::default)),
        problems,
    }
}

/// Scans then deserializes one file; structural problems stop it before serde.
fn parse<'a, T: DeserializeOwned>(
    rel: &'a str,
    text: &str,
    positions: &mut HashMap<&'a str, Positions>,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let (pos, structural) = yaml::scan(rel, text);
    let ok = structural.is_empty();
    problems.extend(structural);
    let result = if ok {
        match serde_yaml::from_str::<T>(text) {
            Ok(v) => Some(v),
            Err(e) => {
                problems.push(yaml::serde_problem(rel, &e, &pos));
                None
            }
        }
    } else {
        None
    };
    positions.insert(rel, pos);
    result
}

/// blake3 over every data file's path and bytes, in sorted order.
fn content_hash(src: &SourceFiles) -> String {
    let mut h = blake3::Hasher::new();
    for (rel, bytes) in &src.files {
        h.update(rel.as_bytes());
        h.update(&[0]);
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    h.finalize().to_hex()[..16].to_string()
}
