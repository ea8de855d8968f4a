//! The story's own part of a page: its paragraphs, heads, lists and quotes without the page's
//! navigation, ads, share bars, related rails, newsletter boxes, comments and footer.
//!
//! Finding it is the job of an existing extractor, chosen by measurement on the saved-page
//! fixtures (`docs/extraction.md` has the comparison); this module is the one place that knows
//! which, so it can be replaced.

use dom_query::{Document, NodeRef};

use super::blocks;
use crate::extract::Piece;

/// Pages nested deeper than this are read without the extractor, whose walks recurse: a page
/// of 100,000 nested `<div>`s would use up a thread's stack. No real news page comes near it.
const MAX_DEPTH: usize = 256;

/// Pages larger than this are read without the extractor, whose time grows faster than the
/// page (a 5 MB page took over a minute): a news page is tens or hundreds of kilobytes, and a
/// larger one is a dump whose every paragraph may as well be kept.
const MAX_EXTRACTOR_BYTES: usize = 4 * 1024 * 1024;

/// The story's pieces, in reading order. `doc` is the page already parsed.
pub fn story(html: &str, doc: &Document) -> Vec<Piece> {
    if html.len() > MAX_EXTRACTOR_BYTES || deeper_than(doc.root(), MAX_DEPTH) {
        return whole_page(doc);
    }
    let options = rs_trafilatura::Options {
        include_links: true,
        include_formatting: true,
        include_tables: false,
        include_images: false,
        include_comments: false,
        ..rs_trafilatura::Options::default()
    };
    let content = match rs_trafilatura::extract_with_options(html, &options) {
        Ok(found) => found.content_html,
        Err(_) => None,
    };
    let Some(content) = content else {
        return whole_page(doc);
    };
    let content = Document::from(content.as_str());
    // On some pages the extractor falls back to its plain text (lines in one paragraph, or
    // none), which has lost the blocks.
    let blocks = content.select("p, h1, h2, h3, h4, h5, h6, li, blockquote, pre");
    if blocks.length() == 0 || (blocks.length() == 1 && blocks.text().trim().contains('\n')) {
        return whole_page(doc);
    }
    let pieces = match content.select("body").nodes().first() {
        Some(root) => blocks::pieces(root),
        None => Vec::new(),
    };
    if pieces.is_empty() {
        return whole_page(doc);
    }
    pieces
}

/// When the extractor finds nothing (or is not asked): the text of the page's `<article>`, or
/// `<main>`, or its body, with the furniture [`blocks`] always drops.
fn whole_page(doc: &Document) -> Vec<Piece> {
    for selector in ["article", "main", "[role=main]", "body"] {
        if let Some(root) = doc.select(selector).nodes().first() {
            let pieces = blocks::pieces(root);
            if !pieces.is_empty() {
                return pieces;
            }
        }
    }
    Vec::new()
}

/// Whether any element under `root` is nested more than `limit` deep, found without recursion.
fn deeper_than(root: NodeRef, limit: usize) -> bool {
    let mut stack: Vec<(NodeRef, usize)> = vec![(root, 0)];
    while let Some((node, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        stack.extend(node.children_it(false).map(|c| (c, depth + 1)));
    }
    false
}
