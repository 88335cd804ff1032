//! Request URL → a file of the in-memory site. Anything that could name a place
//! outside the site (`..`, `.`, backslashes, NUL, empty segments, bad
//! percent-encoding), encoded or not, resolves to nothing: the server answers 404.

use crate::write::Output;

/// Where a request for the site leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// The site file at this relative path.
    File(String),
    /// `/dir` where `dir/index.html` exists: redirect to `/dir/` so relative links work.
    AddSlash(String),
    NotFound,
}

/// Resolves the path part of a request URL (query ignored) against `site`.
pub fn resolve(url: &str, site: &Output) -> Resolved {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(rel) = site_path(path) else {
        return Resolved::NotFound;
    };
    if rel.is_empty() || rel.ends_with('/') {
        let index = format!("{rel}index.html");
        return match site.get(&index) {
            Some(_) => Resolved::File(index),
            None => Resolved::NotFound,
        };
    }
    if site.get(&rel).is_some() {
        return Resolved::File(rel);
    }
    if site.get(&format!("{rel}/index.html")).is_some() {
        return Resolved::AddSlash(format!("{path}/"));
    }
    Resolved::NotFound
}

/// The decoded path relative to the site root (`""` for `/`, `dir/` for `/dir/`),
/// or `None` when the path is not a safe name inside the site.
pub fn site_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix('/')?;
    let decoded = String::from_utf8(percent_decode(rest)?).ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let body = decoded.strip_suffix('/').unwrap_or(&decoded);
    if !body.is_empty()
        && body
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..")
    {
        return None;
    }
    Some(decoded)
}

/// `%XX` → byte; `None` for a malformed escape. `+` stays `+` (this is a path, not a form).
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let text = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(text, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Output {
        let mut o = Output::new();
        for p in [
            "index.html",
            "2023/index.html",
            "2023/results.json",
            "parks/园区.html",
        ] {
            o.emit(p, "x").unwrap();
        }
        o
    }

    #[test]
    fn serves_files_and_directory_indexes() {
        let s = site();
        let f = |p: &str| Resolved::File(p.to_string());
        assert_eq!(resolve("/", &s), f("index.html"));
        assert_eq!(resolve("/?v=1", &s), f("index.html"));
        assert_eq!(resolve("/2023/", &s), f("2023/index.html"));
        assert_eq!(resolve("/2023/results.json", &s), f("2023/results.json"));
        assert_eq!(
            resolve("/2023", &s),
            Resolved::AddSlash("/2023/".to_string())
        );
        assert_eq!(
            resolve("/parks/%E5%9B%AD%E5%8C%BA.html", &s),
            f("parks/园区.html")
        );
        assert_eq!(resolve("/2022/", &s), Resolved::NotFound);
        assert_eq!(resolve("/nothing.css", &s), Resolved::NotFound);
    }

    #[test]
    fn nothing_outside_the_site_resolves() {
        let s = site();
        for url in [
            "/../Cargo.toml",
            "/..",
            "/2023/../index.html",
            "/%2e%2e/x",
            "/%2E%2E/x",
            "/2023/%2e%2e/index.html",
            "/..%2fCargo.toml",
            "/..%5cCargo.toml",
            "/2023\\..\\index.html",
            "/./index.html",
            "//etc/passwd",
            "/2023//results.json",
            "/index.html%00",
            "/%zz",
            "/%e5",
            "index.html",
            "",
        ] {
            assert_eq!(resolve(url, &s), Resolved::NotFound, "{url}");
        }
    }

    #[test]
    fn double_encoding_is_only_a_strange_file_name() {
        assert_eq!(site_path("/%252e%252e/x").as_deref(), Some("%2e%2e/x"));
    }
}
