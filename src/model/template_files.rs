//! A city's own templates as read from its templates folder: the vocabulary load
//! (which reads and checks them) and render (which lets them replace the built-in
//! ones) share, so render never reaches into load.

use std::collections::BTreeMap;

/// Template and asset texts by their name relative to the folder (`/`-separated).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateFiles {
    pub files: BTreeMap<String, String>,
}
