//! Build benchmark (not a timed test): the stages of a build timed one by one on a
//! data folder, usually `gen-parks` output: load + evaluate, the robustness study,
//! plan + render (into a sink that only counts), and the whole build to disk. Also
//! renders on one thread and checks the bytes are the same as on all threads.
//! `scripts/bench.sh` measures whole processes (wall time, peak memory, Hugo).
//!
//! PARKSCORE_BENCH_DATA=<data dir> [PARKSCORE_BENCH_OUT=<dir>] cargo bench --bench build

use std::path::PathBuf;
use std::time::Instant;

use parkscore::present::Audience;
use parkscore::progress::Silent;
use parkscore::write::Sink;
use parkscore::{publish, BuildOptions, DataSource, RenderOptions};

/// Counts files and bytes, and hashes them in order, keeping nothing.
#[derive(Default)]
struct Counter {
    files: usize,
    bytes: u64,
    html: usize,
    hash: blake3::Hasher,
}

impl Sink for Counter {
    fn put(&mut self, rel: &str, bytes: Vec<u8>) -> parkscore::Result<()> {
        self.files += 1;
        self.bytes += bytes.len() as u64;
        self.html += usize::from(rel.ends_with(".html"));
        self.hash.update(rel.as_bytes());
        self.hash.update(&bytes);
        Ok(())
    }
}

fn main() {
    let Ok(data) = std::env::var("PARKSCORE_BENCH_DATA") else {
        eprintln!("set PARKSCORE_BENCH_DATA to a data folder (scripts/bench.sh prints how)");
        return;
    };
    let out = std::env::var("PARKSCORE_BENCH_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("target/bench/site-bench"));
    let source = DataSource::Dir(PathBuf::from(&data));
    let threads = rayon::current_num_threads();

    let t = Instant::now();
    let eval = parkscore::evaluate(&source, &Default::default()).expect("data loads");
    let t_eval = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let studies = parkscore::study(&eval, &Silent).expect("study runs");
    let t_study = t.elapsed().as_secs_f64();

    let opts = RenderOptions {
        audience: Audience::Public,
        templates: None,
        progress: &Silent,
    };
    let render = |sink: &mut Counter| {
        publish(
            &eval,
            &parkscore::Published {
                studies: &studies,
                corrections: None,
            },
            &opts,
            sink,
        )
        .expect("renders")
    };
    let t = Instant::now();
    let mut all = Counter::default();
    render(&mut all);
    let t_render = t.elapsed().as_secs_f64();

    let single = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    let t = Instant::now();
    let mut one = Counter::default();
    single.install(|| render(&mut one));
    let t_render_1 = t.elapsed().as_secs_f64();
    assert_eq!(
        all.hash.finalize(),
        one.hash.finalize(),
        "output differs between thread counts"
    );

    if out.join(parkscore::write::MARKER).is_file() {
        std::fs::remove_dir_all(&out).expect("remove the previous bench output");
    }
    let t = Instant::now();
    let opts = BuildOptions {
        data: source,
        out,
        audience: Audience::Public,
        ..Default::default()
    };
    parkscore::build(&opts).expect("builds");
    let t_build = t.elapsed().as_secs_f64();

    println!(
        "data:            {data} ({} parks, {} years)",
        eval.data.parks.len(),
        eval.years.len()
    );
    println!(
        "output:          {} pages, {} files, {} MiB",
        all.html,
        all.files,
        all.bytes / 1024 / 1024
    );
    println!("load + evaluate: {t_eval:.2} s");
    println!("study:           {t_study:.2} s");
    println!(
        "plan + render:   {t_render:.2} s on {threads} threads = {:.0} pages/s (1 thread: {t_render_1:.2} s)",
        all.html as f64 / t_render
    );
    println!("whole build:     {t_build:.2} s (fresh folder, load to disk)");
}
