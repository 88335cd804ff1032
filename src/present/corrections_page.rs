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
use super::lang::{Lang, Named};
use super::messages::{fill, msg, word};
use super::site::SiteData;
use super::urls;

#[derive(Serialize)]
pub struct CorrectionsPage<'a> {
    pub year: i32,
    /// The 公示 edition's revision as written in site.yaml (`gongshi-2024`).
    pub since: &'a str,
    pub methodology_changed: bool,
    pub parks: Vec<CorrectionRow<'a>>,
    /// Parks whose data was corrected without changing their published result.
    pub unchanged: Vec<Named<'a>>,
    pub year_url: String,
}

#[derive(Serialize)]
pub struct CorrectionRow<'a> {
    pub id: String,
    pub name: Named<'a>,
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

/// The page, when the build has a corrections notice.
pub fn corrections_page<'a>(site: &SiteData<'a>, lang: Lang) -> Option<CorrectionsPage<'a>> {
    let c: &'a Corrections = site.corrections?;
    let y = site.year_index(c.year)?;
    let m = site.methodology(y);
    let parks = c
        .parks
        .iter()
        .map(|k| CorrectionRow {
            id: k.id.to_string(),
            name: park_name(site, &k.id, lang),
            url: site
                .data
                .park(k.id.as_str())
                .filter(|_| k.after.is_some())
                .map(|p| urls::scorecard(c.year, p.id.as_str())),
            before: cells(k.before.as_ref(), lang),
            after: cells(k.after.as_ref(), lang),
            changed: changed_words(k, lang),
            causes: causes(site, k, m, lang),
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
        unchanged: c
            .unchanged
            .iter()
            .map(|id| park_name(site, id, lang))
            .collect(),
        year_url: urls::year(c.year),
    })
}

/// A park's name in `lang` (its id if the data no longer has it).
fn park_name<'a>(site: &SiteData<'a>, id: &ParkId, lang: Lang) -> Named<'a> {
    match site.data.park(id.as_str()) {
        Some(p) => lang.name(&p.name, p.name_en.as_deref()),
        None => Named::plain(id.to_string()),
    }
}

fn cells(o: Option<&Outcome>, lang: Lang) -> OutcomeCells {
    let dash = || "—".to_string();
    match o {
        None => OutcomeCells {
            status: msg(lang, "corrections.not_listed"),
            total: dash(),
            rank: dash(),
            tier: "—",
            award: dash(),
        },
        Some(o) => OutcomeCells {
            status: word(lang, "status", o.status.id()),
            total: o.total.map_or_else(dash, |t| t.to_string()),
            rank: o.rank.map_or_else(dash, |r| r.to_string()),
            tier: o.tier.map_or("—", Tier::as_str),
            award: o.award.map_or_else(dash, |a| a.to_string()),
        },
    }
}

fn changed_words(k: &Correction, lang: Lang) -> String {
    let c = k.changed();
    [
        (c.status, "status"),
        (c.total, "total"),
        (c.rank, "rank"),
        (c.tier, "tier"),
        (c.award, "award"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, w)| word(lang, "correction_field", w))
    .collect::<Vec<_>>()
    .join(msg(lang, "common.list_sep"))
}

/// The park's own corrections, the anchor moves that reached it, who crossed it.
fn causes(site: &SiteData, k: &Correction, m: &Methodology, lang: Lang) -> Vec<String> {
    let moves = site.corrections.map_or(&[][..], |c| &c.anchor_moves[..]);
    let mut out: Vec<String> = k.edits.iter().map(|e| edit_text(e, m, lang)).collect();
    out.extend(k.anchors.iter().map(|&i| anchor_text(&moves[i], m, lang)));
    let rank = k.ranks.as_ref().map(|r| rank_text(site, r, lang));
    out.extend(rank.filter(|s| !s.is_empty()));
    if out.is_empty() {
        out.push(msg(lang, "corrections.no_own").to_string());
    }
    out
}

/// A metric's label and unit in `lang`.
fn metric_label<'m>(m: &'m Methodology, id: &'m str, lang: Lang) -> (&'m str, &'m str) {
    m.metrics.get(id).map_or((id, ""), |d| match lang {
        Lang::Zh => (d.label.as_str(), d.unit.as_str()),
        Lang::En => (
            d.label_en.as_deref().unwrap_or(&d.label),
            d.unit_en.as_deref().unwrap_or(&d.unit),
        ),
    })
}

fn value(v: Option<f64>, unit: &str, lang: Lang) -> String {
    v.map_or_else(
        || msg(lang, "corrections.none").to_string(),
        |v| format!("{}{unit}", trimmed(v, 4)),
    )
}

fn edit_text(e: &Edit, m: &Methodology, lang: Lang) -> String {
    match e {
        Edit::Metric {
            year,
            metric,
            old,
            new,
        } => {
            let (label, unit) = metric_label(m, metric, lang);
            let (old, new) = (value(*old, unit, lang), value(*new, unit, lang));
            let args = [
                ("year", &year.to_string()[..]),
                ("label", label),
                ("old", &old),
                ("new", &new),
            ];
            fill(lang, "corrections.metric", &args)
        }
        Edit::PrivateMetric { year, metric } => {
            let (label, _) = metric_label(m, metric, lang);
            fill(
                lang,
                "corrections.private_metric",
                &[("year", &year.to_string()), ("label", label)],
            )
        }
        Edit::Other(own) => own_edit_text(own, lang),
    }
}

fn own_edit_text(e: &OwnEdit, lang: Lang) -> String {
    let or_none = |s: &str| {
        if s.is_empty() {
            msg(lang, "corrections.none").to_string()
        } else {
            s.to_string()
        }
    };
    match e {
        OwnEdit::Metric { year, metric, .. } => fill(
            lang,
            "corrections.private_metric",
            &[("year", &year.to_string()), ("label", metric)],
        ),
        OwnEdit::Record {
            year,
            field,
            old,
            new,
        } => fill(
            lang,
            "corrections.record",
            &[
                ("year", &year.to_string()),
                ("field", field_label(field, lang)),
                ("old", &or_none(old)),
                ("new", &or_none(new)),
            ],
        ),
        OwnEdit::Profile { field, old, new } => fill(
            lang,
            "corrections.profile",
            &[
                ("field", field_label(field, lang)),
                ("old", old),
                ("new", new),
            ],
        ),
        OwnEdit::Honor {
            added, kind, year, ..
        } => {
            let key = if *added {
                "corrections.honor_added"
            } else {
                "corrections.honor_removed"
            };
            fill(lang, key, &[("kind", kind), ("year", &year.to_string())])
        }
    }
}

fn field_label(field: &str, lang: Lang) -> &str {
    match field {
        "vetoes" | "not_reported" | "transition_opt_in" | "record" | "zone_level" | "opened"
        | "closed" => word(lang, "correction_field", field),
        other => other,
    }
}

fn anchor_text(a: &AnchorMove, m: &Methodology, lang: Lang) -> String {
    let label =
        m.indicators
            .iter()
            .find(|i| i.id == a.indicator)
            .map_or(a.indicator.as_str(), |i| match lang {
                Lang::Zh => i.label.as_str(),
                Lang::En => i.label_en.as_deref().unwrap_or(&i.label),
            });
    let part = msg(
        lang,
        if a.part.id() == "growth" {
            "corrections.part_growth"
        } else {
            "corrections.part_level"
        },
    );
    let pair = |x: Option<(f64, f64)>| {
        x.map_or_else(
            || msg(lang, "corrections.none").to_string(),
            |(s, h)| {
                fill(
                    lang,
                    "corrections.anchor_pair",
                    &[("xs", &trimmed(s, 4)), ("xh", &trimmed(h, 4))],
                )
            },
        )
    };
    fill(
        lang,
        "corrections.anchor",
        &[
            ("label", label),
            ("part", part),
            ("old", &pair(a.old)),
            ("new", &pair(a.new)),
        ],
    )
}

fn rank_text(site: &SiteData, r: &RankCauses, lang: Lang) -> String {
    let part = |c: &Crossing, what: &str| {
        (c.count > 0).then(|| {
            let what = msg(lang, what);
            let n = c.count.to_string();
            if c.corrected.is_empty() {
                return fill(lang, "corrections.crossing", &[("n", &n), ("what", what)]);
            }
            let names: Vec<String> = c
                .corrected
                .iter()
                .map(|i| park_name(site, i, lang).text.into_owned())
                .collect();
            let names = names.join(msg(lang, "common.list_sep"));
            fill(
                lang,
                "corrections.crossing_named",
                &[("n", &n), ("what", what), ("names", &names)],
            )
        })
    };
    let parts: Vec<String> = [
        part(&r.overtaken_by, "corrections.overtaken_by"),
        part(&r.passed, "corrections.passed"),
        part(&r.joined_ahead, "corrections.joined_ahead"),
        part(&r.left_ahead, "corrections.left_ahead"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        String::new()
    } else {
        let parts = parts.join(msg(lang, "common.semicolon"));
        fill(lang, "corrections.rank", &[("parts", &parts)])
    }
}
