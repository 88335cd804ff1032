//! The vocabulary of parkscore: validated data, free of serde and I/O.
//!
//! Everything here was checked by `load`; code downstream may rely on the
//! invariants documented on each type instead of re-checking them.

mod admission;
mod amount;
mod dataset;
mod date;
mod decimal;
mod derived;
mod english;
mod firm;
mod formula;
mod formula_parser;
mod industry;
pub mod limits;
mod methodology;
mod park;
mod roster;
mod roster_column;
mod status;
mod template_files;
mod uscc;

pub use admission::{Admission, AdmissionRule, MEDIUM_EMPLOYEES, MEDIUM_REVENUE_WAN};
pub use amount::{Amount, AmountError, AmountSum, MAX_DIGITS as AMOUNT_MAX_DIGITS};
pub use dataset::{
    evaluated_years, police_code, CorrectionsSince, Dataset, Gongshi, Logo, Look, Page, Site, Stage,
};
pub use date::Date;
pub use decimal::{Decimal, Hundredths};
pub use derived::{is_derived, needs_leading_codes, RosterTotals, DERIVED_METRICS};
pub use english::{has_chinese, in_english, InEnglish};
pub use firm::{ExitReason, Firm, Patents, Recognition, Recognitions};
pub use formula::{abbreviate, EvalError, Formula, FormulaError, FormulaErrorKind};
pub use industry::{is_code_prefix, is_section, IndustryCode};
pub use methodology::{
    Anchor, Awards, BonusCategory, BonusKind, BonusRule, BonusRules, Dimension, Direction,
    Efficacy, Goals, Indicator, Methodology, MetricDef, Scope, Split, TieBreak, TierA, TierC,
    Tiers, Veto,
};
pub use park::{Honor, Park, ParkId, ParkKind, YearRecord, ZoneLevel};
pub use roster::{Roster, RosterSource, Rosters};
pub use roster_column::RosterColumn;
pub use status::{status_of, Status};
pub use template_files::TemplateFiles;
pub use uscc::{check_character, Uscc, UsccError, USCC_ALPHABET};
