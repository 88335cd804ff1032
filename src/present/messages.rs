//! The interface text of each edition, in one reviewed file per language
//! (`templates/i18n/<lang>.yaml`), compiled in and parsed once. Views take their
//! words from here ([`msg`], [`fill`]); the templates get the same file as `t`.
//! A key in one file only fails the tests (`every_key_is_in_both_languages`).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::lang::Lang;

const ZH: &str = include_str!("../../templates/i18n/zh.yaml");
const EN: &str = include_str!("../../templates/i18n/en.yaml");

/// Sections of keys to texts, as written in the file.
pub type Messages = BTreeMap<String, BTreeMap<String, String>>;

static PARSED: LazyLock<[Messages; 2]> = LazyLock::new(|| [parse(ZH, "zh"), parse(EN, "en")]);

/// Our own compiled-in file; a broken one fails every test at once.
fn parse(text: &str, name: &str) -> Messages {
    serde_yaml::from_str(text)
        .unwrap_or_else(|e| panic!("templates/i18n/{name}.yaml is not a map of sections: {e}"))
}

/// The messages of one edition.
pub fn messages(lang: Lang) -> &'static Messages {
    match lang {
        Lang::Zh => &PARSED[0],
        Lang::En => &PARSED[1],
    }
}

/// The text at `key` (`section.name`). A key missing from the file is a bug the
/// tests catch; outside debug builds the page shows the key rather than failing.
pub fn msg(lang: Lang, key: &str) -> &str {
    let found = key
        .split_once('.')
        .and_then(|(section, name)| messages(lang).get(section)?.get(name));
    debug_assert!(found.is_some(), "no message `{key}` in {lang:?}");
    found.map_or(key, String::as_str)
}

/// The word for a value of the model's vocabulary (`status.vetoed`, `kind.startup`):
/// `section` and the value's id.
pub fn word(lang: Lang, section: &str, id: &str) -> &'static str {
    let found = messages(lang).get(section).and_then(|m| m.get(id));
    debug_assert!(found.is_some(), "no message `{section}.{id}` in {lang:?}");
    found.map_or("", String::as_str)
}

/// The text at `key` with each `{name}` replaced by its value.
pub fn fill(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    fill_text(msg(lang, key), args)
}

/// `text` with each `{name}` of `args` replaced by its value (values are not
/// searched again, so a value holding `{x}` stays as it is).
pub fn fill_text(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn keys(lang: Lang) -> BTreeSet<String> {
        messages(lang)
            .iter()
            .flat_map(|(s, m)| m.keys().map(move |k| format!("{s}.{k}")))
            .collect()
    }

    #[test]
    fn every_key_is_in_both_languages() {
        let (zh, en) = (keys(Lang::Zh), keys(Lang::En));
        let only_zh: Vec<&String> = zh.difference(&en).collect();
        let only_en: Vec<&String> = en.difference(&zh).collect();
        assert!(
            only_zh.is_empty() && only_en.is_empty(),
            "keys in one messages file only: zh.yaml only {only_zh:?}, en.yaml only {only_en:?}"
        );
        assert!(zh.len() > 150, "{}", zh.len());
    }

    #[test]
    fn placeholders_match_across_languages() {
        let names = |t: &str| -> BTreeSet<String> {
            t.split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string()))
                .collect()
        };
        for key in keys(Lang::Zh) {
            assert_eq!(
                names(msg(Lang::Zh, &key)),
                names(msg(Lang::En, &key)),
                "{key}"
            );
        }
    }

    #[test]
    fn english_messages_have_no_chinese_but_the_switch_to_chinese() {
        for key in keys(Lang::En) {
            let text = msg(Lang::En, &key);
            if key != "chrome.lang_switch" {
                assert!(!crate::model::has_chinese(text), "{key}: {text}");
            }
        }
    }

    #[test]
    fn fill_replaces_named_placeholders_once() {
        assert_eq!(
            fill_text(
                "{park} · {year}年度评分",
                &[("year", "2023"), ("park", "{year}")]
            ),
            "{year} · 2023年度评分"
        );
        assert_eq!(fill_text("a {b", &[("b", "x")]), "a {b");
        assert_eq!(
            fill(Lang::En, "title.year", &[("year", "2023")]),
            "2023 evaluation results"
        );
    }
}
