//! Present: what a reader sees. View structs borrowed from the model and the
//! evaluation trace, number formatting, the plain-text and data formats, and the
//! page plan ([`plan`]): every file a build makes, each built into its view
//! ([`page`]) when it is rendered. No file I/O, no templates, no drawing here.

pub mod audience;
pub mod charts;
pub mod corrections_page;
pub mod crawl;
pub mod csv;
pub mod csv_safe;
pub mod diff;
pub mod diff_json;
pub mod diff_rosters;
pub mod districts;
pub mod downloads;
pub mod explain;
pub mod format;
pub mod gongshi;
pub mod html;
pub mod json;
pub mod lang;
pub mod markdown;
pub mod messages;
pub mod methodology_page;
pub mod monitoring;
pub mod monitoring_charts;
pub mod monitoring_page;
pub mod page;
pub mod park_page;
pub mod pinyin;
pub mod plan;
pub mod provenance;
pub mod reasons;
pub mod report;
pub mod results;
pub mod robustness;
pub mod scorecard;
pub mod sensitivity;
pub mod site;
pub mod stage;
pub mod summary;
pub mod urls;
pub mod whatif;
pub mod whatif_card;
pub mod workbook;
pub mod year_page;

pub use audience::Audience;
