//! Section heads: numbered heads (`1. China’s Reception`), Markdown `##` heads, ALL-CAPS subheads,
//! AFP's `- Subhead -`, and short title-like lines without terminal punctuation between
//! paragraphs. A sentence ending in a colon introduces what follows; it is not a head.

use super::paragraphs::numbered;

const MAX_HEADING_CHARS: usize = 90;
const MAX_HEADING_WORDS: usize = 12;

/// Attribution words and quotation commas mark a sentence, however short.
fn reads_as_sentence(s: &str) -> bool {
    s.contains(",”")
        || s.contains(",\"")
        || s.split_whitespace()
            .any(|w| matches!(w, "said" | "says" | "told" | "asked" | "added"))
}

/// Whether `s` is at most `MAX_HEADING_CHARS` long. Every paragraph of copy is asked whether
/// it is a head, and most are far longer: [`super::text::longer_than`] answers for them
/// without a pass over the text.
fn short_enough(s: &str) -> bool {
    !super::text::longer_than(s, MAX_HEADING_CHARS)
}

fn title_like(s: &str) -> bool {
    if !short_enough(s) || reads_as_sentence(s) {
        return false;
    }
    let words = s.split_whitespace().count();
    let last = s.chars().last();
    let first = s.chars().next();
    (1..=MAX_HEADING_WORDS).contains(&words)
        && s.chars().any(char::is_alphabetic)
        && first.is_some_and(|c| c.is_uppercase() || c.is_numeric() || "‘“'\"".contains(c))
        && last.is_some_and(|c| !(".,;:!…”\"’)–—-".contains(c) || (c == '?' && words > 10)))
}

/// The heading a paragraph of plain-text copy stands for, if it is one. `followed_by_copy` is
/// whether body copy comes after it: a head never closes a story.
pub fn heading(paragraph: &str, followed_by_copy: bool) -> Option<String> {
    let p = paragraph.trim();
    if p.contains('\n') {
        return None;
    }
    if let Some(rest) = p.strip_prefix('#') {
        let text = rest.trim_start_matches('#').trim();
        if rest.starts_with([' ', '#']) && !text.is_empty() {
            return Some(text.to_string());
        }
    }
    if !followed_by_copy {
        return None;
    }
    // AFP sets subheads between dashes: "- Talks resume -".
    if let Some(inner) = p.strip_prefix("- ").and_then(|r| r.strip_suffix(" -")) {
        let inner = inner.trim();
        let words = inner.split_whitespace().count();
        if (1..=MAX_HEADING_WORDS).contains(&words) && !inner.ends_with('.') {
            return Some(inner.to_string());
        }
    }
    if let Some(rest) = numbered(p) {
        return title_like(rest).then(|| p.to_string());
    }
    // The heads left, all-caps and title-like, are short.
    if !short_enough(p) {
        return None;
    }
    let letters = p.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = letters >= 3 && !p.chars().any(char::is_lowercase);
    if all_caps && !p.ends_with([',', ';']) {
        return Some(p.to_string());
    }
    title_like(p).then(|| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_limit_counts_characters_not_bytes() {
        assert!(short_enough(&"a".repeat(MAX_HEADING_CHARS)));
        assert!(!short_enough(&"a".repeat(MAX_HEADING_CHARS + 1)));
        assert!(short_enough(&"é".repeat(MAX_HEADING_CHARS)));
        assert!(!short_enough(&"é".repeat(MAX_HEADING_CHARS + 1)));
        assert!(short_enough(&"😀".repeat(MAX_HEADING_CHARS)));
        let caps = format!("ÉTÉ {}", "À".repeat(MAX_HEADING_CHARS - 4));
        assert_eq!(heading(&caps, true).as_deref(), Some(caps.as_str()));
        assert_eq!(heading(&format!("{caps}À"), true), None);
    }

    #[test]
    fn heads() {
        assert_eq!(
            heading("1. China’s Reception", true).as_deref(),
            Some("1. China’s Reception")
        );
        assert_eq!(
            heading("## What comes next", true).as_deref(),
            Some("What comes next")
        );
        assert_eq!(heading("WHAT'S NEXT", true).as_deref(), Some("WHAT'S NEXT"));
        assert_eq!(
            heading("- Talks resume -", true).as_deref(),
            Some("Talks resume")
        );
        assert_eq!(
            heading("Low Expectations", true).as_deref(),
            Some("Low Expectations")
        );
        assert_eq!(
            heading("Why does it matter?", true).as_deref(),
            Some("Why does it matter?")
        );
    }

    #[test]
    fn not_heads() {
        assert!(heading("Here are five things to watch during the visit:", true).is_none());
        assert!(heading(
            "A meeting with Xi is possible and would be significant.",
            true
        )
        .is_none());
        assert!(heading("Low Expectations", false).is_none());
        assert!(heading("“We need to be realistic,” he said", true).is_none());
        assert!(heading("The mayor said no", true).is_none());
    }
}
