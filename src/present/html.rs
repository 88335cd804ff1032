//! `Html`: markup we produced ourselves (rendered markdown, our own SVG). It is the
//! only thing templates may print with `| safe`, and every field holding it ends in
//! `_html`, so a grep finds every trusted spot.

use serde::Serialize;

/// Trusted markup. Construct it only from code that escapes what it embeds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Html(String);

impl Html {
    /// Wraps markup this crate generated; callers vouch that any data inside is escaped.
    pub fn trusted(markup: String) -> Html {
        Html(markup)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Escapes text for HTML/XML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }
}
