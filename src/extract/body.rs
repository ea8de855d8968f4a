//! The body after the header zone: the dateline opening the lede, section heads, credits, promos,
//! end marks and the copyright line, and each block of copy as structure (its kind, text, inline
//! runs and list items), never as markup: the theme decides how a block looks.

use super::{
    boilerplate, credits, date, dateline, paragraphs, sections, text, Analysis, Piece, PieceKind,
};
use crate::model::{Block, BlockKind, Credit, Dateline, ListItem, Section, Span};

/// What a block of the body is: story copy, a head, or one of the lines around copy that are
/// not part of it.
enum BodyLine {
    Copyright(String),
    Credits(Vec<Credit>),
    EndMark,
    LinkListHeading,
    Promo,
    Heading,
    Copy,
}

impl BodyLine {
    fn of(piece: &Piece) -> BodyLine {
        match piece.kind {
            PieceKind::Paragraph => {}
            PieceKind::Heading(_) => return BodyLine::Heading,
            _ => return BodyLine::Copy,
        }
        let t = &piece.text;
        if let Some(line) = boilerplate::copyright(t) {
            BodyLine::Copyright(line)
        } else if let Some(credits) = credits::parse_credits(t) {
            BodyLine::Credits(credits)
        } else if boilerplate::is_end_mark(t) {
            BodyLine::EndMark
        } else if boilerplate::is_link_list_heading(t) {
            BodyLine::LinkListHeading
        } else if boilerplate::is_promo(t) {
            BodyLine::Promo
        } else {
            BodyLine::Copy
        }
    }
}

/// A body block from a piece: its kind, text and structure.
pub(super) fn block_from(piece: &Piece) -> Block {
    let kind = match piece.kind {
        PieceKind::List { ordered: false } => BlockKind::List,
        PieceKind::List { ordered: true } => BlockKind::OrderedList,
        PieceKind::Quote => BlockKind::Quote,
        PieceKind::Code => BlockKind::Code,
        PieceKind::Html => BlockKind::Html,
        PieceKind::Paragraph | PieceKind::Heading(_) => BlockKind::Paragraph,
    };
    let items = match kind {
        BlockKind::List | BlockKind::OrderedList if piece.items.is_empty() => piece
            .text
            .lines()
            .map(|line| ListItem {
                text: line
                    .strip_prefix("- ")
                    .or_else(|| paragraphs::numbered(line))
                    .unwrap_or(line)
                    .to_string(),
                spans: Vec::new(),
            })
            .collect(),
        _ => piece.items.clone(),
    };
    Block {
        kind,
        text: piece.text.clone(),
        spans: piece.spans.clone(),
        items,
        html: piece.html.clone(),
    }
}

/// The lede's block with its dateline taken off the text and kept as the first inline run:
/// `rest` is the text after the dateline's dash, `removed` how many bytes of the piece's text
/// came before it.
fn lede_with_dateline(piece: &Piece, dateline: &Dateline, rest: &str, removed: usize) -> Block {
    let mut lede = piece.clone();
    lede.text = rest.to_string();
    let mut runs = vec![Span {
        dateline: true,
        ..Span::plain(dateline.text.clone())
    }];
    if piece.spans.is_empty() {
        runs.push(Span::plain(rest));
    } else {
        runs.extend(drop_leading_text(&piece.spans, removed));
    }
    lede.spans = runs;
    block_from(&lede)
}

/// `spans` without their first `bytes` bytes of text (and the spaces after them).
fn drop_leading_text(spans: &[Span], mut bytes: usize) -> Vec<Span> {
    let mut out = Vec::with_capacity(spans.len());
    let mut trimming = true;
    for span in spans {
        let mut span = span.clone();
        if bytes > 0 {
            let mut cut = bytes.min(span.text.len());
            while !span.text.is_char_boundary(cut) {
                cut -= 1;
            }
            span.text.replace_range(..cut, "");
            bytes = if cut == 0 { 0 } else { bytes - cut };
        }
        if trimming {
            let start = span.text.len() - span.text.trim_start().len();
            span.text.replace_range(..start, "");
            trimming = span.text.is_empty();
        }
        if !span.text.is_empty() {
            out.push(span);
        }
    }
    out
}

/// Gives every heading a stable anchor, unique within the article.
fn assign_anchors(sections: &mut [Section]) {
    let mut used: Vec<String> = Vec::new();
    for (n, section) in sections.iter_mut().enumerate() {
        let Some(heading) = &section.heading else {
            continue;
        };
        let mut base = crate::slug::slugify(heading);
        if base.is_empty() {
            base = format!("section-{}", n + 1);
        }
        let mut anchor = base.clone();
        let mut k = 2;
        while used.contains(&anchor) {
            anchor = format!("{base}-{k}");
            k += 1;
        }
        used.push(anchor.clone());
        section.anchor = Some(anchor);
    }
}

fn new_section(heading: Option<String>) -> Section {
    Section {
        heading,
        anchor: None,
        blocks: Vec::new(),
    }
}

impl Analysis<'_> {
    /// Reads the body: the dateline on the lede, sections, credits, the copyright line.
    /// Pieces from `end.story` on are a web page's footer: its copyright line and credits are
    /// read, and its date lines before `end.dated`, but none of it is story.
    pub(super) fn body(
        &mut self,
        body: &[Piece],
        end: super::footer::StoryEnd,
    ) -> (Vec<Section>, Option<Dateline>) {
        let mut sections = vec![new_section(None)];
        // What each block is, read once: the loop below and the look-ahead both need it.
        let lines: Vec<BodyLine> = body.iter().map(BodyLine::of).collect();
        // Whether story copy follows each block (a head never closes a story).
        let mut copy_after = vec![false; body.len()];
        for n in (0..body.len().saturating_sub(1)).rev() {
            copy_after[n] = copy_after[n + 1] || matches!(lines[n + 1], BodyLine::Copy);
        }
        let mut found_dateline = None;
        let mut ended = false;
        let mut in_link_list = false;
        let mut seen_copy = false;
        for (n, (piece, line)) in body.iter().zip(lines).enumerate() {
            let t = piece.text.as_str();
            let promo = matches!(line, BodyLine::Promo);
            match line {
                BodyLine::Copyright(c) => {
                    self.copyright.get_or_insert(c);
                    continue;
                }
                BodyLine::Credits(credits) => {
                    self.credits.extend(credits);
                    continue;
                }
                BodyLine::EndMark => {
                    // A wire's transmission stamp dates the story it ends, last of all sources.
                    if let Some(value) = date::transmission_date(t) {
                        self.dates.push(date::FoundDate {
                            role: date::DateRole::Published,
                            value,
                        });
                    }
                    ended = true;
                    continue;
                }
                BodyLine::LinkListHeading => {
                    in_link_list = true;
                    continue;
                }
                BodyLine::Promo | BodyLine::Copy | BodyLine::Heading => {}
            }
            if n >= end.story {
                if n < end.dated && piece.kind == PieceKind::Paragraph && !promo {
                    let dates = self.date_line(t);
                    self.dates.extend(dates);
                }
                continue;
            }
            if piece.kind == PieceKind::Paragraph {
                // The links under such a heading are short titles without a full stop.
                if in_link_list {
                    let link_like = !text::longer_than(t, 139) && !t.ends_with(['.', '”', '"']);
                    if link_like {
                        continue;
                    }
                    in_link_list = false;
                }
            }
            if ended {
                continue;
            }
            match piece.kind {
                PieceKind::Heading(_) => {
                    sections.push(new_section(Some(t.to_string())));
                    continue;
                }
                PieceKind::Paragraph => {
                    if promo {
                        continue;
                    }
                    let dates = self.date_line(t);
                    if !dates.is_empty() {
                        self.dates.extend(dates);
                        continue;
                    }
                    if !seen_copy && found_dateline.is_none() {
                        if let Some((d, rest)) = dateline::find_dateline(t) {
                            let removed = t.len() - rest.len();
                            let block = (!rest.is_empty())
                                .then(|| lede_with_dateline(piece, &d, rest, removed));
                            found_dateline = Some(d);
                            let Some(block) = block else {
                                continue;
                            };
                            if let Some(s) = sections.last_mut() {
                                s.blocks.push(block);
                            }
                            seen_copy = true;
                            continue;
                        }
                    }
                    // Markdown marks its heads; plain text's are recognized.
                    if seen_copy && !piece.markdown {
                        let followed_by_copy = copy_after[n];
                        if let Some(h) = sections::heading(t, followed_by_copy) {
                            sections.push(new_section(Some(h)));
                            continue;
                        }
                    }
                }
                _ => {}
            }
            seen_copy = true;
            let block = match boilerplate::without_glued_sign_off(t) {
                // The story is signed off: what follows is the next item on the wire.
                Some(signed) if piece.kind == PieceKind::Paragraph => {
                    ended = true;
                    Block::plain(BlockKind::Paragraph, signed.to_string())
                }
                _ => block_from(piece),
            };
            if let Some(s) = sections.last_mut() {
                s.blocks.push(block);
            }
        }
        sections.retain(|s| s.heading.is_some() || !s.blocks.is_empty());
        assign_anchors(&mut sections);
        (sections, found_dateline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_text_is_dropped_across_runs() {
        let spans = vec![
            Span::plain("LONDON — The "),
            Span {
                emphasis: true,
                ..Span::plain("bank")
            },
            Span::plain(" said."),
        ];
        let got = drop_leading_text(&spans, "LONDON —".len());
        let texts: Vec<&str> = got.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["The ", "bank", " said."]);
        let got = drop_leading_text(&spans, "LONDON — The ".len());
        assert_eq!(got[0].text, "bank");
        assert!(got[0].emphasis);
    }
}
