//! Markdown bodies → blocks, through pulldown-cmark. Each top-level block keeps its plain text
//! (for extraction, search and feeds) and its structure: inline runs of emphasis, strong text,
//! code and links (templates decide their markup), list items, and for what structure does not
//! express (tables, raw HTML blocks) the HTML, sanitized by ammonia so that markup in a seed can
//! never carry script, styles or remote subresources into a page.

use std::sync::LazyLock;

use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};

use super::paragraphs::list_text;
use super::text::collapse_whitespace;
use super::{Piece, PieceKind};
use crate::model::{ListItem, Span};

/// The sanitizer: ammonia's default allowlist (formatting, links, lists, tables; no script,
/// style, iframe, form or event attributes; only safe URL schemes), links marked
/// `rel="noopener noreferrer"`, and no images: an `<img>` would load from wherever its `src`
/// points, and a page must load nothing from other hosts.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder.rm_tags(["img"]);
    builder
});

/// Cleans HTML from a seed down to the documented allowlist.
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Whether a link target may be followed from a page: web, mail and relative links only (no
/// `javascript:`, `data:` or other schemes).
pub fn safe_link(target: &str) -> bool {
    let target = target.trim();
    match target.split_once(':') {
        // A colon after a slash, `?` or `#` is part of a relative path, not a scheme.
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(
                scheme.to_ascii_lowercase().as_str(),
                "http" | "https" | "mailto"
            )
        }
        _ => !target.is_empty(),
    }
}

fn kind_of(tag: &Tag) -> PieceKind {
    match tag {
        Tag::Heading { level, .. } => PieceKind::Heading(*level as u8),
        Tag::List(start) => PieceKind::List {
            ordered: start.is_some(),
        },
        Tag::BlockQuote(_) => PieceKind::Quote,
        Tag::CodeBlock(_) => PieceKind::Code,
        Tag::Table(_) | Tag::HtmlBlock => PieceKind::Html,
        _ => PieceKind::Paragraph,
    }
}

/// Inline runs being collected: the styles open at this point and the runs so far.
/// Shared with the HTML reader, whose inline markup makes the same runs.
#[derive(Default)]
pub(super) struct Runs {
    pub(super) spans: Vec<Span>,
    pub(super) emphasis: usize,
    pub(super) strong: usize,
    pub(super) strikethrough: usize,
    pub(super) link: Vec<Option<String>>,
}

impl Runs {
    pub(super) fn push(&mut self, text: &str, code: bool) {
        let link = self.link.iter().rev().flatten().next().cloned();
        let style = Span {
            text: String::new(),
            emphasis: self.emphasis > 0,
            strong: self.strong > 0,
            code,
            strikethrough: self.strikethrough > 0,
            link,
            dateline: false,
        };
        match self.spans.last_mut() {
            Some(last)
                if Span {
                    text: String::new(),
                    ..last.clone()
                } == style =>
            {
                last.text.push_str(text)
            }
            _ => self.spans.push(Span {
                text: text.to_string(),
                ..style
            }),
        }
    }

    /// The runs' text, and the runs with whitespace collapsed as that text is, or none when the
    /// block is plain text with no markup at all.
    pub(super) fn finish(self) -> (String, Vec<Span>) {
        let mut spans: Vec<Span> = Vec::with_capacity(self.spans.len());
        let mut at_space = true;
        for mut span in self.spans {
            let collapsed = collapse_whitespace(&span.text);
            let mut text = String::with_capacity(collapsed.len() + 1);
            if span.text.starts_with(char::is_whitespace) && !at_space && !collapsed.is_empty() {
                text.push(' ');
            }
            text.push_str(&collapsed);
            if span.text.ends_with(char::is_whitespace) && !collapsed.is_empty() {
                text.push(' ');
            }
            if text.is_empty() {
                continue;
            }
            at_space = text.ends_with(' ');
            span.text = text;
            spans.push(span);
        }
        if let Some(last) = spans.last_mut() {
            let trimmed = last.text.trim_end().len();
            last.text.truncate(trimmed);
        }
        let text = spans.iter().map(|s| s.text.as_str()).collect();
        let plain = spans
            .iter()
            .all(|s| !(s.emphasis || s.strong || s.code || s.strikethrough || s.link.is_some()));
        if plain {
            (text, Vec::new())
        } else {
            (text, spans)
        }
    }
}

/// The inline events of a block as runs, and its list items when it is a list.
fn structure(kind: PieceKind, events: &[Event]) -> (Vec<Span>, Vec<ListItem>) {
    let mut runs = Runs::default();
    let mut items: Vec<ListItem> = Vec::new();
    let mut item_depth = 0usize;
    let list = matches!(kind, PieceKind::List { .. });
    for event in events {
        match event {
            Event::Start(Tag::Item) => {
                item_depth += 1;
                if item_depth > 1 {
                    // A nested list's items run on inside their parent's item.
                    runs.push(" ", false);
                }
            }
            Event::End(TagEnd::Item) => {
                item_depth = item_depth.saturating_sub(1);
                if list && item_depth == 0 {
                    let (text, spans) = std::mem::take(&mut runs).finish();
                    items.push(ListItem { text, spans });
                }
            }
            Event::Start(Tag::Emphasis) => runs.emphasis += 1,
            Event::End(TagEnd::Emphasis) => runs.emphasis = runs.emphasis.saturating_sub(1),
            Event::Start(Tag::Strong) => runs.strong += 1,
            Event::End(TagEnd::Strong) => runs.strong = runs.strong.saturating_sub(1),
            Event::Start(Tag::Strikethrough) => runs.strikethrough += 1,
            Event::End(TagEnd::Strikethrough) => {
                runs.strikethrough = runs.strikethrough.saturating_sub(1)
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let target = dest_url.to_string();
                runs.link.push(safe_link(&target).then_some(target));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                // An image becomes a link to it: a page never loads a remote subresource.
                let target = dest_url.to_string();
                runs.link.push(safe_link(&target).then_some(target));
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                runs.link.pop();
            }
            Event::Text(t) => runs.push(t, false),
            Event::Code(t) => runs.push(t, true),
            Event::SoftBreak | Event::HardBreak => runs.push(" ", false),
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Heading(_)) => runs.push(" ", false),
            _ => {}
        }
    }
    if list {
        // The item list carries the structure; a list with no markup needs no spans at all.
        if items.iter().all(|i| i.spans.is_empty()) {
            for item in &mut items {
                item.spans.clear();
            }
        }
        (Vec::new(), items)
    } else {
        (runs.finish().1, Vec::new())
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
            Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Heading(_))
            | Event::End(TagEnd::TableCell) => current.push(' '),
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
            // Raw HTML outside any block: a block of HTML of its own.
            Event::Html(_) if depth == 0 => {
                kind = PieceKind::Html;
                start = range.start;
            }
            _ => {}
        }
        events.push(event);
        if depth == 0 {
            let text = plain_text(kind, &events);
            let line = first_line + body[..start].matches('\n').count();
            let piece = if kind == PieceKind::Html {
                let mut rendered = String::new();
                html::push_html(&mut rendered, events.drain(..));
                let clean = sanitize(&rendered);
                let text = if text.is_empty() {
                    collapse_whitespace(&ammonia::Builder::empty().clean(&clean).to_string())
                } else {
                    text
                };
                Piece {
                    html: (!clean.trim().is_empty()).then_some(clean),
                    ..Piece::markdown(kind, text, line)
                }
            } else {
                let (spans, items) = structure(kind, &events);
                events.clear();
                Piece {
                    spans,
                    items,
                    ..Piece::markdown(kind, text, line)
                }
            };
            if !piece.text.is_empty() || piece.html.is_some() {
                out.push(piece);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_with_text_and_structure() {
        let got = pieces(
            "## Heading\n\nSome *emphasis* and a [link](https://example.org).\n\n- one\n- **two**\n\n> quoted\n",
            1,
        );
        assert_eq!(got.len(), 4);
        assert_eq!(got[0].kind, PieceKind::Heading(2));
        assert_eq!(got[0].text, "Heading");
        assert_eq!(got[1].text, "Some emphasis and a link.");
        let texts: Vec<(&str, bool, Option<&str>)> = got[1]
            .spans
            .iter()
            .map(|s| (s.text.as_str(), s.emphasis, s.link.as_deref()))
            .collect();
        assert_eq!(
            texts,
            [
                ("Some ", false, None),
                ("emphasis", true, None),
                (" and a ", false, None),
                ("link", false, Some("https://example.org")),
                (".", false, None),
            ]
        );
        assert_eq!(got[1].line, 3);
        assert_eq!(got[2].text, "- one\n- two");
        assert_eq!(got[2].items.len(), 2);
        assert!(got[2].items[1].spans[0].strong);
        assert_eq!(got[3].kind, PieceKind::Quote);
        assert_eq!(got[3].text, "quoted");
        assert!(got[3].spans.is_empty(), "plain text needs no spans");
    }

    #[test]
    fn raw_html_is_sanitized_and_links_checked() {
        let got = pieces(
            "<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> [x](javascript:alert(1)) ![map](https://cdn.example.com/m.png)\n\n<div onclick=\"x()\"><img src=\"https://t.example/p.gif\">Kept</div>\n",
            1,
        );
        let html: String = got.iter().filter_map(|p| p.html.clone()).collect();
        assert!(!html.contains("<script"), "{html}");
        assert!(
            !html.contains("onclick") && !html.contains("<img"),
            "{html}"
        );
        assert!(html.contains("Kept"), "{html}");
        let links: Vec<Option<&str>> = got
            .iter()
            .flat_map(|p| p.spans.iter().map(|s| s.link.as_deref()))
            .collect();
        assert!(!links.iter().flatten().any(|l| l.starts_with("javascript")));
        assert!(links.contains(&Some("https://cdn.example.com/m.png")));
    }

    #[test]
    fn only_safe_links() {
        for ok in [
            "https://x.org",
            "mailto:a@b",
            "/a/b",
            "../x",
            "page.html?q=a:b",
            "#top",
        ] {
            assert!(safe_link(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:x",
            "data:text/html,x",
            "vbscript:x",
            "",
        ] {
            assert!(!safe_link(bad), "{bad}");
        }
    }
}
