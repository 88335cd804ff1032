//! Chart specs → SVG, drawn by our own small writer ([`super::svg`]): no font files
//! (the browser shapes the Chinese text), labels and legends placed by us, whole
//! pixels, and colours, strokes and fonts as classes of one stylesheet (the site's
//! `svg.ch` rules), so a chart is its marks and nothing else. Deterministic: no
//! randomness, no time.

use crate::present::charts::{ChartSpec, ChartView};
use crate::present::html::{escape, Html};

use super::chart_bars::{horizontal_bars, vertical_bars};
use super::chart_columns::columns;
use super::chart_intervals::intervals;
use super::chart_radar::radar;
use super::chart_trend::trend;
use super::svg::Svg;

/// Draws `chart` as an `<svg>` element named for screen readers by its title and description.
pub fn svg(chart: &ChartView) -> Html {
    let drawing = match &chart.spec {
        ChartSpec::Bars(b) if b.vertical => vertical_bars(b),
        ChartSpec::Bars(b) => horizontal_bars(b),
        ChartSpec::Radar(r) => radar(r),
        ChartSpec::Trend(t) => trend(t),
        ChartSpec::Intervals(c) => intervals(c),
        ChartSpec::Columns(c) => columns(c),
    };
    finish(drawing, &chart.id, &chart.title, &chart.desc)
}

fn finish(drawing: Svg, id: &str, title: &str, desc: &str) -> Html {
    let (w, h) = (drawing.width, drawing.height);
    let id = escape(id);
    let body = drawing.into_body();
    let mut out = String::with_capacity(body.len() + 512);
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ch\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"chart-{id}-t chart-{id}-d\">\n<title id=\"chart-{id}-t\">{}</title>\n<desc id=\"chart-{id}-d\">{}</desc>\n",
        escape(title),
        escape(desc)
    ));
    out.push_str(body.trim_end());
    out.push_str("\n</svg>\n");
    Html::trusted(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::charts::{ticks, Bar, Bars, Radar, Series, TableView, Tone, Trend};

    fn chart() -> ChartView {
        ChartView {
            id: "t".into(),
            title: "<b>标题</b>".into(),
            desc: "说明 & more".into(),
            table: TableView {
                head: vec![],
                rows: vec![],
            },
            spec: ChartSpec::Bars(Bars {
                bars: vec![
                    Bar {
                        label: "<script>alert(1)</script>".into(),
                        value: 70.5,
                        text: "70.50".into(),
                        tone: Tone::Primary,
                    },
                    Bar {
                        label: "亩均税收".into(),
                        value: 100.0,
                        text: "100.00".into(),
                        tone: Tone::TierA,
                    },
                ],
                min: 0.0,
                max: 100.0,
                ticks: ticks(0.0, 100.0, 50.0),
                axis_label: "分".into(),
                vertical: false,
            }),
        }
    }

    #[test]
    fn svg_is_titled_escaped_and_deterministic() {
        let a = svg(&chart());
        let b = svg(&chart());
        assert_eq!(a, b);
        let s = a.as_str();
        assert!(s.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ch\" width=\""));
        assert!(s.contains("<title id=\"chart-t-t\">&lt;b&gt;标题&lt;/b&gt;</title>"));
        assert!(s.contains("<desc id=\"chart-t-d\">说明 &amp; more</desc>"));
        assert!(!s.contains("<script"), "labels are escaped");
        assert!(s.contains("亩均税收"));
        assert_eq!(s.matches("<svg").count(), 1);
        // Colours and fonts are classes of the stylesheet, not attributes.
        for attr in ["fill=", "stroke=", "font-", "opacity=", "style="] {
            assert!(!s.contains(attr), "{attr} in {s}");
        }
        assert!(s.trim_end().ends_with("</svg>"));
    }

    fn view(spec: ChartSpec) -> ChartView {
        ChartView {
            id: "x".into(),
            title: "t".into(),
            desc: "d".into(),
            table: TableView {
                head: vec![],
                rows: vec![],
            },
            spec,
        }
    }

    fn texts(svg: &Html) -> Vec<String> {
        let s = svg.as_str();
        s.match_indices("<text ")
            .map(|(i, _)| {
                let open = i + s[i..].find('>').unwrap() + 1;
                s[open..open + s[open..].find("</text>").unwrap()].to_string()
            })
            .collect()
    }

    #[test]
    fn every_label_of_every_kind_of_chart_is_drawn() {
        let radar = view(ChartSpec::Radar(Radar {
            axes: vec!["亩均效益".into(), "产业集聚".into(), "企业培育".into()],
            series: vec![
                Series {
                    name: "本园区".into(),
                    values: vec![80.0, 70.0, 90.0],
                    tone: Tone::Primary,
                },
                Series {
                    name: "中位数".into(),
                    values: vec![60.0, 75.0, 65.0],
                    tone: Tone::Peer,
                },
            ],
            min: 40.0,
            max: 100.0,
            rings: ticks(40.0, 100.0, 20.0),
        }));
        let drawn = texts(&svg(&radar));
        for label in [
            "亩均效益",
            "产业集聚",
            "企业培育",
            "本园区",
            "中位数",
            "40",
            "60",
            "80",
            "100",
        ] {
            assert!(
                drawn.iter().any(|t| t == label),
                "radar: {label} in {drawn:?}"
            );
        }
        let trend = view(ChartSpec::Trend(Trend {
            years: vec![2021, 2022, 2023],
            totals: vec![Some(81.5), None, Some(90.25)],
            ranks: vec![Some((3, 40)), None, Some((1, 41))],
            total_labels: vec!["81.5".into(), String::new(), "90.25".into()],
            rank_labels: vec!["3/40".into(), String::new(), "1/41".into()],
            total_min: 80.0,
            total_max: 95.0,
            total_ticks: ticks(80.0, 95.0, 5.0),
            rank_ticks: ticks(1.0, 41.0, 20.0),
            total_title: "Total score".into(),
            rank_title: "Rank".into(),
        }));
        let s = svg(&trend);
        let drawn = texts(&s);
        for label in [
            "2021",
            "2022",
            "2023",
            "81.5",
            "90.25",
            "3/40",
            "1/41",
            "85",
            "95",
            "20",
            "40",
            "Total score",
            "Rank",
        ] {
            assert!(
                drawn.iter().any(|t| t == label),
                "trend: {label} in {drawn:?}"
            );
        }
        // The missing year breaks each line into two runs; every present year is a dot.
        assert_eq!(s.as_str().matches("class=\"lP w2\"").count(), 2);
        assert_eq!(s.as_str().matches("<circle").count(), 4);
    }
}
