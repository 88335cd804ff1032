//! The two monitoring charts: entries against exits by year, and firms at year end by
//! revenue band against the 2,000 万元 规上 line. Each carries its title, description
//! and the table of its numbers, like every chart of the site.

use super::charts::{
    nice_step, ticks, ChartSpec, ChartView, Column, ColumnSeries, Columns, Marker, TableView, Tone,
};
use super::format::grouped;
use super::lang::Named;
use super::monitoring::{BandCount, YearFlow, ABOVE_SCALE_LINE_WAN};

/// A value axis from 0 with about four ticks.
fn axis(max: u64) -> (f64, Vec<super::charts::Tick>) {
    let step = nice_step(max.max(1) as f64, 4);
    let top = ((max.max(1) as f64) / step).ceil() * step;
    (top, ticks(0.0, top, step))
}

fn column(value: u64, tone: Tone) -> Column {
    Column {
        value: value as f64,
        text: value.to_string(),
        tone,
    }
}

/// Entries and exits per roster year; `whose` names the firms (`全市`, a park's name).
pub fn flow_chart(id: &str, whose: &str, flow: &[YearFlow]) -> ChartView {
    let max = flow
        .iter()
        .map(|f| f.entries.max(f.exits))
        .max()
        .unwrap_or(0);
    let (top, axis_ticks) = axis(max);
    let net = |f: &YearFlow| {
        let n = f.entries as i64 - f.exits as i64;
        if n > 0 {
            format!("+{n}")
        } else {
            n.to_string()
        }
    };
    ChartView {
        id: id.into(),
        title: "历年入园与退出企业数".into(),
        desc: format!(
            "{whose}各年度新入园和年内退出的企业数（家）：{}。",
            flow.iter()
                .map(|f| format!("{}年入园{}家、退出{}家", f.year, f.entries, f.exits))
                .collect::<Vec<_>>()
                .join("；")
        ),
        table: TableView {
            head: vec![
                "年度".into(),
                "入园（家）".into(),
                "退出（家）".into(),
                "净增（家）".into(),
            ],
            rows: flow
                .iter()
                .map(|f| {
                    [
                        f.year.to_string(),
                        f.entries.to_string(),
                        f.exits.to_string(),
                        net(f),
                    ]
                    .into_iter()
                    .map(Named::plain)
                    .collect()
                })
                .collect(),
        },
        spec: ChartSpec::Columns(Columns {
            groups: flow.iter().map(|f| f.year.to_string()).collect(),
            series: vec![
                ColumnSeries {
                    columns: flow
                        .iter()
                        .map(|f| column(f.entries, Tone::TierA))
                        .collect(),
                },
                ColumnSeries {
                    columns: flow.iter().map(|f| column(f.exits, Tone::TierC)).collect(),
                },
            ],
            max: top,
            ticks: axis_ticks,
            axis_label: "企业数（家）".into(),
            legend: vec![("入园".into(), Tone::TierA), ("退出".into(), Tone::TierC)],
            marker: None,
        }),
    }
}

/// Firms at year end per revenue band, the bands at or above the 规上 line marked.
pub fn bands_chart(id: &str, whose: &str, bands: &[BandCount]) -> ChartView {
    let max = bands.iter().map(|b| b.firms).max().unwrap_or(0);
    let (top, axis_ticks) = axis(max);
    let above: u64 = bands.iter().filter(|b| b.above_line).map(|b| b.firms).sum();
    let line = grouped(ABOVE_SCALE_LINE_WAN as f64, 0);
    ChartView {
        id: id.into(),
        title: "年末在园企业营业收入分布".into(),
        desc: format!(
            "{whose}年末在园企业按营业收入（万元）分档的企业数：{}。营业收入达到{line}万元（规上工业标准）的{above}家。",
            bands
                .iter()
                .map(|b| format!("{} {}家", b.label, b.firms))
                .collect::<Vec<_>>()
                .join("；")
        ),
        table: TableView {
            head: vec!["营业收入（万元）".into(), "企业数（家）".into()],
            rows: bands
                .iter()
                .map(|b| vec![Named::plain(b.label.clone()), Named::plain(b.firms.to_string())])
                .collect(),
        },
        spec: ChartSpec::Columns(Columns {
            groups: bands.iter().map(|b| b.label.clone()).collect(),
            series: vec![ColumnSeries {
                columns: bands
                    .iter()
                    .map(|b| {
                        column(
                            b.firms,
                            if b.above_line {
                                Tone::Primary
                            } else {
                                Tone::Unrated
                            },
                        )
                    })
                    .collect(),
            }],
            max: top,
            ticks: axis_ticks,
            axis_label: "营业收入（万元）".into(),
            legend: Vec::new(),
            marker: bands.iter().position(|b| b.above_line).map(|before| Marker {
                before,
                label: format!("规上标准 {line}万元"),
            }),
        }),
    }
}
