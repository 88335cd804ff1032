//! `look:` in site.yaml: the logo, the main colour, footer lines and the 备案号
//! (ICP and 公安) a Chinese government site shows in its footer. Checked strictly:
//! the colour must be readable as link text on white, the logo must be a raster
//! image inside the data folder (an SVG can carry scripts), the numbers must look
//! like the numbers the registries issue.

use crate::error::Problem;
use crate::model::{police_code, Logo, Look, Site};

use super::context::FileCheck;
use super::files::SourceFiles;
use super::raw::RawLook;
use super::yaml::Locate;

/// Beyond this, a logo slows every page's first view on a phone.
pub const MAX_LOGO_BYTES: usize = 512 * 1024;
const MAX_FOOTER_LINES: usize = 6;
const MAX_LINE_CHARS: usize = 200;
/// WCAG 2.1 AA for normal text: the main colour is the links' colour on white.
const MIN_CONTRAST: f64 = 4.5;

/// The settings as written; the logo's bytes are read by [`read_logo`] once every
/// file is known.
pub fn validate_look(raw: Option<RawLook>, ck: &mut FileCheck) -> Look {
    let Some(raw) = raw else {
        return Look::default();
    };
    let logo = raw.logo.and_then(|path| {
        logo_path(&path, ck).map(|ext| Logo {
            source: path,
            alt: raw.logo_alt.clone(),
            ext,
            bytes: Vec::new(),
        })
    });
    let main_color = raw.main_color.filter(|c| color_ok(c, ck));
    for (i, line) in raw.footer.iter().enumerate() {
        one_line(&format!("look.footer[{i}]"), line, ck);
    }
    if raw.footer.len() > MAX_FOOTER_LINES {
        ck.err(
            "look.footer",
            format!(
                "too many lines (got {}; expected at most {MAX_FOOTER_LINES})",
                raw.footer.len()
            ),
        );
    }
    Look {
        logo,
        main_color,
        footer: raw.footer,
        icp: raw.icp.filter(|v| icp_ok(v, ck)),
        police: raw.police.filter(|v| police_ok(v, ck)),
    }
}

/// The logo's extension, if `path` may name a logo: relative, inside the data
/// folder (no `..`), a PNG, JPEG, GIF or WebP at the top or under `assets/`.
fn logo_path(path: &str, ck: &mut FileCheck) -> Option<&'static str> {
    const FIELD: &str = "look.logo";
    let outside = path.starts_with('/')
        || path.contains('\\')
        || path.contains(':')
        || path
            .split('/')
            .any(|s| s == ".." || s == "." || s.is_empty());
    if outside {
        ck.err(
            FIELD,
            format!(
                "not a path inside the data folder (got `{path}`; expected e.g. assets/logo.png)"
            ),
        );
        return None;
    }
    if !SourceFiles::is_image_path(path) {
        let why = if path.to_ascii_lowercase().ends_with(".svg") {
            "an SVG can carry scripts; export the logo as PNG"
        } else {
            "expected a .png, .jpg, .gif or .webp file at the top of the data folder or under assets/"
        };
        ck.err(FIELD, format!("not a logo image (got `{path}`; {why})"));
        return None;
    }
    image_ext(path)
}

fn image_ext(path: &str) -> Option<&'static str> {
    let lower = path.to_ascii_lowercase();
    let ext = lower.rsplit('.').next()?;
    ["png", "jpg", "jpeg", "gif", "webp"]
        .into_iter()
        .find(|e| *e == ext)
        .map(|e| if e == "jpeg" { "jpg" } else { e })
}

/// The format the first bytes say, if it is one a browser shows as `<img>`.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("jpg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("gif")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("webp")
    } else {
        None
    }
}

/// Fills in the logo's bytes from the data folder, or reports why it cannot be
/// published at `look.logo` of the site file (`site_file`, located by `at`).
pub fn read_logo(
    site: &mut Site,
    src: &SourceFiles,
    site_file: &str,
    at: Option<&dyn Locate>,
) -> Vec<Problem> {
    let Some(logo) = site.look.logo.as_mut() else {
        return Vec::new();
    };
    let problem = |m: String| {
        vec![Problem::new(site_file, "look.logo", m).at(at.and_then(|p| p.find("look.logo")))]
    };
    if src.refused.iter().any(|p| p.file == logo.source) {
        return Vec::new(); // already reported (a link, a folder, too large)
    }
    let Some(bytes) = src.files.get(&logo.source) else {
        return problem(format!(
            "file not found in the data folder (got `{}`)",
            logo.source
        ));
    };
    if bytes.len() > MAX_LOGO_BYTES {
        return problem(format!(
            "logo too large (got {} bytes; expected at most {MAX_LOGO_BYTES})",
            bytes.len()
        ));
    }
    match sniff(bytes) {
        Some(kind) if kind == logo.ext => {
            logo.bytes = bytes.clone();
            Vec::new()
        }
        Some(kind) => problem(format!(
            "the file's contents are {kind}, not what its name says (got `{}`; expected a .{kind} name)",
            logo.source
        )),
        None => problem(format!(
            "not an image (got `{}`, whose contents are no PNG, JPEG, GIF or WebP)",
            logo.source
        )),
    }
}

/// `#rrggbb`, dark enough to read as link text on white.
fn color_ok(c: &str, ck: &mut FileCheck) -> bool {
    const FIELD: &str = "look.main_color";
    let Some(rgb) = parse_color(c) else {
        ck.err(
            FIELD,
            format!("not a colour (got `{c}`; expected #rrggbb, e.g. \"#0b5cad\" in quotes)"),
        );
        return false;
    };
    let ratio = contrast_on_white(rgb);
    if ratio < MIN_CONTRAST {
        ck.err(
            FIELD,
            format!("too light for text on white (got {c}, contrast {ratio:.2}:1; expected at least {MIN_CONTRAST}:1, a darker shade)"),
        );
        return false;
    }
    true
}

pub fn parse_color(c: &str) -> Option<[u8; 3]> {
    let hex = c.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// WCAG 2.1 contrast ratio of `rgb` against white.
pub fn contrast_on_white(rgb: [u8; 3]) -> f64 {
    let lin = |c: u8| {
        let s = f64::from(c) / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
    1.05 / (l + 0.05)
}

fn one_line(field: &str, s: &str, ck: &mut FileCheck) -> bool {
    let n = s.chars().count();
    if s.trim().is_empty() || n > MAX_LINE_CHARS || s.chars().any(char::is_control) {
        ck.err(
            field,
            format!("not one line of text (got {n} characters; expected 1 to {MAX_LINE_CHARS} on one line)"),
        );
        return false;
    }
    true
}

/// `浙ICP备12345678号` or `浙ICP备12345678号-1` (ICP证 for licensed sites).
fn icp_ok(v: &str, ck: &mut FileCheck) -> bool {
    let ok = (v.contains("ICP备") || v.contains("ICP证"))
        && v.chars().any(|c| c.is_ascii_digit())
        && v.ends_with(|c: char| c == '号' || c.is_ascii_digit())
        && v.chars().count() <= 40
        && !v.chars().any(char::is_whitespace);
    if !ok {
        ck.err(
            "look.icp",
            format!("not an ICP 备案号 (got `{v}`; expected e.g. 浙ICP备12345678号-1)"),
        );
    }
    ok
}

/// `浙公网安备33010602000001号`: the digits are the registry's code.
fn police_ok(v: &str, ck: &mut FileCheck) -> bool {
    let ok = v.contains("公网安备") && police_code(v).is_some() && v.chars().count() <= 40;
    if !ok {
        ck.err(
            "look.police",
            format!("not a 公安备案号 (got `{v}`; expected e.g. 浙公网安备33010602000001号, with its 14-digit code)"),
        );
    }
    ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_contrast_and_codes() {
        assert_eq!(parse_color("#0b5cad"), Some([0x0b, 0x5c, 0xad]));
        assert_eq!(parse_color("0b5cad"), None);
        assert_eq!(parse_color("#fff"), None);
        // Hand-checked against the WCAG formula: white on white 1:1, black 21:1.
        assert!((contrast_on_white([255, 255, 255]) - 1.0).abs() < 1e-9);
        assert!((contrast_on_white([0, 0, 0]) - 21.0).abs() < 1e-9);
        // #767676 is the lightest grey that passes 4.5:1 (4.54:1).
        assert!((contrast_on_white([0x76, 0x76, 0x76]) - 4.54).abs() < 0.01);
        assert_eq!(
            police_code("浙公网安备 33010602000001号").as_deref(),
            Some("33010602000001")
        );
        assert_eq!(police_code("浙公网安备3301号"), None);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Some("png"));
        assert_eq!(sniff(b"<svg"), None);
        assert_eq!(image_ext("assets/Logo.JPEG"), Some("jpg"));
    }
}
