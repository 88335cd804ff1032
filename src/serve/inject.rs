//! What the preview server adds to the HTML it serves (never to `build` output):
//! a live-reload script, and over every page an overlay with the build problems
//! while the data is broken.

/// The long-poll endpoint the script asks; answers with the current version as text.
pub const VERSION_PATH: &str = "/__parkscore/version";

/// `html` with the reload script (and the overlay, if there are `problems`) before
/// its last `</body>`, or at the end if it has none.
pub fn inject(html: &[u8], version: &str, problems: &[String]) -> Vec<u8> {
    let mut snippet = String::new();
    if !problems.is_empty() {
        snippet.push_str(&overlay(problems));
    }
    snippet.push_str(&reload_script(version));
    let at = find_last_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// A page for when no build has succeeded yet: only the overlay and the script.
pub fn placeholder(version: &str, problems: &[String]) -> Vec<u8> {
    let page = "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
                <title>parkscore: 数据有误</title></head><body></body></html>\n";
    inject(page.as_bytes(), version, problems)
}

/// Polls [`VERSION_PATH`] (the server holds each request until the version moves,
/// up to ~25 s) and reloads when the version differs from the one this page was
/// served with. Network errors (server restarting) retry after a second.
fn reload_script(version: &str) -> String {
    format!(
        r#"<script data-parkscore-live="{v}">
(function () {{
  var served = "{v}";
  function poll() {{
    fetch("{path}?since=" + encodeURIComponent(served), {{ cache: "no-store" }})
      .then(function (r) {{ if (!r.ok) {{ throw new Error(r.status); }} return r.text(); }})
      .then(function (now) {{
        if (now.trim() !== served) {{ location.reload(); }} else {{ poll(); }}
      }})
      .catch(function () {{ setTimeout(poll, 1000); }});
  }}
  poll();
}})();
</script>
"#,
        v = escape(version),
        path = VERSION_PATH
    )
}

fn overlay(problems: &[String]) -> String {
    let lines: Vec<String> = problems.iter().map(|p| escape(p)).collect();
    format!(
        r#"<div id="parkscore-overlay" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2em;background:rgba(24,24,24,.94);color:#f5f5f5;font:14px/1.6 ui-monospace,Menlo,Consolas,monospace;text-align:left">
<h2 style="margin:0 0 1em;color:#ff8a80;font-size:18px">数据有误：以下问题修正前，页面显示的是上一次成功生成的结果</h2>
<pre style="white-space:pre-wrap;margin:0">{}</pre>
<p style="margin-top:1.5em;color:#bbb">保存修正后的文件，页面会自动刷新。</p>
</div>
"#,
        lines.join("\n")
    )
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
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

/// Byte offset of the last ASCII-case-insensitive occurrence of `needle`.
fn find_last_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(b: Vec<u8>) -> String {
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn the_script_goes_before_the_closing_body() {
        let html = b"<html><body><p>\xe5\x9b\xad</p></BODY></html>";
        let out = text(inject(html, "abc-3", &[]));
        let script = out.find("<script").unwrap();
        assert!(out.starts_with("<html><body><p>园</p>"));
        assert!(script < out.find("</BODY>").unwrap());
        assert!(out.ends_with("</BODY></html>"));
        assert!(out.contains(r#"var served = "abc-3";"#));
        assert!(out.contains(VERSION_PATH));
        assert!(
            !out.contains("parkscore-overlay"),
            "no problems, no overlay"
        );
    }

    #[test]
    fn a_fragment_without_body_gets_the_script_appended() {
        let out = text(inject(b"<p>hi</p>", "v", &[]));
        assert!(out.starts_with("<p>hi</p><script"));
    }

    #[test]
    fn the_overlay_lists_every_problem_escaped() {
        let problems = vec![
            "parks/a.yaml:3:12: years.2023.metrics.tax_wan: not a number (got `<b>`)".to_string(),
            "site.yaml: title: missing".to_string(),
        ];
        let out = text(inject(b"<body></body>", "v", &problems));
        assert!(out.contains("parkscore-overlay"));
        assert!(out.contains(
            "parks/a.yaml:3:12: years.2023.metrics.tax_wan: not a number (got `&lt;b&gt;`)\nsite.yaml: title: missing"
        ));
        assert!(!out.contains("<b>"));
        assert!(out.find("parkscore-overlay").unwrap() < out.find("<script").unwrap());
    }

    #[test]
    fn the_placeholder_is_a_whole_page() {
        let out = text(placeholder("v", &["x: y".to_string()]));
        assert!(out.starts_with("<!doctype html>"));
        assert!(out.contains("x: y"));
        assert!(out.trim_end().ends_with("</body></html>"));
    }
}
