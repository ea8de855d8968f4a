//! Patching the previous build's index for the few stories an edit changed, instead of cutting
//! every story of the archive into words again.
//!
//! The files a full indexing writes depend on each story's words alone, word by word: a word's
//! entry holds the stories that have it (by id) with their impacts, and where a chunk ends
//! depends on the word and its entry's bytes. So the index of an archive where stories `C`
//! changed is the previous index with every entry that holds a story of `C` (or gains one)
//! encoded again, and every other entry's bytes as they were. The result is byte for byte the
//! index a full indexing would write; the one case it cannot make is a word whose entry was a
//! bitmap (which keeps no impacts) and becomes a list, and then it says so and the caller
//! indexes in full.

use std::collections::BTreeMap;

use super::chunks::{self, Entry};
use super::postings::{self, Postings};
use super::read::{self, RawEntry};
use super::{
    story_words, write_chunk, write_contents, write_group, SearchDoc, SearchError, PER_GROUP,
};

/// The previous build's index, as its files hold it.
pub struct PreviousIndex {
    /// How many stories it indexed.
    pub docs: usize,
    /// Its chunk files' bytes, in any order.
    pub chunks: Vec<Vec<u8>>,
}

/// How a patch went.
#[derive(Debug, PartialEq, Eq)]
pub enum Patched {
    Done,
    /// The patch cannot give what a full indexing would, for this reason; nothing was written.
    Impossible(&'static str),
}

/// An entry of the patched index.
enum Patch<'a> {
    Kept(&'a RawEntry<'a>),
    Built(Box<str>, Postings),
}

impl Entry for Patch<'_> {
    fn word(&self) -> &str {
        match self {
            Patch::Kept(raw) => raw.word,
            Patch::Built(word, _) => word,
        }
    }

    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Patch::Kept(raw) => out.extend_from_slice(raw.bytes),
            Patch::Built(word, postings) => postings.encode(word, out),
        }
    }
}

/// Writes the index of `count` stories from `previous`, where `changed` (ascending) are the ids
/// whose story is new or differs from the one `previous` indexed; ids `count..previous.docs`
/// are gone. `doc(id)` gives story `id`, as [`super::index_stories`] takes it; `write` takes a
/// file's path and bytes, and `keep` the path of a file of result lines that stays as it was.
/// Nothing is written unless the patch can be made.
pub fn patch_stories<E>(
    previous: &PreviousIndex,
    count: usize,
    changed: &[usize],
    doc: impl Fn(usize) -> Result<SearchDoc, E> + Sync,
    write: impl Fn(&str, &[u8]) -> Result<(), E>,
    keep: impl Fn(&str) -> Result<(), E>,
) -> Result<Patched, E>
where
    E: From<SearchError> + Send,
{
    use rayon::prelude::*;
    debug_assert!(changed.windows(2).all(|w| w[0] < w[1]));
    let dropped = |id: u32| id as usize >= count || changed.binary_search(&(id as usize)).is_ok();
    let fresh = changed
        .par_iter()
        .map(|&id| Ok((id as u32, story_words(&doc(id)?))))
        .collect::<Result<Vec<_>, E>>()?;
    // The changed stories' words, each with its stories in id order.
    let mut additions: BTreeMap<Box<str>, Vec<(u32, Option<u8>)>> = BTreeMap::new();
    for (id, words) in fresh {
        for (word, tf) in words.counts {
            let impact = postings::impact(tf, words.len);
            additions.entry(word).or_default().push((id, Some(impact)));
        }
    }
    let mut raws = Vec::new();
    for chunk in &previous.chunks {
        match read::raw_entries(chunk) {
            Ok(entries) => raws.extend(entries),
            Err(_) => return Ok(Patched::Impossible("a chunk of the index cannot be read")),
        }
    }
    raws.sort_unstable_by(|a, b| a.word.cmp(b.word));
    if raws.windows(2).any(|w| w[0].word == w[1].word) {
        return Ok(Patched::Impossible("a word is in two chunks of the index"));
    }
    let entries = match merge(&raws, additions, dropped) {
        Ok(entries) => entries,
        Err(why) => return Ok(Patched::Impossible(why)),
    };
    let mut cut = Vec::new();
    let contents = chunks::cut(entries, |chunk| {
        cut.push(chunk);
        Ok::<_, E>(())
    })?;
    for chunk in cut {
        write_chunk(&chunk, &write)?;
    }
    // Result lines: the groups holding a changed or gone story are written again, with the
    // last group when the count changed; the others are as they were.
    let groups = count.div_ceil(PER_GROUP);
    let mut rewritten: Vec<usize> = changed.iter().map(|id| id / PER_GROUP).collect();
    if count != previous.docs && groups > 0 {
        rewritten.push(groups - 1);
    }
    rewritten.sort_unstable();
    rewritten.dedup();
    for group in 0..groups {
        if rewritten.binary_search(&group).is_ok() {
            let ids = group * PER_GROUP..count.min((group + 1) * PER_GROUP);
            let lines = ids
                .map(|id| Ok(doc(id)?.line))
                .collect::<Result<Vec<_>, E>>()?;
            write_group(group, &lines, &write)?;
        } else {
            keep(&super::group_path(group))?;
        }
    }
    write_contents(count, contents, &write)?;
    Ok(Patched::Done)
}

/// The entries of the patched index in word order: each previous entry kept, encoded again
/// without its dropped stories and with its additions, or gone when no story is left, and the
/// words new to the index.
fn merge<'a>(
    raws: &'a [RawEntry<'a>],
    additions: BTreeMap<Box<str>, Vec<(u32, Option<u8>)>>,
    dropped: impl Fn(u32) -> bool,
) -> Result<Vec<Patch<'a>>, &'static str> {
    let mut out = Vec::with_capacity(raws.len() + additions.len());
    let mut added = additions.into_iter().peekable();
    let unreadable = |_| "a chunk of the index cannot be read";
    for raw in raws {
        while let Some((word, stories)) = added.next_if(|(w, _)| &**w < raw.word) {
            out.push(built(word, stories)?);
        }
        let more = added.next_if(|(w, _)| &**w == raw.word).map(|(_, s)| s);
        let stories = raw.stories().map_err(unreadable)?;
        if more.is_none() && !stories.iter().any(|&(id, _)| dropped(id)) {
            out.push(Patch::Kept(raw));
            continue;
        }
        let mut stories: Vec<_> = stories
            .into_iter()
            .filter(|&(id, _)| !dropped(id))
            .collect();
        stories.extend(more.into_iter().flatten());
        stories.sort_unstable_by_key(|&(id, _)| id);
        if !stories.is_empty() {
            out.push(built(raw.word.into(), stories)?);
        }
    }
    for (word, stories) in added {
        out.push(built(word, stories)?);
    }
    Ok(out)
}

/// A word's entry made from its stories (ascending ids); stories read from a bitmap have no
/// impact, and the entry can be made only if it is a bitmap again.
fn built(word: Box<str>, stories: Vec<(u32, Option<u8>)>) -> Result<Patch<'static>, &'static str> {
    let mut postings = Postings::default();
    let mut unknown = false;
    for (id, impact) in stories {
        unknown |= impact.is_none();
        postings.push(id, impact.unwrap_or_else(postings::bitmap_impact));
    }
    if unknown && !postings.is_bitmap() {
        return Err("a word in many stories is now in fewer");
    }
    Ok(Patch::Built(word, postings))
}
