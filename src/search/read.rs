//! The index read back as the search page reads it (docs/search-index.md): for the tests, and for
//! anyone checking a built site's index from Rust.

/// One word's entry of a chunk: the word and its stories with their impacts, in id order.
pub type Entry = (String, Vec<(u32, u8)>);

/// Why a chunk could not be read.
#[derive(Debug, thiserror::Error)]
#[error("search index chunk: {0} at byte {1}")]
pub struct ChunkError(&'static str, usize);

fn varint(bytes: &[u8], at: &mut usize) -> Result<u64, ChunkError> {
    let (mut n, mut shift) = (0u64, 0);
    loop {
        let &byte = bytes
            .get(*at)
            .ok_or(ChunkError("a varint runs past the end", *at))?;
        *at += 1;
        if shift > 63 {
            return Err(ChunkError("a varint is too long", *at));
        }
        n |= u64::from(byte & 0x7f) << shift;
        shift += 7;
        if byte & 0x80 == 0 {
            return Ok(n);
        }
    }
}

fn take<'a>(bytes: &'a [u8], at: &mut usize, len: usize) -> Result<&'a [u8], ChunkError> {
    let end = at
        .checked_add(len)
        .filter(|&end| end <= bytes.len())
        .ok_or(ChunkError("a field runs past the end", *at))?;
    let piece = &bytes[*at..end];
    *at = end;
    Ok(piece)
}

/// One entry of a chunk as it lies in the file, undecoded.
pub struct RawEntry<'a> {
    pub word: &'a str,
    pub df: usize,
    /// [`LIST`] or [`BITMAP`].
    pub kind: u8,
    pub payload: &'a [u8],
    /// The whole entry, word to payload: what an unchanged word is written back as.
    pub bytes: &'a [u8],
}

/// Entry kinds (docs/search-index.md).
pub const LIST: u8 = 0;
pub const BITMAP: u8 = 1;

/// Every entry of a chunk file, in its order, undecoded.
pub fn raw_entries(bytes: &[u8]) -> Result<Vec<RawEntry<'_>>, ChunkError> {
    let mut entries = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        let len = varint(bytes, &mut at)? as usize;
        let word = std::str::from_utf8(take(bytes, &mut at, len)?)
            .map_err(|_| ChunkError("a word is not UTF-8", at))?;
        let df = varint(bytes, &mut at)? as usize;
        let kind = take(bytes, &mut at, 1)?[0];
        if kind != LIST && kind != BITMAP {
            return Err(ChunkError("an entry of unknown kind", at));
        }
        let payload_len = varint(bytes, &mut at)? as usize;
        let payload = take(bytes, &mut at, payload_len)?;
        entries.push(RawEntry {
            word,
            df,
            kind,
            payload,
            bytes: &bytes[start..at],
        });
    }
    Ok(entries)
}

impl RawEntry<'_> {
    /// The entry's stories in id order, each with its impact (`None` in a bitmap, which keeps
    /// no impacts: the search page gives them all the table of contents' `bitmap_impact`).
    pub fn stories(&self) -> Result<Vec<(u32, Option<u8>)>, ChunkError> {
        let mut stories = Vec::with_capacity(self.df);
        if self.kind == LIST {
            let (mut p, mut id) = (0, 0u32);
            while p < self.payload.len() {
                id = id
                    .checked_add(varint(self.payload, &mut p)? as u32)
                    .ok_or(ChunkError("an id is out of range", p))?;
                stories.push((id, Some(take(self.payload, &mut p, 1)?[0])));
            }
        } else {
            for (byte, bits) in self.payload.iter().enumerate() {
                for bit in (0..8).filter(|bit| bits & (1 << bit) != 0) {
                    stories.push(((byte * 8 + bit) as u32, None));
                }
            }
        }
        if stories.len() != self.df {
            return Err(ChunkError("an entry's stories are not its count", 0));
        }
        Ok(stories)
    }
}

/// Every entry of a chunk file, in its order. `bitmap_impact` is the table of contents' value.
pub fn chunk_entries(bytes: &[u8], bitmap_impact: u8) -> Result<Vec<Entry>, ChunkError> {
    raw_entries(bytes)?
        .iter()
        .map(|raw| {
            let stories = raw.stories()?;
            Ok((
                raw.word.to_string(),
                stories
                    .into_iter()
                    .map(|(id, impact)| (id, impact.unwrap_or(bitmap_impact)))
                    .collect(),
            ))
        })
        .collect()
}
