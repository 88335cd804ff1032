//! The evaluation rules of one methodology version (`methodology/<year>.yaml`).

use indexmap::IndexMap;

use super::admission::Admission;
use super::decimal::{Decimal, Hundredths};
use super::formula::Formula;
use super::park::ZoneLevel;

/// A validated methodology; in force for its `year` and later, until the next version.
#[derive(Debug, Clone)]
pub struct Methodology {
    pub year: i32,
    pub title: String,
    pub title_en: Option<String>,
    /// The file it came from, relative to the data folder.
    pub source: String,
    pub efficacy: Efficacy,
    pub scope: Scope,
    pub metrics: IndexMap<String, MetricDef>,
    pub dimensions: Vec<Dimension>,
    pub indicators: Vec<Indicator>,
    pub bonus: BonusRules,
    pub vetoes: IndexMap<String, Veto>,
    pub tie_break: Vec<TieBreak>,
    pub tiers: Tiers,
    pub awards: Awards,
    pub goals: Goals,
    /// 入园审核 rules (optional): flags, never scores.
    pub admission: Option<Admission>,
}

impl Methodology {
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    pub fn dimension_index(&self, id: &str) -> Option<usize> {
        self.dimensions.iter().position(|d| d.id == id)
    }

    /// Sum of the weights of the indicators in dimension `d` (for attainment).
    pub fn dimension_weight(&self, d: usize) -> f64 {
        self.indicators
            .iter()
            .filter(|i| i.dimension == d)
            .map(|i| i.weight)
            .sum()
    }

    /// Every metric a rated park must supply: those read by any formula.
    pub fn required_metrics(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .indicators
            .iter()
            .flat_map(|i| {
                let mut m = i.formula.metrics();
                if let Some(g) = &i.growth_formula {
                    m.extend(g.metrics());
                }
                m
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Efficacy {
    pub base: f64,
    pub span: f64,
}

impl Default for Efficacy {
    fn default() -> Self {
        Efficacy {
            base: 60.0,
            span: 40.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scope {
    pub zone_levels: Vec<ZoneLevel>,
    pub transition_years: i32,
}

impl Default for Scope {
    fn default() -> Self {
        Scope {
            zone_levels: vec![ZoneLevel::National, ZoneLevel::Provincial],
            transition_years: 0,
        }
    }
}

/// A raw input and its constraints.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricDef {
    pub label: String,
    pub label_en: Option<String>,
    pub unit: String,
    pub unit_en: Option<String>,
    /// Shown in public builds only when true.
    pub public: bool,
    pub min: f64,
    pub max: Option<f64>,
    pub positive: bool,
    pub integer: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dimension {
    pub id: String,
    pub label: String,
    pub label_en: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    HigherBetter,
    LowerBetter,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Split {
    pub level: f64,
    pub growth: f64,
}

/// Where the disallowed (x_s) and satisfactory (x_h) values come from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Anchor {
    PeerMinMax,
    Percentile { lo: f64, hi: f64 },
    Fixed { disallowed: f64, satisfactory: f64 },
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    pub label: String,
    pub label_en: Option<String>,
    pub unit: String,
    pub unit_en: Option<String>,
    /// Index into `Methodology::dimensions`.
    pub dimension: usize,
    pub formula: Formula,
    pub growth_formula: Option<Formula>,
    pub weight: f64,
    pub direction: Direction,
    pub split: Split,
    pub anchor: Anchor,
    pub growth_anchor: Anchor,
}

impl Indicator {
    pub fn has_growth(&self) -> bool {
        self.split.growth > 0.0
    }

    /// The formula growth is computed on (`growth_formula`, else `formula`).
    pub fn growth_formula(&self) -> &Formula {
        self.growth_formula.as_ref().unwrap_or(&self.formula)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BonusRule {
    Highest,
    Sum,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BonusKind {
    pub label: String,
    pub label_en: Option<String>,
    pub points: Hundredths,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BonusCategory {
    pub id: String,
    pub label: String,
    pub label_en: Option<String>,
    pub window_years: i32,
    pub rule: BonusRule,
    pub cap: Hundredths,
    pub kinds: IndexMap<String, BonusKind>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BonusRules {
    pub cap: Hundredths,
    pub categories: Vec<BonusCategory>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Veto {
    pub label: String,
    pub label_en: Option<String>,
}

/// One key of the ranking's tie-break chain.
#[derive(Debug, Clone, PartialEq)]
pub enum TieBreak {
    /// Dimension score, higher first (index into `dimensions`).
    Dimension(usize),
    /// Raw level value in the indicator's better direction (index into `indicators`).
    Indicator(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct TierA {
    pub top_share: Option<Decimal>,
    pub min_total: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TierC {
    pub bottom_share: Option<Decimal>,
    pub below_total: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tiers {
    pub a: TierA,
    pub c: TierC,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Awards {
    pub unit: String,
    pub unit_en: Option<String>,
    pub ranked: Vec<Hundredths>,
    pub others: Hundredths,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Goals {
    pub parks: f64,
    pub new_enterprises: f64,
    pub enterprises: f64,
}
