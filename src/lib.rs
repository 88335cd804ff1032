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

use analysis::corrections::Corrections;
use analysis::side::corrections_of;
use analysis::YearStudy;
use present::plan::plan_site;
use present::site::SiteData;
use present::Audience;
use progress::{Progress, Silent};
use render::Engine;
use write::{Output, Sink, SiteWriter, WriteStats};

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
    /// A templates folder whose files replace the built-in templates of the same
    /// name (`--templates`, or `templates/` beside the data folder); read once.
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
    let published = Published {
        studies,
        corrections: None,
    };
    publish_with(eval, &published, opts, sink)
}

/// What the site publishes beyond the evaluation: the studies of each year and
/// the corrections notice of the latest (final edition with `corrections_since`).
pub struct Published<'a> {
    pub studies: &'a [YearStudy],
    pub corrections: Option<&'a Corrections>,
}

/// [`publish`] with the corrections notice.
pub fn publish_with(
    eval: &Evaluation,
    published: &Published,
    opts: &RenderOptions,
    sink: &mut (dyn Sink + Send),
) -> Result<()> {
    let site = SiteData::new(&eval.data, &eval.years, opts.audience)
        .with_studies(published.studies)
        .with_corrections(published.corrections);
    let plan = plan_site(&site);
    render::stream(&plan, &engine(opts.templates)?, sink, opts.progress)?;
    Ok(())
}

/// The template engine: built in, with the files of `templates` replacing theirs.
pub fn engine(templates: Option<&Path>) -> Result<Engine> {
    match templates {
        Some(dir) => Engine::with(&load::templates::read_templates(dir)?),
        None => Engine::new(),
    }
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
    /// `--templates`: must exist if given; `None` uses `templates/` beside the data
    /// folder when there is one.
    pub templates: Option<PathBuf>,
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

/// load → evaluate → study → plan → render → write.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    build_with(opts, &Silent)
}

/// [`build`], reporting progress to `progress` (the command line passes a terminal bar).
/// Data problems stop the build before the output folder is touched; a failure
/// while writing leaves the previous site.
pub fn build_with(opts: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport> {
    let eval = evaluate_with(&opts.data, progress)?;
    let corrections = corrections_of(&opts.data, &eval)?;
    let studies = study(&eval, progress)?;
    let templates = load::templates::templates_folder(opts.templates.as_deref(), opts.data.dir())?;
    let mut writer = SiteWriter::open(&opts.out)?;
    let render = RenderOptions {
        audience: opts.audience,
        templates: templates.as_deref(),
        progress,
    };
    let published = Published {
        studies: &studies,
        corrections: corrections.as_ref(),
    };
    publish_with(&eval, &published, &render, &mut writer)?;
    let stats = writer.commit()?;
    progress.finish();
    Ok(BuildReport {
        files: stats.files,
        bytes: stats.bytes as usize,
        years: eval.years.iter().map(|r| r.year).collect(),
        write: stats,
    })
}
