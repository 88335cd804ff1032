//! The website: every page as bytes in memory. Pages (and their charts) render in
//! parallel; results are emitted in job order, so the output is byte-identical
//! whatever the thread count.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::analysis::YearStudy;
use crate::error::{Error, Result};
use crate::evaluate::YearResult;
use crate::model::{Dataset, ParkId};
use crate::present::charts::ChartView;
use crate::present::districts::{district_page, districts_index};
use crate::present::downloads::{downloads_page, readme};
use crate::present::gongshi::gongshi_page;
use crate::present::html::Html;
use crate::present::methodology_page::{methodology_index, methodology_page};
use crate::present::park_page::{park_page, parks_index};
use crate::present::robustness::robustness_page;
use crate::present::scorecard::scorecard;
use crate::present::site::{page_title, Chrome, Section, SiteData};
use crate::present::urls;
use crate::present::year_page::year_page;
use crate::present::Audience;
use crate::write::Output;

use super::figure::{figure, Figure};
use super::markdown;
use super::templates::{Engine, ASSETS};

/// One unit of parallel work; a park renders its page and all its scorecards.
enum Job {
    Year {
        y: usize,
        home: bool,
    },
    /// The home page of a site with no evaluated year yet.
    EmptyHome,
    Park(usize),
    ParksIndex,
    DistrictsIndex,
    District(usize),
    MethodologyIndex,
    Methodology(i32),
    Gongshi,
    Page(usize),
    Robustness(usize),
    NotFound,
}

type Files = Vec<(String, Vec<u8>)>;

/// Renders every page of the site into `out` (after the result files, so the
/// downloads page can list whatever is already there). Years with a study in
/// `studies` get a robustness page, and their scorecards its sections.
pub fn render_pages(
    data: &Dataset,
    years: &[YearResult],
    studies: &[YearStudy],
    audience: Audience,
    out: &mut Output,
) -> Result<()> {
    for page in &data.pages {
        if ParkId::parse(&page.slug).is_none() {
            return Err(Error::Other(format!(
                "pages/{}.md: page file names become web addresses, so they may use only lower-case ASCII letters, digits and '-' (e.g. about.md)",
                page.slug
            )));
        }
    }
    let engine = Engine::new()?;
    let site = SiteData::new(data, years, audience).with_studies(studies);

    let mut jobs: Vec<Job> = Vec::new();
    jobs.push(match site.latest() {
        Some(y) => Job::Year { y, home: true },
        None => Job::EmptyHome,
    });
    jobs.extend((0..years.len()).map(|y| Job::Year { y, home: false }));
    jobs.extend((0..data.parks.len()).map(Job::Park));
    jobs.push(Job::ParksIndex);
    jobs.push(Job::DistrictsIndex);
    jobs.extend((0..site.districts.len()).map(Job::District));
    jobs.push(Job::MethodologyIndex);
    jobs.extend(data.methodologies.keys().map(|v| Job::Methodology(*v)));
    jobs.push(Job::Gongshi);
    jobs.extend(
        data.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.slug != "methodology")
            .map(|(i, _)| Job::Page(i)),
    );
    jobs.extend((0..years.len()).map(Job::Robustness));
    jobs.push(Job::NotFound);

    let rendered: Vec<Result<Files>> = jobs
        .par_iter()
        .map(|job| render_job(&engine, &site, job))
        .collect();
    for files in rendered {
        for (path, bytes) in files? {
            out.emit(path, bytes)?;
        }
    }
    for (path, text) in ASSETS {
        out.emit(*path, text.as_bytes())?;
    }

    let readme_text = readme(&site);
    let readme_len = readme_text.len();
    out.emit(urls::downloads_readme(), readme_text)?;
    let existing: Vec<(&str, usize)> = out
        .files()
        .iter()
        .map(|(p, b)| (p.as_str(), b.len()))
        .collect();
    let view = downloads_page(&site, &existing, readme_len);
    let path = urls::downloads();
    let chrome = site.chrome(&path, "数据下载".into(), Section::Downloads);
    let html = render_page(&engine, "downloads.html", &chrome, &view, &[], &[])?;
    out.emit(path, html)?;

    let sitemap = sitemap(&engine, &site, out)?;
    out.emit("robots.txt", robots(&site, sitemap.is_some()))?;
    if let Some(xml) = sitemap {
        out.emit("sitemap.xml", xml)?;
    }
    Ok(())
}

fn render_job(engine: &Engine, site: &SiteData, job: &Job) -> Result<Files> {
    let data = site.data;
    let mut files: Files = Vec::new();
    match *job {
        Job::Year { y, home } => {
            let view = year_page(site, y);
            let path = if home {
                urls::home()
            } else {
                urls::year(view.year)
            };
            let title = format!("{}年度评价结果", view.year);
            let section = if home { Section::Home } else { Section::Years };
            let chrome = site.chrome(&path, title, section);
            let figs = [&view.tier_chart, &view.district_chart];
            files.push((
                path,
                render_page(engine, "year.html", &chrome, &view, &figs, &[])?,
            ));
        }
        Job::EmptyHome => {
            let path = urls::home();
            let chrome = site.chrome(&path, "评价结果".into(), Section::Home);
            let body = Html::trusted(
                "<h1>评价结果</h1>\n<p>尚无已评价的年度：评价从最早的评价办法版本所在年度开始，该年度及以后还没有园区的年度数据。</p>\n"
                    .into(),
            );
            files.push((
                path,
                render_page(
                    engine,
                    "page.html",
                    &chrome,
                    &(),
                    &[],
                    &[("body_html", &body)],
                )?,
            ));
        }
        Job::Park(i) => {
            let park = &data.parks[i];
            let view = park_page(site, i);
            let path = urls::park(park.id.as_str());
            let chrome = site.chrome(&path, park.name.clone(), Section::Parks);
            let figs: Vec<&ChartView> = view.trend.iter().collect();
            files.push((
                path,
                render_page(engine, "park.html", &chrome, &view, &figs, &[])?,
            ));
            for y in 0..site.years.len() {
                let Some(card) = scorecard(site, y, i) else {
                    continue;
                };
                let path = urls::scorecard(card.year, park.id.as_str());
                let title = format!("{} · {}年度评分", park.name, card.year);
                let chrome = site.chrome(&path, title, Section::Years);
                let mut figs: Vec<&ChartView> = Vec::new();
                figs.extend(card.radar.as_ref());
                figs.extend(card.bars.as_ref());
                figs.push(&card.trend);
                files.push((
                    path,
                    render_page(engine, "scorecard.html", &chrome, &card, &figs, &[])?,
                ));
            }
        }
        Job::ParksIndex => {
            let view = parks_index(site);
            let path = urls::parks();
            let chrome = site.chrome(&path, "全部园区".into(), Section::Parks);
            files.push((
                path,
                render_page(engine, "parks.html", &chrome, &view, &[], &[])?,
            ));
        }
        Job::DistrictsIndex => {
            let view = districts_index(site);
            let path = urls::districts();
            let chrome = site.chrome(&path, "区县对比".into(), Section::Districts);
            let figs: Vec<&ChartView> = view.chart.iter().collect();
            files.push((
                path,
                render_page(engine, "districts.html", &chrome, &view, &figs, &[])?,
            ));
        }
        Job::District(k) => {
            let view = district_page(site, k);
            let path = urls::district(&site.districts[k].slug);
            let chrome = site.chrome(&path, view.name.to_string(), Section::Districts);
            files.push((
                path,
                render_page(engine, "district.html", &chrome, &view, &[], &[])?,
            ));
        }
        Job::MethodologyIndex => {
            let view = methodology_index(site);
            let path = urls::methodology_index();
            let chrome = site.chrome(&path, "评价办法".into(), Section::Methodology);
            let prose = data
                .pages
                .iter()
                .find(|p| p.slug == "methodology")
                .map(|p| markdown::to_html_nested(&p.markdown))
                .unwrap_or_default();
            files.push((
                path,
                render_page(
                    engine,
                    "methodology_index.html",
                    &chrome,
                    &view,
                    &[],
                    &[("prose_html", &prose)],
                )?,
            ));
        }
        Job::Methodology(v) => {
            let m = &data.methodologies[&v];
            let view = methodology_page(site, m);
            let path = urls::methodology(v);
            let chrome = site.chrome(&path, m.title.clone(), Section::Methodology);
            files.push((
                path,
                render_page(engine, "methodology.html", &chrome, &view, &[], &[])?,
            ));
        }
        Job::Gongshi => {
            if let Some(view) = gongshi_page(site) {
                let path = urls::gongshi();
                let chrome = site.chrome(&path, "评价结果公示".into(), Section::Gongshi);
                files.push((
                    path,
                    render_page(engine, "gongshi.html", &chrome, &view, &[], &[])?,
                ));
            }
        }
        Job::Page(i) => {
            let page = &data.pages[i];
            let path = urls::page(&page.slug);
            let title = page_title(&page.markdown, &page.slug);
            let chrome = site.chrome(&path, title, Section::Page);
            let body = markdown::to_html(&page.markdown);
            files.push((
                path,
                render_page(
                    engine,
                    "page.html",
                    &chrome,
                    &(),
                    &[],
                    &[("body_html", &body)],
                )?,
            ));
        }
        Job::NotFound => {
            let mut ctx = Context::new();
            ctx.insert("site_title", &data.site.title);
            let home = match &data.site.base_url {
                Some(b) if !site.audience.is_internal() => urls::absolute(b, &urls::home()),
                _ => urls::home(),
            };
            ctx.insert("home", &home);
            files.push((
                "404.html".into(),
                engine.render("404.html", &ctx)?.into_bytes(),
            ));
        }
        Job::Robustness(y) => {
            if let Some(view) = robustness_page(site, y) {
                let path = urls::robustness(view.year);
                let title = format!("{}年度分档稳健性", view.year);
                let chrome = site.chrome(&path, title, Section::Years);
                let figs: Vec<&ChartView> = view.chart.iter().collect();
                files.push((
                    path,
                    render_page(engine, "robustness.html", &chrome, &view, &figs, &[])?,
                ));
            }
        }
    }
    Ok(files)
}

/// One page: its chrome, its view, its charts (drawn here) and trusted extras.
fn render_page<T: Serialize>(
    engine: &Engine,
    template: &str,
    chrome: &Chrome,
    view: &T,
    figures: &[&ChartView],
    extra: &[(&str, &Html)],
) -> Result<Vec<u8>> {
    let mut ctx = Context::new();
    ctx.insert("chrome", chrome);
    ctx.insert("page", view);
    let mut fig: BTreeMap<&str, Figure> = BTreeMap::new();
    for c in figures {
        fig.insert(&c.id, figure(c)?);
    }
    ctx.insert("fig", &fig);
    for (k, v) in extra {
        ctx.insert(k.to_string(), *v);
    }
    Ok(engine.render(template, &ctx)?.into_bytes())
}

/// `sitemap.xml` for public builds with a `base_url`: every HTML page but the 404.
fn sitemap(engine: &Engine, site: &SiteData, out: &Output) -> Result<Option<Vec<u8>>> {
    let Some(base) = site.data.site.base_url.as_deref() else {
        return Ok(None);
    };
    if site.audience.is_internal() {
        return Ok(None);
    }
    let urls: Vec<String> = out
        .files()
        .keys()
        .filter(|p| p.ends_with(".html") && p.as_str() != "404.html")
        .map(|p| urls::absolute(base, p))
        .collect();
    let mut ctx = Context::new();
    ctx.insert("urls", &urls);
    Ok(Some(engine.render("sitemap.xml", &ctx)?.into_bytes()))
}

fn robots(site: &SiteData, sitemap: bool) -> String {
    if site.audience.is_internal() {
        return "User-agent: *\nDisallow: /\n".into();
    }
    let mut s = String::from("User-agent: *\nAllow: /\n");
    if sitemap {
        if let Some(base) = &site.data.site.base_url {
            s.push_str(&format!(
                "Sitemap: {}\n",
                urls::absolute(base, "sitemap.xml")
            ));
        }
    }
    s
}
