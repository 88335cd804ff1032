//! `downloads/results-<Y>.xlsx` as readers who work in Excel see it: sheet 排名 (the
//! ranking), 指标明细 (every indicator of every rated park) and, when the audience may
//! see any raw metric, 原始数据. This file decides the sheets, columns and cells, and
//! which cells are numbers (so they sort and sum); `render::xlsx` writes them.
//! Rows are produced one at a time while the workbook is written.

use std::borrow::Cow;

use crate::evaluate::{ParkResult, YearResult};
use crate::model::{Methodology, Park, YearRecord};

use super::csv::remarks;
use super::site::SiteData;

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
    /// Heading and column width (in Excel's character units).
    pub columns: Vec<(String, f64)>,
    /// Columns kept in view when scrolling sideways.
    pub freeze_cols: u16,
    pub len: usize,
    pub rows: Box<dyn Iterator<Item = Vec<Cell<'a>>> + Send + 'a>,
}

/// How a cell is shown: text, or a number with its display format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Text,
    Int,
    Score,
    Value,
    Percent,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell<'a> {
    pub style: Style,
    /// `None` for an empty cell (not applicable).
    pub value: Option<CellValue<'a>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CellValue<'a> {
    Text(Cow<'a, str>),
    Number(f64),
}

fn text<'a>(s: impl Into<Cow<'a, str>>) -> Cell<'a> {
    Cell {
        style: Style::Text,
        value: Some(CellValue::Text(s.into())),
    }
}

/// A number, or an empty cell when there is none (or it is not finite).
fn num<'a>(style: Style, v: Option<f64>) -> Cell<'a> {
    Cell {
        style,
        value: v.filter(|v| v.is_finite()).map(CellValue::Number),
    }
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
    Workbook {
        title: format!("{} {}年度评价结果", data.site.title, r.year),
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

fn columns(heads: &[(&str, f64)]) -> Vec<(String, f64)> {
    heads.iter().map(|(h, w)| (h.to_string(), *w)).collect()
}

fn ranking<'a>(site: &SiteData<'a>, r: &'a YearResult, m: &'a Methodology) -> Sheet<'a> {
    let mut cols = columns(&[
        ("排名", 6.0),
        ("园区编号", 14.0),
        ("园区名称", 34.0),
        ("县区", 10.0),
        ("评价状态", 10.0),
    ]);
    cols.extend(m.dimensions.iter().map(|d| (d.label.clone(), 10.0)));
    cols.extend(columns(&[
        ("基础得分", 9.0),
        ("加分", 9.0),
        ("总分", 9.0),
        ("分档", 9.0),
    ]));
    cols.push((format!("奖励（{}）", m.awards.unit), 11.0));
    cols.push(("说明".into(), 30.0));
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

fn ranking_row<'a>(park: &'a Park, p: &ParkResult, m: &'a Methodology) -> Vec<Cell<'a>> {
    let score = |v: Option<crate::model::Hundredths>| num(Style::Score, v.map(|s| s.as_f64()));
    let mut row = vec![
        num(Style::Int, p.rank.map(f64::from)),
        text(park.id.as_str()),
        text(park.name.as_str()),
        text(park.district.as_str()),
        text(p.status.label()),
    ];
    row.extend((0..m.dimensions.len()).map(|d| score(p.dimensions.get(d).copied())));
    row.extend([score(p.base), score(p.bonus), score(p.total)]);
    row.push(match p.tier {
        Some(t) => text(t.as_str()),
        None => Cell {
            style: Style::Text,
            value: None,
        },
    });
    row.push(score(p.award));
    row.push(text(remarks(p, m)));
    row
}

fn indicators<'a>(site: &SiteData<'a>, r: &'a YearResult, m: &'a Methodology) -> Sheet<'a> {
    let cols = columns(&[
        ("园区编号", 14.0),
        ("园区名称", 34.0),
        ("排名", 6.0),
        ("维度", 10.0),
        ("指标", 16.0),
        ("单位", 10.0),
        ("权重", 6.0),
        ("数值", 12.0),
        ("下限值", 12.0),
        ("满意值", 12.0),
        ("水平得分", 9.0),
        ("增长率", 9.0),
        ("增长得分", 9.0),
        ("综合得分", 9.0),
        ("贡献分", 9.0),
        ("说明", 30.0),
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
) -> Vec<Cell<'a>> {
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
        num(Style::Int, p.rank.map(f64::from)),
        text(m.dimensions[ind.dimension].label.as_str()),
        text(ind.label.as_str()),
        text(ind.unit.as_str()),
        num(Style::Value, Some(ind.weight)),
        num(Style::Value, Some(s.value)),
        num(Style::Value, level.map(|a| a.x_s)),
        num(Style::Value, level.map(|a| a.x_h)),
        num(Style::Score, Some(s.level_score)),
        num(Style::Percent, s.growth.map(|g| g.value)),
        num(Style::Score, s.growth.map(|g| g.score)),
        num(Style::Score, Some(s.combined)),
        num(Style::Score, Some(s.contribution.as_f64())),
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
    let mut cols = columns(&[("园区编号", 14.0), ("园区名称", 34.0), ("评价状态", 10.0)]);
    for k in &shown {
        let d = &m.metrics[*k];
        let h = if d.unit.is_empty() {
            d.label.clone()
        } else {
            format!("{}（{}）", d.label, d.unit)
        };
        cols.push((h, 13.0));
    }
    if internal {
        cols.push(("备注".into(), 40.0));
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
) -> Vec<Cell<'a>> {
    let mut row = vec![
        text(park.id.as_str()),
        text(park.name.as_str()),
        text(p.status.label()),
    ];
    row.extend(
        shown
            .iter()
            .map(|k| num(Style::Value, rec.metrics.get(*k).copied())),
    );
    if internal {
        row.push(text(rec.note.as_deref().unwrap_or("")));
    }
    row
}
