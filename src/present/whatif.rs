//! What-if (升档测算) views: per indicator, what alone would lift the park a tier.
//! `explain` prints them; the scorecard formats [`WhatIfView`]. For a raw metric a
//! public audience may not see, neither its values nor its relative rise are shown:
//! with the indicator's values (public), the metric's rise would give its value away
//! when the formula is a sum (`above_scale + …`: Δvalue = Δmetric = rise × metric).

use serde::Serialize;

use crate::analysis::whatif::{Outcome, WhatIf};
use crate::model::Methodology;

use super::format::{grouped, percent, trimmed};
use super::Audience;

#[derive(Debug, Serialize)]
pub struct WhatIfView<'a> {
    pub year: i32,
    pub tier: &'static str,
    pub target: &'static str,
    pub indicators: Vec<IndicatorWhatIfView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct IndicatorWhatIfView<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub unit: &'a str,
    pub reachable: bool,
    /// The driver metric raised (None when the formula has none).
    pub metric: Option<&'a str>,
    pub metric_label: Option<&'a str>,
    pub metric_unit: Option<&'a str>,
    /// Raw metric values and the metric's relative rise: only when the audience may
    /// see the metric.
    pub metric_old: Option<f64>,
    pub metric_new: Option<f64>,
    pub metric_rise: Option<f64>,
    pub value_old: Option<f64>,
    pub value_new: Option<f64>,
    pub value_rise: Option<f64>,
    /// The park's result with the edit.
    pub total: Option<f64>,
    pub rank: Option<u32>,
    pub tier: Option<&'static str>,
    /// One line of text, e.g. `tax_wan 6,081.69 → 7,300 万元 (+20.0%) …`.
    pub text: String,
}

pub fn whatif_view<'a>(m: &'a Methodology, w: &WhatIf, audience: Audience) -> WhatIfView<'a> {
    let indicators = w
        .indicators
        .iter()
        .map(|iw| {
            let ind = m
                .indicator(&iw.indicator)
                .expect("what-if indicators come from the methodology");
            let mut v = IndicatorWhatIfView {
                id: &ind.id,
                label: &ind.label,
                unit: &ind.unit,
                reachable: false,
                metric: None,
                metric_label: None,
                metric_unit: None,
                metric_old: None,
                metric_new: None,
                metric_rise: None,
                value_old: None,
                value_new: None,
                value_rise: None,
                total: None,
                rank: None,
                tier: None,
                text: String::new(),
            };
            let metric_def = |id: &str| m.metrics.get_key_value(id);
            match &iw.outcome {
                Outcome::NoDriver => {
                    v.text = "no metric of the formula raises it / 公式中无可提升的指标".into();
                }
                Outcome::NotReachable { metric, limit } => {
                    if let Some((k, d)) = metric_def(metric) {
                        v.metric = Some(k.as_str());
                        v.metric_label = Some(&d.label);
                        v.metric_unit = Some(&d.unit);
                        let shown = audience.may_show_metric(d);
                        v.text = if shown {
                            format!(
                                "not reachable by this indicator alone (单项提升无法升档; {k} tried up to {} {})",
                                grouped(*limit, 2),
                                d.unit
                            )
                        } else {
                            "not reachable by this indicator alone (单项提升无法升档)".into()
                        };
                    }
                }
                Outcome::Reachable(l) => {
                    v.reachable = true;
                    let (k, d) = metric_def(&l.metric).expect("driver metrics are defined");
                    let shown = audience.may_show_metric(d);
                    v.metric = Some(k.as_str());
                    v.metric_label = Some(&d.label);
                    v.metric_unit = Some(&d.unit);
                    if shown {
                        v.metric_old = Some(l.metric_old);
                        v.metric_new = Some(l.metric_new);
                        v.metric_rise = l.metric_rise();
                    }
                    v.value_old = Some(l.value_old);
                    v.value_new = Some(l.value_new);
                    v.value_rise = l.value_rise();
                    v.total = Some(l.total.as_f64());
                    v.rank = Some(l.rank);
                    v.tier = Some(l.tier.as_str());
                    let rise = |r: Option<f64>| r.map(|r| format!(" ({})", percent(r))).unwrap_or_default();
                    let metric_part = if shown {
                        format!(
                            "{k} {} → {} {}{}",
                            grouped(l.metric_old, 2),
                            grouped(l.metric_new, 2),
                            d.unit,
                            rise(l.metric_rise())
                        )
                    } else {
                        k.to_string()
                    };
                    v.text = format!(
                        "{metric_part} → value {} → {} {}{} ⇒ total {}, rank {}, tier {}",
                        trimmed(l.value_old, 4),
                        trimmed(l.value_new, 4),
                        ind.unit,
                        rise(l.value_rise()),
                        l.total,
                        l.rank,
                        l.tier.as_str()
                    );
                }
            }
            v
        })
        .collect();
    WhatIfView {
        year: w.year,
        tier: w.tier.as_str(),
        target: w.target.as_str(),
        indicators,
    }
}
