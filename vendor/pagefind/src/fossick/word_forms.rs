//! broadsheet patch: remembers the forms a word is indexed under (normalized, stemmed,
//! compound parts, dotted tails) so each distinct word is worked out once per thread. News
//! copy repeats its vocabulary page after page; working the forms out at every occurrence was
//! about a fifth of the CPU time Pagefind spent on a 10,000-article archive.

use std::cell::RefCell;

use hashbrown::HashMap;

use super::splitting::IndexableWord;

/// Past this many distinct words the memory is cleared, so an archive with an unbounded
/// vocabulary (numbers, names, codes) holds a bounded cache: about 30 MB per thread.
const MAX_WORDS: usize = 200_000;

#[derive(Default)]
struct Memory {
    /// The language and characters the remembered forms were worked out for.
    language: String,
    include_characters: Vec<char>,
    forms: HashMap<String, Vec<IndexableWord>>,
}

thread_local! {
    static MEMORY: RefCell<Memory> = RefCell::new(Memory::default());
}

/// The forms of `word` in `language` with `include_characters`: remembered ones if this
/// thread has worked them out before, otherwise `work_out()`'s, which are then remembered.
pub fn remember(
    word: &str,
    language: &str,
    include_characters: &[char],
    work_out: impl FnOnce() -> Vec<IndexableWord>,
) -> Vec<IndexableWord> {
    MEMORY.with(|memory| {
        let mut memory = memory.borrow_mut();
        if memory.language != language || memory.include_characters != include_characters {
            memory.language = language.to_string();
            memory.include_characters = include_characters.to_vec();
            memory.forms.clear();
        }
        if let Some(forms) = memory.forms.get(word) {
            return forms.clone();
        }
        let forms = work_out();
        if memory.forms.len() >= MAX_WORDS {
            memory.forms.clear();
        }
        memory.forms.insert(word.to_string(), forms.clone());
        forms
    })
}

/// Forgets every remembered form on this thread, so a test starts from working words out.
#[cfg(test)]
pub fn forget() {
    MEMORY.with(|memory| *memory.borrow_mut() = Memory::default());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(stemmed: &str) -> Vec<IndexableWord> {
        vec![IndexableWord {
            stemmed: stemmed.to_string(),
            is_compound_part: false,
            original: None,
        }]
    }

    #[test]
    fn a_word_is_worked_out_once_per_language() {
        forget();
        let mut calls = 0;
        let mut ask = |word: &str, language: &str| {
            remember(word, language, &[], || {
                calls += 1;
                form(&format!("{word}-{language}"))
            })
        };
        assert_eq!(ask("running", "en"), form("running-en"));
        assert_eq!(ask("running", "en"), form("running-en"));
        assert_eq!(ask("running", "de"), form("running-de"));
        assert_eq!(calls, 2);
    }
}
