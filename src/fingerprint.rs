//! Fingerprints: 128-bit hashes of what a part of the build is made from, so an incremental
//! build can tell what changed without keeping the inputs themselves. XXH3-128 is used because
//! it is stable across runs, machines and releases of the crate (unlike `std`'s hasher) and
//! hashes at memory speed; the inputs are the user's own files, not an adversary's, so a
//! cryptographic hash would buy nothing but time.

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// A 128-bit fingerprint.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct Fingerprint(pub u128);

impl Fingerprint {
    /// A fingerprint no content is given (XXH3 would have to hash to zero), for a file kept
    /// although its inputs changed: the next build that compares finds it out of date.
    pub const STALE: Fingerprint = Fingerprint(0);

    /// The fingerprint of some bytes.
    pub fn of_bytes(bytes: &[u8]) -> Fingerprint {
        Fingerprint(xxhash_rust::xxh3::xxh3_128(bytes))
    }

    /// The fingerprint of a value as it serializes (to CBOR, streamed into the hash, so nothing
    /// is allocated for it). A value that does not serialize still gets a fingerprint,
    /// of its error, which differs from any value's: the output is then rebuilt every time
    /// rather than wrongly kept.
    pub fn of<T: Serialize + ?Sized>(value: &T) -> Fingerprint {
        let mut hasher = Hasher::new();
        hasher.add(value);
        hasher.finish()
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

/// Builds one fingerprint from several parts. Each part is length-framed, so `("ab", "c")` and
/// `("a", "bc")` differ.
pub struct Hasher(Xxh3);

impl Default for Hasher {
    fn default() -> Self {
        Hasher::new()
    }
}

impl Hasher {
    pub fn new() -> Hasher {
        Hasher(Xxh3::new())
    }

    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub fn str(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    pub fn fingerprint(&mut self, f: Fingerprint) -> &mut Self {
        self.0.update(&f.0.to_le_bytes());
        self
    }

    pub fn number(&mut self, n: u64) -> &mut Self {
        self.0.update(&n.to_le_bytes());
        self
    }

    /// Adds a value as it serializes to CBOR: a self-delimiting binary form in which strings are
    /// their bytes behind a length, where JSON would escape every character of every string
    /// (which made fingerprinting a large archive's stories and pages a tenth of an incremental
    /// build).
    pub fn add<T: Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        let mut writer = Framed(&mut self.0, 0);
        let result = ciborium::into_writer(value, &mut writer);
        let written = writer.1;
        if let Err(e) = result {
            self.0.update(b"\0unserializable\0");
            self.0.update(e.to_string().as_bytes());
        }
        self.number(written)
    }

    pub fn finish(&self) -> Fingerprint {
        Fingerprint(self.0.digest128())
    }
}

/// Feeds what is written into the hash and counts it.
struct Framed<'a>(&'a mut Xxh3, u64);

impl std::io::Write for Framed<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        self.1 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_framed_and_values_hash_as_they_serialize() {
        let ab_c = Hasher::new().str("ab").str("c").finish();
        let a_bc = Hasher::new().str("a").str("bc").finish();
        assert_ne!(ab_c, a_bc);
        assert_eq!(Fingerprint::of(&vec![1, 2]), Fingerprint::of(&[1, 2]));
        assert_ne!(Fingerprint::of(&vec![1, 2]), Fingerprint::of(&vec![2, 1]));
        // Stable across runs and releases: the cache on disk depends on it.
        assert_eq!(Fingerprint::of_bytes(b"broadsheet").to_string().len(), 32);
        assert_eq!(Fingerprint::of_bytes(b""), Fingerprint::of_bytes(b""));
    }
}
