//! The dek (standfirst) of a saved page: the element the site marks as one, the head set
//! under the headline, or the page's description where the page shows it apart from the story.

use dom_query::Document;

use super::meta::PageMeta;
use super::{collapse, comparable, is_prose, text_within, Piece};

/// The longest label a standfirst box puts over its text (`In summary`, `The big picture`).
const DEK_LABEL_BYTES: usize = 24;

/// Classes sites give the standfirst under a headline.
const STANDFIRST_CLASSES: &str = "[class*=standfirst i], [class*=dek i], [class*=subheadline i], \
    [class*=summary i], [class*=subtitle i], [class*=sub-title i], [class*=subhead i], \
    [class*=intro i], [class*=strap i], [class*=excerpt i], [class*=description i], \
    [class*=deck i], [class*=subline i], [class*=lead-text i], [class*=chapo i]";

/// The dek: an element the site marks as the standfirst, when its text is the page's
/// description or heads the story; else the description when the page shows it as a paragraph
/// or head of its own that is not the lede (a description that repeats the lede, or that only
/// search engines see, is no dek). A dek the main-content step kept among the story's pieces is
/// taken out of them.
pub(super) fn dek_of(meta: &PageMeta, doc: &Document, pieces: &mut Vec<Piece>) -> Option<String> {
    let description = meta
        .description
        .as_deref()
        .map(comparable)
        .unwrap_or_default();
    let first = pieces
        .iter()
        .position(is_prose)
        .map(|n| (n, comparable(&pieces[n].text)));
    let short = |text: &str| text.len() < 1200;
    for e in doc.select(STANDFIRST_CLASSES).iter() {
        let text = e.text();
        if !short(&text) {
            continue;
        }
        let wanted = comparable(&text);
        if wanted.is_empty() {
            continue;
        }
        let heads_story = first.as_ref().is_some_and(|(_, f)| *f == wanted);
        // "In summary" over the description: the box's label and its text.
        let labelled = !description.is_empty()
            && wanted.len() > description.len()
            && wanted.ends_with(&description)
            && wanted.len() - description.len() <= DEK_LABEL_BYTES;
        // With no description to compare, a standfirst set right under the headline.
        let under_headline = description.is_empty()
            && text.split_whitespace().count() >= 5
            && is_under_headline(e.nodes().first());
        if labelled {
            if let Some(n) = pieces
                .iter()
                .position(|p| comparable(&p.text) == description)
            {
                pieces.remove(n);
            }
            return meta.description.clone();
        }
        if wanted == description || heads_story || under_headline {
            if let Some(n) = pieces.iter().position(|p| comparable(&p.text) == wanted) {
                pieces.remove(n);
            }
            return Some(collapse(&text));
        }
    }
    if let Some(dek) = set_under_headline(meta, doc) {
        let wanted = comparable(&dek);
        if let Some(n) = pieces.iter().position(|p| comparable(&p.text) == wanted) {
            pieces.remove(n);
        }
        return Some(dek);
    }
    if description.is_empty() {
        return None;
    }
    if let Some(dek) = dek_under_headline(doc, &description, pieces) {
        if let Some(n) = pieces
            .iter()
            .position(|p| comparable(&p.text) == description)
        {
            pieces.remove(n);
        }
        return Some(dek);
    }
    if let Some((at, lede)) = &first {
        // The description's paragraph with the date line or byline after it and the story
        // after that is the header's dek (`<h1>…</h1><p>dek</p><div>This content was
        // published on…</div>`), not the lede.
        let metadata_follows = pieces
            .get(at + 1)
            .is_some_and(|p| is_date_or_byline(&p.text))
            && pieces[at + 2..].iter().any(is_prose);
        let repeats = lede.starts_with(&description) || description.starts_with(lede.as_str());
        if repeats && !metadata_follows {
            return None;
        }
        if repeats && *lede == description {
            let dek = collapse(&pieces[*at].text);
            pieces.remove(*at);
            return Some(dek);
        }
        if repeats {
            return None;
        }
    }
    // Shown as a paragraph of its own, not as the first of a summary's points; as shown, with
    // its typography.
    let shown = doc
        .select("p, h2, h3")
        .iter()
        .filter(|e| !e.is("li p, li h2, li h3"))
        .map(|e| e.text())
        .find(|text| short(text) && comparable(text) == description)?;
    if let Some(n) = pieces
        .iter()
        .position(|p| comparable(&p.text) == description)
    {
        pieces.remove(n);
    }
    Some(collapse(&shown))
}

/// The standfirst set right under the headline as a head of its own (`<h1>…</h1><h2>Vendors
/// packed the meeting…</h2>`) or in an element the site classes as one, whatever the page's
/// description says: a sentence, not a byline or a date line.
fn set_under_headline(meta: &PageMeta, doc: &Document) -> Option<String> {
    // The story's headline, not a site name set in an `<h1>` of its own (whose tagline
    // follows it): the one heading when there is one, else the one the markup names.
    let heads: Vec<_> = doc
        .select("h1")
        .nodes()
        .iter()
        .filter(|h| !collapse(&h.text()).is_empty())
        .copied()
        .collect();
    let named = [meta.headline.as_deref(), meta.title.as_deref()]
        .into_iter()
        .flatten()
        .map(comparable)
        .collect::<Vec<_>>();
    let h1 = match heads.as_slice() {
        [one] => *one,
        _ => *heads.iter().find(|h| {
            named
                .iter()
                .any(|n| !n.is_empty() && *n == comparable(&h.text()))
        })?,
    };
    let next = h1.next_element_sibling()?;
    // A list is a box of highlights, not a dek.
    if next.is("ul, ol") || next.descendants_it().any(|n| n.is("li")) {
        return None;
    }
    let classed = next.is("h2")
        || doc
            .select(STANDFIRST_CLASSES)
            .nodes()
            .iter()
            .any(|n| n.id == next.id);
    let text = collapse(&text_within(&next, 600)?);
    let words = text.split_whitespace().count();
    (classed && (5..=70).contains(&words) && !is_date_or_byline(&text)).then_some(text)
}

/// A date line or a byline naming someone: the header's metadata, not its dek.
fn is_date_or_byline(text: &str) -> bool {
    let zone = crate::extract::ExtractOptions::default().timezone;
    !crate::extract::date::parse_date_line(text, zone).is_empty()
        || crate::extract::byline::parse_byline(text, true).is_some_and(|n| !n.is_empty())
}

/// Whether `node` is the element right after a headline (`<h1>`).
fn is_under_headline(node: Option<&dom_query::NodeRef>) -> bool {
    let Some(node) = node else {
        return false;
    };
    let mut before = node.prev_sibling();
    while let Some(n) = before {
        if n.is_element() {
            return n.node_name().is_some_and(|t| t.eq_ignore_ascii_case("h1"));
        }
        before = n.prev_sibling();
    }
    false
}

/// The element set right under the headline that says what the page's description says, when
/// it is set apart from the story's paragraphs (`<div class="t-content__chapo">`, `<p
/// data-testid="intro">` over plain `<p>`s): the dek, also where the main-content step took it
/// for the lede. A plain paragraph like the ones after it is the lede, whatever the
/// description repeats.
fn dek_under_headline(doc: &Document, description: &str, pieces: &[Piece]) -> Option<String> {
    // An element's kind: its tag, its class and the names of its other attributes.
    let kind = |n: &dom_query::NodeRef| {
        let mut attributes: Vec<String> = n
            .attrs()
            .iter()
            .map(|a| match &*a.name.local {
                "class" => format!("class={}", a.value),
                name => name.to_string(),
            })
            .collect();
        attributes.sort();
        (n.node_name().map(|t| t.to_string()), attributes)
    };
    for h1 in doc.select("h1").nodes() {
        let Some(under) = h1.next_element_sibling() else {
            continue;
        };
        let text = under.text();
        // A list of points under the headline (`mol-bullets`, "Key points") is no dek.
        let list = under.is("ul, ol") || !under.find(&["li"]).is_empty();
        if list || text.len() >= 1200 || comparable(&text) != description {
            continue;
        }
        // The story's next paragraph, as the page marks it up.
        let after = pieces
            .iter()
            .filter(|p| is_prose(p))
            .map(|p| comparable(&p.text))
            .find(|t| *t != description);
        let next_paragraph = after.and_then(|after| {
            doc.select("p")
                .nodes()
                .iter()
                .find(|p| comparable(&p.text()) == after)
                .cloned()
        });
        let same_kind = next_paragraph.is_some_and(|p| kind(&p) == kind(&under));
        if !same_kind {
            return Some(collapse(&text));
        }
    }
    None
}
