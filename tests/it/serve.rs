//! `parkscore serve` end to end: the real binary on a free port, serving a temp copy of
//! the sample city, with a plain HTTP/1.0 client. Every wait polls against a deadline;
//! the server process is stopped (Ctrl-C, else killed) whatever happens.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use crate::support::fixture::{Fixture, Workspace};

const START: Duration = Duration::from_secs(120);
const CHANGE: Duration = Duration::from_secs(30);

/// The embedded sample city written to a temp folder, for the server to watch.
/// The sample city built by the fixture builder, edited the way an editor saves.
struct Sample {
    _built: Workspace,
    data: PathBuf,
}

impl Sample {
    fn new() -> Sample {
        let built = Fixture::sample().build();
        let data = built.data();
        Sample {
            _built: built,
            data,
        }
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.data.join(rel)).unwrap()
    }

    /// Saves like an editor does: a hidden temp file renamed over the original.
    fn save(&self, rel: &str, text: &str) {
        let path = self.data.join(rel);
        let tmp = path.with_file_name(format!(
            ".{}.tmp",
            path.file_name().unwrap().to_string_lossy()
        ));
        fs::write(&tmp, text).unwrap();
        fs::rename(&tmp, &path).unwrap();
    }

    /// The first park file of the sample (sorted), as (relative path, text).
    fn a_park(&self) -> (String, String) {
        let mut names: Vec<_> = fs::read_dir(self.data.join("parks"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".yaml"))
            .collect();
        names.sort();
        // A park whose figures are typed in its file (not derived from a roster).
        names.retain(|n| self.read(&format!("parks/{n}")).contains("tax_wan:"));
        let rel = format!("parks/{}", names[0]);
        let text = self.read(&rel);
        (rel, text)
    }
}

/// `parkscore serve` running as a child process; stopped on drop.
struct Served {
    child: Child,
    url_port: u16,
    lines: Receiver<String>,
}

impl Served {
    fn start(data: &Path) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_parkscore"))
            .args(["serve", "--port", "0", "--audience", "internal", "--data"])
            .arg(data)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start parkscore serve");
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut served = Served {
            child,
            url_port: 0,
            lines,
        };
        let deadline = Instant::now() + START;
        while served.url_port == 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = served
                .lines
                .recv_timeout(left)
                .expect("serve prints its URL before the deadline");
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                served.url_port = port.parse().unwrap();
            }
        }
        served
    }

    /// GET `path` (sent exactly as given) → (status, body).
    fn get(&self, path: &str) -> (u16, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.url_port)).unwrap();
        s.set_read_timeout(Some(CHANGE)).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\n\r\n",
            self.url_port
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8(raw).expect("UTF-8 response");
        let (head, body) = text.split_once("\r\n\r\n").expect("a complete response");
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, body.to_string())
    }

    /// Polls `path` until `ok(status, body)` holds; panics with the last answer at the deadline.
    fn wait_for(&self, path: &str, what: &str, ok: impl Fn(u16, &str) -> bool) -> (u16, String) {
        let deadline = Instant::now() + CHANGE;
        loop {
            let (status, body) = self.get(path);
            if ok(status, &body) {
                return (status, body);
            }
            assert!(
                Instant::now() < deadline,
                "{what}: not seen within {CHANGE:?}; last answer {status}:\n{body}"
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Ctrl-C, then the exit status and the rest of stdout.
    #[cfg(unix)]
    fn interrupt(mut self) -> (ExitStatus, Vec<String>) {
        let sent = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let deadline = Instant::now() + CHANGE;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "serve did not exit after Ctrl-C");
            thread::sleep(Duration::from_millis(50));
        };
        // The rest of stdout, up to its end (the reader thread stops at EOF).
        let mut rest = Vec::new();
        while let Ok(line) = self
            .lines
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            rest.push(line);
        }
        (status, rest)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn field<'a>(text: &'a str, key: &str) -> &'a str {
    text.lines()
        .find_map(|l| l.strip_prefix(key))
        .unwrap_or_else(|| panic!("no `{key}` line"))
        .trim()
        .trim_matches('"')
}

fn has_overlay(body: &str) -> bool {
    body.contains("id=\"parkscore-overlay\"")
}

#[test]
fn serve_rebuilds_on_change_shows_problems_and_recovers() {
    let fx = Sample::new();
    let site = fx.read("site.yaml");
    let title = field(&site, "title:").to_string();
    let served = Served::start(&fx.data);

    // The page as built, with the live-reload script and no overlay.
    let (status, home) = served.get("/");
    assert_eq!(status, 200);
    assert!(home.contains(&format!(" · {title}</title>")), "{home}");
    assert!(home.contains("/__parkscore/version"));
    assert!(!has_overlay(&home));
    let (_, v1) = served.get("/__parkscore/version");

    // Edit the title: the page changes, and so does the version open pages poll.
    let new_title = format!("{title}（预览）");
    fx.save("site.yaml", &site.replace(&title, &new_title));
    served.wait_for("/", "the new title", |s, b| {
        s == 200 && b.contains(&format!(" · {new_title}</title>"))
    });
    let (_, v2) = served.get("/__parkscore/version");
    assert_ne!(v1, v2, "pages reload when the site changes");

    // Rename a park: non-HTML files follow too, and get no script.
    let (park, park_text) = fx.a_park();
    let old_name = field(&park_text, "name:").to_string();
    let renamed = park_text.replace(&old_name, "预览测试园区");
    fx.save(&park, &renamed);
    let (_, json) = served.wait_for("/2023/results.json", "the renamed park", |s, b| {
        s == 200 && b.contains("\"预览测试园区\"")
    });
    assert!(!json.contains(&old_name));
    assert!(!json.contains("<script"));

    // Break a metric of 2023: the overlay names file, line, column and field,
    // over the last good page.
    let lines: Vec<&str> = renamed.lines().collect();
    let at_2023 = lines.iter().position(|l| l.trim() == "2023:").unwrap();
    let row = at_2023
        + 1
        + lines[at_2023 + 1..]
            .iter()
            .position(|l| l.contains("tax_wan:"))
            .unwrap();
    let value = lines[row]
        .split("tax_wan:")
        .nth(1)
        .unwrap()
        .split([',', '}'])
        .next()
        .unwrap()
        .trim();
    let broken_line = lines[row].replacen(&format!("tax_wan: {value}"), "tax_wan: abc", 1);
    let column = broken_line.find("abc").unwrap() + 1;
    let mut broken: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    broken[row] = broken_line;
    fx.save(&park, &(broken.join("\n") + "\n"));
    let expected = format!("{park}:{}:{column}: years.2023.metrics.tax_wan:", row + 1);
    let (status, page) = served.wait_for("/", "the overlay", |_, b| has_overlay(b));
    assert_eq!(status, 200, "the last good site stays served");
    assert!(
        page.contains(&expected),
        "expected `{expected}` in:\n{page}"
    );
    assert!(page.contains(&format!(" · {new_title}</title>")));
    let (status, json) = served.get("/2023/results.json");
    assert_eq!(status, 200);
    assert!(json.contains("\"预览测试园区\""), "the last good results");
    let (status, missing) = served.get("/no-such-page.html");
    assert_eq!(status, 404);
    assert!(has_overlay(&missing), "every HTML page shows the overlay");

    // Fix it: the overlay goes away.
    fx.save(&park, &renamed);
    served.wait_for("/", "the page without overlay", |s, b| {
        s == 200 && !has_overlay(b) && b.contains(&new_title)
    });

    // Nothing outside the site, however it is spelled.
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/x",
        "/%2E%2E/%2e%2e/Cargo.toml",
        "/2023/../../Cargo.toml",
        "/..%2fCargo.toml",
        "/..%5cCargo.toml",
        "/..\\Cargo.toml",
        "/__parkscore/../index.html",
    ] {
        assert_eq!(served.get(path).0, 404, "{path}");
    }

    #[cfg(unix)]
    {
        let (status, rest) = served.interrupt();
        assert!(status.success(), "Ctrl-C exits cleanly: {status}");
        assert!(
            rest.iter().any(|l| l.starts_with("stopped serving")),
            "a closing summary: {rest:?}"
        );
    }
}

#[test]
fn serve_starts_on_broken_data_and_shows_the_site_once_fixed() {
    let fx = Sample::new();
    let site = fx.read("site.yaml");
    let title = field(&site, "title:").to_string();
    let without_title: String = site
        .lines()
        .filter(|l| !l.starts_with("title:"))
        .map(|l| format!("{l}\n"))
        .collect();
    fx.save("site.yaml", &without_title);
    let served = Served::start(&fx.data);

    let (status, page) = served.get("/");
    assert_eq!(status, 503, "no good build yet");
    assert!(has_overlay(&page));
    assert!(page.contains("site.yaml"), "{page}");
    assert!(page.contains("title"), "{page}");

    fx.save("site.yaml", &site);
    served.wait_for("/", "the site after the fix", |s, b| {
        s == 200 && b.contains(&format!(" · {title}</title>")) && !has_overlay(b)
    });
}

/// The live-reload request returns soon after a save; the figure is printed
/// (`cargo test --test serve -- --nocapture`) as the save-to-reload time.
#[test]
fn a_waiting_page_hears_of_a_save_quickly() {
    let fx = Sample::new();
    let site = fx.read("site.yaml");
    let title = field(&site, "title:").to_string();
    let served = Served::start(&fx.data);
    let (_, v) = served.get("/__parkscore/version");

    let port = served.url_port;
    let path = format!("/__parkscore/version?since={v}");
    let waiting = thread::spawn(move || {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(CHANGE)).unwrap();
        write!(s, "GET {path} HTTP/1.0\r\nHost: localhost:{port}\r\n\r\n").unwrap();
        let mut raw = String::new();
        s.read_to_string(&mut raw).unwrap();
        (Instant::now(), raw)
    });
    // Give the request time to arrive and wait; a request that arrives after the
    // save returns at once, which would only make the figure smaller.
    thread::sleep(Duration::from_millis(300));
    let saved = Instant::now();
    fx.save("site.yaml", &site.replace(&title, &format!("{title}·")));
    let (heard, raw) = waiting.join().unwrap();
    let body = raw.split_once("\r\n\r\n").unwrap().1;
    assert_ne!(body.trim(), v, "the version moved");
    let took = heard.saturating_duration_since(saved);
    eprintln!("save → live-reload signal: {} ms", took.as_millis());
    assert!(took < CHANGE);
}

/// Sends `request` as is and returns the status of the answer (None: closed without one).
fn raw_status(port: u16, request: &[u8]) -> Option<u16> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(CHANGE)).unwrap();
    s.write_all(request).unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw);
    text.split(' ').nth(1).and_then(|s| s.parse().ok())
}

/// DNS rebinding, oversized heads and idle connections (issue 14, item 4): only a
/// loopback name with the server's port is answered, a head over 16 KiB gets 431,
/// an idle connection is closed after the head deadline, and a flood of idle
/// connections is capped while the server keeps working once they are gone.
#[test]
fn serve_refuses_foreign_hosts_oversized_heads_and_idle_connections() {
    let fx = Sample::new();
    let served = Served::start(&fx.data);
    let port = served.url_port;
    let get = |host: &str| format!("GET /2023/results.json HTTP/1.1\r\nHost: {host}\r\n\r\n");

    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(raw_status(port, get(&host).as_bytes()), Some(200), "{host}");
    }
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        "127.0.0.1".to_string(),
    ] {
        assert_eq!(raw_status(port, get(&host).as_bytes()), Some(403), "{host}");
    }
    let no_host = b"GET / HTTP/1.0\r\n\r\n";
    assert_eq!(raw_status(port, no_host), Some(403));
    let two_hosts =
        format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\nHost: evil.example\r\n\r\n");
    assert_eq!(raw_status(port, two_hosts.as_bytes()), Some(403));

    let mut big = format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\nX-Padding: ").into_bytes();
    big.extend(std::iter::repeat_n(b'a', 64 * 1024));
    big.extend(b"\r\n\r\n");
    assert_eq!(raw_status(port, &big), Some(431));
    assert_eq!(
        raw_status(port, b"\x16\x03\x01 not http\r\n\r\n"),
        Some(400)
    );

    // An idle connection is closed after the head deadline (10 s), not held forever.
    let started = Instant::now();
    let mut idle = TcpStream::connect(("127.0.0.1", port)).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut buf = [0u8; 16];
    let n = idle.read(&mut buf).unwrap_or(0);
    let waited = started.elapsed();
    assert_eq!(n, 0, "closed without an answer");
    assert!(
        waited >= Duration::from_secs(9) && waited < Duration::from_secs(25),
        "closed after {waited:?}"
    );

    // A flood of idle connections is capped at 64; the server answers again once they go.
    let flood: Vec<TcpStream> = (0..80)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    thread::sleep(Duration::from_millis(300));
    let mut extra = TcpStream::connect(("127.0.0.1", port)).unwrap();
    extra
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    assert_eq!(
        extra.read(&mut buf).unwrap_or(0),
        0,
        "over the cap: closed at once"
    );
    drop(flood);
    let deadline = Instant::now() + CHANGE;
    while raw_status(port, get(&format!("localhost:{port}")).as_bytes()) != Some(200) {
        assert!(
            Instant::now() < deadline,
            "the server recovers after the flood"
        );
        thread::sleep(Duration::from_millis(100));
    }
}

/// A running `serve` survives the inputs that once killed it (issue 14, item 3):
/// a formula of 3,000 nested parentheses, 100,000 nested brackets in a park file
/// and 100,000 nested quotes in a page each show their problem over the last good
/// site, and the server answers again once they are undone.
#[test]
fn serve_survives_stack_killers_in_the_data() {
    let fx = Sample::new();
    let served = Served::start(&fx.data);
    let methodology = fx.read("methodology/2022.yaml");
    let (park, park_text) = fx.a_park();
    let deep_formula = format!(
        "formula: {}tax_wan{} / land_area_mu,",
        "(".repeat(3000),
        ")".repeat(3000)
    );
    let industries = park_text
        .lines()
        .find(|l| l.starts_with("leading_industries:"))
        .unwrap();
    let cases: Vec<(String, String, String, &str)> = vec![
        (
            "methodology/2022.yaml".into(),
            methodology.clone(),
            methodology.replacen("formula: tax_wan / land_area_mu,", &deep_formula, 1),
            "formula is too long",
        ),
        (
            park.clone(),
            park_text.clone(),
            park_text.replacen(
                industries,
                &format!("leading_industries: {}", "[".repeat(100_000)),
                1,
            ),
            "nesting too deep",
        ),
        (
            "pages/deep.md".into(),
            String::new(),
            format!("{}x\n", "> ".repeat(100_000)),
            "nested too deeply",
        ),
    ];
    for (file, good, bad, problem) in cases {
        fx.save(&file, &bad);
        let (status, page) =
            served.wait_for("/", problem, |_, b| has_overlay(b) && b.contains(problem));
        assert_eq!(status, 200, "the last good site stays served");
        assert!(page.contains(&file), "{file}: {page}");
        if good.is_empty() {
            fs::remove_file(fx.data.join(&file)).unwrap();
        } else {
            fx.save(&file, &good);
        }
        served.wait_for("/", "recovery", |s, b| s == 200 && !has_overlay(b));
    }
}

/// `templates/` beside the data folder is read, not only watched (issue 12): an
/// edited template or asset shows on the next request, and a broken one puts its
/// name and line over the last good page.
#[test]
fn serve_reads_and_reloads_the_templates_beside_the_data() {
    let fx = Sample::new();
    let templates = fx.data.parent().unwrap().join("templates");
    fs::create_dir_all(templates.join("assets")).unwrap();
    fs::write(
        templates.join("assets/site.css"),
        "body { color: #111111; }\n",
    )
    .unwrap();
    let served = Served::start(&fx.data);
    let (status, css) = served.get("/assets/site.css");
    assert_eq!((status, css.as_str()), (200, "body { color: #111111; }\n"));

    fs::write(
        templates.join("assets/site.css"),
        "body { color: #222222; }\n",
    )
    .unwrap();
    served.wait_for("/assets/site.css", "the edited stylesheet", |s, b| {
        s == 200 && b == "body { color: #222222; }\n"
    });

    fs::write(templates.join("404.html"), "<p>\n{% if %}\n").unwrap();
    let (_, home) = served.wait_for("/", "the template error", |_, b| has_overlay(b));
    assert!(home.contains("template 404.html:2:"), "{home}");
}
