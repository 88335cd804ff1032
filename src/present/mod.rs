//! Present: what a reader sees. View structs borrowed from the model and the
//! evaluation trace, number formatting, and the plain-text and data formats.
//! No file I/O, no templates, no charts here.

pub mod audience;
pub mod csv;
pub mod diff;
pub mod diff_json;
pub mod explain;
pub mod format;
pub mod json;
pub mod results;
pub mod sensitivity;
pub mod whatif;

pub use audience::Audience;
