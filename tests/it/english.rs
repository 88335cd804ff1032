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

use crate::support::fixture::FIXTURES;

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
    match load(src, &Default::default()) {
        Ok(data) => data,
        Err(e) => panic!("{}", e.lines().join("\n")),
    }
}

/// Every problem of `src`, as the command line prints them.
fn problems(src: &SourceFiles) -> Vec<String> {
    match load(src, &Default::default()) {
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

// ---------------------------------------------------------------------------
// The English edition's pages (issue 11): every page twice, linked both ways.

mod pages {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    use parkscore::present::Audience;
    use parkscore::write::Output;
    use parkscore::DataSource;

    use crate::support::fixture::FIXTURES;
    use crate::support::html::{parse, Child, Node};

    fn site(source: DataSource, audience: Audience) -> Output {
        let eval =
            parkscore::evaluate(&source, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
        parkscore::render(&eval, &parkscore::RenderOptions::of(audience))
            .unwrap_or_else(|e| panic!("render: {e}"))
    }

    fn mini_dir() -> PathBuf {
        Path::new(FIXTURES).join("mini")
    }

    fn text(out: &Output, path: &str) -> String {
        let bytes = out.get(path).unwrap_or_else(|| panic!("missing {path}"));
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    fn page(out: &Output, path: &str) -> Node {
        parse(&text(out, path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn html_paths(out: &Output) -> Vec<String> {
        out.files()
            .keys()
            .filter(|p| p.ends_with(".html"))
            .cloned()
            .collect()
    }

    /// `href` seen from the page at `from`, as a path from the output root.
    fn resolve(from: &str, href: &str) -> String {
        let mut parts: Vec<&str> = from.split('/').collect();
        parts.pop();
        for seg in href.split('#').next().unwrap().split('/') {
            match seg {
                ".." => {
                    assert!(parts.pop().is_some(), "{from}: {href} leaves the site");
                }
                "." | "" => {}
                s => parts.push(s),
            }
        }
        parts.join("/")
    }

    fn switch(doc: &Node) -> &Node {
        let links = doc.find_all(|n| n.attr("class") == Some("lang-switch"));
        assert_eq!(links.len(), 1, "one language switch");
        links[0]
    }

    /// Every Chinese page has its English twin at `en/<path>` and back; the switch of
    /// each goes to the other, in the other's language.
    fn every_page_has_its_twin_both_ways(out: &Output) {
        let paths: BTreeSet<String> = html_paths(out).into_iter().collect();
        let zh: Vec<&String> = paths.iter().filter(|p| !p.starts_with("en/")).collect();
        let en: Vec<&String> = paths.iter().filter(|p| p.starts_with("en/")).collect();
        assert_eq!(zh.len(), en.len(), "as many English pages as Chinese ones");
        assert!(zh.len() > 20, "{}", zh.len());
        for p in zh.iter().filter(|p| !p.ends_with("404.html")) {
            let twin = format!("en/{p}");
            assert!(paths.contains(&twin), "{p} has no English twin");
            let there = switch(&page(out, p)).attr("href").unwrap().to_string();
            assert_eq!(resolve(p, &there), twin, "{p}: switch");
            let doc = page(out, &twin);
            let back = switch(&doc);
            assert_eq!(back.attr("lang"), Some("zh-CN"));
            assert_eq!(
                resolve(&twin, back.attr("href").unwrap()),
                **p,
                "{twin}: switch back"
            );
        }
    }

    /// Text with a Han character or CJK/full-width punctuation.
    fn chinese(s: &str) -> bool {
        s.chars().any(|c| {
            matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
                | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3134F}')
        })
    }

    /// Chinese text of `n` outside elements marked `lang="zh…"`, and Chinese in
    /// attributes a reader sees or hears (`title`, `aria-label`, `placeholder`, `alt`).
    /// Other attribute values are data for scripts (`data-district`) or URLs.
    fn stray_chinese(n: &Node, marked: bool, out: &mut Vec<String>) {
        let marked = marked || n.attr("lang").is_some_and(|l| l.starts_with("zh"));
        if !marked {
            for a in ["title", "aria-label", "placeholder", "alt", "content"] {
                if let Some(v) = n.attr(a).filter(|v| chinese(v)) {
                    out.push(format!("<{} {a}=\"{v}\">", n.tag));
                }
            }
        }
        for c in &n.children {
            match c {
                Child::El(e) if e.tag != "script" && e.tag != "style" => {
                    stray_chinese(e, marked, out)
                }
                Child::Text(t) if !marked && chinese(t) => {
                    out.push(format!("<{}>{}", n.tag, t.trim()))
                }
                _ => {}
            }
        }
    }

    fn no_stray_chinese_in_english_pages(out: &Output) -> usize {
        let mut marked = 0;
        for p in html_paths(out).iter().filter(|p| p.starts_with("en/")) {
            let src = text(out, p);
            assert!(
                src.starts_with("<!doctype html>\n<html lang=\"en\">"),
                "{p}"
            );
            let doc = parse(&src).unwrap();
            let mut stray = Vec::new();
            stray_chinese(&doc, false, &mut stray);
            assert!(
                stray.is_empty(),
                "{p}: Chinese outside lang=\"zh-CN\": {stray:?}"
            );
            marked += doc
                .find_all(|n| {
                    n.attr("lang") == Some("zh-CN") && n.attr("class") != Some("lang-switch")
                })
                .len();
        }
        marked
    }

    #[test]
    fn the_sample_city_has_a_complete_english_edition() {
        for audience in [Audience::Public, Audience::Internal] {
            let out = site(DataSource::Embedded, audience);
            every_page_has_its_twin_both_ways(&out);
            let marked = no_stray_chinese_in_english_pages(&out);
            // The sample has English for everything: only honor titles (which have no
            // English field in the data) stay Chinese, marked.
            let doc = page(&out, "en/parks/gx-dianzi.html");
            assert!(doc.text().contains("Leading industries"), "{}", doc.text());
            assert!(marked > 0);
        }
    }

    #[test]
    fn generated_data_without_english_builds_a_marked_english_edition() {
        let out = site(DataSource::Dir(mini_dir()), Audience::Public);
        every_page_has_its_twin_both_ways(&out);
        let marked = no_stray_chinese_in_english_pages(&out);
        assert!(marked > 50, "fallbacks are marked: {marked}");
        let doc = page(&out, "en/parks/p00001.html");
        let h1 = &doc.find_all(|n| n.tag == "h1")[0];
        assert_eq!(h1.attr("lang"), Some("zh-CN"));
        assert_eq!(h1.text(), "临江区南东新能源小微企业园");
        // Where no language can be marked, the id stands in for the missing name.
        let title = doc.find_all(|n| n.tag == "title")[0].text();
        assert!(title.starts_with("p00001 · "), "{title}");
        // Interface text is English, numbers are the same as on the Chinese page.
        let en = page(&out, "en/2023/index.html");
        let zh = page(&out, "2023/index.html");
        assert!(en.text().contains("Ranking of rated parks"));
        let totals = |d: &Node| -> Vec<String> {
            d.find_all(|n| n.attr("data-col") == Some("total"))
                .iter()
                .map(|n| n.text())
                .collect()
        };
        assert_eq!(totals(&en), totals(&zh));
        assert!(!totals(&en).is_empty());
    }

    #[test]
    fn both_editions_name_each_other_and_are_in_the_sitemap() {
        let out = site(DataSource::Embedded, Audience::Public);
        let doc = page(&out, "en/2023/parks/gx-dianzi.html");
        let alt: Vec<(String, String)> = doc
            .find_all(|n| n.tag == "link" && n.attr("rel") == Some("alternate"))
            .iter()
            .map(|n| {
                (
                    n.attr("hreflang").unwrap().into(),
                    n.attr("href").unwrap().into(),
                )
            })
            .collect();
        let base = "https://jxj.example.gov.cn/xwyq/";
        assert_eq!(
            alt,
            [
                ("zh-CN".into(), format!("{base}2023/parks/gx-dianzi.html")),
                ("en".into(), format!("{base}en/2023/parks/gx-dianzi.html")),
                (
                    "x-default".into(),
                    format!("{base}2023/parks/gx-dianzi.html")
                ),
            ]
        );
        let zh_alt = page(&out, "2023/parks/gx-dianzi.html")
            .find_all(|n| n.tag == "link" && n.attr("rel") == Some("alternate"))
            .len();
        assert_eq!(zh_alt, 3);
        let sitemap = text(&out, "sitemap.xml");
        for loc in [
            format!("{base}2023/"),
            format!("{base}en/2023/"),
            format!("{base}en/"),
        ] {
            assert!(sitemap.contains(&format!("<loc>{loc}</loc>")), "{loc}");
        }
        assert!(!sitemap.contains("404"));
        let pages = html_paths(&out)
            .iter()
            .filter(|p| !p.ends_with("404.html"))
            .count();
        assert_eq!(sitemap.matches("<loc>").count(), pages);
    }

    #[test]
    fn english_pages_link_to_the_shared_files_and_stay_inside_the_site() {
        let out = site(DataSource::Dir(mini_dir()), Audience::Public);
        // The 404 pages link home from the server root and find the site's root with
        // their script (issue 12 #5; tests/it/cyclesite.rs and the browser test).
        let pages = html_paths(&out);
        for p in pages
            .iter()
            .filter(|p| p.starts_with("en/") && !p.ends_with("404.html"))
        {
            let doc = page(&out, p);
            for n in doc.all() {
                for attr in ["href", "src"] {
                    let Some(url) = n.attr(attr) else { continue };
                    if url.starts_with('#') || url.starts_with("data:") || url.contains("://") {
                        continue;
                    }
                    let target = resolve(p, url);
                    let target = if target.is_empty() || target.ends_with('/') {
                        format!("{target}index.html")
                    } else {
                        target
                    };
                    assert!(out.get(&target).is_some(), "{p}: {url} → {target}");
                }
            }
        }
    }

    /// The internal monitoring pages (issue 10) in English: interface text, figures and
    /// charts in English, the same numbers as the Chinese page, and Chinese only in
    /// marked data cells (firm names, park names without an English name).
    #[test]
    fn internal_monitoring_pages_are_english_with_only_data_marked_chinese() {
        let out = site(DataSource::Embedded, Audience::Internal);
        let pages: Vec<String> = html_paths(&out)
            .into_iter()
            .filter(|p| p.starts_with("en/") && p.contains("/monitoring/"))
            .collect();
        // Two years, each a city page and one page per park with a roster.
        assert!(pages.len() >= 20, "{pages:?}");
        for p in &pages {
            let doc = page(&out, p);
            let zh = page(&out, &p["en/".len()..]);
            assert!(!doc.text().contains("Chinese only"), "{p}");
            // Marked elements are data cells: nothing inside but text, links and ids.
            for n in doc.find_all(|n| n.attr("lang") == Some("zh-CN")) {
                let inner = n.all().into_iter().skip(1);
                let inner = inner.filter(|e| e.tag != "a" && e.tag != "code").count();
                assert_eq!(inner, 0, "{p}: a marked <{}> wraps markup", n.tag);
            }
            let labels = doc.find_all(|n| n.attr("class") == Some("figure-label"));
            assert!(labels.len() >= 7, "{p}");
            for l in labels {
                assert!(
                    !l.text().is_empty() && !chinese(&l.text()),
                    "{p}: {}",
                    l.text()
                );
            }
            let values = |d: &Node| -> Vec<String> {
                d.find_all(|n| n.attr("class") == Some("figure-value"))
                    .iter()
                    .map(|n| n.text())
                    .collect()
            };
            assert_eq!(values(&doc), values(&zh), "{p}: same figures");
            let captions: Vec<String> = doc
                .find_all(|n| n.tag == "figcaption")
                .iter()
                .map(|n| n.text())
                .collect();
            assert_eq!(
                captions,
                [
                    "Firms entering and leaving by year",
                    "Firms at year end by revenue"
                ],
                "{p}"
            );
            // Exit reasons are words of the interface, translated.
            for r in doc.find_all(|n| n.attr("data-reason").is_some()) {
                let th = &r.find_all(|n| n.tag == "th")[0];
                assert!(
                    [
                        "Relocated",
                        "Closed",
                        "Outgrew the park",
                        "Evicted",
                        "Other"
                    ]
                    .contains(&th.text().as_str()),
                    "{p}: {}",
                    th.text()
                );
            }
            // Firm names stay Chinese, marked, and are the Chinese page's names.
            let firms = |d: &Node| -> Vec<(String, Option<String>)> {
                d.find_all(|n| n.attr("data-uscc").is_some())
                    .iter()
                    .map(|r| {
                        let th = &r.find_all(|n| n.tag == "th")[0];
                        (th.text(), th.attr("lang").map(str::to_string))
                    })
                    .collect()
            };
            let (en_firms, zh_firms) = (firms(&doc), firms(&zh));
            assert_eq!(en_firms.len(), zh_firms.len(), "{p}");
            for ((en_name, lang), (zh_name, _)) in en_firms.iter().zip(&zh_firms) {
                assert_eq!(en_name, zh_name);
                assert_eq!(lang.as_deref(), Some("zh-CN"), "{p}: {en_name}");
            }
        }
        // The city page names the sample's parks in English (the sample has them all).
        let city = page(&out, "en/2023/monitoring/index.html");
        let rows = city.find_all(|n| n.attr("data-park").is_some() && n.tag == "tr");
        let park_pages = pages
            .iter()
            .filter(|p| p.starts_with("en/2023/monitoring/") && !p.ends_with("index.html"))
            .count();
        assert_eq!(
            rows.len(),
            park_pages,
            "one row per park with a 2023 roster"
        );
        assert!(rows.len() >= 9, "{}", rows.len());
        // Moves between parks name both parks in English too.
        let moves = city.find_all(|n| n.attr("data-from").is_some());
        assert!(
            !moves.is_empty(),
            "the sample has moves between parks in 2023"
        );
        for m in moves {
            for td in m.find_all(|n| n.tag == "td").iter().take(2) {
                assert!(
                    td.attr("lang").is_none() && !chinese(&td.text()),
                    "{}",
                    td.text()
                );
            }
        }
        for r in rows {
            let th = &r.find_all(|n| n.tag == "th")[0];
            assert!(
                th.attr("lang").is_none() && th.text().contains("Park"),
                "{}",
                th.text()
            );
        }
        assert!(no_stray_chinese_in_english_pages(&out) > 0);
    }
}

// ---------------------------------------------------------------------------
// Issue 12 #6: the methodology overview states the numbers of the methodology in
// force, never a weight the prose wrote for an earlier version.

mod methodology_overview {
    use std::path::Path;

    use parkscore::present::Audience;
    use parkscore::DataSource;

    use crate::support::html::parse;

    /// The sample city with a 2023 methodology that moves 5 points of weight from
    /// revenue per mu to tax per mu (20 → 25).
    fn with_2023_weights(dir: &Path) {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        for entry in walk(&data) {
            let to = dir.join(entry.strip_prefix(&data).unwrap());
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(&entry, &to).unwrap();
        }
        let m = std::fs::read_to_string(dir.join("methodology/2022.yaml")).unwrap();
        let m = m
            .replacen("land_area_mu, weight: 20,", "land_area_mu, weight: 25,", 1)
            .replacen("land_area_mu, weight: 10,", "land_area_mu, weight: 5,", 1)
            .replacen("2022年版", "2023年版", 1);
        assert!(m.contains("weight: 25,") && m.contains("weight: 5,"));
        std::fs::write(dir.join("methodology/2023.yaml"), m).unwrap();
    }

    fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
        out
    }

    #[test]
    fn the_overview_shows_the_weights_in_force_not_the_prose_of_an_earlier_version() {
        let dir = tempfile::tempdir().unwrap();
        with_2023_weights(dir.path());
        let eval = parkscore::evaluate(
            &DataSource::Dir(dir.path().to_path_buf()),
            &Default::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let out =
            parkscore::render(&eval, &parkscore::RenderOptions::of(Audience::Public)).unwrap();
        for (index, prose_page) in [
            ("methodology/index.html", "methodology/2022.html"),
            ("en/methodology/index.html", "en/methodology/2022.html"),
        ] {
            let src = String::from_utf8(out.get(index).unwrap().to_vec()).unwrap();
            let doc = parse(&src).unwrap();
            // Every indicator row of the page states the weight of the 2023 version.
            let weight_of = |id: &str| -> Vec<String> {
                doc.find_all(|n| n.attr("data-indicator") == Some(id))
                    .iter()
                    .flat_map(|row| row.find_all(|n| n.attr("data-col") == Some("weight")))
                    .map(|n| n.text())
                    .collect()
            };
            assert_eq!(weight_of("tax_per_mu"), ["25"], "{index}");
            assert_eq!(weight_of("revenue_per_mu"), ["5"], "{index}");
            // The prose's table (亩均税收 … 20) is not on the overview any more …
            let prose_row = doc.find_all(|n| {
                n.tag == "tr" && n.text().contains("亩均税收（万元/亩）") && n.text().contains("20")
            });
            assert!(
                prose_row.is_empty(),
                "{index}: stale prose {:?}",
                prose_row[0].text()
            );
            let stale = doc.find_all(|n| {
                n.tag == "tr" && n.text().contains("Tax revenue per mu") && n.text().contains(" 20")
            });
            assert!(stale.is_empty(), "{index}: stale English prose");
            // … but on the page of the version it was written for, introduced as such.
            let first = String::from_utf8(out.get(prose_page).unwrap().to_vec()).unwrap();
            assert!(first.contains("class=\"prose\""), "{prose_page}");
            assert!(first.contains("2022"), "{prose_page}");
        }
    }
}

// ---------------------------------------------------------------------------
// `parkscore report --lang en`: the one-file report in English.

mod report {
    use parkscore::present::lang::Lang;
    use parkscore::present::Audience;
    use parkscore::progress::Silent;
    use parkscore::report::{report_edition_html, Edition};
    use parkscore::DataSource;

    use crate::support::html::parse;

    #[test]
    fn the_english_report_is_english_and_links_nowhere() {
        let eval = parkscore::evaluate(&DataSource::Embedded, &Default::default()).unwrap();
        for audience in [Audience::Public, Audience::Internal] {
            let edition = Edition {
                year: 2023,
                audience,
                lang: Lang::En,
            };
            let html = report_edition_html(&eval, &edition, &Silent).unwrap();
            let src = String::from_utf8(html).unwrap();
            assert!(src.starts_with("<!doctype html>\n<html lang=\"en\">"));
            let doc = parse(&src).unwrap();
            assert!(doc.text().contains("Park scorecards"), "English headings");
            // No language switch and no link outside the file: it travels alone.
            assert!(doc
                .find_all(|n| n.attr("class") == Some("lang-switch"))
                .is_empty());
            for n in doc.all() {
                if let Some(href) = n.attr("href") {
                    assert!(href.starts_with('#'), "{href}");
                }
            }
            // Chinese only where marked: honor titles, which the data has in Chinese only.
            let zh: Vec<String> = doc
                .find_all(|n| n.tag == "td" && n.attr("lang").is_none())
                .iter()
                .map(|n| n.text())
                .filter(|t| parkscore::model::has_chinese(t))
                .collect();
            assert!(zh.is_empty(), "{zh:?}");
        }
    }
}
