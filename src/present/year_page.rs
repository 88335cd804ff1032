//! The page of one evaluated year (also the home page for the latest year):
//! headline figures, goals, tier and district charts, the ranking and the parks
//! not rated.

use serde::Serialize;

use crate::evaluate::Tier;
use crate::evaluate::{GoalResult, ParkResult};
use crate::model::{Hundredths, Status};

use super::charts::{nice_step, ticks, Bar, Bars, ChartSpec, ChartView, TableView, Tone};
use super::districts::district_chart;
use super::format::{fixed, grouped, trimmed};
use super::lang::{Lang, Named};
use super::messages::{fill, msg, word};
use super::reasons::reason;
use super::site::SiteData;
use super::urls;

#[derive(Serialize)]
pub struct YearPage<'a> {
    pub year: i32,
    pub is_latest: bool,
    pub methodology_title: Named<'a>,
    pub methodology_url: String,
    pub headline: Vec<Headline>,
    pub goals: Vec<GoalView>,
    pub tier_chart: ChartView,
    pub district_chart: ChartView,
    pub dimension_labels: Vec<Named<'a>>,
    pub ranking: Vec<RankRow<'a>>,
    pub unrated: Vec<UnratedRow<'a>>,
    /// District names for the ranking filter, sorted.
    pub districts: Vec<Named<'a>>,
    pub years: Vec<YearLink>,
    /// Shared by both editions: relative to the site root (`chrome.site_root`).
    pub results_json: String,
    pub results_csv: String,
    pub show_notes: bool,
    /// The year's robustness page (分档稳健性), when the build made one.
    pub robustness_url: Option<String>,
    /// The year's corrections notice (更正说明), when the build publishes one.
    pub corrections_url: Option<String>,
    /// The year's monitoring page (internal builds with rosters).
    pub monitoring_url: Option<String>,
}

#[derive(Serialize)]
pub struct Headline {
    pub label: &'static str,
    pub value: String,
    pub unit: &'static str,
    /// What the figure includes that another figure counts too (`含数据缺报 2`).
    pub note: Option<String>,
}

#[derive(Serialize)]
pub struct GoalView {
    pub label: &'static str,
    pub value: String,
    pub target: String,
    pub unit: &'static str,
    pub met: bool,
    /// Bar width in percent (0–100), as text for a style attribute.
    pub width: String,
    /// Value ÷ target as a percentage.
    pub ratio: String,
}

#[derive(Serialize)]
pub struct RankRow<'a> {
    pub rank: u32,
    pub id: &'a str,
    pub name: Named<'a>,
    pub url: String,
    pub district: Named<'a>,
    pub dimensions: Vec<String>,
    pub bonus: String,
    pub total: String,
    pub tier: &'static str,
    pub award: String,
    /// The award as a plain number, for sorting.
    pub award_sort: String,
    /// Against last year, when the park was rated in both years (issue 12 #14).
    pub change: Option<Change>,
}

/// A rated park's rank and total against the previous year.
#[derive(Serialize)]
pub struct Change {
    /// Places gained (positive) or lost, for sorting.
    pub places: i64,
    /// `↑3`, `↓1`, `=`.
    pub rank: String,
    /// The same in words for screen readers (`上升3位`).
    pub rank_words: String,
    /// `+1.25`, `−0.40`, `0.00`.
    pub total: String,
    /// The total's change as a plain number, for sorting.
    pub total_sort: String,
}

/// `p`'s change since the year before `year`, if it was rated then too.
fn change(site: &SiteData, year: i32, p: &ParkResult, lang: Lang) -> Option<Change> {
    let before = site.result(site.year_index(year - 1)?, p.park)?;
    let (old_rank, new_rank) = (before.rank?, p.rank?);
    let (old_total, new_total) = (before.total?, p.total?);
    let places = i64::from(old_rank) - i64::from(new_rank);
    let (rank, rank_words) = match places {
        0 => ("=".to_string(), msg(lang, "ranking.rank_same").to_string()),
        n if n > 0 => (
            format!("↑{n}"),
            fill(lang, "ranking.rank_up", &[("n", &n.to_string())]),
        ),
        n => (
            format!("↓{}", -n),
            fill(lang, "ranking.rank_down", &[("n", &(-n).to_string())]),
        ),
    };
    let delta = Hundredths(new_total.0 - old_total.0);
    let total = match delta.0 {
        d if d > 0 => format!("+{delta}"),
        d if d < 0 => format!("−{}", Hundredths(-d)),
        _ => delta.to_string(),
    };
    Some(Change {
        places,
        rank,
        rank_words,
        total,
        total_sort: delta.to_string(),
    })
}

#[derive(Serialize)]
pub struct UnratedRow<'a> {
    pub id: &'a str,
    pub name: Named<'a>,
    pub url: String,
    pub district: Named<'a>,
    pub status: &'static str,
    pub status_id: &'static str,
    pub reason: Named<'a>,
    pub tier: &'static str,
    pub note: Option<Named<'a>>,
}

#[derive(Serialize)]
pub struct YearLink {
    pub year: i32,
    pub url: String,
    pub current: bool,
}

/// Award amounts as printed: `—` for none, else up to two decimals.
/// A park's award as the CSV and the docs give it: `0.00` for a rated park outside
/// A (issue 12 #3), `—` only where there is no award at all (not rated).
pub fn award_text(award: Option<crate::model::Hundredths>) -> String {
    award.map_or_else(|| "—".into(), |a| a.to_string())
}

/// A development goal's label and unit in `lang`.
pub fn goal_label(key: &str, lang: Lang) -> (&'static str, &'static str) {
    match key {
        "parks" | "new_enterprises" | "enterprises" => (
            word(lang, "goal", key),
            word(lang, "goal", &format!("{key}_unit")),
        ),
        _ => (word(lang, "goal", "other"), ""),
    }
}

fn goal_view(g: &GoalResult, lang: Lang) -> GoalView {
    let (label, unit) = goal_label(g.key, lang);
    let ratio = g.ratio();
    GoalView {
        label,
        value: grouped(g.value, 2),
        target: grouped(g.target, 2),
        unit,
        met: g.met,
        width: trimmed(ratio.unwrap_or(1.0).clamp(0.0, 1.0) * 100.0, 1),
        ratio: ratio.map_or("—".into(), |r| format!("{}%", fixed(r * 100.0, 1))),
    }
}

/// The view of the `y`-th evaluated year.
pub fn year_page<'a>(site: &SiteData<'a>, y: usize, lang: Lang) -> YearPage<'a> {
    let r = &site.years[y];
    let m = site.methodology(y);
    let data = site.data;
    let s = &r.summary;
    let headline = headline(site, y, lang);

    let ranking: Vec<RankRow<'a>> = r
        .rated()
        .map(|p| {
            let park = &data.parks[p.park];
            RankRow {
                rank: p.rank.unwrap_or(0),
                id: park.id.as_str(),
                name: lang.name(&park.name, park.name_en.as_deref()),
                url: urls::scorecard(r.year, park.id.as_str()),
                district: lang.name(&park.district, park.district_en.as_deref()),
                dimensions: p.dimensions.iter().map(|d| d.to_string()).collect(),
                bonus: p.bonus.unwrap_or_default().to_string(),
                total: p.total.unwrap_or_default().to_string(),
                tier: p.tier.map_or("—", Tier::as_str),
                award: award_text(p.award),
                award_sort: trimmed(p.award.unwrap_or_default().as_f64(), 2),
                change: change(site, r.year, p, lang),
            }
        })
        .collect();

    let unrated: Vec<UnratedRow<'a>> = r
        .parks
        .iter()
        .filter(|p| p.status != Status::Rated)
        .map(|p| {
            let park = &data.parks[p.park];
            UnratedRow {
                id: park.id.as_str(),
                name: lang.name(&park.name, park.name_en.as_deref()),
                url: urls::scorecard(r.year, park.id.as_str()),
                district: lang.name(&park.district, park.district_en.as_deref()),
                status: word(lang, "status", p.status.id()),
                status_id: p.status.id(),
                reason: reason(p, park, m, lang),
                tier: p.tier.map_or("—", Tier::as_str),
                note: if site.audience.is_internal() {
                    park.years.get(&r.year).and_then(|rec| {
                        Some(lang.name(rec.note.as_deref()?, rec.note_en.as_deref()))
                    })
                } else {
                    None
                },
            }
        })
        .collect();

    let mut districts: Vec<Named<'a>> = r
        .rated()
        .map(|p| {
            let park = &data.parks[p.park];
            lang.name(&park.district, park.district_en.as_deref())
        })
        .collect();
    districts.sort_unstable();
    districts.dedup();

    YearPage {
        year: r.year,
        is_latest: site.latest() == Some(y),
        methodology_title: lang.name(&m.title, m.title_en.as_deref()),
        methodology_url: urls::methodology(m.year),
        headline,
        goals: s.goals.iter().map(|g| goal_view(g, lang)).collect(),
        tier_chart: tier_chart(site, y, lang),
        district_chart: district_chart(site, y, lang),
        dimension_labels: m
            .dimensions
            .iter()
            .map(|d| lang.name(&d.label, d.label_en.as_deref()))
            .collect(),
        ranking,
        unrated,
        districts,
        years: site
            .years
            .iter()
            .map(|x| YearLink {
                year: x.year,
                url: urls::year(x.year),
                current: x.year == r.year,
            })
            .collect(),
        results_json: urls::results_json(r.year),
        results_csv: urls::results_csv(r.year),
        show_notes: site.audience.is_internal(),
        robustness_url: site.study(y).map(|s| urls::robustness(s.year)),
        corrections_url: site.corrections_url(y, None),
        monitoring_url: site
            .monitoring
            .has_year(y)
            .then(|| urls::monitoring(r.year)),
    }
}

/// The year's headline figures: parks rated, per tier, awards, not rated.
fn headline(site: &SiteData, y: usize, lang: Lang) -> Vec<Headline> {
    let r = &site.years[y];
    let s = &r.summary;
    let not_rated: usize = r.parks.iter().filter(|p| p.status != Status::Rated).count();
    let not_reported = r
        .parks
        .iter()
        .filter(|p| p.status == Status::NotReported)
        .count();
    // Not-reported parks are tier C and not rated: say so on both figures, so the
    // figures add up at a glance (issue 12 #8).
    let within = (not_reported > 0).then(|| {
        fill(
            lang,
            "headline.within_not_reported",
            &[("n", &grouped_count(not_reported))],
        )
    });
    let parks = msg(lang, "headline.unit_parks");
    let figure = |key: &str, value: String, unit: &'static str, note: Option<String>| Headline {
        label: word(lang, "headline", key),
        value,
        unit,
        note,
    };
    vec![
        figure("rated", grouped_count(s.rated), parks, None),
        figure("tier_a", grouped_count(s.tiers[0]), parks, None),
        figure("tier_b", grouped_count(s.tiers[1]), parks, None),
        figure("tier_c", grouped_count(s.tiers[2]), parks, within.clone()),
        figure(
            "awards",
            trimmed(s.awards_total.as_f64(), 2),
            msg(lang, "headline.unit_wan"),
            None,
        ),
        figure("not_rated", grouped_count(not_rated), parks, within),
    ]
}

/// A count as printed: whole, without grouping (`2316`; as the Chinese pages always did).
fn grouped_count(n: usize) -> String {
    n.to_string()
}

/// Parks per tier, plus those listed without a tier.
pub fn tier_chart(site: &SiteData, y: usize, lang: Lang) -> ChartView {
    let r = &site.years[y];
    let s = &r.summary;
    let not_reported = r
        .parks
        .iter()
        .filter(|p| p.status == Status::NotReported)
        .count();
    let untiered = r.parks.iter().filter(|p| p.tier.is_none()).count();
    let tier = |t: &str| fill(lang, "tier_chart.tier", &[("tier", t)]);
    let rows: Vec<(String, usize, Tone)> = vec![
        (tier("A"), s.tiers[0], Tone::TierA),
        (tier("B"), s.tiers[1], Tone::TierB),
        (tier("C"), s.tiers[2], Tone::TierC),
        (
            msg(lang, "tier_chart.untiered").into(),
            untiered,
            Tone::Unrated,
        ),
    ];
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    let step = nice_step(max, 4).max(1.0);
    let top = (max / step).ceil() * step;
    let year = r.year.to_string();
    let n = |k: usize| k.to_string();
    let desc = fill(
        lang,
        "tier_chart.desc",
        &[
            ("year", &year),
            ("a", &n(s.tiers[0])),
            ("b", &n(s.tiers[1])),
            ("c", &n(s.tiers[2])),
            ("missing", &n(not_reported)),
            ("untiered", &n(untiered)),
        ],
    );
    ChartView {
        id: "tiers".into(),
        title: fill(lang, "tier_chart.title", &[("year", &year)]),
        desc,
        table: TableView {
            head: vec![
                msg(lang, "tier_chart.head_tier").into(),
                msg(lang, "tier_chart.head_parks").into(),
            ],
            rows: rows
                .iter()
                .map(|(l, n, _)| vec![Named::plain(l.clone()), Named::plain(n.to_string())])
                .collect(),
        },
        spec: ChartSpec::Bars(Bars {
            bars: rows
                .into_iter()
                .map(|(label, n, tone)| Bar {
                    label: Named::plain(label),
                    value: n as f64,
                    text: n.to_string(),
                    tone,
                })
                .collect(),
            min: 0.0,
            max: top,
            ticks: ticks(0.0, top, step),
            axis_label: msg(lang, "tier_chart.axis").into(),
            vertical: true,
        }),
    }
}
