//! Saved web pages (`.html`, `.htm` seeds) → the metadata their markup states and the story's
//! pieces. The pieces then go through the same analysis as text and Markdown copy (bylines,
//! date lines, the dateline, heads, credits), with what the markup says standing where front
//! matter stands for a Markdown seed, below the sidecar.

mod blocks;
mod content;
pub mod jsonld;
pub mod meta;

use dom_query::Document;

use super::front_matter::{DateValue, OneOrMany, Overrides};
use super::{Piece, PieceKind};
use crate::model::LeadImage;
use meta::PageMeta;

pub(crate) fn collapse(s: &str) -> String {
    super::text::collapse_whitespace(s)
}

/// What a page gives the analysis.
#[derive(Debug)]
pub struct Page {
    /// What the markup states, as the analysis reads stated fields.
    pub stated: Overrides,
    /// Organizations the markup names as author: the byline when the text names nobody.
    pub organizations: Vec<String>,
    pub image: Option<LeadImage>,
    pub pieces: Vec<Piece>,
}

/// Letters and digits only, lower case: for comparing what the markup says with the text.
fn comparable(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Reads a page.
pub fn read(html: &str) -> Page {
    let doc = Document::from(html);
    let meta = meta::read(&doc);
    let mut pieces = content::story(html, &doc);
    let headline = meta
        .headline
        .clone()
        .or_else(|| meta.h1.clone())
        .or_else(|| meta.title.clone());

    // The story's own headline at its head is the headline, not copy.
    if let Some(h) = &headline {
        let h = comparable(h);
        let before_copy = pieces
            .iter()
            .position(|p| p.kind == PieceKind::Paragraph)
            .unwrap_or(pieces.len());
        if let Some(n) = pieces[..before_copy]
            .iter()
            .position(|p| matches!(p.kind, PieceKind::Heading(_)) && comparable(&p.text) == h)
        {
            pieces.remove(n);
        }
    }
    let dek = dek_of(&meta, &doc, &mut pieces);

    let image = meta.image.as_ref().and_then(|i| {
        let src = i.url.trim();
        let web = src.starts_with("https://") || src.starts_with("http://");
        web.then(|| LeadImage {
            src: src.to_string(),
            caption: i.caption.clone(),
            credit: i.credit.clone(),
            alt: None,
        })
    });
    let stated = Overrides {
        title: headline,
        dek,
        authors: (!meta.people.is_empty()).then(|| OneOrMany::Many(meta.people.clone())),
        date: meta.published.clone().map(DateValue::Text),
        updated: meta.modified.clone().map(DateValue::Text),
        ..Overrides::default()
    };
    Page {
        stated,
        organizations: meta.organizations,
        image,
        pieces,
    }
}

const STANDFIRST: &str = "p, h2, h3, [class*=standfirst i], [class*=dek i], \
    [class*=summary i], [class*=subtitle i], [class*=sub-title i], [class*=subhead i], \
    [class*=intro i], [class*=strap i], [class*=excerpt i], [class*=description i], \
    [class*=lede i], [class*=lead i]";

/// The page's description is its dek when the page shows it above the story (a standfirst),
/// not when it repeats the lede or is a teaser written for search engines alone. A standfirst
/// the main-content step kept among the story's pieces is taken out of them.
fn dek_of(meta: &PageMeta, doc: &Document, pieces: &mut Vec<Piece>) -> Option<String> {
    let description = meta.description.as_ref()?;
    let wanted = comparable(description);
    if wanted.is_empty() {
        return None;
    }
    let lede = pieces.iter().find(|p| p.kind == PieceKind::Paragraph)?;
    let lede_text = comparable(&lede.text);
    if lede_text.starts_with(&wanted) || wanted.starts_with(&lede_text) {
        return None;
    }
    // Asked of paragraphs, heads and the elements sites name for a standfirst only: their
    // text is small, where a `div`'s may be the whole page.
    let shown = doc.select(STANDFIRST).iter().any(|e| {
        let text = e.text();
        text.len() < 4 * description.len() + 64 && comparable(&text) == wanted
    });
    if !shown {
        return None;
    }
    if let Some(n) = pieces.iter().position(|p| comparable(&p.text) == wanted) {
        pieces.remove(n);
    }
    Some(description.clone())
}
