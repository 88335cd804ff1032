//! A small SVG writer for our charts: whole-pixel coordinates, and every mark named
//! by a class whose colour, stroke and font live once in the site's stylesheet
//! (`svg.ch …` in templates/assets/site.css) instead of in attributes on every
//! element. Text is escaped here; nothing else is ever embedded.

use std::fmt::Write;

use crate::present::html::escape;
use crate::present::lang::Named;

/// Where a text sits relative to its point, horizontally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Start,
    Middle,
    End,
}

/// Where a text sits relative to its point, vertically (the baseline is placed here,
/// as plotters placed it: top 0.76 em below, centre 0.25 em below, bottom 0.25 em above).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Valign {
    Top,
    Center,
    Bottom,
}

/// A text style: size in CSS pixels, muted or ink colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Font {
    pub px: u8,
    pub muted: bool,
}

/// The drawing of one chart, without its `<svg>` element (see `charts::svg`).
pub struct Svg {
    pub width: i32,
    pub height: i32,
    body: String,
}

impl Svg {
    pub fn new(width: i32, height: i32) -> Svg {
        Svg {
            width,
            height,
            body: String::with_capacity(4096),
        }
    }

    pub fn into_body(self) -> String {
        self.body
    }

    /// Starts a group whose class applies to every mark inside it.
    pub fn group(&mut self, class: &str) {
        let _ = write!(self.body, "<g class=\"{class}\">");
    }

    pub fn end_group(&mut self) {
        self.body.push_str("</g>\n");
    }

    pub fn line(&mut self, class: &str, (x1, y1): (i32, i32), (x2, y2): (i32, i32)) {
        let _ = write!(self.body, "<path{} d=\"M{x1} {y1}", class_attr(class));
        if x1 == x2 {
            let _ = write!(self.body, "V{y2}\"/>");
        } else if y1 == y2 {
            let _ = write!(self.body, "H{x2}\"/>");
        } else {
            let _ = write!(self.body, "L{x2} {y2}\"/>");
        }
    }

    /// An open line through `points`; `closed` joins the last point to the first.
    pub fn path(&mut self, class: &str, points: &[(i32, i32)], closed: bool) {
        let Some(((x0, y0), rest)) = points.split_first() else {
            return;
        };
        let _ = write!(self.body, "<path{} d=\"M{x0} {y0}", class_attr(class));
        for (x, y) in rest {
            let _ = write!(self.body, "L{x} {y}");
        }
        self.body.push_str(if closed { "Z\"/>" } else { "\"/>" });
    }

    pub fn rect(&mut self, class: &str, (x0, y0): (i32, i32), (x1, y1): (i32, i32)) {
        let (x, y) = (x0.min(x1), y0.min(y1));
        let (w, h) = ((x1 - x0).abs(), (y1 - y0).abs());
        let _ = write!(
            self.body,
            "<rect{} x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\"/>",
            class_attr(class)
        );
    }

    pub fn circle(&mut self, class: &str, (cx, cy): (i32, i32), r: i32) {
        let _ = write!(
            self.body,
            "<circle{} cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\"/>",
            class_attr(class)
        );
    }

    pub fn text(&mut self, text: &str, at: (i32, i32), font: Font, align: (Align, Valign)) {
        self.text_in(text, false, at, font, align);
    }

    /// A name that may be Chinese on an English page (`zh`): then marked `lang="zh-CN"`.
    pub fn name(&mut self, name: &Named, at: (i32, i32), font: Font, align: (Align, Valign)) {
        self.text_in(name.as_str(), name.zh, at, font, align);
    }

    fn text_in(
        &mut self,
        text: &str,
        zh: bool,
        (x, y): (i32, i32),
        font: Font,
        align: (Align, Valign),
    ) {
        let px = f64::from(font.px);
        let baseline = match align.1 {
            Valign::Top => y + (0.76 * px).round() as i32,
            Valign::Center => y + (0.25 * px).round() as i32,
            Valign::Bottom => y - (0.25 * px).round() as i32,
        };
        let anchor = match align.0 {
            Align::Start => "",
            Align::Middle => " m",
            Align::End => " e",
        };
        let muted = if font.muted { " mu" } else { "" };
        let lang = if zh { " lang=\"zh-CN\"" } else { "" };
        let _ = writeln!(
            self.body,
            "<text class=\"s{}{muted}{anchor}\" x=\"{x}\" y=\"{baseline}\"{lang}>{}</text>",
            font.px,
            escape(text)
        );
    }

    pub fn newline(&mut self) {
        self.body.push('\n');
    }
}

fn class_attr(class: &str) -> String {
    if class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{class}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_short_classed_and_escaped() {
        let mut s = Svg::new(100, 50);
        s.line("gr", (1, 2), (1, 9));
        s.line("gr", (1, 2), (8, 2));
        s.path("lP", &[(0, 0), (3, 4), (5, 1)], true);
        s.rect("fA", (10, 20), (4, 5));
        s.circle("", (3, 4), 2);
        let f = Font {
            px: 12,
            muted: true,
        };
        s.text("<a>&", (5, 10), f, (Align::End, Valign::Top));
        let body = s.into_body();
        assert!(body.contains("<path class=\"gr\" d=\"M1 2V9\"/>"));
        assert!(body.contains("<path class=\"gr\" d=\"M1 2H8\"/>"));
        assert!(body.contains("<path class=\"lP\" d=\"M0 0L3 4L5 1Z\"/>"));
        assert!(body.contains("<rect class=\"fA\" x=\"4\" y=\"5\" width=\"6\" height=\"15\"/>"));
        assert!(body.contains("<circle cx=\"3\" cy=\"4\" r=\"2\"/>"));
        assert!(body.contains("<text class=\"s12 mu e\" x=\"5\" y=\"19\">&lt;a&gt;&amp;</text>"));
    }
}
