//! Markdown bodies → blocks, through pulldown-cmark. Each top-level block keeps its plain text
//! (for extraction, search and feeds) and its HTML, sanitized by ammonia so that raw HTML in a
//! seed can never carry script into a page.

use std::sync::LazyLock;

use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};

use super::text::{collapse_whitespace, list_text};
use super::{Piece, PieceKind};

/// The sanitizer: ammonia's default allowlist (formatting, links, lists, tables, images; no
/// script, style, iframe, form or event attributes; only safe URL schemes), links marked
/// `rel="noopener noreferrer"`.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(ammonia::Builder::default);

/// Cleans HTML from a seed down to the documented allowlist.
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

fn kind_of(tag: &Tag) -> PieceKind {
    match tag {
        Tag::Heading { level, .. } => PieceKind::Heading(*level as u8),
        Tag::List(start) => PieceKind::List {
            ordered: start.is_some(),
        },
        Tag::BlockQuote(_) => PieceKind::Quote,
        Tag::CodeBlock(_) => PieceKind::Code,
        _ => PieceKind::Paragraph,
    }
}

/// Plain text of a block's events: lists as `- item` lines, everything else as one paragraph.
fn plain_text(kind: PieceKind, events: &[Event]) -> String {
    let mut items: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut depth_in_item = 0usize;
    for event in events {
        match event {
            Event::Start(Tag::Item) => {
                if depth_in_item == 0 {
                    if !current.trim().is_empty() {
                        items.push(std::mem::take(&mut current));
                    }
                    current.clear();
                }
                depth_in_item += 1;
            }
            Event::End(TagEnd::Item) => depth_in_item = depth_in_item.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => current.push_str(t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Heading(_)) => current.push(' '),
            _ => {}
        }
    }
    if !current.trim().is_empty() {
        items.push(current);
    }
    match kind {
        PieceKind::List { ordered } => list_text(&items, ordered),
        PieceKind::Code => items.concat().trim_end().to_string(),
        _ => collapse_whitespace(&items.concat()),
    }
}

/// Splits a Markdown body into blocks. `first_line` is the seed line the body starts on.
pub fn pieces(body: &str, first_line: usize) -> Vec<Piece> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut depth = 0usize;
    let mut kind = PieceKind::Paragraph;
    let mut start = 0usize;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match &event {
            Event::Start(tag) => {
                if depth == 0 {
                    kind = kind_of(tag);
                    start = range.start;
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Rule if depth == 0 => continue,
            _ => {}
        }
        events.push(event);
        if depth == 0 {
            let text = plain_text(kind, &events);
            let mut rendered = String::new();
            html::push_html(&mut rendered, events.drain(..));
            if !text.is_empty() {
                let line = first_line + body[..start].matches('\n').count();
                out.push(Piece {
                    kind,
                    text,
                    html: Some(sanitize(&rendered)),
                    line,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_with_text_and_safe_html() {
        let got = pieces(
            "## Heading\n\nSome *emphasis* and a [link](https://example.org).\n\n- one\n- two\n\n> quoted\n",
            1,
        );
        assert_eq!(got.len(), 4);
        assert_eq!(got[0].kind, PieceKind::Heading(2));
        assert_eq!(got[0].text, "Heading");
        assert_eq!(got[1].text, "Some emphasis and a link.");
        assert!(got[1]
            .html
            .as_deref()
            .unwrap()
            .contains("<em>emphasis</em>"));
        assert_eq!(got[1].line, 3);
        assert_eq!(got[2].text, "- one\n- two");
        assert_eq!(got[3].kind, PieceKind::Quote);
        assert_eq!(got[3].text, "quoted");
    }

    #[test]
    fn raw_html_is_sanitized() {
        let got = pieces("<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> [x](javascript:alert(1))\n", 1);
        let all: String = got.iter().filter_map(|p| p.html.clone()).collect();
        assert!(!all.contains("<script"), "{all}");
        assert!(!all.contains("onerror"), "{all}");
        assert!(!all.contains("javascript:"), "{all}");
    }
}
