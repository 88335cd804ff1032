//! The English edition's texts. The data gives English names optionally (`name_en`,
//! `label_en`, …, data.md); where one is missing the English page shows the Chinese
//! text marked as Chinese, never a machine translation.

/// A text as the English edition shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InEnglish<'a> {
    pub text: &'a str,
    /// The Chinese original, shown for want of an English text: the page marks it
    /// `lang="zh-CN"` so readers, screen readers and search engines know.
    pub chinese: bool,
}

/// The English text if the data gives one, else the Chinese one, flagged when it
/// has Chinese characters (`%` or a Latin name needs no mark).
pub fn in_english<'a>(zh: &'a str, en: Option<&'a str>) -> InEnglish<'a> {
    match en {
        Some(en) => InEnglish {
            text: en,
            chinese: false,
        },
        None => InEnglish {
            text: zh,
            chinese: has_chinese(zh),
        },
    }
}

/// Whether `s` has a Han character or CJK/full-width punctuation: text an English
/// page must not show unmarked, and that needs an English version.
pub fn has_chinese(s: &str) -> bool {
    s.chars().any(is_chinese)
}

fn is_chinese(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'   // CJK symbols and punctuation (、。「」)
        | '\u{3400}'..='\u{4DBF}' // extension A
        | '\u{4E00}'..='\u{9FFF}' // unified ideographs
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{FF00}'..='\u{FFEF}' // full-width forms (，（）：)
        | '\u{20000}'..='\u{3134F}' // extensions B–G
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_if_given_else_chinese_marked() {
        assert_eq!(
            in_english("高新区", Some("Mujiang Hi-tech Zone")),
            InEnglish {
                text: "Mujiang Hi-tech Zone",
                chinese: false
            }
        );
        assert_eq!(
            in_english("高新区", None),
            InEnglish {
                text: "高新区",
                chinese: true
            }
        );
        assert_eq!(
            in_english("%", None),
            InEnglish {
                text: "%",
                chinese: false
            }
        );
    }

    #[test]
    fn chinese_characters_and_punctuation_are_told() {
        for zh in ["亩", "件（加权）", "a，b", "、", "𠀀"] {
            assert!(has_chinese(zh), "{zh}");
        }
        for en in ["", "10,000 yuan/mu", "%", "Mujiang (Hi-tech) – “zone”", "é"] {
            assert!(!has_chinese(en), "{en}");
        }
    }
}
