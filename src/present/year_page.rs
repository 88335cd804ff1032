//! The page of one evaluated year (also the home page for the latest year):
//! headline figures, goals, tier and district charts, the ranking and the parks
//! not rated.

use serde::Serialize;

use crate::evaluate::GoalResult;
use crate::evaluate::Tier;
use crate::model::Status;

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
    /// The year's monitoring page (internal builds with rosters).
    pub monitoring_url: Option<String>,
}

#[derive(Serialize)]
pub struct Headline {
    pub label: &'static str,
    pub value: String,
    pub unit: &'static str,
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
pub fn award_text(award: Option<crate::model::Hundredths>) -> String {
    match award {
        Some(a) if a.0 != 0 => trimmed(a.as_f64(), 2),
        _ => "—".into(),
    }
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
    let headline = vec![
        Headline {
            label: "参评园区",
            value: s.rated.to_string(),
            unit: "个",
        },
        Headline {
            label: "A档",
            value: s.tiers[0].to_string(),
            unit: "个",
        },
        Headline {
            label: "B档",
            value: s.tiers[1].to_string(),
            unit: "个",
        },
        Headline {
            label: "C档",
            value: s.tiers[2].to_string(),
            unit: "个",
        },
        Headline {
            label: "奖励资金合计",
            value: trimmed(s.awards_total.as_f64(), 2),
            unit: "万元",
        },
        Headline {
            label: "未参评",
            value: not_rated.to_string(),
            unit: "个",
        },
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
        monitoring_url: site
            .monitoring
            .has_year(y)
            .then(|| urls::monitoring(r.year)),
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
