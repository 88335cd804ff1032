// Browser test for the built site: opens pages from the file system in headless
// Chromium, fails on any console error, page error, failed or external request,
// checks that sorting by total reorders the ranking and that filters work, that
// nothing overflows a 375 px phone, and saves screenshots (and a print PDF).
//
// With a third argument, also opens the one-file report (`parkscore report`): it
// must load nothing but itself, open the card a ranking link points at, stay
// within 375 px, and print one scorecard per A4 page.
//
// Accessibility: axe-core runs on every kind of page (AXE_PAGES, and their English
// twins under en/ when the site has them) at 1366 px and 375 px and must find no
// WCAG 2.1 A/AA violation. Sub-path: the site is served over HTTP under /xwyq/site/
// and its pages, assets and the 404 page's way home must work there.
//
// With a fourth argument (an internal build), also opens the latest year's monitoring
// pages (city and one park): clean load, two charts with title, desc and table, 375 px.
//
// Usage: node check.js <site-dir> <out-dir> [<report.html>] [<internal-site-dir>]
"use strict";

const fs = require("fs");
const http = require("http");
const os = require("os");
const path = require("path");
const { pathToFileURL } = require("url");
const { chromium } = require("playwright-core");

const siteDir = path.resolve(process.argv[2] || "site");
const outDir = path.resolve(process.argv[3] || "target/browser");
const reportFile = process.argv[4] ? path.resolve(process.argv[4]) : null;
// An internal build of the same data (optional): its monitoring pages are checked too.
const internalDir = process.argv[5] ? path.resolve(process.argv[5]) : null;
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const failures = [];

function fail(msg) {
  failures.push(msg);
  console.error("FAIL " + msg);
}

function firstScorecard() {
  const latest = fs
    .readdirSync(siteDir)
    .filter((d) => /^\d{4}$/.test(d))
    .sort()
    .pop();
  // Pages are flat files: <year>/parks/<id>.html.
  const parks = fs
    .readdirSync(path.join(siteDir, latest, "parks"))
    .filter((f) => f.endsWith(".html"))
    .map((f) => f.slice(0, -5))
    .sort();
  // The park ranked first in the latest year, else the first listed.
  const results = JSON.parse(fs.readFileSync(path.join(siteDir, latest, "results.json"), "utf8"));
  const top = results.parks.find((p) => p.rank === 1);
  const id = top ? top.id : parks[0];
  return path.join(latest, "parks", id + ".html");
}

async function open(context, rel, label, base = siteDir) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push("console error: " + m.text());
  });
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  page.on("requestfailed", (r) => problems.push("request failed: " + r.url() + " " + (r.failure() || {}).errorText));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith("file://") && !u.startsWith("data:")) problems.push("request leaves the site: " + u);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push("HTTP " + r.status() + ": " + r.url());
  });
  const url = pathToFileURL(path.join(base, rel)).href;
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(200);
  return { page, problems, label };
}

const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Every kind of page, by a function of the site folder (add new kinds here). */
function axePages() {
  const latest = fs.readdirSync(siteDir).filter((d) => /^\d{4}$/.test(d)).sort().pop();
  const leaf = (dir) => {
    const f = fs.readdirSync(path.join(siteDir, dir)).filter((x) => x.endsWith(".html") && x !== "index.html").sort();
    return f.length ? dir + "/" + f[0] : null;
  };
  const pages = [
    "index.html",
    latest + "/index.html",
    firstScorecard(),
    latest + "/robustness.html",
    latest + "/corrections.html",
    "parks/index.html",
    leaf("parks"),
    "districts/index.html",
    leaf("districts"),
    "methodology/index.html",
    leaf("methodology"),
    "downloads/index.html",
    "gongshi.html",
    "about.html",
    "404.html",
  ].filter((p) => p && fs.existsSync(path.join(siteDir, p)));
  // The English edition mirrors every page under en/.
  const english = pages.map((p) => "en/" + p).filter((p) => fs.existsSync(path.join(siteDir, p)));
  return pages.concat(english);
}

/** Runs axe on an open page; every WCAG 2.1 A/AA violation is a failure. */
async function axe(page, label) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    AXE_TAGS
  );
  for (const v of result.violations) {
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ");
    fail(label + ": axe " + v.id + " (" + v.impact + ", " + v.nodes.length + "×): " + v.help + " — " + where);
  }
  return result.violations.length;
}

/** axe over HTTP (from file:// it cannot read the stylesheets it checks). */
async function checkAxe(context) {
  const prefix = "/axe/";
  const server = await serveUnder(prefix);
  const base = "http://127.0.0.1:" + server.address().port + prefix;
  let pages = 0;
  try {
    for (const rel of axePages()) {
      for (const width of [1366, 375]) {
        const page = await context.newPage();
        await page.setViewportSize({ width, height: 900 });
        const errors = [];
        page.on("pageerror", (e) => errors.push("page error: " + e.message));
        await page.goto(base + rel, { waitUntil: "load" });
        await page.waitForTimeout(50);
        await axe(page, rel + "@" + width);
        for (const e of errors) fail(rel + "@" + width + ": " + e);
        await page.close();
        pages += 1;
      }
    }
  } finally {
    server.close();
  }
  console.log("axe: " + pages + " page views (" + AXE_TAGS.join(", ") + ")");
}

/** The site folder over HTTP under `prefix`; unknown paths get 404.html with 404. */
function serveUnder(prefix) {
  const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".xlsx": "application/octet-stream", ".csv": "text/csv", ".txt": "text/plain; charset=utf-8" };
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(req.url.split("?")[0]);
    let file = null;
    if (url.startsWith(prefix)) {
      const rel = url.slice(prefix.length) || "index.html";
      const full = path.join(siteDir, rel);
      if (full.startsWith(siteDir) && fs.existsSync(full) && fs.statSync(full).isFile()) file = full;
    }
    if (!file) {
      res.writeHead(404, { "content-type": types[".html"] });
      res.end(req.method === "HEAD" ? undefined : fs.readFileSync(path.join(siteDir, "404.html")));
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    res.end(req.method === "HEAD" ? undefined : fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function checkSubPath(context) {
  const prefix = "/xwyq/site/";
  const server = await serveUnder(prefix);
  const base = "http://127.0.0.1:" + server.address().port + prefix;
  try {
    for (const rel of ["index.html", firstScorecard(), "parks/index.html", "downloads/index.html"]) {
      const page = await context.newPage();
      const bad = [];
      page.on("response", (r) => { if (r.status() >= 400) bad.push(r.status() + " " + r.url()); });
      page.on("requestfailed", (r) => bad.push("failed " + r.url()));
      page.on("pageerror", (e) => bad.push("page error: " + e.message));
      await page.goto(base + rel, { waitUntil: "load" });
      // Every link inside the site resolves to a file that exists.
      const links = await page.$$eval("a[href]", (as) => as.map((a) => a.href));
      for (const l of links.filter((h) => h.startsWith(base))) {
        const rel2 = decodeURIComponent(l.slice(base.length).split("#")[0]);
        if (rel2 && !fs.existsSync(path.join(siteDir, rel2))) bad.push("link to a missing file: " + l);
      }
      const styled = await page.evaluate(() => getComputedStyle(document.body).fontSize);
      if (styled !== "16px") bad.push("the stylesheet did not load (body font " + styled + ")");
      for (const b of bad) fail("sub-path " + rel + ": " + b);
      await page.close();
    }
    // A missing page deep under the sub-path: the 404 page finds the site's root.
    const nf = await context.newPage();
    const resp = await nf.goto(base + "2099/parks/nope.html", { waitUntil: "load" });
    if (resp.status() !== 404) fail("sub-path: a missing page answers " + resp.status());
    // Without base_url its script finds the root; with one the link is absolute.
    const finds = await nf.evaluate(() => document.scripts.length > 0);
    if (finds) {
      await nf.waitForFunction((want) => document.getElementById("home").href === want, base + "index.html", { timeout: 3000 })
        .catch(() => fail("sub-path: the 404 page's home link does not point at " + base + "index.html"));
    } else {
      const href = await nf.$eval("#home", (a) => a.getAttribute("href"));
      if (!/^https?:\/\//.test(href)) fail("sub-path: the 404 page links home relatively (" + href + ")");
    }
    await nf.close();
    console.log("sub-path: served under " + prefix + ", links, assets and the 404 page work");
  } finally {
    server.close();
  }
}

function check(opened) {
  for (const p of opened.problems) fail(opened.label + ": " + p);
}

async function totals(page) {
  return page.$$eval("#ranking tbody tr", (rows) =>
    rows.filter((r) => !r.hidden).map((r) => ({
      id: r.getAttribute("data-id"),
      total: parseFloat(r.querySelector('[data-col="total"]').textContent),
      tier: r.getAttribute("data-tier"),
    }))
  );
}

function sorted(xs, dir) {
  for (let i = 1; i < xs.length; i++) {
    if (dir === "asc" ? xs[i - 1] > xs[i] : xs[i - 1] < xs[i]) return false;
  }
  return true;
}

/** Pages in a PDF from Chromium (one `/Type /Page` object each). */
function pdfPages(buf) {
  return (buf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
}

async function checkReport(context) {
  const dir = path.dirname(reportFile);
  const name = path.basename(reportFile);
  const self = pathToFileURL(reportFile).href;
  const latest = fs.readdirSync(siteDir).filter((d) => /^\d{4}$/.test(d)).sort().pop();
  const results = JSON.parse(fs.readFileSync(path.join(siteDir, latest, "results.json"), "utf8"));

  const r = await open(context, name, "report", dir);
  // Stricter than the site: the file may request nothing but itself.
  r.page.on("request", (q) => {
    if (q.url() !== self && !q.url().startsWith("data:")) r.problems.push("the report requests " + q.url());
  });
  const cards = await r.page.$$eval("details.card", (d) => d.map((x) => ({ id: x.getAttribute("data-park"), open: x.open })));
  if (cards.length !== results.parks.length) fail("report: " + cards.length + " scorecards for " + results.parks.length + " listed parks");
  if (cards.some((c) => c.open)) fail("report: cards should start closed");
  const ranked = await r.page.$$eval("#ranking tbody tr", (rows) => rows.length);
  if (ranked !== results.parks.filter((p) => p.rank).length) fail("report: the ranking has " + ranked + " rows");
  // A ranking link opens the card it points at.
  const link = await r.page.$('#ranking tbody tr:first-child td[data-col="name"] a');
  const href = await link.getAttribute("href");
  await link.click();
  await r.page.waitForTimeout(100);
  const opened = await r.page.$eval(href, (d) => d.open);
  if (!opened) fail("report: clicking " + href + " does not open that scorecard");
  const svgs = await r.page.$$eval(href + " figure.chart svg", (s) => s.filter((x) => x.getBoundingClientRect().width > 0).length);
  if (svgs < 3) fail("report: the opened scorecard shows " + svgs + " charts, expected 3");
  await r.page.evaluate(() => window.scrollTo(0, 0));
  await r.page.screenshot({ path: path.join(outDir, "report.png"), fullPage: true });

  // Print: every card, one A4 page each, after the summary pages.
  await r.page.emulateMedia({ media: "print" });
  const full = await r.page.pdf({ path: path.join(outDir, "report.pdf"), format: "A4", printBackground: true });
  await r.page.addStyleTag({ content: "@media print { .cards { display: none !important; } }" });
  const summaryOnly = await r.page.pdf({ format: "A4", printBackground: true });
  await r.page.emulateMedia({ media: "screen" });
  const pages = pdfPages(full);
  const summaryPages = pdfPages(summaryOnly);
  if (summaryPages < 1) fail("report: the summary prints no page");
  if (pages - summaryPages !== cards.length) {
    fail("report: printing gives " + pages + " pages = " + summaryPages + " summary + " + (pages - summaryPages) + " for " + cards.length + " scorecards (want one page each)");
  }
  check(r);

  // Phone: closed and all open, nothing wider than the screen.
  const phone = await open(context, name, "report-375", dir);
  await phone.page.setViewportSize({ width: 375, height: 800 });
  await phone.page.waitForTimeout(100);
  let width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 375) fail("report-375: the page is " + width + " px wide at a 375 px viewport");
  await phone.page.screenshot({ path: path.join(outDir, "report-375.png"), fullPage: true });
  await phone.page.click('button[data-cards="open"]');
  await phone.page.waitForTimeout(100);
  const allOpen = await phone.page.$$eval("details.card", (d) => d.every((x) => x.open));
  if (!allOpen) fail("report-375: 全部展开 does not open every card");
  width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 375) fail("report-375 (cards open): the page is " + width + " px wide");
  await phone.page.$eval("details.card", (d) => d.scrollIntoView());
  await phone.page.screenshot({ path: path.join(outDir, "report-375-card.png") });
  check(phone);
  console.log("report: " + cards.length + " scorecards, " + pages + " printed pages (" + summaryPages + " summary)");
}

/** The internal monitoring pages (city and first park of the latest year): load
 * cleanly, draw both charts with their data tables, and fit a 375 px phone. */
async function checkMonitoring(context) {
  const latest = fs.readdirSync(internalDir).filter((d) => /^\d{4}$/.test(d)).sort().pop();
  const dir = path.join(latest, "monitoring");
  if (!fs.existsSync(path.join(internalDir, dir, "index.html"))) {
    fail("internal: " + dir + "/index.html is missing");
    return;
  }
  const park = fs.readdirSync(path.join(internalDir, dir)).filter((f) => f !== "index.html").sort()[0];
  for (const [rel, name] of [[dir + "/index.html", "monitoring"], [dir + "/" + park, "monitoring-park"]]) {
    const o = await open(context, rel, name, internalDir);
    const charts = await o.page.$$eval("figure.chart", (fs2) => fs2.filter((f) => f.querySelector("svg title") && f.querySelector("svg desc") && f.querySelector("table")).length);
    if (charts !== 2) fail(name + ": " + charts + " charts with title, desc and table, expected 2");
    await o.page.setViewportSize({ width: 375, height: 800 });
    await o.page.waitForTimeout(100);
    const width = await o.page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 375) fail(name + ": the page is " + width + " px wide at a 375 px viewport");
    await o.page.screenshot({ path: path.join(outDir, name + "-375.png"), fullPage: true });
    check(o);
  }
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parkscore-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1280, height: 900 },
  });
  try {
    if (process.env.SUBPATH_ONLY) {
      await checkSubPath(context);
      if (failures.length) {
        console.error(failures.length + " browser check(s) failed");
        process.exitCode = 1;
      }
      return;
    }
    // Home: sorting and filtering.
    const home = await open(context, "index.html", "home");
    const before = await totals(home.page);
    if (before.length < 2) fail("home: the ranking table has fewer than 2 rows");
    if (!sorted(before.map((r) => r.total), "desc")) fail("home: the ranking does not start in total order");
    await home.page.click('#ranking th[data-key="total"] button');
    const asc = await totals(home.page);
    if (!sorted(asc.map((r) => r.total), "asc")) fail("home: one click on 综合得分 does not sort ascending");
    if (asc.map((r) => r.id).join() === before.map((r) => r.id).join()) fail("home: clicking 综合得分 did not reorder the rows");
    if (asc.length !== before.length) fail("home: sorting lost rows");
    await home.page.click('#ranking th[data-key="total"] button');
    const desc = await totals(home.page);
    if (!sorted(desc.map((r) => r.total), "desc")) fail("home: a second click does not sort descending");
    const aria = await home.page.getAttribute('#ranking th[data-key="total"]', "aria-sort");
    if (aria !== "descending") fail("home: aria-sort is " + aria + " after two clicks");
    await home.page.selectOption('.table-tools[data-for="ranking"] select[data-filter="tier"]', "A");
    const onlyA = await totals(home.page);
    if (onlyA.length === 0 || onlyA.some((r) => r.tier !== "A")) fail("home: the tier filter does not keep only A rows");
    await home.page.selectOption('.table-tools[data-for="ranking"] select[data-filter="tier"]', "");
    const all = await totals(home.page);
    if (all.length !== before.length) fail("home: clearing the filter does not bring every row back");
    // Back to rank order for the screenshot.
    await home.page.click('#ranking th[data-key="rank"] button');
    await home.page.screenshot({ path: path.join(outDir, "home.png"), fullPage: true });
    check(home);

    // A scorecard.
    const rel = firstScorecard();
    const card = await open(context, rel, "scorecard");
    const svgs = await card.page.$$eval("figure.chart svg", (s) => s.length);
    if (svgs < 3) fail("scorecard: expected 3 charts, found " + svgs);
    const rows = await card.page.$$eval("#calculation tbody tr", (r) => r.length);
    if (rows < 1) fail("scorecard: the calculation table is empty");
    await card.page.screenshot({ path: path.join(outDir, "scorecard.png"), fullPage: true });
    await card.page.emulateMedia({ media: "print" });
    const pdf = await card.page.pdf({ path: path.join(outDir, "scorecard.pdf"), format: "A4", printBackground: true });
    const printed = (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) || []).length;
    if (printed !== 1) fail("scorecard: prints on " + printed + " A4 pages, expected 1");
    await card.page.emulateMedia({ media: "screen" });
    check(card);

    // Phone width: nothing may make the page itself scroll sideways.
    for (const [rel2, name] of [["index.html", "home-375"], [rel, "scorecard-375"]]) {
      const phone = await open(context, rel2, name);
      await phone.page.setViewportSize({ width: 375, height: 800 });
      await phone.page.waitForTimeout(100);
      const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 375) fail(name + ": the page is " + width + " px wide at a 375 px viewport");
      await phone.page.screenshot({ path: path.join(outDir, name + ".png"), fullPage: true });
      check(phone);
    }

    // The English twin of the scorecard (issue 11): lang="en", the switch goes back to
    // the Chinese page and the Chinese page's switch comes here; it loads cleanly and
    // fits at desktop and phone widths.
    const enRel = path.join("en", rel);
    for (const [width, name] of [[1366, "scorecard-en"], [375, "scorecard-en-375"]]) {
      const en = await open(context, enRel, name);
      await en.page.setViewportSize({ width, height: 900 });
      await en.page.waitForTimeout(100);
      const lang = await en.page.evaluate(() => document.documentElement.lang);
      if (lang !== "en") fail(name + ": <html lang> is " + lang);
      const enSvgs = await en.page.$$eval("figure.chart svg", (s) => s.length);
      if (enSvgs < 3) fail(name + ": expected 3 charts, found " + enSvgs);
      const wide = await en.page.evaluate(() => document.documentElement.scrollWidth);
      if (wide > width) fail(name + ": the page is " + wide + " px wide at a " + width + " px viewport");
      await en.page.screenshot({ path: path.join(outDir, name + ".png"), fullPage: true });
      if (width === 1366) {
        await en.page.click("a.lang-switch");
        await en.page.waitForLoadState("load");
        const back = decodeURIComponent(en.page.url());
        if (!back.endsWith("/" + rel.split(path.sep).join("/"))) fail(name + ": the switch leads to " + back);
        const zhLang = await en.page.evaluate(() => document.documentElement.lang);
        if (zhLang !== "zh-CN") fail(name + ": the switch leads to a page in " + zhLang);
        await en.page.click("a.lang-switch");
        await en.page.waitForLoadState("load");
        if (!decodeURIComponent(en.page.url()).endsWith("/en/" + rel.split(path.sep).join("/"))) fail(name + ": the Chinese switch does not come back");
      }
      check(en);
    }

    // Every other kind of page loads cleanly too (leaf pages are flat files).
    const firstLeaf = (dir) => {
      const leaves = fs.readdirSync(path.join(siteDir, dir)).filter((f) => f.endsWith(".html") && f !== "index.html").sort();
      return leaves.length ? dir + "/" + leaves[0] : dir + "/(no page)";
    };
    const latest = rel.split(path.sep)[0];
    for (const extra of [
      "parks/index.html",
      firstLeaf("parks"),
      "districts/index.html",
      firstLeaf("districts"),
      "methodology/index.html",
      firstLeaf("methodology"),
      "downloads/index.html",
      latest + "/index.html",
      latest + "/robustness.html",
    ]) {
      if (!fs.existsSync(path.join(siteDir, extra))) {
        fail(extra + " is missing");
        continue;
      }
      const o = await open(context, extra, extra);
      check(o);
    }

    await checkAxe(context);
    await checkSubPath(context);
    if (reportFile) await checkReport(context);
    if (internalDir) await checkMonitoring(context);
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(failures.length + " browser check(s) failed");
    process.exit(1);
  }
  console.log("browser checks passed; screenshots in " + outDir);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
