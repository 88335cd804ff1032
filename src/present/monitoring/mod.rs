//! 动态监测: what the bureau sees of the firms behind each park's figures. Views per
//! park-year and per city-year, the `check` summary line, and the consolidated roster
//! download. Internal audience only: every constructor returns `None` for the public,
//! so a page built from these cannot leak a firm by accident.

mod city_year;
mod firm_line;
mod lookup;
mod park_year;
mod roster_table;
mod summary;

pub use city_year::{
    city_year_view, park_flow, revenue_bands, BandCount, CityYearView, MoveCount, ParkRow, YearFlow,
};
pub use firm_line::{FirmLine, FlagLine, ReasonCount};
pub use lookup::MonitoringLookup;
pub use park_year::{
    park_year_view, park_year_views, ChangeView, LeadingShare, MovedInLine, ParkYearView,
};
pub use roster_table::{roster_csv, roster_table, RosterTable, TableCell};
pub use summary::check_summary;

/// 小升规 candidates: in the park at year end, not 规上, revenue at least this (万元).
pub const CANDIDATE_REVENUE_WAN: u64 = 1500;
/// The 规上工业 line the revenue distribution is drawn against (万元).
pub const ABOVE_SCALE_LINE_WAN: u64 = 2000;
