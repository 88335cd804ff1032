//! The roster lines of `check`'s yearly summary: coverage, flows and entry-review
//! counts (counts only: `check` prints to a terminal anyone may be looking at).

use std::fmt::Write;

use crate::evaluate::admission::admission_flags;
use crate::model::{AdmissionRule, Dataset};

/// Lines (each ending in a newline) for `year`; empty when the year has no roster.
pub fn check_summary(data: &Dataset, year: i32) -> String {
    let mut o = String::new();
    let rosters: Vec<_> = data.rosters.of_year(year).collect();
    if rosters.is_empty() {
        return o;
    }
    let firms: usize = rosters.iter().map(|r| r.firms.len()).sum();
    let at_end: usize = rosters.iter().map(|r| r.at_year_end().count()).sum();
    let entered: usize = rosters
        .iter()
        .map(|r| r.firms.iter().filter(|f| f.entered_in(year)).count())
        .sum();
    let left = firms - at_end;
    let _ = writeln!(
        o,
        "  rosters {}, {firms} rows: {at_end} firms at year end, {entered} entered, {left} left",
        plural(rosters.len(), "park")
    );
    let m = data
        .methodology_for(year)
        .or_else(|| data.methodologies.values().next());
    if m.is_some_and(|m| m.admission.is_some()) {
        let flags = admission_flags(data, year);
        let mut parks: Vec<&str> = flags.iter().map(|f| f.park.as_str()).collect();
        parks.dedup();
        let per_rule: Vec<String> = AdmissionRule::ALL
            .iter()
            .map(|r| {
                format!(
                    "{} {}",
                    r.id(),
                    flags.iter().filter(|f| f.rule == *r).count()
                )
            })
            .collect();
        let _ = writeln!(
            o,
            "  entry review {} in {} ({})",
            plural(flags.len(), "flag"),
            plural(parks.len(), "park"),
            per_rule.join(", ")
        );
    }
    o
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
