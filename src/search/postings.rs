//! One word's postings: the stories that hold it, each with its impact, encoded as the search
//! page reads them (docs/search-index.md, "a chunk of postings").

/// BM25's saturation and length normalisation.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// The story length impacts are normalised against: a news story's usual length in words. The
/// index's own average would make every story's impacts change with every other story, and so
/// every chunk of the index with any edit.
const USUAL_LENGTH: f64 = 400.0;

/// The impact (1 to 255) of a word that a story of `len` words holds `tf` times: BM25's
/// term-frequency part, scaled to a byte.
pub fn impact(tf: u32, len: usize) -> u8 {
    let tf = f64::from(tf);
    let part = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len as f64 / USUAL_LENGTH));
    (1.0 + (254.0 * part / (K1 + 1.0)).round()).min(255.0) as u8
}

/// The impact every story of a bitmap gets: that of one occurrence in a story of usual length.
pub fn bitmap_impact() -> u8 {
    impact(1, USUAL_LENGTH as usize)
}

/// Appends `n` as an unsigned LEB128 varint.
pub fn push_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The postings of one word as they are gathered, story by story in ascending id: already the
/// list encoding, which is a few bytes a story, so the index of a large archive stays small.
#[derive(Default)]
pub struct Postings {
    df: u32,
    last: u32,
    list: Vec<u8>,
}

/// The fewest stories a bitmap is made for. A bitmap gives every story one impact, which on a
/// small site would leave most words unranked; a word in this many stories is common enough that
/// its weight in a ranking (its idf) is small, and its list would be kilobytes.
pub const BITMAP_MIN_STORIES: u32 = 1024;

use super::read::{BITMAP, LIST};

impl Postings {
    /// Adds story `id` (above every id added before) with its impact.
    pub fn push(&mut self, id: u32, impact: u8) {
        debug_assert!(self.df == 0 || id > self.last, "ids ascend");
        let gap = if self.df == 0 { id } else { id - self.last };
        push_varint(&mut self.list, u64::from(gap));
        self.list.push(impact);
        self.df += 1;
        self.last = id;
    }

    /// Appends the word's whole entry: word, df, kind, payload. The payload is a bitmap of the
    /// ids when the word is in [`BITMAP_MIN_STORIES`] stories or more and the bitmap is smaller
    /// than the list, so no word costs a query more than an eighth of a byte per story of the
    /// archive.
    pub fn encode(&self, word: &str, out: &mut Vec<u8>) {
        push_varint(out, word.len() as u64);
        out.extend_from_slice(word.as_bytes());
        push_varint(out, u64::from(self.df));
        if self.is_bitmap() {
            let bitmap_len = self.bitmap_len();
            out.push(BITMAP);
            push_varint(out, bitmap_len as u64);
            let start = out.len();
            out.resize(start + bitmap_len, 0);
            for id in self.ids() {
                out[start + id as usize / 8] |= 1 << (id % 8);
            }
        } else {
            out.push(LIST);
            push_varint(out, self.list.len() as u64);
            out.extend_from_slice(&self.list);
        }
    }

    /// Whether [`Self::encode`] writes the ids as a bitmap. It depends on the ids alone (each
    /// impact takes one byte of the list whatever its value), so an entry read back from a
    /// bitmap decides as the stories it was made from did.
    pub fn is_bitmap(&self) -> bool {
        self.df >= BITMAP_MIN_STORIES && self.bitmap_len() < self.list.len()
    }

    fn bitmap_len(&self) -> usize {
        self.last as usize / 8 + 1
    }

    /// The ids of the list, in order.
    fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        let mut at = 0;
        let mut id = 0u32;
        std::iter::from_fn(move || {
            if at >= self.list.len() {
                return None;
            }
            let mut gap = 0u32;
            let mut shift = 0;
            loop {
                let byte = self.list[at];
                at += 1;
                gap |= u32::from(byte & 0x7f) << shift;
                shift += 7;
                if byte & 0x80 == 0 {
                    break;
                }
            }
            at += 1; // the impact
            id += gap;
            Some(id)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_leb128() {
        let mut out = Vec::new();
        for n in [0, 127, 128, 300, 16_384] {
            push_varint(&mut out, n);
        }
        assert_eq!(out, [0, 127, 0x80, 1, 0xac, 2, 0x80, 0x80, 1]);
    }

    #[test]
    fn impacts_saturate_with_frequency_and_fall_with_length() {
        assert_eq!(bitmap_impact(), 116);
        assert!(impact(2, 400) > impact(1, 400));
        assert!(impact(1, 100) > impact(1, 400) && impact(1, 400) > impact(1, 2000));
        assert_eq!(impact(10_000, 1), 255);
        assert!(impact(1, 1_000_000) >= 1);
    }

    #[test]
    fn a_rare_word_is_a_list_of_gaps_and_impacts() {
        let mut p = Postings::default();
        p.push(3, 10);
        p.push(200, 20);
        let mut out = Vec::new();
        p.encode("ab", &mut out);
        assert_eq!(out, [2, b'a', b'b', 2, LIST, 5, 3, 10, 197, 1, 20]);
    }

    #[test]
    fn a_word_in_most_stories_is_a_bitmap() {
        let mut p = Postings::default();
        for id in (0..2048).filter(|id| id % 8 != 4) {
            p.push(id, 50);
        }
        let mut out = Vec::new();
        p.encode("x", &mut out);
        // df 1792: varint [0x80, 0x0e]; 256 bytes of bitmap: varint [0x80, 0x02].
        assert_eq!(
            out[..8],
            [1, b'x', 0x80, 0x0e, BITMAP, 0x80, 0x02, 0b1110_1111]
        );
        assert_eq!(out.len(), 8 + 255);
        assert!(out[8..].iter().all(|&b| b == 0b1110_1111));
        let mut few = Postings::default();
        for id in 0..100 {
            few.push(id, 50);
        }
        let mut out = Vec::new();
        few.encode("y", &mut out);
        assert_eq!(out[3], LIST, "a word in fewer stories keeps its impacts");
    }
}
