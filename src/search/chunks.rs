//! The postings cut into chunk files, at content-defined boundaries (docs/search-index.md).

use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

use super::postings::Postings;

/// The size a chunk aims at: a query loads one chunk per word it asks for.
const TARGET_BYTES: usize = 32 * 1024;
/// A chunk ends here whatever its words, so no query loads more for a word than this (beyond
/// the one entry that crosses it, itself at most an eighth of a byte per story).
const MAX_BYTES: usize = 64 * 1024;
/// The seed of the hash that places boundaries, other than the one that names chunks.
const BOUNDARY_SEED: u64 = 0x6272_6f61_6473_6865;

/// One chunk: the first word it may hold (the first chunk's is `""`), and its bytes.
pub struct Chunk {
    pub first_word: String,
    pub bytes: Vec<u8>,
}

impl Chunk {
    /// The chunk's file name: a hash of its bytes. A browser may keep a chunk as long as it
    /// likes, since a changed chunk is a new file, and an unchanged one keeps its name.
    pub fn name(&self) -> String {
        format!("{:016x}", xxh3_64(&self.bytes))
    }
}

/// Whether a chunk ends after `word`, whose entry is `entry_len` bytes: when the word's hash,
/// read as a fraction of its range, falls below the entry's share of a chunk's target size.
/// It depends on the word and its own entry alone, so editing one word's postings moves no other
/// boundary, and chunks hold about `TARGET_BYTES` on average.
fn ends_after(word: &str, entry_len: usize) -> bool {
    let fraction = xxh3_64_with_seed(word.as_bytes(), BOUNDARY_SEED) as f64 / u64::MAX as f64;
    fraction < entry_len as f64 / TARGET_BYTES as f64
}

/// A word's entry as a chunk takes it: built from its postings, or kept as the previous
/// build's bytes.
pub trait Entry {
    fn word(&self) -> &str;
    /// Appends the entry (word to payload) to `out`.
    fn encode(&self, out: &mut Vec<u8>);
}

impl Entry for (Box<str>, Postings) {
    fn word(&self) -> &str {
        &self.0
    }

    fn encode(&self, out: &mut Vec<u8>) {
        self.1.encode(&self.0, out)
    }
}

/// Cuts `words` (in ascending order) into chunks, handing each to `emit` as it is made, and
/// returns every chunk's first word and file name, for the table of contents.
pub fn cut<E>(
    words: impl IntoIterator<Item = impl Entry>,
    mut emit: impl FnMut(Chunk) -> Result<(), E>,
) -> Result<Vec<(String, String)>, E> {
    let mut contents = Vec::new();
    let mut current = Chunk {
        first_word: String::new(),
        bytes: Vec::new(),
    };
    let mut starts_next = false;
    for entry in words {
        let word = entry.word();
        if starts_next {
            let next = Chunk {
                first_word: word.to_string(),
                bytes: Vec::new(),
            };
            let done = std::mem::replace(&mut current, next);
            contents.push((done.first_word.clone(), done.name()));
            emit(done)?;
        }
        let before = current.bytes.len();
        entry.encode(&mut current.bytes);
        starts_next =
            ends_after(word, current.bytes.len() - before) || current.bytes.len() >= MAX_BYTES;
    }
    contents.push((current.first_word.clone(), current.name()));
    emit(current)?;
    Ok(contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn postings(ids: impl IntoIterator<Item = u32>) -> Postings {
        let mut p = Postings::default();
        for id in ids {
            p.push(id, 100);
        }
        p
    }

    /// The chunks (first words and sizes) of a vocabulary where word `n` is in `n % 50 + 1`
    /// stories, with word `edited` in one more.
    fn chunks_of(words: usize, edited: Option<usize>) -> Vec<(String, usize)> {
        let vocabulary = (0..words).map(|n| {
            let extra = u32::from(edited == Some(n));
            let word: Box<str> = format!("w{n:06}").into();
            (word, postings(0..(n as u32 % 50 + 1 + extra) * 7))
        });
        let mut sizes = Vec::new();
        let contents = cut(vocabulary, |c| {
            sizes.push(c.bytes.len());
            Ok::<_, ()>(())
        })
        .unwrap();
        contents.into_iter().map(|(w, _)| w).zip(sizes).collect()
    }

    #[test]
    fn chunks_hold_about_their_target_and_never_much_more_than_their_cap() {
        let chunks = chunks_of(20_000, None);
        assert_eq!(chunks[0].0, "");
        let total: usize = chunks.iter().map(|c| c.1).sum();
        let mean = total / chunks.len();
        assert!(
            (TARGET_BYTES / 2..TARGET_BYTES * 2).contains(&mean),
            "{mean}"
        );
        assert!(chunks.iter().all(|c| c.1 < MAX_BYTES + 1024));
        assert!(chunks.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn one_words_edit_changes_its_chunk_alone() {
        let before = chunks_of(20_000, None);
        let after = chunks_of(20_000, Some(7_777));
        let firsts = |c: &[(String, usize)]| c.iter().map(|c| c.0.clone()).collect::<Vec<_>>();
        assert_eq!(firsts(&before), firsts(&after));
        let changed = before
            .iter()
            .zip(&after)
            .filter(|(a, b)| a.1 != b.1)
            .count();
        assert_eq!(changed, 1);
    }
}
