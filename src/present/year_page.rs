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
use super::reasons::reason;
use super::site::SiteData;
use super::urls;

#[derive(Serialize)]
pub struct YearPage<'a> {
    pub year: i32,
    pub is_latest: bool,
    pub methodology_title: &'a str,
    pub methodology_url: String,
    pub headline: Vec<Headline>,
    pub goals: Vec<GoalView>,
    pub tier_chart: ChartView,
    pub district_chart: ChartView,
    pub dimension_labels: Vec<&'a str>,
    pub ranking: Vec<RankRow<'a>>,
    pub unrated: Vec<UnratedRow<'a>>,
    /// District names for the ranking filter, sorted.
    pub districts: Vec<&'a str>,
    pub years: Vec<YearLink>,
    pub results_json: String,
    pub results_csv: String,
    pub show_notes: bool,
    /// The year's robustness page (分档稳健性), when the build made one.
    pub robustness_url: Option<String>,
    /// The year's corrections notice (更正说明), when the build publishes one.
    pub corrections_url: Option<String>,
}

#[derive(Serialize)]
pub struct Headline {
    pub label: &'static str,
    pub value: String,
    pub unit: &'static str,
    /// What the figure includes that another figure counts too (`含数据缺报 2`).
    pub note: Option<String>,
}

fn figure(
    label: &'static str,
    value: String,
    unit: &'static str,
    note: Option<String>,
) -> Headline {
    Headline {
        label,
        value,
        unit,
        note,
    }
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
    pub name: &'a str,
    pub url: String,
    pub district: &'a str,
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
fn change(site: &SiteData, year: i32, p: &ParkResult) -> Option<Change> {
    let before = site.result(site.year_index(year - 1)?, p.park)?;
    let (old_rank, new_rank) = (before.rank?, p.rank?);
    let (old_total, new_total) = (before.total?, p.total?);
    let places = i64::from(old_rank) - i64::from(new_rank);
    let (rank, rank_words) = match places {
        0 => ("=".to_string(), "名次不变".to_string()),
        n if n > 0 => (format!("↑{n}"), format!("上升{n}位")),
        n => (format!("↓{}", -n), format!("下降{}位", -n)),
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
    pub name: &'a str,
    pub url: String,
    pub district: &'a str,
    pub status: &'static str,
    pub status_id: &'static str,
    pub reason: String,
    pub tier: &'static str,
    pub note: Option<&'a str>,
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

pub fn goal_label(key: &str) -> (&'static str, &'static str) {
    match key {
        "parks" => ("小微企业园数量", "个"),
        "new_enterprises" => ("当年新入园企业", "家"),
        "enterprises" => ("入园企业总数", "家"),
        _ => ("发展目标", ""),
    }
}

fn goal_view(g: &GoalResult) -> GoalView {
    let (label, unit) = goal_label(g.key);
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
pub fn year_page<'a>(site: &SiteData<'a>, y: usize) -> YearPage<'a> {
    let r = &site.years[y];
    let m = site.methodology(y);
    let data = site.data;
    let s = &r.summary;
    let not_rated: usize = r.parks.iter().filter(|p| p.status != Status::Rated).count();
    let not_reported = r
        .parks
        .iter()
        .filter(|p| p.status == Status::NotReported)
        .count();
    // Not-reported parks are tier C and not rated: say so on both figures, so the
    // figures add up at a glance (issue 12 #8).
    let within = (not_reported > 0).then(|| format!("含数据缺报 {not_reported}"));
    let headline = vec![
        figure("参评园区", s.rated.to_string(), "个", None),
        figure("A档", s.tiers[0].to_string(), "个", None),
        figure("B档", s.tiers[1].to_string(), "个", None),
        figure("C档", s.tiers[2].to_string(), "个", within.clone()),
        figure(
            "奖励资金合计",
            trimmed(s.awards_total.as_f64(), 2),
            "万元",
            None,
        ),
        figure("未参评", not_rated.to_string(), "个", within),
    ];

    let ranking: Vec<RankRow<'a>> = r
        .rated()
        .map(|p| {
            let park = &data.parks[p.park];
            RankRow {
                rank: p.rank.unwrap_or(0),
                id: park.id.as_str(),
                name: &park.name,
                url: urls::scorecard(r.year, park.id.as_str()),
                district: &park.district,
                dimensions: p.dimensions.iter().map(|d| d.to_string()).collect(),
                bonus: p.bonus.unwrap_or_default().to_string(),
                total: p.total.unwrap_or_default().to_string(),
                tier: p.tier.map_or("—", Tier::as_str),
                award: award_text(p.award),
                award_sort: trimmed(p.award.unwrap_or_default().as_f64(), 2),
                change: change(site, r.year, p),
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
                name: &park.name,
                url: urls::scorecard(r.year, park.id.as_str()),
                district: &park.district,
                status: p.status.label(),
                status_id: p.status.id(),
                reason: reason(p, park, m),
                tier: p.tier.map_or("—", Tier::as_str),
                note: if site.audience.is_internal() {
                    park.years.get(&r.year).and_then(|rec| rec.note.as_deref())
                } else {
                    None
                },
            }
        })
        .collect();

    let mut districts: Vec<&'a str> = r
        .rated()
        .map(|p| data.parks[p.park].district.as_str())
        .collect();
    districts.sort_unstable();
    districts.dedup();

    YearPage {
        year: r.year,
        is_latest: site.latest() == Some(y),
        methodology_title: &m.title,
        methodology_url: urls::methodology(m.year),
        headline,
        goals: s.goals.iter().map(goal_view).collect(),
        tier_chart: tier_chart(site, y),
        district_chart: district_chart(site, y),
        dimension_labels: m.dimensions.iter().map(|d| d.label.as_str()).collect(),
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
    }
}

/// Parks per tier, plus those listed without a tier.
pub fn tier_chart(site: &SiteData, y: usize) -> ChartView {
    let r = &site.years[y];
    let s = &r.summary;
    let not_reported = r
        .parks
        .iter()
        .filter(|p| p.status == Status::NotReported)
        .count();
    let untiered = r.parks.iter().filter(|p| p.tier.is_none()).count();
    let rows: Vec<(String, usize, Tone)> = vec![
        ("A档".into(), s.tiers[0], Tone::TierA),
        ("B档".into(), s.tiers[1], Tone::TierB),
        ("C档".into(), s.tiers[2], Tone::TierC),
        ("未评档".into(), untiered, Tone::Unrated),
    ];
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    let step = nice_step(max, 4).max(1.0);
    let top = (max / step).ceil() * step;
    let desc = format!(
        "{}年度各档园区数：A档{}个，B档{}个，C档{}个（其中数据缺报{}个），未评档{}个。",
        r.year, s.tiers[0], s.tiers[1], s.tiers[2], not_reported, untiered
    );
    ChartView {
        id: "tiers".into(),
        title: format!("{}年度分档分布", r.year),
        desc,
        table: TableView {
            head: vec!["档次".into(), "园区数".into()],
            rows: rows
                .iter()
                .map(|(l, n, _)| vec![l.clone(), n.to_string()])
                .collect(),
        },
        spec: ChartSpec::Bars(Bars {
            bars: rows
                .into_iter()
                .map(|(label, n, tone)| Bar {
                    label,
                    value: n as f64,
                    text: n.to_string(),
                    tone,
                })
                .collect(),
            min: 0.0,
            max: top,
            ticks: ticks(0.0, top, step),
            axis_label: "园区数（个）".into(),
            vertical: true,
        }),
    }
}
