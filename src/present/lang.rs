//! The editions of the site: Chinese at the root, English under `en/` (issue 11).
//! A page knows its edition; every interface text comes from that edition's
//! messages file (`messages.rs`) and every name from the data through [`Lang::name`],
//! which never machine-translates: a missing English name shows the Chinese one,
//! marked so the page can say `lang="zh-CN"`.

use std::borrow::Cow;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::model::in_english;

/// The edition a page belongs to. Data files have none; every page has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Every edition, the default first.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The folder the edition lives under (`""` for the Chinese site at the root).
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::Zh => "",
            Lang::En => "en/",
        }
    }

    /// The BCP 47 tag of `<html lang>` and `hreflang`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The other edition (the language switch's target).
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// A name from the data in this edition: the Chinese text, or the English one
    /// when given, else the Chinese one marked as Chinese.
    pub fn name<'a>(self, zh: &'a str, en: Option<&'a str>) -> Named<'a> {
        match self {
            Lang::Zh => Named::plain(zh),
            Lang::En => {
                let e = in_english(zh, en);
                Named {
                    text: Cow::Borrowed(e.text),
                    zh: e.chinese,
                }
            }
        }
    }

    /// A name for places that cannot mark a language (`<title>`, descriptions,
    /// SVG titles): the English page uses `fallback` instead of unmarked Chinese.
    pub fn plain_name<'a>(self, zh: &'a str, en: Option<&'a str>, fallback: &'a str) -> &'a str {
        let named = self.name(zh, en);
        if named.zh {
            fallback
        } else {
            match named.text {
                Cow::Borrowed(s) => s,
                Cow::Owned(_) => fallback,
            }
        }
    }
}

/// A text shown on a page, which the English edition may have to show in Chinese
/// (a name without its English). Templates print it with `| plain` plus
/// `| lang_attr` on its element, or `| tx` (a `<span lang="zh-CN">` when needed).
/// Serialized as the text itself, or as `{"zh": text}` when it is marked Chinese.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Named<'a> {
    pub text: Cow<'a, str>,
    /// Chinese text on an English page.
    pub zh: bool,
}

impl<'a> Named<'a> {
    /// A text in the page's own language.
    pub fn plain(text: impl Into<Cow<'a, str>>) -> Named<'a> {
        Named {
            text: text.into(),
            zh: false,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The same text, owned.
    pub fn into_owned(self) -> Named<'static> {
        Named {
            text: Cow::Owned(self.text.into_owned()),
            zh: self.zh,
        }
    }
}

impl From<String> for Named<'static> {
    fn from(s: String) -> Self {
        Named::plain(s)
    }
}

impl<'a> From<&'a str> for Named<'a> {
    fn from(s: &'a str) -> Self {
        Named::plain(s)
    }
}

impl std::fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Named<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.zh {
            let mut map = s.serialize_map(Some(1))?;
            map.serialize_entry("zh", &self.text)?;
            map.end()
        } else {
            s.serialize_str(&self.text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fall_back_to_marked_chinese_in_english_only() {
        assert_eq!(Lang::Zh.name("高新区", Some("Hi-tech Zone")).text, "高新区");
        assert!(!Lang::Zh.name("高新区", None).zh);
        let en = Lang::En.name("高新区", Some("Hi-tech Zone"));
        assert_eq!((en.text.as_ref(), en.zh), ("Hi-tech Zone", false));
        let fallback = Lang::En.name("高新区", None);
        assert_eq!((fallback.text.as_ref(), fallback.zh), ("高新区", true));
        assert_eq!(Lang::En.plain_name("高新区", None, "p1"), "p1");
        assert_eq!(
            serde_json::to_string(&fallback).unwrap(),
            r#"{"zh":"高新区"}"#
        );
        assert_eq!(serde_json::to_string(&en).unwrap(), r#""Hi-tech Zone""#);
    }

    #[test]
    fn editions_have_their_folder_and_tag() {
        assert_eq!(Lang::Zh.prefix(), "");
        assert_eq!(Lang::En.prefix(), "en/");
        assert_eq!(Lang::En.other().tag(), "zh-CN");
    }
}
