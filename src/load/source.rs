//! Where the data comes from: a folder, or the sample city compiled into the binary.
//! Load owns this choice because it is the stage that reads the files.

use std::path::{Path, PathBuf};

use crate::error::Result;

use super::files::SourceFiles;

/// A data folder on disk, or the embedded sample city.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    Dir(PathBuf),
    Embedded,
}

impl DataSource {
    /// The folder read, if the data comes from one.
    pub fn dir(&self) -> Option<&Path> {
        match self {
            DataSource::Dir(d) => Some(d),
            DataSource::Embedded => None,
        }
    }

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
