//! Mirrors of the YAML files, as serde reads them: typed, strict about unknown
//! fields, but not yet checked against each other. `validate` turns them into `model`.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub title: String,
    pub title_en: Option<String>,
    pub publisher: String,
    pub publisher_en: Option<String>,
    pub base_url: Option<String>,
    pub stage: Option<String>,
    pub gongshi: Option<RawGongshi>,
    /// Untyped so a number (an all-digit commit) gets a located "quote it" message.
    pub corrections_since: Option<serde_yaml::Value>,
    /// The city's own look: logo, main colour, footer lines, 备案号.
    pub look: Option<RawLook>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLook {
    pub logo: Option<String>,
    pub logo_alt: Option<String>,
    pub main_color: Option<String>,
    #[serde(default)]
    pub footer: Vec<String>,
    pub icp: Option<String>,
    pub police: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGongshi {
    pub start: serde_yaml::Value,
    pub end: serde_yaml::Value,
    pub contact: String,
    pub contact_en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPark {
    pub id: String,
    pub name: String,
    pub district: String,
    pub zone: String,
    pub zone_level: String,
    pub kind: String,
    #[serde(default)]
    pub leading_industries: Vec<String>,
    #[serde(default)]
    pub leading_industry_codes: Vec<String>,
    pub operator: Option<String>,
    pub opened: i32,
    pub closed: Option<i32>,
    #[serde(default)]
    pub honors: Vec<RawHonor>,
    #[serde(default)]
    pub years: BTreeMap<i32, RawYear>,
    /// The English edition's names (data.md); last, so "expected one of" lists them
    /// together.
    pub name_en: Option<String>,
    pub district_en: Option<String>,
    pub zone_en: Option<String>,
    pub operator_en: Option<String>,
    pub leading_industries_en: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHonor {
    pub category: String,
    pub kind: String,
    pub year: i32,
    #[serde(default)]
    pub title: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawYear {
    /// Values stay untyped here so every non-number in every record is reported with
    /// its position, not just the first one serde meets.
    #[serde(default)]
    pub metrics: BTreeMap<String, serde_yaml::Value>,
    #[serde(default)]
    pub vetoes: Vec<String>,
    #[serde(default)]
    pub not_reported: bool,
    #[serde(default)]
    pub transition_opt_in: bool,
    pub note: Option<String>,
    pub note_en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMethodology {
    pub title: Option<String>,
    pub title_en: Option<String>,
    pub efficacy: Option<RawEfficacy>,
    pub scope: Option<RawScope>,
    pub metrics: IndexMap<String, RawMetric>,
    pub dimensions: Vec<RawDimension>,
    pub indicators: Vec<RawIndicator>,
    pub bonus: Option<RawBonus>,
    pub vetoes: Option<IndexMap<String, RawVeto>>,
    pub tie_break: Option<Vec<String>>,
    pub tiers: Option<RawTiers>,
    pub awards: Option<RawAwards>,
    pub goals: Option<RawGoals>,
    pub admission: Option<RawAdmission>,
}

/// 入园审核 rules (enterprises.md, "Entry review").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAdmission {
    pub industry_sections: Option<Vec<String>>,
    pub small_micro_only: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEfficacy {
    pub base: Option<f64>,
    pub span: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScope {
    pub zone_levels: Option<Vec<String>>,
    pub transition_years: Option<i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMetric {
    pub label: String,
    pub label_en: Option<String>,
    #[serde(default)]
    pub unit: String,
    pub unit_en: Option<String>,
    #[serde(default)]
    pub public: bool,
    pub min: Option<f64>,
    pub max: Option<f64>,
    #[serde(default)]
    pub positive: bool,
    #[serde(default)]
    pub integer: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDimension {
    pub id: String,
    pub label: String,
    pub label_en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub id: String,
    pub label: String,
    pub label_en: Option<String>,
    #[serde(default)]
    pub unit: String,
    pub unit_en: Option<String>,
    pub dimension: String,
    pub formula: String,
    pub growth_formula: Option<String>,
    pub weight: f64,
    pub direction: Option<String>,
    pub split: Option<RawSplit>,
    pub anchor: Option<serde_yaml::Value>,
    pub growth_anchor: Option<serde_yaml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSplit {
    pub level: f64,
    pub growth: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBonus {
    pub cap: Option<f64>,
    #[serde(default)]
    pub categories: Vec<RawCategory>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCategory {
    pub id: String,
    pub label: String,
    pub label_en: Option<String>,
    pub window_years: i32,
    pub rule: String,
    pub cap: f64,
    pub kinds: IndexMap<String, RawKind>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKind {
    pub label: String,
    pub label_en: Option<String>,
    pub points: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVeto {
    pub label: String,
    pub label_en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTiers {
    pub a: Option<RawTierA>,
    pub c: Option<RawTierC>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTierA {
    pub top_share: Option<f64>,
    pub min_total: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTierC {
    pub bottom_share: Option<f64>,
    pub below_total: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAwards {
    pub unit: Option<String>,
    pub unit_en: Option<String>,
    pub ranked: Option<Vec<f64>>,
    pub others: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGoals {
    pub parks: Option<f64>,
    pub new_enterprises: Option<f64>,
    pub enterprises: Option<f64>,
}
