//! Writing the search index (`crate::search`): kept as the previous build left it when no
//! story's search document changed, patched for the stories that did when the previous index
//! can be trusted, built anew otherwise.

use std::path::Path;

use rayon::prelude::*;

use super::write::Writer;
use super::{BuildError, SearchIndex};
use crate::fingerprint::{Fingerprint, Hasher};
use crate::publish::Publisher;
use crate::search::{Patched, PreviousIndex, DATA_DIR};

/// Where the previous build's index and its stories' fingerprints are.
pub struct SearchSources<'a> {
    /// The output folder the previous build wrote.
    pub output: &'a Path,
    /// The build cache's folder.
    pub cache: &'a Path,
}

/// At most this share of the stories changed (new, edited or moved to another id), the index is
/// patched; beyond it, indexing every story again costs about as much.
const PATCH_AT_MOST: usize = 4; // one in four

/// The fingerprint the index's table of contents is recorded under: that of every story's
/// search document in id order, so it says whether to index again.
fn contents_print(docs: &[Fingerprint]) -> Fingerprint {
    let mut print = Hasher::new();
    print
        .number(docs.len() as u64)
        .fingerprint(crate::cache::program_fingerprint());
    for &doc in docs {
        print.fingerprint(doc);
    }
    print.finish()
}

fn contents_path() -> String {
    format!("{DATA_DIR}meta.json")
}

/// Writes the search index, or keeps the previous build's when no story's search document
/// changed. The table of contents is recorded under [`contents_print`], the other files under
/// their bytes' fingerprints, so an index built or patched again writes only the chunks and
/// groups whose bytes changed. With `defer`, a changed index keeps the previous files too, its
/// table of contents recorded as stale so the next build indexes.
pub fn write_search(
    publisher: &Publisher,
    writer: &Writer,
    defer: bool,
    sources: &SearchSources,
) -> Result<SearchIndex, BuildError> {
    let count = publisher.site.stories.len();
    // Ids go oldest first; the site lists its stories newest first.
    let story = |id: usize| count - 1 - id;
    let docs: Vec<Fingerprint> = (0..count)
        .into_par_iter()
        .map(|id| publisher.search_doc_fingerprint(story(id)))
        .collect();
    let print = contents_print(&docs);
    let contents = contents_path();
    let previous = writer.previous.get(&contents).copied();
    let unchanged = previous == Some(print);
    if previous.is_some() && (unchanged || defer) {
        writer.record(
            contents.clone(),
            if unchanged { print } else { Fingerprint::STALE },
        );
        for (path, fingerprint) in writer.previous {
            if path.starts_with(DATA_DIR) && *path != contents {
                writer.record(path.clone(), *fingerprint);
            }
        }
        return Ok(if unchanged {
            SearchIndex::Kept
        } else {
            SearchIndex::Deferred
        });
    }
    let doc = |id: usize| Ok(publisher.search_doc(story(id))?);
    let write = |path: &str, bytes: &[u8]| {
        if path == contents {
            writer.write(path, print, bytes)
        } else {
            writer.write_changed(path, bytes)
        }
    };
    let keep = |path: &str| match writer.previous.get(path) {
        Some(&fingerprint) => {
            writer.record(path.to_string(), fingerprint);
            Ok(())
        }
        None => Err(BuildError::Search(crate::search::SearchError::Kept(
            path.to_string(),
        ))),
    };
    let mut outcome = SearchIndex::Indexed;
    if let Some((index, before)) = previous_index(writer, sources) {
        let changed: Vec<usize> = (0..count)
            .filter(|&id| before.get(id) != Some(&docs[id]))
            .collect();
        let touched = changed.len() + before.len().saturating_sub(count);
        if changed.len() * PATCH_AT_MOST <= count
            && crate::search::patch_stories(&index, count, &changed, doc, write, keep)?
                == Patched::Done
        {
            outcome = SearchIndex::Patched(touched);
        }
    }
    if outcome == SearchIndex::Indexed {
        crate::search::index_stories(count, doc, write)?;
    }
    // A cache that cannot keep the list only makes the next build index in full.
    let _ = crate::cache::search_docs::save(sources.cache, &docs);
    Ok(outcome)
}

/// The previous build's index and the fingerprints of the stories it holds, when the output
/// still holds that index as the manifest describes it: the cache's list of stories is the one
/// the table of contents was recorded under, and every chunk file has the bytes it was written
/// with (a file changed or replaced since is not trusted, and the index is built anew).
fn previous_index(
    writer: &Writer,
    sources: &SearchSources,
) -> Option<(PreviousIndex, Vec<Fingerprint>)> {
    let recorded = *writer.previous.get(&contents_path())?;
    let before = crate::cache::search_docs::load(sources.cache)?;
    if recorded == Fingerprint::STALE || contents_print(&before) != recorded {
        return None;
    }
    let chunk_folder = format!("{DATA_DIR}w/");
    let chunks = writer
        .previous
        .iter()
        .filter(|(path, _)| path.starts_with(&chunk_folder))
        .map(|(path, &fingerprint)| {
            let bytes = std::fs::read(sources.output.join(path)).ok()?;
            (Fingerprint::of_bytes(&bytes) == fingerprint).then_some(bytes)
        })
        .collect::<Option<Vec<_>>>()?;
    Some((
        PreviousIndex {
            docs: before.len(),
            chunks,
        },
        before,
    ))
}
