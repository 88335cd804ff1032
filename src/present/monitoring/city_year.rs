//! The city's firms in one year: totals, entries and exits against the
//! new-enterprises goal, 小升规, exits by reason, moves between parks, one row per
//! park, and the data for two charts (entries vs exits by year; revenue bands
//! against the 2,000 万元 规上 line).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::roster_change::roster_changes;
use crate::evaluate::admission::{admission_flags, AdmissionFlag};
use crate::model::{status_of, AdmissionRule, Amount, Dataset, Roster};
use crate::present::format::trimmed;
use crate::present::urls;
use crate::present::Audience;

use super::firm_line::{by_reason, ReasonCount};
use super::CANDIDATE_REVENUE_WAN;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CityYearView<'a> {
    pub year: i32,
    pub parks_with_roster: usize,
    /// Parks with a record for the year (the roster coverage's denominator).
    pub parks_with_record: usize,
    pub firms_at_end: u64,
    pub entries: u64,
    pub exits: u64,
    /// Entries − exits, signed (`+15`, `-3`, `0`).
    pub net: String,
    /// The methodology's goal for new enterprises (`300`).
    pub goal_new_enterprises: String,
    /// new_enterprises over the parks counted for goals, rosters or not.
    pub new_enterprises: String,
    pub goal_met: bool,
    pub above_scale: u64,
    pub new_above_scale: u64,
    pub candidates: u64,
    pub exits_by_reason: Vec<ReasonCount>,
    pub moves: Vec<MoveCount<'a>>,
    pub flags: usize,
    pub flags_by_rule: Vec<RuleCount>,
    pub parks: Vec<ParkRow<'a>>,
    pub revenue_bands: Vec<BandCount>,
    /// Every roster year up to this one (the entries-vs-exits chart).
    pub flow: Vec<YearFlow>,
}

/// Firms that moved from one park to another (same USCC, Y−1 → Y).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoveCount<'a> {
    pub from: &'a str,
    pub from_name: &'a str,
    /// The English names, for the English edition.
    pub from_name_en: Option<&'a str>,
    pub to: &'a str,
    pub to_name: &'a str,
    pub to_name_en: Option<&'a str>,
    pub firms: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleCount {
    pub rule: &'static str,
    pub label: &'static str,
    pub firms: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParkRow<'a> {
    pub park: &'a str,
    /// The park's monitoring page of the year.
    pub url: String,
    pub name: &'a str,
    /// The park's English name, for the English edition.
    pub name_en: Option<&'a str>,
    pub at_end: u64,
    pub entries: u64,
    pub exits: u64,
    pub net: String,
    pub new_above_scale: u64,
    pub candidates: u64,
    pub flags: usize,
}

/// Firms at year end by revenue band (万元): `[from, to)`, `to` open for the last band.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandCount {
    pub label: String,
    pub from: u64,
    pub to: Option<u64>,
    pub firms: u64,
    /// At or above the 2,000 万元 line.
    pub above_line: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearFlow {
    pub year: i32,
    pub parks: usize,
    pub entries: u64,
    pub exits: u64,
}

/// Revenue band edges (万元) for the distribution chart.
const BANDS: [u64; 6] = [0, 500, 1000, 1500, 2000, 5000];

/// Entries, exits, at year end, 小升规 and candidates of one roster.
fn counts(r: &Roster) -> [u64; 5] {
    let y = r.year;
    let mut c = [0u64; 5];
    for f in &r.firms {
        c[0] += u64::from(f.at_year_end());
        c[1] += u64::from(f.entered_in(y));
        c[2] += u64::from(!f.at_year_end());
        c[3] += u64::from(f.new_above_scale(y));
        c[4] += u64::from(
            f.at_year_end() && !f.above_scale(y) && f.revenue_wan.at_least(CANDIDATE_REVENUE_WAN),
        );
    }
    c
}

fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

/// The view of one city-year (internal audience only; `None` without rosters).
pub fn city_year_view(data: &Dataset, year: i32, audience: Audience) -> Option<CityYearView<'_>> {
    if !audience.is_internal() || data.rosters.of_year(year).next().is_none() {
        return None;
    }
    let m = data
        .methodology_for(year)
        .or_else(|| data.methodologies.values().next())?;
    let flags = admission_flags(data, year);
    let (parks, total) = park_rows(data, year, &flags);
    let counted: f64 = data
        .parks
        .iter()
        .filter(|p| status_of(p, year, m).is_some_and(|s| s.counts_for_goals()))
        .filter_map(|p| p.years.get(&year)?.metrics.get("new_enterprises").copied())
        .sum();
    let rosters = || data.rosters.of_year(year);
    Some(CityYearView {
        year,
        parks_with_roster: parks.len(),
        parks_with_record: data
            .parks
            .iter()
            .filter(|p| p.years.contains_key(&year))
            .count(),
        firms_at_end: total[0],
        entries: total[1],
        exits: total[2],
        net: signed(total[1] as i64 - total[2] as i64),
        goal_new_enterprises: trimmed(m.goals.new_enterprises, 2),
        new_enterprises: trimmed(counted, 2),
        goal_met: counted >= m.goals.new_enterprises,
        above_scale: rosters()
            .map(|r| r.firms.iter().filter(|f| f.above_scale(year)).count() as u64)
            .sum(),
        new_above_scale: total[3],
        candidates: total[4],
        exits_by_reason: by_reason(
            rosters().flat_map(|r| r.firms.iter().filter(|f| !f.at_year_end())),
        ),
        moves: moves(data, year),
        flags: flags.len(),
        flags_by_rule: AdmissionRule::ALL
            .iter()
            .map(|rule| RuleCount {
                rule: rule.id(),
                label: rule.label(),
                firms: flags.iter().filter(|f| f.rule == *rule).count(),
            })
            .collect(),
        parks,
        revenue_bands: revenue_bands(
            rosters().flat_map(|r| r.at_year_end().map(|f| f.revenue_wan)),
        ),
        flow: flow(data, year),
    })
}

/// One row per roster of `year`, and the city's totals of [`counts`].
fn park_rows<'a>(
    data: &'a Dataset,
    year: i32,
    flags: &[AdmissionFlag],
) -> (Vec<ParkRow<'a>>, [u64; 5]) {
    let mut rows = Vec::new();
    let mut total = [0u64; 5];
    for r in data.rosters.of_year(year) {
        let c = counts(r);
        total.iter_mut().zip(c).for_each(|(t, x)| *t += x);
        let park = data.park(r.park.as_str()).expect("rosters of loaded parks");
        rows.push(ParkRow {
            park: park.id.as_str(),
            url: urls::monitoring_park(year, park.id.as_str()),
            name: &park.name,
            name_en: park.name_en.as_deref(),
            at_end: c[0],
            entries: c[1],
            exits: c[2],
            net: signed(c[1] as i64 - c[2] as i64),
            new_above_scale: c[3],
            candidates: c[4],
            flags: flags.iter().filter(|f| *f.park == r.park).count(),
        });
    }
    (rows, total)
}

fn moves(data: &Dataset, year: i32) -> Vec<MoveCount<'_>> {
    let mut by_pair: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for c in roster_changes(data, year) {
        for m in &c.moved_in {
            *by_pair
                .entry((m.from.as_str(), c.roster.park.as_str()))
                .or_default() += 1;
        }
    }
    let name = |id: &str| data.park(id).map(|p| p.name.as_str()).unwrap_or("");
    let name_en = |id: &str| data.park(id).and_then(|p| p.name_en.as_deref());
    by_pair
        .into_iter()
        .map(|((from, to), firms)| MoveCount {
            from,
            from_name: name(from),
            from_name_en: name_en(from),
            to,
            to_name: name(to),
            to_name_en: name_en(to),
            firms,
        })
        .collect()
}

/// Firms by revenue band (万元), every band in order (zeros included).
pub fn revenue_bands(revenues: impl Iterator<Item = Amount>) -> Vec<BandCount> {
    let mut firms = [0u64; BANDS.len()];
    for r in revenues {
        let i = BANDS
            .iter()
            .rposition(|edge| r.at_least(*edge))
            .unwrap_or(0);
        firms[i] += 1;
    }
    BANDS
        .iter()
        .enumerate()
        .map(|(i, from)| {
            let to = BANDS.get(i + 1).copied();
            BandCount {
                label: match to {
                    Some(to) => format!("{from}–{to}"),
                    None => format!("≥ {from}"),
                },
                from: *from,
                to,
                firms: firms[i],
                above_line: *from >= super::ABOVE_SCALE_LINE_WAN,
            }
        })
        .collect()
}

/// Entries and exits of one park for every year it has a roster, up to `year`.
pub fn park_flow(data: &Dataset, park: &str, year: i32) -> Vec<YearFlow> {
    data.rosters
        .of_park(park)
        .iter()
        .filter(|r| r.year <= year)
        .map(|r| {
            let c = counts(r);
            YearFlow {
                year: r.year,
                parks: 1,
                entries: c[1],
                exits: c[2],
            }
        })
        .collect()
}

fn flow(data: &Dataset, year: i32) -> Vec<YearFlow> {
    data.rosters
        .years()
        .into_iter()
        .filter(|y| *y <= year)
        .map(|y| {
            let mut f = YearFlow {
                year: y,
                parks: 0,
                entries: 0,
                exits: 0,
            };
            for r in data.rosters.of_year(y) {
                let c = counts(r);
                f.parks += 1;
                f.entries += c[1];
                f.exits += c[2];
            }
            f
        })
        .collect()
}
