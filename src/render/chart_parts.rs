//! What several charts share: the class of each colour role, the width a label will
//! take, and the legend row (drawn by hand: the browser shapes the Chinese text, so
//! we place it ourselves from an estimate).

use crate::present::charts::{Tick, Tone};

use super::svg::{Align, Font, Svg, Valign};

/// The letter of a colour role in the chart classes (`fA` fill, `lA` line, `kA` legend key…).
pub fn tone(t: Tone) -> char {
    match t {
        Tone::TierA => 'A',
        Tone::TierB => 'B',
        Tone::TierC => 'C',
        Tone::Unrated => 'U',
        Tone::Primary => 'P',
        Tone::Peer => 'Q',
    }
}

/// Rough rendered width of `text` at `px`: CJK characters are square, others narrower.
pub fn text_width(text: &str, px: f64) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.6 * px } else { px })
        .sum()
}

pub const INK: Font = Font {
    px: 13,
    muted: false,
};

pub const fn ink(px: u8) -> Font {
    Font { px, muted: false }
}

pub const fn muted(px: u8) -> Font {
    Font { px, muted: true }
}

/// A legend row: a swatch and a label per entry, left to right from (`x`, `y`).
pub fn legend(svg: &mut Svg, entries: &[(String, Tone)], x: i32, y: i32) {
    let mut cx = x;
    for (label, t) in entries {
        svg.rect(&format!("k{}", tone(*t)), (cx, y - 6), (cx + 14, y + 6));
        svg.text(label, (cx + 20, y), INK, (Align::Start, Valign::Center));
        cx += 20 + text_width(label, 13.0).ceil() as i32 + 24;
    }
}

/// Horizontal grid lines at `ticks`, labelled left of `left` (the value axis of the
/// bar and column charts); `y_of` maps a value to its pixel row.
pub fn value_grid(
    svg: &mut Svg,
    ticks: &[Tick],
    (left, right): (i32, i32),
    y_of: impl Fn(f64) -> i32,
) {
    for t in ticks {
        let y = y_of(t.at);
        svg.line("gr", (left, y), (right, y));
        svg.text(
            &t.label,
            (left - 6, y),
            muted(13),
            (Align::End, Valign::Center),
        );
    }
}
