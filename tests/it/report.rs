//! The one-file report (`parkscore report`), built from the site's fixture data:
//! it references nothing outside itself, lists every park of the year with the
//! numbers of results.json, shows the site's own calculation table and charts,
//! leaks no private value in its public edition, and is byte-identical across
//! runs and thread counts. The command writes it atomically and summarises.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::process::Command;

use parkscore::present::format::{fixed, grouped, trimmed};
use parkscore::present::Audience;
use parkscore::progress::Silent;
use parkscore::report::report_html;
use parkscore::{DataSource, Evaluation};
use serde_json::Value;

use crate::support::fixture::{Fixture, PRIVATE};
use crate::support::html::{parse, Node};

fn evaluate(f: &Fixture) -> Evaluation {
    let dir = tempfile::tempdir().unwrap();
    f.write(dir.path());
    parkscore::evaluate(
        &DataSource::Dir(dir.path().to_path_buf()),
        &Default::default(),
    )
    .unwrap_or_else(|e| panic!("fixture does not load: {e}"))
}

fn report(eval: &Evaluation, year: i32, audience: Audience) -> String {
    let html =
        report_html(eval, year, audience, &Silent).unwrap_or_else(|e| panic!("report {year}: {e}"));
    String::from_utf8(html).unwrap()
}

/// results.json of `year`, as the site publishes it.
fn results(eval: &Evaluation, year: i32) -> Value {
    let site = parkscore::render(eval, &parkscore::RenderOptions::of(Audience::Public)).unwrap();
    serde_json::from_slice(site.get(&format!("{year}/results.json")).unwrap()).unwrap()
}

fn two(v: &Value) -> String {
    format!("{:.2}", v.as_f64().unwrap())
}

fn has_class(n: &Node, class: &str) -> bool {
    n.attr("class")
        .is_some_and(|c| c.split_whitespace().any(|x| x == class))
}

/// Every attribute that could make a browser load or open something.
fn references(doc: &Node) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for n in doc.all() {
        for (k, v) in &n.attrs {
            let k_l = k.to_ascii_lowercase();
            if k_l == "src"
                || k_l.ends_with("href")
                || k_l == "srcset"
                || k_l == "action"
                || k_l == "formaction"
                || k_l == "poster"
                || k_l == "data"
                || k_l == "background"
            {
                out.push((n.tag.clone(), k.clone(), v.clone()));
            }
        }
    }
    out
}

#[test]
fn the_report_references_nothing_outside_itself() {
    for f in [Fixture::city(), Fixture::city().gongshi().evil()] {
        let eval = evaluate(&f);
        for audience in [Audience::Internal, Audience::Public] {
            for r in &eval.years {
                let src = report(&eval, r.year, audience);
                let doc = parse(&src).unwrap_or_else(|e| panic!("{}: {e}", r.year));
                let ids: BTreeSet<&str> = doc.all().iter().filter_map(|n| n.attr("id")).collect();
                let refs = references(&doc);
                assert!(refs.len() > 10, "in-page links expected, found {refs:?}");
                for (tag, attr, value) in refs {
                    assert!(
                        attr.ends_with("href") && value.starts_with('#'),
                        "<{tag} {attr}=\"{value}\"> points outside the report"
                    );
                    assert!(
                        ids.contains(&value[1..]),
                        "<{tag} {attr}=\"{value}\"> points at no element of the report"
                    );
                }
                for tag in [
                    "link", "img", "iframe", "object", "embed", "source", "video", "audio",
                    "image", "use", "base", "form",
                ] {
                    assert!(
                        doc.find_all(|n| n.tag == tag).is_empty(),
                        "{}: a <{tag}> element",
                        r.year
                    );
                }
                for script in doc.find_all(|n| n.tag == "script") {
                    assert!(script.attr("src").is_none());
                }
                // CSS may not fetch anything either (fonts, images, imports).
                for style in doc.find_all(|n| n.tag == "style" || n.attr("style").is_some()) {
                    let css = format!("{} {}", style.text(), style.attr("style").unwrap_or(""));
                    for bad in ["url(", "@import", "@font-face", "image-set("] {
                        assert!(!css.contains(bad), "{}: {bad} in CSS", r.year);
                    }
                }
            }
        }
    }
    // And as raw text (the evil fixture prints escaped `src=` as text, so not that one).
    let eval = evaluate(&Fixture::city());
    let src = report(&eval, 2023, Audience::Internal);
    assert!(!src.contains("src="), "src= in the report");
    assert!(!src.contains("url("), "url( in the report");
    assert_eq!(
        src.matches("href=").count(),
        src.matches("href=\"#").count(),
        "every href is an in-page anchor"
    );
    assert!(
        !src.replace("http://www.w3.org/2000/svg", "")
            .contains("://"),
        "the only URL is the SVG namespace (a name, never fetched)"
    );
}

#[test]
fn every_park_of_the_year_is_in_the_report_with_the_numbers_of_results_json() {
    let eval = evaluate(&Fixture::city());
    for r in &eval.years {
        let y = r.year;
        let json = results(&eval, y);
        let src = report(&eval, y, Audience::Internal);
        let doc = parse(&src).unwrap();
        let parks = json["parks"].as_array().unwrap();
        let rated: Vec<&Value> = parks.iter().filter(|p| p["rank"].is_u64()).collect();
        assert!(rated.len() >= 8 && rated.len() < parks.len(), "{y}");

        // Headline figures: rated parks, tiers, awards total.
        let figures: Vec<String> = doc
            .find_all(|n| has_class(n, "figure-value"))
            .iter()
            .map(|n| n.text())
            .collect();
        let s = &json["summary"];
        assert_eq!(figures[0], s["rated"].to_string());
        assert_eq!(figures[1], s["tiers"]["A"].to_string());
        assert_eq!(figures[2], s["tiers"]["B"].to_string());
        assert_eq!(figures[3], s["tiers"]["C"].to_string());
        assert_eq!(figures[4], trimmed(s["awards_total"].as_f64().unwrap(), 2));
        // The three development goals.
        assert_eq!(doc.find_all(|n| has_class(n, "goal")).len(), 3, "{y}");

        // The ranking: every rated park, in order, name and total as in results.json.
        let rows = doc
            .by_id("ranking")
            .unwrap()
            .find_all(|n| n.tag == "tr" && n.attr("data-id").is_some());
        assert_eq!(rows.len(), rated.len(), "{y}");
        for (row, p) in rows.iter().zip(&rated) {
            let id = p["id"].as_str().unwrap();
            assert_eq!(row.attr("data-id"), Some(id));
            let cell = |c: &str| row.with_attr("data-col", c)[0].text();
            assert_eq!(cell("name"), p["name"].as_str().unwrap());
            assert_eq!(cell("total"), two(&p["total"]));
            assert_eq!(cell("rank"), p["rank"].to_string());
            let link = row.find_all(|n| n.tag == "a")[0].attr("href").unwrap();
            assert_eq!(link, format!("#park-{id}"));
        }

        // The unrated parks, each with its reason.
        let unrated = doc
            .by_id("unrated")
            .unwrap()
            .find_all(|n| n.tag == "tr" && n.attr("data-id").is_some());
        assert_eq!(unrated.len(), parks.len() - rated.len(), "{y}");

        // One collapsible scorecard per listed park, in results.json order.
        let cards = doc.find_all(|n| n.tag == "details" && has_class(n, "card"));
        let ids: Vec<&str> = cards.iter().map(|c| c.attr("data-park").unwrap()).collect();
        let want: Vec<&str> = parks.iter().map(|p| p["id"].as_str().unwrap()).collect();
        assert_eq!(ids, want, "{y}");
        for (card, p) in cards.iter().zip(parks) {
            let id = p["id"].as_str().unwrap();
            assert_eq!(card.attr("id"), Some(format!("park-{id}").as_str()));
            assert!(card.attr("open").is_none(), "{id}: cards start closed");
            let summary = card.find_all(|n| n.tag == "summary");
            assert_eq!(summary.len(), 1);
            assert!(summary[0].text().contains(p["name"].as_str().unwrap()));
            let field = |f: &str| card.with_attr("data-field", f)[0].text();
            if p["rank"].is_u64() {
                assert_eq!(field("total"), two(&p["total"]), "{y} {id}");
                assert_eq!(field("base"), two(&p["base"]));
                assert_eq!(field("bonus"), two(&p["bonus"]));
                assert!(field("rank").starts_with(&format!("第{}名", p["rank"])));
                assert_eq!(card.find_all(|n| n.tag == "svg").len(), 3, "{id}");
                // Contributions add up to the base, from the printed figures.
                let calc = card.find_all(|n| has_class(n, "calculation"))[0];
                let sum: f64 = calc
                    .with_attr("data-col", "contribution")
                    .iter()
                    .map(|c| c.text().parse::<f64>().unwrap())
                    .sum();
                let base: f64 = field("base").parse().unwrap();
                assert!((sum - base).abs() < 0.005, "{y} {id}: {sum} vs {base}");
            } else {
                assert!(!field("reason").is_empty(), "{y} {id}: a reason");
                assert!(card.find_all(|n| has_class(n, "calculation")).is_empty());
            }
        }
    }
}

/// The text of a table, cell by cell.
fn table_text(t: &Node) -> Vec<Vec<String>> {
    t.find_all(|n| n.tag == "tr")
        .iter()
        .map(|tr| {
            tr.find_all(|n| n.tag == "th" || n.tag == "td")
                .iter()
                .map(|c| c.text())
                .collect()
        })
        .collect()
}

/// A report card's SVG with its ids as on the site's scorecard page.
fn site_ids(svg: &str, park: &str) -> String {
    svg.replace(&format!("chart-park-{park}-"), "chart-")
}

/// Every `<svg>…</svg>` in `html`, in order.
fn svgs(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<svg") {
        let end = rest[i..].find("</svg>").unwrap() + i + 6;
        out.push(&rest[i..end]);
        rest = &rest[end..];
    }
    out
}

#[test]
fn each_card_has_the_calculation_table_and_charts_of_the_site_scorecard() {
    let eval = evaluate(&Fixture::city());
    let site = parkscore::render(&eval, &parkscore::RenderOptions::of(Audience::Internal)).unwrap();
    let src = report(&eval, 2023, Audience::Internal);
    let doc = parse(&src).unwrap();
    let mut compared = 0;
    {
        for p in &eval.year(2023).unwrap().parks {
            let id = p.id.as_str();
            let page_src =
                String::from_utf8(site.get(&format!("2023/parks/{id}.html")).unwrap().to_vec())
                    .unwrap();
            let page = parse(&page_src).unwrap();
            let card = doc.by_id(&format!("park-{id}")).unwrap();
            // Same tables, cell for cell (calculation, dimensions, honors, raw data).
            for (site_id, class) in [
                ("calculation", "calculation"),
                ("dimensions", "dimensions"),
                ("honors", "honors"),
                ("metrics", "metrics"),
            ] {
                let a = page.by_id(site_id).map(table_text);
                let b = card
                    .find_all(|n| n.tag == "table" && has_class(n, class))
                    .first()
                    .map(|t| table_text(t));
                assert_eq!(a, b, "{id}: {site_id}");
            }
            // Same charts, drawn by the same renderer (ids aside).
            let start = src.find(&format!("id=\"park-{id}\"")).unwrap();
            let end = src[start..].find("</details>").unwrap() + start;
            let mine: Vec<String> = svgs(&src[start..end])
                .into_iter()
                .map(|s| site_ids(s, id))
                .collect();
            let theirs: Vec<&str> = svgs(&page_src);
            assert_eq!(mine.len(), theirs.len(), "{id}: chart count");
            assert_eq!(mine, theirs, "{id}: charts differ");
            compared += 1;
        }
    }
    assert_eq!(compared, 12);
}

/// Every way the report could print `v` (as the site's leak test).
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
fn a_public_report_leaks_no_private_value() {
    let eval = evaluate(&Fixture::city().evil());
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
                needles.insert(
                    parkscore::present::html::escape(note),
                    format!("{} {y} note", p.id),
                );
            }
        }
    }
    assert!(needles.len() > 200);
    let hits = |src: &str| -> Vec<String> {
        needles
            .iter()
            .filter(|(n, _)| src.contains(n.as_str()))
            .map(|(n, what)| format!("`{n}` ({what})"))
            .collect()
    };
    for r in &eval.years {
        let public = report(&eval, r.year, Audience::Public);
        let leaks = hits(&public);
        assert!(leaks.is_empty(), "{}: {}", r.year, leaks.join("\n"));
        assert!(!public.contains("内部版本"));
        // Not vacuous: the internal report shows them.
        let internal = report(&eval, r.year, Audience::Internal);
        let shown = hits(&internal);
        assert!(shown.len() > 50, "{}: {} shown", r.year, shown.len());
        assert!(internal.contains("内部版本"));
    }
    let internal = report(&eval, 2023, Audience::Internal);
    assert!(
        internal.contains("机密备注甲乙丙7731"),
        "the vetoed park's note"
    );
    assert!(
        internal.contains("机密备注丁戊己8842"),
        "the missing park's note"
    );
}

#[test]
fn the_report_is_well_formed_with_unique_ids_and_labelled_charts() {
    let eval = evaluate(&Fixture::city().gongshi().evil());
    for audience in [Audience::Public, Audience::Internal] {
        let src = report(&eval, 2023, audience);
        assert!(src.starts_with("<!doctype html>\n<html lang=\"zh-CN\">"));
        assert!(!src.contains("<script>alert"), "data is escaped");
        let doc = parse(&src).unwrap();
        let titles = doc.find_all(|n| n.tag == "title" && n.attr("id").is_none());
        assert_eq!(titles.len(), 1);
        let mut ids = BTreeSet::new();
        for n in doc.all() {
            if let Some(id) = n.attr("id") {
                assert!(ids.insert(id.to_string()), "duplicate id {id}");
            }
        }
        for svg in doc.find_all(|n| n.tag == "svg") {
            for id in svg.attr("aria-labelledby").unwrap().split_whitespace() {
                assert!(doc.by_id(id).is_some(), "chart label {id} missing");
            }
        }
        assert!(src.contains("公示期 2024-03-01 至 2024-03-07"));
        // Printing opens every card: a print rule and the beforeprint handler.
        assert!(src.contains("break-before: page"));
        assert!(src.contains("beforeprint"));
    }
}

#[test]
fn the_report_is_byte_identical_across_runs_and_thread_counts() {
    let eval = evaluate(&Fixture::city().evil());
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| report(&eval, 2023, Audience::Internal))
    };
    let a = run(1);
    let b = run(4);
    let c = run(4);
    assert!(
        a == b && b == c,
        "the report depends on the thread count or the run"
    );
}

fn parkscore(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_parkscore"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn the_command_writes_one_file_atomically_and_summarises() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    Fixture::city().write(&dir.join("data"));

    // Defaults: the latest year, internal, report-<Y>.html here; a one-line summary.
    let out = parkscore(dir, &["report", "--data", "data"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("wrote report-2023.html ("), "{stdout}");
    assert!(
        stdout.contains("12 scorecards, internal) for 2023"),
        "{stdout}"
    );
    let first = fs::read(dir.join("report-2023.html")).unwrap();
    assert!(String::from_utf8_lossy(&first).contains("内部版本"));
    assert!(
        stdout.contains(&format!("({} KiB", first.len() / 1024)),
        "{stdout}"
    );

    // Twice: the same bytes. --quiet: nothing on stdout.
    let out = parkscore(dir, &["report", "--data", "data", "--quiet"]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    assert_eq!(fs::read(dir.join("report-2023.html")).unwrap(), first);

    // A named year, audience and file (in a folder that does not exist yet).
    let out = parkscore(
        dir,
        &[
            "report",
            "--data",
            "data",
            "--year",
            "2022",
            "--audience",
            "public",
            "--out",
            "out/r.html",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let public = fs::read_to_string(dir.join("out/r.html")).unwrap();
    assert!(public.contains("2022年度小微企业园绩效评价报告"));
    assert!(!public.contains("内部版本"));

    // Nothing else was left behind (no temporary files).
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .chain(fs::read_dir(dir.join("out")).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec!["data", "out", "r.html", "report-2023.html"]);

    // A year that is not evaluated: a usage error naming the evaluated years, no file.
    let out = parkscore(dir, &["report", "--data", "data", "--year", "2019"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("2019 is not an evaluated year (evaluated: 2022, 2023)"),
        "{err}"
    );
    assert!(!dir.join("report-2019.html").exists());

    // Broken data: the problem with its file, and the old report untouched.
    fs::write(dir.join("data/parks/p01.yaml"), "id: p01\nname: [\n").unwrap();
    let out = parkscore(dir, &["report", "--data", "data"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("parks/p01.yaml"));
    assert_eq!(fs::read(dir.join("report-2023.html")).unwrap(), first);
}

#[test]
fn in_the_gongshi_stage_the_banner_links_to_the_notice_inside_the_report() {
    let eval = evaluate(&Fixture::city().gongshi());
    let doc = parse(&report(&eval, 2023, Audience::Public)).unwrap();
    let banner = doc.find_all(|n| n.attr("class") == Some("banner banner-gongshi"));
    assert_eq!(banner.len(), 1);
    let link = banner[0].find_all(|n| n.tag == "a");
    assert_eq!(
        link.len(),
        1,
        "the banner links to the notice (as the site's does)"
    );
    assert_eq!(link[0].attr("href"), Some("#gongshi"));
    let notice = doc.by_id("gongshi").expect("the notice is in the report");
    let t = notice.text();
    for part in [
        "2024-03-01",
        "2024-03-07",
        "企业服务科 0000-7654321",
        "异议",
    ] {
        assert!(t.contains(part), "{part} in {t}");
    }
    // The final stage has neither banner nor notice.
    let eval = evaluate(&Fixture::city());
    let doc = parse(&report(&eval, 2023, Audience::Public)).unwrap();
    assert!(doc.by_id("gongshi").is_none());
    assert!(doc
        .find_all(|n| n.attr("class") == Some("banner banner-gongshi"))
        .is_empty());
}
