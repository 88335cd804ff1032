//! parkscore: a city's 小微企业园 data → its annual performance evaluation → a static site.
//!
//! The stages run one way: [`load`] (YAML → validated [`model::Dataset`]) →
//! [`evaluate`] (pure numbers and their trace) → [`present`] (what a reader sees) →
//! [`render`] (bytes in memory) → [`write`] (the output folder, all or nothing).
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

use evaluate::YearResult;
use load::SourceFiles;
use model::Dataset;
use present::Audience;
use progress::{Progress, Silent};
use write::Output;

/// Where the data comes from: a folder, or the sample city compiled into the binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    Dir(PathBuf),
    Embedded,
}

impl DataSource {
    /// `--data` if given; else `./data` if it exists; else the embedded sample city.
    pub fn resolve(arg: Option<&Path>) -> DataSource {
        match arg {
            Some(p) => DataSource::Dir(p.to_path_buf()),
            None if Path::new("data").is_dir() => DataSource::Dir(PathBuf::from("data")),
            None => DataSource::Embedded,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            DataSource::Dir(p) => p.display().to_string(),
            DataSource::Embedded => "the embedded sample city".into(),
        }
    }

    pub fn files(&self) -> Result<SourceFiles> {
        match self {
            DataSource::Dir(p) => SourceFiles::read_dir(p),
            DataSource::Embedded => Ok(SourceFiles::embedded()),
        }
    }
}

/// A loaded dataset and its evaluation, every evaluated year in order.
pub struct Evaluation {
    pub data: Dataset,
    pub years: Vec<YearResult>,
}

impl Evaluation {
    pub fn year(&self, year: i32) -> Option<&YearResult> {
        self.years.iter().find(|r| r.year == year)
    }

    pub fn latest(&self) -> Option<&YearResult> {
        self.years.last()
    }

    /// `--year` if given (it must be evaluated), else the latest evaluated year:
    /// what every command with a `--year` option means by it.
    pub fn pick_year(&self, year: Option<i32>) -> Result<&YearResult> {
        match year {
            Some(y) => self.year(y).ok_or_else(|| Error::UnknownYear {
                year: y,
                evaluated: self.years.iter().map(|r| r.year).collect(),
            }),
            None => self.latest().ok_or(Error::NoEvaluatedYear),
        }
    }
}

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
}

/// Renders the whole output in memory (no I/O beyond reading the data), after the
/// robustness study the site publishes ([`analysis::site_study`]).
pub fn render(eval: &Evaluation, audience: Audience) -> Result<Output> {
    let studies = analysis::site_study(&eval.data, &eval.years)?;
    render::render_site(&eval.data, &eval.years, &studies, audience)
}

/// How to render, beyond the audience: what `build` and `serve` pass to [`render_with`].
pub struct RenderOptions<'a> {
    pub audience: Audience,
    /// A templates folder on disk overriding the built-in templates (`serve --templates`).
    /// The seam for editable templates: [`render::render_site`] does not read it yet.
    pub templates: Option<&'a Path>,
    pub progress: &'a dyn Progress,
}

/// [`render`] with a templates folder and progress reporting.
pub fn render_with(eval: &Evaluation, opts: &RenderOptions) -> Result<Output> {
    opts.progress.stage("稳健性与升档测算", 1);
    let studies = analysis::site_study(&eval.data, &eval.years)?;
    opts.progress.advance(1);
    opts.progress.stage("生成页面", 1);
    let output = render::render_site(&eval.data, &eval.years, &studies, opts.audience)?;
    opts.progress.advance(1);
    Ok(output)
}

/// load → evaluate → present/render → write, all or nothing.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    build_with(opts, &Silent)
}

/// [`build`], reporting progress to `progress` (the command line passes a terminal bar).
pub fn build_with(opts: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport> {
    let eval = evaluate_with(&opts.data, progress)?;
    let output = render_with(
        &eval,
        &RenderOptions {
            audience: opts.audience,
            templates: None,
            progress,
        },
    )?;
    progress.stage("写入", 1);
    write::write_atomic(&opts.out, &output)?;
    progress.advance(1);
    progress.finish();
    Ok(BuildReport {
        files: output.len(),
        bytes: output.total_bytes(),
        years: eval.years.iter().map(|r| r.year).collect(),
    })
}
