//! The two monitoring charts: entries against exits by year, and firms at year end by
//! revenue band against the 2,000 万元 规上 line. Each carries its title, description
//! and the table of its numbers, like every chart of the site.

use super::charts::{
    nice_step, ticks, ChartSpec, ChartView, Column, ColumnSeries, Columns, Marker, TableView, Tone,
};
use super::format::grouped;
use super::lang::{Lang, Named};
use super::messages::{fill, msg};
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

/// The words of the monitoring charts in `lang` (`monitoring_chart.key`).
fn words(lang: Lang, keys: &[&str]) -> Vec<String> {
    keys.iter()
        .map(|k| msg(lang, &format!("monitoring_chart.{k}")).to_string())
        .collect()
}

/// Entries and exits per roster year; `whose` names the firms (`全市`, a park's name).
pub fn flow_chart(id: &str, whose: &str, flow: &[YearFlow], lang: Lang) -> ChartView {
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
        title: msg(lang, "monitoring_chart.flow_title").into(),
        desc: fill(
            lang,
            "monitoring_chart.flow_desc",
            &[("whose", whose), ("points", &flow_points(flow, lang))],
        ),
        table: TableView {
            head: words(
                lang,
                &["head_year", "head_entries", "head_exits", "head_net"],
            ),
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
            axis_label: msg(lang, "monitoring_chart.axis_firms").into(),
            legend: vec![
                (
                    msg(lang, "monitoring_chart.legend_entries").into(),
                    Tone::TierA,
                ),
                (
                    msg(lang, "monitoring_chart.legend_exits").into(),
                    Tone::TierC,
                ),
            ],
            marker: None,
        }),
    }
}

/// The flow chart's numbers as words: each year's entries and exits.
fn flow_points(flow: &[YearFlow], lang: Lang) -> String {
    flow.iter()
        .map(|f| {
            let (year, entries, exits) = (
                f.year.to_string(),
                f.entries.to_string(),
                f.exits.to_string(),
            );
            fill(
                lang,
                "monitoring_chart.flow_point",
                &[("year", &year), ("entries", &entries), ("exits", &exits)],
            )
        })
        .collect::<Vec<_>>()
        .join(msg(lang, "common.semicolon"))
}

/// Firms at year end per revenue band, the bands at or above the 规上 line marked.
pub fn bands_chart(id: &str, whose: &str, bands: &[BandCount], lang: Lang) -> ChartView {
    let max = bands.iter().map(|b| b.firms).max().unwrap_or(0);
    let (top, axis_ticks) = axis(max);
    let above: u64 = bands.iter().filter(|b| b.above_line).map(|b| b.firms).sum();
    let line = grouped(ABOVE_SCALE_LINE_WAN as f64, 0);
    ChartView {
        id: id.into(),
        title: msg(lang, "monitoring_chart.bands_title").into(),
        desc: fill(
            lang,
            "monitoring_chart.bands_desc",
            &[
                ("whose", whose),
                ("points", &band_points(bands, lang)),
                ("line", &line),
                ("above", &above.to_string()),
            ],
        ),
        table: TableView {
            head: words(lang, &["head_revenue", "head_firms"]),
            rows: bands
                .iter()
                .map(|b| {
                    vec![
                        Named::plain(b.label.clone()),
                        Named::plain(b.firms.to_string()),
                    ]
                })
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
            axis_label: msg(lang, "monitoring_chart.axis_revenue").into(),
            legend: Vec::new(),
            marker: bands
                .iter()
                .position(|b| b.above_line)
                .map(|before| Marker {
                    before,
                    label: fill(lang, "monitoring_chart.marker", &[("line", &line)]),
                }),
        }),
    }
}

/// The bands chart's numbers as words: each band's firms.
fn band_points(bands: &[BandCount], lang: Lang) -> String {
    bands
        .iter()
        .map(|b| {
            let firms = b.firms.to_string();
            fill(
                lang,
                "monitoring_chart.band_point",
                &[("label", &b.label), ("firms", &firms)],
            )
        })
        .collect::<Vec<_>>()
        .join(msg(lang, "common.semicolon"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow() -> Vec<YearFlow> {
        vec![
            YearFlow {
                year: 2022,
                parks: 2,
                entries: 5,
                exits: 2,
            },
            YearFlow {
                year: 2023,
                parks: 2,
                entries: 1,
                exits: 3,
            },
        ]
    }

    #[test]
    fn the_flow_chart_speaks_the_page_language() {
        let en = flow_chart("flow", "the city", &flow(), Lang::En);
        assert_eq!(en.title, "Firms entering and leaving by year");
        assert_eq!(
            en.desc,
            "Firms entering and leaving the city each year: 2022: 5 entered, 2 left; 2023: 1 entered, 3 left."
        );
        assert_eq!(en.table.head, ["Year", "Entered", "Left", "Net"]);
        let net: Vec<&str> = en.table.rows.iter().map(|r| r[3].text.as_ref()).collect();
        assert_eq!(net, ["+3", "-2"]);
        let zh = flow_chart("flow", "全市", &flow(), Lang::Zh);
        assert_eq!(
            zh.desc,
            "全市各年度新入园和年内退出的企业数（家）：2022年入园5家、退出2家；2023年入园1家、退出3家。"
        );
    }

    #[test]
    fn the_bands_chart_marks_the_above_scale_line_in_english() {
        let bands = vec![
            BandCount {
                label: "0–500".into(),
                from: 0,
                to: Some(500),
                firms: 4,
                above_line: false,
            },
            BandCount {
                label: "≥ 2000".into(),
                from: 2000,
                to: None,
                firms: 3,
                above_line: true,
            },
        ];
        let en = bands_chart("bands", "Park A", &bands, Lang::En);
        assert_eq!(
            en.desc,
            "Firms in Park A at year end by revenue band (10,000 yuan): 0–500: 4; ≥ 2000: 3. 3 firms have revenue of 2000 (10,000 yuan) or more, the above-scale line for industry."
        );
        match en.spec {
            ChartSpec::Columns(c) => {
                let m = c
                    .marker
                    .expect("a marker before the first band above the line");
                assert_eq!((m.before, m.label.as_str()), (1, "Above scale: 2000"));
                assert_eq!(c.axis_label, "Revenue (10,000 yuan)");
            }
            _ => panic!("a column chart"),
        }
    }
}
