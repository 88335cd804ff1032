//! A data file's bytes → text, before any YAML parser sees it: a byte-order mark
//! (what Windows Notepad writes) is dropped, and invalid UTF-8 or a raw control
//! character is reported where it is, not at 1:1 or without a line.

use std::borrow::Cow;

use crate::error::{Position, Problem};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of `bytes` without a leading BOM, or where it stops being UTF-8.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Problem> {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    std::str::from_utf8(body).map_err(|e| {
        let good = &body[..e.valid_up_to()];
        // The valid prefix is UTF-8 by definition.
        let position = position_at(std::str::from_utf8(good).unwrap_or(""), good.len());
        let byte = body[e.valid_up_to()];
        Problem::new(
            file,
            "",
            format!("not valid UTF-8 (got byte 0x{byte:02X}; expected UTF-8 text: save the file as UTF-8, e.g. “UTF-8” in Notepad or WPS)"),
        )
        .at(Some(position))
    })
}

/// The first character YAML does not allow in a file (a C0 or C1 control other than
/// tab and line breaks, DEL, a byte-order mark after the start, U+FFFE/U+FFFF).
pub fn check_printable(file: &str, text: &str) -> Result<(), Problem> {
    let Some(at) = first_unprintable(text.as_bytes()) else {
        return Ok(());
    };
    let c = text[at..].chars().next().unwrap_or('\0');
    let name = match c {
        '\u{feff}' => "a byte-order mark (U+FEFF) inside the text".to_string(),
        _ => format!("control character U+{:04X}", c as u32),
    };
    Err(Problem::new(
        file,
        "",
        format!("{name} is not allowed (expected printable text; it is invisible in most editors: delete it)"),
    )
    .at(Some(position_at(text, at))))
}

/// Byte offset of the first character outside YAML's `c-printable` (plus NEL), read
/// from the UTF-8 bytes: C0 controls but tab and line breaks, DEL, C1 controls
/// (`C2 80`–`C2 9F` but NEL `C2 85`), U+FEFF (`EF BB BF`), U+FFFE/U+FFFF (`EF BF BE/BF`).
/// Surrogates cannot occur in valid UTF-8.
fn first_unprintable(b: &[u8]) -> Option<usize> {
    (0..b.len()).find(|&i| match b[i] {
        b'\t' | b'\n' | b'\r' => false,
        0..=0x1F | 0x7F => true,
        0xC2 => matches!(b.get(i + 1), Some(0x80..=0x9F)) && b.get(i + 1) != Some(&0x85),
        0xEF => matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0xBB), Some(0xBF)) | (Some(0xBF), Some(0xBE | 0xBF))
        ),
        _ => false,
    })
}

/// 1-based line and column (in characters) of byte offset `at` of `text`.
pub fn position_at(text: &str, at: usize) -> Position {
    let before = &text[..at.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// The text as the position scanner should see it. YAML allows a tab after a key's
/// colon (`opened:\t2014`, which serde reads), but saphyr refuses it; a space in its
/// place keeps every offset. The scanner's values are used only for keys, so the
/// rare tab after a colon inside a quoted key is all this could change.
pub fn for_scanner(text: &str) -> Cow<'_, str> {
    if text.contains(":\t") {
        Cow::Owned(text.replace(":\t", ": "))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bom_is_dropped_and_bad_bytes_are_located() {
        assert_eq!(decode("f", b"\xEF\xBB\xBFid: a\n").unwrap(), "id: a\n");
        let p = decode("f", b"id: a\nname: \xE5\x9B\xAD\xFFx\n").unwrap_err();
        assert_eq!(p.position, Some(Position { line: 2, column: 8 }));
        assert!(p.message.contains("got byte 0xFF"), "{}", p.message);
    }

    #[test]
    fn control_characters_are_located_where_they_are() {
        assert!(check_printable("f", "a:\tb\r\n园: \u{85}c\n").is_ok());
        let p = check_printable("f", "id: a\nzone: 园区\u{1}x\n").unwrap_err();
        assert_eq!(p.position, Some(Position { line: 2, column: 9 }));
        assert!(
            p.message.starts_with("control character U+0001"),
            "{}",
            p.message
        );
        for bad in ["\u{7f}", "\u{80}", "\u{9f}", "x\u{feff}", "\u{fffe}", "\0"] {
            assert!(check_printable("f", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_byte_scan_agrees_with_yaml_printable_for_every_character() {
        // YAML 1.2 c-printable, plus NEL, minus the BOM (allowed only at the start).
        let printable = |c: char| {
            matches!(c, '\t' | '\n' | '\r' | '\u{85}')
                || (' '..='~').contains(&c)
                || ('\u{a0}'..='\u{d7ff}').contains(&c)
                || (('\u{e000}'..='\u{fffd}').contains(&c) && c != '\u{feff}')
                || c >= '\u{10000}'
        };
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            let found = first_unprintable(text.as_bytes());
            assert_eq!(found.is_none(), printable(c), "U+{:04X}", c as u32);
            if let Some(at) = found {
                assert_eq!(at, 1);
            }
        }
    }

    #[test]
    fn tabs_after_colons_become_spaces_for_the_scanner_only() {
        assert_eq!(for_scanner("opened:\t2014\n"), "opened: 2014\n");
        assert!(matches!(for_scanner("a: b\n"), Cow::Borrowed(_)));
    }
}
