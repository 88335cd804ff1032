//! The methodology pages, generated from the methodology file itself so the
//! published rules cannot drift from the applied ones — in both editions, every
//! sentence from the messages files and every label from the file (English where
//! it has `label_en`, else the Chinese marked).

use serde::Serialize;

use crate::model::{
    Anchor, BonusRule, Decimal, Direction, Formula, Indicator, Methodology, TieBreak,
};

use super::format::trimmed;
use super::html::Html;
use super::lang::{Lang, Named};
use super::markdown;
use super::messages::{fill, msg};
use super::scorecard::efficacy_text;
use super::site::SiteData;
use super::urls;

#[derive(Serialize)]
pub struct MethodologyIndex<'a> {
    pub versions: Vec<VersionRow<'a>>,
    /// The methodology in force, its numbers generated (issue 12 #6).
    pub in_force: Option<InForce<'a>>,
    /// `pages/methodology.md`, under the page's heading (empty without one); with
    /// several versions it moves to the first version's page, for which it was written.
    pub prose_html: Html,
}

/// The overview of the methodology in force: weights and scoring from its file.
#[derive(Serialize)]
pub struct InForce<'a> {
    pub heading: String,
    pub url: String,
    pub dimensions: Vec<DimensionRules<'a>>,
    pub total_weight: String,
    pub bonus_cap: String,
}

#[derive(Serialize)]
pub struct VersionRow<'a> {
    pub year: i32,
    pub title: Named<'a>,
    pub url: String,
    /// The evaluated years that applied this version.
    pub applied: Vec<YearRef>,
}

#[derive(Serialize)]
pub struct YearRef {
    pub year: i32,
    pub url: String,
}

pub fn methodology_index<'a>(site: &SiteData<'a>, lang: Lang) -> MethodologyIndex<'a> {
    let versions = &site.data.methodologies;
    let in_force = versions.values().next_back().map(|m| InForce {
        heading: fill(
            lang,
            "method_words.in_force",
            &[
                (
                    "title",
                    lang.plain_name(&m.title, m.title_en.as_deref(), ""),
                ),
                ("year", &m.year.to_string()),
            ],
        ),
        url: urls::methodology(m.year),
        dimensions: dimension_rules(m, lang),
        total_weight: trimmed(m.indicators.iter().map(|i| i.weight).sum(), 2),
        bonus_cap: trimmed(m.bonus.cap.as_f64(), 2),
    });
    MethodologyIndex {
        versions: versions
            .values()
            .rev()
            .map(|m| VersionRow {
                year: m.year,
                title: lang.name(&m.title, m.title_en.as_deref()),
                url: urls::methodology(m.year),
                applied: applied_years(site, m),
            })
            .collect(),
        in_force,
        prose_html: if versions.len() > 1 {
            Html::default()
        } else {
            methodology_prose(site, lang)
        },
    }
}

/// `pages/methodology.md` in `lang` (the Chinese text marked on an English page
/// without `methodology.en.md`), empty without one.
fn methodology_prose(site: &SiteData, lang: Lang) -> Html {
    let Some(p) = site
        .data
        .pages
        .iter()
        .find(|p| p.slug == urls::METHODOLOGY_PROSE)
    else {
        return Html::default();
    };
    match (lang, &p.markdown_en) {
        (Lang::En, Some(en)) => markdown::to_html_nested(en),
        (Lang::En, None) => {
            let zh = markdown::to_html_nested(&p.markdown);
            Html::trusted(format!("<div lang=\"zh-CN\">\n{}</div>\n", zh.as_str()))
        }
        (Lang::Zh, _) => markdown::to_html_nested(&p.markdown),
    }
}

fn applied_years(site: &SiteData, m: &Methodology) -> Vec<YearRef> {
    site.years
        .iter()
        .filter(|r| r.methodology_year == m.year)
        .map(|r| YearRef {
            year: r.year,
            url: urls::year(r.year),
        })
        .collect()
}

#[derive(Serialize)]
pub struct MethodologyPage<'a> {
    pub year: i32,
    pub title: Named<'a>,
    pub source: &'a str,
    pub applied: Vec<YearRef>,
    pub efficacy_text: String,
    pub scope: String,
    pub dimensions: Vec<DimensionRules<'a>>,
    pub total_weight: String,
    pub metrics: Vec<MetricRule<'a>>,
    pub bonus_cap: String,
    pub bonus: Vec<BonusRules<'a>>,
    pub vetoes: Vec<Named<'a>>,
    pub tie_break: Vec<Named<'static>>,
    pub tiers: Vec<String>,
    pub awards: Vec<Named<'static>>,
    pub goals: Vec<String>,
    /// The methodology prose, on the first version's page when there are several.
    pub prose_note: Option<String>,
    pub prose_html: Html,
}

#[derive(Serialize)]
pub struct DimensionRules<'a> {
    pub id: &'a str,
    pub label: Named<'a>,
    pub weight: String,
    pub indicators: Vec<IndicatorRule<'a>>,
}

#[derive(Serialize)]
pub struct IndicatorRule<'a> {
    pub id: &'a str,
    pub label: Named<'a>,
    pub unit: Named<'a>,
    pub weight: String,
    pub formula: &'a str,
    pub formula_words: Named<'static>,
    pub direction: &'static str,
    pub split: String,
    pub anchor: String,
    pub growth: Option<GrowthRule>,
}

/// How growth is scored: the template words it (`method_words.growth`), marking a
/// formula whose labels lack English.
#[derive(Serialize)]
pub struct GrowthRule {
    pub formula: Named<'static>,
    pub anchor: String,
}

#[derive(Serialize)]
pub struct MetricRule<'a> {
    pub id: &'a str,
    pub label: Named<'a>,
    pub unit: Named<'a>,
    pub constraints: String,
    pub public: bool,
}

#[derive(Serialize)]
pub struct BonusRules<'a> {
    pub label: Named<'a>,
    pub rule: String,
    pub kinds: Vec<(Named<'a>, String)>,
}

pub fn methodology_page<'a>(
    site: &SiteData<'a>,
    m: &'a Methodology,
    lang: Lang,
) -> MethodologyPage<'a> {
    let versions = &site.data.methodologies;
    let first = versions.len() > 1 && versions.keys().next() == Some(&m.year);
    let prose_html = if first {
        methodology_prose(site, lang)
    } else {
        Html::default()
    };
    MethodologyPage {
        year: m.year,
        title: lang.name(&m.title, m.title_en.as_deref()),
        source: &m.source,
        applied: applied_years(site, m),
        efficacy_text: efficacy_text(m, lang),
        scope: scope_words(m, lang),
        dimensions: dimension_rules(m, lang),
        total_weight: trimmed(m.indicators.iter().map(|i| i.weight).sum(), 2),
        metrics: metric_rules(m, lang),
        bonus_cap: trimmed(m.bonus.cap.as_f64(), 2),
        bonus: bonus_rules(m, lang),
        vetoes: m
            .vetoes
            .values()
            .map(|v| lang.name(&v.label, v.label_en.as_deref()))
            .collect(),
        tie_break: tie_break_words(m, lang),
        tiers: tier_words(m, lang),
        awards: award_words(m, lang),
        goals: goal_words(m, lang),
        prose_note: (first && !prose_html.as_str().is_empty()).then(|| {
            fill(
                lang,
                "method_words.prose_for",
                &[("year", &m.year.to_string())],
            )
        }),
        prose_html,
    }
}

/// A metric's label in `lang`, for formulas in words (Chinese marked by the caller).
fn metric_label(m: &Methodology, lang: Lang, id: &str) -> (String, bool) {
    match m.metrics.get(id) {
        Some(d) => {
            let n = lang.name(&d.label, d.label_en.as_deref());
            (n.text.into_owned(), n.zh)
        }
        None => (id.to_string(), false),
    }
}

/// A formula in words in `lang`: Chinese on an English page when a label lacks English.
fn formula_in(m: &Methodology, f: &Formula, lang: Lang) -> Named<'static> {
    let zh = std::cell::Cell::new(false);
    let words = formula_words(f, &|id| {
        let (text, chinese) = metric_label(m, lang, id);
        zh.set(zh.get() || chinese);
        text
    });
    Named {
        text: words.into(),
        zh: zh.get(),
    }
}

fn dimension_rules<'a>(m: &'a Methodology, lang: Lang) -> Vec<DimensionRules<'a>> {
    m.dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| DimensionRules {
            id: &dim.id,
            label: lang.name(&dim.label, dim.label_en.as_deref()),
            weight: trimmed(m.dimension_weight(d), 2),
            indicators: m
                .indicators
                .iter()
                .filter(|i| i.dimension == d)
                .map(|i| indicator_rule(m, i, lang))
                .collect(),
        })
        .collect()
}

fn indicator_rule<'a>(m: &'a Methodology, i: &'a Indicator, lang: Lang) -> IndicatorRule<'a> {
    let w = |k: &'static str| msg(lang, k);
    IndicatorRule {
        id: &i.id,
        label: lang.name(&i.label, i.label_en.as_deref()),
        unit: lang.name(&i.unit, i.unit_en.as_deref()),
        weight: trimmed(i.weight, 2),
        formula: &i.formula.source,
        formula_words: formula_in(m, &i.formula, lang),
        direction: match i.direction {
            Direction::HigherBetter => w("method_words.higher_better"),
            Direction::LowerBetter => w("method_words.lower_better"),
        },
        split: if i.has_growth() {
            fill(
                lang,
                "method_words.split",
                &[
                    ("level", &trimmed(i.split.level, 2)),
                    ("growth", &trimmed(i.split.growth, 2)),
                ],
            )
        } else {
            w("method_words.level_only").into()
        },
        anchor: anchor_words(i.anchor, i.direction, false, lang),
        growth: i.has_growth().then(|| GrowthRule {
            formula: formula_in(m, i.growth_formula(), lang),
            anchor: anchor_words(i.growth_anchor, i.direction, true, lang),
        }),
    }
}

fn metric_rules<'a>(m: &'a Methodology, lang: Lang) -> Vec<MetricRule<'a>> {
    m.metrics
        .iter()
        .map(|(id, d)| {
            let x = |v: f64| trimmed(v, 4);
            let mut c = vec![fill(lang, "method_words.min", &[("x", &x(d.min))])];
            if d.positive {
                c.push(msg(lang, "method_words.positive").into());
            }
            if let Some(max) = d.max {
                c.push(fill(lang, "method_words.max", &[("x", &x(max))]));
            }
            if d.integer {
                c.push(msg(lang, "method_words.integer").into());
            }
            MetricRule {
                id,
                label: lang.name(&d.label, d.label_en.as_deref()),
                unit: lang.name(&d.unit, d.unit_en.as_deref()),
                constraints: c.join(msg(lang, "method_words.constraint_sep")),
                public: d.public,
            }
        })
        .collect()
}

fn bonus_rules<'a>(m: &'a Methodology, lang: Lang) -> Vec<BonusRules<'a>> {
    m.bonus
        .categories
        .iter()
        .map(|c| BonusRules {
            label: lang.name(&c.label, c.label_en.as_deref()),
            rule: fill(
                lang,
                "method_words.bonus_rule",
                &[
                    ("window", &c.window_years.to_string()),
                    (
                        "rule",
                        msg(
                            lang,
                            match c.rule {
                                BonusRule::Highest => "method_words.bonus_highest",
                                BonusRule::Sum => "method_words.bonus_sum",
                            },
                        ),
                    ),
                    ("cap", &trimmed(c.cap.as_f64(), 2)),
                ],
            ),
            kinds: c
                .kinds
                .values()
                .map(|k| {
                    let label = lang.name(&k.label, k.label_en.as_deref());
                    (label, trimmed(k.points.as_f64(), 2))
                })
                .collect(),
        })
        .collect()
}

/// The ranking order in words; a dimension or indicator without its English label
/// makes its line Chinese-bearing (marked).
fn tie_break_words(m: &Methodology, lang: Lang) -> Vec<Named<'static>> {
    let w = |k: &str| Named::plain(msg(lang, k).to_string());
    let mut out = vec![w("method_words.tie_total"), w("method_words.tie_base")];
    for t in &m.tie_break {
        out.push(match t {
            TieBreak::Dimension(d) => {
                let dim = &m.dimensions[*d];
                let label = lang.name(&dim.label, dim.label_en.as_deref());
                let text = fill(
                    lang,
                    "method_words.tie_dimension",
                    &[("label", label.as_str())],
                );
                Named {
                    text: text.into(),
                    zh: label.zh,
                }
            }
            TieBreak::Indicator(i) => {
                let ind = &m.indicators[*i];
                let label = lang.name(&ind.label, ind.label_en.as_deref());
                let dir = msg(
                    lang,
                    match ind.direction {
                        Direction::HigherBetter => "method_words.tie_high",
                        Direction::LowerBetter => "method_words.tie_low",
                    },
                );
                let text = fill(
                    lang,
                    "method_words.tie_indicator",
                    &[("label", label.as_str()), ("dir", dir)],
                );
                Named {
                    text: text.into(),
                    zh: label.zh,
                }
            }
        });
    }
    out.push(w("method_words.tie_rest"));
    out
}

fn goal_words(m: &Methodology, lang: Lang) -> Vec<String> {
    let n = |x: f64| trimmed(x, 2);
    vec![
        fill(lang, "method_words.goal_parks", &[("n", &n(m.goals.parks))]),
        fill(
            lang,
            "method_words.goal_new",
            &[("n", &n(m.goals.new_enterprises))],
        ),
        fill(
            lang,
            "method_words.goal_enterprises",
            &[("n", &n(m.goals.enterprises))],
        ),
    ]
}

/// A formula with metric ids replaced by their labels and × ÷ for * /.
pub fn formula_words(f: &Formula, label: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut ident = String::new();
    let flush = |ident: &mut String, out: &mut String| {
        if !ident.is_empty() {
            out.push_str(&label(ident));
            ident.clear();
        }
    };
    for c in f.source.chars() {
        if c.is_ascii_alphanumeric() || c == '_' || (c == '.' && !ident.is_empty()) {
            if ident.is_empty() && (c.is_ascii_digit() || c == '.') {
                out.push(c);
            } else {
                ident.push(c);
            }
            continue;
        }
        flush(&mut ident, &mut out);
        match c {
            '*' => out.push('×'),
            '/' => out.push('÷'),
            c => out.push(c),
        }
    }
    flush(&mut ident, &mut out);
    out
}

fn anchor_words(a: Anchor, dir: Direction, growth: bool, lang: Lang) -> String {
    let w = |k: &'static str| msg(lang, k);
    let what = w(if growth {
        "method_words.growth_rate"
    } else {
        "method_words.value"
    });
    let (best, worst) = match dir {
        Direction::HigherBetter => (w("method_words.best_high"), w("method_words.best_low")),
        Direction::LowerBetter => (w("method_words.best_low"), w("method_words.best_high")),
    };
    let fmt = |x: f64| {
        if growth {
            format!("{}%", trimmed(x * 100.0, 2))
        } else {
            trimmed(x, 4)
        }
    };
    match a {
        Anchor::PeerMinMax => fill(
            lang,
            "method_words.anchor_peer",
            &[("what", what), ("best", best), ("worst", worst)],
        ),
        Anchor::Percentile { lo, hi } => {
            let (h, s) = match dir {
                Direction::HigherBetter => (hi, lo),
                Direction::LowerBetter => (lo, hi),
            };
            fill(
                lang,
                "method_words.anchor_percentile",
                &[("what", what), ("h", &trimmed(h, 2)), ("s", &trimmed(s, 2))],
            )
        }
        Anchor::Fixed {
            disallowed,
            satisfactory,
        } => fill(
            lang,
            "method_words.anchor_fixed",
            &[("s", &fmt(disallowed)), ("h", &fmt(satisfactory))],
        ),
    }
}

fn scope_words(m: &Methodology, lang: Lang) -> String {
    let levels: Vec<&str> = m
        .scope
        .zone_levels
        .iter()
        .map(|z| super::messages::word(lang, "zone_level", z.id()))
        .collect();
    let sep = msg(lang, "common.list_sep");
    let mut s = fill(lang, "method_words.scope", &[("levels", &levels.join(sep))]);
    if m.scope.transition_years > 0 {
        let years = m.scope.transition_years.to_string();
        s.push_str(&fill(
            lang,
            "method_words.scope_transition",
            &[("years", &years)],
        ));
    }
    s.push_str(msg(lang, "common.period"));
    s
}

fn share(d: &Decimal) -> String {
    trimmed(d.as_f64() * 100.0, 4)
}

fn tier_words(m: &Methodology, lang: Lang) -> Vec<String> {
    let f = |k: &str, args: &[(&str, &str)]| fill(lang, k, args);
    let a = &m.tiers.a;
    let mut parts = Vec::new();
    if let Some(s) = &a.top_share {
        parts.push(f("method_words.tier_a_top", &[("share", &share(s))]));
    }
    if let Some(t) = &a.min_total {
        parts.push(f(
            "method_words.tier_a_min",
            &[("x", &trimmed(t.as_f64(), 2))],
        ));
    }
    let and = msg(lang, "method_words.tier_and");
    let mut out = vec![f("method_words.tier_a", &[("parts", &parts.join(and))])];
    let c = &m.tiers.c;
    let mut cparts = Vec::new();
    if let Some(s) = &c.bottom_share {
        cparts.push(f("method_words.tier_c_bottom", &[("share", &share(s))]));
    }
    if let Some(t) = &c.below_total {
        cparts.push(f(
            "method_words.tier_c_below",
            &[("x", &trimmed(t.as_f64(), 2))],
        ));
    }
    out.push(if cparts.is_empty() {
        msg(lang, "method_words.tier_c_only_missing").to_string()
    } else {
        let or = msg(lang, "method_words.tier_or");
        f("method_words.tier_c", &[("parts", &cparts.join(or))])
    });
    out.push(msg(lang, "method_words.tier_b").into());
    out
}

fn award_words(m: &Methodology, lang: Lang) -> Vec<Named<'static>> {
    let unit = lang.name(&m.awards.unit, m.awards.unit_en.as_deref());
    let line = |text: String| Named {
        text: text.into(),
        zh: unit.zh,
    };
    let mut out: Vec<Named<'static>> = m
        .awards
        .ranked
        .iter()
        .enumerate()
        .map(|(k, a)| {
            line(fill(
                lang,
                "method_words.award_ranked",
                &[
                    ("k", &(k + 1).to_string()),
                    ("x", &trimmed(a.as_f64(), 2)),
                    ("unit", unit.as_str()),
                ],
            ))
        })
        .collect();
    out.push(line(fill(
        lang,
        "method_words.award_others",
        &[
            ("x", &trimmed(m.awards.others.as_f64(), 2)),
            ("unit", unit.as_str()),
        ],
    )));
    out.push(Named::plain(
        msg(lang, "method_words.award_ties").to_string(),
    ));
    out
}
