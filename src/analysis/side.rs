//! A side of a diff, named on the command line: a data folder, or a git revision of
//! the data folder. Loads and evaluates it; problems name the side's files
//! (`HEAD~1:data/parks/x.yaml`) so the user knows which version is broken.

use std::path::Path;

use crate::error::{Error, Result};
use crate::evaluate::{evaluate_all, evaluate_year, EvaluateOptions, Evaluation, YearResult};
use crate::load::{self, git, DataSource, SourceFiles};
use crate::model::Dataset;

use super::corrections::{corrections, Corrections};
use super::diff::Side;

pub struct LoadedSide {
    pub label: String,
    pub files: SourceFiles,
    pub eval: Evaluation,
}

impl LoadedSide {
    pub fn side(&self) -> Side<'_> {
        Side {
            label: &self.label,
            files: &self.files,
            data: &self.eval.data,
            years: &self.eval.years,
        }
    }
}

/// Names a data file of the side for messages.
type Locate = Box<dyn Fn(&str) -> String>;

/// `arg` is a folder when one exists at that path, else a git revision of `data_dir`.
pub fn load_side(arg: &str, data_dir: &Path) -> Result<LoadedSide> {
    let dir = Path::new(arg);
    let (label, files, locate): (String, SourceFiles, Locate) = if dir.is_dir() {
        let files = SourceFiles::read_dir(dir)?;
        let base = dir.to_path_buf();
        (
            arg.to_string(),
            files,
            Box::new(move |rel| base.join(rel).display().to_string()),
        )
    } else {
        revision_files(arg, data_dir)?
    };
    let data = load_located(&files, &locate)?;
    let years = evaluate_all(&data, &EvaluateOptions::default());
    Ok(LoadedSide {
        label,
        files,
        eval: Evaluation { data, years },
    })
}

/// Revision `rev` of the data folder: its label, files, and how to name them.
fn revision_files(rev: &str, data_dir: &Path) -> Result<(String, SourceFiles, Locate)> {
    let r = git::read_revision(data_dir, rev)?;
    let label = format!(
        "{rev} ({}) {}/",
        r.commit,
        if r.prefix.is_empty() { "." } else { &r.prefix }
    );
    let files = r.files.clone();
    let name = rev.to_string();
    Ok((label, files, Box::new(move |rel| r.locate(&name, rel))))
}

/// Loads `files`; problems name each file as `locate` says.
fn load_located(files: &SourceFiles, locate: &Locate) -> Result<Dataset> {
    load::load(files, &load::LoadOptions::default()).map_err(|e| match e {
        Error::Invalid(problems) => Error::Invalid(
            problems
                .into_iter()
                .map(|mut p| {
                    p.file = locate(&p.file);
                    p
                })
                .collect(),
        ),
        other => other,
    })
}

/// The corrections notice of the final edition `now`, read from the data folder
/// `data_dir`: `None` without `corrections_since`. The 公示 edition is loaded at
/// that revision and only its latest year is evaluated. A revision git cannot read,
/// or one of another year, is a problem at the setting's line in site.yaml.
pub fn load_corrections(data_dir: &Path, now: &Side) -> Result<Option<Corrections>> {
    let Some(setting) = &now.data.site.corrections_since else {
        return Ok(None);
    };
    let located = |message: String| Error::Invalid(vec![setting.problem(message)]);
    let rev = &setting.rev;
    match git::probe(data_dir, rev) {
        git::Probe::NoRepository => {
            return Err(located(format!(
                "needs the data folder in a git repository to read the 公示 edition (got {}, which is not in one)",
                data_dir.display()
            )))
        }
        git::Probe::UnknownRevision => {
            return Err(located(format!(
                "not a git revision of the data folder's repository (got `{rev}`; expected the tag or commit of the 公示 edition, e.g. gongshi-2024)"
            )))
        }
        git::Probe::Commit => {}
    }
    let (label, files, locate) = revision_files(rev, data_dir)
        .map_err(|e| located(format!("cannot read the 公示 edition at `{rev}`: {e}")))?;
    let data = load_located(&files, &locate)?;
    let years: Vec<YearResult> = data
        .latest_year()
        .and_then(|y| Some(evaluate_year(&data.parks, y, data.methodology_for(y)?)))
        .into_iter()
        .collect();
    let since = Side {
        label: &label,
        files: &files,
        data: &data,
        years: &years,
    };
    corrections(&since, now)
        .map(Some)
        .map_err(|e| located(e.to_string()))
}

/// The corrections notice of an evaluated data source (what `check` and the build
/// ask): [`load_corrections`] on the folder it was read from. The embedded sample
/// has no git history to compare with.
pub fn corrections_of(source: &DataSource, eval: &Evaluation) -> Result<Option<Corrections>> {
    let Some(setting) = &eval.data.site.corrections_since else {
        return Ok(None);
    };
    let DataSource::Dir(dir) = source else {
        return Err(Error::Invalid(vec![setting.problem(
            "needs the data folder in a git repository (got the embedded sample city)",
        )]));
    };
    let files = source.files()?;
    let label = dir.display().to_string();
    let now = Side {
        label: &label,
        files: &files,
        data: &eval.data,
        years: &eval.years,
    };
    load_corrections(dir, &now)
}
