//! `downloads/results-<Y>.xlsx`: a year's results as a workbook for readers who
//! work in Excel. Sheet 排名 (the ranking), 指标明细 (every indicator of every rated
//! park) and, when the audience may see any raw metric, 原始数据.
//!
//! Numbers are written as numbers (with display formats), never as text, so they
//! sort and sum. The bytes are identical across builds: document dates come from the
//! year, not the clock, and rust_xlsxwriter stamps zip entries with a fixed time.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::error::{Error, Result};
use crate::evaluate::YearResult;
use crate::model::{Dataset, Methodology};
use crate::present::Audience;
use crate::write::Output;

/// Emits `downloads/results-<Y>.xlsx` for every evaluated year.
pub fn render_workbooks(
    data: &Dataset,
    years: &[YearResult],
    audience: Audience,
    out: &mut Output,
) -> Result<()> {
    for r in years {
        let m = &data.methodologies[&r.methodology_year];
        let path = format!("downloads/results-{}.xlsx", r.year);
        let bytes = results_workbook(data, r, m, audience).map_err(|e| Error::Render {
            what: path.clone(),
            message: e.to_string(),
        })?;
        out.emit(path, bytes)?;
    }
    Ok(())
}

/// The formats every sheet shares.
struct Formats {
    header: Format,
    text: Format,
    int: Format,
    score: Format,
    value: Format,
    percent: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new().set_border(FormatBorder::Thin);
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_border(FormatBorder::Thin),
            text: cell.clone(),
            int: cell.clone().set_num_format("0"),
            score: cell.clone().set_num_format("0.00"),
            value: cell.clone().set_num_format("#,##0.00##"),
            percent: cell.set_num_format("0.0%"),
        }
    }
}

/// One year's results workbook.
pub fn results_workbook(
    data: &Dataset,
    r: &YearResult,
    m: &Methodology,
    audience: Audience,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(u16::try_from(r.year + 1).unwrap_or(2000), 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{} {}年度评价结果", data.site.title, r.year))
            .set_author(&data.site.publisher)
            .set_company(&data.site.publisher)
            .set_comment(format!(
                "{}；数据版本 {}；{}",
                m.title,
                data.hash,
                audience.id()
            ))
            .set_creation_datetime(&created),
    );
    let f = Formats::new();
    ranking(wb.add_worksheet().set_name("排名")?, data, r, m, &f)?;
    indicators(wb.add_worksheet().set_name("指标明细")?, data, r, m, &f)?;
    let shown: Vec<&String> = m
        .metrics
        .iter()
        .filter(|(_, d)| audience.may_show_metric(d))
        .map(|(k, _)| k)
        .collect();
    if !shown.is_empty() {
        raw_metrics(
            wb.add_worksheet().set_name("原始数据")?,
            data,
            r,
            m,
            &shown,
            audience,
            &f,
        )?;
    }
    wb.save_to_buffer()
}

/// Header row, widths, frozen header and autofilter over `rows` data rows.
fn table_frame(
    ws: &mut Worksheet,
    heads: &[(String, f64)],
    rows: u32,
    freeze_cols: u16,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_row_height(0, 32)?;
    for (c, (h, w)) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &f.header)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(1, freeze_cols)?;
    let last_col = heads.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, rows.max(1), last_col)?;
    Ok(())
}

fn ranking(
    ws: &mut Worksheet,
    data: &Dataset,
    r: &YearResult,
    m: &Methodology,
    f: &Formats,
) -> Result<(), XlsxError> {
    let mut heads: Vec<(String, f64)> = vec![
        ("排名".into(), 6.0),
        ("园区编号".into(), 14.0),
        ("园区名称".into(), 34.0),
        ("县区".into(), 10.0),
        ("评价状态".into(), 10.0),
    ];
    heads.extend(m.dimensions.iter().map(|d| (d.label.clone(), 10.0)));
    for h in ["基础得分", "加分", "总分", "分档"] {
        heads.push((h.into(), 9.0));
    }
    heads.push((format!("奖励（{}）", m.awards.unit), 11.0));
    heads.push(("说明".into(), 30.0));
    table_frame(ws, &heads, r.parks.len() as u32, 3, f)?;

    for (i, p) in r.parks.iter().enumerate() {
        let row = 1 + i as u32;
        let park = &data.parks[p.park];
        let mut c: u16 = 0;
        let mut next = || {
            c += 1;
            c - 1
        };
        match p.rank {
            Some(rank) => ws.write_number_with_format(row, next(), rank, &f.int)?,
            None => ws.write_blank(row, next(), &f.int)?,
        };
        ws.write_string_with_format(row, next(), park.id.as_str(), &f.text)?;
        ws.write_string_with_format(row, next(), &park.name, &f.text)?;
        ws.write_string_with_format(row, next(), &park.district, &f.text)?;
        ws.write_string_with_format(row, next(), p.status.label(), &f.text)?;
        for d in 0..m.dimensions.len() {
            match p.dimensions.get(d) {
                Some(s) => ws.write_number_with_format(row, next(), s.as_f64(), &f.score)?,
                None => ws.write_blank(row, next(), &f.score)?,
            };
        }
        for v in [p.base, p.bonus, p.total] {
            match v {
                Some(s) => ws.write_number_with_format(row, next(), s.as_f64(), &f.score)?,
                None => ws.write_blank(row, next(), &f.score)?,
            };
        }
        match p.tier {
            Some(t) => ws.write_string_with_format(row, next(), t.as_str(), &f.text)?,
            None => ws.write_blank(row, next(), &f.text)?,
        };
        match p.award {
            Some(a) => ws.write_number_with_format(row, next(), a.as_f64(), &f.score)?,
            None => ws.write_blank(row, next(), &f.score)?,
        };
        ws.write_string_with_format(row, next(), crate::present::csv::remarks(p, m), &f.text)?;
    }
    Ok(())
}

fn indicators(
    ws: &mut Worksheet,
    data: &Dataset,
    r: &YearResult,
    m: &Methodology,
    f: &Formats,
) -> Result<(), XlsxError> {
    let heads: Vec<(String, f64)> = [
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
    ]
    .iter()
    .map(|(h, w)| (h.to_string(), *w))
    .collect();
    let rows: u32 = r.rated().map(|p| p.indicators.len() as u32).sum();
    table_frame(ws, &heads, rows, 2, f)?;

    let mut row = 1u32;
    for p in r.rated() {
        let park = &data.parks[p.park];
        for (k, s) in p.indicators.iter().enumerate() {
            let ind = &m.indicators[k];
            let level = r.anchors[k].level;
            let num = |ws: &mut Worksheet, c: u16, v: Option<f64>, fmt: &Format| match v {
                Some(v) if v.is_finite() => ws.write_number_with_format(row, c, v, fmt).map(|_| ()),
                _ => ws.write_blank(row, c, fmt).map(|_| ()),
            };
            ws.write_string_with_format(row, 0, park.id.as_str(), &f.text)?;
            ws.write_string_with_format(row, 1, &park.name, &f.text)?;
            num(ws, 2, p.rank.map(f64::from), &f.int)?;
            ws.write_string_with_format(row, 3, &m.dimensions[ind.dimension].label, &f.text)?;
            ws.write_string_with_format(row, 4, &ind.label, &f.text)?;
            ws.write_string_with_format(row, 5, &ind.unit, &f.text)?;
            num(ws, 6, Some(ind.weight), &f.value)?;
            num(ws, 7, Some(s.value), &f.value)?;
            num(ws, 8, level.map(|a| a.x_s), &f.value)?;
            num(ws, 9, level.map(|a| a.x_h), &f.value)?;
            num(ws, 10, Some(s.level_score), &f.score)?;
            num(ws, 11, s.growth.map(|g| g.value), &f.percent)?;
            num(ws, 12, s.growth.map(|g| g.score), &f.score)?;
            num(ws, 13, Some(s.combined), &f.score)?;
            num(ws, 14, Some(s.contribution.as_f64()), &f.score)?;
            let mut notes: Vec<String> = s.flags.iter().map(|fl| fl.label().to_string()).collect();
            if let Some(gap) = &s.growth_gap {
                notes.push(gap.describe(r.year));
            }
            ws.write_string_with_format(row, 15, notes.join("；"), &f.text)?;
            row += 1;
        }
    }
    Ok(())
}

/// Raw metrics the audience may see (public: only `public: true` ones), and notes
/// for internal builds.
fn raw_metrics(
    ws: &mut Worksheet,
    data: &Dataset,
    r: &YearResult,
    m: &Methodology,
    shown: &[&String],
    audience: Audience,
    f: &Formats,
) -> Result<(), XlsxError> {
    let mut heads: Vec<(String, f64)> = vec![
        ("园区编号".into(), 14.0),
        ("园区名称".into(), 34.0),
        ("评价状态".into(), 10.0),
    ];
    for k in shown {
        let d = &m.metrics[*k];
        let h = if d.unit.is_empty() {
            d.label.clone()
        } else {
            format!("{}（{}）", d.label, d.unit)
        };
        heads.push((h, 13.0));
    }
    if audience.is_internal() {
        heads.push(("备注".into(), 40.0));
    }
    let parks: Vec<_> = r
        .parks
        .iter()
        .filter_map(|p| {
            let park = &data.parks[p.park];
            park.years.get(&r.year).map(|rec| (p, park, rec))
        })
        .collect();
    table_frame(ws, &heads, parks.len() as u32, 2, f)?;
    for (i, (p, park, rec)) in parks.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string_with_format(row, 0, park.id.as_str(), &f.text)?;
        ws.write_string_with_format(row, 1, &park.name, &f.text)?;
        ws.write_string_with_format(row, 2, p.status.label(), &f.text)?;
        for (j, k) in shown.iter().enumerate() {
            let c = 3 + j as u16;
            match rec.metrics.get(*k) {
                Some(v) => ws.write_number_with_format(row, c, *v, &f.value)?,
                None => ws.write_blank(row, c, &f.value)?,
            };
        }
        if audience.is_internal() {
            let c = 3 + shown.len() as u16;
            ws.write_string_with_format(row, c, rec.note.as_deref().unwrap_or(""), &f.text)?;
        }
    }
    Ok(())
}
