//! Search documents: what the offline search index (`crate::search`) holds of each story. They
//! are made from each story's metadata and its body read back from the store, so no story's
//! search text is held in memory beside the site.

use super::{PublishError, Publisher};
use crate::model::{Article, Body};
use crate::search::{ResultLine, SearchDoc};

/// What search indexes of an article besides its headline: dek, bylines and the body's heads and
/// paragraphs, as plain text.
pub fn search_text(a: &Article, body: &Body) -> Vec<String> {
    a.dek
        .iter()
        .chain(&a.bylines)
        .cloned()
        .chain(body.sections.iter().flat_map(|s| {
            s.heading
                .iter()
                .cloned()
                .chain(s.blocks.iter().map(|b| b.text.clone()))
        }))
        .collect()
}

/// The byline a result shows: `By Ann Lee and Bo Chen`, or nothing.
fn byline(bylines: &[String]) -> String {
    match bylines {
        [] => String::new(),
        [one] => format!("By {one}"),
        [rest @ .., last] => format!("By {} and {last}", rest.join(", ")),
    }
}

/// The longest excerpt a result line carries, in bytes: about two lines of a result, and what
/// keeps a file of 32 result lines near 10 KB, of which a page of results loads up to ten.
const EXCERPT_BYTES: usize = 200;

/// `text` cut at the last space within [`EXCERPT_BYTES`], with `…`, or whole when it is short.
fn excerpt(text: &str) -> String {
    if text.len() <= EXCERPT_BYTES {
        return text.to_string();
    }
    let boundary_at_or_before = |mut at: usize| {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    // A space is one byte, so the text before one ends between characters.
    let cut = text[..boundary_at_or_before(EXCERPT_BYTES + 1)]
        .rfind(' ')
        .unwrap_or_else(|| boundary_at_or_before(EXCERPT_BYTES));
    format!("{}…", text[..cut].trim_end_matches([',', ';', ':', ' ']))
}

impl Publisher<'_> {
    /// Story `i`'s search document.
    pub fn search_doc(&self, i: usize) -> Result<SearchDoc, PublishError> {
        let story = &self.site.stories[i];
        let a = &story.article;
        Ok(SearchDoc {
            line: ResultLine {
                link: story.link.clone(),
                title: a.headline.clone(),
                date: story.date_display.clone().unwrap_or_default(),
                date_iso: story.date_iso.clone().unwrap_or_default(),
                byline: byline(&a.bylines),
                excerpt: excerpt(a.dek.as_deref().unwrap_or(&a.summary)),
            },
            headline: a.headline.clone(),
            text: search_text(a, &self.body(i)?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_dek_bylines_heads_and_paragraphs_as_written() {
        use crate::extract::{extract, ExtractOptions, Seed};
        let text = "Biden's \"deal\" & the <b>Senate</b>\n\nBy Ann O'Neil\n\nJune 16, 2023\n\n\
                    WASHINGTON (AP) — The bill's \"last\" step & <script>x</script>.\n";
        let seed = Seed {
            source: "a.txt",
            file_name: "a.txt",
            text,
            format: crate::model::SeedFormat::Text,
            sidecar: None,
            picture: None,
        };
        let e = extract(&seed, &ExtractOptions::default()).unwrap();
        let text = search_text(&e.article, &e.body);
        assert_eq!(text[0], "Ann O'Neil");
        assert!(
            text.iter()
                .any(|t| t.contains("The bill's \"last\" step & <script>x</script>.")),
            "{text:?}"
        );
    }

    #[test]
    fn a_long_excerpt_is_cut_between_words() {
        assert_eq!(excerpt("Short."), "Short.");
        let long = "word, ".repeat(60);
        let cut = excerpt(&long);
        assert!(cut.len() <= EXCERPT_BYTES + "…".len(), "{cut}");
        assert!(cut.ends_with("word…"), "{cut}");
        let unspaced = "é".repeat(200);
        assert!(excerpt(&unspaced).ends_with('…'));
    }

    #[test]
    fn a_result_names_every_author() {
        assert_eq!(byline(&[]), "");
        assert_eq!(byline(&["Ann Lee".into()]), "By Ann Lee");
        let three = ["A".to_string(), "B".to_string(), "C".to_string()];
        assert_eq!(byline(&three), "By A, B and C");
    }
}
