//! The common words of English, from a spelling dictionary: a single capitalised word among
//! them names nothing unless the story capitalises it inside a sentence (`Coffee prices rose`
//! and a headline's `COFFEE` say nothing of a name; `shares of Apple` does).
//!
//! Hand-written because no crate ships an English word list for this use; the list is SCOWL's
//! (see the notice at the top of `common_words.txt`).

use std::collections::HashSet;
use std::sync::LazyLock;

static COMMON_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("common_words.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .collect()
});

/// Whether `lower`, a word in lower case, is a common English word, also in the plural.
pub(super) fn is_common_word(lower: &str) -> bool {
    let words = &*COMMON_WORDS;
    words.contains(lower)
        || lower
            .strip_suffix("ies")
            .is_some_and(|stem| words.contains(format!("{stem}y").as_str()))
        || lower
            .strip_suffix("es")
            .is_some_and(|stem| words.contains(stem))
        || lower
            .strip_suffix('s')
            .is_some_and(|stem| words.contains(stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_and_their_plurals_are_known_and_names_are_not() {
        for word in [
            "coffee",
            "platinum",
            "prices",
            "farm",
            "harbors",
            "companies",
        ] {
            assert!(is_common_word(word), "{word}");
        }
        for word in ["codelco", "bundesbank", "ukrenergo", "jordan"] {
            assert!(!is_common_word(word), "{word}");
        }
    }
}
