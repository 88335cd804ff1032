//! Write: the one door to the output folder.
//!
//! Render streams files into a [`Sink`]: [`Output`] keeps them in memory (`serve`,
//! tests), [`SiteWriter`] puts them on disk incrementally — only changed bytes are
//! written, through a journal, so a failed or killed build leaves the old site or
//! (once [`recover`] ran, as every command does first) the new one. docs/output.md
//! says exactly what is promised.

mod atomic;
mod journal;
pub mod kill;
mod layout;
mod legacy;
mod lock;
mod new_site;
mod output;
mod pool;
mod recover;
mod recovery;
mod scan;
mod sink;
mod site_writer;
mod state;
mod switch;

pub use atomic::{write_atomic, write_file_atomic};
pub use layout::MARKER;
pub use output::Output;
pub use recover::recover;
pub use recovery::Recovery;
pub use sink::{check_rel, Sink};
pub use site_writer::{SiteWriter, WriteStats};
pub use state::{up_to_date, Inputs, UpToDate};
