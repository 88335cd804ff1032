//! Data-supplied markdown → [`Html`]. The one place that owns pulldown-cmark's
//! options. Raw HTML in the markdown is shown as text, links may only point to
//! web, mail or relative addresses, and images become links (no request leaves
//! the site).

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::html::Html;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.split_once(':') {
        // A colon before any '/', '?' or '#' is a scheme.
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(scheme, "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// Renders data-supplied `markdown` as trusted [`Html`].
pub fn to_html(markdown: &str) -> Html {
    render(markdown, 0)
}

/// As [`to_html`], one heading level down (`#` becomes `<h2>`), for prose placed
/// under a page's own `<h1>`.
pub fn to_html_nested(markdown: &str) -> Html {
    render(markdown, 1)
}

fn lower(level: HeadingLevel, by: usize) -> HeadingLevel {
    HeadingLevel::try_from((level as usize + by).min(6)).unwrap_or(HeadingLevel::H6)
}

fn render(markdown: &str, shift: usize) -> Html {
    let events = Parser::new_ext(markdown, options()).map(|ev| match ev {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: lower(level, shift),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level, shift))),
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: or_hash(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            dest_url,
            title,
            id,
            ..
        }) => Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: or_hash(dest_url),
            title,
            id,
        }),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    Html::trusted(out)
}

/// A link target that is safe to publish, or `#` in its place.
fn or_hash(url: CowStr<'_>) -> CowStr<'_> {
    if safe_url(&url) {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_becomes_text() {
        let h = to_html("# T\n\n<script>alert(1)</script>\n\nhi <b>x</b>");
        assert!(!h.as_str().contains("<script>"), "{}", h.as_str());
        assert!(h.as_str().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(h.as_str().contains("&lt;b&gt;x&lt;/b&gt;"));
    }

    #[test]
    fn nested_prose_starts_at_h2() {
        let h = to_html_nested("# A\n\n## B\n\n###### C");
        assert_eq!(h.as_str(), "<h2>A</h2>\n<h3>B</h3>\n<h6>C</h6>\n");
    }

    #[test]
    fn tables_links_and_images() {
        let h = to_html("|a|b|\n|---|---|\n|1|2|\n\n[x](javascript:alert(1)) [y](https://e.cn/) ![pic](http://e.cn/p.png)");
        let s = h.as_str();
        assert!(s.contains("<table>"));
        assert!(!s.contains("javascript:"));
        assert!(s.contains("href=\"https://e.cn/\""));
        assert!(!s.contains("<img"), "images become links: {s}");
        assert!(s.contains("href=\"http://e.cn/p.png\""));
    }
}
