//! How search cuts text into words. `static/search.js` cuts a query the same way
//! (docs/search-index.md, "Words"), so the two must change together.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Calls `each` with every word of `text`, in order: the text decomposed (NFD) and without its
/// combining marks, cut at every character that is neither alphabetic nor a number, each piece
/// in lower case.
pub fn for_each_word(text: &str, mut each: impl FnMut(&str)) {
    let is_word_char = |c: char| c.is_alphabetic() || c.is_numeric();
    if text.is_ascii() {
        // Most news copy: nothing to decompose, and ASCII's lower case is its own.
        let mut word = String::new();
        for piece in text
            .split(|c: char| !is_word_char(c))
            .filter(|p| !p.is_empty())
        {
            word.clear();
            word.extend(piece.chars().map(|c| c.to_ascii_lowercase()));
            each(&word);
        }
        return;
    }
    // Marks go before the text is cut: a decomposed `u` and its diaeresis are one letter.
    let folded: String = text.nfd().filter(|&c| !is_combining_mark(c)).collect();
    for piece in folded
        .split(|c: char| !is_word_char(c))
        .filter(|p| !p.is_empty())
    {
        each(&piece.to_lowercase());
    }
}

/// Every word of `text`, as [`for_each_word`] cuts it.
pub fn words(text: &str) -> Vec<String> {
    let mut all = Vec::new();
    for_each_word(text, |w| all.push(w.to_string()));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_lower_cased_and_split_at_what_is_not_a_letter_or_number() {
        assert_eq!(words("Zürich's café"), ["zurich", "s", "cafe"]);
        assert_eq!(
            words("COVID-19: Biden’s plan"),
            ["covid", "19", "biden", "s", "plan"]
        );
        assert_eq!(words("  --  "), Vec::<String>::new());
        assert_eq!(words("Ελλάδα Straße"), ["ελλαδα", "straße"]);
    }

    #[test]
    fn a_composed_and_a_decomposed_letter_are_one_word() {
        assert_eq!(words("Mu\u{0308}nchen"), words("München"));
    }
}
