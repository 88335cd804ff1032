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
use super::lang::{Lang, Named};
use super::messages::fill;
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
    pub label: Named<'a>,
    pub unit: Named<'a>,
    pub reachable: bool,
    /// The indicator value now and with the edit, and the relative rise.
    pub value_old: String,
    pub value_new: String,
    pub value_rise: String,
    /// The raw metric raised (its label and id), when the formula has one.
    pub metric_label: Option<Named<'a>>,
    pub metric: Option<&'a str>,
    pub metric_unit: Option<Named<'a>>,
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
    lang: Lang,
) -> Option<WhatIfCard<'a>> {
    let tier = tier?;
    let target = match tier {
        Tier::A => return None,
        Tier::B => Tier::A,
        Tier::C => Tier::B,
    };
    let rule = fill(
        lang,
        "whatif_text.rule",
        &[
            ("target", target.as_str()),
            ("max", &trimmed(MAX_RISE * 100.0, 0)),
        ],
    );
    match &study.what_if {
        WhatIfs::Skipped { rated, limit } => Some(WhatIfCard {
            tier: tier.as_str(),
            target: target.as_str(),
            rows: Vec::new(),
            skipped: Some(fill(
                lang,
                "whatif_text.skipped",
                &[
                    ("year", &study.year.to_string()),
                    ("rated", &rated.to_string()),
                    ("limit", &limit.to_string()),
                    ("id", id),
                ],
            )),
            rule,
        }),
        WhatIfs::Computed(_) => {
            let w = study.what_if(id)?;
            Some(card(m, w, audience, rule, lang))
        }
    }
}

fn card<'a>(
    m: &'a Methodology,
    w: &WhatIf,
    audience: Audience,
    rule: String,
    lang: Lang,
) -> WhatIfCard<'a> {
    let v = whatif_view(m, w, audience);
    WhatIfCard {
        tier: v.tier,
        target: v.target,
        rows: v.indicators.into_iter().map(|i| row(m, i, lang)).collect(),
        skipped: None,
        rule,
    }
}

fn row<'a>(m: &'a Methodology, i: IndicatorWhatIfView<'a>, lang: Lang) -> WhatIfRow<'a> {
    let dash = || "—".to_string();
    let rise = |r: Option<f64>| r.map_or_else(dash, percent);
    let note = if i.reachable {
        None
    } else if i.metric.is_some() {
        let max = trimmed(MAX_RISE * 100.0, 0);
        Some(fill(lang, "whatif_text.unreachable", &[("max", &max)]))
    } else {
        Some(fill(lang, "whatif_text.no_driver", &[]))
    };
    let ind = m.indicator(i.id);
    let metric = i.metric.and_then(|id| m.metrics.get(id));
    WhatIfRow {
        id: i.id,
        label: ind.map_or(Named::plain(i.label), |d| {
            lang.name(&d.label, d.label_en.as_deref())
        }),
        unit: ind.map_or(Named::plain(i.unit), |d| {
            lang.name(&d.unit, d.unit_en.as_deref())
        }),
        reachable: i.reachable,
        value_old: i.value_old.map_or_else(dash, |x| grouped(x, 4)),
        value_new: i.value_new.map_or_else(dash, |x| grouped(x, 4)),
        value_rise: rise(i.value_rise),
        metric_label: match metric {
            Some(d) => Some(lang.name(&d.label, d.label_en.as_deref())),
            None => i.metric_label.map(Named::plain),
        },
        metric: i.metric,
        metric_unit: match metric {
            Some(d) => Some(lang.name(&d.unit, d.unit_en.as_deref())),
            None => i.metric_unit.map(Named::plain),
        },
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
