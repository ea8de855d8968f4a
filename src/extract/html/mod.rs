//! Saved web pages (`.html`, `.htm` seeds) → the metadata their markup states and the story's
//! pieces. The pieces then go through the same analysis as text and Markdown copy (bylines,
//! date lines, the dateline, heads, credits), with what the markup says standing where front
//! matter stands for a Markdown seed, below the sidecar.

mod blocks;
mod content;
mod dates;
mod dek;
pub mod jsonld;
pub mod meta;
mod nesting;
mod zone;

use dom_query::Document;

use super::front_matter::{OneOrMany, Overrides};
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
    let html = nesting::flatten(html);
    let doc = Document::from(&*html);
    let meta = meta::read(&doc);
    let mut pieces = content::story(&html, &doc);
    // The headline the page shows over the story wins over the one it gives search engines
    // and social cards, which is often a shorter rewrite.
    let headline = meta
        .h1
        .clone()
        .filter(|h| h.split_whitespace().count() >= 3 && !super::text::longer_than(h, 300))
        .or_else(|| meta.headline.clone())
        .or_else(|| meta.h1.clone())
        .or_else(|| meta.title.clone());

    // The story's own headline at its head is the headline, not copy; what comes before it
    // (a rubric, a kicker, breadcrumbs) is the header's furniture.
    if let Some(h) = &headline {
        let h = comparable(h);
        let head = pieces.len().min(HEADER_PIECES);
        if let Some(n) = pieces[..head]
            .iter()
            .position(|p| matches!(p.kind, PieceKind::Heading(_)) && comparable(&p.text) == h)
        {
            pieces.drain(..=n);
        }
    }
    let page_zone = zone::page_zone(&doc, &meta, &pieces);
    let dek = dek::dek_of(&meta, &doc, &mut pieces);
    drop_captions(&doc, &mut pieces);
    drop_boxes_before_the_lede(&doc, &mut pieces);
    drop_labels_before_the_lede(&mut pieces);
    let (mut people, mut organizations) = authors(&meta);
    // The site itself as the author (an unsigned editorial, a live blog), its newsroom (`RTÉ
    // News` on RTÉ's site), or the company that owns it (`Bangkok Post Public Company
    // Limited`), is no byline.
    let owners: Vec<String> = [meta.site_name.as_deref(), meta.publisher.as_deref()]
        .into_iter()
        .flatten()
        .map(comparable)
        .filter(|s| !s.is_empty())
        .collect();
    // The byline the page shows wins over the names its markup gives search engines, which a
    // CMS may fill from another field (the editor who filed it, a previous version's author).
    let shown = &meta.byline;
    // A shown name agrees with the markup's when it is that name, or that name with the
    // site's own name (or what the byline rules left of it) glued after it (`By Clay Whitaker
    // Highlands Herald`).
    let site = meta
        .site_name
        .as_deref()
        .map(comparable)
        .unwrap_or_default();
    let same_name = |shown: &str, markup: &str| {
        let (shown, markup) = (comparable(shown), comparable(markup));
        shown == markup
            || shown.strip_prefix(&markup).is_some_and(|rest| {
                !markup.is_empty() && !site.is_empty() && site.starts_with(rest)
            })
    };
    let agree = people.iter().any(|p| shown.iter().any(|s| same_name(s, p)));
    // The markup may name only the first of the writers the byline shows (`By Jane Doe and
    // John Roe` over an `author` of Jane Doe alone): the byline's fuller list wins.
    let shown_has_more =
        shown.len() > people.len() && people.iter().all(|p| shown.iter().any(|s| same_name(s, p)));
    if !shown.is_empty() && (!agree || shown_has_more) {
        people = shown.clone();
    }
    if people.is_empty() {
        people = meta.labelled_byline.clone();
    }
    // A CMS account named for the site (`Vanguard` on Vanguard News) is no person: the story's
    // own `By` line in its text is the byline then.
    people.retain(|p| {
        let name = comparable(p);
        !owners
            .iter()
            .any(|site| is_the_site(&name, site) || is_the_site(site, &name))
    });

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
        authors: (!people.is_empty()).then_some(OneOrMany::Many(people)),
        date: dates::published(
            meta.published.as_deref(),
            meta.modified.as_deref(),
            &doc,
            page_zone,
        ),
        updated: dates::updated(meta.modified.as_deref(), &doc, page_zone),
        ..Overrides::default()
    };
    // The first organization named is the one a reader would credit (`ESPN News Services`
    // before `ESPN`).
    organizations.splice(0..0, meta.organizations);
    if let Some(outlet) = &meta.byline_outlet {
        organizations.insert(0, outlet.clone());
    }
    organizations.retain(|o| !owners.iter().any(|site| is_the_site(&comparable(o), site)));
    organizations.truncate(1);
    Page {
        stated,
        organizations,
        image,
        pieces,
    }
}

/// Whether an organization named as author (comparable form) is the site `site`: its name,
/// its newsroom (`rtenews` for `rte`) or the company that owns it (`bangkokpostpubliccompany
/// limited`).
fn is_the_site(organization: &str, site: &str) -> bool {
    const COMPANY: [&str; 9] = [
        "company",
        "limited",
        "ltd",
        "inc",
        "llc",
        "plc",
        "corporation",
        "group",
        "holdings",
    ];
    // A desk that signs (`Reuters Staff`) is a byline: only the newsroom itself is the site.
    const NEWSROOM: [&str; 4] = ["news", "newsroom", "online", "digital"];
    organization == site
        || organization.strip_prefix(site).is_some_and(|rest| {
            NEWSROOM.contains(&rest) || COMPANY.iter().any(|c| rest.contains(c))
        })
}

/// How many pieces at the head of the story may stand before its headline.
const HEADER_PIECES: usize = 6;

/// The people the markup names, cleaned as a byline is (`Jane Doe, Science Correspondent For
/// Example News` is Jane Doe); a "person" that is the site, an outlet or a desk (`Staff`) is
/// an organization, which stands only when the text names nobody.
fn authors(meta: &PageMeta) -> (Vec<String>, Vec<String>) {
    let mut people = Vec::new();
    let mut organizations = Vec::new();
    let site = meta.site_name.as_deref().map(comparable);
    for name in &meta.people {
        let is_site = site
            .as_deref()
            .is_some_and(|s| !s.is_empty() && comparable(name).contains(s));
        if is_site || (super::byline::names_an_outlet(name) && !name.contains(',')) {
            organizations.push(name.clone());
            continue;
        }
        // `Jane Doe, Science Correspondent` and `Jane Doe For Example News` are Jane Doe.
        let name = name.split(',').next().unwrap_or(name).trim();
        let name = [" For ", " for "]
            .iter()
            .find_map(|f| name.split_once(f).map(|(n, _)| n.trim()))
            .unwrap_or(name);
        match super::byline::parse_byline(&format!("By {name}"), true) {
            Some(names) if !names.is_empty() => people.extend(names),
            _ => organizations.push(name.to_string()),
        }
    }
    people.dedup();
    (people, organizations)
}

/// An element's text when it is at most `limit` bytes, read no further: the callers ask of
/// every picture's box and every date-like element, and a container the size of the page
/// must not be read whole each time.
fn text_within(node: &dom_query::NodeRef, limit: usize) -> Option<String> {
    let mut text = String::new();
    for part in node.descendants_it().filter(|n| n.is_text()) {
        text.push_str(&part.text());
        if text.len() > limit {
            return None;
        }
    }
    Some(text)
}

/// The longest text a picture's box holds beside its picture for that text to be its caption.
const CAPTION_BYTES: usize = 300;

/// Drops the captions the main-content step kept as paragraphs: the text of a `figcaption` or
/// an element the page classes as a caption, and the short text of a box that holds a picture
/// and little else (`<div class="picBox"><img…><p>Wind turbines near…</p></div>`).
fn drop_captions(doc: &Document, pieces: &mut Vec<Piece>) {
    let mut captions: std::collections::HashSet<String> = doc
        .select("figcaption, [class*=caption i], [class*=credit i], [class*=picture i], [class*=photo-desc i]")
        .iter()
        .map(|e| comparable(&e.text()))
        .collect();
    for picture in doc.select("img, picture").nodes() {
        let boxes = std::iter::successors(picture.parent(), |n| n.parent()).take(2);
        for frame in boxes {
            if frame.is("article, main, body") {
                break;
            }
            let Some(text) = text_within(&frame, CAPTION_BYTES) else {
                break;
            };
            let text = comparable(&text);
            if !text.is_empty() {
                captions.insert(text);
                break;
            }
        }
    }
    captions.remove("");
    pieces.retain(|p| p.kind != PieceKind::Paragraph || !captions.contains(&comparable(&p.text)));
}

/// The fewest words of the story's first paragraph: shorter pieces before it are labels.
const LEDE_WORDS: usize = 7;

/// Whether a piece reads as the story's prose rather than a label: enough words, or a
/// sentence of a few, and not a promotion or a byline.
fn is_prose(p: &Piece) -> bool {
    let words = p.text.split_whitespace().count();
    p.kind == PieceKind::Paragraph
        && (words >= LEDE_WORDS || (words >= 3 && p.text.ends_with(['.', '!', '?', '”', '"'])))
        && !is_promotion(p)
        && super::byline::parse_byline(&p.text, true).is_none()
        && !is_credits_block(&p.text)
        && !is_editors_note(&p.text)
}

/// An editor's note set above the story (`Editor’s note: This story has been updated…`): a
/// note on the story, not its lede.
fn is_editors_note(text: &str) -> bool {
    let t = text.trim_start().to_lowercase();
    [
        "editor's note",
        "editor’s note",
        "editors' note",
        "editors’ note",
        "editor's note:",
    ]
    .iter()
    .any(|note| t.starts_with(note))
}

/// A header's block of credits run into one piece (`Author: Rania Haddad Translated from Arabic
/// by Kareem Nasser Posted July 22, 2014`): no sentence's end, and a date line at its end.
fn is_credits_block(text: &str) -> bool {
    let zone = super::ExtractOptions::default().timezone;
    let ends_a_sentence = text.trim_end().ends_with(['.', '!', '?', '”', '"', '’']);
    if ends_a_sentence || text.len() > CAPTION_BYTES {
        return false;
    }
    // The date line is the text from its label on, or all of it, to a comma after which
    // more credits follow (`Monday February 17 2025, 12.01am, The Times`).
    let dated = |line: &str| {
        std::iter::once(line)
            .chain(line.rmatch_indices(',').map(|(at, _)| &line[..at]))
            .any(|prefix| dates::dated_to_the_day(prefix, zone).is_some())
    };
    std::iter::once(text)
        .chain(
            ["Posted", "Published", "Updated", "First published"]
                .iter()
                .filter_map(|label| text.rfind(label).map(|at| &text[at..])),
        )
        .any(dated)
}

/// The most words a promotion above the story has (`Before it's here, it's on the Terminal.
/// LEARN MORE`); a longer paragraph is story whatever it mentions.
const PROMOTION_WORDS: usize = 25;

fn is_promotion(p: &Piece) -> bool {
    p.text.split_whitespace().count() <= PROMOTION_WORDS
        && (super::boilerplate::is_promo(&p.text)
            || super::footer::is_footer_prose(&p.text)
            || is_tool_bar(&p.text))
}

/// A bar of the page's tools copied as one line: `Share | Print | Email | Comments (3)`.
fn is_tool_bar(text: &str) -> bool {
    let parts: Vec<&str> = text.split(['|', '·', '•']).map(str::trim).collect();
    parts.len() >= 2
        && parts.iter().all(|part| {
            let label = part.trim_end_matches(|c: char| c.is_ascii_digit() || "() ".contains(c));
            label.is_empty()
                || super::boilerplate::is_promo(label)
                || super::header::is_furniture(label)
                || is_tool_label(label)
        })
}

/// A tool's label made of the words page tools use alone (`Text size A A`, `Font size`).
fn is_tool_label(label: &str) -> bool {
    const TOOL_WORDS: [&str; 16] = [
        "text", "size", "font", "a", "aa", "print", "email", "share", "listen", "save", "zoom",
        "+", "facebook", "twitter", "whatsapp", "linkedin",
    ];
    label.split_whitespace().all(|w| {
        let w = w.to_lowercase();
        TOOL_WORDS.contains(&w.as_str()) || w == "-"
    })
}

/// The labels of the boxes pages set between the headline and the story: a summary, the
/// reasons for the story, its points.
const BOX_LABELS: &[&str] = &[
    "why we wrote this",
    "key points",
    "key takeaways",
    "takeaways",
    "in summary",
    "summary",
    "in brief",
    "at a glance",
    "the big picture",
    "what you need to know",
    "need to know",
    "the gist",
    "highlights",
    "story highlights",
    "quick read",
    "tl;dr",
    "the short version",
    "what we know",
];

/// Drops a labelled box above the lede (`<div><h2>Why We Wrote This</h2><p>…</p></div>`): its
/// label and the pieces after it that the element holding the label holds too. A box is not
/// the story, however much its text reads like a paragraph.
fn drop_boxes_before_the_lede(doc: &Document, pieces: &mut Vec<Piece>) {
    let is_label = |text: &str| {
        let t = text.trim().trim_end_matches(':').trim().to_lowercase();
        BOX_LABELS.contains(&t.as_str())
    };
    let head = pieces.len().min(HEADER_PIECES);
    let Some(at) = pieces[..head].iter().position(|p| {
        matches!(p.kind, PieceKind::Heading(_) | PieceKind::Paragraph) && is_label(&p.text)
    }) else {
        return;
    };
    // Nothing of the story before the label.
    if pieces[..at].iter().any(is_prose) {
        return;
    }
    let label = comparable(&pieces[at].text);
    let Some(box_text) = doc
        .select("h2, h3, h4, h5, h6, p, span, div, strong")
        .nodes()
        .iter()
        .find_map(|n| {
            (comparable(&text_within(n, 64)?) == label)
                .then(|| n.parent())
                .flatten()
                .and_then(|parent| text_within(&parent, 2000))
                .map(|t| comparable(&t))
        })
    else {
        return;
    };
    let mut end = at + 1;
    while end < pieces.len() && {
        let t = comparable(&pieces[end].text);
        !t.is_empty() && box_text.contains(&t)
    } {
        end += 1;
    }
    pieces.drain(at..end);
}

/// Drops what the main-content step kept above the lede that is neither story nor byline nor
/// date line: section labels (`LOCAL`, `Congress`), photo captions, counts, times, stray words.
fn drop_labels_before_the_lede(pieces: &mut Vec<Piece>) {
    let zone = super::ExtractOptions::default().timezone;
    let mut n = 0;
    while n < pieces.len() {
        let p = &pieces[n];
        if is_prose(p)
            || !matches!(
                p.kind,
                PieceKind::Paragraph | PieceKind::Heading(_) | PieceKind::List { .. }
            )
        {
            break;
        }
        // A list above the story is page furniture (a metadata strip, share links) or the
        // summary box under the headline ("Key points", the bullets of a tabloid's header):
        // stories open with a paragraph.
        if matches!(p.kind, PieceKind::List { .. }) {
            pieces.remove(n);
            continue;
        }
        let metadata = super::byline::parse_byline(&p.text, true).is_some()
            || !super::date::parse_date_line(&p.text, zone).is_empty()
            || p.text.split(['|', '·', '•']).any(|part| {
                !super::date::parse_date_line(part.trim(), zone).is_empty()
                    || super::byline::parse_byline(part.trim(), true).is_some()
            });
        if metadata {
            n += 1;
        } else {
            pieces.remove(n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_its_newsroom_and_its_owner_are_the_site_and_a_signing_desk_is_not() {
        assert!(is_the_site(&comparable("RTÉ News"), &comparable("RTÉ")));
        assert!(is_the_site(
            &comparable("Example Times"),
            &comparable("Example Times")
        ));
        assert!(is_the_site(
            &comparable("Bangkok Post Public Company Limited"),
            &comparable("Bangkok Post")
        ));
        assert!(!is_the_site(
            &comparable("Reuters Staff"),
            &comparable("Reuters")
        ));
        assert!(!is_the_site(&comparable("AP"), &comparable("AP News")));
    }
}
