//! The methodology pages, generated from the methodology file itself so the
//! published rules cannot drift from the applied ones.

use serde::Serialize;

use crate::model::{Anchor, BonusRule, Decimal, Direction, Formula, Methodology, TieBreak};

use super::format::trimmed;
use super::html::Html;
use super::markdown;
use super::scorecard::efficacy_text;
use super::site::SiteData;
use super::urls;

#[derive(Serialize)]
pub struct MethodologyIndex<'a> {
    pub versions: Vec<VersionRow<'a>>,
    /// `pages/methodology.md`, under the page's heading (empty without one).
    pub prose_html: Html,
}

#[derive(Serialize)]
pub struct VersionRow<'a> {
    pub year: i32,
    pub title: &'a str,
    pub url: String,
    /// The evaluated years that applied this version.
    pub applied: Vec<YearRef>,
}

#[derive(Serialize)]
pub struct YearRef {
    pub year: i32,
    pub url: String,
}

pub fn methodology_index<'a>(site: &SiteData<'a>) -> MethodologyIndex<'a> {
    MethodologyIndex {
        versions: site
            .data
            .methodologies
            .values()
            .rev()
            .map(|m| VersionRow {
                year: m.year,
                title: &m.title,
                url: urls::methodology(m.year),
                applied: applied_years(site, m),
            })
            .collect(),
        prose_html: site
            .data
            .pages
            .iter()
            .find(|p| p.slug == urls::METHODOLOGY_PROSE)
            .map(|p| markdown::to_html_nested(&p.markdown))
            .unwrap_or_default(),
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
    pub title: &'a str,
    pub source: &'a str,
    pub applied: Vec<YearRef>,
    pub efficacy_text: String,
    pub scope: String,
    pub dimensions: Vec<DimensionRules<'a>>,
    pub total_weight: String,
    pub metrics: Vec<MetricRule<'a>>,
    pub bonus_cap: String,
    pub bonus: Vec<BonusRules<'a>>,
    pub vetoes: Vec<&'a str>,
    pub tie_break: Vec<String>,
    pub tiers: Vec<String>,
    pub awards: Vec<String>,
    pub goals: Vec<String>,
}

#[derive(Serialize)]
pub struct DimensionRules<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub weight: String,
    pub indicators: Vec<IndicatorRule<'a>>,
}

#[derive(Serialize)]
pub struct IndicatorRule<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub unit: &'a str,
    pub weight: String,
    pub formula: &'a str,
    pub formula_words: String,
    pub direction: &'static str,
    pub split: String,
    pub anchor: String,
    pub growth: Option<String>,
}

#[derive(Serialize)]
pub struct MetricRule<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub unit: &'a str,
    pub constraints: String,
    pub public: bool,
}

#[derive(Serialize)]
pub struct BonusRules<'a> {
    pub label: &'a str,
    pub rule: String,
    pub kinds: Vec<(String, String)>,
}

pub fn methodology_page<'a>(site: &SiteData<'a>, m: &'a Methodology) -> MethodologyPage<'a> {
    let label = |id: &str| -> String {
        m.metrics
            .get(id)
            .map_or(id.to_string(), |d| d.label.clone())
    };
    let dimensions = m
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| DimensionRules {
            id: &dim.id,
            label: &dim.label,
            weight: trimmed(m.dimension_weight(d), 2),
            indicators: m
                .indicators
                .iter()
                .filter(|i| i.dimension == d)
                .map(|i| IndicatorRule {
                    id: &i.id,
                    label: &i.label,
                    unit: &i.unit,
                    weight: trimmed(i.weight, 2),
                    formula: &i.formula.source,
                    formula_words: formula_words(&i.formula, &label),
                    direction: match i.direction {
                        Direction::HigherBetter => "越高越好",
                        Direction::LowerBetter => "越低越好",
                    },
                    split: if i.has_growth() {
                        format!(
                            "水平{}%＋增长{}%",
                            trimmed(i.split.level, 2),
                            trimmed(i.split.growth, 2)
                        )
                    } else {
                        "水平100%".into()
                    },
                    anchor: anchor_words(i.anchor, i.direction, false),
                    growth: i.has_growth().then(|| {
                        format!(
                            "增长率 =（本年 − 上年）÷ 上年，按“{}”计算；{}",
                            formula_words(i.growth_formula(), &label),
                            anchor_words(i.growth_anchor, i.direction, true)
                        )
                    }),
                })
                .collect(),
        })
        .collect();
    let metrics = m
        .metrics
        .iter()
        .map(|(id, d)| {
            let mut c = vec![format!("不小于{}", trimmed(d.min, 4))];
            if d.positive {
                c.push("大于0".into());
            }
            if let Some(max) = d.max {
                c.push(format!("不大于{}", trimmed(max, 4)));
            }
            if d.integer {
                c.push("整数".into());
            }
            MetricRule {
                id,
                label: &d.label,
                unit: &d.unit,
                constraints: c.join("，"),
                public: d.public,
            }
        })
        .collect();
    let bonus = m
        .bonus
        .categories
        .iter()
        .map(|c| BonusRules {
            label: &c.label,
            rule: format!(
                "认定年份在评价年度前{}年内（含当年）有效；{}；本类最多{}分",
                c.window_years,
                match c.rule {
                    BonusRule::Highest => "按所获最高一项计分",
                    BonusRule::Sum => "各项累加",
                },
                trimmed(c.cap.as_f64(), 2)
            ),
            kinds: c
                .kinds
                .values()
                .map(|k| (k.label.clone(), trimmed(k.points.as_f64(), 2)))
                .collect(),
        })
        .collect();
    let mut tie_break = vec![
        "综合得分高者在前".to_string(),
        "基础得分高者在前".to_string(),
    ];
    for t in &m.tie_break {
        tie_break.push(match t {
            TieBreak::Dimension(d) => format!("{}维度得分高者在前", m.dimensions[*d].label),
            TieBreak::Indicator(i) => {
                let ind = &m.indicators[*i];
                format!(
                    "{}（水平值）{}者在前",
                    ind.label,
                    match ind.direction {
                        Direction::HigherBetter => "高",
                        Direction::LowerBetter => "低",
                    }
                )
            }
        });
    }
    tie_break.push("以上全部相同的并列（并列名次之后的名次顺延）".into());
    MethodologyPage {
        year: m.year,
        title: &m.title,
        source: &m.source,
        applied: applied_years(site, m),
        efficacy_text: efficacy_text(m),
        scope: scope_words(m),
        dimensions,
        total_weight: trimmed(m.indicators.iter().map(|i| i.weight).sum(), 2),
        metrics,
        bonus_cap: trimmed(m.bonus.cap.as_f64(), 2),
        bonus,
        vetoes: m.vetoes.values().map(|v| v.label.as_str()).collect(),
        tie_break,
        tiers: tier_words(m),
        awards: award_words(m),
        goals: vec![
            format!("小微企业园数量不少于{}个", trimmed(m.goals.parks, 2)),
            format!(
                "当年新入园企业不少于{}家",
                trimmed(m.goals.new_enterprises, 2)
            ),
            format!("入园企业总数不少于{}家", trimmed(m.goals.enterprises, 2)),
        ],
    }
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

fn anchor_words(a: Anchor, dir: Direction, growth: bool) -> String {
    let what = if growth { "增长率" } else { "指标值" };
    let (best, worst) = match dir {
        Direction::HigherBetter => ("最高", "最低"),
        Direction::LowerBetter => ("最低", "最高"),
    };
    let fmt = |x: f64| {
        if growth {
            format!("{}%", trimmed(x * 100.0, 2))
        } else {
            trimmed(x, 4)
        }
    };
    match a {
        Anchor::PeerMinMax => format!("满意值为当年参评园区{what}的{best}值，不允许值为{worst}值"),
        Anchor::Percentile { lo, hi } => {
            let (h, s) = match dir {
                Direction::HigherBetter => (hi, lo),
                Direction::LowerBetter => (lo, hi),
            };
            format!(
                "满意值为当年参评园区{what}的第{}百分位数，不允许值为第{}百分位数",
                trimmed(h, 2),
                trimmed(s, 2)
            )
        }
        Anchor::Fixed {
            disallowed,
            satisfactory,
        } => format!(
            "固定参照值：不允许值{}，满意值{}",
            fmt(disallowed),
            fmt(satisfactory)
        ),
    }
}

fn scope_words(m: &Methodology) -> String {
    let levels: Vec<&str> = m.scope.zone_levels.iter().map(|z| z.label()).collect();
    let mut s = format!(
        "评价范围：位于{}开发区内、当年运营的小微企业园",
        levels.join("、")
    );
    if m.scope.transition_years > 0 {
        s.push_str(&format!(
            "；开园未满{}年的园区处于过渡期，不参评（申请参评的除外）",
            m.scope.transition_years
        ));
    }
    s.push('。');
    s
}

fn share(d: &Decimal) -> String {
    trimmed(d.as_f64() * 100.0, 4)
}

fn tier_words(m: &Methodology) -> Vec<String> {
    let a = &m.tiers.a;
    let mut parts = Vec::new();
    if let Some(s) = &a.top_share {
        parts.push(format!("排名在参评园区数的前{}%以内（向下取整）", share(s)));
    }
    if let Some(t) = &a.min_total {
        parts.push(format!("综合得分不低于{}分", trimmed(t.as_f64(), 2)));
    }
    let mut out = vec![format!("A档：{}。", parts.join("且"))];
    let c = &m.tiers.c;
    let mut cparts = Vec::new();
    if let Some(s) = &c.bottom_share {
        cparts.push(format!("排名在后{}%以内（向上取整）", share(s)));
    }
    if let Some(t) = &c.below_total {
        cparts.push(format!("综合得分低于{}分", trimmed(t.as_f64(), 2)));
    }
    out.push(if cparts.is_empty() {
        "C档：仅数据缺报的园区列入C档，不参与排名。".to_string()
    } else {
        format!(
            "C档：未列入A档，且{}的参评园区；数据缺报的园区直接列入C档，不参与排名。",
            cparts.join("或")
        )
    });
    out.push("B档：其余参评园区。".into());
    out
}

fn award_words(m: &Methodology) -> Vec<String> {
    let unit = &m.awards.unit;
    let mut out: Vec<String> = m
        .awards
        .ranked
        .iter()
        .enumerate()
        .map(|(k, a)| format!("A档第{}位：{}{unit}", k + 1, trimmed(a.as_f64(), 2)))
        .collect();
    out.push(format!(
        "其余A档园区：各{}{unit}",
        trimmed(m.awards.others.as_f64(), 2)
    ));
    out.push("名次并列的，平分所占位次的奖励金额；B档、C档不予奖励。".into());
    out
}
