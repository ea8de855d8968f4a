// Unit tests of static/search.js's pure functions against the index format of
// docs/search-index.md, run with `node --test` (scripts/browser runs them with the browser
// suite). The index bytes are written out here by hand from the spec, not made by the script, so
// that these tests check the script against the spec.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const search = require("../../static/search.js");

// ---- The spec's encoding, written independently of the script ----

/// Unsigned LEB128.
function varint(n) {
  const out = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

/// One chunk entry: word length, word (UTF-8), df, kind, payload length, payload.
function entry(word, df, kind, payload) {
  const utf8 = [...Buffer.from(word, "utf8")];
  return [...varint(utf8.length), ...utf8, ...varint(df), kind, ...varint(payload.length), ...payload];
}

/// A list entry: df pairs of (varint gap, impact byte), the first gap being the id itself.
function listEntry(word, ids, impacts) {
  const payload = [];
  ids.forEach((id, i) => payload.push(...varint(i === 0 ? id : id - ids[i - 1]), impacts[i]));
  return entry(word, ids.length, 0, payload);
}

function chunk(...entries) {
  return new Uint8Array(entries.flat());
}

const idf = (df, n) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

// ---- Words ----

test("words are decomposed, stripped of marks, lower-cased and cut at what is not a letter or number", () => {
  assert.deepEqual(search.words("Zürich"), ["zurich"]);
  assert.deepEqual(search.words("Zu\u0308rich"), ["zurich"], "already decomposed");
  assert.deepEqual(search.words("café CAFE"), ["cafe", "cafe"]);
  assert.deepEqual(search.words("Biden's"), ["biden", "s"]);
  assert.deepEqual(search.words("Biden’s"), ["biden", "s"], "a typographic apostrophe");
  assert.deepEqual(search.words("COVID-19"), ["covid", "19"]);
  assert.deepEqual(search.words("  ¡Hola!  Señor… "), ["hola", "senor"]);
  assert.deepEqual(search.words("Москва ΟΔΟΣ 東京"), ["москва", "οδος", "東京"], "Greek's final sigma included");
  assert.deepEqual(search.words("½ ² ٣"), ["½", "²", "٣"], "every \\p{N} is a number");
  assert.deepEqual(search.words("—!?"), []);
  assert.equal(search.normalize("Ça Été"), "ca ete");
});

test("a query's words are each taken once", () => {
  assert.deepEqual(search.queryWords("Vote, vote and VOTE again"), ["vote", "and", "again"]);
  assert.deepEqual(search.queryWords(""), []);
});

test("words compare in code point order, not UTF-16 order", () => {
  const astral = "\u{1F600}"; // U+1F600, surrogates D83D DE00
  const high = "\uFF5E"; // U+FF5E
  assert.ok(astral < high, "JavaScript's own < compares UTF-16 units");
  assert.equal(search.compareWords(astral, high), 1);
  assert.equal(search.compareWords(high, astral), -1);
  assert.equal(search.compareWords("ab", "ab"), 0);
  assert.equal(search.compareWords("ab", "abc"), -1);
  assert.equal(search.compareWords("\u{1F600}a", "\u{1F601}"), -1);
  // The Rust order is the order of the UTF-8 bytes.
  const some = ["b", "a", "\uFFFD", "\u{10000}", "\uE000", "\u{1F600}", "é", "ab", "", "\uD7FF", "z\u{1F600}", "z\uFFFF"];
  const byBytes = [...some].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  assert.deepEqual([...some].sort(search.compareWords), byBytes);
});

// ---- Decoding ----

test("varints are unsigned LEB128", () => {
  const read = (bytes, pos = 0) => search.readVarint(new Uint8Array(bytes), pos);
  assert.deepEqual(read([0x00]), { value: 0, end: 1 });
  assert.deepEqual(read([0x7f]), { value: 127, end: 1 });
  assert.deepEqual(read([0x80, 0x01]), { value: 128, end: 2 });
  assert.deepEqual(read([0xac, 0x02]), { value: 300, end: 2 });
  assert.deepEqual(read([0xe5, 0x8e, 0x26]), { value: 624485, end: 3 });
  assert.deepEqual(read([0xff, 0xff, 0xff, 0xff, 0x0f]), { value: 0xffffffff, end: 5 }, "past 32 bits");
  assert.deepEqual(read([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), { value: 2 ** 35, end: 6 });
  assert.deepEqual(read([0x05, 0x96, 0x01], 1), { value: 150, end: 3 }, "read from an offset");
  assert.throws(() => read([0x80]), /past the end/);
  assert.throws(() => read([]), /past the end/);
});

test("a chunk's entries decode, with a list word and a bitmap word", () => {
  const bytes = new Uint8Array([
    // "bank": 4 bytes, df 3, a list of 7 bytes: ids 3, 130, 290 (gaps 3, 127, 160), impacts 200, 17, 255.
    0x04, 0x62, 0x61, 0x6e, 0x6b, 0x03, 0x00, 0x07,
    0x03, 0xc8, 0x7f, 0x11, 0xa0, 0x01, 0xff,
    // "vote": df 4, a bitmap of 3 bytes (20 stories): stories 0; 9, 15; 19.
    0x04, 0x76, 0x6f, 0x74, 0x65, 0x04, 0x01, 0x03,
    0x01, 0x82, 0x08,
    // "москва": 12 bytes of UTF-8 (6 characters), df 1, a list: story 7, impact 1.
    0x0c, 0xd0, 0xbc, 0xd0, 0xbe, 0xd1, 0x81, 0xd0, 0xba, 0xd0, 0xb2, 0xd0, 0xb0, 0x01, 0x00, 0x02,
    0x07, 0x01,
  ]);
  const entries = search.decodeChunk(bytes);
  assert.deepEqual(entries.map((e) => [e.word, e.df, e.kind, e.payload.length]),
    [["bank", 3, 0, 7], ["vote", 4, 1, 3], ["москва", 1, 0, 2]]);
  assert.deepEqual(search.decodeChunk(bytes.buffer).map((e) => e.word), ["bank", "vote", "москва"],
    "an ArrayBuffer, as fetch gives it");
  assert.deepEqual(search.decodePostings(entries[0], 116), { ids: [3, 130, 290], impacts: [200, 17, 255] });
  assert.deepEqual(search.decodePostings(entries[1], 116), { ids: [0, 9, 15, 19], impacts: [116, 116, 116, 116] });
  assert.deepEqual(search.decodePostings(entries[2], 116), { ids: [7], impacts: [1] });
  assert.deepEqual(search.decodeChunk(new Uint8Array([])), []);
});

test("a chunk cut short, or postings that disagree with their count, are refused", () => {
  assert.throws(() => search.decodeChunk(new Uint8Array([0x04, 0x62, 0x61])), /past the end/);
  assert.throws(() => search.decodeChunk(new Uint8Array([0x01, 0x61, 0x01, 0x00, 0x05, 0x01])), /past the end/);
  const [short] = search.decodeChunk(new Uint8Array(entry("a", 2, 0, [0x01, 0x10])));
  assert.throws(() => search.decodePostings(short, 116), /past the end|cut short/);
  const [long] = search.decodeChunk(new Uint8Array(entry("a", 1, 0, [0x01, 0x10, 0x02, 0x10])));
  assert.throws(() => search.decodePostings(long, 116), /longer/);
  const [odd] = search.decodeChunk(new Uint8Array(entry("a", 1, 7, [0x01])));
  assert.throws(() => search.decodePostings(odd, 116), /unknown kind/);
});

// ---- Finding words ----

const CHUNKS = [["", "c0"], ["elec", "c1"], ["electo", "c2"], ["energy", "c3"]];
const FILES = {
  c0: chunk(listEntry("bank", [0], [10]), listEntry("el", [1], [10])),
  c1: chunk(listEntry("elec", [2], [10]), listEntry("elect", [3], [10]), listEntry("elected", [4], [10]),
    listEntry("election", [5], [10])),
  c2: chunk(listEntry("electorate", [6], [10]), listEntry("electric", [7], [10])),
  c3: chunk(listEntry("energy", [8], [10])),
};

/// A loader of CHUNKS' files that records which it was asked for.
function loader(chunks, files) {
  const loaded = [];
  const load = async (k) => {
    loaded.push(chunks[k][1]);
    return search.decodeChunk(files[chunks[k][1]]);
  };
  return { load, loaded };
}

test("the chunk of a word is the last whose first word is not after it, in code point order", () => {
  assert.equal(search.chunkIndex(CHUNKS, ""), 0);
  assert.equal(search.chunkIndex(CHUNKS, "bank"), 0);
  assert.equal(search.chunkIndex(CHUNKS, "elec"), 1);
  assert.equal(search.chunkIndex(CHUNKS, "elect"), 1);
  assert.equal(search.chunkIndex(CHUNKS, "electric"), 2);
  assert.equal(search.chunkIndex(CHUNKS, "zebra"), 3);
  assert.equal(search.chunkIndex([], "a"), -1);
  const astral = [["", "a"], ["z", "b"], ["\uFF5E", "c"], ["\u{1F600}", "d"]];
  assert.equal(search.chunkIndex(astral, "\uFFEE"), 2);
  assert.equal(search.chunkIndex(astral, "\u{1F600}"), 3);
  assert.equal(search.chunkIndex(astral, "\u{1F600}x"), 3);
  assert.equal(search.chunkIndex(astral, "\u{10000}"), 2, "U+10000 sorts after U+FF5E");
});

test("a prefix's chunks run from the one that would hold it through those whose first word it begins", () => {
  assert.deepEqual(search.chunkRange(CHUNKS, "elect"), [1, 2]);
  assert.deepEqual(search.chunkRange(CHUNKS, "ele"), [0, 2], "the first chunk, \"elec\" and \"electo\"");
  assert.deepEqual(search.chunkRange(CHUNKS, "electr"), [2, 2]);
  assert.deepEqual(search.chunkRange(CHUNKS, "zz"), [3, 3]);
});

test("a prefix of three characters or more matches words across a chunk boundary", async () => {
  const { load, loaded } = loader(CHUNKS, FILES);
  const found = await search.lookup("elect", CHUNKS, load);
  assert.equal(found.exact.word, "elect");
  assert.deepEqual(found.expansions.map((e) => e.word), ["elected", "election", "electorate", "electric"]);
  assert.deepEqual(loaded, ["c1", "c2"], "the chunk after the prefix's words is not loaded");
});

test("a word of fewer than three characters matches only itself", async () => {
  const { load, loaded } = loader(CHUNKS, FILES);
  const found = await search.lookup("el", CHUNKS, load);
  assert.equal(found.exact.word, "el");
  assert.deepEqual(found.expansions, []);
  assert.deepEqual(loaded, ["c0"]);
  const missing = await search.lookup("ba", CHUNKS, load);
  assert.equal(missing.exact, null, "\"ba\" is no word, and too short a prefix of \"bank\"");
  assert.deepEqual(missing.expansions, []);
});

test("a prefix expands to its first 50 words at most, and a word with no match finds none", async () => {
  const many = Array.from({ length: 60 }, (_, i) => listEntry(`vote${String(i).padStart(2, "0")}`, [i], [1]));
  const chunks = [["", "a"]];
  const { load } = loader(chunks, { a: chunk(listEntry("vot", [0], [1]), ...many, listEntry("zoo", [0], [1])) });
  const found = await search.lookup("vot", chunks, load);
  assert.equal(found.expansions.length, 50);
  assert.equal(found.expansions[0].word, "vote00");
  assert.equal(found.expansions[49].word, "vote49");
  const none = await search.lookup("xyz", chunks, load);
  assert.deepEqual(none, { exact: null, expansions: [] });
  // Characters, not bytes or UTF-16 units: a three-character word of non-BMP letters is a prefix.
  const astral = [["", "b"]];
  const { load: loadAstral } = loader(astral, { b: chunk(listEntry("𐐨𐐩𐐪𐐫", [0], [1])) });
  assert.equal((await search.lookup("𐐨𐐩", astral, loadAstral)).expansions.length, 0, "two characters, four UTF-16 units");
  assert.deepEqual((await search.lookup("𐐨𐐩𐐪", astral, loadAstral)).expansions.map((e) => e.word), ["𐐨𐐩𐐪𐐫"]);
});

// ---- Scoring ----

test("idf is ln(1 + (N - df + 0.5) / (df + 0.5))", () => {
  assert.equal(search.idf(1, 10), Math.log(1 + 9.5 / 1.5));
  assert.equal(search.idf(10, 10), Math.log(1 + 0.5 / 10.5));
  assert.ok(search.idf(10, 10) > 0, "a word in every story still counts");
});

// Eight stories, ids 0 (oldest) to 7; "vote" as a bitmap (bitmap_impact 116), the others lists.
const N = 8;
const META = { version: 1, docs: N, per_group: 4, bitmap_impact: 116, chunks: [["", "x"], ["t", "y"]] };
const INDEX = {
  x: chunk(
    listEntry("senate", [1, 4, 6], [100, 100, 50]),
    listEntry("senates", [2, 3], [40, 200]),
  ),
  y: chunk(
    // Stories 1, 2, 4, 6: byte 0 = 0b01010110.
    entry("vote", 4, 1, [0x56]),
    listEntry("voters", [4, 7], [255, 255]),
  ),
};

async function run(query) {
  const { load } = loader(META.chunks, INDEX);
  return search.search(query, META, load);
}

test("a story matches only when it holds a match of every query word", async () => {
  const found = await run("Senate vote");
  assert.deepEqual(found.words, ["senate", "vote"]);
  // senate: 1, 4, 6 exactly and 2, 3 by "senates"; vote: 1, 2, 4, 6 and 7 by "voters".
  assert.deepEqual(found.results.map((r) => r.id).sort(), [1, 2, 4, 6]);
  assert.deepEqual([...found.matched].sort(), ["senate", "senates", "vote", "voters"]);
  assert.deepEqual((await run("senate zebra")).results, [], "a word no story holds");
  assert.deepEqual((await run("!!!")).results, [], "a query without words");
  assert.deepEqual((await run("bank")).results, []);
});

test("results are ranked by the sum of each word's best match, then newest first", async () => {
  const found = await run("senate vote");
  const s = idf(3, N); // senate
  const sr = 0.5 * idf(2, N); // senates, a prefix match
  const v = idf(4, N) * 116; // vote, a bitmap
  const vs = 0.5 * idf(2, N); // voters, a prefix match
  const expected = [
    { id: 1, score: s * 100 + v },
    { id: 2, score: sr * 40 + v },
    // Story 4 holds both "vote" and "voters": the better counts, not both.
    { id: 4, score: s * 100 + Math.max(v, vs * 255) },
    { id: 6, score: s * 50 + v },
  ];
  assert.ok(vs * 255 > v, "the test means story 4's prefix match to be its better one");
  const ranked = [...expected].sort((a, b) => b.score - a.score || b.id - a.id);
  assert.deepEqual(found.results.map((r) => r.id), ranked.map((r) => r.id));
  for (const r of found.results) {
    const want = expected.find((e) => e.id === r.id).score;
    assert.ok(Math.abs(r.score - want) < 1e-9, `story ${r.id}: ${r.score} is not ${want}`);
  }
});

test("equal scores rank the newer story (the higher id) first", () => {
  const ranked = search.rank(10, [[{ weight: 1, df: 3, ids: [2, 5, 8], impacts: [9, 9, 9] }]]);
  assert.deepEqual(ranked.map((r) => r.id), [8, 5, 2]);
  const mixed = search.rank(10, [
    [{ weight: 1, df: 3, ids: [2, 5, 8], impacts: [9, 200, 9] }],
    [{ weight: 1, df: 10, ids: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], impacts: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }],
  ]);
  assert.deepEqual(mixed.map((r) => r.id), [5, 8, 2]);
  assert.deepEqual(search.rank(10, []), []);
});

test("a prefix match weighs half an exact one", async () => {
  const exact = (await run("senate")).results.find((r) => r.id === 1).score;
  const prefix = (await run("sen")).results.find((r) => r.id === 1).score;
  assert.ok(Math.abs(prefix - exact / 2) < 1e-9);
  assert.deepEqual((await run("sen")).results.map((r) => r.id), [3, 4, 1, 2, 6],
    "senates' 200 in story 3 beats senate's 100 at the same weight");
});

// ---- Marking the query's words in an excerpt ----

test("an excerpt's matched words are marked, its other text kept as it was", () => {
  const matched = new Set(["senate", "zurich", "19"]);
  assert.deepEqual(search.segments("The Senate's vote in Zürich on COVID-19.", matched), [
    { text: "The ", mark: false }, { text: "Senate", mark: true }, { text: "'s vote in ", mark: false },
    { text: "Zürich", mark: true }, { text: " on COVID-", mark: false }, { text: "19", mark: true },
    { text: ".", mark: false },
  ]);
  assert.deepEqual(search.segments("<b>senate</b>", matched), [
    { text: "<b>", mark: false }, { text: "senate", mark: true }, { text: "</b>", mark: false },
  ], "markup in an excerpt is text like any other");
  assert.deepEqual(search.segments("", matched), []);
  assert.deepEqual(search.segments("nothing here", matched), [{ text: "nothing here", mark: false }]);
});
