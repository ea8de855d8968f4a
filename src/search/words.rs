//! How search cuts text into words. `static/search.js` cuts a query the same way
//! (docs/search-index.md, "Words"), so the two must change together.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Calls `each` with every word of `text`, in order: the text decomposed (NFD) and without its
/// combining marks, cut at every character that is neither alphabetic nor a number, each piece
/// in lower case.
pub fn for_each_word(text: &str, mut each: impl FnMut(&str)) {
    let is_word_char = |c: char| c.is_alphabetic() || c.is_numeric();
    // Marks go before the text is cut: a decomposed `u` and its diaeresis are one letter.
    // Decomposing one character at a time is the text's NFD less its marks (NFD's reordering
    // moves only marks, which all go); ASCII, most of any news copy, passes through as it is.
    let mut word = String::new();
    let mut ascii_only = true;
    let mut flush = |word: &mut String, ascii_only: &mut bool| {
        if word.is_empty() {
            return;
        }
        if *ascii_only {
            word.make_ascii_lowercase();
            each(word);
        } else {
            // The whole word at once, as a query's word is: a Greek capital sigma ends one as ς.
            each(&word.to_lowercase());
        }
        word.clear();
        *ascii_only = true;
    };
    for c in text.chars() {
        if c.is_ascii() {
            if is_word_char(c) {
                word.push(c);
            } else {
                flush(&mut word, &mut ascii_only);
            }
            continue;
        }
        decompose_canonical(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            if is_word_char(d) {
                ascii_only &= d.is_ascii();
                word.push(d);
            } else {
                flush(&mut word, &mut ascii_only);
            }
        });
    }
    flush(&mut word, &mut ascii_only);
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
        assert_eq!(words("ΟΔΟΣ Café—Ōtsu"), ["οδος", "cafe", "otsu"]);
        assert_eq!(words("“Quoted,” she said"), ["quoted", "she", "said"]);
    }

    #[test]
    fn a_composed_and_a_decomposed_letter_are_one_word() {
        assert_eq!(words("Mu\u{0308}nchen"), words("München"));
    }

    #[test]
    fn a_character_at_a_time_cuts_as_the_whole_text_decomposed_does() {
        use unicode_normalization::UnicodeNormalization;
        // The definition: NFD of the whole text, marks removed, cut, each piece lower-cased.
        let by_definition = |text: &str| -> Vec<String> {
            let folded: String = text.nfd().filter(|&c| !is_combining_mark(c)).collect();
            folded
                .split(|c: char| !(c.is_alphabetic() || c.is_numeric()))
                .filter(|p| !p.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        for text in [
            "Crème brûlée in Ürümqi, Ångström’s ﬁeld",
            "ΣΟΦΟΣ ΣΟΦΟΣ. Ἀθῆναι ᾳ",
            "한국어 텍스트 and Đà Nẵng",
            "a\u{0301}\u{0327}b c\u{20DD}d Ⅻ ½ x²",
            "",
            "İstanbul DŽungla ß ẞ",
        ] {
            assert_eq!(words(text), by_definition(text), "{text}");
        }
    }
}
