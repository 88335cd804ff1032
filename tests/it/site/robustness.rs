//! The robustness study on the site: the 分档稳健性 page of every year, the tier
//! shares on the scorecards, and the 升档测算 (what-if) rows, checked by writing
//! them into the data and evaluating again.

use parkscore::load::{self, SourceFiles};
use parkscore::present::format::{fixed, grouped};
use parkscore::present::Audience;
use parkscore::DataSource;
use serde_json::Value;

use super::{build, page, results, sample, text};
use crate::support::fixture::{Fixture, PRIVATE};
use crate::support::html::Node;
use crate::support::site::render_site;

/// "62.5%" → 625 (tenths of a percent), exactly.
fn tenths(share: &str) -> u64 {
    let s = share.strip_suffix('%').unwrap_or_else(|| panic!("{share}"));
    let (int, frac) = s.split_once('.').unwrap_or_else(|| panic!("{share}"));
    assert_eq!(frac.len(), 1, "{share}");
    int.parse::<u64>().unwrap() * 10 + frac.parse::<u64>().unwrap()
}

fn cell(row: &Node, col: &str) -> String {
    let c = row.with_attr("data-col", col);
    assert_eq!(c.len(), 1, "one {col} cell");
    c[0].text()
}

fn rated(json: &Value) -> Vec<&Value> {
    json["parks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["status"] == "rated")
        .collect()
}

#[test]
fn every_year_has_a_robustness_page_listing_every_rated_park() {
    let (eval, out) = build(&Fixture::city(), Audience::Public);
    assert_eq!(eval.years.len(), 2);
    for r in &eval.years {
        let y = r.year;
        let json = results(&out, y);
        let rated = rated(&json);
        let n = rated.len();
        let path = format!("{y}/robustness.html");
        let doc = page(&out, &path);
        let field = |f: &str| doc.with_attr("data-field", f)[0].text();
        // The build's settings: 9 rated parks × 200 runs is far below 400 000.
        assert_eq!(field("runs"), "200");
        assert_eq!(field("spread"), "±10%");
        assert_eq!(field("seed"), "1");
        assert_eq!(field("rated"), n.to_string());

        let rows = doc
            .by_id("robustness")
            .unwrap()
            .find_all(|x| x.tag == "tr" && x.attr("data-id").is_some());
        assert_eq!(rows.len(), n, "{y}: one row per rated park");
        let mut unstable = 0;
        for (row, p) in rows.iter().zip(&rated) {
            let id = p["id"].as_str().unwrap();
            assert_eq!(row.attr("data-id"), Some(id), "{y}: in results.json order");
            assert_eq!(cell(row, "rank"), p["rank"].to_string());
            let tier = p["tier"].as_str().unwrap();
            assert_eq!(cell(row, "tier"), tier);
            let shares: Vec<u64> = (1..=3)
                .map(|k| tenths(&cell(row, &format!("share{k}"))))
                .collect();
            assert_eq!(shares.iter().sum::<u64>(), 1000, "{y} {id}: {shares:?}");
            // 200 runs: every share is a whole number of half percents.
            assert!(shares.iter().all(|s| s % 5 == 0), "{y} {id}: {shares:?}");
            let own = shares[(tier.as_bytes()[0] - b'A') as usize];
            let holds = cell(row, "holds");
            assert!(holds.starts_with(&format!("{}.{}%", own / 10, own % 10)));
            assert_eq!(own < 900, holds.contains("不稳"), "{y} {id}: {holds}");
            unstable += usize::from(own < 900);
            let (lo, hi) = cell(row, "interval")
                .split_once('–')
                .map(|(a, b)| (a.parse::<f64>().unwrap(), b.parse::<f64>().unwrap()))
                .unwrap();
            let median: f64 = cell(row, "median").parse().unwrap();
            assert!(
                1.0 <= lo && lo <= median && median <= hi && hi <= n as f64,
                "{y} {id}: {lo} ≤ {median} ≤ {hi} within 1..{n}"
            );
            let link = row.find_all(|x| x.tag == "a")[0].attr("href").unwrap();
            assert_eq!(link, format!("../{y}/parks/{id}.html"));
        }
        assert_eq!(field("unstable"), unstable.to_string());
        // The chart: titled, one dot per park.
        let html = text(&out, &path);
        let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
        assert_eq!(svg.matches("<circle").count(), n);
        assert!(svg.contains("<title id=\"chart-intervals-t\">") && svg.contains("<desc "));
        // Linked from the year page.
        let link = format!("href=\"../{y}/robustness.html\"");
        assert!(text(&out, &format!("{y}/index.html")).contains(&link));
    }
    assert!(text(&out, "index.html").contains("href=\"2023/robustness.html\""));
}

#[test]
fn sample_city_scorecards_show_tier_shares_that_sum_to_100_percent() {
    let (eval, out) = sample();
    let mut cards = 0;
    for r in &eval.years {
        let y = r.year;
        let m = eval.data.methodology_for(y).unwrap();
        let table = page(out, &format!("{y}/robustness.html"));
        for p in r.rated() {
            let id = p.id.as_str();
            let card = page(out, &format!("{y}/parks/{id}.html"));
            let section = card.by_id("robustness").expect("a 分档稳健性 section");
            let mut sum = 0;
            let mut runs = 0;
            let mut shares = Vec::new();
            for t in ["A", "B", "C"] {
                let dd = section.with_attr("data-tier-share", t);
                assert_eq!(dd.len(), 1, "{y} {id} {t}");
                let share = tenths(&cell(dd[0], "share"));
                let n: u64 = cell(dd[0], "runs")
                    .strip_suffix('次')
                    .unwrap()
                    .parse()
                    .unwrap();
                // share = n / 200 runs, in tenths of a percent.
                assert_eq!(share, n * 5, "{y} {id} {t}");
                sum += share;
                runs += n;
                shares.push(format!("{}.{}%", share / 10, share % 10));
            }
            assert_eq!(sum, 1000, "{y} {id}: the shares add up to 100.0%");
            assert_eq!(runs, 200, "{y} {id}");
            let current = section.find_all(|x| x.attr("class") == Some("current"));
            assert_eq!(current.len(), 1);
            assert!(current[0]
                .text()
                .contains(&format!("落入{}档", p.tier.unwrap().as_str())));
            // The same numbers as the year's robustness page.
            let row = table.with_attr("data-id", id);
            assert_eq!(row.len(), 1, "{y} {id} on the robustness page");
            for (k, s) in shares.iter().enumerate() {
                assert_eq!(&cell(row[0], &format!("share{}", k + 1)), s);
            }
            // The what-if: for parks below A only, one row per indicator.
            let whatif = card.by_id("whatif");
            if p.tier == Some(parkscore::evaluate::Tier::A) {
                assert!(whatif.is_none(), "{y} {id}: A has no next tier");
            } else {
                let rows = whatif
                    .unwrap_or_else(|| panic!("{y} {id}: no what-if"))
                    .find_all(|x| x.tag == "tr" && x.attr("data-indicator").is_some());
                assert_eq!(rows.len(), m.indicators.len());
            }
            cards += 1;
        }
    }
    assert!(cards > 60, "{cards} scorecards checked");
}

/// Sets `years.<year>.metrics.<metric>` in a park file, as a user would.
fn edit_yaml(files: &mut SourceFiles, park: &str, year: i32, metric: &str, value: f64) {
    let rel = format!("parks/{park}.yaml");
    let mut doc: serde_yaml::Value = serde_yaml::from_slice(&files.files[&rel]).unwrap();
    let record = doc["years"]
        .as_mapping_mut()
        .unwrap()
        .get_mut(serde_yaml::Value::Number(year.into()))
        .unwrap();
    record["metrics"][metric] = serde_yaml::Value::Number(value.into());
    files
        .files
        .insert(rel, serde_yaml::to_string(&doc).unwrap().into_bytes());
}

/// "1,234.5" → 1234.5
fn number(s: &str) -> f64 {
    s.replace(',', "")
        .parse()
        .unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn a_what_if_on_a_scorecard_written_into_the_data_reaches_the_tier() {
    let dir = tempfile::tempdir().unwrap();
    Fixture::city().write(dir.path());
    let eval = parkscore::evaluate(
        &DataSource::Dir(dir.path().to_path_buf()),
        &Default::default(),
    )
    .unwrap();
    let internal =
        parkscore::render(&eval, &parkscore::RenderOptions::of(Audience::Internal)).unwrap();
    let public = parkscore::render(&eval, &parkscore::RenderOptions::of(Audience::Public)).unwrap();
    let files = SourceFiles::read_dir(dir.path()).unwrap();
    let (mut checked, mut hidden, mut unreachable) = (0, 0, 0);
    for r in &eval.years {
        let y = r.year;
        let m = eval.data.methodology_for(y).unwrap();
        for p in r.rated() {
            let id = p.id.as_str();
            let path = format!("{y}/parks/{id}.html");
            let card = page(&internal, &path);
            let public_card = page(&public, &path);
            let Some(table) = card.by_id("whatif") else {
                assert_eq!(p.tier, Some(parkscore::evaluate::Tier::A), "{y} {id}");
                continue;
            };
            let target = match p.tier.unwrap().as_str() {
                "B" => "A",
                _ => "B",
            };
            for row in table.find_all(|x| x.tag == "tr" && x.attr("data-indicator").is_some()) {
                let indicator = row.attr("data-indicator").unwrap();
                let public_rows = public_card
                    .by_id("whatif")
                    .expect("the public card has the what-if too")
                    .with_attr("data-indicator", indicator);
                assert_eq!(public_rows.len(), 1);
                let public_row = public_rows[0];
                if row.attr("data-reachable") != Some("true") {
                    assert!(cell(row, "note").contains("单项提升无法升档"));
                    unreachable += 1;
                    continue;
                }
                let metric = row.attr("data-metric").unwrap();
                // Public: a private driver shows only its rise, never its values.
                let private = PRIVATE.contains(&metric);
                assert_eq!(
                    public_row.with_attr("data-col", "metric_new").is_empty(),
                    private,
                    "{y} {id} {indicator}"
                );
                // Nor its rise: with the indicator's values it would give a summand away.
                assert_eq!(
                    !cell(public_row, "metric").contains('%'),
                    private,
                    "{y} {id} {indicator}: {}",
                    cell(public_row, "metric")
                );
                hidden += usize::from(private);
                assert_eq!(cell(public_row, "value"), cell(row, "value"));
                assert_eq!(cell(public_row, "result"), cell(row, "result"));

                // Write the printed value into the park's file, load and evaluate again.
                let old = number(&cell(row, "metric_old"));
                let new = number(&cell(row, "metric_new"));
                assert!(new > old, "{y} {id} {indicator}: {old} → {new}");
                let mut edited = files.clone();
                edit_yaml(&mut edited, id, y, metric, new);
                let data = load::load(&edited, &Default::default()).unwrap();
                let after = parkscore::evaluate::evaluate_year(&data.parks, y, m);
                let q = after.park(id).unwrap();
                let tier = q.tier.unwrap().as_str();
                assert!(tier <= target, "{y} {id} {indicator}: {tier}, not {target}");
                // The row's figures are what the engine gives with that edit.
                assert_eq!(
                    cell(row, "result"),
                    format!(
                        "{} / 第{}名 / {tier}档",
                        fixed(q.total.unwrap().as_f64(), 2),
                        q.rank.unwrap()
                    )
                );
                let k = m.indicators.iter().position(|i| i.id == indicator).unwrap();
                let value = cell(row, "value");
                assert!(
                    value.ends_with(&format!("→ {}", grouped(q.indicators[k].value, 4))),
                    "{y} {id} {indicator}: {value}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 5, "{checked} what-ifs rebuilt");
    assert!(hidden >= 3, "{hidden} private drivers");
    assert!(unreachable >= 1, "{unreachable} unreachable rows");
}

#[test]
fn without_a_what_if_study_the_scorecard_points_to_explain() {
    use parkscore::analysis::site_study::WhatIfs;
    let dir = tempfile::tempdir().unwrap();
    Fixture::city().write(dir.path());
    let eval = parkscore::evaluate(
        &DataSource::Dir(dir.path().to_path_buf()),
        &Default::default(),
    )
    .unwrap();
    let mut studies = parkscore::analysis::site_study(&eval.data, &eval.years).unwrap();
    // As a year with more rated parks than the limit gets it.
    for s in &mut studies {
        s.what_if = WhatIfs::Skipped {
            rated: 301,
            limit: 300,
        };
    }
    let out = render_site(&eval, &studies, Audience::Public);
    let mut pointed = 0;
    for r in &eval.years {
        for p in r.rated() {
            let (y, id) = (r.year, p.id.as_str());
            let card = page(&out, &format!("{y}/parks/{id}.html"));
            assert!(card.by_id("whatif").is_none(), "{y} {id}: no table");
            assert!(card.by_id("robustness").is_some(), "{y} {id}: still robust");
            let note = card.with_attr("data-field", "whatif_skipped");
            if p.tier == Some(parkscore::evaluate::Tier::A) {
                assert!(note.is_empty());
                continue;
            }
            let t = note[0].text();
            assert!(
                t.contains(&format!("parkscore explain {id} --year {y}")) && t.contains("300"),
                "{t}"
            );
            pointed += 1;
        }
    }
    assert!(pointed >= 10, "{pointed}");
}
