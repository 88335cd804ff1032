//! The English edition's data (data.md, "English edition — optional fields"): every
//! field reaches the model, every mistake is a located problem, the sample city has
//! English for everything, and `check` counts what generated data lacks.

use std::path::Path;

use parkscore::analysis::english_coverage;
use parkscore::commands::check::{run, CheckOptions};
use parkscore::commands::Context;
use parkscore::load::{load, SourceFiles};
use parkscore::model::{in_english, Dataset, Park};
use parkscore::progress::Silent;
use parkscore::{DataSource, Error};

use crate::support::workspace::FIXTURES;

/// The mini fixture (generated data, no English at all), in memory.
fn mini() -> SourceFiles {
    SourceFiles::read_dir(&Path::new(FIXTURES).join("mini")).unwrap()
}

/// Replaces the first occurrence of `from` in `file`, which must contain it.
fn edit(mut src: SourceFiles, file: &str, from: &str, to: &str) -> SourceFiles {
    let text = String::from_utf8(src.files[file].clone()).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    src.files
        .insert(file.to_string(), text.replacen(from, to, 1).into_bytes());
    src
}

fn with(mut src: SourceFiles, file: &str, text: &str) -> SourceFiles {
    src.insert(file.to_string(), text.as_bytes().to_vec());
    src
}

fn loaded(src: &SourceFiles) -> Dataset {
    match load(src) {
        Ok(data) => data,
        Err(e) => panic!("{}", e.lines().join("\n")),
    }
}

/// Every problem of `src`, as the command line prints them.
fn problems(src: &SourceFiles) -> Vec<String> {
    match load(src) {
        Ok(_) => panic!("expected problems, the data loaded"),
        Err(Error::Invalid(problems)) => problems.iter().map(|p| p.to_string()).collect(),
        Err(e) => panic!("expected data problems, got {e}"),
    }
}

const P1: &str = "parks/p00001.yaml";
const P6: &str = "parks/p00006.yaml";

#[test]
fn every_english_field_reaches_the_model() {
    let src = edit(
        mini(),
        "site.yaml",
        "stage: final\n",
        "title_en: Qingchuan Park Evaluation\npublisher_en: Qingchuan Bureau of Economy and IT\nstage: gongshi\ngongshi: {start: 2024-03-01, end: 2024-03-07, contact: 企业服务科 0000-1234567, contact_en: \"Enterprise Services Division, 0000-1234567\"}\n",
    );
    let m = "methodology/2022.yaml";
    let src = edit(
        src,
        m,
        "（2023年版）\n",
        "（2023年版）\ntitle_en: Evaluation Measures (2023)\n",
    );
    let src = edit(
        src,
        m,
        "unit: 亩,",
        "label_en: Park land area, unit: 亩, unit_en: mu,",
    );
    let src = edit(
        src,
        m,
        "label: 亩均效益}",
        "label: 亩均效益, label_en: Returns per mu}",
    );
    let src = edit(
        src,
        m,
        "unit: 万元/亩,",
        "label_en: Tax revenue per mu, unit: 万元/亩, unit_en: \"10,000 yuan/mu\",",
    );
    let src = edit(
        src,
        m,
        "      window_years: 3",
        "      label_en: Platforms\n      window_years: 3",
    );
    let src = edit(
        src,
        m,
        "国家级科技企业孵化器,",
        "国家级科技企业孵化器, label_en: National incubator,",
    );
    let src = edit(
        src,
        m,
        "label: 发生重大生产安全事故}",
        "label: 发生重大生产安全事故, label_en: Major accident}",
    );
    let src = edit(
        src,
        m,
        "awards: {unit: 万元,",
        "awards: {unit: 万元, unit_en: \"10,000 yuan\",",
    );
    let src = edit(
        src,
        P1,
        "opened:",
        "name_en: Nandong New Energy Park\ndistrict_en: Linjiang District\nzone_en: Linjiang Hi-tech Park\noperator_en: Linjiang Park Operation Co., Ltd.\nleading_industries_en: [New energy, Modern light industry]\nopened:",
    );
    let src = edit(
        src,
        "parks/p00005.yaml",
        "    note: \"2023年发生重大生产安全事故\"",
        "    note: \"2023年发生重大生产安全事故\"\n    note_en: A major work safety accident in 2023",
    );
    let src = with(src, "pages/about.md", "# 关于\n");
    let src = with(src, "pages/about.en.md", "# About\n");
    let data = loaded(&src);

    let site = &data.site;
    assert_eq!(site.title_en.as_deref(), Some("Qingchuan Park Evaluation"));
    assert_eq!(
        site.publisher_en.as_deref(),
        Some("Qingchuan Bureau of Economy and IT")
    );
    let contact = site.gongshi.as_ref().unwrap().contact_en.as_deref();
    assert_eq!(contact, Some("Enterprise Services Division, 0000-1234567"));

    let m = &data.methodologies[&2022];
    assert_eq!(m.title_en.as_deref(), Some("Evaluation Measures (2023)"));
    let land = &m.metrics["land_area_mu"];
    assert_eq!(land.label_en.as_deref(), Some("Park land area"));
    assert_eq!(land.unit_en.as_deref(), Some("mu"));
    assert_eq!(m.metrics["tax_wan"].label_en, None);
    assert_eq!(m.dimensions[0].label_en.as_deref(), Some("Returns per mu"));
    let tax = m.indicator("tax_per_mu").unwrap();
    assert_eq!(tax.label_en.as_deref(), Some("Tax revenue per mu"));
    assert_eq!(tax.unit_en.as_deref(), Some("10,000 yuan/mu"));
    let carrier = &m.bonus.categories[0];
    assert_eq!(carrier.label_en.as_deref(), Some("Platforms"));
    let incubator = &carrier.kinds["national_incubator"];
    assert_eq!(incubator.label_en.as_deref(), Some("National incubator"));
    let veto = &m.vetoes["major_safety_accident"];
    assert_eq!(veto.label_en.as_deref(), Some("Major accident"));
    assert_eq!(m.awards.unit_en.as_deref(), Some("10,000 yuan"));

    let p = data.park("p00001").unwrap();
    assert_eq!(p.name_en.as_deref(), Some("Nandong New Energy Park"));
    assert_eq!(p.district_en.as_deref(), Some("Linjiang District"));
    assert_eq!(p.zone_en.as_deref(), Some("Linjiang Hi-tech Park"));
    assert_eq!(
        p.operator_en.as_deref(),
        Some("Linjiang Park Operation Co., Ltd.")
    );
    let industries = p.leading_industries_en.as_deref().unwrap();
    assert_eq!(industries, ["New energy", "Modern light industry"]);
    let note = data.park("p00005").unwrap().years[&2023].note_en.as_deref();
    assert_eq!(note, Some("A major work safety accident in 2023"));

    // One page, with its English text; `about.en` is no page of its own.
    assert_eq!(data.pages.len(), 1);
    assert_eq!(data.pages[0].slug, "about");
    assert_eq!(data.pages[0].markdown_en.as_deref(), Some("# About\n"));
}

#[test]
fn a_district_or_zone_named_once_in_english_is_named_so_on_all_its_parks() {
    let src = edit(
        mini(),
        P6,
        "opened:",
        "district_en: Linjiang District\nzone_en: Linjiang Hi-tech Park\nopened:",
    );
    let data = loaded(&src);
    let p1 = data.park("p00001").unwrap();
    assert_eq!(p1.district_en.as_deref(), Some("Linjiang District"));
    assert_eq!(p1.zone_en.as_deref(), Some("Linjiang Hi-tech Park"));
    // The English page shows English where given, else the Chinese text, marked.
    let district = in_english(&p1.district, p1.district_en.as_deref());
    assert_eq!(
        (district.text, district.chinese),
        ("Linjiang District", false)
    );
    let name = in_english(&p1.name, p1.name_en.as_deref());
    assert_eq!(
        (name.text, name.chinese),
        ("临江区南东新能源小微企业园", true)
    );
    // Other districts stay without.
    assert_eq!(data.park("p00002").unwrap().district_en, None);
}

#[test]
fn leading_industries_en_must_match_leading_industries_one_for_one() {
    let src = edit(
        mini(),
        P1,
        "opened:",
        "leading_industries_en: [New energy]\nopened:",
    );
    assert_eq!(
        problems(&src),
        ["parks/p00001.yaml:9:24: leading_industries_en: not as long as leading_industries (got 1 name; expected 2, one for each of leading_industries in the same order: `新能源`, `现代轻工`)"]
    );
}

#[test]
fn two_english_names_for_one_district_name_both_files() {
    let src = edit(
        mini(),
        P1,
        "opened:",
        "district_en: Linjiang District\nopened:",
    );
    let src = edit(
        src,
        P6,
        "opened:",
        "district_en: Linjiang County\nzone_en: Linjiang Park\nopened:",
    );
    let src = edit(
        src,
        "parks/p00003.yaml",
        "opened:",
        "zone_en: Beishan Zone\nopened:",
    );
    let src = edit(
        src,
        "parks/p00004.yaml",
        "opened:",
        "zone_en: Beishan Development Zone\nopened:",
    );
    assert_eq!(
        problems(&src),
        [
            "parks/p00004.yaml:9:10: zone_en: differs from the English name of zone 北山省级经济开发区 in parks/p00003.yaml (got `Beishan Development Zone`; expected `Beishan Zone`: one English name per zone)",
            "parks/p00006.yaml:9:14: district_en: differs from the English name of district 临江区 in parks/p00001.yaml (got `Linjiang County`; expected `Linjiang District`: one English name per district)",
        ]
    );
}

#[test]
fn an_english_page_without_its_chinese_page_is_named() {
    let src = with(mini(), "pages/about.md", "# 关于\n");
    let src = with(src, "pages/notice.en.md", "# Notice\n");
    let src = with(src, "pages/blank.md", "# 空白\n");
    let src = with(src, "pages/blank.en.md", " \n");
    assert_eq!(
        problems(&src),
        [
            "pages/blank.en.md: empty (expected the English text of pages/blank.md, or no pages/blank.en.md)",
            "pages/notice.en.md: English page without its Chinese page (expected pages/notice.md beside it; the English page translates it)",
        ]
    );
}

#[test]
fn a_misspelt_english_field_is_unknown_with_a_hint() {
    let src = edit(mini(), P1, "opened:", "name_enn: Nandong Park\nopened:");
    let src = edit(src, "site.yaml", "stage:", "title_eng: Qingchuan\nstage:");
    assert_eq!(
        problems(&src),
        [
            "parks/p00001.yaml:9:1: name_enn: unknown field (got `name_enn`; expected one of id, name, district, zone, zone_level, kind, leading_industries, leading_industry_codes, operator, opened, closed, honors, years, name_en, district_en, zone_en, operator_en, leading_industries_en); did you mean `name_en`?",
            "site.yaml:3:1: title_eng: unknown field (got `title_eng`; expected one of title, title_en, publisher, publisher_en, base_url, stage, gongshi, corrections_since, look); did you mean `title_en`?",
        ]
    );
}

#[test]
fn english_text_must_be_written_as_english_names_are() {
    let src = edit(
        mini(),
        P1,
        "opened:",
        "name_en: 南东新能源 Park\ndistrict_en: \" Linjiang\"\nzone_en: \"\"\nleading_industries_en: [New energy, \"Modern\\nlight industry\"]\nopened:",
    );
    let src = edit(
        src,
        "parks/p00002.yaml",
        "operator:",
        "operator_en: Nanhu Co.\noperator:",
    );
    let src = edit(
        src,
        "parks/p00002.yaml",
        "operator: \"南湖县园区运营有限公司\"\n",
        "",
    );
    let src = edit(
        src,
        "parks/p00003.yaml",
        "  2023:\n",
        "  2023:\n    note_en: Checked again\n",
    );
    let src = edit(
        src,
        "methodology/2022.yaml",
        "unit: \"%\",",
        "unit: \"%\", unit_en: 百分比,",
    );
    let src = edit(
        src,
        "methodology/2022.yaml",
        "efficacy:",
        "title_en: \"\"\nefficacy:",
    );
    assert_eq!(
        problems(&src),
        [
            "methodology/2022.yaml:2:11: title_en: must not be empty (got \"\"; expected English text, or leave the field out and the English page shows the Chinese text, marked as Chinese)",
            "methodology/2022.yaml:41:69: indicators[2].unit_en: has Chinese characters (got `百分比`; expected English text, or leave the field out and the English page shows the Chinese text, marked as Chinese)",
            "parks/p00001.yaml:9:10: name_en: has Chinese characters (got `南东新能源 Park`; expected English text, or leave the field out and the English page shows the Chinese text, marked as Chinese)",
            "parks/p00001.yaml:10:14: district_en: has spaces or line breaks at the start or end (got \" Linjiang\"; expected \"Linjiang\")",
            "parks/p00001.yaml:11:10: zone_en: must not be empty (got \"\"; expected English text, or leave the field out and the English page shows the Chinese text, marked as Chinese)",
            "parks/p00001.yaml:12:37: leading_industries_en[1]: must be one line (got 2 lines; expected a name on one line)",
            "parks/p00002.yaml:8:14: operator_en: English text without the Chinese it translates (got `Nanhu Co.`; expected `operator` beside it, or no `operator_en`)",
            "parks/p00003.yaml:12:14: years.2023.note_en: English text without the Chinese it translates (got `Checked again`; expected `note` beside it, or no `note_en`)",
        ]
    );
}

/// What a park of the sample city lacks in English, by field.
fn missing_names(p: &Park) -> Vec<&'static str> {
    let mut missing = Vec::new();
    let fields = [
        ("name_en", p.name_en.is_none()),
        ("district_en", p.district_en.is_none()),
        ("zone_en", p.zone_en.is_none()),
        (
            "operator_en",
            p.operator.is_some() && p.operator_en.is_none(),
        ),
        (
            "leading_industries_en",
            !p.leading_industries.is_empty() && p.leading_industries_en.is_none(),
        ),
    ];
    for (field, lacking) in fields {
        if lacking {
            missing.push(field);
        }
    }
    missing
}

#[test]
fn the_sample_city_has_english_for_everything() {
    let data = loaded(&SourceFiles::embedded());
    let parks: Vec<String> = data
        .parks
        .iter()
        .filter(|p| !missing_names(p).is_empty())
        .map(|p| format!("  {}: add {}", p.source, missing_names(p).join(", ")))
        .collect();
    assert!(
        parks.is_empty(),
        "every park of the sample city (data/) has English names, as one block after `name:` \
         (name_en, district_en, zone_en, operator_en, leading_industries_en; docs/data-format.md):\n{}",
        parks.join("\n")
    );
    let coverage = english_coverage(&data);
    assert!(
        coverage.missing.is_empty() && coverage.pages_missing.is_empty(),
        "the sample city has English for every name, label, unit and page \
         (`parkscore check` says what is missing): {coverage:?}"
    );
    assert!(coverage.names > 300, "{coverage:?}");
    assert_eq!(coverage.pages, 2);
}

#[test]
fn check_counts_the_english_names_generated_data_lacks() {
    let coverage = english_coverage(&loaded(&mini()));
    // 6 parks × (name, district, zone, operator) + 11 industries; title and publisher;
    // the methodology's title, 19 metric + 6 dimension + 8 indicator + 2 category +
    // 9 kind + 2 veto labels, and 25 units with Chinese (the `%` of two indicators
    // needs no English) plus the awards unit.
    assert_eq!(coverage.names, 110);
    assert_eq!(coverage.missing_names(), 110);
    let src = edit(
        mini(),
        P1,
        "opened:",
        "name_en: Nandong New Energy Park\nopened:",
    );
    let coverage = english_coverage(&loaded(&src));
    assert_eq!(coverage.missing_names(), 109);
}

/// The line `check` prints about the English edition, for a data source.
fn check_english_line(data: DataSource) -> String {
    let ctx = Context {
        started: std::time::Instant::now(),
        progress: &Silent,
    };
    let summary = run(&CheckOptions { data }, &ctx).unwrap().summary;
    let line = summary.lines().find(|l| l.starts_with("English edition: "));
    line.unwrap_or_else(|| panic!("no English line in:\n{summary}"))
        .to_string()
}

#[test]
fn check_says_how_many_english_names_are_missing() {
    let mini = DataSource::Dir(Path::new(FIXTURES).join("mini"));
    assert_eq!(
        check_english_line(mini),
        "English edition: 110 of 110 names missing (site: 1 title_en, 1 publisher_en; parks: 6 name_en, 6 district_en, 6 zone_en, 6 operator_en, 11 leading_industries_en; methodology: 1 title_en, 46 label_en, 26 unit_en)"
    );
    let sample = check_english_line(DataSource::Embedded);
    assert!(
        sample.starts_with("English edition: all ")
            && sample.ends_with(" names in English; every page has its .en.md"),
        "{sample}"
    );
}
