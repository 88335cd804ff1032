//! The published website, built from fixture data folders: every page exists, the
//! numbers agree with results.json, links resolve inside the site, the HTML is
//! well formed, the public build leaks no private value, data cannot inject
//! markup, and the output does not depend on the thread count.

mod robustness;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

use parkscore::present::format::{fixed, grouped, trimmed};
use parkscore::present::Audience;
use parkscore::write::Output;
use parkscore::{DataSource, Evaluation};
use serde_json::Value;

use crate::support::fixture::{private_value, Fixture, EVIL, PRIVATE};
use crate::support::html::{self, parse, Node};
use crate::support::site::render_site;

/// Writes `f` to a temp dir, evaluates it and renders the site for `audience`.
fn build(f: &Fixture, audience: Audience) -> (Evaluation, Output) {
    let dir = tempfile::tempdir().unwrap();
    f.write(dir.path());
    let eval = parkscore::evaluate(&DataSource::Dir(dir.path().to_path_buf()))
        .unwrap_or_else(|e| panic!("fixture does not load: {e}"));
    let out = parkscore::render(&eval, audience).unwrap_or_else(|e| panic!("render: {e}"));
    (eval, out)
}

/// The embedded sample city, evaluated and rendered for the public once per test run.
fn sample() -> &'static (Evaluation, Output) {
    static SAMPLE: OnceLock<(Evaluation, Output)> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let eval = parkscore::evaluate(&DataSource::Embedded).unwrap();
        let out = parkscore::render(&eval, Audience::Public).unwrap();
        (eval, out)
    })
}

fn text(out: &Output, path: &str) -> String {
    String::from_utf8(
        out.get(path)
            .unwrap_or_else(|| panic!("missing {path}"))
            .to_vec(),
    )
    .unwrap()
}

fn page(out: &Output, path: &str) -> Node {
    parse(&text(out, path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn results(out: &Output, year: i32) -> Value {
    serde_json::from_slice(out.get(&format!("{year}/results.json")).unwrap()).unwrap()
}

fn html_paths(out: &Output) -> Vec<&str> {
    out.files()
        .keys()
        .map(String::as_str)
        .filter(|p| p.ends_with(".html"))
        .collect()
}

/// `x` as results.json's two-decimal figures print on the site.
fn two(v: &Value) -> String {
    format!("{:.2}", v.as_f64().unwrap())
}

#[test]
fn every_expected_page_exists() {
    let (eval, out) = build(&Fixture::new(), Audience::Public);
    let years: Vec<i32> = eval.years.iter().map(|r| r.year).collect();
    assert_eq!(
        years,
        vec![2022, 2023],
        "methodology 2022 starts the evaluation"
    );
    for p in [
        "index.html",
        "parks/index.html",
        "districts/index.html",
        "methodology/index.html",
        "methodology/2022.html",
        "downloads/index.html",
        "downloads/README.txt",
        "about.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "assets/site.css",
        "assets/site.js",
    ] {
        assert!(out.get(p).is_some(), "missing {p}");
    }
    assert!(
        out.get("gongshi.html").is_none(),
        "no notice page in the final stage"
    );
    assert!(
        out.get("methodology.html").is_none()
            && out.get("pages/methodology.html").is_none()
            && out.get("methodology/methodology.html").is_none(),
        "methodology.md is prose for /methodology/, not a page of its own"
    );
    for y in &years {
        assert!(out.get(&format!("{y}/index.html")).is_some());
        assert!(out.get(&format!("{y}/robustness.html")).is_some());
        let json = results(&out, *y);
        let listed: BTreeSet<&str> = json["parks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap())
            .collect();
        // 9 ordinary parks + vetoed + not reported + out of scope, all listed.
        assert_eq!(listed.len(), 12, "{y}");
        for id in &listed {
            assert!(
                out.get(&format!("{y}/parks/{id}.html")).is_some(),
                "{y} scorecard of {id}"
            );
        }
        let scorecards = out
            .files()
            .keys()
            .filter(|p| p.starts_with(&format!("{y}/parks/")))
            .count();
        assert_eq!(
            scorecards,
            listed.len(),
            "one scorecard per listed park and no more"
        );
    }
    for p in &eval.data.parks {
        assert!(out.get(&format!("parks/{}.html", p.id)).is_some());
    }
    let districts: BTreeSet<&str> = eval
        .data
        .parks
        .iter()
        .map(|p| p.district.as_str())
        .collect();
    let district_pages = out
        .files()
        .keys()
        .filter(|p| p.starts_with("districts/") && p.as_str() != "districts/index.html")
        .count();
    assert_eq!(district_pages, districts.len());
    // The home page is the latest year.
    let home = page(&out, "index.html");
    assert!(home.by_id("ranking").is_some());
    assert!(home.text().contains("2023年度评价结果"));
}

#[test]
fn numbers_in_the_html_equal_results_json() {
    let (eval, out) = build(&Fixture::new(), Audience::Public);
    for r in &eval.years {
        let y = r.year;
        let json = results(&out, y);
        let parks = json["parks"].as_array().unwrap();
        let rated: Vec<&Value> = parks.iter().filter(|p| p["status"] == "rated").collect();
        assert!(rated.len() >= 8, "the fixture rates most parks");
        let year_page = page(&out, &format!("{y}/index.html"));
        let rows = year_page
            .by_id("ranking")
            .unwrap()
            .find_all(|n| n.tag == "tr" && n.attr("data-id").is_some());
        assert_eq!(
            rows.len(),
            rated.len(),
            "{y}: one ranking row per rated park"
        );
        for (row, p) in rows.iter().zip(&rated) {
            assert_eq!(
                row.attr("data-id"),
                p["id"].as_str(),
                "{y}: rows in results.json order"
            );
            let cell = |col: &str| row.with_attr("data-col", col)[0].text();
            assert_eq!(cell("rank"), p["rank"].to_string());
            assert_eq!(cell("total"), two(&p["total"]));
            assert_eq!(cell("bonus"), two(&p["bonus"]));
            assert_eq!(cell("tier"), p["tier"].as_str().unwrap());
            let award = row.with_attr("data-col", "award")[0];
            assert_eq!(
                award.attr("data-sort").unwrap().parse::<f64>().unwrap(),
                p["award"].as_f64().unwrap()
            );
            for (k, d) in p["dimensions"].as_array().unwrap().iter().enumerate() {
                assert_eq!(cell(&format!("dim{}", k + 1)), two(&d["score"]));
            }
            // The page's own arithmetic: dimensions + bonus = total.
            let dims: f64 = (1..=3)
                .map(|k| cell(&format!("dim{k}")).parse::<f64>().unwrap())
                .sum();
            let total: f64 = cell("total").parse().unwrap();
            let bonus: f64 = cell("bonus").parse().unwrap();
            assert!(
                (dims + bonus - total).abs() < 0.005,
                "{y} {}: {dims} + {bonus} != {total}",
                p["id"]
            );
        }
        // Headline: rated count and tiers.
        let figures: Vec<String> = year_page
            .find_all(|n| n.attr("class") == Some("figure-value"))
            .iter()
            .map(|n| n.text())
            .collect();
        assert_eq!(figures[0], rated.len().to_string());
        assert_eq!(figures[1], json["summary"]["tiers"]["A"].to_string());
        assert_eq!(figures[2], json["summary"]["tiers"]["B"].to_string());
        assert_eq!(figures[3], json["summary"]["tiers"]["C"].to_string());

        for p in parks {
            let id = p["id"].as_str().unwrap();
            let card = page(&out, &format!("{y}/parks/{id}.html"));
            if p["status"] != "rated" {
                assert!(
                    card.by_id("calculation").is_none(),
                    "{id}: no calculation when not rated"
                );
                let reason = card.with_attr("data-field", "reason");
                assert_eq!(reason.len(), 1, "{y} {id}: a reason is given");
                assert!(!reason[0].text().is_empty());
                continue;
            }
            let field = |f: &str| card.with_attr("data-field", f)[0].text();
            assert_eq!(field("total"), two(&p["total"]));
            assert_eq!(field("base"), two(&p["base"]));
            assert_eq!(field("bonus"), two(&p["bonus"]));
            assert!(field("rank").starts_with(&format!("第{}名", p["rank"])));
            let calc = card.by_id("calculation").unwrap();
            let mut sum: f64 = 0.0;
            for ind in p["indicators"].as_array().unwrap() {
                let row = calc.with_attr("data-indicator", ind["id"].as_str().unwrap())[0];
                let cell = |col: &str| row.with_attr("data-col", col)[0].text();
                assert_eq!(cell("contribution"), two(&ind["contribution"]));
                assert_eq!(
                    cell("level_score"),
                    format!("{:.2}", ind["level_score"].as_f64().unwrap())
                );
                assert_eq!(cell("weight"), trimmed(ind["weight"].as_f64().unwrap(), 2));
                assert_eq!(
                    cell("combined"),
                    format!("{:.4}", ind["combined"].as_f64().unwrap())
                );
                match ind["growth_score"].as_f64() {
                    Some(g) => assert_eq!(cell("growth_score"), format!("{g:.2}")),
                    None => assert_eq!(cell("growth_score"), "—"),
                }
                // contribution = round(weight × combined / 100, 2), from the printed figures.
                let w: f64 = cell("weight").parse().unwrap();
                let c: f64 = cell("combined").parse().unwrap();
                let contribution: f64 = cell("contribution").parse().unwrap();
                assert!(
                    (w * c / 100.0 - contribution).abs() <= 0.0051,
                    "{id}: {w} × {c} / 100 vs {contribution}"
                );
                sum += contribution;
            }
            let base: f64 = field("base").parse().unwrap();
            assert!(
                (sum - base).abs() < 0.005,
                "{y} {id}: contributions sum to {sum}, base is {base}"
            );
        }
    }
}

#[test]
fn links_resolve_to_files_inside_the_site() {
    let (_, out) = build(&Fixture::new().gongshi(), Audience::Public);
    let mut checked = 0;
    for path in html_paths(&out) {
        let doc = page(&out, path);
        let dir: Vec<&str> = path.split('/').collect();
        let dir = &dir[..dir.len() - 1];
        for n in doc.all() {
            for attr in ["href", "src"] {
                let Some(url) = n.attr(attr) else { continue };
                if url.starts_with('#')
                    || url.starts_with("data:")
                    || url.starts_with("mailto:")
                    || url.starts_with("tel:")
                {
                    continue;
                }
                if url.starts_with("http://")
                    || url.starts_with("https://")
                    || url.starts_with("//")
                {
                    // Only the canonical link, the other editions' addresses and the
                    // 404 page's ways home may be absolute, and nothing absolute is
                    // ever loaded.
                    assert_eq!(
                        attr, "href",
                        "{path}: {url} would be requested from outside"
                    );
                    assert!(
                        matches!(n.attr("rel"), Some("canonical" | "alternate"))
                            || path.ends_with("404.html"),
                        "{path}: absolute link {url}"
                    );
                    assert!(
                        url.starts_with("https://example.gov.cn/xwyq/"),
                        "{path}: {url}"
                    );
                    continue;
                }
                assert!(
                    !url.starts_with('/'),
                    "{path}: root-relative {url} breaks under a sub-path"
                );
                let target = url.split(['#', '?']).next().unwrap();
                let mut parts: Vec<&str> = dir.to_vec();
                for seg in target.split('/') {
                    match seg {
                        ".." => {
                            assert!(parts.pop().is_some(), "{path}: {url} leaves the site");
                        }
                        "." | "" => {}
                        s => parts.push(s),
                    }
                }
                let resolved = parts.join("/");
                assert!(
                    out.get(&resolved).is_some(),
                    "{path}: {url} → {resolved} does not exist"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "checked {checked} links");
}

/// Replaces each inline SVG's drawing with a marker, keeping its title and description.
fn elide_svg(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<svg") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find("</svg>").unwrap() + i + "</svg>".len();
        let svg = &rest[i..end];
        let keep_to = svg
            .find("</desc>")
            .map(|d| d + "</desc>".len())
            .unwrap_or(0);
        out.push_str(&svg[..keep_to]);
        out.push_str("\n[… drawing …]\n</svg>");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn scorecard_snapshot() {
    let (_, out) = build(&Fixture::new(), Audience::Public);
    let html = text(&out, "2023/parks/p02.html");
    insta::assert_snapshot!("scorecard_p02_2023", elide_svg(&html));
}

#[test]
fn every_page_is_well_formed_html() {
    for f in [Fixture::new(), Fixture::new().gongshi().evil()] {
        for audience in [Audience::Public, Audience::Internal] {
            let (_, out) = build(&f, audience);
            for path in html_paths(&out) {
                let src = text(&out, path);
                let lang = if path.starts_with("en/") {
                    "en"
                } else {
                    "zh-CN"
                };
                assert!(
                    src.starts_with(&format!("<!doctype html>\n<html lang=\"{lang}\">")),
                    "{path}"
                );
                let doc = parse(&src).unwrap_or_else(|e| panic!("{path}: {e}"));
                let titles = doc.find_all(|n| n.tag == "title" && n.attr("id").is_none());
                assert_eq!(titles.len(), 1, "{path}: one <title>");
                assert!(!titles[0].text().is_empty());
                let mut ids = BTreeSet::new();
                for n in doc.all() {
                    if let Some(id) = n.attr("id") {
                        assert!(ids.insert(id.to_string()), "{path}: duplicate id {id}");
                    }
                }
                for svg in doc.find_all(|n| n.tag == "svg") {
                    let labels = svg.attr("aria-labelledby").unwrap_or_default();
                    for id in labels.split_whitespace() {
                        assert!(doc.by_id(id).is_some(), "{path}: chart label {id} missing");
                    }
                    assert!(
                        svg.children
                            .iter()
                            .any(|c| matches!(c, html::Child::El(n) if n.tag == "title")),
                        "{path}: chart without <title>"
                    );
                    assert!(
                        svg.children
                            .iter()
                            .any(|c| matches!(c, html::Child::El(n) if n.tag == "desc")),
                        "{path}: chart without <desc>"
                    );
                }
            }
            let sitemap = text(&out, "robots.txt");
            assert!(!sitemap.contains('<'));
        }
    }
}

#[test]
fn charts_come_with_their_numbers() {
    let (_, out) = build(&Fixture::new(), Audience::Public);
    for path in [
        "index.html",
        "2023/parks/p01.html",
        "parks/p01.html",
        "districts/index.html",
        "2023/robustness.html",
    ] {
        let doc = page(&out, path);
        let figures = doc.find_all(|n| n.tag == "figure");
        assert!(!figures.is_empty(), "{path}: no chart");
        for f in figures {
            assert_eq!(f.find_all(|n| n.tag == "svg").len(), 1, "{path}");
            let table = f.find_all(|n| n.tag == "table");
            assert_eq!(table.len(), 1, "{path}: a chart's numbers sit beside it");
            assert!(table[0].find_all(|n| n.tag == "tr").len() >= 2);
        }
    }
}

/// Every way the site (or its data files) could print `v`.
fn spellings(v: f64) -> Vec<String> {
    let mut s = vec![
        trimmed(v, 4),
        grouped(v, 4),
        trimmed(v, 2),
        grouped(v, 2),
        fixed(v, 2),
        fixed(v, 4),
        format!("{v}"),
        serde_json::to_string(&v).unwrap(),
    ];
    s.sort();
    s.dedup();
    s
}

#[test]
fn the_public_build_leaks_no_private_value() {
    let f = Fixture::new().evil();
    let (eval, public) = build(&f, Audience::Public);
    let (_, internal) = build(&f, Audience::Internal);
    // Every private raw value of every park and year, and every note.
    let mut needles: BTreeMap<String, String> = BTreeMap::new();
    for p in &eval.data.parks {
        for (y, rec) in &p.years {
            for (m, v) in &rec.metrics {
                if PRIVATE.contains(&m.as_str()) {
                    for s in spellings(*v) {
                        needles.insert(s, format!("{} {y} {m} = {v}", p.id));
                    }
                }
            }
            if let Some(note) = &rec.note {
                needles.insert(note.clone(), format!("{} {y} note", p.id));
                needles.insert(
                    html::decode(&parkscore::present::html::escape(note)),
                    format!("{} {y} note", p.id),
                );
                needles.insert(
                    parkscore::present::html::escape(note),
                    format!("{} {y} note (escaped)", p.id),
                );
            }
        }
    }
    assert!(needles.len() > 200, "{} needles", needles.len());
    // The generator's values really are the ones in the data.
    assert_eq!(
        eval.data.park("p03").unwrap().years[&2022].metrics["tax_wan"],
        private_value(2, 2022, "tax_wan")
    );

    let hits = |out: &Output| -> Vec<String> {
        let mut found = Vec::new();
        for (path, bytes) in out.files() {
            let hay = String::from_utf8_lossy(bytes);
            for (needle, what) in &needles {
                if hay.contains(needle.as_str()) {
                    found.push(format!("{path}: `{needle}` ({what})"));
                }
            }
        }
        found
    };
    let leaks = hits(&public);
    assert!(
        leaks.is_empty(),
        "the public build prints private values:\n{}",
        leaks.join("\n")
    );
    // The scan is not vacuous: the internal build shows the same values, notes and gf(Y−1) → gf(Y).
    let shown = hits(&internal);
    assert!(
        shown.len() > 100,
        "the internal build should show private values; found {}",
        shown.len()
    );
    let card = text(&internal, "2023/parks/p02.html");
    let rd_2022 = grouped(private_value(1, 2022, "rd_wan"), 4);
    let rd_2023 = grouped(private_value(1, 2023, "rd_wan"), 4);
    assert!(
        card.contains(&format!("{rd_2022} → {rd_2023}")),
        "internal scorecards show growth inputs"
    );
    // The what-if tables are in the scan: internal scorecards print the raw values of
    // private driver metrics (needles), public ones (checked above) print none.
    let mut private_rows = 0;
    for path in html_paths(&internal) {
        let Some(table) = page(&internal, path).by_id("whatif").cloned() else {
            continue;
        };
        for row in table.find_all(|n| {
            n.attr("data-reachable") == Some("true")
                && n.attr("data-metric").is_some_and(|m| PRIVATE.contains(&m))
        }) {
            let old = row.with_attr("data-col", "metric_old")[0].text();
            assert!(needles.contains_key(&old), "{path}: {old} is a raw value");
            private_rows += 1;
        }
    }
    assert!(
        private_rows >= 3,
        "{private_rows} what-if rows with a private driver"
    );
    assert!(text(&internal, "2023/parks/px-veto.html").contains("机密备注甲乙丙7731"));
    assert!(text(&internal, "2023/index.html").contains("机密备注丁戊己8842"));
}

#[test]
fn internal_pages_are_noindex_and_public_pages_are_not() {
    let (_, internal) = build(&Fixture::new(), Audience::Internal);
    let (_, public) = build(&Fixture::new(), Audience::Public);
    let noindex = "<meta name=\"robots\" content=\"noindex";
    for path in html_paths(&internal) {
        assert!(text(&internal, path).contains(noindex), "{path}");
    }
    for path in html_paths(&public)
        .into_iter()
        .filter(|p| !p.ends_with("404.html"))
    {
        assert!(!text(&public, path).contains(noindex), "{path}");
    }
    assert_eq!(
        text(&internal, "robots.txt"),
        "User-agent: *\nDisallow: /\n"
    );
    assert!(internal.get("sitemap.xml").is_none());
    assert!(
        text(&public, "robots.txt").contains("Sitemap: https://example.gov.cn/xwyq/sitemap.xml")
    );
}

#[test]
fn the_sitemap_lists_every_page_once() {
    let (_, out) = build(&Fixture::new(), Audience::Public);
    let xml = text(&out, "sitemap.xml");
    let locs: Vec<&str> = xml
        .match_indices("<loc>")
        .map(|(i, _)| &xml[i + 5..i + 5 + xml[i..].find("</loc>").unwrap() - 5])
        .collect();
    let pages: Vec<&str> = html_paths(&out)
        .into_iter()
        .filter(|p| !p.ends_with("404.html"))
        .collect();
    assert_eq!(locs.len(), pages.len());
    assert!(locs.contains(&"https://example.gov.cn/xwyq/"));
    assert!(locs.contains(&"https://example.gov.cn/xwyq/2023/parks/p01.html"));
    assert!(locs.contains(&"https://example.gov.cn/xwyq/2023/"));
    let unique: BTreeSet<&&str> = locs.iter().collect();
    assert_eq!(unique.len(), locs.len());
    let (_, no_base) = build(&Fixture::new().without_base_url(), Audience::Public);
    assert!(no_base.get("sitemap.xml").is_none());
    assert!(!text(&no_base, "index.html").contains("rel=\"canonical\""));
}

#[test]
fn markup_in_the_data_shows_as_text_everywhere() {
    let (_, out) = build(&Fixture::new().evil(), Audience::Internal);
    let mut scripts = 0;
    for (path, bytes) in out.files() {
        if !(path.ends_with(".html")
            || path.ends_with(".xml")
            || path.ends_with(".txt")
            || path.ends_with(".svg"))
        {
            continue;
        }
        let s = String::from_utf8_lossy(bytes);
        for bad in [
            "<script>alert",
            "<img src=x",
            "<iframe",
            "<b>恶意区</b>",
            "<i>x</i>",
            "=\"javascript:",
            "http://evil.example/x.png\"><",
            "<em>本站",
        ] {
            assert!(!s.contains(bad), "{path} contains raw `{bad}`");
        }
        for (i, _) in s.match_indices("<script") {
            assert!(
                s[i..].starts_with("<script src=\""),
                "{path}: unexpected script tag"
            );
            assert!(
                s[i..].contains("assets/site.js\" defer></script>"),
                "{path}"
            );
            scripts += 1;
        }
        if path.ends_with(".html") {
            // Still well formed: nothing the data said opened or closed an element.
            parse(&s).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
    assert!(scripts > 10);
    let card = page(&out, "2023/parks/px-evil.html");
    let h1 = card.find_all(|n| n.tag == "h1");
    assert_eq!(h1[0].text(), EVIL, "the name reads as itself");
    assert!(card.text().contains("<img src=x onerror=alert(2)>"));
    assert!(card.text().contains("<iframe src=javascript:alert(3)>"));
    assert!(
        card.text().contains("<script>alert(4)</script>"),
        "the note, as text"
    );
    let home = page(&out, "index.html");
    let row = home.with_attr("data-id", "px-evil");
    assert_eq!(row[0].attr("data-district"), Some("<b>恶意区</b>"));
    let about = page(&out, "about.html");
    assert!(
        about.text().contains(EVIL),
        "raw HTML in markdown is shown as text"
    );
    assert!(about.find_all(|n| n.tag == "img").is_empty());
    assert!(
        about.find_all(|n| n.tag == "table").len() == 1,
        "markdown tables render"
    );
    let svg_titles = page(&out, "parks/px-evil.html");
    let desc = svg_titles.find_all(|n| n.tag == "desc");
    assert!(
        desc.iter().any(|d| d.text().contains(EVIL)),
        "the chart description names the park, as text"
    );
}

#[test]
fn the_gongshi_stage_puts_a_banner_on_every_page() {
    let (_, out) = build(&Fixture::new().gongshi(), Audience::Public);
    for path in html_paths(&out)
        .into_iter()
        .filter(|p| !p.ends_with("404.html"))
    {
        let doc = page(&out, path);
        let banner = doc.find_all(|n| n.attr("class") == Some("banner banner-gongshi"));
        assert_eq!(banner.len(), 1, "{path}");
        let t = banner[0].text();
        assert!(
            t.contains("2024-03-01")
                && t.contains("2024-03-07")
                && t.contains("企业服务科 0000-7654321"),
            "{path}: {t}"
        );
    }
    let notice = page(&out, "gongshi.html");
    let t = notice.text();
    assert!(t.contains("异议"));
    let rows = notice
        .by_id("gongshi-ranking")
        .unwrap()
        .find_all(|n| n.tag == "tr" && n.attr("data-id").is_some());
    let json = results(&out, 2023);
    let rated = json["parks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["status"] == "rated")
        .count();
    assert_eq!(rows.len(), rated, "the notice lists the results");
}

#[test]
fn the_downloads_page_lists_what_is_there_and_the_readme_explains_it() {
    let dir = tempfile::tempdir().unwrap();
    Fixture::new().write(dir.path());
    let eval = parkscore::evaluate(&DataSource::Dir(dir.path().to_path_buf())).unwrap();
    let out = render_site(&eval, &[], Audience::Public);
    let doc = page(&out, "downloads/index.html");
    let hrefs: Vec<&str> = doc
        .find_all(|n| n.tag == "a")
        .iter()
        .filter_map(|a| a.attr("href"))
        .collect();
    for h in [
        "../2023/results.json",
        "../2023/results.csv",
        "../2022/results.json",
        "../2022/results.csv",
        "../downloads/results-2023.xlsx",
        "../downloads/README.txt",
    ] {
        assert!(hrefs.contains(&h), "downloads page lacks {h}: {hrefs:?}");
    }
    assert!(
        hrefs.contains(&"../downloads/results-2022.xlsx"),
        "every year has its workbook"
    );
    // Each file is listed with its real size (under 1 KiB in bytes, else KB).
    let files = doc.find_all(|n| n.tag == "ul" && n.attr("class") == Some("files"));
    for li in files.iter().flat_map(|ul| ul.find_all(|n| n.tag == "li")) {
        let a = li.find_all(|n| n.tag == "a")[0];
        let path = a.attr("href").unwrap().trim_start_matches("../");
        let size = out
            .get(path)
            .unwrap_or_else(|| panic!("{path} is listed"))
            .len();
        let shown = if size < 1024 {
            format!("{size} B")
        } else {
            format!("{:.1} KB", size as f64 / 1024.0)
        };
        assert!(
            li.text().contains(&shown),
            "{path}: {size} bytes, {}",
            li.text()
        );
    }
    let readme = text(&out, "downloads/README.txt");
    assert!(readme.contains(&eval.data.hash));
    // Every CSV header is explained.
    let csv = String::from_utf8(out.get("2023/results.csv").unwrap()[3..].to_vec()).unwrap();
    for col in csv.lines().next().unwrap().split(',') {
        assert!(
            readme.contains(&format!("  {col}：")),
            "README does not explain the CSV column {col}"
        );
    }
    // Every results.json key is explained.
    let json = results(&out, 2023);
    let mut keys: BTreeSet<String> = json.as_object().unwrap().keys().cloned().collect();
    keys.extend(json["parks"][0].as_object().unwrap().keys().cloned());
    keys.extend(
        json["parks"][0]["indicators"][0]
            .as_object()
            .unwrap()
            .keys()
            .cloned(),
    );
    for k in keys {
        assert!(
            readme.contains(&k),
            "README does not explain the JSON field {k}"
        );
    }
    // The same hash is in every page's footer.
    for path in html_paths(&out)
        .into_iter()
        .filter(|p| !p.ends_with("404.html"))
    {
        assert!(
            text(&out, path).contains(&format!(
                "<code class=\"data-hash\">{}</code>",
                eval.data.hash
            )),
            "{path}"
        );
    }
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    Fixture::new().evil().write(dir.path());
    let eval = parkscore::evaluate(&DataSource::Dir(dir.path().to_path_buf())).unwrap();
    let render = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| parkscore::render(&eval, Audience::Internal).unwrap())
    };
    let one = render(1);
    let four = render(4);
    // The robustness study is part of what is compared.
    assert!(one.get("2023/robustness.html").is_some());
    assert!(one.files().iter().any(
        |(p, b)| p.contains("/parks/") && String::from_utf8_lossy(b).contains("id=\"whatif\"")
    ));
    assert_eq!(
        one.files().keys().collect::<Vec<_>>(),
        four.files().keys().collect::<Vec<_>>()
    );
    for (path, bytes) in one.files() {
        assert!(
            four.get(path) == Some(bytes.as_slice()),
            "{path} differs between 1 and 4 threads"
        );
    }
}

#[test]
fn the_sample_city_builds_and_every_prose_page_is_published() {
    let (eval, out) = sample();
    for p in &eval.data.pages {
        if p.slug != "methodology" {
            assert!(out.get(&format!("{}.html", p.slug)).is_some(), "{}", p.slug);
        }
    }
    assert!(
        text(out, "methodology/index.html").contains("功效系数法"),
        "methodology.md is the prose of /methodology/"
    );
}

#[test]
fn present_and_templates_keep_their_boundaries() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Sub-folders too (present/monitoring/).
    for entry in walkdir::WalkDir::new(root.join("src/present")) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        for banned in ["std::fs", "tera::", "plotters::"] {
            assert!(
                !src.contains(banned),
                "{} mentions {banned}",
                path.display()
            );
        }
    }
    // `| safe` only on trusted Html fields (named *_html).
    for entry in std::fs::read_dir(root.join("templates")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        for (i, _) in src.match_indices("| safe") {
            let before = &src[..i];
            let expr = before.rsplit("{{").next().unwrap().trim();
            assert!(
                expr.ends_with("_html"),
                "{}: `| safe` on `{expr}`",
                path.display()
            );
        }
    }
}

#[test]
fn a_city_without_an_evaluated_year_still_gets_a_home_page() {
    let dir = tempfile::tempdir().unwrap();
    Fixture::new().write(dir.path());
    // The only methodology starts after the last record: nothing is evaluated yet.
    std::fs::rename(
        dir.path().join("methodology/2022.yaml"),
        dir.path().join("methodology/2030.yaml"),
    )
    .unwrap();
    let eval = parkscore::evaluate(&DataSource::Dir(dir.path().to_path_buf())).unwrap();
    assert!(eval.years.is_empty());
    let out = parkscore::render(&eval, Audience::Public).unwrap();
    let home = page(&out, "index.html");
    assert!(home.text().contains("尚无已评价的年度"));
    assert!(out.get("parks/p01.html").is_some());
    assert!(out.get("methodology/2030.html").is_some());
}
