//! `parkscore serve`: the site built in memory and served on 127.0.0.1, rebuilt
//! whenever the data or templates change, with open pages reloading themselves.
//!
//! Threads: one accepts HTTP requests ([`http`]), one rebuilds on file events
//! ([`watch`] → [`rebuild`]); they share the [`live::LiveSite`]. A failed build
//! keeps the last good site and puts its problems over every page ([`inject`]).

pub mod http;
pub mod inject;
pub mod live;
pub mod mime;
pub mod rebuild;
pub mod request;
pub mod route;
pub mod watch;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::{Error, Result};
use crate::load::templates::templates_folder;
use crate::load::DataSource;
use crate::load::SourceFiles;
use crate::present::Audience;
use crate::progress::{Progress, Silent};

use live::LiveSite;
use rebuild::{build_site, SiteSpec};

/// What `parkscore serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub data: DataSource,
    /// `--templates`: must exist if given; `None` uses `templates/` beside the data
    /// folder when it exists.
    pub templates: Option<PathBuf>,
    /// `0` picks any free port (the URL is printed).
    pub port: u16,
    pub audience: Audience,
    /// Print only errors.
    pub quiet: bool,
}

/// What happened while serving, for the closing summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub rebuilds: usize,
    pub failed: usize,
}

enum Msg {
    Changed(Vec<PathBuf>),
    Stop,
}

/// A running preview server; stops on [`Server::shutdown`] or when dropped.
pub struct Server {
    addr: SocketAddr,
    live: Arc<LiveSite>,
    http: Arc<http::HttpServer>,
    http_thread: Option<JoinHandle<()>>,
    rebuilds: Option<(Sender<Msg>, JoinHandle<Stats>)>,
    watch: Option<watch::Watch>,
    watched: Vec<PathBuf>,
    stats: Stats,
}

impl Server {
    /// Builds the site once (reporting to `progress`), then serves and watches.
    /// A data folder with problems still starts: its pages show the problems.
    pub fn start(opts: &ServeOptions, progress: &dyn Progress) -> Result<Server> {
        let spec = SiteSpec {
            data: opts.data.clone(),
            templates: templates_folder(opts.templates.as_deref(), opts.data.dir())?,
            audience: opts.audience,
        };
        let mut watched = Vec::new();
        if let DataSource::Dir(dir) = &spec.data {
            if !dir.is_dir() {
                return Err(Error::DataFolderMissing(dir.clone()));
            }
            watched.push(dir.clone());
        }
        watched.extend(spec.templates.clone());
        let watched: Vec<PathBuf> = watched
            .iter()
            .map(|p| p.canonicalize().map_err(|e| Error::io(p, e)))
            .collect::<Result<_>>()?;

        let (http, addr) = http::bind(opts.port)?;
        let http = Arc::new(http);
        let live = Arc::new(LiveSite::new(instance_id()));

        // Watch before the first build, so edits made during it are not missed.
        let (tx, rx) = mpsc::channel();
        let watch = if watched.is_empty() {
            None
        } else {
            let tx = tx.clone();
            let data_root = match &spec.data {
                DataSource::Dir(_) => watched.first().cloned(),
                DataSource::Embedded => None,
            };
            Some(watch::watch(&watched, move |mut paths| {
                paths.retain(|p| matters(p, data_root.as_deref()));
                if !paths.is_empty() {
                    let _ = tx.send(Msg::Changed(paths));
                }
            })?)
        };

        let first = build_site(&spec, progress);
        match first.result {
            Ok(out) => {
                if !opts.quiet {
                    println!(
                        "built {} files ({} KiB) from {} in {:.2} s",
                        out.len(),
                        out.total_bytes() / 1024,
                        spec.data.describe(),
                        first.took.as_secs_f64()
                    );
                }
                live.publish(out);
            }
            Err(lines) => {
                eprintln!(
                    "build failed; pages show these problems until they are fixed:\n{}",
                    indent(&lines)
                );
                live.fail(lines);
            }
        }

        let rebuild_thread = {
            let live = Arc::clone(&live);
            let roots = watched.clone();
            let quiet = opts.quiet;
            thread::Builder::new()
                .name("parkscore-rebuild".into())
                .spawn(move || rebuild_loop(&rx, &spec, &live, &roots, quiet))
                .map_err(|source| Error::Thread {
                    what: "rebuild",
                    source,
                })?
        };
        let mut server = Server {
            addr,
            live: Arc::clone(&live),
            http: Arc::clone(&http),
            http_thread: None,
            rebuilds: Some((tx, rebuild_thread)),
            watch,
            watched,
            stats: Stats::default(),
        };
        server.http_thread = Some(http::spawn(http, live).map_err(|source| Error::Thread {
            what: "HTTP",
            source,
        })?);
        Ok(server)
    }

    /// `http://127.0.0.1:<port>/`
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// The folders being watched (canonical paths); empty for the embedded sample.
    pub fn watched(&self) -> &[PathBuf] {
        &self.watched
    }

    /// Stops watching, finishes a running rebuild, answers waiting pages, closes the port.
    pub fn shutdown(mut self) -> Stats {
        self.stop()
    }

    fn stop(&mut self) -> Stats {
        self.watch = None;
        if let Some((tx, thread)) = self.rebuilds.take() {
            let _ = tx.send(Msg::Stop);
            if let Ok(stats) = thread.join() {
                self.stats = stats;
            }
        }
        self.live.close();
        if let Some(thread) = self.http_thread.take() {
            self.http.unblock();
            let _ = thread.join();
        }
        self.stats
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// What a preview session did, for the closing summary.
#[derive(Debug, Clone)]
pub struct Session {
    pub url: String,
    pub stats: Stats,
}

/// Runs the server until Ctrl-C (reporting the first build to `progress`) and
/// returns what happened; the closing summary is the caller's to print.
pub fn run(opts: &ServeOptions, progress: &dyn Progress) -> Result<Session> {
    // Installed before the URL is printed, so an early Ctrl-C still exits cleanly.
    let (stop_tx, stop_rx) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop_tx.send(());
    })
    .map_err(Error::CtrlC)?;

    let server = Server::start(opts, progress)?;
    progress.finish();
    if !opts.quiet {
        println!(
            "serving {} ({}) at {} — {}; Ctrl-C stops",
            opts.data.describe(),
            opts.audience.id(),
            server.url(),
            watching_text(server.watched())
        );
    }
    let _ = stop_rx.recv();
    let url = server.url();
    let stats = server.shutdown();
    Ok(Session { url, stats })
}

/// `watching data, templates`, or why nothing is watched.
fn watching_text(watched: &[PathBuf]) -> String {
    if watched.is_empty() {
        return "not watching (the embedded sample city; use --data DIR to edit data)".into();
    }
    let names: Vec<String> = watched.iter().map(|p| p.display().to_string()).collect();
    format!("watching {}", names.join(", "))
}

fn rebuild_loop(
    rx: &Receiver<Msg>,
    spec: &SiteSpec,
    live: &LiveSite,
    roots: &[PathBuf],
    quiet: bool,
) -> Stats {
    let mut stats = Stats::default();
    while let Ok(Msg::Changed(mut paths)) = rx.recv() {
        // Changes that arrived during the last build join this one.
        loop {
            match rx.try_recv() {
                Ok(Msg::Changed(more)) => paths.extend(more),
                Ok(Msg::Stop) | Err(TryRecvError::Disconnected) => return stats,
                Err(TryRecvError::Empty) => break,
            }
        }
        let what = changed_text(&paths, roots);
        let attempt = build_site(spec, &Silent);
        stats.rebuilds += 1;
        match attempt.result {
            Ok(out) => {
                let files = out.len();
                let visible = live.publish(out);
                if !quiet {
                    println!(
                        "rebuilt {files} files in {:.2} s after {what} changed{}",
                        attempt.took.as_secs_f64(),
                        if visible {
                            "; reloading open pages"
                        } else {
                            "; nothing visible changed"
                        }
                    );
                }
            }
            Err(lines) => {
                stats.failed += 1;
                eprintln!(
                    "build failed in {:.2} s after {what} changed; still serving the last good site:\n{}",
                    attempt.took.as_secs_f64(),
                    indent(&lines)
                );
                live.fail(lines);
            }
        }
    }
    stats
}

/// Whether a changed path can change the site: in the data folder only its data files
/// and folders count (not `site.yaml.tmp` or `sed` temporaries, which would cost a
/// rebuild each); anything in the templates folder counts.
fn matters(path: &Path, data_root: Option<&Path>) -> bool {
    let Some(rel) = data_root.and_then(|root| path.strip_prefix(root).ok()) else {
        return true;
    };
    let rel = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    rel.is_empty()
        || matches!(rel.as_str(), "parks" | "methodology" | "pages")
        || SourceFiles::is_data_path(&rel)
}

/// `parks/a.yaml, site.yaml and 3 more`, relative to the watched folders.
fn changed_text(paths: &[PathBuf], roots: &[PathBuf]) -> String {
    let mut names: Vec<String> = paths
        .iter()
        .map(
            |p| match roots.iter().find_map(|r| p.strip_prefix(r).ok()) {
                Some(rel) if rel.as_os_str().is_empty() => p.display().to_string(),
                Some(rel) => rel.display().to_string(),
                None => p.display().to_string(),
            },
        )
        .collect();
    names.sort();
    names.dedup();
    match names.len() {
        0 => "something".into(),
        1..=3 => names.join(", "),
        n => format!("{} and {} more", names[..2].join(", "), n - 2),
    }
}

fn indent(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Different for every server run (not part of any output).
fn instance_id() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{:x}{:x}", nanos & 0xffff_ffff_ffff, std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_data_files_and_folders_of_the_data_folder_matter() {
        let data = Path::new("/d/data");
        for (path, want) in [
            ("/d/data/site.yaml", true),
            ("/d/data/parks/a.yaml", true),
            ("/d/data/pages/about.md", true),
            ("/d/data/parks", true),
            ("/d/data", true),
            ("/d/data/site.yaml.tmp", false),
            ("/d/data/parks/sedOibTiZ", false),
            ("/d/data/notes.txt", false),
            ("/d/templates/base.html", true),
            ("/d/templates/anything.tmp", true),
        ] {
            assert_eq!(matters(Path::new(path), Some(data)), want, "{path}");
        }
        assert!(matters(Path::new("/d/templates/x"), None));
    }

    #[test]
    fn changed_files_are_named_relative_to_their_folder() {
        let roots = vec![PathBuf::from("/d/data"), PathBuf::from("/d/templates")];
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(
            changed_text(&[p("/d/data/parks/a.yaml")], &roots),
            "parks/a.yaml"
        );
        assert_eq!(
            changed_text(
                &[
                    p("/d/data/site.yaml"),
                    p("/d/templates/base.html"),
                    p("/d/data/parks/a.yaml"),
                    p("/d/data/parks/b.yaml"),
                ],
                &roots
            ),
            "base.html, parks/a.yaml and 2 more"
        );
        assert_eq!(changed_text(&[], &roots), "something");
    }
}
