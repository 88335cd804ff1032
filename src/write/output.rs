//! The site in memory: what `serve` publishes and tests inspect.

use std::collections::BTreeMap;

use super::sink::{check_rel, Sink};
use crate::error::{Error, Result};

/// The files of one build, keyed by relative path with `/` separators.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    pub fn new() -> Output {
        Output::default()
    }

    /// Adds a file; the same path twice is a bug in the caller and an error here.
    pub fn emit(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Result<()> {
        let path = path.into();
        check_rel(&path)?;
        if self.files.contains_key(&path) {
            return Err(Error::DuplicateOutput(path));
        }
        self.files.insert(path, bytes.into());
        Ok(())
    }

    pub fn files(&self) -> &BTreeMap<String, Vec<u8>> {
        &self.files
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn total_bytes(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }
}

impl Sink for Output {
    fn put(&mut self, rel: &str, bytes: Vec<u8>) -> Result<()> {
        self.emit(rel, bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::{Output, Sink};

    #[test]
    fn emit_rejects_duplicates_and_escapes() {
        let mut o = Output::new();
        o.emit("a/b.html", "x").unwrap();
        assert!(o.emit("a/b.html", "y").is_err());
        assert!(o.put("a/b.html", b"y".to_vec()).is_err());
        assert!(o.emit("../x", "y").is_err());
        assert!(o.emit("/etc/x", "y").is_err());
        assert!(o.emit("a//b", "y").is_err());
        assert_eq!(o.get("a/b.html"), Some(&b"x"[..]));
        assert_eq!(o.len(), 1);
    }
}
