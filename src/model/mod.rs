//! The vocabulary of parkscore: validated data, free of serde and I/O.
//!
//! Everything here was checked by `load`; code downstream may rely on the
//! invariants documented on each type instead of re-checking them.

mod dataset;
mod decimal;
mod english;
mod formula;
mod formula_parser;
pub mod limits;
mod methodology;
mod park;
mod status;

pub use dataset::{evaluated_years, CorrectionsSince, Dataset, Gongshi, Page, Site, Stage};
pub use decimal::{Decimal, Hundredths};
pub use english::{has_chinese, in_english, InEnglish};
pub use formula::{abbreviate, EvalError, Formula, FormulaError, FormulaErrorKind};
pub use methodology::{
    Anchor, Awards, BonusCategory, BonusKind, BonusRule, BonusRules, Dimension, Direction,
    Efficacy, Goals, Indicator, Methodology, MetricDef, Scope, Split, TieBreak, TierA, TierC,
    Tiers, Veto,
};
pub use park::{Honor, Park, ParkId, ParkKind, YearRecord, ZoneLevel};
pub use status::{status_of, Status};
