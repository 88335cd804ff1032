//! `parkscore check`: each year's summary, one line per year and one per goal, in
//! English like the rest of the command line. Statuses are named by their
//! results.json ids, amounts in the units of the English edition (万元 → yuan).

use std::fmt::Write;

use crate::analysis::Corrections;
use crate::evaluate::YearResult;
use crate::model::{Dataset, Hundredths, Status};

use super::format::{grouped, trimmed};

/// The summary `check` prints for every evaluated year.
pub fn check_summary(data: &Dataset, years: &[YearResult]) -> String {
    let mut o = String::new();
    for r in years {
        let s = &r.summary;
        let unit = data
            .methodologies
            .get(&r.methodology_year)
            .map(|m| m.awards.unit.as_str())
            .unwrap_or("万元");
        let unrated: Vec<String> = s
            .statuses
            .iter()
            .filter(|(st, n)| *n > 0 && *st != Status::Rated)
            .map(|(st, n)| format!("{} {n}", st.id()))
            .collect();
        let _ = writeln!(
            o,
            "{}: {} rated (A {} / B {} / C {}), awards {}{}",
            r.year,
            s.rated,
            s.tiers[0],
            s.tiers[1],
            s.tiers[2],
            amount(s.awards_total, unit),
            if unrated.is_empty() {
                String::new()
            } else {
                format!("; not rated: {}", unrated.join(", "))
            }
        );
        for g in &s.goals {
            let _ = writeln!(
                o,
                "  goal {:<16} {} / {} {}",
                g.key,
                trimmed(g.value, 2),
                trimmed(g.target, 2),
                if g.met { "met" } else { "not met" }
            );
        }
    }
    o
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

/// One line on the corrections notice: how many parks' results changed since the
/// 公示 edition, and in what.
pub fn corrections_summary(c: &Corrections) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_in_yuan() {
        assert_eq!(amount(Hundredths(50_000), "万元"), "5,000,000 yuan");
        assert_eq!(amount(Hundredths(12_345), "万元"), "1,234,500 yuan");
        assert_eq!(amount(Hundredths(150), "元"), "1.5 yuan");
        assert_eq!(amount(Hundredths(150), "points"), "1.50 points");
    }
}
