//! Chart specs → SVG with plotters (SVG backend only, no font files: the browser
//! shapes the Chinese text). Legends and labels are placed by us, since plotters
//! estimates text width from UTF-8 bytes. Output is deterministic: integer pixel
//! coordinates, no randomness, no time.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::error::{Error, Result};
use crate::present::charts::{ChartSpec, ChartView, Tone};
use crate::present::html::{escape, Html};

use super::chart_bars::{horizontal_bars, vertical_bars};
use super::chart_intervals::intervals;
use super::chart_radar::radar;
use super::chart_trend::trend;

pub const INK: RGBColor = RGBColor(0x1d, 0x27, 0x33);
pub const MUTED: RGBColor = RGBColor(0x5b, 0x66, 0x73);
pub const GRID: RGBColor = RGBColor(0xd5, 0xdb, 0xe2);

pub fn tone_color(t: Tone) -> RGBColor {
    match t {
        Tone::TierA => RGBColor(0x1b, 0x7f, 0x4b),
        Tone::TierB => RGBColor(0x2f, 0x6f, 0xb3),
        Tone::TierC => RGBColor(0xc0, 0x56, 0x2b),
        Tone::Unrated => RGBColor(0x9a, 0xa3, 0xad),
        Tone::Primary => RGBColor(0x0b, 0x5c, 0xad),
        Tone::Peer => RGBColor(0x8a, 0x6d, 0x1f),
    }
}

/// A text style of `px` CSS pixels (plotters divides the size by 1.24 when writing SVG).
pub fn font(px: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    TextStyle {
        font: ("sans-serif", px * 1.24).into_font(),
        color: color.to_backend_color(),
        pos: Pos::new(h, v),
    }
}

/// Rough rendered width of `text` at `px`: CJK characters are square, others narrower.
pub fn text_width(text: &str, px: f64) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.6 * px } else { px })
        .sum()
}

pub fn draw_err<E: std::fmt::Debug>(e: E) -> Error {
    Error::Other(format!("chart drawing failed: {e:?}"))
}

/// Draws `chart` and finishes the SVG with its accessible title and description.
pub fn svg(chart: &ChartView) -> Result<Html> {
    let (raw, _) = match &chart.spec {
        ChartSpec::Bars(b) if b.vertical => vertical_bars(b)?,
        ChartSpec::Bars(b) => horizontal_bars(b)?,
        ChartSpec::Radar(r) => radar(r)?,
        ChartSpec::Trend(t) => trend(t)?,
        ChartSpec::Intervals(c) => intervals(c)?,
    };
    Ok(finish(&raw, &chart.id, &chart.title, &chart.desc))
}

/// Replaces plotters' opening tag with one that names the chart for screen readers.
fn finish(raw: &str, id: &str, title: &str, desc: &str) -> Html {
    let start = raw.find("<svg").unwrap_or(0);
    let end = raw[start..].find('>').map_or(0, |e| start + e + 1);
    let open = &raw[start..end];
    let attr = |name: &str| -> String {
        let key = format!("{name}=\"");
        open.find(&key)
            .and_then(|i| {
                let rest = &open[i + key.len()..];
                rest.find('"').map(|j| rest[..j].to_string())
            })
            .unwrap_or_default()
    };
    let id = escape(id);
    let mut out = String::with_capacity(raw.len() + 256);
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"{}\" role=\"img\" aria-labelledby=\"chart-{id}-t chart-{id}-d\">\n<title id=\"chart-{id}-t\">{}</title>\n<desc id=\"chart-{id}-d\">{}</desc>",
        attr("width"),
        attr("height"),
        attr("viewBox"),
        escape(title),
        escape(desc)
    ));
    out.push_str(raw[end..].trim_end());
    out.push('\n');
    Html::trusted(out)
}

/// Draws on a fresh white canvas of `w`×`h` and returns the SVG text.
pub fn canvas(
    w: u32,
    h: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>) -> Result<()>,
) -> Result<(String, (u32, u32))> {
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        draw(&root)?;
        root.present().map_err(draw_err)?;
    }
    Ok((buf, (w, h)))
}

/// A legend row drawn by hand: a swatch and a label per entry, left to right.
pub fn legend(
    area: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    entries: &[(String, RGBColor)],
    x: i32,
    y: i32,
) -> Result<()> {
    let mut cx = x;
    for (label, color) in entries {
        area.draw(&Rectangle::new(
            [(cx, y - 6), (cx + 14, y + 6)],
            color.mix(0.35).filled(),
        ))
        .map_err(draw_err)?;
        area.draw(&Rectangle::new(
            [(cx, y - 6), (cx + 14, y + 6)],
            color.stroke_width(2),
        ))
        .map_err(draw_err)?;
        area.draw(&Text::new(
            label.clone(),
            (cx + 20, y),
            font(13.0, INK, HPos::Left, VPos::Center),
        ))
        .map_err(draw_err)?;
        cx += 20 + text_width(label, 13.0).ceil() as i32 + 24;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::charts::{ticks, Bar, Bars, TableView};

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
        let a = svg(&chart()).unwrap();
        let b = svg(&chart()).unwrap();
        assert_eq!(a, b);
        let s = a.as_str();
        assert!(s.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""));
        assert!(s.contains("<title id=\"chart-t-t\">&lt;b&gt;标题&lt;/b&gt;</title>"));
        assert!(s.contains("<desc id=\"chart-t-d\">说明 &amp; more</desc>"));
        assert!(!s.contains("<script"), "labels are escaped");
        assert!(s.contains("亩均税收"));
        assert_eq!(s.matches("<svg").count(), 1);
        assert!(s.trim_end().ends_with("</svg>"));
    }
}
