//! The index read back as docs/search-index.md says the search page reads it.

use std::collections::BTreeMap;
use std::sync::Mutex;

use super::*;

/// Files written, by path.
type Files = BTreeMap<String, Vec<u8>>;

fn doc(id: usize, headline: &str, text: &str) -> SearchDoc {
    SearchDoc {
        line: ResultLine {
            link: format!("2023/06/{id:02}/story/"),
            title: headline.to_string(),
            date: "June 16, 2023".into(),
            date_iso: "2023-06-16".into(),
            byline: "By Ann Lee".into(),
            excerpt: "The opening.".into(),
        },
        headline: headline.to_string(),
        text: vec![text.to_string()],
    }
}

/// Story `id` of `docs`, as the indexer takes it.
fn doc_of(docs: &[(&str, &str)], id: usize) -> Result<SearchDoc, SearchError> {
    Ok(doc(id, docs[id].0, docs[id].1))
}

/// Keeps a file the indexer writes in `files`.
fn keep_in(files: &Mutex<Files>, path: &str, bytes: &[u8]) -> Result<(), SearchError> {
    files
        .lock()
        .unwrap()
        .insert(path.to_string(), bytes.to_vec());
    Ok(())
}

fn build(docs: &[(&str, &str)]) -> Files {
    let files = Mutex::new(Files::new());
    index_stories(
        docs.len(),
        |id| doc_of(docs, id),
        |path, bytes| keep_in(&files, path, bytes),
    )
    .unwrap();
    files.into_inner().unwrap()
}

/// Every word of the index with its stories and their impacts, read from the table of contents
/// and the chunks, checking that each word lies in the chunk the contents assign it.
fn postings_of(files: &Files) -> BTreeMap<String, Vec<(u32, u8)>> {
    let meta: serde_json::Value = serde_json::from_slice(&files["search/data/meta.json"]).unwrap();
    let chunks = meta["chunks"].as_array().unwrap();
    let bitmap_impact = meta["bitmap_impact"].as_u64().unwrap() as u8;
    let mut all = BTreeMap::new();
    for (k, chunk) in chunks.iter().enumerate() {
        let first = chunk[0].as_str().unwrap();
        let next = chunks.get(k + 1).map(|c| c[0].as_str().unwrap());
        let bytes = &files[&format!("search/data/w/{}.bin", chunk[1].as_str().unwrap())];
        for (word, list) in read::chunk_entries(bytes, bitmap_impact).unwrap() {
            assert!(word.as_str() >= first && next.is_none_or(|n| word.as_str() < n));
            all.insert(word, list);
        }
    }
    all
}

#[test]
fn every_word_lists_the_stories_that_hold_it_with_the_headline_weighed() {
    let files = build(&[
        ("Senate passes budget", "The Senate voted on the budget."),
        (
            "Storm hits Zürich",
            "A storm in Zurich; the budget is safe.",
        ),
        ("Markets", "Nothing about it."),
    ]);
    let postings = postings_of(&files);
    let ids = |w: &str| postings[w].iter().map(|p| p.0).collect::<Vec<_>>();
    assert_eq!(ids("budget"), [0, 1]);
    assert_eq!(ids("zurich"), [1]);
    assert_eq!(ids("the"), [0, 1]);
    assert_eq!(ids("markets"), [2]);
    // In the headline and the text of story 0, in the text alone of story 1.
    let budget = &postings["budget"];
    assert!(budget[0].1 > budget[1].1, "{budget:?}");
    let meta: serde_json::Value = serde_json::from_slice(&files["search/data/meta.json"]).unwrap();
    assert_eq!(meta["docs"], 3);
    assert_eq!(meta["chunks"][0][0], "");
}

#[test]
fn result_lines_come_in_groups_by_id() {
    let n = 2 * PER_GROUP + 2;
    let docs: Vec<(String, String)> = (0..n)
        .map(|n| (format!("Story {n}"), format!("Text of story {n}.")))
        .collect();
    let docs: Vec<(&str, &str)> = docs.iter().map(|(h, t)| (h.as_str(), t.as_str())).collect();
    let files = build(&docs);
    let groups: Vec<&String> = files.keys().filter(|p| p.contains("/d/")).collect();
    assert_eq!(
        groups,
        [
            "search/data/d/0.json",
            "search/data/d/1.json",
            "search/data/d/2.json"
        ]
    );
    let last: serde_json::Value = serde_json::from_slice(&files["search/data/d/2.json"]).unwrap();
    assert_eq!(last.as_array().unwrap().len(), 2);
    assert_eq!(last[1]["t"], format!("Story {}", n - 1));
    assert_eq!(last[1]["u"], format!("2023/06/{}/story/", n - 1));
    assert_eq!(postings_of(&files)["story"].len(), n);
}

#[test]
fn an_empty_site_has_an_index_that_finds_nothing() {
    let files = build(&[]);
    assert!(postings_of(&files).is_empty());
    assert!(!files.keys().any(|p| p.contains("/d/")));
}

#[test]
fn a_one_story_edit_rewrites_its_group_and_few_chunks() {
    // A vocabulary large enough for many chunks: each story has words of its own.
    let texts: Vec<(String, String)> = (0..3000)
        .map(|n| {
            let own: String = (0..40).map(|k| format!(" w{}x{}", n, k)).collect();
            (format!("Story {n}"), format!("Common words here.{own}"))
        })
        .collect();
    let docs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(h, t)| (h.as_str(), t.as_str()))
        .collect();
    let before = build(&docs);
    let mut edited = docs.clone();
    let changed_text = format!("{} and one more word", texts[1500].1);
    edited[1500].1 = &changed_text;
    let after = build(&edited);
    let chunk_files = before.keys().filter(|p| p.contains("/w/")).count();
    assert!(chunk_files > 20, "{chunk_files} chunks");
    let changed: Vec<&String> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(bytes))
        .map(|(path, _)| path)
        .collect();
    // The chunks of `and`, `one`, `more`, `word` and of the story's own words (whose impacts
    // fell with its length); its result line is as it was.
    assert!(!changed.is_empty() && changed.len() <= 12, "{changed:?}");
    assert!(changed
        .iter()
        .all(|p| p.contains("/w/") || p.ends_with("meta.json")));
}

#[test]
fn a_damaged_chunk_is_an_error_not_a_panic() {
    let files = build(&[("Senate passes budget", "The Senate voted on the budget.")]);
    let chunk = files
        .iter()
        .find(|(path, _)| path.contains("/w/"))
        .map(|(_, bytes)| bytes.clone())
        .unwrap();
    assert!(read::chunk_entries(&chunk, 116).is_ok());
    for cut in 1..chunk.len() {
        // Every prefix but the whole either ends at an entry's end or is an error.
        let _ = read::chunk_entries(&chunk[..cut], 116);
    }
    assert!(read::chunk_entries(&[5, b'a'], 116).is_err());
    assert!(
        read::chunk_entries(&[1, b'a', 1, 9, 0], 116).is_err(),
        "unknown kind"
    );
    assert!(
        read::chunk_entries(&[0xff; 12], 116).is_err(),
        "a varint too long"
    );
}

/// The files of `before` (an index of `previous` stories) patched for `docs`, where `changed`
/// are the new or edited ids: the files written, and those kept as they were.
fn patched(
    before: &Files,
    previous: usize,
    docs: &[(&str, &str)],
    changed: &[usize],
) -> Option<Files> {
    let chunks = before
        .iter()
        .filter(|(path, _)| path.contains("/w/"))
        .map(|(_, bytes)| bytes.clone())
        .collect();
    let index = PreviousIndex {
        docs: previous,
        chunks,
    };
    let files = Mutex::new(Files::new());
    let outcome = patch_stories(
        &index,
        docs.len(),
        changed,
        |id| doc_of(docs, id),
        |path, bytes| keep_in(&files, path, bytes),
        |path| {
            keep_in(
                &files,
                path,
                before.get(path).expect("a kept file was there"),
            )
        },
    )
    .unwrap();
    match outcome {
        Patched::Done => Some(files.into_inner().unwrap()),
        Patched::Impossible(_) => {
            assert!(files.into_inner().unwrap().is_empty(), "nothing written");
            None
        }
    }
}

/// Asserts that a patch was made and gave these files, naming the first that differs (the
/// files are too long to print).
fn assert_same(patched: Option<Files>, built: &Files) {
    let patched = patched.expect("the patch was made");
    let paths = |f: &Files| f.keys().cloned().collect::<Vec<_>>();
    assert_eq!(paths(&patched), paths(built));
    for (path, bytes) in built {
        assert!(patched[path] == *bytes, "{path} differs");
    }
}

/// `n` stories whose words overlap: a few in every story, some in every few, some their own.
fn archive(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|k| {
            (
                format!("Story {k} of the day"),
                format!(
                    "Common text. Word{} and word{} with own{k}x and own{k}y.",
                    k % 7,
                    k % 13
                ),
            )
        })
        .collect()
}

fn as_refs(docs: &[(String, String)]) -> Vec<(&str, &str)> {
    docs.iter().map(|(h, t)| (h.as_str(), t.as_str())).collect()
}

#[test]
fn a_patched_index_is_the_index_built_anew() {
    let docs = archive(100);
    let before = build(&as_refs(&docs));
    let mut edited = docs.clone();
    edited[40].1 = "A rewritten story about word3 and brand new words.".into();
    edited[99].0 = "A new headline".into();
    edited.push((
        "Another story".into(),
        "Common text, word5 and word99.".into(),
    ));
    let after = as_refs(&edited);
    assert_same(
        patched(&before, 100, &after, &[40, 99, 100]),
        &build(&after),
    );
    // The newest stories gone.
    let fewer = as_refs(&docs[..70]);
    assert_same(patched(&before, 100, &fewer, &[]), &build(&fewer));
    // Nothing changed.
    assert_same(patched(&before, 100, &as_refs(&docs), &[]), &before);
}

#[test]
fn a_word_in_most_stories_stays_a_bitmap_or_the_patch_says_it_cannot() {
    let docs = archive(postings::BITMAP_MIN_STORIES as usize);
    let before = build(&as_refs(&docs));
    // `common` is a bitmap; an edit that keeps it in every story keeps it one.
    let mut edited = docs.clone();
    edited[500].1 = "Common text. Word1 and word2 with own500x, longer now, and new.".into();
    let after = as_refs(&edited);
    assert_same(patched(&before, docs.len(), &after, &[500]), &build(&after));
    // Taking it out of one story leaves too few stories for a bitmap: the list needs the
    // impacts the bitmap did not keep.
    edited[500].1 = "Rare text only.".into();
    edited[500].0 = "Rare".into();
    assert_eq!(
        patched(&before, docs.len(), &as_refs(&edited), &[500]),
        None
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    #[test]
    fn patching_any_edits_gives_the_index_built_anew(
        edits in proptest::collection::vec((0usize..80, 0usize..6), 1..6),
        grow in 0usize..5,
        shrink in 0usize..5,
    ) {
        let docs = archive(60);
        let before = build(&as_refs(&docs));
        let mut edited = docs.clone();
        edited.truncate(60 - shrink);
        edited.extend(archive(60 + grow).split_off(60).into_iter().map(|(h, t)| (h, t + " Added.")));
        let mut changed: Vec<usize> = (60 - shrink..edited.len()).collect();
        for (at, kind) in edits {
            let at = at % edited.len();
            edited[at].1 = format!("Edit {kind}: word{kind} common text own{at}x.");
            changed.push(at);
        }
        changed.sort_unstable();
        changed.dedup();
        let after = as_refs(&edited);
        assert_same(patched(&before, 60, &after, &changed), &build(&after));
    }
}
