//! parkscore: a city's 小微企业园 data → its annual performance evaluation → a static site.
//!
//! The stages run one way: [`load`] (YAML → validated [`model::Dataset`]) →
//! [`evaluate`] (pure numbers and their trace) → [`present`] (what a reader sees) →
//! [`render`] (bytes in memory) → [`write`] (the output folder, all or nothing).
//! [`build`] is the one place that knows this order.

pub mod analysis;
pub mod error;
pub mod evaluate;
pub mod load;
pub mod model;
pub mod present;
pub mod render;
pub mod write;

use std::path::{Path, PathBuf};

pub use error::{Error, Problem, Result};

use evaluate::YearResult;
use load::SourceFiles;
use model::Dataset;
use present::Audience;
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
}

/// load + evaluate: what `check`, `explain` and `build` share.
pub fn evaluate(source: &DataSource) -> Result<Evaluation> {
    let data = load::load(&source.files()?)?;
    let years = evaluate::evaluate_all(&data);
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

/// Renders the whole output in memory (no I/O beyond reading the data).
pub fn render(eval: &Evaluation, audience: Audience) -> Result<Output> {
    render::render_site(&eval.data, &eval.years, audience)
}

/// load → evaluate → present/render → write, all or nothing.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let eval = evaluate(&opts.data)?;
    let output = render(&eval, opts.audience)?;
    write::write_atomic(&opts.out, &output)?;
    Ok(BuildReport {
        files: output.len(),
        bytes: output.total_bytes(),
        years: eval.years.iter().map(|r| r.year).collect(),
    })
}
