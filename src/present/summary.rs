//! What the command line says when a command is done: `check`'s per-year summary
//! and the one-line report every command ends with (`built 168 files (4145 KiB) …
//! in 0.33 s`). Worded here, in one place; the commands fill in the numbers and
//! the binary prints them.

use std::path::Path;
use std::time::Duration;

use crate::analysis::{Corrections, EnglishCoverage};
use crate::error::Problem;
use crate::evaluate::Summary;
use crate::model::{Hundredths, Status};
use crate::present::format::{grouped, trimmed};
use crate::present::Audience;

/// Remaining problems listed after an import; the rest are counted.
const REMAINING_SHOWN: usize = 20;

/// `2022–2023`, `2023`, or `no years`: the span of evaluated years.
pub fn years_text(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a == b => format!("{a}"),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => "no years".into(),
    }
}

/// `0.33 s`: how long a command took, to the hundredth.
pub fn seconds(took: Duration) -> String {
    format!("{:.2} s", took.as_secs_f64())
}

/// `check`'s lines for one year: rated parks, tiers, awards, the parks not rated
/// by status, then each goal. One language per line, the command line's English:
/// statuses by their results.json ids, amounts in yuan when the methodology's
/// award unit is 万元 or 元 (`awards_unit`).
pub fn year_summary(year: i32, s: &Summary, awards_unit: &str) -> String {
    let unrated: Vec<String> = s
        .statuses
        .iter()
        .filter(|(st, n)| *n > 0 && *st != Status::Rated)
        .map(|(st, n)| format!("{} {n}", st.id()))
        .collect();
    let mut out = format!(
        "{year}: {} rated (A {} / B {} / C {}), awards {}",
        s.rated,
        s.tiers[0],
        s.tiers[1],
        s.tiers[2],
        amount(s.awards_total, awards_unit)
    );
    if !unrated.is_empty() {
        out.push_str(&format!("; not rated: {}", unrated.join(", ")));
    }
    out.push('\n');
    for g in &s.goals {
        out.push_str(&format!(
            "  goal {:<16} {} / {} {}\n",
            g.key,
            trimmed(g.value, 2),
            trimmed(g.target, 2),
            if g.met { "met" } else { "not met" }
        ));
    }
    out
}

/// Pages named in `check`'s English line; the rest are counted.
const PAGES_NAMED: usize = 5;

/// `check`'s line on the English edition (never a problem, data.md):
/// `English edition: 12 of 230 names missing (parks: 3 name_en, 9 district_en;
/// methodology: 2 unit_en); 1 of 2 pages without .en.md (about)`.
pub fn english_missing(c: &EnglishCoverage) -> String {
    let missing = c.missing_names();
    let mut out = if missing == 0 {
        format!("English edition: all {} names in English", c.names)
    } else {
        // `parks: 3 name_en, 9 district_en; methodology: 2 unit_en`
        let mut parts: Vec<String> = Vec::new();
        let mut part = "";
        for m in &c.missing {
            match parts.last_mut() {
                Some(last) if m.part == part => {
                    last.push_str(&format!(", {} {}", m.count, m.field));
                }
                _ => parts.push(format!("{}: {} {}", m.part, m.count, m.field)),
            }
            part = m.part;
        }
        format!(
            "English edition: {missing} of {} names missing ({})",
            c.names,
            parts.join("; ")
        )
    };
    if !c.pages_missing.is_empty() {
        let mut named = c.pages_missing[..c.pages_missing.len().min(PAGES_NAMED)].join(", ");
        if c.pages_missing.len() > PAGES_NAMED {
            named.push_str(&format!(", … {} more", c.pages_missing.len() - PAGES_NAMED));
        }
        out.push_str(&format!(
            "; {} of {} pages without .en.md ({named})",
            c.pages_missing.len(),
            c.pages
        ));
    } else if c.pages > 0 {
        out.push_str("; every page has its .en.md");
    }
    out.push('\n');
    out
}

/// An award amount in English: 万元 and 元 become yuan (`5,000,000 yuan`); any
/// other unit a methodology names stays as written.
fn amount(x: Hundredths, unit: &str) -> String {
    match unit {
        "万元" => format!("{} yuan", grouped(x.as_f64() * 10_000.0, 0)),
        "元" => format!("{} yuan", grouped(x.as_f64(), 2)),
        other => format!("{x} {other}"),
    }
}

/// `check`'s line on the corrections notice: how many parks' results changed
/// since the 公示 edition, and in what.
pub fn corrections_line(c: &Corrections) -> String {
    let mut n = [0usize; 5];
    for p in &c.parks {
        let ch = p.changed();
        for (k, hit) in [ch.status, ch.total, ch.rank, ch.tier, ch.award]
            .into_iter()
            .enumerate()
        {
            n[k] += usize::from(hit);
        }
    }
    format!(
        "{} corrections since {}: {} park(s) changed (status {}, total {}, rank {}, tier {}, award {}); {} corrected without a change of result\n",
        c.year,
        c.since,
        c.parks.len(),
        n[0],
        n[1],
        n[2],
        n[3],
        n[4],
        c.unchanged.len()
    )
}

/// Where a command read its data from and how long it took: the tail of most summaries.
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    /// The data source as the user knows it (`data`, `the embedded sample city`).
    pub from: &'a str,
    pub took: Duration,
}

/// What `build` wrote.
#[derive(Debug, Clone, Copy)]
pub struct Built<'a> {
    pub files: usize,
    pub bytes: usize,
    pub years: &'a [i32],
    pub into: &'a Path,
    /// Files whose bytes changed (new ones included), and files no longer produced.
    pub written: usize,
    pub removed: usize,
}

/// `built 168 files (4145 KiB) for 2022–2023 from data into site in 0.33 s (12
/// written, 0 removed)`; `(nothing changed)` when the folder already held the site.
pub fn built(b: &Built, run: Run) -> String {
    let changes = if b.written == 0 && b.removed == 0 {
        "nothing changed".to_string()
    } else {
        format!("{} written, {} removed", b.written, b.removed)
    };
    format!(
        "built {} files ({} KiB) for {} from {} into {} in {} ({changes})",
        b.files,
        b.bytes / 1024,
        years_text(b.years),
        run.from,
        b.into.display(),
        seconds(run.took)
    )
}

/// `ok: 47 parks, 2022–2023 checked from data in 0.12 s`
pub fn checked(parks: usize, years: &[i32], run: Run) -> String {
    format!(
        "ok: {parks} parks, {} checked from {} in {}",
        years_text(years),
        run.from,
        seconds(run.took)
    )
}

/// `explained gx-dianzi for 2023 from data in 0.05 s`
pub fn explained(park: &str, year: i32, run: Run) -> String {
    format!(
        "explained {park} for {year} from {} in {}",
        run.from,
        seconds(run.took)
    )
}

/// What `diff` compared.
#[derive(Debug, Clone, Copy)]
pub struct Compared<'a> {
    pub a: &'a str,
    pub b: &'a str,
    /// Parks whose result changed, summed over the years.
    pub changed: usize,
    pub years: &'a [i32],
}

/// `compared a with b: 3 changed results in 2022–2023 in 0.20 s`
pub fn compared(c: &Compared, took: Duration) -> String {
    format!(
        "compared {} with {}: {} changed result{} in {} in {}",
        c.a,
        c.b,
        c.changed,
        if c.changed == 1 { "" } else { "s" },
        years_text(c.years),
        seconds(took)
    )
}

/// `1000 runs over 41 rated parks in 0.30 s` (the time of the runs alone).
pub fn sensitivity_runs(runs: usize, rated: usize, took: Duration) -> String {
    format!("{runs} runs over {rated} rated parks in {}", seconds(took))
}

/// What `template` wrote.
#[derive(Debug, Clone, Copy)]
pub struct Workbook<'a> {
    pub path: &'a Path,
    pub year: i32,
    pub bytes: usize,
    /// Problems of the data folder (the workbook is still useful to collect fixes).
    pub problems: usize,
}

/// `wrote 填报-2024.xlsx for 2024 from data (14 KiB)`, and a note when the data
/// folder has problems.
pub fn template_written(w: &Workbook, from: &str) -> String {
    let mut text = format!(
        "wrote {} for {} from {from} ({} KiB)",
        w.path.display(),
        w.year,
        w.bytes / 1024
    );
    if w.problems > 0 {
        text.push_str(&format!(
            "\nnote: the data folder has {} problem(s); `parkscore check` lists them",
            w.problems
        ));
    }
    text
}

/// What an import did (`written` is the data folder, `None` for a dry run), then
/// the problems that remain in the data folder, the first twenty of them listed.
pub fn imported(files: usize, written: Option<&Path>, remaining: &[Problem]) -> String {
    let mut text = match written {
        None => format!("dry run: {files} file(s) would change; nothing written"),
        Some(dir) => format!("wrote {files} file(s) in {}", dir.display()),
    };
    if !remaining.is_empty() {
        text.push_str(&format!(
            "\n{} problem(s) remain in the data folder (`parkscore check` lists them):",
            remaining.len()
        ));
        for p in remaining.iter().take(REMAINING_SHOWN) {
            text.push_str(&format!("\n  {p}"));
        }
        if remaining.len() > REMAINING_SHOWN {
            text.push_str(&format!(
                "\n  … and {} more",
                remaining.len() - REMAINING_SHOWN
            ));
        }
    }
    text
}

/// What `report` wrote.
#[derive(Debug, Clone, Copy)]
pub struct Reported<'a> {
    pub path: &'a Path,
    pub bytes: usize,
    pub cards: usize,
    pub audience: Audience,
    pub year: i32,
}

/// `wrote report-2023.html (1380 KiB, 47 scorecards, internal) for 2023 from data in 0.10 s`
pub fn reported(r: &Reported, run: Run) -> String {
    format!(
        "wrote {} ({} KiB, {} scorecards, {}) for {} from {} in {}",
        r.path.display(),
        r.bytes / 1024,
        r.cards,
        r.audience.id(),
        r.year,
        run.from,
        seconds(run.took)
    )
}

/// `stopped serving http://127.0.0.1:8000/ after 63 s: 4 rebuilds (1 failed)`
pub fn stopped_serving(url: &str, took: Duration, rebuilds: usize, failed: usize) -> String {
    format!(
        "stopped serving {url} after {:.0} s: {rebuilds} rebuild{} ({failed} failed)",
        took.as_secs_f64(),
        if rebuilds == 1 { "" } else { "s" },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::english_coverage::MissingNames;
    use crate::evaluate::GoalResult;
    use crate::model::{Hundredths, Status};

    #[test]
    fn years_are_a_span() {
        assert_eq!(years_text(&[2022, 2023, 2024]), "2022–2024");
        assert_eq!(years_text(&[2023]), "2023");
        assert_eq!(years_text(&[]), "no years");
    }

    #[test]
    fn a_build_says_what_it_changed_or_that_nothing_did() {
        let run = Run {
            from: "data",
            took: Duration::from_millis(330),
        };
        let mut b = Built {
            files: 168,
            bytes: 4145 * 1024 + 7,
            years: &[2022, 2023],
            into: Path::new("site"),
            written: 12,
            removed: 1,
        };
        assert_eq!(
            built(&b, run),
            "built 168 files (4145 KiB) for 2022–2023 from data into site in 0.33 s (12 written, 1 removed)"
        );
        (b.written, b.removed) = (0, 0);
        assert!(built(&b, run).ends_with("in 0.33 s (nothing changed)"));
    }

    #[test]
    fn durations_have_two_decimals() {
        assert_eq!(seconds(Duration::from_millis(1234)), "1.23 s");
        assert_eq!(seconds(Duration::from_millis(5)), "0.01 s");
    }

    #[test]
    fn a_year_lists_tiers_unrated_statuses_and_goals() {
        let s = Summary {
            rated: 5,
            tiers: [1, 3, 1],
            awards_total: Hundredths(23000),
            goals: vec![
                GoalResult {
                    key: "parks",
                    value: 5.0,
                    target: 10.0,
                    met: false,
                },
                GoalResult {
                    key: "enterprises",
                    value: 312.5,
                    target: 300.0,
                    met: true,
                },
            ],
            statuses: vec![
                (Status::NotOperating, 0),
                (Status::Vetoed, 1),
                (Status::NotReported, 2),
                (Status::Rated, 5),
            ],
        };
        // 230.00 万元 = 2,300,000 yuan; statuses by id, in the summary's order.
        assert_eq!(
            year_summary(2023, &s, "万元"),
            "2023: 5 rated (A 1 / B 3 / C 1), awards 2,300,000 yuan; not rated: vetoed 1, not_reported 2\n  goal parks            5 / 10 not met\n  goal enterprises      312.5 / 300 met\n"
        );
        let all_rated = Summary {
            statuses: vec![(Status::Rated, 5)],
            goals: vec![],
            ..s
        };
        assert_eq!(
            year_summary(2022, &all_rated, "万元"),
            "2022: 5 rated (A 1 / B 3 / C 1), awards 2,300,000 yuan\n"
        );
    }

    #[test]
    fn amounts_read_in_yuan() {
        assert_eq!(amount(Hundredths(50_000), "万元"), "5,000,000 yuan");
        assert_eq!(amount(Hundredths(12_345), "万元"), "1,234,500 yuan");
        assert_eq!(amount(Hundredths(150), "元"), "1.5 yuan");
        assert_eq!(amount(Hundredths(150), "points"), "1.50 points");
    }

    #[test]
    fn an_import_lists_twenty_remaining_problems_and_counts_the_rest() {
        let problems: Vec<Problem> = (0..23)
            .map(|i| Problem::new(format!("parks/p{i:02}.yaml"), "years", "no record"))
            .collect();
        let text = imported(3, None, &problems);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "dry run: 3 file(s) would change; nothing written");
        assert_eq!(
            lines[1],
            "23 problem(s) remain in the data folder (`parkscore check` lists them):"
        );
        assert_eq!(lines[2], "  parks/p00.yaml: years: no record");
        assert_eq!(lines[21], "  parks/p19.yaml: years: no record");
        assert_eq!(lines[22], "  … and 3 more");
        assert_eq!(lines.len(), 23);
        assert_eq!(
            imported(1, Some(Path::new("data")), &[]),
            "wrote 1 file(s) in data"
        );
    }

    #[test]
    fn the_english_line_groups_missing_names_by_part_and_names_pages() {
        let missing = |part, field, count| MissingNames { part, field, count };
        let c = EnglishCoverage {
            names: 230,
            missing: vec![
                missing("parks", "name_en", 3),
                missing("parks", "operator_en", 2),
                missing("methodology", "unit_en", 7),
            ],
            pages: 8,
            pages_missing: ["a", "b", "c", "d", "e", "f", "g"]
                .map(String::from)
                .to_vec(),
        };
        assert_eq!(
            english_missing(&c),
            "English edition: 12 of 230 names missing (parks: 3 name_en, 2 operator_en; methodology: 7 unit_en); 7 of 8 pages without .en.md (a, b, c, d, e, … 2 more)\n"
        );
        let complete = EnglishCoverage {
            names: 230,
            pages: 2,
            ..EnglishCoverage::default()
        };
        assert_eq!(
            english_missing(&complete),
            "English edition: all 230 names in English; every page has its .en.md\n"
        );
        let no_pages = EnglishCoverage {
            pages: 0,
            ..complete
        };
        assert_eq!(
            english_missing(&no_pages),
            "English edition: all 230 names in English\n"
        );
    }

    #[test]
    fn serving_counts_rebuilds_in_whole_seconds() {
        assert_eq!(
            stopped_serving(
                "http://127.0.0.1:8000/",
                Duration::from_millis(62_600),
                1,
                0
            ),
            "stopped serving http://127.0.0.1:8000/ after 63 s: 1 rebuild (0 failed)"
        );
        assert_eq!(
            stopped_serving("u", Duration::ZERO, 4, 1),
            "stopped serving u after 0 s: 4 rebuilds (1 failed)"
        );
    }
}
