// What a query costs the reader: the bytes the search page loads for it from a built site's
// index (its table of contents, the chunks of its words, and the result lines of the first ten
// results), found by the page's own script (static/search.js), and how long the script took.
//
//   node benches/search_query.mjs PUBLIC_DIR [QUERY…]
//
// Without queries it asks a few of its own: the site's newest and oldest headlines, a word of
// the newest story's text, and a prefix.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const search = require("../static/search.js");
const site = process.argv[2];
if (!site || !fs.existsSync(path.join(site, "search/data/meta.json"))) {
  console.error("usage: node benches/search_query.mjs PUBLIC_DIR [QUERY…]  (a built site with search)");
  process.exit(2);
}
const data = path.join(site, "search/data");
const read = (name) => fs.readFileSync(path.join(data, name));

const metaBytes = read("meta.json");
const meta = JSON.parse(metaBytes);
const group = (g) => JSON.parse(read(`d/${g}.json`));

let queries = process.argv.slice(3);
if (queries.length === 0) {
  const last = Math.floor((meta.docs - 1) / meta.per_group);
  const newest = group(last).at(-1);
  const oldest = group(0)[0];
  queries = [newest.t, oldest.t, search.words(newest.e).sort((a, b) => b.length - a.length)[0] || "news",
    search.words(newest.t)[0].slice(0, 3)];
}

console.log(`| query | results | chunks | chunk KB | result-line KB | meta KB | total KB | ms |`);
console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
for (const query of queries) {
  const loaded = new Map();
  const load = async (k) => {
    const bytes = read(`w/${meta.chunks[k][1]}.bin`);
    loaded.set(k, bytes.length);
    return search.decodeChunk(new Uint8Array(bytes).buffer);
  };
  const started = performance.now();
  const found = await search.search(query, meta, load);
  const ms = performance.now() - started;
  const groups = new Set(found.results.slice(0, 10).map((r) => Math.floor((r.id ?? r) / meta.per_group)));
  const lineBytes = [...groups].reduce((sum, g) => sum + read(`d/${g}.json`).length, 0);
  const chunkBytes = [...loaded.values()].reduce((a, b) => a + b, 0);
  const kb = (n) => (n / 1024).toFixed(1);
  console.log(`| ${query.slice(0, 50)} | ${found.results.length} | ${loaded.size} | ${kb(chunkBytes)} | ` +
    `${kb(lineBytes)} | ${kb(metaBytes.length)} | ${kb(chunkBytes + lineBytes + metaBytes.length)} | ${ms.toFixed(0)} |`);
}
