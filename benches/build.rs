//! Build benchmark (not a timed test): load + evaluate, render, write, timed
//! separately on a data folder, usually `gen-parks --parks 10000` output.
//! `scripts/bench.sh` generates the data, runs this and measures peak memory.
//!
//! PARKSCORE_BENCH_DATA=<data dir> [PARKSCORE_BENCH_OUT=<dir>] cargo bench --bench build

use std::path::PathBuf;
use std::time::Instant;

use parkscore::present::Audience;
use parkscore::DataSource;

fn main() {
    let Ok(data) = std::env::var("PARKSCORE_BENCH_DATA") else {
        eprintln!("set PARKSCORE_BENCH_DATA to a data folder (scripts/bench.sh does)");
        return;
    };
    let out = std::env::var("PARKSCORE_BENCH_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("target/bench/site-bench"));
    let threads = rayon::current_num_threads();

    let t = Instant::now();
    let eval = parkscore::evaluate(&DataSource::Dir(PathBuf::from(&data))).expect("data loads");
    let t_eval = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let output = parkscore::render(&eval, Audience::Public).expect("site renders");
    let t_render = t.elapsed().as_secs_f64();
    let pages = output
        .files()
        .keys()
        .filter(|p| p.ends_with(".html"))
        .count();

    // Time writing a fresh tree, not deleting the previous run's.
    if out.join(parkscore::write::MARKER).is_file() {
        std::fs::remove_dir_all(&out).expect("remove the previous bench output");
    }
    let t = Instant::now();
    parkscore::write::write_atomic(&out, &output).expect("site writes");
    let t_write = t.elapsed().as_secs_f64();

    let single = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    let t = Instant::now();
    let again = single.install(|| parkscore::render(&eval, Audience::Public).expect("renders"));
    let t_render_1 = t.elapsed().as_secs_f64();
    assert!(again == output, "output differs between thread counts");

    let parks = eval.data.parks.len();
    println!(
        "data:            {data} ({parks} parks, {} years)",
        eval.years.len()
    );
    println!(
        "output:          {pages} pages, {} files, {} MiB",
        output.len(),
        output.total_bytes() / 1024 / 1024
    );
    println!("load + evaluate: {t_eval:.2} s");
    println!(
        "render:          {t_render:.2} s on {threads} threads = {:.0} pages/s (1 thread: {t_render_1:.2} s = {:.0} pages/s)",
        pages as f64 / t_render,
        pages as f64 / t_render_1
    );
    println!("write:           {t_write:.2} s");
    println!(
        "total:           {:.2} s = {:.0} pages/s end to end",
        t_eval + t_render + t_write,
        pages as f64 / (t_eval + t_render + t_write)
    );
}
