//! Plain-text copy → blocks: paragraphs found in blank-line separated, one-paragraph-per-line
//! and hard-wrapped copy, bullet and numbered lists kept.

use super::text::collapse_whitespace;
use super::{Piece, PieceKind};

/// A list as the extraction contract writes it: one `- item` (or `N. item`) line per item.
pub fn list_text(items: &[String], ordered: bool) -> String {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let item = collapse_whitespace(item);
            if ordered {
                format!("{}. {item}", i + 1)
            } else {
                format!("- {item}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

struct Line<'a> {
    number: usize,
    indent: usize,
    content: &'a str,
}

impl Line<'_> {
    fn width(&self) -> usize {
        self.indent + self.content.chars().count()
    }
}

/// The marker and text of a bullet line (`- item`, `* item`, `• item`).
fn bullet(content: &str) -> Option<&str> {
    // AFP's subheads sit between dashes ("- Talks resume -"); they are not list items.
    if content.starts_with("- ") && content.ends_with(" -") {
        return None;
    }
    for marker in ["- ", "* ", "• ", "· ", "‣ ", "◦ ", "– ", "▪ ", "●"] {
        if let Some(rest) = content.strip_prefix(marker) {
            let rest = rest.trim_start();
            if !rest.is_empty() {
                return Some(rest);
            }
        }
    }
    None
}

/// The text of a numbered line (`1. item`, `2) item`).
pub fn numbered(content: &str) -> Option<&str> {
    let digits = content.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = &content[digits..];
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?;
    if !rest.starts_with(' ') {
        return None;
    }
    let rest = rest.trim_start();
    (!rest.is_empty()).then_some(rest)
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .chars()
        .last()
        .is_some_and(|c| ".!?:;\"”’)…".contains(c))
}

/// The words no sentence ends on: a line that stops on one carries on below, whatever the
/// next line opens with (`rose to 58 pct in March from` / `41 pct in January.`).
const JOINERS: &[&str] = &[
    "a", "an", "the", "of", "to", "from", "in", "on", "at", "by", "for", "with", "and", "or",
    "than", "into", "as", "vs",
];

fn ends_on_a_joiner(s: &str) -> bool {
    s.split_whitespace()
        .last()
        .is_some_and(|w| JOINERS.contains(&w))
}

fn first_word_width(s: &str) -> usize {
    s.split_whitespace().next().map_or(0, |w| w.chars().count())
}

/// Hard-wrapped copy keeps every line within a fixed width, and most lines come close to it.
/// Web copy has one long line per paragraph, so its widest line is far beyond any terminal.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let widths: Vec<usize> = lines.iter().map(Line::width).collect();
    let widest = *widths.iter().max()?;
    if widths.len() < 5 || !(40..=100).contains(&widest) {
        return None;
    }
    let near_full: Vec<&Line> = lines
        .iter()
        .filter(|l| l.width() * 4 >= widest * 3)
        .collect();
    // Wrapped lines mostly end in the middle of a sentence; one-paragraph-per-line copy ends
    // nearly every line with a full stop.
    let mid_sentence = near_full
        .iter()
        .filter(|l| !ends_sentence(l.content))
        .count();
    (near_full.len() * 5 >= widths.len() * 2 && mid_sentence * 2 > near_full.len())
        .then_some(widest)
}

/// How a text lays out its paragraphs.
struct Layout {
    /// The width hard-wrapped copy is wrapped to.
    wrap: Option<usize>,
    /// Whether paragraphs open with an indented line and carry on flush left, as 1980s wire
    /// copy sets them.
    indented_openers: bool,
}

/// Whether the copy indents the first line of each paragraph and sets the rest flush left:
/// both kinds of line are common.
fn indented_openers(lines: &[Line]) -> bool {
    let indented = lines.iter().filter(|l| (2..=8).contains(&l.indent)).count();
    let flush = lines.iter().filter(|l| l.indent == 0).count();
    indented >= 2 && flush >= 2
}

/// Splits plain-text copy into blocks. `first_line` is the 1-based line number of `body`'s
/// first line in the seed, so diagnostics can point at the right line.
pub fn pieces(body: &str, first_line: usize) -> Vec<Piece> {
    let lines: Vec<Line> = body
        .lines()
        .enumerate()
        .map(|(i, raw)| {
            let content = raw.trim_start();
            let indent = raw[..raw.len() - content.len()]
                .chars()
                .map(|c| if c == '\t' { 4 } else { 1 })
                .sum();
            Line {
                number: first_line + i,
                indent,
                content: content.trim_end(),
            }
        })
        .collect();
    let non_blank: Vec<Line> = lines
        .iter()
        .filter(|l| !l.content.is_empty())
        .map(|l| Line { ..*l })
        .collect();
    let layout = Layout {
        wrap: wrap_width(&non_blank),
        indented_openers: indented_openers(&non_blank),
    };

    let mut out: Vec<Piece> = Vec::new();
    let mut group: Vec<&Line> = Vec::new();
    for line in &lines {
        if line.content.is_empty() {
            split_group(&group, &layout, &mut out);
            group.clear();
        } else {
            group.push(line);
        }
    }
    split_group(&group, &layout, &mut out);
    merge_adjacent_lists(out)
}

/// A paragraph or list being assembled from lines.
struct Pending {
    kind: PieceKind,
    line: usize,
    indent: usize,
    items: Vec<String>,
}

impl Pending {
    fn finish(self, out: &mut Vec<Piece>) {
        let text = match self.kind {
            PieceKind::List { ordered } => list_text(&self.items, ordered),
            _ => collapse_whitespace(&self.items.concat()),
        };
        let text = match super::tickers::clean(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(cleaned) => cleaned,
        };
        if !text.is_empty() {
            out.push(Piece {
                indent: self.indent,
                ..Piece::plain(self.kind, text, self.line)
            });
        }
    }
}

fn join_line(buffer: &mut String, next: &str) {
    // A word broken at the wrap with a hyphen ("US-" / "China") joins without a space.
    let hyphen_break =
        buffer.ends_with('-') && buffer.chars().rev().nth(1).is_some_and(char::is_alphabetic);
    if !buffer.is_empty() && !hyphen_break {
        buffer.push(' ');
    }
    buffer.push_str(next);
}

/// Splits one blank-line separated group of lines into paragraphs and lists.
fn split_group(group: &[&Line], layout: &Layout, out: &mut Vec<Piece>) {
    if group.is_empty() {
        return;
    }
    let base_indent = group.iter().map(|l| l.indent).min().unwrap_or(0);
    let numbered_run = group
        .iter()
        .filter(|l| numbered(l.content).is_some())
        .count()
        >= 2;
    let mut pending: Option<Pending> = None;

    for (i, line) in group.iter().enumerate() {
        let item = bullet(line.content)
            .map(|t| (false, t))
            .or_else(|| numbered_run.then(|| numbered(line.content).map(|t| (true, t)))?);
        if let Some((ordered, text)) = item {
            let kind = PieceKind::List { ordered };
            match &mut pending {
                Some(p) if p.kind == kind => p.items.push(text.to_string()),
                _ => {
                    if let Some(p) = pending.take() {
                        p.finish(out);
                    }
                    pending = Some(Pending {
                        kind,
                        line: line.number,
                        indent: line.indent,
                        items: vec![text.to_string()],
                    });
                }
            }
            continue;
        }
        let previous = i.checked_sub(1).map(|j| group[j]);
        let continues = match (&mut pending, previous) {
            (Some(p), Some(prev)) => continues_previous(p, prev, line, base_indent, layout),
            _ => false,
        };
        if continues {
            if let Some(p) = &mut pending {
                if let Some(last) = p.items.last_mut() {
                    join_line(last, line.content);
                }
            }
        } else {
            if let Some(p) = pending.take() {
                p.finish(out);
            }
            pending = Some(Pending {
                kind: PieceKind::Paragraph,
                line: line.number,
                indent: line.indent,
                items: vec![line.content.to_string()],
            });
        }
    }
    if let Some(p) = pending {
        p.finish(out);
    }
}

/// Whether `line` carries on the paragraph or list item that `prev` belongs to.
fn continues_previous(
    pending: &Pending,
    prev: &Line,
    line: &Line,
    base_indent: usize,
    layout: &Layout,
) -> bool {
    let starts_lower = line.content.chars().next().is_some_and(char::is_lowercase);
    if super::boilerplate::is_end_mark(line.content) {
        return false;
    }
    match (pending.kind, layout.wrap) {
        (PieceKind::List { .. }, _) => {
            line.indent > base_indent || (starts_lower && !ends_sentence(prev.content))
        }
        (_, Some(width)) => {
            if line.indent > base_indent && line.indent > prev.indent {
                return false; // an indented first line opens a new paragraph
            }
            // Two lines in a row indented as paragraphs open: the first was a paragraph of one
            // line, as the rows of a wire story's table of figures are.
            if layout.indented_openers && line.indent > 0 && line.indent == prev.indent {
                return false;
            }
            // The previous line ended early: the next word would have fitted, so the writer
            // broke the line on purpose.
            let room_left = prev.width() + 1 + first_word_width(line.content) <= width;
            !room_left
                || (!ends_sentence(prev.content)
                    && (starts_lower || ends_on_a_joiner(prev.content)))
        }
        // Only a line of prose carries on: a page's short widget labels ("Share", "close
        // panel") are lines of their own.
        (_, None) => {
            (starts_lower || ends_on_a_joiner(prev.content))
                && !ends_sentence(prev.content)
                && prev.content.split_whitespace().count() >= 6
                && !line.content.starts_with("by ")
                && !line.content.starts_with("by:")
        }
    }
}

/// Lists whose items were separated by blank lines come out as one list; a lone numbered line
/// between paragraphs stays a paragraph (it is usually a numbered section head).
fn merge_adjacent_lists(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        let piece = &pieces[i];
        // Runs of single numbered paragraphs ("1. a" / "2. b" with blank lines between).
        if piece.kind == PieceKind::Paragraph && numbered(&piece.text).is_some() {
            let run = pieces[i..]
                .iter()
                .take_while(|p| p.kind == PieceKind::Paragraph && numbered(&p.text).is_some())
                .count();
            if run >= 2 {
                let items: Vec<String> = pieces[i..i + run]
                    .iter()
                    .enumerate()
                    .map(|(n, p)| format!("{}. {}", n + 1, numbered(&p.text).unwrap_or_default()))
                    .collect();
                out.push(Piece::plain(
                    PieceKind::List { ordered: true },
                    items.join("\n"),
                    piece.line,
                ));
                i += run;
                continue;
            }
        }
        match out.last_mut() {
            Some(last)
                if last.kind == piece.kind && matches!(piece.kind, PieceKind::List { .. }) =>
            {
                last.text.push('\n');
                last.text.push_str(&piece.text);
            }
            _ => out.push(piece.clone()),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<String> {
        pieces(body, 1).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn blank_line_paragraphs() {
        assert_eq!(texts("One.\n\nTwo  words.\n"), ["One.", "Two words."]);
    }

    #[test]
    fn a_line_that_stops_on_a_preposition_goes_on() {
        let body = "NOTE: 1986 loss includes writedown of 2,150,000 dlrs on idle rigs. Utilization rose from\n41 pct in January.\nReuter\n";
        assert_eq!(
            texts(body)[0],
            "NOTE: 1986 loss includes writedown of 2,150,000 dlrs on idle rigs. Utilization rose from 41 pct in January."
        );
    }

    #[test]
    fn one_paragraph_per_line() {
        let body = "The first paragraph is long enough to be a paragraph of a story on a web page and then some more words.\nThe second paragraph follows without a blank line between them, as web copy often is pasted.\n";
        assert_eq!(texts(body).len(), 2);
    }

    #[test]
    fn hard_wrapped_with_indented_paragraphs() {
        let body = "\
   WASHINGTON (AP) -- The House voted Tuesday to approve a spending
bill that had stalled for weeks, sending the measure to the Senate
where its fate remained unclear.
   The vote was 231-190, largely along party lines, after a debate
that stretched late into the night and left both sides weary of the
fight over the budget.
   ``We did our job,'' the speaker said.
";
        let got = texts(body);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0].starts_with("WASHINGTON (AP) -- The House voted"));
        assert!(got[0].ends_with("remained unclear."));
        assert!(got[1].contains("debate that stretched"));
    }

    #[test]
    fn hard_wrapped_with_blank_lines_and_short_last_lines() {
        let body = "\
The council met on Monday to decide the future of the old harbour
bridge, which has been closed to traffic since the spring floods.

Engineers told members that repairs would take two years.

Residents packed the public gallery and several spoke against the
plan to demolish the bridge and build a new one further upstream.
";
        let got = texts(body);
        assert_eq!(got.len(), 3, "{got:?}");
    }

    #[test]
    fn bullets_become_one_list() {
        let got = pieces(
            "Key points:\n\n- First point\n- Second point\n\n- Third point\n",
            1,
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].kind, PieceKind::List { ordered: false });
        assert_eq!(got[1].text, "- First point\n- Second point\n- Third point");
    }

    #[test]
    fn lone_numbered_line_stays_a_paragraph() {
        let got = pieces(
            "1. China’s Reception\n\nA meeting with Xi is possible.\n",
            1,
        );
        assert_eq!(got[0].kind, PieceKind::Paragraph);
        let got = pieces("1. Apples\n2. Pears\n", 1);
        assert_eq!(got[0].text, "1. Apples\n2. Pears");
    }
}
