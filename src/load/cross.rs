//! The checks of each park against the methodologies in force: metric values,
//! vetoes and honors, and what each evaluated year needs of it.
//!
//! A broken methodology file suspends only the checks that depend on it: the years
//! it governs (by its file name) and the honors (whose categories any version may
//! define). Every other park problem is still reported, and a note on the broken
//! file says how many park files went unchecked, so fixing it holds no surprise.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rayon::prelude::*;

use crate::error::Problem;
use crate::model::{evaluated_years, Methodology, Park};

use super::park;
use super::yaml::PositionsByFile;

/// One methodology file as the cross-checks see it.
#[derive(Clone, Copy)]
enum Version<'m> {
    Valid(&'m Methodology),
    /// Invalid, but its metrics and bonus sections still check records.
    RecordsOnly(&'m Methodology),
    Broken,
}

impl<'m> Version<'m> {
    fn records(self) -> Option<&'m Methodology> {
        match self {
            Version::Valid(m) | Version::RecordsOnly(m) => Some(m),
            Version::Broken => None,
        }
    }
}

/// Which methodology file governs each year, valid or not.
struct Governing<'m> {
    /// Per version year (from the file name). Two files claiming one year are broken.
    versions: BTreeMap<i32, Version<'m>>,
    /// A file under methodology/ whose name is not a year: which years it would
    /// govern is unknown, so no record can be checked.
    unnamed: bool,
}

impl<'m> Governing<'m> {
    fn new<'a>(
        files: impl Iterator<Item = &'a str>,
        valid: &'m BTreeMap<i32, Methodology>,
        records_only: &'m BTreeMap<i32, Methodology>,
    ) -> Governing<'m> {
        let mut count: BTreeMap<i32, usize> = BTreeMap::new();
        let mut unnamed = false;
        for rel in files.filter(|f| f.starts_with("methodology/")) {
            match version_year(rel) {
                Some(y) => *count.entry(y).or_default() += 1,
                None => unnamed = true,
            }
        }
        let versions = count
            .into_iter()
            .map(|(y, n)| {
                let v = match (n, valid.get(&y), records_only.get(&y)) {
                    (1, Some(m), _) => Version::Valid(m),
                    (1, None, Some(m)) => Version::RecordsOnly(m),
                    _ => Version::Broken,
                };
                (y, v)
            })
            .collect();
        Governing { versions, unnamed }
    }

    /// The version year governing records of `year`: the greatest ≤ `year`, or for
    /// earlier years (kept for growth) the first.
    fn version_of(&self, year: i32) -> Option<i32> {
        self.versions
            .range(..=year)
            .next_back()
            .or_else(|| self.versions.iter().next())
            .map(|(y, _)| *y)
    }

    fn version_for(&self, year: i32) -> Version<'m> {
        match self.version_of(year) {
            Some(v) if !self.unnamed => self.versions[&v],
            _ => Version::Broken,
        }
    }

    /// The methodology an evaluation of `year` would use, when it is valid.
    fn valid_for(&self, year: i32) -> Option<&'m Methodology> {
        match self.version_for(year) {
            Version::Valid(m) => Some(m),
            _ => None,
        }
    }

    /// The methodology whose metrics and vetoes check records of `year`.
    fn records_for(&self, year: i32) -> Option<&'m Methodology> {
        self.version_for(year).records()
    }

    /// Every version's bonus categories can check honors only when none is broken.
    fn honor_rules(&self) -> Option<Vec<&'m Methodology>> {
        if self.unnamed {
            return None;
        }
        self.versions.values().map(|v| v.records()).collect()
    }
}

/// `methodology/2023.yaml` → 2023 (the same rule as reading the file).
fn version_year(rel: &str) -> Option<i32> {
    let name = rel.rsplit('/').next()?;
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    let y = stem.parse::<i32>().ok()?;
    (stem.len() == 4 && (1900..=2200).contains(&y)).then_some(y)
}

/// What the cross-file checks need: the parks that loaded, where each file's nodes
/// are, the methodologies (valid, and broken but still able to check records), and
/// the paths of every data file.
pub struct CrossInput<'a> {
    pub parks: &'a [Park],
    pub positions: &'a PositionsByFile<'a>,
    pub methodologies: &'a BTreeMap<i32, Methodology>,
    pub record_rules: &'a BTreeMap<i32, Methodology>,
    pub files: &'a [&'a str],
    /// Park-years whose roster is broken: their completeness is not checked (the
    /// roster's own problems say why the derived metrics are missing).
    pub broken_rosters: &'a HashSet<(String, i32)>,
}

/// Every problem of every park that the methodologies can decide, and one note per
/// broken methodology file on what it kept from being checked.
pub fn cross_check(input: &CrossInput) -> Vec<Problem> {
    let gov = Governing::new(
        input.files.iter().copied(),
        input.methodologies,
        input.record_rules,
    );
    let Some(first) = gov.versions.keys().next().copied() else {
        return Vec::new();
    };
    let honors = gov.honor_rules();
    let evaluated = evaluated_years(input.parks, first);
    let records_for = |y: i32| gov.records_for(y);
    let found: Vec<Vec<Problem>> = input
        .parks
        .par_iter()
        .map(|p| {
            let mut found = Vec::new();
            let mut ck = super::check(&p.source, input.positions, &mut found);
            park::check_records(p, &records_for, honors.as_deref(), &mut ck);
            for y in &evaluated {
                if input.broken_rosters.contains(&(p.id.to_string(), *y)) {
                    continue;
                }
                if let Some(m) = gov.valid_for(*y) {
                    park::check_year(p, *y, m, &mut ck);
                }
            }
            found
        })
        .collect();
    let mut problems: Vec<Problem> = found.into_iter().flatten().collect();
    problems.extend(unchecked_notes(&gov, input, &evaluated));
    problems
}

/// One note per invalid methodology file: how many park files have records (or
/// operate in evaluated years) that it governs, which years, and what of them went
/// unchecked.
fn unchecked_notes(gov: &Governing, input: &CrossInput, evaluated: &[i32]) -> Vec<Problem> {
    let honors_unchecked = gov.honor_rules().is_none();
    let note = |file: &str, governed: &dyn Fn(i32) -> bool, values_checked: bool| {
        let touched = |p: &Park| {
            p.years.keys().any(|y| governed(*y))
                || evaluated.iter().any(|y| governed(*y) && p.operates_in(*y))
        };
        let years: BTreeSet<i32> = input
            .parks
            .iter()
            .flat_map(|p| p.years.keys())
            .chain(evaluated)
            .copied()
            .filter(|y| governed(*y))
            .collect();
        let unchecked = Unchecked {
            parks: input.parks.iter().filter(|p| touched(p)).count(),
            years,
            values_checked,
            honors_unchecked,
        };
        Problem::new(file, "", unchecked.to_string())
    };
    if gov.unnamed {
        let file = input
            .files
            .iter()
            .find(|f| f.starts_with("methodology/") && version_year(f).is_none())
            .copied()
            .unwrap_or("methodology");
        return vec![note(file, &|_| true, false)];
    }
    let mut notes = Vec::new();
    for (version, v) in &gov.versions {
        let values_checked = match v {
            Version::Valid(_) => continue,
            Version::RecordsOnly(_) => true,
            Version::Broken => false,
        };
        let governed = |y: i32| gov.version_of(y) == Some(*version);
        for file in input
            .files
            .iter()
            .filter(|f| f.starts_with("methodology/") && version_year(f) == Some(*version))
        {
            notes.push(note(file, &governed, values_checked));
        }
    }
    notes
}

/// What an invalid methodology kept from being checked, in words.
struct Unchecked {
    /// Park files (of those valid on their own) with records it governs.
    parks: usize,
    years: BTreeSet<i32>,
    /// Its metrics were sound, so record values were checked against them.
    values_checked: bool,
    honors_unchecked: bool,
}

impl std::fmt::Display for Unchecked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let span = match (self.years.first(), self.years.last()) {
            (Some(a), Some(b)) if a == b => format!("{a}"),
            (Some(a), Some(b)) => format!("{a}–{b}"),
            _ => "its years".into(),
        };
        let parks = self.parks;
        if self.values_checked {
            write!(
                f,
                "until this methodology is valid, {parks} park file(s) are checked for their values only, not for what rating them in {span} needs (every metric, no division by zero, a record per operating year)"
            )?;
        } else {
            write!(
                f,
                "until this methodology is valid, the records for {span} in {parks} park file(s) are not checked"
            )?;
        }
        if self.honors_unchecked {
            write!(f, ", nor any park's honors")?;
        }
        write!(f, "; fix this file and run again to see their problems")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_years_follow_the_file_names() {
        assert_eq!(version_year("methodology/2023.yaml"), Some(2023));
        assert_eq!(version_year("methodology/2023.yml"), Some(2023));
        assert_eq!(version_year("methodology/v2023.yaml"), None);
        assert_eq!(version_year("methodology/20231.yaml"), None);
    }

    #[test]
    fn a_broken_version_governs_only_its_years() {
        let none = BTreeMap::new();
        let files = ["methodology/2022.yaml", "methodology/2024.yaml"];
        let gov = Governing::new(files.iter().copied(), &none, &none);
        assert_eq!(
            gov.version_of(2021),
            Some(2022),
            "earlier records: the first"
        );
        assert_eq!(gov.version_of(2023), Some(2022));
        assert_eq!(gov.version_of(2025), Some(2024));
        assert!(gov.honor_rules().is_none());
        assert!(gov.valid_for(2023).is_none());
    }
}
