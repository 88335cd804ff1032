//! How complete the English edition's names are: which Chinese names and labels have
//! no English (data.md: optional, never an error), and which pages no `.en.md`.
//! Only text with Chinese characters counts: `%` or a Latin name needs no English.

use crate::model::{has_chinese, Dataset, Methodology, Park, Site};

/// Names with and without English, for `check`'s summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnglishCoverage {
    /// Chinese names and labels that an English page shows (each counted once per file
    /// that writes it; a list of leading industries counts each industry).
    pub names: usize,
    /// Those without English, per part of the data and field, in data.md's order;
    /// only counts > 0.
    pub missing: Vec<MissingNames>,
    /// Prose pages, and the slugs of those without `pages/<slug>.en.md`.
    pub pages: usize,
    pub pages_missing: Vec<String>,
}

/// How many names of one field lack English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingNames {
    /// `site`, `parks` or `methodology`.
    pub part: &'static str,
    /// The English field to add (`name_en`, `label_en`, …).
    pub field: &'static str,
    pub count: usize,
}

impl EnglishCoverage {
    pub fn missing_names(&self) -> usize {
        self.missing.iter().map(|m| m.count).sum()
    }

    /// Counts one Chinese text and its English, if any.
    fn tally(&mut self, part: &'static str, field: &'static str, zh: &str, en: Option<&str>) {
        if !has_chinese(zh) {
            return;
        }
        self.names += 1;
        if en.is_some() {
            return;
        }
        let row = self
            .missing
            .iter()
            .position(|m| (m.part, m.field) == (part, field));
        match row {
            Some(i) => self.missing[i].count += 1,
            None => self.missing.push(MissingNames {
                part,
                field,
                count: 1,
            }),
        }
    }
}

/// The English edition's coverage of a data folder.
pub fn english_coverage(data: &Dataset) -> EnglishCoverage {
    let mut c = EnglishCoverage::default();
    site(&mut c, &data.site);
    for p in &data.parks {
        park(&mut c, p);
    }
    for m in data.methodologies.values() {
        methodology(&mut c, m);
    }
    let rank = |m: &MissingNames| ORDER.iter().position(|o| *o == (m.part, m.field));
    c.missing.sort_by_key(rank);
    c.pages = data.pages.len();
    c.pages_missing = data
        .pages
        .iter()
        .filter(|p| p.markdown_en.is_none())
        .map(|p| p.slug.clone())
        .collect();
    c
}

/// The order the summary names the fields in: data.md's.
const ORDER: [(&str, &str); 11] = [
    ("site", "title_en"),
    ("site", "publisher_en"),
    ("site", "contact_en"),
    ("parks", "name_en"),
    ("parks", "district_en"),
    ("parks", "zone_en"),
    ("parks", "operator_en"),
    ("parks", "leading_industries_en"),
    ("methodology", "title_en"),
    ("methodology", "label_en"),
    ("methodology", "unit_en"),
];

fn site(c: &mut EnglishCoverage, s: &Site) {
    let mut tally =
        |field, zh: &str, en: &Option<String>| c.tally("site", field, zh, en.as_deref());
    tally("title_en", &s.title, &s.title_en);
    tally("publisher_en", &s.publisher, &s.publisher_en);
    if let Some(g) = &s.gongshi {
        tally("contact_en", &g.contact, &g.contact_en);
    }
}

fn park(c: &mut EnglishCoverage, p: &Park) {
    let mut tally = |field, zh: &str, en: Option<&String>| {
        c.tally("parks", field, zh, en.map(String::as_str));
    };
    tally("name_en", &p.name, p.name_en.as_ref());
    tally("district_en", &p.district, p.district_en.as_ref());
    tally("zone_en", &p.zone, p.zone_en.as_ref());
    if let Some(operator) = &p.operator {
        tally("operator_en", operator, p.operator_en.as_ref());
    }
    for (i, zh) in p.leading_industries.iter().enumerate() {
        let en = p.leading_industries_en.as_ref().and_then(|l| l.get(i));
        tally("leading_industries_en", zh, en);
    }
}

fn methodology(c: &mut EnglishCoverage, m: &Methodology) {
    c.tally("methodology", "title_en", &m.title, m.title_en.as_deref());
    let mut label =
        |zh: &str, en: &Option<String>| c.tally("methodology", "label_en", zh, en.as_deref());
    for d in m.metrics.values() {
        label(&d.label, &d.label_en);
    }
    for d in &m.dimensions {
        label(&d.label, &d.label_en);
    }
    for i in &m.indicators {
        label(&i.label, &i.label_en);
    }
    for cat in &m.bonus.categories {
        label(&cat.label, &cat.label_en);
        for k in cat.kinds.values() {
            label(&k.label, &k.label_en);
        }
    }
    for v in m.vetoes.values() {
        label(&v.label, &v.label_en);
    }
    let units = m
        .metrics
        .values()
        .map(|d| (&d.unit, &d.unit_en))
        .chain(m.indicators.iter().map(|i| (&i.unit, &i.unit_en)))
        .chain([(&m.awards.unit, &m.awards.unit_en)]);
    for (zh, en) in units {
        c.tally("methodology", "unit_en", zh, en.as_deref());
    }
}
