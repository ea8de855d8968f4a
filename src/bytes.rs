//! Searching text for the first byte of a kind, fast: escaping and the text cleaners ask it of
//! every value of every page and every paragraph of copy, and most hold none.

/// Bytes tested at once.
const CHUNK: usize = 32;

/// Where the first byte of `bytes` for which `wanted` holds is. Whole chunks are tested with
/// no branch per byte, which the compiler turns into vector instructions (so `wanted` should be
/// a few comparisons, without branches of its own); only a chunk that holds one is searched
/// byte by byte.
#[inline]
pub fn position(bytes: &[u8], wanted: impl Fn(u8) -> bool) -> Option<usize> {
    let mut at = 0;
    while let Some(chunk) = bytes[at..].first_chunk::<CHUNK>() {
        // Counted in a byte rather than a bool: that is the form the compiler vectorizes.
        let mut hits = 0u8;
        for &b in chunk {
            hits |= u8::from(wanted(b));
        }
        if hits != 0 {
            break;
        }
        at += CHUNK;
    }
    bytes[at..].iter().position(|&b| wanted(b)).map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_at_every_offset() {
        for len in 0..100 {
            for hit in 0..=len {
                let mut bytes = vec![b'a'; len];
                if hit < len {
                    bytes[hit] = b'&';
                    if hit + 1 < len {
                        bytes[len - 1] = b'&';
                    }
                }
                let found = position(&bytes, |b| b == b'&');
                assert_eq!(found, (hit < len).then_some(hit), "{len} {hit}");
            }
        }
    }
}
