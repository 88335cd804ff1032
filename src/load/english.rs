//! The English edition's optional fields (data.md, "English edition"): each English
//! text written sanely and beside the Chinese text it translates; a district's and a
//! zone's English name the same on every park of it; `pages/<name>.en.md` paired with
//! `pages/<name>.md`. Missing English is never an error (`check` counts it).

use std::collections::HashMap;

use crate::error::Problem;
use crate::model::{has_chinese, Page, Park};

use super::context::FileCheck;
use super::raw::{RawMethodology, RawPark, RawSite};
use super::yaml::PositionsByFile;

/// How an English text may be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A name, label, unit or title: one line, no Chinese characters (an English page
    /// shows it unmarked, so Chinese there would be Chinese posing as English).
    Name,
    /// A note: several lines, and a quoted Chinese name, are fine.
    Prose,
}

/// A name, label, unit or title in English, if given.
fn check_name(field: &str, en: Option<&str>, zh: Option<&str>, ck: &mut FileCheck) {
    if let Some(message) = en.and_then(|en| text_problem(field, en, zh, Shape::Name)) {
        ck.err(field, message);
    }
}

/// A note in English, if given.
fn check_note(field: &str, en: Option<&str>, zh: Option<&str>, ck: &mut FileCheck) {
    if let Some(message) = en.and_then(|en| text_problem(field, en, zh, Shape::Prose)) {
        ck.err(field, message);
    }
}

/// What is wrong with the English text of `field`, if anything. `zh` is the Chinese
/// text it translates: an English text without one translates nothing.
fn text_problem(field: &str, en: &str, zh: Option<&str>, shape: Shape) -> Option<String> {
    let leave_out =
        "or leave the field out and the English page shows the Chinese text, marked as Chinese";
    let problem = if zh.is_none() {
        let base = field.strip_suffix("_en").unwrap_or(field);
        let name = base.rsplit('.').next().unwrap_or(base);
        format!("English text without the Chinese it translates (got `{en}`; expected `{name}` beside it, or no `{name}_en`)")
    } else if en.trim().is_empty() {
        format!("must not be empty (got \"{en}\"; expected English text, {leave_out})")
    } else if en.trim() != en {
        format!(
            "has spaces or line breaks at the start or end (got \"{en}\"; expected \"{}\")",
            en.trim()
        )
    } else if shape == Shape::Name && en.contains(['\n', '\r']) {
        let lines = en.lines().count();
        format!("must be one line (got {lines} lines; expected a name on one line)")
    } else if shape == Shape::Name && has_chinese(en) {
        format!("has Chinese characters (got `{en}`; expected English text, {leave_out})")
    } else {
        return None;
    };
    Some(problem)
}

/// `title_en`, `publisher_en` and `gongshi.contact_en`.
pub fn check_site(raw: &RawSite, ck: &mut FileCheck) {
    let title = Some(raw.title.as_str());
    check_name("title_en", raw.title_en.as_deref(), title, ck);
    let publisher = Some(raw.publisher.as_str());
    let publisher_en = raw.publisher_en.as_deref();
    check_name("publisher_en", publisher_en, publisher, ck);
    if let Some(g) = &raw.gongshi {
        let contact = Some(g.contact.as_str());
        let contact_en = g.contact_en.as_deref();
        check_name("gongshi.contact_en", contact_en, contact, ck);
    }
}

/// A park file's English names, and `note_en` beside each year's `note`.
pub fn check_park(raw: &RawPark, ck: &mut FileCheck) {
    let names = [
        ("name_en", &raw.name_en, Some(&raw.name)),
        ("district_en", &raw.district_en, Some(&raw.district)),
        ("zone_en", &raw.zone_en, Some(&raw.zone)),
        ("operator_en", &raw.operator_en, raw.operator.as_ref()),
    ];
    for (field, en, zh) in names {
        check_name(field, en.as_deref(), zh.map(String::as_str), ck);
    }
    if let Some(list) = &raw.leading_industries_en {
        check_industries(&raw.leading_industries, list, ck);
    }
    for (year, record) in &raw.years {
        let field = format!("years.{year}.note_en");
        let en = record.note_en.as_deref();
        check_note(&field, en, record.note.as_deref(), ck);
    }
}

/// `leading_industries_en`: one English name per industry, in the same order.
fn check_industries(zh: &[String], en: &[String], ck: &mut FileCheck) {
    if en.len() != zh.len() {
        let quoted: Vec<String> = zh.iter().map(|z| format!("`{z}`")).collect();
        let expected = match zh.len() {
            0 => "0, as leading_industries is empty; or no leading_industries_en".to_string(),
            n => format!(
                "{n}, one for each of leading_industries in the same order: {}",
                quoted.join(", ")
            ),
        };
        ck.err(
            "leading_industries_en",
            format!(
                "not as long as leading_industries (got {} name{}; expected {expected})",
                en.len(),
                if en.len() == 1 { "" } else { "s" }
            ),
        );
        return;
    }
    for (i, (en, zh)) in en.iter().zip(zh).enumerate() {
        let field = format!("leading_industries_en[{i}]");
        check_name(&field, Some(en), Some(zh), ck);
    }
}

/// `title_en`, and `label_en`/`unit_en` beside every `label`/`unit`.
pub fn check_methodology(raw: &RawMethodology, ck: &mut FileCheck) {
    // An omitted title has a default; so does an omitted awards unit (万元).
    let always = Some("");
    check_name("title_en", raw.title_en.as_deref(), always, ck);
    let mut labelled = |at: &str, en: &Option<String>, zh: Option<&str>| {
        check_name(at, en.as_deref(), zh, ck);
    };
    for (id, m) in &raw.metrics {
        labelled(&format!("metrics.{id}.label_en"), &m.label_en, always);
        labelled(&format!("metrics.{id}.unit_en"), &m.unit_en, unit(&m.unit));
    }
    for (i, d) in raw.dimensions.iter().enumerate() {
        labelled(&format!("dimensions[{i}].label_en"), &d.label_en, always);
    }
    for (i, ind) in raw.indicators.iter().enumerate() {
        labelled(&format!("indicators[{i}].label_en"), &ind.label_en, always);
        labelled(
            &format!("indicators[{i}].unit_en"),
            &ind.unit_en,
            unit(&ind.unit),
        );
    }
    let categories = raw.bonus.iter().flat_map(|b| b.categories.iter());
    for (i, c) in categories.enumerate() {
        let at = format!("bonus.categories[{i}]");
        labelled(&format!("{at}.label_en"), &c.label_en, always);
        for (k, kind) in &c.kinds {
            labelled(&format!("{at}.kinds.{k}.label_en"), &kind.label_en, always);
        }
    }
    for (id, v) in raw.vetoes.iter().flatten() {
        labelled(&format!("vetoes.{id}.label_en"), &v.label_en, always);
    }
    if let Some(a) = &raw.awards {
        labelled("awards.unit_en", &a.unit_en, always);
    }
}

/// The English of a text with a Chinese default: as written; else the default's
/// English when the Chinese is the default too; else none (a Chinese text the
/// file wrote has no English the program could know).
pub(super) fn english_of_default(
    zh: Option<&String>,
    en: Option<&String>,
    default_en: impl FnOnce() -> String,
) -> Option<String> {
    match (zh, en) {
        (_, Some(en)) => Some(en.clone()),
        (None, None) => Some(default_en()),
        (Some(_), None) => None,
    }
}

/// A unit to translate: `unit` defaults to nothing.
fn unit(u: &str) -> Option<&str> {
    (!u.is_empty()).then_some(u)
}

/// A district's (and a zone's) English name must be the same on every park of it:
/// the first park (by file) that gives one sets it, a different one is an error
/// naming both files. Parks that leave it out take it over.
pub fn check_places(parks: &mut [Park], positions: &PositionsByFile, problems: &mut Vec<Problem>) {
    let mut order: Vec<usize> = (0..parks.len()).collect();
    order.sort_by(|a, b| parks[*a].source.cmp(&parks[*b].source));
    for place in [Place::District, Place::Zone] {
        // Chinese name → (English name, the file that gave it first).
        let mut named: HashMap<&str, (&str, &str)> = HashMap::new();
        for park in order.iter().map(|i| &parks[*i]) {
            let (zh, Some(en)) = place.names(park) else {
                continue;
            };
            let (first, first_file) = *named.entry(zh).or_insert((en, &park.source));
            if first != en {
                let (what, field) = (place.what(), place.field());
                let message = format!(
                    "differs from the English name of {what} {zh} in {first_file} (got `{en}`; expected `{first}`: one English name per {what})"
                );
                let at = positions
                    .get(park.source.as_str())
                    .and_then(|p| p.find(field));
                problems.push(Problem::new(&park.source, field, message).at(at));
            }
        }
        let named: HashMap<String, String> = named
            .into_iter()
            .map(|(zh, (en, _))| (zh.to_string(), en.to_string()))
            .collect();
        for park in parks.iter_mut() {
            let (zh, en) = place.names_mut(park);
            if en.is_none() {
                *en = named.get(zh.as_str()).cloned();
            }
        }
    }
}

/// What a park is part of that has one English name across parks.
#[derive(Debug, Clone, Copy)]
enum Place {
    District,
    Zone,
}

impl Place {
    fn what(self) -> &'static str {
        match self {
            Place::District => "district",
            Place::Zone => "zone",
        }
    }

    fn field(self) -> &'static str {
        match self {
            Place::District => "district_en",
            Place::Zone => "zone_en",
        }
    }

    /// The park's Chinese name of the place and its English name, if given.
    fn names(self, p: &Park) -> (&str, Option<&str>) {
        match self {
            Place::District => (&p.district, p.district_en.as_deref()),
            Place::Zone => (&p.zone, p.zone_en.as_deref()),
        }
    }

    fn names_mut(self, p: &mut Park) -> (&String, &mut Option<String>) {
        match self {
            Place::District => (&p.district, &mut p.district_en),
            Place::Zone => (&p.zone, &mut p.zone_en),
        }
    }
}

/// Pairs `pages/<name>.en.md` (read as the page `<name>.en`) with `pages/<name>.md`;
/// an English page without its Chinese one, or an empty one, is a problem.
pub fn pair_pages(pages: Vec<Page>, problems: &mut Vec<Problem>) -> Vec<Page> {
    let (english, mut chinese): (Vec<Page>, Vec<Page>) =
        pages.into_iter().partition(|p| p.slug.ends_with(".en"));
    for en in english {
        let slug = en.slug.strip_suffix(".en").expect("partitioned by suffix");
        let file = format!("pages/{}.md", en.slug);
        match chinese.iter_mut().find(|p| p.slug == slug) {
            None => problems.push(Problem::new(
                file,
                "",
                format!("English page without its Chinese page (expected pages/{slug}.md beside it; the English page translates it)"),
            )),
            Some(_) if en.markdown.trim().is_empty() => problems.push(Problem::new(
                file,
                "",
                format!("empty (expected the English text of pages/{slug}.md, or no pages/{slug}.en.md)"),
            )),
            Some(page) => page.markdown_en = Some(en.markdown),
        }
    }
    chinese
}
