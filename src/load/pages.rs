//! `pages/<name>.md`: the file name (it becomes a web address) and the depth of
//! nesting, checked at load so that `check` refuses what `build` would.

use crate::error::Problem;
use crate::model::{Page, ParkId};

use super::text::position_at;

/// Deepest nesting of block quotes and lists in a page (counting two columns of
/// indentation as one level). Prose needs three or four; pulldown-cmark copes with a
/// million, but its output then weighs hundreds of megabytes.
pub const MAX_PAGE_NESTING: usize = 64;

/// The page, or why its name or text is refused.
pub fn validate_page(file: &str, slug: &str, markdown: &str) -> Result<Page, Problem> {
    // `about.en` is the English text of `about` (paired later); the name is `about`'s.
    let name = slug.strip_suffix(".en").unwrap_or(slug);
    if ParkId::parse(name).is_none() {
        return Err(Problem::new(
            file,
            "",
            format!("page file names become web addresses, so they may use only lower-case ASCII letters, digits and '-' (got `{slug}.md`; expected e.g. about.md)"),
        ));
    }
    let mut offset = 0;
    for line in markdown.split_inclusive('\n') {
        if nesting(line) > MAX_PAGE_NESTING {
            return Err(Problem::new(
                file,
                "",
                format!("block quotes and lists nested too deeply (expected at most {MAX_PAGE_NESTING} levels)"),
            )
            .at(Some(position_at(markdown, offset))));
        }
        offset += line.len();
    }
    Ok(Page {
        slug: slug.to_string(),
        markdown: markdown.to_string(),
        markdown_en: None,
    })
}

/// Container levels a line opens: `>` and list markers, plus its leading indentation.
fn nesting(line: &str) -> usize {
    let b = line.as_bytes();
    let (mut i, mut levels, mut columns) = (0, 0, 0);
    while i < b.len() {
        match b[i] {
            // Indentation counts before the first marker; after it, it is the marker's.
            b' ' if levels == 0 => columns += 1,
            b'\t' if levels == 0 => columns += 4,
            b' ' | b'\t' => {}
            b'>' => levels += 1,
            b'-' | b'*' | b'+' if b.get(i + 1).is_some_and(|c| *c == b' ' || *c == b'\t') => {
                levels += 1
            }
            b'0'..=b'9' => {
                let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                let after = b.get(i + digits);
                if digits > 9 || !matches!(after, Some(b'.' | b')')) {
                    break;
                }
                levels += 1;
                i += digits;
            }
            _ => break,
        }
        i += 1;
    }
    levels + columns / 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_must_be_web_safe() {
        assert!(validate_page("pages/about.md", "about", "# 关于\n").is_ok());
        let p = validate_page("pages/关于.md", "关于", "x").unwrap_err();
        assert!(p.message.contains("got `关于.md`"), "{}", p.message);
        assert!(validate_page("pages/About.md", "About", "x").is_err());
        assert!(validate_page("pages/about.en.md", "about.en", "# About\n").is_ok());
        assert!(validate_page("pages/About.en.md", "About.en", "x").is_err());
    }

    #[test]
    fn deep_nesting_is_refused_at_its_line() {
        assert_eq!(nesting("> - 1. > x\n"), 4);
        assert_eq!(nesting("    - x\n"), 3);
        assert_eq!(nesting("-1 is a number\n"), 0);
        assert_eq!(nesting("2023. 年\n"), 1);
        assert_eq!(nesting("20231231. x\n"), 1);
        let ok = format!("intro\n{}x\n", "> ".repeat(30));
        assert!(validate_page("pages/a.md", "a", &ok).is_ok());
        let deep = format!("intro\n\n{}x\n", "> ".repeat(100_000));
        let p = validate_page("pages/a.md", "a", &deep).unwrap_err();
        assert_eq!(
            p.to_string(),
            "pages/a.md:3:1: block quotes and lists nested too deeply (expected at most 64 levels)"
        );
        let list = format!("{}x\n", "- ".repeat(65));
        assert!(validate_page("pages/a.md", "a", &list).is_err());
    }
}
