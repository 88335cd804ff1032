//! One park-year's roster as the bureau monitors it: firms at year end, entries,
//! exits by reason, 规上 and 小升规 by name, 小升规 candidates, the leading-industry
//! share, entry-review flags, and the change against last year's roster.

use serde::Serialize;

use crate::analysis::roster_change::{roster_change, YearIndex};
use crate::evaluate::admission::roster_flags;
use crate::model::{Dataset, Firm, Roster, RosterTotals};
use crate::present::format::fixed;
use crate::present::provenance::file_text;
use crate::present::Audience;

use super::firm_line::{by_reason, FirmLine, FlagLine, ReasonCount};
use super::CANDIDATE_REVENUE_WAN;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParkYearView<'a> {
    pub park: &'a str,
    pub name: &'a str,
    pub year: i32,
    /// "from enterprises/<id>/<Y>.csv, 87 rows".
    pub source: String,
    /// The roster file, relative to the data folder.
    pub file: &'a str,
    pub rows: usize,
    pub at_end: usize,
    pub entries: Vec<FirmLine<'a>>,
    pub exits: Vec<FirmLine<'a>>,
    pub exits_by_reason: Vec<ReasonCount>,
    /// 规上 at year end.
    pub above_scale: Vec<FirmLine<'a>>,
    /// 小升规: 规上 since this year.
    pub new_above_scale: Vec<FirmLine<'a>>,
    /// At year end, not 规上, revenue ≥ 1,500 万元; largest first.
    pub candidates: Vec<FirmLine<'a>>,
    pub leading: LeadingShare,
    pub flags: Vec<FlagLine<'a>>,
    pub change: ChangeView<'a>,
}

/// The park's leading industries among its firms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeadingShare {
    /// The park's `leading_industry_codes` (pages join them in their language).
    pub codes: Vec<String>,
    /// Leading-industry firms at year end, of all firms at year end.
    pub firms: u64,
    pub of: u64,
    /// `72.3%`, or `—` without firms.
    pub share: String,
    /// Leading-industry revenue over all rows, of all revenue, as a percentage.
    pub revenue_share: String,
}

/// Against the park's roster of the year before.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeView<'a> {
    /// The previous roster's file, if the park had one.
    pub previous: Option<&'a str>,
    pub appeared: Vec<FirmLine<'a>>,
    pub moved_in: Vec<MovedInLine<'a>>,
    pub left: Vec<FirmLine<'a>>,
    /// At the end of last year, but in no row of this roster (no exit record).
    pub unaccounted: Vec<FirmLine<'a>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MovedInLine<'a> {
    pub firm: FirmLine<'a>,
    pub from: &'a str,
    pub from_name: &'a str,
    /// The English name, for the English edition.
    pub from_name_en: Option<&'a str>,
}

/// The view of one park-year (internal audience only; `None` without a roster).
pub fn park_year_view<'a>(
    data: &'a Dataset,
    park: &str,
    year: i32,
    audience: Audience,
) -> Option<ParkYearView<'a>> {
    if !audience.is_internal() {
        return None;
    }
    let roster = data.rosters.get(park, year)?;
    Some(view(data, roster, &YearIndex::new(data, year - 1)))
}

/// The views of every roster of `year`, by park id (internal audience only).
pub fn park_year_views(
    data: &Dataset,
    year: i32,
    audience: Audience,
) -> Option<Vec<ParkYearView<'_>>> {
    if !audience.is_internal() {
        return None;
    }
    let before = YearIndex::new(data, year - 1);
    Some(
        data.rosters
            .of_year(year)
            .map(|r| view(data, r, &before))
            .collect(),
    )
}

fn lines<'a>(firms: impl Iterator<Item = &'a Firm>) -> Vec<FirmLine<'a>> {
    firms.map(FirmLine::of).collect()
}

/// The view of `roster`, with `before` indexing every roster of the year before
/// (callers check the audience: see [`super::MonitoringLookup`]).
pub(super) fn view<'a>(
    data: &'a Dataset,
    roster: &'a Roster,
    before: &YearIndex<'a>,
) -> ParkYearView<'a> {
    let y = roster.year;
    let park = data
        .park(roster.park.as_str())
        .expect("rosters of loaded parks");
    let m = data
        .methodology_for(y)
        .or_else(|| data.methodologies.values().next())
        .expect("a methodology");
    let mut candidates: Vec<&Firm> = roster
        .at_year_end()
        .filter(|f| !f.above_scale(y) && f.revenue_wan.at_least(CANDIDATE_REVENUE_WAN))
        .collect();
    candidates.sort_by(|a, b| b.revenue_wan.cmp(&a.revenue_wan).then(a.uscc.cmp(&b.uscc)));
    let exits = || roster.firms.iter().filter(|f| !f.at_year_end());
    ParkYearView {
        park: park.id.as_str(),
        name: &park.name,
        year: y,
        source: file_text(&roster.file, roster.firms.len()),
        file: &roster.file,
        rows: roster.firms.len(),
        at_end: roster.at_year_end().count(),
        entries: lines(roster.firms.iter().filter(|f| f.entered_in(y))),
        exits: lines(exits()),
        exits_by_reason: by_reason(exits()),
        above_scale: lines(roster.firms.iter().filter(|f| f.above_scale(y))),
        new_above_scale: lines(roster.firms.iter().filter(|f| f.new_above_scale(y))),
        candidates: lines(candidates.into_iter()),
        leading: leading(roster, &park.leading_industry_codes),
        flags: roster_flags(roster, m)
            .into_iter()
            .map(|f| FlagLine::of(f.firm, f.rule))
            .collect(),
        change: change(data, roster, before),
    }
}

fn percent_of(part: f64, whole: f64) -> String {
    if whole > 0.0 {
        format!("{}%", fixed(100.0 * part / whole, 1))
    } else {
        "—".into()
    }
}

fn leading(roster: &Roster, codes: &[String]) -> LeadingShare {
    let t = RosterTotals::of(roster, codes);
    LeadingShare {
        codes: codes.to_vec(),
        firms: t.leading_end,
        of: t.end,
        share: percent_of(t.leading_end as f64, t.end as f64),
        revenue_share: percent_of(t.leading_revenue_wan.to_f64(), t.revenue_wan.to_f64()),
    }
}

fn change<'a>(data: &'a Dataset, roster: &'a Roster, before: &YearIndex<'a>) -> ChangeView<'a> {
    let c = roster_change(data, roster, before);
    ChangeView {
        previous: c.previous.map(|p| p.file.as_str()),
        appeared: lines(c.appeared.into_iter()),
        moved_in: c
            .moved_in
            .into_iter()
            .map(|m| MovedInLine {
                firm: FirmLine::of(m.firm),
                from: m.from.as_str(),
                from_name: data
                    .park(m.from.as_str())
                    .map(|p| p.name.as_str())
                    .unwrap_or(""),
                from_name_en: data
                    .park(m.from.as_str())
                    .and_then(|p| p.name_en.as_deref()),
            })
            .collect(),
        left: lines(c.left.into_iter()),
        unaccounted: lines(c.unaccounted.into_iter()),
    }
}
