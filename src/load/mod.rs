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
pub mod look;
mod methodology;
mod numbers;
mod pages;
mod park;
mod parse;
mod parts;
mod raw;
pub mod roster;
mod rules;
mod serde_message;
mod site;
mod source;
pub mod templates;
mod text;
mod yaml;

use rayon::prelude::*;

use crate::error::{Error, Problem, Result};
use crate::model::{Dataset, Roster};
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
use parse::{parse_file, Parsed};
use parts::Parts;

/// How to load; the default reports no progress.
#[derive(Clone, Copy)]
pub struct LoadOptions<'a> {
    /// Told one step per file read (the command line passes a terminal bar).
    pub progress: &'a dyn Progress,
}

impl Default for LoadOptions<'_> {
    fn default() -> Self {
        LoadOptions { progress: &Silent }
    }
}

/// Reads and validates a data folder on disk.
pub fn load_dir(dir: &std::path::Path) -> Result<Dataset> {
    load(&SourceFiles::read_dir(dir)?, &LoadOptions::default())
}

/// Validates a set of data files; `Err(Error::Invalid)` lists every problem found.
pub fn load(src: &SourceFiles, opts: &LoadOptions) -> Result<Dataset> {
    let (data, problems) = load_with_problems(src, opts);
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
    opts: &LoadOptions,
) -> (Option<Dataset>, Vec<Problem>) {
    let progress = opts.progress;
    let roster_paths = src.roster_paths();
    let yaml: Vec<(&String, &Vec<u8>)> = src
        .files
        .iter()
        .filter(|(rel, _)| !roster::is_roster_path(rel) && !SourceFiles::is_image_path(rel))
        .collect();
    progress.stage("读取数据", (yaml.len() + roster_paths.len()) as u64);
    let parsed = parse_all(&yaml, progress);
    let read = read_rosters(src, &roster_paths, progress);

    let mut problems: Vec<Problem> = src.refused.clone();
    problems.extend(read.problems);
    let mut parts = Parts::gather(&yaml, parsed, &mut problems);
    missing_parts(src, parts.site.is_some(), &mut problems);
    if let Some(s) = parts.site.as_mut() {
        let file = site_file(src);
        let at = parts.positions.get(file).map(|p| p as &dyn yaml::Locate);
        problems.extend(look::read_logo(s, src, file, at));
    }
    parts.pages = english::pair_pages(std::mem::take(&mut parts.pages), &mut problems);
    english::check_places(&mut parts.parks, &parts.positions, &mut problems);
    parts.check_duplicate_ids(&mut problems);
    // A broken methodology suspends only the checks that depend on it.
    let methodologies_ok = parts.every_methodology_valid(src);
    // Rosters first: the park checks below see the records with their derived metrics.
    let kept = parts.merge_rosters(src, read.rosters, &mut problems);
    problems.extend(parts.cross_check(src, &read.broken));

    problems.sort();
    problems.dedup();
    let hash = content_hash(src, &read.digests);
    let data = parts.into_dataset(methodologies_ok, kept, hash);
    (data, problems)
}

/// Every YAML and markdown file parsed and checked on its own, in parallel, each
/// with its own problem list, returned in path order. Each file's node positions
/// are dropped once its own checks are done; a cross-file problem finds them
/// again (`LazyPositions`).
fn parse_all(yaml: &[(&String, &Vec<u8>)], progress: &dyn Progress) -> Vec<(Parsed, Vec<Problem>)> {
    yaml.par_iter()
        .map(|(rel, bytes)| {
            let (parsed, _, problems) = parse_file(rel, bytes);
            progress.advance(1);
            (parsed, problems)
        })
        .collect()
}

/// The site file's name (`site.yaml`, or `site.yml`).
fn site_file(src: &SourceFiles) -> &str {
    if src.files.contains_key("site.yml") && !src.files.contains_key("site.yaml") {
        "site.yml"
    } else {
        "site.yaml"
    }
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
