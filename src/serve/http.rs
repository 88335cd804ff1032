//! The HTTP side of the preview server: requests → files of the live site, with
//! the reload script and error overlay injected into HTML. Bound to 127.0.0.1
//! only: this is a preview for the person at the keyboard, not a web server.

use std::net::SocketAddr;
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server};

use crate::error::{Error, Result};

use super::inject::{inject, placeholder, VERSION_PATH};
use super::live::{LiveSite, Snapshot};
use super::mime::{content_type, is_html};
use super::route::{resolve, Resolved};

/// How long a live-reload request is held open when nothing changes.
const LONG_POLL: Duration = Duration::from_secs(25);

/// Binds `127.0.0.1:port` (`0`: any free port).
pub fn bind(port: u16) -> Result<(Server, SocketAddr)> {
    let want = SocketAddr::from(([127, 0, 0, 1], port));
    let server = Server::http(want).map_err(|source| Error::Listen { addr: want, source })?;
    let addr = server.server_addr().to_ip().ok_or_else(|| Error::Listen {
        addr: want,
        source: "bound to an address that is not IP".into(),
    })?;
    Ok((server, addr))
}

/// Answers requests until [`Server::unblock`] is called; each request gets its
/// own thread, because live-reload requests wait for the next build.
pub fn spawn(server: Arc<Server>, live: Arc<LiveSite>) -> std::io::Result<JoinHandle<()>> {
    thread::Builder::new()
        .name("parkscore-http".into())
        .spawn(move || {
            for rq in server.incoming_requests() {
                let live = Arc::clone(&live);
                let spawned = thread::Builder::new()
                    .name("parkscore-request".into())
                    .spawn(move || handle(rq, &live));
                if spawned.is_err() {
                    // Out of threads: the dropped request closes its connection.
                    continue;
                }
            }
        })
}

fn handle(rq: Request, live: &LiveSite) {
    let response = if !matches!(rq.method(), Method::Get | Method::Head) {
        reply(
            405,
            "text/plain; charset=utf-8",
            b"method not allowed\n".to_vec(),
        )
    } else {
        answer(rq.url(), live)
    };
    // The client may have gone away (a reload cancels its long-poll): nothing to do.
    let _ = rq.respond(response);
}

/// The response to a GET of `url`.
pub fn answer(url: &str, live: &LiveSite) -> Response<std::io::Cursor<Vec<u8>>> {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    if path == VERSION_PATH {
        let since = query.split('&').find_map(|kv| kv.strip_prefix("since="));
        let now = match since {
            Some(since) => live.wait_for_change(since, LONG_POLL),
            None => live.snapshot().version,
        };
        return reply(200, "text/plain; charset=utf-8", now.into_bytes());
    }
    if path.starts_with("/__parkscore/") {
        return not_found(&live.snapshot());
    }
    let snap = live.snapshot();
    let Some(site) = snap.site.as_deref() else {
        return reply(
            503,
            "text/html; charset=utf-8",
            placeholder(&snap.version, &snap.problems),
        );
    };
    match resolve(url, site) {
        Resolved::File(rel) => {
            let bytes = site.get(&rel).expect("resolve returns existing files");
            let body = if is_html(&rel) {
                inject(bytes, &snap.version, &snap.problems)
            } else {
                bytes.to_vec()
            };
            reply(200, content_type(&rel), body)
        }
        Resolved::AddSlash(location) => {
            let mut r = reply(301, "text/plain; charset=utf-8", Vec::new());
            if let Ok(h) = Header::from_bytes("Location", ascii_url(&location)) {
                r.add_header(h);
            }
            r
        }
        Resolved::NotFound => not_found(&snap),
    }
}

fn not_found(snap: &Snapshot) -> Response<std::io::Cursor<Vec<u8>>> {
    let page = "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
                <title>404</title></head><body><h1>404 找不到页面</h1>\
                <p><a href=\"/\">返回首页</a></p></body></html>\n";
    reply(
        404,
        "text/html; charset=utf-8",
        inject(page.as_bytes(), &snap.version, &snap.problems),
    )
}

fn reply(status: u16, content_type: &str, body: Vec<u8>) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut r = Response::from_data(body).with_status_code(status);
    for (name, value) in [
        ("Content-Type", content_type),
        // A preview must never show a stale page after a rebuild.
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ] {
        r.add_header(Header::from_bytes(name, value).expect("ASCII header"));
    }
    r
}

/// Percent-encodes anything outside printable ASCII, for a `Location` header.
fn ascii_url(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_graphic() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::write::Output;

    fn live_with(files: &[(&str, &str)]) -> LiveSite {
        let live = LiveSite::new("t");
        let mut o = Output::new();
        for (p, b) in files {
            o.emit(*p, *b).unwrap();
        }
        live.publish(o);
        live
    }

    fn body(r: Response<std::io::Cursor<Vec<u8>>>) -> (u16, String) {
        let status = r.status_code().0;
        let mut s = String::new();
        r.into_reader().read_to_string(&mut s).unwrap();
        (status, s)
    }

    #[test]
    fn html_gets_the_script_other_files_are_served_as_built() {
        let live = live_with(&[
            ("index.html", "<body>home</body>"),
            ("2023/results.json", "{\"a\":1}"),
        ]);
        let (status, html) = body(answer("/", &live));
        assert_eq!(status, 200);
        assert!(html.contains("home") && html.contains("<script"));
        let (status, json) = body(answer("/2023/results.json", &live));
        assert_eq!((status, json.as_str()), (200, "{\"a\":1}"));
        assert_eq!(body(answer("/2023/nothing", &live)).0, 404);
        assert_eq!(body(answer("/../Cargo.toml", &live)).0, 404);
        assert_eq!(body(answer("/__parkscore/other", &live)).0, 404);
    }

    #[test]
    fn the_version_endpoint_answers_at_once_when_the_page_is_stale() {
        let live = live_with(&[("index.html", "x")]);
        let v = live.snapshot().version;
        assert_eq!(body(answer(VERSION_PATH, &live)).1, v);
        assert_eq!(
            body(answer(&format!("{VERSION_PATH}?since=old"), &live)).1,
            v
        );
    }

    #[test]
    fn before_any_good_build_every_page_shows_the_problems() {
        let live = LiveSite::new("t");
        live.fail(vec!["site.yaml: title: missing".into()]);
        let (status, html) = body(answer("/any/page.html", &live));
        assert_eq!(status, 503);
        assert!(html.contains("site.yaml: title: missing"));
    }

    #[test]
    fn redirect_locations_are_ascii() {
        assert_eq!(ascii_url("/园/"), "/%E5%9B%AD/");
        assert_eq!(ascii_url("/a b/"), "/a%20b/");
    }
}
