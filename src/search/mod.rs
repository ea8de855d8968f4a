//! Offline search: broadsheet's own term-partitioned index, written as static files under
//! `search/data/` and read by `static/search.js` in the reader's browser. docs/search-index.md
//! specifies the files; the query side must follow the same document.
//!
//! Hand-written rather than taken from a crate: the generators' indexes (Pagefind, Zola's
//! elasticlunr, tinysearch) are split by page, so every query loads metadata of every story
//! (Pagefind: about 9 bytes a story per shard, over 850 KB a query at 100,000 articles), and an
//! index split by word is the one whose query cost stays flat as an archive grows, and whose
//! files a one-story edit mostly leaves alone.

mod chunks;
mod patch;
mod postings;
pub mod read;
mod words;

pub use patch::{patch_stories, Patched, PreviousIndex};

// foldhash rather than the standard hasher: every word of every story is hashed twice, and
// SipHash, made to resist crafted keys at a cost, was a fifth of indexing.
use foldhash::HashMap;

use serde::Serialize;

pub use words::{for_each_word, words};

/// Where the index's files go, relative to the site root.
pub const DATA_DIR: &str = crate::urls::SEARCH_DATA;
/// Stories per file of result lines: a page of ten results loads at most ten such files (of
/// about 10 KB each), and a large archive gets a 32nd as many files as it has stories.
const PER_GROUP: usize = 32;
/// How many times an occurrence in the headline counts: a story about a word says it there.
const HEADLINE_WEIGHT: u32 = 3;
/// Stories read and cut into words at once, on every core, before they are added in order.
const DOCS_PER_BATCH: usize = 256;

/// Why the search index could not be built.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("cannot write the search index's table of contents: {0}")]
    Contents(#[source] serde_json::Error),
    #[error("cannot start the search indexer's threads: {0}")]
    Pool(String),
    #[error("the search indexer stopped unexpectedly")]
    Stopped,
    #[error("the previous search index has no {0}, which it should keep")]
    Kept(String),
}

/// One story as search takes it.
pub struct SearchDoc {
    /// What the result line shows and links to.
    pub line: ResultLine,
    /// The headline, whose words count more.
    pub headline: String,
    /// The rest of the story's text: dek, bylines, heads and paragraphs, as plain text.
    pub text: Vec<String>,
}

/// A story's line in the results, as the search page shows it (all plain text).
#[derive(Serialize)]
pub struct ResultLine {
    /// The link, relative to the site root.
    #[serde(rename = "u")]
    pub link: String,
    #[serde(rename = "t")]
    pub title: String,
    /// The date as the site's pages show it, and its ISO form (either may be empty).
    #[serde(rename = "d")]
    pub date: String,
    #[serde(rename = "dt")]
    pub date_iso: String,
    /// `By …`, or empty.
    #[serde(rename = "b")]
    pub byline: String,
    /// The dek, or the story's summary.
    #[serde(rename = "e")]
    pub excerpt: String,
}

/// The table of contents, `search/data/meta.json`.
#[derive(Serialize)]
struct Contents {
    version: u32,
    docs: usize,
    per_group: usize,
    bitmap_impact: u8,
    chunks: Vec<(String, String)>,
}

/// A story's words with how often it holds each (headline occurrences weighed), and its length.
struct StoryWords {
    counts: Vec<(Box<str>, u32)>,
    len: usize,
}

fn story_words(doc: &SearchDoc) -> StoryWords {
    let mut counts: HashMap<Box<str>, u32> = HashMap::default();
    let mut len = 0;
    let mut count = |text: &str, weight: u32| {
        for_each_word(text, |w| {
            len += 1;
            match counts.get_mut(w) {
                Some(n) => *n += weight,
                None => {
                    counts.insert(w.into(), weight);
                }
            }
        });
    };
    count(&doc.headline, HEADLINE_WEIGHT);
    for part in &doc.text {
        count(part, 1);
    }
    StoryWords {
        counts: counts.into_iter().collect(),
        len,
    }
}

/// Indexes `count` stories and hands every file of the index to `write` (its path relative to
/// the site root, its bytes). `doc(id)` gives story `id`; ids go oldest first, so that a new
/// story takes the next id and every other story's postings stay as they were.
///
/// The stories are read a batch at a time, cut into words on a pool of search's own (as many
/// threads as cores, beside the rendering's: the operating system shares the cores, and an
/// incremental build, which renders little, indexes on all of them), and folded into the
/// postings, already encoded, so memory holds the index, not the text; result lines are written
/// a group at a time as they fill.
pub fn index_stories<E>(
    count: usize,
    doc: impl Fn(usize) -> Result<SearchDoc, E> + Sync,
    write: impl Fn(&str, &[u8]) -> Result<(), E>,
) -> Result<(), E>
where
    E: From<SearchError> + Send,
{
    use rayon::prelude::*;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cores)
        .thread_name(|n| format!("search-{n}"))
        .build()
        .map_err(|e| SearchError::Pool(e.to_string()))?;
    let mut index: HashMap<Box<str>, postings::Postings> = HashMap::default();
    let mut group: Vec<ResultLine> = Vec::with_capacity(PER_GROUP);
    for start in (0..count).step_by(DOCS_PER_BATCH) {
        let batch = pool.install(|| {
            (start..count.min(start + DOCS_PER_BATCH))
                .into_par_iter()
                .map(|id| {
                    let doc = doc(id)?;
                    Ok((story_words(&doc), doc.line))
                })
                .collect::<Result<Vec<_>, E>>()
        })?;
        for (offset, (words, line)) in batch.into_iter().enumerate() {
            let id = start + offset;
            for (word, tf) in words.counts {
                let impact = postings::impact(tf, words.len);
                index.entry(word).or_default().push(id as u32, impact);
            }
            group.push(line);
            if group.len() == PER_GROUP {
                write_group(id / PER_GROUP, &group, &write)?;
                group.clear();
            }
        }
    }
    if !group.is_empty() {
        write_group(count / PER_GROUP, &group, &write)?;
    }
    let mut sorted: Vec<(Box<str>, postings::Postings)> = index.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let chunks = chunks::cut(sorted, |chunk| write_chunk(&chunk, &write))?;
    write_contents(count, chunks, &write)
}

/// The path of the file of result lines of group `number`.
fn group_path(number: usize) -> String {
    format!("{DATA_DIR}d/{number}.json")
}

/// The path of a chunk file.
fn chunk_path(chunk: &chunks::Chunk) -> String {
    format!("{DATA_DIR}w/{}.bin", chunk.name())
}

/// Writes a chunk file.
fn write_chunk<E>(
    chunk: &chunks::Chunk,
    write: &impl Fn(&str, &[u8]) -> Result<(), E>,
) -> Result<(), E> {
    write(&chunk_path(chunk), &chunk.bytes)
}

/// Writes group `number` of result lines.
fn write_group<E: From<SearchError>>(
    number: usize,
    group: &[ResultLine],
    write: &impl Fn(&str, &[u8]) -> Result<(), E>,
) -> Result<(), E> {
    let json = serde_json::to_vec(group).map_err(SearchError::Contents)?;
    write(&group_path(number), &json)
}

/// Writes the table of contents of an index of `docs` stories with these chunks.
fn write_contents<E: From<SearchError>>(
    docs: usize,
    chunks: Vec<(String, String)>,
    write: &impl Fn(&str, &[u8]) -> Result<(), E>,
) -> Result<(), E> {
    let contents = Contents {
        version: 1,
        docs,
        per_group: PER_GROUP,
        bitmap_impact: postings::bitmap_impact(),
        chunks,
    };
    let json = serde_json::to_vec(&contents).map_err(SearchError::Contents)?;
    write(&format!("{DATA_DIR}meta.json"), &json)
}

#[cfg(test)]
mod tests;
