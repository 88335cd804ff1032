//! The corrections page (更正说明) of a final edition built with
//! `corrections_since`: which parks' status, total, rank, tier or award changed
//! since the 公示 edition, and why — in public values only (the analysis already
//! left private metrics unvalued). Linked from the year page and from each
//! affected scorecard.

use serde::Serialize;

use crate::analysis::corrections::{
    AnchorMove, Correction, Corrections, Crossing, Edit, OwnEdit, RankCauses,
};
use crate::analysis::diff::Outcome;
use crate::evaluate::Tier;
use crate::model::{Methodology, ParkId};

use super::format::trimmed;
use super::site::SiteData;
use super::urls;

#[derive(Serialize)]
pub struct CorrectionsPage<'a> {
    pub year: i32,
    /// The 公示 edition's revision as written in site.yaml (`gongshi-2024`).
    pub since: &'a str,
    pub methodology_changed: bool,
    pub parks: Vec<CorrectionRow>,
    /// Parks whose data was corrected without changing their published result.
    pub unchanged: Vec<ParkRef>,
    pub year_url: String,
}

#[derive(Serialize)]
pub struct CorrectionRow {
    pub id: String,
    pub name: String,
    /// The park's scorecard of the year, when it is still listed.
    pub url: Option<String>,
    /// 公示稿 and 正式结果: status, total, rank, tier, award.
    pub before: OutcomeCells,
    pub after: OutcomeCells,
    /// Which of the five changed, in words (`总分、名次`).
    pub changed: String,
    /// Why, one line each.
    pub causes: Vec<String>,
}

#[derive(Serialize)]
pub struct OutcomeCells {
    pub status: &'static str,
    pub total: String,
    pub rank: String,
    pub tier: &'static str,
    pub award: String,
}

#[derive(Serialize)]
pub struct ParkRef {
    pub id: String,
    pub name: String,
}

/// The page, when the build has a corrections notice.
pub fn corrections_page<'a>(site: &SiteData<'a>) -> Option<CorrectionsPage<'a>> {
    let c: &'a Corrections = site.corrections?;
    let y = site.year_index(c.year)?;
    let m = site.methodology(y);
    let parks = c
        .parks
        .iter()
        .map(|k| CorrectionRow {
            id: k.id.to_string(),
            name: k.name.clone(),
            url: site
                .data
                .park(k.id.as_str())
                .filter(|_| k.after.is_some())
                .map(|p| urls::scorecard(c.year, p.id.as_str())),
            before: cells(k.before.as_ref()),
            after: cells(k.after.as_ref()),
            changed: changed_words(k),
            causes: causes(site, k, m),
        })
        .collect();
    Some(CorrectionsPage {
        year: c.year,
        since: site
            .data
            .site
            .corrections_since
            .as_ref()
            .map_or("", |s| s.rev.as_str()),
        methodology_changed: c.methodology.is_some(),
        parks,
        unchanged: c.unchanged.iter().map(|id| park_ref(site, id)).collect(),
        year_url: urls::year(c.year),
    })
}

fn park_ref(site: &SiteData, id: &ParkId) -> ParkRef {
    ParkRef {
        id: id.to_string(),
        name: site
            .data
            .park(id.as_str())
            .map_or_else(|| id.to_string(), |p| p.name.clone()),
    }
}

fn cells(o: Option<&Outcome>) -> OutcomeCells {
    let dash = || "—".to_string();
    match o {
        None => OutcomeCells {
            status: "未列入",
            total: dash(),
            rank: dash(),
            tier: "—",
            award: dash(),
        },
        Some(o) => OutcomeCells {
            status: o.status.label(),
            total: o.total.map_or_else(dash, |t| t.to_string()),
            rank: o.rank.map_or_else(dash, |r| r.to_string()),
            tier: o.tier.map_or("—", Tier::as_str),
            award: o.award.map_or_else(dash, |a| a.to_string()),
        },
    }
}

fn changed_words(k: &Correction) -> String {
    let c = k.changed();
    [
        (c.status, "评价状态"),
        (c.total, "总分"),
        (c.rank, "名次"),
        (c.tier, "分档"),
        (c.award, "奖励"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, w)| *w)
    .collect::<Vec<_>>()
    .join("、")
}

/// The park's own corrections, the anchor moves that reached it, who crossed it.
fn causes(site: &SiteData, k: &Correction, m: &Methodology) -> Vec<String> {
    let moves = site.corrections.map_or(&[][..], |c| &c.anchor_moves[..]);
    let mut out: Vec<String> = k.edits.iter().map(|e| edit_text(e, m)).collect();
    out.extend(k.anchors.iter().map(|&i| anchor_text(&moves[i], m)));
    let rank = k.ranks.as_ref().map(|r| rank_text(site, r));
    out.extend(rank.filter(|s| !s.is_empty()));
    if out.is_empty() {
        out.push("本园区数据未更正；结果随其他园区的更正或评价办法的修改而变化。".into());
    }
    out
}

fn metric_label(m: &Methodology, id: &str) -> (String, String) {
    m.metrics
        .get(id)
        .map_or((id.to_string(), String::new()), |d| {
            (d.label.clone(), d.unit.clone())
        })
}

fn value(v: Option<f64>, unit: &str) -> String {
    v.map_or("（无）".into(), |v| format!("{}{unit}", trimmed(v, 4)))
}

fn edit_text(e: &Edit, m: &Methodology) -> String {
    match e {
        Edit::Metric {
            year,
            metric,
            old,
            new,
        } => {
            let (label, unit) = metric_label(m, metric);
            format!(
                "更正{year}年{label}：{} → {}",
                value(*old, &unit),
                value(*new, &unit)
            )
        }
        Edit::PrivateMetric { year, metric } => {
            let (label, _) = metric_label(m, metric);
            format!("更正{year}年{label}（未公开数据，不列数值）")
        }
        Edit::Other(own) => own_edit_text(own),
    }
}

fn own_edit_text(e: &OwnEdit) -> String {
    let or_none = |s: &str| {
        if s.is_empty() {
            "（无）".to_string()
        } else {
            s.to_string()
        }
    };
    match e {
        OwnEdit::Metric { year, metric, .. } => format!("更正{year}年 {metric}"),
        OwnEdit::Record {
            year,
            field,
            old,
            new,
        } => format!(
            "更正{year}年{}：{} → {}",
            field_label(field),
            or_none(old),
            or_none(new)
        ),
        OwnEdit::Profile { field, old, new } => {
            format!("更正{}：{old} → {new}", field_label(field))
        }
        OwnEdit::Honor {
            added, kind, year, ..
        } => format!(
            "{}荣誉 {kind}（{year}年）",
            if *added { "补充" } else { "撤销" }
        ),
    }
}

fn field_label(field: &str) -> &str {
    match field {
        "vetoes" => "一票否决事项",
        "not_reported" => "数据缺报",
        "transition_opt_in" => "过渡期选择",
        "record" => "年度数据",
        "zone_level" => "所在开发区级别",
        "opened" => "开园年份",
        "closed" => "停止运营年份",
        other => other,
    }
}

fn anchor_text(a: &AnchorMove, m: &Methodology) -> String {
    let label = m
        .indicators
        .iter()
        .find(|i| i.id == a.indicator)
        .map_or(a.indicator.as_str(), |i| i.label.as_str());
    let part = if a.part.id() == "growth" {
        "增长"
    } else {
        "水平"
    };
    let pair = |x: Option<(f64, f64)>| {
        x.map_or("（无）".into(), |(s, h)| {
            format!("不允许值 {}、满意值 {}", trimmed(s, 4), trimmed(h, 4))
        })
    };
    format!(
        "{label}（{part}）的评价标准随更正变化：{} → {}",
        pair(a.old),
        pair(a.new)
    )
}

fn rank_text(site: &SiteData, r: &RankCauses) -> String {
    let part = |c: &Crossing, what: &str| {
        (c.count > 0).then(|| {
            let named: Vec<String> = c.corrected.iter().map(|i| park_ref(site, i).name).collect();
            if named.is_empty() {
                format!("{} 个园区{what}", c.count)
            } else {
                format!(
                    "{} 个园区{what}（其中数据更正的：{}）",
                    c.count,
                    named.join("、")
                )
            }
        })
    };
    let parts: Vec<String> = [
        part(&r.overtaken_by, "由其后升至其前"),
        part(&r.passed, "由其前降至其后"),
        part(&r.joined_ahead, "新列入参评并排在其前"),
        part(&r.left_ahead, "原排在其前、现不再参评"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("名次变化：{}", parts.join("；"))
    }
}
