//! parkscore: a city's 小微企业园 data → its annual performance evaluation → a static site.
//!
//! The stages run one way: [`load`] (YAML → validated [`model::Dataset`]) →
//! [`evaluate`] (pure numbers and their trace) → [`analysis`] (the studies the site
//! publishes) → [`present`] (what a reader sees, and the plan of every file) →
//! [`render`] (each planned file → bytes) → [`write`] (the output folder).
//! [`build`] is the one place that knows this order.

pub mod analysis;
pub mod collect;
pub mod commands;
pub mod error;
pub mod evaluate;
pub mod format;
pub mod load;
pub mod model;
pub mod present;
pub mod progress;
pub mod render;
pub mod report;
pub mod serve;
pub mod write;

use std::path::{Path, PathBuf};

pub use error::{Error, Problem, Result};
pub use evaluate::Evaluation;
pub use load::DataSource;

use analysis::YearStudy;
use present::plan::plan_site;
use present::site::SiteData;
use present::Audience;
use progress::{Progress, Silent};
use render::Engine;
use write::{Inputs, Output, Sink, SiteWriter, WriteStats};

/// load + evaluate: what `check`, `explain` and `build` share.
pub fn evaluate(source: &DataSource) -> Result<Evaluation> {
    evaluate_with(source, &Silent)
}

/// [`evaluate`], reporting progress (files read, years evaluated) to `progress`.
pub fn evaluate_with(source: &DataSource, progress: &dyn Progress) -> Result<Evaluation> {
    let data = load::load_with(&source.files()?, progress)?;
    let years = evaluate::evaluate_all_with(&data, progress);
    Ok(Evaluation { data, years })
}

/// The robustness study the site publishes for every evaluated year
/// ([`analysis::site_study`]: sensitivity and what-if).
pub fn study(eval: &Evaluation, progress: &dyn Progress) -> Result<Vec<YearStudy>> {
    progress.stage("稳健性与升档测算", 1);
    let studies = analysis::site_study(&eval.data, &eval.years)?;
    progress.advance(1);
    Ok(studies)
}

/// How to render, beyond the audience: what `build` and `serve` pass to [`publish`].
pub struct RenderOptions<'a> {
    pub audience: Audience,
    /// A templates folder on disk overriding the built-in templates (`serve --templates`).
    /// The seam for editable templates: [`Engine::new`] does not read it yet.
    pub templates: Option<&'a Path>,
    pub progress: &'a dyn Progress,
}

/// plan → render each planned file into `sink`, in plan order. Years with a study
/// in `studies` get their robustness page and scorecard sections.
pub fn publish(
    eval: &Evaluation,
    studies: &[YearStudy],
    opts: &RenderOptions,
    sink: &mut (dyn Sink + Send),
) -> Result<()> {
    let site = SiteData::new(&eval.data, &eval.years, opts.audience).with_studies(studies);
    let plan = plan_site(&site);
    render::stream(&plan, &Engine::new()?, sink, opts.progress)?;
    Ok(())
}

/// The whole site in memory (the preview server, tests).
pub fn render(eval: &Evaluation, audience: Audience) -> Result<Output> {
    render_with(
        eval,
        &RenderOptions {
            audience,
            templates: None,
            progress: &Silent,
        },
    )
}

/// [`render`] with a templates folder and progress reporting.
pub fn render_with(eval: &Evaluation, opts: &RenderOptions) -> Result<Output> {
    let studies = study(eval, opts.progress)?;
    let mut output = Output::new();
    publish(eval, &studies, opts, &mut output)?;
    Ok(output)
}

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub data: DataSource,
    pub out: PathBuf,
    pub audience: Audience,
}

/// What a build wrote, for the one-line summary.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub files: usize,
    pub bytes: usize,
    pub years: Vec<i32>,
    /// Files written, left unchanged and removed in the output folder.
    pub write: WriteStats,
}

/// Names everything a build's output depends on: this program (its file's identity:
/// a new build of it is a new file), the audience and the data folder's inputs.
/// None when one of them cannot be read: the build then runs whole.
fn inputs_key(opts: &BuildOptions) -> Option<String> {
    let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    #[cfg(unix)]
    let exe = {
        use std::os::unix::fs::MetadataExt;
        let (m, c) = (exe.mtime_nsec(), exe.ctime_nsec());
        let when = format!("{}.{m} {}.{c}", exe.mtime(), exe.ctime());
        format!("{} {} {} {when}", exe.dev(), exe.ino(), exe.size())
    };
    #[cfg(not(unix))]
    let exe = format!("{} {:?}", exe.len(), exe.modified().ok()?);
    let mut h = blake3::Hasher::new();
    h.update(format!("{exe}\n{:?}\n", opts.audience).as_bytes());
    h.update(load::inputs_digest(&opts.data)?.as_bytes());
    Some(h.finalize().to_hex().to_string())
}

/// load → evaluate → study → plan → render → write; when the output folder already
/// holds, untouched, what the same inputs made, it stops after comparing them.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    build_with(opts, &Silent)
}

/// [`build`], reporting progress to `progress` (the command line passes a terminal bar).
/// Data problems stop the build before the output folder is touched; a failure
/// while writing leaves the previous site.
pub fn build_with(opts: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport> {
    let key = inputs_key(opts);
    if let Some(done) = key.as_deref().map(|k| write::up_to_date(&opts.out, k)) {
        if let Some(done) = done? {
            progress.finish();
            return Ok(BuildReport {
                files: done.stats.files,
                bytes: done.stats.bytes as usize,
                years: done.years,
                write: done.stats,
            });
        }
    }
    let eval = evaluate_with(&opts.data, progress)?;
    let studies = study(&eval, progress)?;
    let mut writer = SiteWriter::open(&opts.out)?;
    if let Some(key) = key {
        let years = eval.years.iter().map(|r| r.year).collect();
        writer.remember(Inputs { key, years });
    }
    let render = RenderOptions {
        audience: opts.audience,
        templates: None,
        progress,
    };
    publish(&eval, &studies, &render, &mut writer)?;
    let stats = writer.commit()?;
    progress.finish();
    Ok(BuildReport {
        files: stats.files,
        bytes: stats.bytes as usize,
        years: eval.years.iter().map(|r| r.year).collect(),
        write: stats,
    })
}
