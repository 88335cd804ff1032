//! Load: the data folder → a validated [`Dataset`], or every problem in it.
//!
//! Two stages per file, as in `just`: `raw` mirrors the YAML with serde, then the
//! `validate_*` functions check values and cross-references, collecting problems
//! instead of stopping at the first.

mod admission;
mod computed;
mod context;
mod cross;
mod english;
mod files;
pub mod git;
mod inputs;
mod methodology;
mod numbers;
mod pages;
mod park;
mod raw;
pub mod roster;
mod rules;
mod serde_message;
mod site;
mod source;
mod text;
mod yaml;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::error::{Error, Problem, Result};
use crate::model::{Dataset, Methodology, Page, Park, Roster, Rosters, Site};
use crate::progress::{Progress, Silent};

pub use files::SourceFiles;
pub use inputs::inputs_digest;
pub use rules::{
    check_metric, check_veto, divisions_by_zero, missing_metric_message, missing_metrics,
};
pub use source::DataSource;
pub use yaml::{
    scan as scan_yaml, LazyPositions, Locate, Positions, PositionsByFile, MAX_FILE_BYTES,
};

use context::FileCheck;
use methodology::Checked;

/// Reads and validates a data folder on disk.
pub fn load_dir(dir: &std::path::Path) -> Result<Dataset> {
    load(&SourceFiles::read_dir(dir)?)
}

/// Validates a set of data files; `Err(Error::Invalid)` lists every problem found.
pub fn load(src: &SourceFiles) -> Result<Dataset> {
    load_with(src, &Silent)
}

/// [`load`], reporting one progress step per file.
pub fn load_with(src: &SourceFiles, progress: &dyn Progress) -> Result<Dataset> {
    let (data, problems) = load_with_problems(src, progress);
    match data {
        Some(data) if problems.is_empty() => Ok(data),
        _ => Err(Error::Invalid(problems)),
    }
}

/// Like [`load`], but also returns what could be read when there are problems: the
/// dataset exists once site.yaml and every methodology are valid (parks whose own
/// file is invalid are left out). The import needs this to work on a data folder
/// that is still incomplete, e.g. halfway through a year's collection.
pub fn load_with_problems(
    src: &SourceFiles,
    progress: &dyn Progress,
) -> (Option<Dataset>, Vec<Problem>) {
    let roster_paths = src.roster_paths();
    let yaml: Vec<(&String, &Vec<u8>)> = src
        .files
        .iter()
        .filter(|(rel, _)| !roster::is_roster_path(rel))
        .collect();
    progress.stage("读取数据", (yaml.len() + roster_paths.len()) as u64);
    // Files are independent until the cross-checks: parse and validate them in parallel,
    // each with its own problem list, then merge in path order.
    // Each file's node positions are dropped once its own checks are done; a
    // cross-file problem finds them again (`LazyPositions`).
    let parsed: Vec<(Parsed, Vec<Problem>)> = yaml
        .par_iter()
        .map(|(rel, bytes)| {
            let (parsed, _, problems) = parse_file(rel, bytes);
            progress.advance(1);
            (parsed, problems)
        })
        .collect();
    let read = read_rosters(src, &roster_paths, progress);

    let mut problems: Vec<Problem> = src.refused.clone();
    problems.extend(read.problems);
    let mut positions = PositionsByFile::new();
    let mut site: Option<Site> = None;
    let mut methodologies: BTreeMap<i32, Methodology> = BTreeMap::new();
    let mut record_rules: BTreeMap<i32, Methodology> = BTreeMap::new();
    let mut parks: Vec<Park> = Vec::new();
    let mut pages: Vec<Page> = Vec::new();
    for ((rel, bytes), (item, file_problems)) in yaml.iter().zip(parsed) {
        problems.extend(file_problems);
        positions.insert(rel.as_str(), LazyPositions::new(rel, bytes));
        match item {
            Parsed::Nothing => {}
            Parsed::Page(p) => pages.push(*p),
            Parsed::Site(s) => site = Some(*s),
            Parsed::Park(p) => parks.push(*p),
            Parsed::RecordRules(year, m) => {
                record_rules.insert(year, *m);
            }
            Parsed::Methodology(year, m) => {
                if let std::collections::btree_map::Entry::Vacant(slot) = methodologies.entry(year)
                {
                    slot.insert(*m);
                } else {
                    let message = format!("a second methodology for {year}");
                    problems.push(Problem::new(rel.as_str(), "", message));
                }
            }
        }
    }

    missing_parts(src, site.is_some(), &mut problems);
    let methodology_files = src.files.keys().any(|k| k.starts_with("methodology/"));
    let pages = english::pair_pages(pages, &mut problems);
    english::check_places(&mut parks, &positions, &mut problems);

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

    // A broken methodology suspends only the checks that depend on it.
    let methodologies_ok = methodology_files
        && methodologies.len()
            == src
                .files
                .keys()
                .filter(|k| k.starts_with("methodology/"))
                .count();
    // Rosters first: the park checks below see the records with their derived metrics.
    let version_years: Vec<i32> = src
        .files
        .keys()
        .filter_map(|k| methodology_year(k))
        .collect();
    let methodology_for = |y: i32| {
        let v = version_years
            .iter()
            .filter(|v| **v <= y)
            .max()
            .or(version_years.iter().min())?;
        methodologies.get(v)
    };
    let cx = roster::cross::MergeContext {
        methodology_for: &methodology_for,
        positions: &positions,
        files: src,
    };
    let kept = roster::cross::merge(&mut parks, read.rosters, &cx, &mut problems);
    let files: Vec<&str> = src.files.keys().map(String::as_str).collect();
    problems.extend(cross::cross_check(&cross::CrossInput {
        parks: &parks,
        positions: &positions,
        methodologies: &methodologies,
        record_rules: &record_rules,
        files: &files,
        broken_rosters: &read.broken,
    }));

    problems.sort();
    problems.dedup();
    let data = match site {
        Some(site) if methodologies_ok => Some(Dataset {
            site,
            methodologies,
            parks,
            pages,
            rosters: Rosters::new(kept),
            hash: content_hash(src, &read.digests),
        }),
        _ => None,
    };
    (data, problems)
}

/// The version year of a `methodology/<year>.yaml` path (the rule `parse_file` applies).
fn methodology_year(rel: &str) -> Option<i32> {
    let stem = file_stem(rel.strip_prefix("methodology/")?);
    let y = stem.parse::<i32>().ok()?;
    (stem.len() == 4 && (1900..=2200).contains(&y)).then_some(y)
}

/// A data folder without `site.yaml`, a methodology or a single park file publishes
/// nothing (or an empty site): each is a problem. A file refused already (a link)
/// is not reported missing too.
fn missing_parts(src: &SourceFiles, site_found: bool, problems: &mut Vec<Problem>) {
    let has = |prefix: &str| src.files.keys().any(|k| k.starts_with(prefix));
    let refused = |prefix: &str| src.refused.iter().any(|p| p.file.starts_with(prefix));
    if !site_found && !has("site.") && !refused("site.") {
        problems.push(Problem::new(
            "site.yaml",
            "",
            "missing (expected site.yaml with title and publisher)",
        ));
    }
    if !has("methodology/") && !refused("methodology") {
        problems.push(Problem::new(
            "methodology",
            "",
            "no methodology (expected methodology/<year>.yaml)",
        ));
    }
    if !has("parks/") {
        problems.push(Problem::new(
            "parks",
            "",
            "no park files to evaluate (expected parks/<id>.yaml, one regular file per park)",
        ));
    }
}

/// What one file turned into, after its own checks.
enum Parsed {
    Nothing,
    Page(Box<Page>),
    Site(Box<Site>),
    Methodology(i32, Box<Methodology>),
    /// A broken methodology whose metrics and bonus sections still check records.
    RecordRules(i32, Box<Methodology>),
    Park(Box<Park>),
}

fn parse_file(rel: &str, bytes: &[u8]) -> (Parsed, Positions, Vec<Problem>) {
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
    let methodology_year = if rel.starts_with("methodology/") {
        match stem.parse::<i32>() {
            Ok(y) if (1900..=2200).contains(&y) && stem.len() == 4 => Some(y),
            _ => {
                problems.push(Problem::new(
                    rel,
                    "",
                    format!("methodology file name is not a year (got `{stem}`; expected e.g. methodology/2023.yaml)"),
                ));
                return (Parsed::Nothing, Positions::default(), problems);
            }
        }
    } else {
        None
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

fn file_stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name)
}

fn check<'a>(
    rel: &'a str,
    positions: &'a PositionsByFile<'a>,
    problems: &'a mut Vec<Problem>,
) -> FileCheck<'a> {
    static EMPTY: std::sync::OnceLock<Positions> = std::sync::OnceLock::new();
    let positions: &dyn Locate = match positions.get(rel) {
        Some(p) => p,
        None => EMPTY.get_or_init(Positions::default),
    };
    FileCheck {
        file: rel,
        positions,
        problems,
    }
}

/// blake3 over every data file's path and bytes, in sorted order; rosters (in memory
/// or on disk alike) count by path, length and their own blake3.
fn content_hash(src: &SourceFiles, rosters: &[(&str, u64, blake3::Hash)]) -> String {
    let mut h = blake3::Hasher::new();
    for (rel, bytes) in src.files.iter().filter(|(k, _)| !roster::is_roster_path(k)) {
        h.update(rel.as_bytes());
        h.update(&[0]);
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    for (rel, len, digest) in rosters {
        h.update(rel.as_bytes());
        h.update(&[0]);
        h.update(&len.to_le_bytes());
        h.update(digest.as_bytes());
    }
    h.finalize().to_hex()[..16].to_string()
}

/// What reading the rosters gave: the valid ones, every problem, each file's digest
/// (for the content hash), and the park-years whose roster is broken or refused (their
/// records are not checked for completeness: the roster's own problems say why).
struct RosterRead<'a> {
    rosters: Vec<Roster>,
    problems: Vec<Problem>,
    digests: Vec<(&'a str, u64, blake3::Hash)>,
    broken: std::collections::HashSet<(String, i32)>,
}

/// Every roster parsed in parallel (read from disk as it goes), in path order.
fn read_rosters<'a>(
    src: &SourceFiles,
    paths: &[&'a str],
    progress: &dyn Progress,
) -> RosterRead<'a> {
    let parsed: Vec<_> = paths
        .par_iter()
        .map(|rel| {
            let out = match src.roster_bytes(rel) {
                Ok(bytes) => {
                    let digest = blake3::hash(&bytes);
                    let (roster, problems) = roster::parse_roster(rel, &bytes);
                    (roster, problems, (*rel, bytes.len() as u64, digest))
                }
                Err(p) => (None, vec![p], (*rel, 0, blake3::hash(b""))),
            };
            progress.advance(1);
            out
        })
        .collect();
    let mut read = RosterRead {
        rosters: Vec::new(),
        problems: Vec::new(),
        digests: Vec::new(),
        broken: Default::default(),
    };
    let refused = src.refused.iter().map(|p| p.file.as_str());
    for rel in refused.filter(|f| roster::is_roster_path(f)) {
        if let Ok((id, year)) = roster::roster_key(rel) {
            read.broken.insert((id.to_string(), year));
        }
    }
    for (roster, file_problems, digest) in parsed {
        match roster {
            Some(r) => read.rosters.push(r),
            None => {
                if let Ok((id, year)) = roster::roster_key(digest.0) {
                    read.broken.insert((id.to_string(), year));
                }
            }
        }
        read.problems.extend(file_problems);
        read.digests.push(digest);
    }
    read
}
