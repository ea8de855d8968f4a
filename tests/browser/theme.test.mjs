// Browser tests of the default theme, run by scripts/browser with `node --test`: the built sample
// site is served under a sub-path and opened in Debian's Chromium at a phone and a desktop size.
// Every page type must show no axe-core violations, no console errors, no failed or off-site
// requests and no horizontal overflow; a search typed into the header box must list the article.
// A second, generated site of 5,001 stories must find its newest and its oldest stories by their
// headlines. Every size of a lead image must decode, AVIF included. Screenshots go to
// $BROADSHEET_SCREENSHOTS for a person to look at.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const SITE = process.env.BROADSHEET_SITE;
const LARGE_SITE = process.env.BROADSHEET_LARGE_SITE;
const SHOTS = process.env.BROADSHEET_SCREENSHOTS;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const BASE = "/news/";
const VIEWPORTS = [
  { name: "390x844", width: 390, height: 844, mobile: true },
  { name: "1280x800", width: 1280, height: 800, mobile: false },
];
const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp",
  ".avif": "image/avif", ".bin": "application/octet-stream",
  ".xml": "application/xml",
};

assert.ok(SITE && fs.existsSync(path.join(SITE, "index.html")), "BROADSHEET_SITE must hold a built site");
/// The large site's search index's table of contents (docs/search-index.md).
function largeMeta() {
  const file = LARGE_SITE && path.join(LARGE_SITE, "search", "data", "meta.json");
  assert.ok(file && fs.existsSync(file), "BROADSHEET_LARGE_SITE must hold a built site with a search index");
  return JSON.parse(fs.readFileSync(file, "utf8"));
}
assert.ok(largeMeta().docs >= 5001, "BROADSHEET_LARGE_SITE's search index must hold 5,001 stories or more");
assert.ok(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}`);

let servers = [];
let origin;
let largeOrigin;
let browser;

/// Serves the built site in `site` under BASE on a free local port; resolves to its origin.
async function serve(site) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    let rel = url.startsWith(BASE) ? url.slice(BASE.length) : null;
    if (rel !== null && (rel === "" || rel.endsWith("/"))) rel += "index.html";
    const file = rel === null ? null : path.join(site, rel);
    if (!file || !file.startsWith(site) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}`;
}

before(async () => {
  origin = await serve(SITE);
  largeOrigin = await serve(LARGE_SITE);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  for (const server of servers) server.close();
});

/// The first link in `file` (a built page) matching `selector`'s pattern, as a site path.
function firstLink(file, pattern) {
  const html = fs.readFileSync(path.join(SITE, file), "utf8");
  const match = html.match(pattern);
  assert.ok(match, `no link matching ${pattern} in ${file}`);
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1]));
}

function pages() {
  return {
    front: "index.html",
    article: firstLink("index.html", /class="story-card-headline"><a href="\.\/([^"]+)"/),
    // The first topic in the index's term list (the nav's links come before it).
    topic: firstLink("topics/index.html", /<ul class="term-list">\s*<li><a href="([^"]+)"/),
    archive: firstLink("archive/index.html", /<h2 id="year-\d+"><a href="([^"]+)"/),
    search: "search/index.html",
    corrections: "corrections/index.html",
    // A story with a correction notice: the corrections page's first.
    corrected: firstLink("corrections/index.html", /class="corrections-headline"><a href="([^"#]+)/),
  };
}

/// Opens `site path` at a viewport (of the site served at `at`), collecting problems; returns
/// them with the page.
async function open(sitePath, viewport, at = origin) {
  const context = await browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    isMobile: viewport.mobile,
    hasTouch: viewport.mobile,
  });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`exception: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`failed request: ${r.url()}`));
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== at && url.protocol !== "data:") {
      problems.push(`off-site request: ${url}`);
      return route.abort();
    }
    return route.continue();
  });
  await page.goto(`${at}${BASE}${sitePath}`, { waitUntil: "networkidle" });
  return { context, page, problems };
}

async function axeViolations(page) {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const result = await page.evaluate(async () => await window.axe.run(document));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} nodes`);
}

for (const viewport of VIEWPORTS) {
  for (const [name, sitePathOf] of Object.entries({ front: 0, article: 0, topic: 0, archive: 0, search: 0, corrections: 0, corrected: 0 })) {
    test(`${name} page at ${viewport.name}`, async () => {
      const sitePath = pages()[name];
      const { context, page, problems } = await open(sitePath, viewport);
      try {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px on ${sitePath}`);
        const violations = await axeViolations(page);
        assert.deepEqual(violations, [], `axe on ${sitePath}`);
        assert.deepEqual(problems, [], `problems on ${sitePath}`);
        if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}-${viewport.name}.png`), fullPage: true });
      } finally {
        await context.close();
      }
      void sitePathOf;
    });
  }
}

/// The first article page (a site path) that shows a lead image.
function articleWithPicture() {
  const found = fs.readdirSync(SITE, { recursive: true })
    .filter((f) => f.endsWith("index.html"))
    .sort()
    .find((f) => fs.readFileSync(path.join(SITE, f), "utf8").includes('<figure class="lead-image">'));
  assert.ok(found, "no article in the site shows a lead image");
  return found.split(path.sep).join("/");
}

test("every size of a lead image decodes in the browser, and it takes the AVIF", async () => {
  const sitePath = articleWithPicture();
  const { context, page, problems } = await open(sitePath, VIEWPORTS[1]);
  try {
    const chosen = await page.evaluate(() => document.querySelector(".lead-image img").currentSrc);
    assert.match(chosen, /\.avif$/, `the lead image on ${sitePath} was shown from ${chosen}`);
    // Every candidate of every source, decoded by Chromium: its pixel width must be the width
    // the srcset gives it, and each format must be offered in the same widths.
    const decoded = await page.evaluate(async () => {
      const out = [];
      for (const el of document.querySelectorAll(".lead-image source, .lead-image img")) {
        for (const candidate of el.getAttribute("srcset").split(", ")) {
          const [url, width] = candidate.split(" ");
          const img = new Image();
          img.src = new URL(url, document.baseURI).href;
          try {
            await img.decode();
            out.push({ url, width: parseInt(width, 10), natural: img.naturalWidth });
          } catch (e) {
            out.push({ url, width: parseInt(width, 10), natural: 0, error: String(e) });
          }
        }
      }
      return out;
    });
    const formats = new Set(decoded.map((d) => d.url.split(".").pop()));
    assert.deepEqual([...formats].sort(), ["avif", "jpg", "webp"], `formats on ${sitePath}`);
    for (const d of decoded) assert.equal(d.natural, d.width, `${d.url} ${d.error || ""}`);
    assert.deepEqual(problems, [], `problems on ${sitePath}`);
  } finally {
    await context.close();
  }
});

/// Whether `href` (a result link, absolute) is the story at `sitePath` of the site served at `at`:
/// a link to a folder and one to its index.html are the same story.
function isStory(href, sitePath, at) {
  const page = (p) => p.replace(/index\.html$/, "");
  return page(new URL(href).pathname) === page(new URL(`${BASE}${sitePath}`, at).pathname);
}

test("a search typed into the header box lists the article", async () => {
  // A word from the article's headline: search must find that article.
  const article = pages().article;
  const html = fs.readFileSync(path.join(SITE, article), "utf8");
  const headline = html.match(/<h1 class="headline">([^<]+)<\/h1>/)[1];
  const word = headline.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 4).sort((a, b) => b.length - a.length)[0];
  const { context, page, problems } = await open("index.html", VIEWPORTS[1]);
  try {
    await page.fill("input[type=search]", word);
    await page.press("input[type=search]", "Enter");
    await page.waitForURL(/search\//);
    const link = page.locator(".search-result-link", { hasText: headline.slice(0, 20) });
    await link.first().waitFor({ timeout: 15000 });
    const href = await link.first().getAttribute("href");
    assert.ok(isStory(href, article, origin), `${href} is not ${article}`);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], "axe on search results");
    assert.deepEqual(problems, []);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "search-results-1280x800.png"), fullPage: true });
  } finally {
    await context.close();
  }
});

test("a search on a 5,001-story site finds stories old and new", async () => {
  // Each generated headline ends in the story's own number, so no other story has all its words:
  // searching the full headline must list that story first. The front page gives the newest
  // stories; the sitemap, sorted by address and so by date, the oldest.
  const front = fs.readFileSync(path.join(LARGE_SITE, "index.html"), "utf8");
  const stories = [...front.matchAll(/<a href="\.\/([^"]+)">([^<]+ \d+)<\/a>/g)].slice(0, 4)
    .map(([, link, headline]) => ({ link, headline }));
  assert.equal(stories.length, 4, "the generated front page lists numbered headlines");
  const sitemap = fs.readFileSync(path.join(LARGE_SITE, "sitemap.xml"), "utf8");
  const dated = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)]
    .map(([, loc]) => new URL(loc).pathname.slice(BASE.length))
    .filter((p) => /^\d{4}\/\d{2}\/\d{2}\/[^/]+\//.test(p))
    .sort();
  for (const link of dated.slice(0, 2)) {
    const file = path.join(LARGE_SITE, link.endsWith("/") ? `${link}index.html` : link);
    const headline = fs.readFileSync(file, "utf8").match(/<h1 class="headline">([^<]+)<\/h1>/)[1];
    stories.push({ link, headline });
  }
  assert.equal(stories.length, 6, "the sitemap lists dated stories");
  for (const { link, headline } of stories) {
    const query = encodeURIComponent(headline);
    const { context, page, problems } = await open(`search/index.html?q=${query}`, VIEWPORTS[1], largeOrigin);
    try {
      const first = page.locator(".search-result-link").first();
      await first.waitFor({ timeout: 15000 });
      const href = await first.getAttribute("href");
      assert.ok(isStory(href, link, largeOrigin), `searching “${headline}”: the first result is ${href}, not ${link}`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});
