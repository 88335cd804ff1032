//! What the data files turned into, gathered in path order, and the checks that
//! need more than one file: duplicate park ids, rosters against parks, parks
//! against the methodologies in force. The dataset is made from it at the end.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashSet};

use crate::error::Problem;
use crate::model::{Dataset, Methodology, Page, Park, Roster, Rosters, Site};

use super::files::SourceFiles;
use super::parse::{methodology_year, Parsed};
use super::yaml::{LazyPositions, PositionsByFile};
use super::{cross, roster};

/// The files' contents after their own checks; `positions` finds any file's node
/// positions again for a problem found later.
pub(super) struct Parts<'a> {
    pub positions: PositionsByFile<'a>,
    pub site: Option<Site>,
    pub methodologies: BTreeMap<i32, Methodology>,
    /// Broken methodologies whose metrics and bonus sections still check records.
    pub record_rules: BTreeMap<i32, Methodology>,
    pub parks: Vec<Park>,
    pub pages: Vec<Page>,
}

impl<'a> Parts<'a> {
    /// Each file's result in path order; its problems go to `problems`.
    pub fn gather(
        yaml: &[(&'a String, &'a Vec<u8>)],
        parsed: Vec<(Parsed, Vec<Problem>)>,
        problems: &mut Vec<Problem>,
    ) -> Parts<'a> {
        let mut parts = Parts {
            positions: PositionsByFile::new(),
            site: None,
            methodologies: BTreeMap::new(),
            record_rules: BTreeMap::new(),
            parks: Vec::new(),
            pages: Vec::new(),
        };
        for ((rel, bytes), (item, file_problems)) in yaml.iter().zip(parsed) {
            problems.extend(file_problems);
            parts
                .positions
                .insert(rel.as_str(), LazyPositions::new(rel, bytes));
            parts.add(rel, item, problems);
        }
        parts
    }

    fn add(&mut self, rel: &str, item: Parsed, problems: &mut Vec<Problem>) {
        match item {
            Parsed::Nothing => {}
            Parsed::Page(p) => self.pages.push(*p),
            Parsed::Site(s) => self.site = Some(*s),
            Parsed::Park(p) => self.parks.push(*p),
            Parsed::RecordRules(year, m) => {
                self.record_rules.insert(year, *m);
            }
            Parsed::Methodology(year, m) => match self.methodologies.entry(year) {
                Entry::Vacant(slot) => {
                    slot.insert(*m);
                }
                Entry::Occupied(_) => {
                    let message = format!("a second methodology for {year}");
                    problems.push(Problem::new(rel, "", message));
                }
            },
        }
    }

    /// Sorts the parks by id (then file) and reports a second file with an id.
    pub fn check_duplicate_ids(&mut self, problems: &mut Vec<Problem>) {
        self.parks
            .sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.source.cmp(&b.source)));
        for pair in self.parks.windows(2) {
            if pair[0].id == pair[1].id {
                let ck_pos = self.positions.get(pair[1].source.as_str());
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
    }

    /// Whether there are methodology files and every one of them is valid.
    pub fn every_methodology_valid(&self, src: &SourceFiles) -> bool {
        let files = src
            .files
            .keys()
            .filter(|k| k.starts_with("methodology/"))
            .count();
        files > 0 && self.methodologies.len() == files
    }

    /// Checks the rosters and merges their derived metrics into the parks' records;
    /// returns the rosters kept.
    pub fn merge_rosters(
        &mut self,
        src: &SourceFiles,
        rosters: Vec<Roster>,
        problems: &mut Vec<Problem>,
    ) -> Vec<Roster> {
        let version_years: Vec<i32> = src
            .files
            .keys()
            .filter_map(|k| methodology_year(k))
            .collect();
        let methodologies = &self.methodologies;
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
            positions: &self.positions,
            files: src,
        };
        roster::cross::merge(&mut self.parks, rosters, &cx, problems)
    }

    /// Each park against the methodologies in force (`cross::cross_check`).
    pub fn cross_check(
        &self,
        src: &SourceFiles,
        broken_rosters: &HashSet<(String, i32)>,
    ) -> Vec<Problem> {
        let files: Vec<&str> = src.files.keys().map(String::as_str).collect();
        cross::cross_check(&cross::CrossInput {
            parks: &self.parks,
            positions: &self.positions,
            methodologies: &self.methodologies,
            record_rules: &self.record_rules,
            files: &files,
            broken_rosters,
        })
    }

    /// The dataset, once site.yaml and every methodology are valid.
    pub fn into_dataset(
        self,
        methodologies_ok: bool,
        rosters: Vec<Roster>,
        hash: String,
    ) -> Option<Dataset> {
        let site = self.site.filter(|_| methodologies_ok)?;
        Some(Dataset {
            site,
            methodologies: self.methodologies,
            parks: self.parks,
            pages: self.pages,
            rosters: Rosters::new(rosters),
            hash,
        })
    }
}
