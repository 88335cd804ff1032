//! Roster bytes → UTF-8 text, or a message that tells the analyst how to save the
//! file. Excel and WPS on Chinese Windows save plain "CSV" as GBK/GB18030; that is
//! the common case, so it gets its own words.

use encoding_rs::GB18030;

use super::csv::Loc;

/// Why the bytes are not a UTF-8 roster, and where the first bad byte is.
#[derive(Debug, Clone, PartialEq)]
pub struct NotUtf8 {
    pub loc: Option<Loc>,
    pub message: String,
}

const SAVE_AS: &str = "open it in Excel or WPS and save it as \"CSV UTF-8\"";

/// The text without a leading BOM, or why it cannot be read.
pub fn decode(bytes: &[u8]) -> Result<&str, NotUtf8> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(NotUtf8 {
            loc: None,
            message: format!("not UTF-8: UTF-16 text, as Excel saves \"Unicode text\" (expected UTF-8): {SAVE_AS}"),
        });
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(NotUtf8 {
            loc: None,
            message: format!(
                "not CSV text: an Excel workbook with a .csv name (expected a CSV file): {SAVE_AS}"
            ),
        });
    }
    let e = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(e) => e,
    };
    let good = &bytes[..e.valid_up_to()];
    let text = std::str::from_utf8(good).expect("valid up to here");
    let line = text.matches('\n').count() as u32 + 1;
    let column = text.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
    let byte = bytes[e.valid_up_to()];
    let what = if looks_like_gb18030(bytes) {
        "not UTF-8: this looks like GBK/GB18030 text, as Excel and WPS save \"CSV\" on Chinese Windows"
    } else {
        "not UTF-8 text"
    };
    Err(NotUtf8 {
        loc: Some(Loc { line, column }),
        message: format!("{what} (got byte 0x{byte:02X}; expected UTF-8): {SAVE_AS}"),
    })
}

/// GB18030 decodes the whole file without a single error, the result holds Chinese
/// characters and no control characters: a GBK/GB18030 text file, not binary noise.
fn looks_like_gb18030(bytes: &[u8]) -> bool {
    let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) else {
        return false;
    };
    let chinese = text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    let control = text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    chinese && !control
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_or_without_bom() {
        assert_eq!(decode("uscc,name\n".as_bytes()), Ok("uscc,name\n"));
        assert_eq!(decode("\u{feff}uscc".as_bytes()), Ok("uscc"));
    }

    #[test]
    fn gbk_is_recognised_and_located() {
        let (gbk, _, _) = GB18030.encode("uscc,name\n91350100M000100Y43,沐江恒瑞科技有限公司\n");
        let e = decode(&gbk).unwrap_err();
        assert_eq!(
            e.loc,
            Some(Loc {
                line: 2,
                column: 20
            })
        );
        assert!(e.message.contains("GBK/GB18030"), "{}", e.message);
        assert!(
            e.message.contains("save it as \"CSV UTF-8\""),
            "{}",
            e.message
        );
    }

    #[test]
    fn binary_and_utf16_are_not_called_gbk() {
        let e = decode(b"a,b\n\x00\xFF\xFE\x80").unwrap_err();
        assert!(e.message.starts_with("not UTF-8 text"), "{}", e.message);
        let e = decode(b"\xFF\xFEu\x00").unwrap_err();
        assert!(e.message.contains("UTF-16"), "{}", e.message);
        let e = decode(b"PK\x03\x04rest").unwrap_err();
        assert!(e.message.contains("workbook"), "{}", e.message);
    }
}
