//! The scorecard's 升档测算 section: per indicator, the smallest rise that alone
//! lifts the park into the next tier. Built on [`whatif_view`], which decides what
//! an audience may see (a private driver metric shows neither its values nor its
//! rise, only the indicator's); this file only formats.

use serde::Serialize;

use crate::analysis::site_study::{WhatIfs, YearStudy};
use crate::analysis::whatif::{WhatIf, MAX_RISE};
use crate::evaluate::Tier;
use crate::model::Methodology;

use super::format::{fixed, grouped, percent, trimmed};
use super::whatif::{whatif_view, IndicatorWhatIfView};
use super::Audience;

#[derive(Debug, Serialize)]
pub struct WhatIfCard<'a> {
    pub tier: &'static str,
    pub target: &'static str,
    /// One row per methodology indicator; empty when the study was skipped.
    pub rows: Vec<WhatIfRow<'a>>,
    /// Why there are no rows and how to get them (too many rated parks for a build).
    pub skipped: Option<String>,
    /// The rule in one sentence, with this build's numbers.
    pub rule: String,
}

#[derive(Debug, Serialize)]
pub struct WhatIfRow<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub unit: &'a str,
    pub reachable: bool,
    /// The indicator value now and with the edit, and the relative rise.
    pub value_old: String,
    pub value_new: String,
    pub value_rise: String,
    /// The raw metric raised (its label and id), when the formula has one.
    pub metric_label: Option<&'a str>,
    pub metric: Option<&'a str>,
    pub metric_unit: Option<&'a str>,
    /// Raw values and the metric's rise: None when the audience may not see this metric.
    pub metric_old: Option<String>,
    pub metric_new: Option<String>,
    pub metric_rise: Option<String>,
    /// The park's result with the edit.
    pub total: String,
    pub rank: String,
    pub tier: String,
    /// For a row that is not reachable: why.
    pub note: Option<String>,
}

/// The section for park `id` of tier `tier` in `study`'s year: None unless the park
/// is rated (has a tier) below A.
pub fn whatif_card<'a>(
    m: &'a Methodology,
    study: &YearStudy,
    id: &str,
    tier: Option<Tier>,
    audience: Audience,
) -> Option<WhatIfCard<'a>> {
    let tier = tier?;
    let target = match tier {
        Tier::A => return None,
        Tier::B => Tier::A,
        Tier::C => Tier::B,
    };
    let rule = format!(
        "逐项测算：只提升一项指标（通过其公式中的驱动数据项），其他数据不变，用正式评价引擎重新计算（基准值随之重算），\
         找出升入{}档所需的最小提升；指标值最多提升{}%，且数据项不超过其上限。测算不检查数据之间的现实约束。",
        target.as_str(),
        trimmed(MAX_RISE * 100.0, 0)
    );
    match &study.what_if {
        WhatIfs::Skipped { rated, limit } => Some(WhatIfCard {
            tier: tier.as_str(),
            target: target.as_str(),
            rows: Vec::new(),
            skipped: Some(format!(
                "{}年度参评园区共{rated}个，多于{limit}个，网站生成时不逐一测算升档条件。\
                 可在数据所在目录运行 parkscore explain {id} --year {} 查看本园区的测算。",
                study.year, study.year
            )),
            rule,
        }),
        WhatIfs::Computed(_) => {
            let w = study.what_if(id)?;
            Some(card(m, w, audience, rule))
        }
    }
}

fn card<'a>(m: &'a Methodology, w: &WhatIf, audience: Audience, rule: String) -> WhatIfCard<'a> {
    let v = whatif_view(m, w, audience);
    WhatIfCard {
        tier: v.tier,
        target: v.target,
        rows: v.indicators.into_iter().map(row).collect(),
        skipped: None,
        rule,
    }
}

fn row(i: IndicatorWhatIfView<'_>) -> WhatIfRow<'_> {
    let dash = || "—".to_string();
    let rise = |r: Option<f64>| r.map_or_else(dash, percent);
    let note = if i.reachable {
        None
    } else if i.metric.is_some() {
        Some(format!(
            "单项提升无法升档（提升{}%以内或在数据项上限内均达不到）",
            trimmed(MAX_RISE * 100.0, 0)
        ))
    } else {
        Some("单项提升无法升档（公式中没有可提升的数据项）".into())
    };
    WhatIfRow {
        id: i.id,
        label: i.label,
        unit: i.unit,
        reachable: i.reachable,
        value_old: i.value_old.map_or_else(dash, |x| grouped(x, 4)),
        value_new: i.value_new.map_or_else(dash, |x| grouped(x, 4)),
        value_rise: rise(i.value_rise),
        metric_label: i.metric_label,
        metric: i.metric,
        metric_unit: i.metric_unit,
        // The data as the scorecard prints it; the edit steps by 0.01 (or 1), so two
        // decimals print it exactly, ready to type into the YAML.
        metric_old: i.metric_old.map(|x| grouped(x, 4)),
        metric_new: i.metric_new.map(|x| grouped(x, 2)),
        metric_rise: i.metric_rise.map(percent),
        total: i.total.map_or_else(dash, |t| fixed(t, 2)),
        rank: i.rank.map_or_else(dash, |r| r.to_string()),
        tier: i.tier.map_or_else(dash, str::to_string),
        note,
    }
}
