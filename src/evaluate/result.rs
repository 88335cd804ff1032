//! The trace of one evaluation year: every number `explain`, the scorecard and
//! results.json print comes from here, so they cannot disagree.

use crate::model::{Hundredths, ParkId, Status};

#[derive(Debug, Clone, PartialEq)]
pub struct YearResult {
    pub year: i32,
    /// The version year of the methodology applied.
    pub methodology_year: i32,
    /// Spec §10 order: rated by rank then id, then the rest by status id then id.
    /// `not_operating` parks are omitted.
    pub parks: Vec<ParkResult>,
    /// Anchors per indicator, in methodology order.
    pub anchors: Vec<IndicatorAnchors>,
    pub summary: Summary,
}

impl YearResult {
    pub fn park(&self, id: &str) -> Option<&ParkResult> {
        self.parks.iter().find(|p| p.id.as_str() == id)
    }

    pub fn rated(&self) -> impl Iterator<Item = &ParkResult> {
        self.parks.iter().filter(|p| p.status == Status::Rated)
    }
}

/// The disallowed (x_s) and satisfactory (x_h) values an indicator was scored against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnchorTrace {
    pub x_s: f64,
    pub x_h: f64,
    /// x_h == x_s under a peer mode: every score is base + span/2.
    pub no_spread: bool,
    /// How many peer values the anchors were taken from (0 for fixed anchors).
    pub peers: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndicatorAnchors {
    pub level: Option<AnchorTrace>,
    /// None when the indicator has no growth share, or no peer has a growth value.
    pub growth: Option<AnchorTrace>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    A,
    B,
    C,
}

impl Tier {
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::A => "A",
            Tier::B => "B",
            Tier::C => "C",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Flag {
    GrowthUnavailable,
    NoSpread,
}

impl Flag {
    pub fn id(self) -> &'static str {
        match self {
            Flag::GrowthUnavailable => "growth_unavailable",
            Flag::NoSpread => "no_spread",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Flag::GrowthUnavailable => "增长率不可用，按水平值计分",
            Flag::NoSpread => "参评园区数值无差异，按中间分计",
        }
    }
}

/// Why a growth value could not be computed for a park.
#[derive(Debug, Clone, PartialEq)]
pub enum GrowthGap {
    NoPreviousRecord,
    PreviousNotReported,
    PreviousMissingMetric(String),
    PreviousNotPositive(f64),
    PreviousDivisionByZero,
    /// No rated park has a growth value, so there are no peer anchors.
    NoPeerGrowth,
}

impl GrowthGap {
    pub fn describe(&self, year: i32) -> String {
        let prev = year - 1;
        match self {
            GrowthGap::NoPreviousRecord => format!("{prev}年无记录"),
            GrowthGap::PreviousNotReported => format!("{prev}年数据缺报"),
            GrowthGap::PreviousMissingMetric(m) => format!("{prev}年缺少指标 {m}"),
            GrowthGap::PreviousNotPositive(v) => format!("{prev}年基数不为正（{v}）"),
            GrowthGap::PreviousDivisionByZero => format!("{prev}年计算除数为零"),
            GrowthGap::NoPeerGrowth => "参评园区均无可用增长率".to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GrowthTrace {
    /// gf(Y−1) and gf(Y).
    pub previous: f64,
    pub current: f64,
    pub value: f64,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorScore {
    /// The level value (the formula on this year's metrics).
    pub value: f64,
    pub level_score: f64,
    /// Present when the indicator has a growth share and growth is available.
    pub growth: Option<GrowthTrace>,
    /// Present when the indicator has a growth share but growth is unavailable.
    pub growth_gap: Option<GrowthGap>,
    pub combined: f64,
    pub contribution: Hundredths,
    pub flags: Vec<Flag>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BonusReason {
    Counted,
    NotRated,
    CategoryNotInMethodology,
    KindNotInMethodology,
    OutsideWindow,
    /// Rule `highest`: only the largest counts.
    NotHighest,
    CategoryCapReached,
    TotalCapReached,
}

impl BonusReason {
    pub fn describe(self) -> &'static str {
        match self {
            BonusReason::Counted => "计入",
            BonusReason::NotRated => "未参评，不加分",
            BonusReason::CategoryNotInMethodology => "本年度办法无此加分类别",
            BonusReason::KindNotInMethodology => "本年度办法无此加分项目",
            BonusReason::OutsideWindow => "不在认定年限内",
            BonusReason::NotHighest => "同类取最高，已计更高分项",
            BonusReason::CategoryCapReached => "已达该类加分上限",
            BonusReason::TotalCapReached => "已达加分总上限",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct BonusItem {
    /// Index into the park's `honors`.
    pub honor: usize,
    pub category: String,
    pub kind: String,
    pub year: i32,
    pub points: Hundredths,
    pub counted: bool,
    pub reason: BonusReason,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParkResult {
    /// Index into the evaluated parks slice.
    pub park: usize,
    pub id: ParkId,
    pub status: Status,
    /// Veto ids of the year record (vetoed parks).
    pub vetoes: Vec<String>,
    /// Per methodology indicator; empty unless rated.
    pub indicators: Vec<IndicatorScore>,
    /// Per methodology dimension: the sum of its contributions; empty unless rated.
    pub dimensions: Vec<Hundredths>,
    pub base: Option<Hundredths>,
    pub bonus: Option<Hundredths>,
    pub total: Option<Hundredths>,
    pub bonus_items: Vec<BonusItem>,
    pub rank: Option<u32>,
    pub tier: Option<Tier>,
    pub award: Option<Hundredths>,
    pub flags: Vec<Flag>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GoalResult {
    pub key: &'static str,
    pub value: f64,
    pub target: f64,
    pub met: bool,
}

impl GoalResult {
    pub fn ratio(&self) -> Option<f64> {
        (self.target > 0.0).then(|| self.value / self.target)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub rated: usize,
    /// Parks per tier A, B, C (not_reported parks count in C).
    pub tiers: [usize; 3],
    pub awards_total: Hundredths,
    pub goals: Vec<GoalResult>,
    /// Parks per status (those listed), in status order.
    pub statuses: Vec<(Status, usize)>,
}
