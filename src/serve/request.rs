//! One HTTP request head read from a connection, within limits: at most
//! [`MAX_HEAD_BYTES`], within [`HEAD_DEADLINE`] in all (a client that trickles a
//! byte every few seconds is cut off too), and only from a browser that addressed
//! this server by a loopback name and its port — a page on another site that
//! rebinds its DNS name to 127.0.0.1 sends its own name as `Host` and is refused.

use std::io::Read;
use std::time::{Duration, Instant};

/// Largest request line plus headers; browsers send under 2 KiB.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;

/// Time a client has to send its whole request head.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);

/// What the server needs of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    /// The request target as sent (`/2023/index.html?x=1`).
    pub target: String,
    /// Every `Host` header value (a valid request has exactly one).
    pub hosts: Vec<String>,
}

/// Why no request could be answered normally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The connection closed or idled past the deadline: nothing to answer.
    Gone,
    /// The head is over [`MAX_HEAD_BYTES`] (431).
    TooLarge,
    /// Not an HTTP/1.x request head (400).
    Malformed,
}

/// Reads up to the blank line that ends the head; `set_timeout` bounds each read by
/// the time left until the deadline.
pub fn read_head<R: Read>(
    conn: &mut R,
    set_timeout: &mut dyn FnMut(Duration),
) -> Result<Head, Refusal> {
    let deadline = Instant::now() + HEAD_DEADLINE;
    let mut buf: Vec<u8> = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    loop {
        if let Some(end) = head_end(&buf) {
            return parse(&buf[..end]);
        }
        if buf.len() > MAX_HEAD_BYTES {
            return Err(Refusal::TooLarge);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Refusal::Gone);
        }
        set_timeout(left);
        match conn.read(&mut chunk) {
            Ok(0) | Err(_) => return Err(Refusal::Gone),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

/// Offset of the end of the head (after its blank line), if it has arrived.
fn head_end(buf: &[u8]) -> Option<usize> {
    let crlf = buf.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4);
    let lf = buf.windows(2).position(|w| w == b"\n\n").map(|i| i + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
    .filter(|end| *end <= MAX_HEAD_BYTES)
}

fn parse(head: &[u8]) -> Result<Head, Refusal> {
    let text = std::str::from_utf8(head).map_err(|_| Refusal::Malformed)?;
    let mut lines = text.lines();
    let mut parts = lines.next().unwrap_or("").split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refusal::Malformed);
    };
    if !version.starts_with("HTTP/1.") || !target.starts_with('/') || method.is_empty() {
        return Err(Refusal::Malformed);
    }
    let mut hosts = Vec::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').ok_or(Refusal::Malformed)?;
        if name.eq_ignore_ascii_case("host") {
            hosts.push(value.trim().to_string());
        }
    }
    Ok(Head {
        method: method.to_string(),
        target: target.to_string(),
        hosts,
    })
}

/// Whether `hosts` is exactly one loopback name with this server's port
/// (`localhost:8000`, `127.0.0.1:8000`, `[::1]:8000`; no port means 80).
pub fn host_allowed(hosts: &[String], port: u16) -> bool {
    let [host] = hosts else {
        return false;
    };
    let (name, given) = match host.rsplit_once(':') {
        Some((n, p)) if !n.ends_with(':') && (n.starts_with('[') || !n.contains(':')) => {
            (n, p.parse::<u16>().ok())
        }
        _ => (host.as_str(), Some(80)),
    };
    let loopback = name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1" || name == "[::1]";
    loopback && given == Some(port)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<Head, Refusal> {
        let mut conn = bytes;
        read_head(&mut conn, &mut |_| {})
    }

    #[test]
    fn reads_the_head_and_every_host() {
        let h = read(b"GET /a?b HTTP/1.1\r\nHost: localhost:8000\r\nAccept: */*\r\n\r\n").unwrap();
        assert_eq!(h.method, "GET");
        assert_eq!(h.target, "/a?b");
        assert_eq!(h.hosts, ["localhost:8000"]);
        let h = read(b"GET / HTTP/1.0\nhost: a\nHOST: b\n\n").unwrap();
        assert_eq!(h.hosts, ["a", "b"]);
    }

    #[test]
    fn refuses_oversized_malformed_and_unfinished_heads() {
        let mut big = b"GET / HTTP/1.1\r\nX: ".to_vec();
        big.extend(vec![b'a'; MAX_HEAD_BYTES]);
        big.extend(b"\r\n\r\n");
        assert_eq!(read(&big), Err(Refusal::TooLarge));
        assert_eq!(read(b"GET /\r\n\r\n"), Err(Refusal::Malformed));
        assert_eq!(
            read(b"GET http://x/ HTTP/1.1\r\n\r\n"),
            Err(Refusal::Malformed)
        );
        assert_eq!(
            read(b"GET / HTTP/1.1\r\nno colon\r\n\r\n"),
            Err(Refusal::Malformed)
        );
        assert_eq!(read(b"GET / HTTP/1.1\r\nHost: x"), Err(Refusal::Gone));
    }

    #[test]
    fn only_loopback_names_with_our_port_are_hosts() {
        let ok = |h: &str| host_allowed(&[h.to_string()], 8000);
        assert!(ok("localhost:8000"));
        assert!(ok("LOCALHOST:8000"));
        assert!(ok("127.0.0.1:8000"));
        assert!(ok("[::1]:8000"));
        assert!(!ok("evil.example:8000"), "DNS rebinding");
        assert!(!ok("localhost.evil.example:8000"));
        assert!(!ok("127.0.0.1:8001"));
        assert!(!ok("127.0.0.1"), "no port means 80");
        assert!(!ok("[::1]"));
        assert!(!ok("::1:8000"));
        assert!(host_allowed(&["localhost".into()], 80));
        assert!(!host_allowed(&[], 8000));
        assert!(!host_allowed(
            &["localhost:8000".into(), "localhost:8000".into()],
            8000
        ));
    }
}
