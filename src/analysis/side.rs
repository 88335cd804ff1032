//! A side of a diff, named on the command line: a data folder, or a git revision of
//! the data folder. Loads and evaluates it; problems name the side's files
//! (`HEAD~1:data/parks/x.yaml`) so the user knows which version is broken.

use std::path::Path;

use crate::error::{Error, Result};
use crate::evaluate::{evaluate_all, Evaluation};
use crate::load::{self, git, SourceFiles};

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
        let rev = git::read_revision(data_dir, arg)?;
        let label = format!(
            "{arg} ({}) {}/",
            rev.commit,
            if rev.prefix.is_empty() {
                "."
            } else {
                &rev.prefix
            }
        );
        let files = rev.files.clone();
        let name = arg.to_string();
        (label, files, Box::new(move |rel| rev.locate(&name, rel)))
    };
    let data = load::load(&files).map_err(|e| match e {
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
    })?;
    let years = evaluate_all(&data);
    Ok(LoadedSide {
        label,
        files,
        eval: Evaluation { data, years },
    })
}
