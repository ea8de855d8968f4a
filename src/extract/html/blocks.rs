//! The story's markup → pieces: paragraphs, heads, lists and quotes with their inline runs
//! (emphasis, strong, code, links), and nothing else. No element, attribute or URL of the page
//! is carried over: the pieces hold text and an allowlisted structure, and a link survives only
//! when its target is `http`, `https`, `mailto` or relative ([`safe_link`]).
//!
//! The walk keeps its own stack instead of recursing, so a page nested 100,000 elements deep
//! costs time in proportion to its size and never the thread's stack.

use dom_query::NodeRef;

use crate::extract::markdown::{safe_link, Runs};
use crate::extract::paragraphs::list_text;
use crate::extract::{Piece, PieceKind};
use crate::model::ListItem;

/// Elements whose content is never story text: code, embeds, forms, media and page furniture
/// the main-content step may have let through.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "label",
    "nav",
    "aside",
    "footer",
    "figure",
    "figcaption",
    "img",
    "picture",
    "video",
    "audio",
    "source",
    "canvas",
    "head",
    "title",
    "meta",
    "link",
    "base",
    "map",
    "dialog",
    "menu",
];

/// Elements that end one block and start another.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "table",
    "tr",
    "dl",
    "dt",
    "dd",
    "hr",
    "address",
    "details",
    "summary",
    "center",
];

enum Step<'a> {
    Open(NodeRef<'a>),
    Close(Closing),
}

#[derive(Clone, Copy)]
enum Closing {
    Block,
    Emphasis,
    Strong,
    Strikethrough,
    Code,
    Link,
    List,
    Item,
    Quote,
}

/// What the walk is inside of, outermost first.
#[derive(Default)]
struct Walk {
    out: Vec<Piece>,
    runs: Runs,
    /// The kind of the block being collected.
    kind: Option<PieceKind>,
    code: usize,
    /// Open lists: whether each is ordered, and the items collected.
    lists: Vec<(bool, Vec<ListItem>)>,
    in_item: usize,
    quote: usize,
    /// The last thing met was a `<br>` (and blank text).
    after_break: bool,
    /// Texts of neighbouring elements are words apart ([`pieces_spaced`]).
    spaced: bool,
}

impl Walk {
    /// Ends the block being collected (paragraph, head, quote or item text).
    fn flush(&mut self) {
        self.after_break = false;
        let runs = std::mem::take(&mut self.runs);
        let (text, spans) = runs.finish();
        if self.in_item > 0 {
            if let Some((_, items)) = self.lists.last_mut() {
                // Text after a nested block in the same item runs on in that item.
                match items.last_mut() {
                    Some(last) if self.in_item > 0 && !text.is_empty() && last.text.is_empty() => {
                        *last = ListItem { text, spans };
                    }
                    _ if text.is_empty() => {}
                    _ => items.push(ListItem { text, spans }),
                }
            }
            return;
        }
        if text.is_empty() {
            return;
        }
        let kind = if self.quote > 0 {
            PieceKind::Quote
        } else {
            self.kind.unwrap_or(PieceKind::Paragraph)
        };
        let line = self.out.len() + 1;
        let mut piece = Piece::markdown(kind, text, line);
        piece.spans = spans;
        // A quote's paragraphs are one block.
        if kind == PieceKind::Quote {
            if let Some(last) = self.out.last_mut().filter(|p| p.kind == PieceKind::Quote) {
                if last.line == usize::MAX {
                    last.text.push(' ');
                    last.text.push_str(&piece.text);
                    last.spans.clear();
                    return;
                }
            }
            // Marked open until the quote closes, so its paragraphs join it.
            piece.line = usize::MAX;
        }
        self.out.push(piece);
    }

    fn close_list(&mut self) {
        let Some((ordered, items)) = self.lists.pop() else {
            return;
        };
        let items: Vec<ListItem> = items.into_iter().filter(|i| !i.text.is_empty()).collect();
        if items.is_empty() {
            return;
        }
        if let Some((_, outer)) = self.lists.last_mut() {
            // A nested list's items belong to the outer list.
            outer.extend(items);
            return;
        }
        let texts: Vec<String> = items.iter().map(|i| i.text.clone()).collect();
        let mut piece = Piece::markdown(
            PieceKind::List { ordered },
            list_text(&texts, ordered),
            self.out.len() + 1,
        );
        let plain = items.iter().all(|i| i.spans.is_empty());
        piece.items = if plain {
            items
                .into_iter()
                .map(|i| ListItem {
                    spans: Vec::new(),
                    ..i
                })
                .collect()
        } else {
            items
        };
        self.out.push(piece);
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// Social embeds are quotes in markup only: a tweet or a post is not the story's copy.
fn is_embed(node: &NodeRef) -> bool {
    node.class().is_some_and(|c| {
        let c = c.to_ascii_lowercase();
        [
            "twitter-tweet",
            "instagram-media",
            "tiktok-embed",
            "embed",
            "fb-post",
        ]
        .iter()
        .any(|e| c.split_whitespace().any(|w| w == *e))
    })
}

/// The pieces of the story under `root`, in reading order.
pub fn pieces(root: &NodeRef) -> Vec<Piece> {
    walk_pieces(root, Walk::default())
}

/// [`pieces`], with the texts of neighbouring elements kept words apart: for a header's
/// furniture, whose spans sit side by side on screen (`<span>Maren Halvorsen</span><span>Star
/// Tribune</span>`), where story text runs on across an element (`<a>word</a>s`).
pub fn pieces_spaced(root: &NodeRef) -> Vec<Piece> {
    walk_pieces(
        root,
        Walk {
            spaced: true,
            ..Walk::default()
        },
    )
}

fn walk_pieces(root: &NodeRef, mut walk: Walk) -> Vec<Piece> {
    let mut stack: Vec<Step> = root.children_it(true).map(Step::Open).collect();
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Close(c) => {
                match c {
                    Closing::Block => {
                        walk.flush();
                        walk.kind = None;
                    }
                    Closing::Emphasis => walk.runs.emphasis = walk.runs.emphasis.saturating_sub(1),
                    Closing::Strong => walk.runs.strong = walk.runs.strong.saturating_sub(1),
                    Closing::Strikethrough => {
                        walk.runs.strikethrough = walk.runs.strikethrough.saturating_sub(1)
                    }
                    Closing::Code => walk.code = walk.code.saturating_sub(1),
                    Closing::Link => {
                        walk.runs.link.pop();
                    }
                    Closing::List => {
                        walk.flush();
                        walk.close_list();
                    }
                    Closing::Item => {
                        walk.flush();
                        walk.in_item = walk.in_item.saturating_sub(1);
                    }
                    Closing::Quote => {
                        walk.flush();
                        walk.quote = walk.quote.saturating_sub(1);
                        if walk.quote == 0 {
                            let count = walk.out.len();
                            if let Some(last) = walk.out.last_mut() {
                                if last.line == usize::MAX {
                                    last.line = count;
                                }
                            }
                        }
                    }
                }
                continue;
            }
            Step::Open(node) => node,
        };
        if node.is_text() {
            let text = node.text();
            if !text.trim().is_empty() {
                walk.after_break = false;
            }
            if walk.spaced {
                walk.runs.push(" ", false);
            }
            walk.runs.push(&text, walk.code > 0);
            continue;
        }
        walk.after_break &= node.node_name().is_some_and(|n| &*n == "br");
        if !node.is_element() {
            continue;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        if SKIPPED.contains(&name.as_str())
            || node.has_attr("hidden")
            || node.attr("aria-hidden").is_some_and(|v| &*v == "true")
        {
            continue;
        }
        let closing = match name.as_str() {
            // Pages that set paragraphs apart with `<br><br>` rather than `<p>`.
            "br" if walk.after_break && walk.in_item == 0 => {
                walk.flush();
                continue;
            }
            "br" => {
                walk.runs.push(" ", false);
                walk.after_break = true;
                continue;
            }
            "em" | "i" | "cite" => {
                walk.runs.emphasis += 1;
                Some(Closing::Emphasis)
            }
            "strong" | "b" => {
                walk.runs.strong += 1;
                Some(Closing::Strong)
            }
            "s" | "del" | "strike" => {
                walk.runs.strikethrough += 1;
                Some(Closing::Strikethrough)
            }
            "code" | "kbd" | "samp" | "tt" => {
                walk.code += 1;
                Some(Closing::Code)
            }
            "a" => {
                let target = node.attr("href").map(|h| h.trim().to_string());
                walk.runs
                    .link
                    .push(target.filter(|t| safe_link(t) && !t.starts_with('#')));
                Some(Closing::Link)
            }
            "ul" | "ol" => {
                walk.flush();
                walk.lists.push((name == "ol", Vec::new()));
                Some(Closing::List)
            }
            "li" if !walk.lists.is_empty() => {
                walk.flush();
                walk.in_item += 1;
                Some(Closing::Item)
            }
            "blockquote" if is_embed(&node) => continue,
            "blockquote" => {
                walk.flush();
                walk.quote += 1;
                Some(Closing::Quote)
            }
            _ if BLOCKS.contains(&name.as_str()) => {
                walk.flush();
                if let Some(level) = heading_level(&name) {
                    walk.kind = Some(PieceKind::Heading(level));
                } else if name == "pre" {
                    walk.kind = Some(PieceKind::Code);
                }
                Some(Closing::Block)
            }
            _ => None,
        };
        if let Some(c) = closing {
            stack.push(Step::Close(c));
        }
        stack.extend(node.children_it(true).map(Step::Open));
    }
    walk.flush();
    while !walk.lists.is_empty() {
        walk.close_list();
    }
    for (n, piece) in walk.out.iter_mut().enumerate() {
        piece.line = n + 1;
    }
    walk.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn read(html: &str) -> Vec<Piece> {
        let doc = Document::from(html);
        let body = doc.select("body");
        pieces(&body.nodes()[0])
    }

    #[test]
    fn keeps_heads_lists_quotes_and_safe_links() {
        let got = read(
            r#"<body><h2>The  plan</h2><p>One <em>two</em> <a href="javascript:alert(1)">three</a>
            <a href="https://x.test/">four</a></p><ul><li>a</li><li><p>b</p><ul><li>c</li></ul></li></ul>
            <blockquote><p>Said</p><p>twice</p></blockquote><script>alert(1)</script>
            <figure><figcaption>Caption</figcaption></figure><p>End.</p></body>"#,
        );
        let kinds: Vec<PieceKind> = got.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                PieceKind::Heading(2),
                PieceKind::Paragraph,
                PieceKind::List { ordered: false },
                PieceKind::Quote,
                PieceKind::Paragraph
            ]
        );
        assert_eq!(got[0].text, "The plan");
        assert_eq!(got[1].text, "One two three four");
        let links: Vec<Option<&str>> = got[1].spans.iter().map(|s| s.link.as_deref()).collect();
        assert!(links.contains(&Some("https://x.test/")));
        assert!(!links.iter().flatten().any(|l| l.starts_with("javascript")));
        assert_eq!(got[2].text, "- a\n- b\n- c");
        assert_eq!(got[3].text, "Said twice");
        assert_eq!(got[4].text, "End.");
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        // Deeper than the extractor is asked to go (`nesting`), and cheap to parse.
        let depth = 3_000;
        let html = format!(
            "{}<p>deep</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let got = read(&html);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].text, "deep");
    }
}
