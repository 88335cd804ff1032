//! A park's own page (profile, honors, history of results) and the park directory.

use serde::Serialize;

use crate::evaluate::Tier;

use super::charts::{nice_step, ticks, ChartSpec, ChartView, TableView, Tick, Trend};
use super::format::trimmed;
use super::lang::{Lang, Named};
use super::messages::{fill, msg, word};
use super::pinyin;
use super::site::SiteData;
use super::stage::gongshi_marker;
use super::urls;
use super::year_page::award_text;

/// Who a park is, as every park-related page heads it.
#[derive(Serialize)]
pub struct ParkHeader<'a> {
    pub id: &'a str,
    pub name: Named<'a>,
    pub url: String,
    pub district: Named<'a>,
    pub district_url: String,
    pub zone: Named<'a>,
    pub zone_level: &'static str,
    pub kind: &'static str,
    pub leading_industries: Named<'static>,
    pub operator: Option<Named<'a>>,
    pub opened: i32,
    pub closed: Option<i32>,
}

impl<'a> ParkHeader<'a> {
    pub fn new(site: &SiteData<'a>, park: usize, lang: Lang) -> ParkHeader<'a> {
        let p = &site.data.parks[park];
        let sep = msg(lang, "common.list_sep");
        let industries = match (lang, &p.leading_industries_en) {
            (Lang::En, Some(en)) => Named::plain(en.join(sep)),
            _ => lang
                .name(&p.leading_industries.join(sep), None)
                .into_owned(),
        };
        ParkHeader {
            id: p.id.as_str(),
            name: lang.name(&p.name, p.name_en.as_deref()),
            url: urls::park(p.id.as_str()),
            district: lang.name(&p.district, p.district_en.as_deref()),
            district_url: urls::district(&site.district_of(park).slug),
            zone: lang.name(&p.zone, p.zone_en.as_deref()),
            zone_level: word(lang, "zone_level", p.zone_level.id()),
            kind: word(lang, "kind", p.kind.id()),
            leading_industries: industries,
            operator: p
                .operator
                .as_deref()
                .map(|o| lang.name(o, p.operator_en.as_deref())),
            opened: p.opened,
            closed: p.closed,
        }
    }
}

#[derive(Serialize)]
pub struct ParkPage<'a> {
    pub park: ParkHeader<'a>,
    pub history: Vec<HistoryRow<'a>>,
    pub honors: Vec<HonorRow<'a>>,
    pub trend: Option<ChartView>,
}

#[derive(Serialize)]
pub struct HistoryRow<'a> {
    pub year: i32,
    /// `公示稿` for the year under publicity, else none (final).
    pub stage: Option<&'static str>,
    pub url: String,
    pub status: &'static str,
    pub rank: String,
    pub tier: &'static str,
    pub total: String,
    pub award: String,
    pub note: Option<Named<'a>>,
    /// The park's monitoring page of the year (internal builds, with a roster).
    pub monitoring_url: Option<String>,
}

#[derive(Serialize)]
pub struct HonorRow<'a> {
    pub year: i32,
    pub category: Named<'a>,
    pub kind: Named<'a>,
    /// Honors have no English title in the data: the Chinese, marked.
    pub title: Named<'a>,
}

pub fn park_page<'a>(site: &SiteData<'a>, park: usize, lang: Lang) -> ParkPage<'a> {
    let p = &site.data.parks[park];
    let latest = site.latest().map(|y| site.years[y].year);
    let history: Vec<HistoryRow<'a>> = (0..site.years.len())
        .filter_map(|y| {
            let res = site.result(y, park)?;
            let year = site.years[y].year;
            Some(HistoryRow {
                year,
                stage: gongshi_marker(site.data, year, latest).map(|m| m.label),
                url: urls::scorecard(year, p.id.as_str()),
                status: word(lang, "status", res.status.id()),
                rank: res.rank.map_or("—".into(), |r| {
                    format!("{r} / {}", site.years[y].summary.rated)
                }),
                tier: res.tier.map_or("—", Tier::as_str),
                total: res.total.map_or("—".into(), |t| t.to_string()),
                award: award_text(res.award),
                note: if site.audience.is_internal() {
                    p.years
                        .get(&year)
                        .and_then(|r| Some(lang.name(r.note.as_deref()?, r.note_en.as_deref())))
                } else {
                    None
                },
                monitoring_url: site
                    .monitoring
                    .has(y, p.id.as_str())
                    .then(|| urls::monitoring_park(year, p.id.as_str())),
            })
        })
        .collect();
    // Honor labels come from the newest methodology that knows them.
    let newest = site.data.methodologies.values().next_back();
    let honors = p
        .honors
        .iter()
        .map(|h| {
            let cat = newest.and_then(|m| m.bonus.categories.iter().find(|c| c.id == h.category));
            HonorRow {
                year: h.year,
                category: cat.map_or(Named::plain(h.category.as_str()), |c| {
                    lang.name(&c.label, c.label_en.as_deref())
                }),
                kind: cat
                    .and_then(|c| c.kinds.get(&h.kind))
                    .map_or(Named::plain(h.kind.as_str()), |k| {
                        lang.name(&k.label, k.label_en.as_deref())
                    }),
                title: lang.name(&h.title, None),
            }
        })
        .collect();
    let trend = (!history.is_empty()).then(|| trend_chart(site, park, lang));
    ParkPage {
        park: ParkHeader::new(site, park, lang),
        history,
        honors,
        trend,
    }
}

/// Total and rank of a park over every evaluated year.
pub fn trend_chart(site: &SiteData, park: usize, lang: Lang) -> ChartView {
    let mut years = Vec::new();
    let mut totals = Vec::new();
    let mut ranks = Vec::new();
    let mut states = Vec::new();
    let mut rows = Vec::new();
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for (y, r) in site.years.iter().enumerate() {
        let res = site.result(y, park);
        let total = res.and_then(|p| p.total).map(|t| t.as_f64());
        let rank = res.and_then(|p| p.rank).map(|k| (k, r.summary.rated));
        years.push(r.year);
        totals.push(total);
        ranks.push(rank);
        if let Some(t) = total {
            lo = lo.min(t);
            hi = hi.max(t);
        }
        // Not listed: not operating that year (before it opened, after it closed).
        let status = res.map_or("not_operating", |p| p.status.id());
        states.push(status);
        rows.push(vec![
            Named::plain(r.year.to_string()),
            Named::plain(word(lang, "status", status)),
            Named::plain(
                res.and_then(|p| p.total)
                    .map_or("—".into(), |t| t.to_string()),
            ),
            Named::plain(rank.map_or("—".into(), |(k, n)| format!("{k} / {n}"))),
        ]);
    }
    let m = site.latest().map(|y| site.methodology(y));
    let base = m.map_or(60.0, |m| m.efficacy.base);
    let (total_min, total_max) = if lo.is_finite() {
        let step = nice_step((hi - lo).max(5.0), 4);
        (
            ((lo.min(base) - step / 2.0) / step).floor() * step,
            ((hi + step / 2.0) / step).ceil() * step,
        )
    } else {
        (base, base + 40.0)
    };
    let p = &site.data.parks[park];
    let name = lang.plain_name(
        &p.name,
        p.name_en.as_deref(),
        msg(lang, "trend_chart.this_park"),
    );
    let points: Vec<String> = years
        .iter()
        .zip(totals.iter().zip(&ranks))
        .zip(&states)
        .map(|((y, (t, r)), state)| match (t, r) {
            (Some(t), Some((k, n))) => fill(
                lang,
                "trend_chart.point",
                &[
                    ("year", &y.to_string()),
                    ("total", &trimmed(*t, 2)),
                    ("rank", &k.to_string()),
                    ("n", &n.to_string()),
                ],
            ),
            // Not rated, or not operating at all (before it opened: issue 12 #7).
            _ => fill(
                lang,
                "trend_chart.point_state",
                &[
                    ("year", &y.to_string()),
                    ("state", word(lang, "status", state)),
                ],
            ),
        })
        .collect();
    let rated_years = ranks.iter().filter(|r| r.is_some()).count().to_string();
    let head = ["head_year", "head_status", "head_total", "head_rank"];
    ChartView {
        id: "trend".into(),
        title: msg(lang, "trend_chart.title").into(),
        desc: fill(
            lang,
            "trend_chart.desc",
            &[
                ("name", name),
                ("n", &rated_years),
                ("points", &points.join(msg(lang, "common.semicolon"))),
            ],
        ),
        table: TableView {
            head: head
                .iter()
                .map(|k| word(lang, "trend_chart", k).to_string())
                .collect(),
            rows,
        },
        spec: ChartSpec::Trend(Trend {
            total_ticks: ticks(total_min, total_max, nice_step(total_max - total_min, 4)),
            rank_ticks: rank_ticks(ranks.iter().flatten().map(|(_, n)| *n).max().unwrap_or(1)),
            total_labels: totals
                .iter()
                .map(|t| t.map_or(String::new(), |t| trimmed(t, 2)))
                .collect(),
            rank_labels: ranks
                .iter()
                .map(|r| r.map_or(String::new(), |(k, n)| format!("{k}/{n}")))
                .collect(),
            total_title: msg(lang, "trend_chart.total_axis").into(),
            rank_title: msg(lang, "trend_chart.rank_axis").into(),
            years,
            totals,
            ranks,
            total_min,
            total_max,
        }),
    }
}

/// Rank axis ticks for ranks 1 to `n`: first place, then every nice step.
fn rank_ticks(n: usize) -> Vec<Tick> {
    let step = nice_step(n as f64, 4).max(1.0) as usize;
    std::iter::once(1)
        .chain((step..=n).step_by(step).filter(|&k| k > 1))
        .map(|k| Tick {
            at: k as f64,
            label: k.to_string(),
        })
        .collect()
}

/// The park directory: every park, sorted by district then id.
#[derive(Serialize)]
pub struct ParksIndex<'a> {
    pub parks: Vec<ParkListRow<'a>>,
    pub latest_year: Option<i32>,
}

#[derive(Serialize)]
pub struct ParkListRow<'a> {
    pub id: &'a str,
    pub name: Named<'a>,
    pub url: String,
    pub district: Named<'a>,
    pub district_url: String,
    pub kind: &'static str,
    pub zone_level: &'static str,
    pub status: &'static str,
    pub tier: &'static str,
    pub total: String,
    pub scorecard_url: Option<String>,
    /// Pinyin of the name and district, full and initials, for the search box.
    pub pinyin: String,
}

pub fn parks_index<'a>(site: &SiteData<'a>, lang: Lang) -> ParksIndex<'a> {
    let latest = site.latest();
    let mut order: Vec<usize> = (0..site.data.parks.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (&site.data.parks[a], &site.data.parks[b]);
        pa.district
            .cmp(&pb.district)
            .then_with(|| pa.id.cmp(&pb.id))
    });
    let parks = order
        .into_iter()
        .map(|i| {
            let p = &site.data.parks[i];
            let res = latest.and_then(|y| site.result(y, i));
            ParkListRow {
                id: p.id.as_str(),
                name: lang.name(&p.name, p.name_en.as_deref()),
                url: urls::park(p.id.as_str()),
                district: lang.name(&p.district, p.district_en.as_deref()),
                district_url: urls::district(&site.district_of(i).slug),
                kind: word(lang, "kind", p.kind.id()),
                zone_level: word(lang, "zone_level", p.zone_level.id()),
                status: word(
                    lang,
                    "status",
                    res.map_or("not_operating", |r| r.status.id()),
                ),
                tier: res.and_then(|r| r.tier).map_or("—", Tier::as_str),
                total: res
                    .and_then(|r| r.total)
                    .map_or("—".into(), |t| t.to_string()),
                scorecard_url: res
                    .and(latest)
                    .map(|y| urls::scorecard(site.years[y].year, p.id.as_str())),
                pinyin: pinyin::search_key(&[&p.name, &p.district]),
            }
        })
        .collect();
    ParksIndex {
        parks,
        latest_year: latest.map(|y| site.years[y].year),
    }
}
