// The search page: queries the site's own index (search/data/, laid out in docs/search-index.md)
// in the reader's browser. It loads the index's table of contents once, then for each query only
// the chunks of postings that hold its words and the result lines of the stories it shows.
// Everything read from the index is shown as text (textContent), never parsed as HTML.
//
// A classic script with no dependencies. Loaded in Node (the unit tests) it only exports its pure
// functions and never touches the DOM.
(function () {
  "use strict";

  var PREFIX_MIN_CHARS = 3; // a query word this long also matches the words it begins
  var PREFIX_WEIGHT = 0.5;
  var MAX_EXPANSIONS = 50;
  var PAGE_SIZE = 10;
  var LIST = 0;
  var BITMAP = 1;

  // ---- Words: the same cut as the indexer's (src/search/words.rs) ----

  var MARKS = /\p{M}/gu;
  var SEPARATORS = /[^\p{Alphabetic}\p{N}]+/u;
  // A stretch of shown text that holds words. Marks belong to it: in text that is not NFC they sit
  // inside words (`Zu\u0308rich`), and normalizing drops them.
  var WORD_RUN = /[\p{Alphabetic}\p{N}\p{M}]+/gu;

  /// NFD, combining marks removed, lower case.
  function normalize(text) {
    return String(text).normalize("NFD").replace(MARKS, "").toLowerCase();
  }

  /// The words of `text`, in order: `Biden's` is `biden`, `s`.
  function words(text) {
    return normalize(text).split(SEPARATORS).filter(function (w) { return w !== ""; });
  }

  /// A query's words, each once, in the order first typed.
  function queryWords(text) {
    var seen = new Set();
    return words(text).filter(function (w) {
      if (seen.has(w)) return false;
      seen.add(w);
      return true;
    });
  }

  /// Compares two words in code point order (the index's order, Rust's `str` order), not in
  /// UTF-16 units as `<` does: a character above U+FFFF, written as surrogates (D800–DFFF), comes
  /// after U+E000–U+FFFF. -1, 0 or 1.
  function compareWords(a, b) {
    if (a === b) return 0;
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      if (a.charCodeAt(i) !== b.charCodeAt(i)) {
        // At the first differing unit both strings start a character (or, after the same high
        // surrogate, both hold a low one, which compare as their code points do).
        return a.codePointAt(i) < b.codePointAt(i) ? -1 : 1;
      }
    }
    return a.length < b.length ? -1 : 1;
  }

  // ---- Decoding the binary chunks ----

  /// The unsigned LEB128 varint at `pos` of `bytes`: `{value, end}`, `end` being the position
  /// after it. Throws when it runs past the end or past what a Number holds exactly.
  function readVarint(bytes, pos) {
    var value = 0;
    var scale = 1;
    var byte;
    do {
      if (pos >= bytes.length) throw new Error("search index: a number runs past the end of its file");
      byte = bytes[pos++];
      // Multiplication, not shifts: bitwise operators would cut the value to 32 bits.
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    if (!Number.isSafeInteger(value)) throw new Error("search index: a number too large");
    return { value: value, end: pos };
  }

  var utf8 = new TextDecoder("utf-8", { fatal: true });

  /// The entries of a chunk file, in its (word) order: `{word, df, kind, payload}`, `payload` a
  /// view of the postings' bytes, decoded only for the words a query needs.
  function decodeChunk(buffer) {
    var bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
    var entries = [];
    var pos = 0;
    var end = function (v) {
      var e = v.end + v.value;
      if (e > bytes.length) throw new Error("search index: an entry runs past the end of its chunk");
      return e;
    };
    while (pos < bytes.length) {
      var length = readVarint(bytes, pos);
      var wordEnd = end(length);
      var word = utf8.decode(bytes.subarray(length.end, wordEnd));
      var df = readVarint(bytes, wordEnd);
      if (df.end >= bytes.length) throw new Error("search index: an entry runs past the end of its chunk");
      var kind = bytes[df.end];
      var size = readVarint(bytes, df.end + 1);
      var payloadEnd = end(size);
      entries.push({ word: word, df: df.value, kind: kind, payload: bytes.subarray(size.end, payloadEnd) });
      pos = payloadEnd;
    }
    return entries;
  }

  /// The stories holding `entry`'s word and each one's impact: `{ids, impacts}`, ids ascending.
  function decodePostings(entry, bitmapImpact) {
    var p = entry.payload;
    var ids = [];
    var impacts = [];
    if (entry.kind === LIST) {
      // `df` pairs: a varint gap from the previous id (the first is the id itself), an impact byte.
      var pos = 0;
      var id = 0;
      for (var i = 0; i < entry.df; i++) {
        var gap = readVarint(p, pos);
        if (gap.end >= p.length) throw new Error("search index: postings of “" + entry.word + "” cut short");
        id += gap.value;
        ids.push(id);
        impacts.push(p[gap.end]);
        pos = gap.end + 1;
      }
      if (pos !== p.length) throw new Error("search index: postings of “" + entry.word + "” are longer than their count");
    } else if (entry.kind === BITMAP) {
      // Bit j (least significant first) of byte k: story 8k + j.
      for (var k = 0; k < p.length; k++) {
        for (var j = 0, byte = p[k]; byte !== 0; j++, byte >>= 1) {
          if (byte & 1) {
            ids.push(8 * k + j);
            impacts.push(bitmapImpact);
          }
        }
      }
    } else {
      throw new Error("search index: postings of “" + entry.word + "” are of unknown kind " + entry.kind);
    }
    return { ids: ids, impacts: impacts };
  }

  // ---- Finding words ----

  /// The chunk that would hold `word`: the last `k` with `chunks[k][0] <= word`; -1 if none.
  function chunkIndex(chunks, word) {
    var lo = 0;
    var hi = chunks.length; // the answer is below hi
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (compareWords(chunks[mid][0], word) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /// The chunks that can hold `prefix` or words it begins: `[first, last]`, inclusive. The words
  /// beginning with `prefix` follow it in code point order, so they run on from the chunk that
  /// would hold `prefix` into every following chunk whose first word begins with it.
  function chunkRange(chunks, prefix) {
    var first = chunkIndex(chunks, prefix);
    if (first < 0) return [0, -1];
    var last = first;
    while (last + 1 < chunks.length && chunks[last + 1][0].startsWith(prefix)) last++;
    return [first, last];
  }

  /// The first entry of `entries` (in word order) whose word is not before `word`.
  function lowerBound(entries, word) {
    var lo = 0;
    var hi = entries.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (compareWords(entries[mid].word, word) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /// The indexed words a query word matches: `{exact, expansions}`, `exact` the entry of the word
  /// itself (or null), `expansions` the first 50, in word order, of the longer words it begins
  /// when it has three characters or more. `load(k)` resolves to the entries of chunk `k`; chunks
  /// are loaded one after another, and only as long as they can add a match.
  async function lookup(word, chunks, load) {
    var found = { exact: null, expansions: [] };
    var range = chunkRange(chunks, word);
    var prefix = Array.from(word).length >= PREFIX_MIN_CHARS;
    var last = prefix ? range[1] : range[0];
    for (var k = range[0]; k <= last; k++) {
      var entries = await load(k);
      for (var i = lowerBound(entries, word); i < entries.length; i++) {
        var entry = entries[i];
        if (entry.word === word) {
          found.exact = entry;
          if (!prefix) return found;
        } else if (prefix && entry.word.startsWith(word)) {
          found.expansions.push(entry);
          if (found.expansions.length === MAX_EXPANSIONS) return found;
        } else {
          return found; // past every word `word` begins
        }
      }
    }
    return found;
  }

  // ---- Scoring ----

  function idf(df, n) {
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /// Ranks the `n` stories for a query. `terms` has one list per query word of its matches, each
  /// `{weight, df, ids, impacts}`. A story matches when it holds a match of every query word; its
  /// score is the sum over the query's words of its best `weight · idf(df) · impact`. Returns
  /// `[{id, score}]` by score, then newest (higher id) first.
  function rank(n, terms) {
    if (terms.length === 0) return [];
    var total = new Float64Array(n);
    var held = new Uint32Array(n); // how many query words each story holds
    var best = new Float64Array(n);
    terms.forEach(function (matches) {
      best.fill(0);
      matches.forEach(function (m) {
        var w = m.weight * idf(m.df, n);
        for (var i = 0; i < m.ids.length; i++) {
          var id = m.ids[i];
          var s = w * m.impacts[i];
          if (id < n && s > best[id]) best[id] = s;
        }
      });
      // Every score of a match is above 0 (impact >= 1, and idf > 0 since df <= n).
      for (var id = 0; id < n; id++) {
        if (best[id] > 0) {
          total[id] += best[id];
          held[id]++;
        }
      }
    });
    var results = [];
    for (var id = 0; id < n; id++) {
      if (held[id] === terms.length) results.push({ id: id, score: total[id] });
    }
    results.sort(function (a, b) { return b.score - a.score || b.id - a.id; });
    return results;
  }

  /// Runs `query` against the index whose `meta.json` is `meta`, `load(k)` resolving to chunk
  /// `k`'s entries. Resolves to `{words, matched, results}`: the query's words, the set of indexed
  /// words that matched them (to mark in excerpts), and the ranked `[{id, score}]`.
  async function search(query, meta, load) {
    var qs = queryWords(query);
    var found = await Promise.all(qs.map(function (q) { return lookup(q, meta.chunks, load); }));
    var matched = new Set();
    // A word without a match leaves no story matching: nothing to decode.
    if (qs.length === 0 || found.some(function (f) { return !f.exact && f.expansions.length === 0; })) {
      return { words: qs, matched: matched, results: [] };
    }
    var terms = found.map(function (f) {
      var matches = f.expansions.map(function (e) { return { entry: e, weight: PREFIX_WEIGHT }; });
      if (f.exact) matches.unshift({ entry: f.exact, weight: 1 });
      return matches.map(function (m) {
        matched.add(m.entry.word);
        var postings = decodePostings(m.entry, meta.bitmap_impact);
        return { weight: m.weight, df: m.entry.df, ids: postings.ids, impacts: postings.impacts };
      });
    });
    return { words: qs, matched: matched, results: rank(meta.docs, terms) };
  }

  /// `text` cut into `[{text, mark}]`, `mark` true on each word that is one of `matched`.
  function segments(text, matched) {
    var out = [];
    var run = new RegExp(WORD_RUN.source, "gu");
    var last = 0;
    var m;
    while ((m = run.exec(text)) !== null) {
      if (!words(m[0]).some(function (w) { return matched.has(w); })) continue;
      if (m.index > last) out.push({ text: text.slice(last, m.index), mark: false });
      out.push({ text: m[0], mark: true });
      last = m.index + m[0].length;
    }
    if (last < text.length) out.push({ text: text.slice(last), mark: false });
    return out;
  }

  var api = {
    normalize: normalize, words: words, queryWords: queryWords, compareWords: compareWords,
    readVarint: readVarint, decodeChunk: decodeChunk, decodePostings: decodePostings,
    chunkIndex: chunkIndex, chunkRange: chunkRange, lookup: lookup, idf: idf, rank: rank,
    search: search, segments: segments,
  };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }
  if (typeof document === "undefined") return;

  // ---- The page ----

  var box = document.getElementById("search");
  if (!box) return;
  var form = box.querySelector("form");
  var input = box.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  var list = box.querySelector("ol");
  if (!form || !input || !status || !list) return;
  var root = new URL(box.getAttribute("data-root") || "./", window.location.href);
  var data = new URL("search/data/", root);

  var more = document.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.textContent = "More results";
  more.hidden = true;
  list.parentNode.insertBefore(more, list.nextSibling);

  /// `cache`'s promise for `key`, made by `make()` the first time; forgotten if it fails, so that
  /// the next query tries again.
  function cached(cache, key, make) {
    var p = cache.get(key);
    if (!p) {
      p = make();
      cache.set(key, p);
      p.catch(function () { cache.delete(key); });
    }
    return p;
  }
  var files = new Map();

  function get(path, init) {
    var url = new URL(path, data);
    return fetch(url, init).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r;
    });
  }

  function loadMeta() {
    // meta.json is asked for afresh (revalidated) once per page: it names the chunks to load.
    return cached(files, "meta.json", function () {
      return get("meta.json", { cache: "no-cache" }).then(function (r) { return r.json(); }).then(function (meta) {
        if (!meta || meta.version !== 1 || !Array.isArray(meta.chunks) || !(meta.per_group > 0)) {
          throw new Error("search index: meta.json is not of version 1");
        }
        return meta;
      });
    });
  }

  function chunkLoader(meta) {
    return function (k) {
      var name = "w/" + encodeURIComponent(meta.chunks[k][1]) + ".bin";
      return cached(files, name, function () {
        return get(name).then(function (r) { return r.arrayBuffer(); }).then(decodeChunk);
      });
    };
  }

  /// Story `id`'s result line, from its group's file.
  function resultLine(meta, id) {
    var g = Math.floor(id / meta.per_group);
    var name = "d/" + g + ".json";
    // A group keeps its name when its stories change, so it is revalidated like meta.json;
    // chunks are named by their bytes and may come from the browser's cache.
    return cached(files, name, function () {
      return get(name, { cache: "no-cache" }).then(function (r) { return r.json(); });
    }).then(function (group) {
      var line = Array.isArray(group) ? group[id - g * meta.per_group] : null;
      if (!line || typeof line !== "object") throw new Error("search index: no result line for story " + id);
      return line;
    });
  }

  function text(value) {
    return typeof value === "string" ? value : "";
  }

  function element(name, className, content) {
    var el = document.createElement(name);
    if (className) el.className = className;
    if (content) el.textContent = content;
    return el;
  }

  /// The story's address, only if it lies under the site root (a `javascript:` or another host's
  /// address in the index is never linked).
  function storyHref(u) {
    try {
      var url = new URL(u, root);
      return url.href.startsWith(root.href) ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function resultItem(line, matched) {
    var li = element("li", "search-result");
    var heading = element("h2", "search-result-headline");
    var headline = text(line.t) || text(line.u);
    var href = storyHref(text(line.u));
    if (href) {
      var a = element("a", "search-result-link", headline);
      a.href = href;
      heading.appendChild(a);
    } else {
      heading.textContent = headline;
    }
    li.appendChild(heading);
    var when = text(line.d);
    var by = text(line.b);
    if (when || by) {
      var meta = element("p", "story-meta search-result-meta");
      if (when) {
        var time = element(text(line.dt) ? "time" : "span", null, when);
        if (text(line.dt)) time.setAttribute("datetime", line.dt);
        meta.appendChild(time);
      }
      if (when && by) meta.appendChild(document.createTextNode(" · "));
      if (by) meta.appendChild(element("span", "search-result-byline", by));
      li.appendChild(meta);
    }
    var excerpt = text(line.e);
    if (excerpt) {
      var p = element("p", "search-result-excerpt");
      segments(excerpt, matched).forEach(function (s) {
        p.appendChild(s.mark ? element("mark", null, s.text) : document.createTextNode(s.text));
      });
      li.appendChild(p);
    }
    return li;
  }

  // The query on show; `seq` tells a finished load whether its query is still the current one.
  var current = null;
  var seq = 0;

  function say(message) {
    status.textContent = message;
  }

  function matchCount(n, query) {
    var quoted = "“" + query + "”";
    if (n === 0) return "No story matches " + quoted + ".";
    if (n === 1) return "1 story matches " + quoted + ".";
    return n.toLocaleString("en") + " stories match " + quoted + ".";
  }

  /// Shows the current query's next ten results; resolves to the first new item's link.
  async function showMore(mine) {
    var q = current;
    var next = q.found.results.slice(q.shown, q.shown + PAGE_SIZE);
    var lines = await Promise.all(next.map(function (r) { return resultLine(q.meta, r.id); }));
    if (mine !== seq) return null;
    var first = null;
    lines.forEach(function (line) {
      var item = resultItem(line, q.found.matched);
      list.appendChild(item);
      if (!first) first = item.querySelector("a");
    });
    q.shown += next.length;
    more.hidden = q.shown >= q.found.results.length;
    return first;
  }

  async function run(query) {
    var mine = ++seq;
    var shown = query.trim().replace(/\s+/g, " ");
    list.textContent = "";
    more.hidden = true;
    current = null;
    if (!shown) {
      say("");
      return;
    }
    say("Searching…");
    try {
      var meta = await loadMeta();
      var found = await search(shown, meta, chunkLoader(meta));
      if (mine !== seq) return;
      current = { meta: meta, found: found, shown: 0 };
      await showMore(mine);
      if (mine === seq) say(matchCount(found.results.length, shown));
    } catch (e) {
      if (mine === seq) say("Search is not available just now: its index could not be loaded. Please try again later.");
    }
  }

  more.addEventListener("click", function () {
    if (!current) return;
    var mine = seq;
    more.disabled = true;
    showMore(mine).then(function (link) {
      // Keyboard and screen reader users land on the first new result, not back at the top.
      if (link) link.focus();
    }).catch(function () {
      if (mine === seq) say("The next results could not be loaded. Please try again.");
    }).finally(function () {
      more.disabled = false;
    });
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url.href);
    run(input.value);
  });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
