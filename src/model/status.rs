//! A park's status in an evaluation year (spec §1): the first rule that applies.

use super::methodology::Methodology;
use super::park::Park;

/// Ordered as the spec checks them; names are the ids used in results.json.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    NotOperating,
    OutOfScope,
    Transition,
    Vetoed,
    NotReported,
    Rated,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::NotOperating => "not_operating",
            Status::OutOfScope => "out_of_scope",
            Status::Transition => "transition",
            Status::Vetoed => "vetoed",
            Status::NotReported => "not_reported",
            Status::Rated => "rated",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::NotOperating => "未运营",
            Status::OutOfScope => "不纳入评价范围",
            Status::Transition => "过渡期",
            Status::Vetoed => "一票否决",
            Status::NotReported => "数据缺报",
            Status::Rated => "参评",
        }
    }

    /// Operating and in scope: counted in the development goals.
    pub fn counts_for_goals(self) -> bool {
        !matches!(self, Status::NotOperating | Status::OutOfScope)
    }
}

/// The status of `park` in `year` under methodology `m`, or `None` when the park is
/// operating and in scope but has no record for the year (a data error).
pub fn status_of(park: &Park, year: i32, m: &Methodology) -> Option<Status> {
    if !park.operates_in(year) {
        return Some(Status::NotOperating);
    }
    if !m.scope.zone_levels.contains(&park.zone_level) {
        return Some(Status::OutOfScope);
    }
    let record = park.years.get(&year)?;
    if i64::from(year) - i64::from(park.opened) < i64::from(m.scope.transition_years)
        && !record.transition_opt_in
    {
        return Some(Status::Transition);
    }
    if !record.vetoes.is_empty() {
        return Some(Status::Vetoed);
    }
    if record.not_reported {
        return Some(Status::NotReported);
    }
    Some(Status::Rated)
}
