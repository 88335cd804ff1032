//! `downloads/results-<Y>.xlsx` as readers who work in Excel see it: sheet 排名 (the
//! ranking), 指标明细 (every indicator of every rated park) and, when the audience may
//! see any raw metric, 原始数据. This file decides the sheets, columns and cells, and
//! which columns hold numbers (so they sort and sum) in which display format;
//! `render::xlsx` writes them.
//! Rows are produced one at a time while the workbook is written.

use std::borrow::Cow;

use crate::evaluate::{ParkResult, YearResult};
use crate::model::{Methodology, Park, YearRecord};

use super::csv::remarks;
use super::site::SiteData;
use super::stage::gongshi_marker;

/// One year's results workbook.
pub struct Workbook<'a> {
    pub title: String,
    pub publisher: &'a str,
    pub comment: String,
    /// The document's date: 1 January after the year (never the clock).
    pub created_year: i32,
    pub sheets: Vec<Sheet<'a>>,
}

/// A table with a frozen header row and a filter over its rows.
pub struct Sheet<'a> {
    pub name: &'static str,
    pub columns: Vec<Column>,
    /// Columns kept in view when scrolling sideways.
    pub freeze_cols: u16,
    pub len: usize,
    /// One cell per column; `None` for an empty cell (not applicable).
    pub rows: Box<dyn Iterator<Item = Vec<Option<Cell<'a>>>> + Send + 'a>,
}

/// A column: its heading, width (in Excel's character units) and how its cells show.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub heading: String,
    pub width: f64,
    pub style: Style,
}

/// How a column's cells are shown: text, or numbers with a display format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Text,
    Int,
    Score,
    Value,
    Percent,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(f64),
}

fn text<'a>(s: impl Into<Cow<'a, str>>) -> Option<Cell<'a>> {
    Some(Cell::Text(s.into()))
}

/// A number, or an empty cell when there is none (or it is not finite).
fn num<'a>(v: Option<f64>) -> Option<Cell<'a>> {
    v.filter(|v| v.is_finite()).map(Cell::Number)
}

/// The workbook of the `y`-th evaluated year.
pub fn workbook<'a>(site: &SiteData<'a>, y: usize) -> Workbook<'a> {
    let data = site.data;
    let r: &'a YearResult = &site.years[y];
    let m = site.methodology(y);
    let mut sheets = vec![ranking(site, r, m), indicators(site, r, m)];
    if m.metrics.values().any(|d| site.audience.may_show_metric(d)) {
        sheets.push(raw_metrics(site, r, m));
    }
    let marker = gongshi_marker(data, r.year, data.latest_year());
    let stage = marker.as_ref().map_or("", |_| "（公示稿）");
    if let Some(marker) = &marker {
        sheets.push(gongshi_sheet(marker.line()));
    }
    Workbook {
        title: format!("{} {}年度评价结果{stage}", data.site.title, r.year),
        publisher: &data.site.publisher,
        comment: format!(
            "{}；数据版本 {}；{}",
            m.title,
            data.hash,
            site.audience.id()
        ),
        created_year: r.year + 1,
        sheets,
    }
}

/// Sheet 公示稿: the one line saying the results are under publicity (the year's
/// other sheets keep their columns, so tools that read them are unaffected).
fn gongshi_sheet<'a>(line: String) -> Sheet<'a> {
    Sheet {
        name: "公示稿",
        columns: columns(&[("说明", 100.0, Style::Text)]),
        freeze_cols: 0,
        len: 1,
        rows: Box::new(std::iter::once(vec![text(line)])),
    }
}

fn columns(heads: &[(&str, f64, Style)]) -> Vec<Column> {
    heads
        .iter()
        .map(|(h, w, s)| column(h.to_string(), *w, *s))
        .collect()
}

fn column(heading: String, width: f64, style: Style) -> Column {
    Column {
        heading,
        width,
        style,
    }
}

fn ranking<'a>(site: &SiteData<'a>, r: &'a YearResult, m: &'a Methodology) -> Sheet<'a> {
    use Style::{Int, Score, Text};
    let mut cols = columns(&[
        ("排名", 6.0, Int),
        ("园区编号", 14.0, Text),
        ("园区名称", 34.0, Text),
        ("县区", 10.0, Text),
        ("评价状态", 10.0, Text),
    ]);
    cols.extend(
        m.dimensions
            .iter()
            .map(|d| column(d.label.clone(), 10.0, Score)),
    );
    cols.extend(columns(&[
        ("基础得分", 9.0, Score),
        ("加分", 9.0, Score),
        ("总分", 9.0, Score),
        ("分档", 9.0, Text),
    ]));
    cols.push(column(format!("奖励（{}）", m.awards.unit), 11.0, Score));
    cols.push(column("说明".into(), 30.0, Text));
    let parks: &'a [Park] = &site.data.parks;
    Sheet {
        name: "排名",
        columns: cols,
        freeze_cols: 3,
        len: r.parks.len(),
        rows: Box::new(
            r.parks
                .iter()
                .map(move |p| ranking_row(&parks[p.park], p, m)),
        ),
    }
}

fn ranking_row<'a>(park: &'a Park, p: &ParkResult, m: &'a Methodology) -> Vec<Option<Cell<'a>>> {
    let score = |v: Option<crate::model::Hundredths>| num(v.map(|s| s.as_f64()));
    let mut row = vec![
        num(p.rank.map(f64::from)),
        text(park.id.as_str()),
        text(park.name.as_str()),
        text(park.district.as_str()),
        text(p.status.label()),
    ];
    row.extend((0..m.dimensions.len()).map(|d| score(p.dimensions.get(d).copied())));
    row.extend([score(p.base), score(p.bonus), score(p.total)]);
    row.push(p.tier.and_then(|t| text(t.as_str())));
    row.push(score(p.award));
    row.push(text(remarks(p, m)));
    row
}

fn indicators<'a>(site: &SiteData<'a>, r: &'a YearResult, m: &'a Methodology) -> Sheet<'a> {
    use Style::{Int, Percent, Score, Text, Value};
    let cols = columns(&[
        ("园区编号", 14.0, Text),
        ("园区名称", 34.0, Text),
        ("排名", 6.0, Int),
        ("维度", 10.0, Text),
        ("指标", 16.0, Text),
        ("单位", 10.0, Text),
        ("权重", 6.0, Value),
        ("数值", 12.0, Value),
        ("下限值", 12.0, Value),
        ("满意值", 12.0, Value),
        ("水平得分", 9.0, Score),
        ("增长率", 9.0, Percent),
        ("增长得分", 9.0, Score),
        ("综合得分", 9.0, Score),
        ("贡献分", 9.0, Score),
        ("说明", 30.0, Text),
    ]);
    let parks: &'a [Park] = &site.data.parks;
    let rows = r.rated().flat_map(move |p| {
        (0..p.indicators.len()).map(move |k| indicator_row(&parks[p.park], p, r, m, k))
    });
    Sheet {
        name: "指标明细",
        columns: cols,
        freeze_cols: 2,
        len: r.rated().map(|p| p.indicators.len()).sum(),
        rows: Box::new(rows),
    }
}

fn indicator_row<'a>(
    park: &'a Park,
    p: &ParkResult,
    r: &YearResult,
    m: &'a Methodology,
    k: usize,
) -> Vec<Option<Cell<'a>>> {
    let s = &p.indicators[k];
    let ind = &m.indicators[k];
    let level = r.anchors[k].level;
    let mut notes: Vec<String> = s.flags.iter().map(|f| f.label().to_string()).collect();
    if let Some(gap) = &s.growth_gap {
        notes.push(gap.describe(r.year));
    }
    vec![
        text(park.id.as_str()),
        text(park.name.as_str()),
        num(p.rank.map(f64::from)),
        text(m.dimensions[ind.dimension].label.as_str()),
        text(ind.label.as_str()),
        text(ind.unit.as_str()),
        num(Some(ind.weight)),
        num(Some(s.value)),
        num(level.map(|a| a.x_s)),
        num(level.map(|a| a.x_h)),
        num(Some(s.level_score)),
        num(s.growth.map(|g| g.value)),
        num(s.growth.map(|g| g.score)),
        num(Some(s.combined)),
        num(Some(s.contribution.as_f64())),
        text(notes.join("；")),
    ]
}

/// Raw metrics the audience may see (public: only `public: true` ones), and notes
/// for internal builds.
fn raw_metrics<'a>(site: &SiteData<'a>, r: &'a YearResult, m: &'a Methodology) -> Sheet<'a> {
    let internal = site.audience.is_internal();
    let shown: Vec<&'a str> = m
        .metrics
        .iter()
        .filter(|(_, d)| site.audience.may_show_metric(d))
        .map(|(k, _)| k.as_str())
        .collect();
    let mut cols = columns(&[
        ("园区编号", 14.0, Style::Text),
        ("园区名称", 34.0, Style::Text),
        ("评价状态", 10.0, Style::Text),
    ]);
    for k in &shown {
        let d = &m.metrics[*k];
        let h = if d.unit.is_empty() {
            d.label.clone()
        } else {
            format!("{}（{}）", d.label, d.unit)
        };
        cols.push(column(h, 13.0, Style::Value));
    }
    if internal {
        cols.push(column("备注".into(), 40.0, Style::Text));
    }
    let parks: &'a [Park] = &site.data.parks;
    let year = r.year;
    let listed = move || {
        r.parks.iter().filter_map(move |p| {
            let park = &parks[p.park];
            park.years.get(&year).map(|rec| (p, park, rec))
        })
    };
    let len = listed().count();
    let rows = listed().map(move |(p, park, rec)| raw_row(park, p, rec, &shown, internal));
    Sheet {
        name: "原始数据",
        columns: cols,
        freeze_cols: 2,
        len,
        rows: Box::new(rows),
    }
}

fn raw_row<'a>(
    park: &'a Park,
    p: &ParkResult,
    rec: &'a YearRecord,
    shown: &[&str],
    internal: bool,
) -> Vec<Option<Cell<'a>>> {
    let mut row = vec![
        text(park.id.as_str()),
        text(park.name.as_str()),
        text(p.status.label()),
    ];
    row.extend(shown.iter().map(|k| num(rec.metrics.get(*k).copied())));
    if internal {
        row.push(text(rec.note.as_deref().unwrap_or("")));
    }
    row
}
