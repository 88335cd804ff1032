//! Render: planned files → bytes. Pages through tera with their charts drawn as
//! SVG by our own writer, workbooks through rust_xlsxwriter, streamed in plan order into a
//! [`crate::write::Sink`]. Render sees only present's views: it decides no title,
//! link or chart, and recomputes nothing.

mod chart_bars;
mod chart_columns;
mod chart_intervals;
mod chart_parts;
mod chart_radar;
mod chart_trend;
pub mod charts;
mod figure;
pub mod page;
pub mod roster_xlsx;
pub mod stream;
mod svg;
pub mod templates;
mod text_filters;
mod xlsx;

pub use page::render;
pub use stream::{stream, Streamed};
pub use templates::Engine;
