//! Write: the one door to the output folder.
//!
//! Render streams files into a [`Sink`]: [`Output`] keeps them in memory (`serve`,
//! tests), [`SiteWriter`] puts them on disk. A failed or interrupted build leaves
//! the old site. [`recover`] is what every command runs first for an output folder.

mod atomic;
mod output;
mod recover;
mod sink;
mod site_writer;

pub use atomic::{write_atomic, write_file_atomic};
pub use output::Output;
pub use recover::{recover, Recovery};
pub use sink::{check_rel, Sink};
pub use site_writer::{SiteWriter, WriteStats};

/// Marks a folder as parkscore output, so a build never replaces anything else.
pub const MARKER: &str = ".parkscore-output";
