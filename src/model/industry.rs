//! 国民经济行业分类 (GB/T 4754-2017) codes: a section letter A–T, then 2–4 digits
//! (`C39`, `C3981`). Stored inline (5 bytes) because every firm has one.

use std::fmt;

/// A firm's industry code, checked for its form (not against the code list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IndustryCode {
    bytes: [u8; 5],
    len: u8,
}

/// Whether `c` is a GB/T 4754-2017 section letter (A–T).
pub fn is_section(c: char) -> bool {
    ('A'..='T').contains(&c)
}

impl IndustryCode {
    /// `C39`, `C3981`; anything else (lower case, spaces, 1 or 5 digits) is `None`.
    pub fn parse(text: &str) -> Option<IndustryCode> {
        let b = text.as_bytes();
        let ok = (3..=5).contains(&b.len())
            && is_section(b[0] as char)
            && b[1..].iter().all(u8::is_ascii_digit);
        ok.then(|| {
            let mut bytes = [0u8; 5];
            bytes[..b.len()].copy_from_slice(b);
            IndustryCode {
                bytes,
                len: b.len() as u8,
            }
        })
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len as usize]).expect("ASCII")
    }

    /// The section letter (`C` for manufacturing).
    pub fn section(&self) -> char {
        self.bytes[0] as char
    }

    /// Whether the code falls under a prefix such as `C39` (or the section `C`).
    pub fn starts_with(&self, prefix: &str) -> bool {
        self.as_str().starts_with(prefix)
    }
}

/// Whether `text` is a code prefix a park may name as its 主导产业: a section
/// letter and up to 4 digits (`C`, `C3`, `C39`, `C3981`).
pub fn is_code_prefix(text: &str) -> bool {
    let b = text.as_bytes();
    (1..=5).contains(&b.len()) && is_section(b[0] as char) && b[1..].iter().all(u8::is_ascii_digit)
}

impl fmt::Display for IndustryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_a_section_and_two_to_four_digits() {
        for ok in ["C39", "C3981", "A011", "T97"] {
            assert_eq!(
                IndustryCode::parse(ok).map(|c| c.to_string()),
                Some(ok.into())
            );
        }
        for bad in [
            "", "C", "C3", "c39", "U39", "C39811", "C3 9", "39", "CC39", "Ｃ39",
        ] {
            assert_eq!(IndustryCode::parse(bad), None, "{bad}");
        }
        let c = IndustryCode::parse("C3981").unwrap();
        assert_eq!(c.section(), 'C');
        assert!(c.starts_with("C39") && c.starts_with("C") && !c.starts_with("C40"));
    }

    #[test]
    fn prefixes_may_be_shorter() {
        assert!(is_code_prefix("C") && is_code_prefix("C3") && is_code_prefix("C3981"));
        assert!(!is_code_prefix("c39") && !is_code_prefix("") && !is_code_prefix("C39811"));
    }
}
