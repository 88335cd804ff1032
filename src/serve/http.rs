//! The HTTP side of the preview server: requests → files of the live site, with
//! the reload script and error overlay injected into HTML. Bound to 127.0.0.1
//! only: this is a preview for the person at the keyboard, not a web server.
//!
//! A small accept loop of our own rather than tiny_http, which reads headers
//! without a size limit and idle connections without a timeout: here every
//! request head is bounded in size and time and must name this server as its
//! `Host` ([`super::request`]), connections are capped, and each answer closes
//! its connection.

use std::io::Write;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::error::{Error, Result};

use super::inject::{inject, placeholder, VERSION_PATH};
use super::live::{LiveSite, Snapshot};
use super::mime::{content_type, is_html};
use super::request::{host_allowed, read_head, Refusal};
use super::route::{resolve, Resolved};

/// How long a live-reload request is held open when nothing changes.
const LONG_POLL: Duration = Duration::from_secs(25);

/// Connections served at once; each open page holds one for its live reload.
pub const MAX_CONNECTIONS: usize = 64;

/// How long writing an answer may stall before the connection is dropped.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// The listening socket and what its threads share.
pub struct HttpServer {
    listener: TcpListener,
    addr: SocketAddr,
    stopping: AtomicBool,
    active: Arc<AtomicUsize>,
}

/// Binds `127.0.0.1:port` (`0`: any free port).
pub fn bind(port: u16) -> Result<(HttpServer, SocketAddr)> {
    let want = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = TcpListener::bind(want).map_err(|e| Error::Listen {
        addr: want,
        source: Box::new(e),
    })?;
    let addr = listener.local_addr().map_err(|e| Error::Listen {
        addr: want,
        source: Box::new(e),
    })?;
    let server = HttpServer {
        listener,
        addr,
        stopping: AtomicBool::new(false),
        active: Arc::new(AtomicUsize::new(0)),
    };
    Ok((server, addr))
}

impl HttpServer {
    /// Stops the accept loop: it sees the flag when this wakes it with a connection.
    pub fn unblock(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
    }
}

/// Answers connections until [`HttpServer::unblock`] is called; each connection gets
/// its own thread, because live-reload requests wait for the next build.
pub fn spawn(server: Arc<HttpServer>, live: Arc<LiveSite>) -> std::io::Result<JoinHandle<()>> {
    thread::Builder::new()
        .name("parkscore-http".into())
        .spawn(move || {
            for conn in server.listener.incoming() {
                if server.stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                if server.active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                    server.active.fetch_sub(1, Ordering::SeqCst);
                    continue; // dropping it closes it
                }
                let (live, active) = (Arc::clone(&live), Arc::clone(&server.active));
                let port = server.addr.port();
                let spawned = thread::Builder::new()
                    .name("parkscore-request".into())
                    .spawn(move || {
                        handle(conn, &live, port);
                        active.fetch_sub(1, Ordering::SeqCst);
                    });
                if spawned.is_err() {
                    // Out of threads: the dropped connection is closed.
                    server.active.fetch_sub(1, Ordering::SeqCst);
                }
            }
        })
}

/// Reads one request from `conn`, answers it and closes the connection.
fn handle(mut conn: TcpStream, live: &LiveSite, port: u16) {
    let _ = conn.set_write_timeout(Some(WRITE_TIMEOUT));
    let reader = conn.try_clone();
    let Ok(mut reader) = reader else { return };
    let timeout_of = reader.try_clone();
    let mut set_timeout = |d: Duration| {
        if let Ok(s) = &timeout_of {
            let _ = s.set_read_timeout(Some(d));
        }
    };
    let (reply, head_only) = match read_head(&mut reader, &mut set_timeout) {
        Err(Refusal::Gone) => return,
        Err(Refusal::TooLarge) => (text(431, "request header fields too large\n"), false),
        Err(Refusal::Malformed) => (text(400, "bad request\n"), false),
        Ok(head) if !host_allowed(&head.hosts, port) => (
            text(
                403,
                "forbidden: this preview answers only to localhost, 127.0.0.1 or [::1] with its own port\n",
            ),
            false,
        ),
        Ok(head) => match head.method.as_str() {
            "GET" => (answer(&head.target, live), false),
            "HEAD" => (answer(&head.target, live), true),
            _ => (text(405, "method not allowed\n"), false),
        },
    };
    // The client may have gone away (a reload cancels its long-poll): nothing to do.
    let _ = reply.write_to(&mut conn, head_only);
    let _ = conn.shutdown(Shutdown::Write);
    drain(&mut reader);
}

/// Reads what the client still sends (briefly, boundedly) before the socket closes:
/// closing with unread input resets the connection, and the client would lose the
/// answer, e.g. the 431 for an oversized head.
fn drain(conn: &mut TcpStream) {
    let _ = conn.set_read_timeout(Some(Duration::from_millis(200)));
    let until = std::time::Instant::now() + Duration::from_secs(1);
    let mut sink = [0u8; 4096];
    let mut left: usize = 1 << 20;
    while left > 0 && std::time::Instant::now() < until {
        match std::io::Read::read(conn, &mut sink) {
            Ok(0) | Err(_) => return,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

/// An answer: status, headers, body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub location: Option<String>,
    pub body: Vec<u8>,
}

impl Reply {
    /// Writes the answer as HTTP/1.1 with `Connection: close`; `head_only` for HEAD.
    pub fn write_to(&self, out: &mut dyn Write, head_only: bool) -> std::io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.body.len()
        );
        if let Some(l) = &self.location {
            head.push_str(&format!("Location: {}\r\n", ascii_url(l)));
        }
        head.push_str("\r\n");
        out.write_all(head.as_bytes())?;
        if !head_only {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

fn text(status: u16, body: &str) -> Reply {
    reply(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
    )
}

/// The response to a GET of `url`.
pub fn answer(url: &str, live: &LiveSite) -> Reply {
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
            r.location = Some(location);
            r
        }
        Resolved::NotFound => not_found(&snap),
    }
}

fn not_found(snap: &Snapshot) -> Reply {
    let page = "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
                <title>404</title></head><body><h1>404 找不到页面</h1>\
                <p><a href=\"/\">返回首页</a></p></body></html>\n";
    reply(
        404,
        "text/html; charset=utf-8",
        inject(page.as_bytes(), &snap.version, &snap.problems),
    )
}

/// A reply; every one is sent with `Cache-Control: no-store` (a preview must never
/// show a stale page after a rebuild) and `nosniff`.
fn reply(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
    Reply {
        status,
        content_type: content_type.to_string(),
        location: None,
        body,
    }
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

    fn body(r: Reply) -> (u16, String) {
        (r.status, String::from_utf8(r.body).unwrap())
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
    fn answers_close_their_connection_and_head_has_no_body() {
        let mut r = reply(301, "text/plain; charset=utf-8", b"moved".to_vec());
        r.location = Some("/园/".into());
        let mut out = Vec::new();
        r.write_to(&mut out, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("HTTP/1.1 301 Moved Permanently\r\n"),
            "{text}"
        );
        assert!(text.contains("\r\nContent-Length: 5\r\n"));
        assert!(text.contains("\r\nConnection: close\r\n"));
        assert!(text.contains("\r\nCache-Control: no-store\r\n"));
        assert!(text.contains("\r\nLocation: /%E5%9B%AD/\r\n"));
        assert!(text.ends_with("\r\n\r\nmoved"));
        let mut head = Vec::new();
        r.write_to(&mut head, true).unwrap();
        assert!(String::from_utf8(head).unwrap().ends_with("\r\n\r\n"));
    }

    #[test]
    fn redirect_locations_are_ascii() {
        assert_eq!(ascii_url("/园/"), "/%E5%9B%AD/");
        assert_eq!(ascii_url("/a b/"), "/a%20b/");
    }
}
