//! A city's own templates (zola-style overrides): the files of a `templates/`
//! folder that replace the built-in ones of the same name (`base.html`,
//! `partials/chrome.html`, `assets/site.css`), read once per build. Files the
//! renderer does not know are still loaded, so an override may include its own
//! partials; anything that is not a template or an asset is ignored.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, Result};
pub use crate::model::TemplateFiles;

/// Beyond this, a file is not a template someone wrote by hand.
pub const MAX_TEMPLATE_BYTES: u64 = 1 << 20;
/// Beyond this many files, the folder is not a templates folder.
const MAX_TEMPLATE_FILES: usize = 1000;

/// Whether a file name is one the renderer reads (templates and our two assets kinds).
fn is_template_name(name: &str) -> bool {
    [".html", ".xml", ".css", ".js"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Reads every template of `dir` (symbolic links are not followed: a link could
/// publish a file from outside the folder).
pub fn read_templates(dir: &Path) -> Result<TemplateFiles> {
    if !dir.is_dir() {
        return Err(Error::TemplatesFolderMissing(dir.to_path_buf()));
    }
    let mut files = BTreeMap::new();
    for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let entry = entry.map_err(|e| walk_error(dir, e))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Some(name) = relative_name(dir, entry.path()) else {
            continue;
        };
        if !is_template_name(&name) || name.split('/').any(|s| s.starts_with('.')) {
            continue;
        }
        if files.len() == MAX_TEMPLATE_FILES {
            return Err(Error::TemplateFile {
                path: entry.path().to_path_buf(),
                why: format!("more than {MAX_TEMPLATE_FILES} template files in the folder"),
            });
        }
        files.insert(name, read_one(entry.path())?);
    }
    Ok(TemplateFiles { files })
}

/// One template's text: a regular file of at most [`MAX_TEMPLATE_BYTES`], UTF-8.
fn read_one(path: &Path) -> Result<String> {
    let len = fs::metadata(path).map_err(|e| Error::io(path, e))?.len();
    if len > MAX_TEMPLATE_BYTES {
        return Err(Error::TemplateFile {
            path: path.to_path_buf(),
            why: format!("too large (got {len} bytes; expected at most {MAX_TEMPLATE_BYTES})"),
        });
    }
    let bytes = fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| Error::TemplateFile {
        path: path.to_path_buf(),
        why: format!(
            "not UTF-8 text (invalid byte at offset {}; save the file as UTF-8)",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// `dir/partials/x.html` → `partials/x.html`; `None` for names that are not UTF-8.
fn relative_name(dir: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(dir).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

fn walk_error(dir: &Path, e: walkdir::Error) -> Error {
    let path: PathBuf = e.path().unwrap_or(dir).to_path_buf();
    match e.into_io_error() {
        Some(io) => Error::io(&path, io),
        None => Error::TemplateFile {
            path,
            why: "cannot be read (a loop of folders)".into(),
        },
    }
}

/// The templates folder of a build: `--templates DIR` if given (it must exist),
/// else a `templates/` folder next to the data folder when there is one.
pub fn templates_folder(arg: Option<&Path>, data_dir: Option<&Path>) -> Result<Option<PathBuf>> {
    match arg {
        Some(p) if p.is_dir() => Ok(Some(p.to_path_buf())),
        Some(p) => Err(Error::TemplatesFolderMissing(p.to_path_buf())),
        None => Ok(data_dir.map(sibling_templates).filter(|p| p.is_dir())),
    }
}

/// `data` → `templates` beside it (`./data` → `./templates`, `/x/city` → `/x/templates`).
fn sibling_templates(data_dir: &Path) -> PathBuf {
    let parent = data_dir.parent().filter(|p| !p.as_os_str().is_empty());
    parent.unwrap_or(Path::new(".")).join("templates")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_templates_by_relative_name_and_skips_the_rest() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        fs::create_dir_all(d.join("partials")).unwrap();
        fs::write(d.join("base.html"), "B").unwrap();
        fs::write(d.join("partials/chrome.html"), "C").unwrap();
        fs::write(d.join("notes.txt"), "ignored").unwrap();
        fs::write(d.join(".base.html.swp"), "ignored").unwrap();
        let t = read_templates(d).unwrap();
        let names: Vec<&str> = t.files.keys().map(String::as_str).collect();
        assert_eq!(names, ["base.html", "partials/chrome.html"]);
        fs::write(d.join("bad.html"), [0xff, 0xfe]).unwrap();
        let e = read_templates(d).unwrap_err().to_string();
        assert!(
            e.ends_with(
                "bad.html: not UTF-8 text (invalid byte at offset 0; save the file as UTF-8)"
            ),
            "{e}"
        );
    }

    #[test]
    fn the_default_folder_is_beside_the_data() {
        assert_eq!(
            sibling_templates(Path::new("data")),
            PathBuf::from("./templates")
        );
        assert_eq!(
            sibling_templates(Path::new("/x/city")),
            PathBuf::from("/x/templates")
        );
    }
}
