//! The roster rules that need more than one file: a roster belongs to a known park
//! and to a year the park has a record for; a firm is at year end in one park only;
//! a park deriving leading-industry metrics names its codes. Then the derived
//! metrics go into the park records, checked like typed ones, with their provenance.

use rayon::prelude::*;

use crate::error::{did_you_mean, Position, Problem};
use crate::load::rules::check_metric;
use crate::load::{PositionsByFile, SourceFiles};
use crate::model::{
    is_derived, needs_leading_codes, Methodology, Park, Roster, RosterSource, RosterTotals, Uscc,
};

/// What the merge needs besides parks and rosters.
pub struct MergeContext<'a, 'm> {
    pub methodology_for: &'a (dyn Fn(i32) -> Option<&'m Methodology> + Sync),
    /// Positions of every YAML file, by path.
    pub positions: &'a PositionsByFile<'a>,
    /// The data files (to tell a park file that does not load from no file at all).
    pub files: &'a SourceFiles,
}

/// Checks the rosters against each other and the parks, then merges every derived
/// metric into its park's record. `parks` is sorted by id. Returns the rosters that
/// belong to a park-year (the others are reported and left out).
pub fn merge(
    parks: &mut [Park],
    rosters: Vec<Roster>,
    cx: &MergeContext,
    problems: &mut Vec<Problem>,
) -> Vec<Roster> {
    let mut kept = Vec::new();
    for roster in rosters {
        match find(parks, &roster) {
            // A park file that exists but does not load has its own problems.
            None if park_file_exists(cx.files, roster.park.as_str()) => {}
            None => problems.push(unknown_park(parks, &roster)),
            Some(i) if !parks[i].years.contains_key(&roster.year) => {
                problems.push(Problem::new(&roster.file, "", format!(
                    "no record for {} in {} (expected years.{} in the park file: it carries the metrics a roster does not derive)",
                    roster.year, parks[i].source, roster.year
                )));
            }
            Some(_) => kept.push(roster),
        }
    }
    year_end_duplicates(&kept, problems);
    let totals: Vec<RosterTotals> = kept
        .par_iter()
        .map(|r| {
            let park = &parks[find(parks, r).expect("kept rosters have parks")];
            RosterTotals::of(r, &park.leading_industry_codes)
        })
        .collect();
    let mut missing_codes: Vec<usize> = Vec::new();
    for (roster, totals) in kept.iter().zip(totals) {
        let i = find(parks, roster).expect("kept rosters have parks");
        let park = &mut parks[i];
        let Some(m) = (cx.methodology_for)(roster.year) else {
            continue;
        };
        let needs_codes = m.metrics.keys().any(|k| needs_leading_codes(k));
        if needs_codes && park.leading_industry_codes.is_empty() && !missing_codes.contains(&i) {
            missing_codes.push(i);
            problems.push(Problem::new(&park.source, "leading_industry_codes", format!(
                "missing (got a roster, {}, and the methodology derives leading_enterprises or leading_revenue_wan from it; expected the GB/T 4754 code prefixes of the park's leading industries, e.g. leading_industry_codes: [C39, C40])",
                roster.file
            )));
        }
        apply(park, roster, m, &totals, cx, problems);
    }
    kept
}

fn park_file_exists(files: &SourceFiles, id: &str) -> bool {
    ["yaml", "yml"]
        .iter()
        .any(|ext| files.files.contains_key(&format!("parks/{id}.{ext}")))
}

fn find(parks: &[Park], r: &Roster) -> Option<usize> {
    parks.binary_search_by(|p| p.id.cmp(&r.park)).ok()
}

fn unknown_park(parks: &[Park], r: &Roster) -> Problem {
    let id = r.park.as_str();
    Problem::new(
        &r.file,
        "",
        format!(
            "roster of an unknown park (got `{id}`; expected the id of a file in parks/){}",
            did_you_mean(id, parks.iter().map(|p| p.id.as_str()))
        ),
    )
}

/// Puts the derived metrics of `roster` into the park's record for its year.
fn apply(
    park: &mut Park,
    roster: &Roster,
    m: &Methodology,
    totals: &RosterTotals,
    cx: &MergeContext,
    problems: &mut Vec<Problem>,
) {
    let year = roster.year;
    let positions = cx.positions.get(park.source.as_str());
    let record = park.years.get_mut(&year).expect("checked by the caller");
    let mut derived = Vec::new();
    for (id, def) in m.metrics.iter().filter(|(k, _)| is_derived(k)) {
        let value = totals.value(id).expect("a derived metric");
        if record.metrics.contains_key(id) {
            let field = format!("years.{year}.metrics.{id}");
            let at = positions.and_then(|p| p.find(&field));
            problems.push(Problem::new(&park.source, &field, format!(
                "also derived from {} (got a value in the record and a roster; expected one source: remove it from the record, or remove the roster)",
                roster.file
            )).at(at));
        }
        if totals.overflowed.contains(&id.as_str()) {
            problems.push(Problem::new(&roster.file, id.as_str(), "the sum is too large to add exactly (expected figures in 万元 of at most 17 digits)"));
        }
        let v = value.to_f64();
        if let Err(msg) = check_metric(def, v) {
            problems.push(Problem::new(
                &roster.file,
                id.as_str(),
                format!(
                    "{msg}: the value derived from this roster's {} row{}",
                    totals.rows,
                    if totals.rows == 1 { "" } else { "s" }
                ),
            ));
        }
        record.metrics.insert(id.clone(), v);
        derived.push(id.clone());
    }
    record.roster = Some(RosterSource {
        file: roster.file.clone(),
        rows: totals.rows,
        metrics: derived,
    });
}

/// The same USCC at year end in two parks' rosters of one year: every occurrence
/// after the first (in path order) names the first.
fn year_end_duplicates(rosters: &[Roster], problems: &mut Vec<Problem>) {
    let mut years: Vec<i32> = rosters.iter().map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    // One year at a time: a national roll-up has a million firms a year.
    for year in years {
        let mut list: Vec<(Uscc, u32, u32)> = Vec::new();
        for (ri, r) in rosters.iter().enumerate().filter(|(_, r)| r.year == year) {
            let end = r.firms.iter().enumerate().filter(|(_, f)| f.at_year_end());
            list.extend(end.map(|(fi, f)| (f.uscc, ri as u32, fi as u32)));
        }
        list.par_sort_unstable_by_key(|(u, r, f)| (u.key(), *r, *f));
        for run in list.chunk_by(|a, b| a.0 == b.0) {
            let (_, r0, f0) = run[0];
            let first = &rosters[r0 as usize];
            for (u, ri, fi) in run[1..]
                .iter()
                .filter(|(_, ri, _)| rosters[*ri as usize].park != first.park)
            {
                let r = &rosters[*ri as usize];
                let f = &r.firms[*fi as usize];
                problems.push(Problem::new(&r.file, "uscc", format!(
                    "in two parks at the end of {year} (got `{u}`, `exited` empty in both; expected one park: also in {} line {}; give the exit date where it left)",
                    first.file, first.firms[f0 as usize].line
                )).at(Some(Position { line: f.line as usize, column: f.column as usize })));
            }
        }
    }
}
