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
pub use evaluate::{EvaluateOptions, Evaluation};
pub use load::{DataSource, LoadOptions};

use analysis::corrections::Corrections;
use analysis::side::corrections_of;
use analysis::YearStudy;
use present::plan::plan_site;
use present::site::SiteData;
use present::Audience;
use progress::{Progress, Silent};
use render::Engine;
use write::{Inputs, Output, Sink, SiteWriter, WriteStats};

/// load + evaluate: what `check`, `explain` and `build` share. `opts.progress`
/// hears of every file read and every year evaluated.
pub fn evaluate(source: &DataSource, opts: &EvaluateOptions) -> Result<Evaluation> {
    let load_opts = LoadOptions {
        progress: opts.progress,
    };
    let data = load::load(&source.files()?, &load_opts)?;
    let years = evaluate::evaluate_all(&data, opts);
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

/// How to render: what `build`, `serve` and the tests pass to [`render`] and
/// [`publish`]. The default is the public site, the built-in templates, no progress.
#[derive(Clone, Copy)]
pub struct RenderOptions<'a> {
    pub audience: Audience,
    /// A templates folder whose files replace the built-in templates of the same
    /// name (`--templates`, or `templates/` beside the data folder); read once.
    pub templates: Option<&'a Path>,
    pub progress: &'a dyn Progress,
}

impl Default for RenderOptions<'_> {
    fn default() -> Self {
        RenderOptions {
            audience: Audience::default(),
            templates: None,
            progress: &Silent,
        }
    }
}

impl RenderOptions<'_> {
    /// The defaults, for `audience`.
    pub fn of(audience: Audience) -> Self {
        RenderOptions {
            audience,
            ..RenderOptions::default()
        }
    }
}

/// What the site publishes beyond the evaluation: the studies of each year and
/// the corrections notice of the latest (final edition with `corrections_since`).
pub struct Published<'a> {
    pub studies: &'a [YearStudy],
    pub corrections: Option<&'a Corrections>,
}

/// plan → render each planned file into `sink`, in plan order. Years with a study
/// get their robustness page and scorecard sections; a corrections notice its page.
pub fn publish(
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

/// The whole site in memory (the preview server, tests): study → [`publish`].
pub fn render(eval: &Evaluation, opts: &RenderOptions) -> Result<Output> {
    let studies = study(eval, opts.progress)?;
    let mut output = Output::new();
    let published = Published {
        studies: &studies,
        corrections: None,
    };
    publish(eval, &published, opts, &mut output)?;
    Ok(output)
}

/// What to build and where; the default is the embedded sample city's public site
/// in `site/`, with no progress reporting.
#[derive(Clone)]
pub struct BuildOptions<'a> {
    pub data: DataSource,
    pub out: PathBuf,
    pub audience: Audience,
    /// `--templates`: must exist if given; `None` uses `templates/` beside the data
    /// folder when there is one.
    pub templates: Option<PathBuf>,
    /// The command line passes a terminal bar.
    pub progress: &'a dyn Progress,
}

impl Default for BuildOptions<'_> {
    fn default() -> Self {
        BuildOptions {
            data: DataSource::Embedded,
            out: PathBuf::from("site"),
            audience: Audience::default(),
            templates: None,
            progress: &Silent,
        }
    }
}

impl std::fmt::Debug for BuildOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BuildOptions")
            .field("data", &self.data)
            .field("out", &self.out)
            .field("audience", &self.audience)
            .field("templates", &self.templates)
            .finish_non_exhaustive()
    }
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
/// a new build of it is a new file), the audience, the data folder's inputs and the
/// templates folder's. None when one of them cannot be read: the build then runs whole.
fn inputs_key(opts: &BuildOptions, templates: Option<&Path>) -> Option<String> {
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
    if let Some(dir) = templates {
        h.update(b"templates\0");
        h.update(load::inputs_digest(&DataSource::Dir(dir.to_path_buf()))?.as_bytes());
    }
    Some(h.finalize().to_hex().to_string())
}

/// load → evaluate → study → plan → render → write. Data problems stop the build
/// before the output folder is touched; a failure while writing leaves the
/// previous site. When the output folder already holds, untouched, what the same
/// inputs made, it stops after comparing them.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let progress = opts.progress;
    let templates = load::templates::templates_folder(opts.templates.as_deref(), opts.data.dir())?;
    let key = inputs_key(opts, templates.as_deref());
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
    let eval = evaluate(&opts.data, &EvaluateOptions { progress })?;
    let corrections = corrections_of(&opts.data, &eval)?;
    let studies = study(&eval, progress)?;
    let mut writer = SiteWriter::open(&opts.out)?;
    if let Some(key) = key {
        let years = eval.years.iter().map(|r| r.year).collect();
        writer.remember(Inputs { key, years });
    }
    let render = RenderOptions {
        audience: opts.audience,
        templates: templates.as_deref(),
        progress,
    };
    let published = Published {
        studies: &studies,
        corrections: corrections.as_ref(),
    };
    publish(&eval, &published, &render, &mut writer)?;
    let stats = writer.commit()?;
    progress.finish();
    Ok(BuildReport {
        files: stats.files,
        bytes: stats.bytes as usize,
        years: eval.years.iter().map(|r| r.year).collect(),
        write: stats,
    })
}
