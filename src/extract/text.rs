//! Plain-text copy → blocks: line endings and stray characters cleaned, paragraphs found in
//! blank-line separated, one-paragraph-per-line and hard-wrapped copy, bullet lists kept.

use super::{Piece, PieceKind};

/// Normalises what pasting and old systems leave in copy: CRLF and CR line ends, NUL and other
/// control characters, non-breaking and zero-width spaces, a byte-order mark, trailing blanks.
/// Every line of the result ends in `\n`.
///
/// Copy is mostly printable ASCII, which needs no change, so runs of it are copied whole and
/// only the bytes around them are looked at one by one.
pub fn normalize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 1);
    let mut line_start = 0;
    let end_line = |out: &mut String, line_start: &mut usize| {
        let kept = out[*line_start..].trim_end().len();
        out.truncate(*line_start + kept);
        out.push('\n');
        *line_start = out.len();
    };
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let run = crate::bytes::position(&bytes[i..], |b| !(0x20..0x7f).contains(&b))
            .map_or(bytes.len(), |n| i + n);
        out.push_str(&raw[i..run]);
        i = run;
        let Some(c) = raw[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        match c {
            '\r' => {
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                end_line(&mut out, &mut line_start);
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => end_line(&mut out, &mut line_start),
            '\t' => out.push(c),
            '\u{a0}' | '\u{2007}' | '\u{202f}' => out.push(' '),
            '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{ad}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    if out.len() > line_start {
        end_line(&mut out, &mut line_start);
    }
    out
}

/// Collapses every run of whitespace to one space, and drops it at both ends. Runs of printable
/// ASCII are copied whole; only the bytes between them are looked at one by one.
pub fn collapse_whitespace(s: &str) -> String {
    if is_collapsed(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let add_word = |out: &mut String, word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    let bytes = s.as_bytes();
    let mut word_start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let plain = bytes[i..]
            .iter()
            .position(|&b| b <= b' ' || !b.is_ascii())
            .unwrap_or(bytes.len() - i);
        if plain > 0 {
            word_start.get_or_insert(i);
            i += plain;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or_default();
        if !c.is_whitespace() {
            word_start.get_or_insert(i);
        } else if let Some(start) = word_start.take() {
            add_word(&mut out, &s[start..i]);
        }
        i += c.len_utf8();
    }
    if let Some(start) = word_start {
        add_word(&mut out, &s[start..]);
    }
    out
}

/// Whether `s` is already as [`collapse_whitespace`] leaves it, as most paragraphs joined from
/// their lines are: printable ASCII with single spaces between words and none at either end.
/// The search for two spaces in a row is the standard library's.
fn is_collapsed(s: &str) -> bool {
    !s.starts_with(' ')
        && !s.ends_with(' ')
        && crate::bytes::position(s.as_bytes(), |b| !(b' '..=b'~').contains(&b)).is_none()
        && !s.contains("  ")
}

/// Whether `s` has more than `n` characters, answered from the byte length where it can be:
/// the limits that tell a head or a credit line from copy are asked of every paragraph.
pub fn longer_than(s: &str, n: usize) -> bool {
    // A character takes one to four bytes, so only a text of n + 1 to 4n bytes is counted.
    // Counting it whole is quicker than stepping to the limit: the standard library counts a
    // word of bytes at a time.
    s.len() > n && (s.len() > 4 * n || s.chars().count() > n)
}

/// The number of words in `s`: what `s.split_whitespace().count()` says, several times
/// faster. It is asked of every story's whole text, which is nearly all ASCII: runs of 32 ASCII
/// bytes are classified at once as a mask of spaces, and only other characters are decoded.
pub fn word_count(s: &str) -> usize {
    const RUN: usize = 32;
    let bytes = s.as_bytes();
    let mut words = 0;
    let mut after_space = true;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(run) = bytes.get(i..i + RUN).filter(|run| run.is_ascii()) {
            let spaces = run.iter().enumerate().fold(0u32, |mask, (k, &b)| {
                mask | (u32::from(is_ascii_space(b)) << k)
            });
            // A word starts at each byte that is not a space and follows one.
            let follows_space = (spaces << 1) | u32::from(after_space);
            words += (!spaces & follows_space).count_ones() as usize;
            after_space = spaces >> (RUN - 1) == 1;
            i += RUN;
            continue;
        }
        let (space, len) = match bytes[i] {
            b @ 0..0x80 => (is_ascii_space(b), 1),
            _ => {
                let c = s[i..].chars().next().unwrap_or_default();
                (c.is_whitespace(), c.len_utf8())
            }
        };
        words += usize::from(!space && after_space);
        after_space = space;
        i += len;
    }
    words
}

/// The ASCII characters `char::is_whitespace` accepts: tab, line feed, vertical tab, form
/// feed, carriage return and space.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

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
    let wrap = wrap_width(&non_blank);

    let mut out: Vec<Piece> = Vec::new();
    let mut group: Vec<&Line> = Vec::new();
    for line in &lines {
        if line.content.is_empty() {
            split_group(&group, wrap, &mut out);
            group.clear();
        } else {
            group.push(line);
        }
    }
    split_group(&group, wrap, &mut out);
    merge_adjacent_lists(out)
}

/// A paragraph or list being assembled from lines.
struct Pending {
    kind: PieceKind,
    line: usize,
    items: Vec<String>,
}

impl Pending {
    fn finish(self, out: &mut Vec<Piece>) {
        let text = match self.kind {
            PieceKind::List { ordered } => list_text(&self.items, ordered),
            _ => collapse_whitespace(&self.items.concat()),
        };
        if !text.is_empty() {
            out.push(Piece::plain(self.kind, text, self.line));
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
fn split_group(group: &[&Line], wrap: Option<usize>, out: &mut Vec<Piece>) {
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
                        items: vec![text.to_string()],
                    });
                }
            }
            continue;
        }
        let previous = i.checked_sub(1).map(|j| group[j]);
        let continues = match (&mut pending, previous) {
            (Some(p), Some(prev)) => continues_previous(p, prev, line, base_indent, wrap),
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
    wrap: Option<usize>,
) -> bool {
    let starts_lower = line.content.chars().next().is_some_and(char::is_lowercase);
    if super::boilerplate::is_end_mark(line.content) {
        return false;
    }
    match (pending.kind, wrap) {
        (PieceKind::List { .. }, _) => {
            line.indent > base_indent || (starts_lower && !ends_sentence(prev.content))
        }
        (_, Some(width)) => {
            if line.indent > base_indent && line.indent > prev.indent {
                return false; // an indented first line opens a new paragraph
            }
            // The previous line ended early: the next word would have fitted, so the writer
            // broke the line on purpose.
            let room_left = prev.width() + 1 + first_word_width(line.content) <= width;
            !room_left || (starts_lower && !ends_sentence(prev.content))
        }
        (_, None) => starts_lower && !ends_sentence(prev.content),
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

    #[test]
    fn word_count_agrees_with_split_whitespace() {
        let parts = [
            "word",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\u{0B}",
            "\u{0C}",
            "\u{85}",
            "\u{A0}",
            "\u{2003}",
            "\u{3000}",
            "\u{2028}",
            "\u{200B}",
            "é",
            "—",
            "日本",
            "x",
            "\u{1F600}",
        ];
        let ascii = ["w", "word", " ", "  ", "\t", "\n", "\u{0B}", "\u{0C}", "\r"];
        let texts = crate::testing::strings_of(&parts, 20_000, 12)
            .into_iter()
            .chain(crate::testing::strings_of(&ascii, 5_000, 60))
            // Runs of ASCII longer than 32 bytes, broken by other characters.
            .chain(crate::testing::strings_of(
                &["word ".repeat(7).as_str(), "é", "\u{A0}", " x"],
                2_000,
                12,
            ));
        for text in texts {
            assert_eq!(
                word_count(&text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count(" Two\u{A0}words "), 2);
    }

    /// The plain forms of [`normalize`] and [`collapse_whitespace`], which the fast ones must
    /// match on any input.
    fn normalize_plainly(raw: &str) -> String {
        let mut out = String::with_capacity(raw.len());
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push('\n');
                }
                '\n' | '\t' => out.push(c),
                '\u{a0}' | '\u{2007}' | '\u{202f}' => out.push(' '),
                '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
                '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{ad}' => {}
                c if c.is_control() => {}
                c => out.push(c),
            }
        }
        let mut trimmed = String::with_capacity(out.len());
        for line in out.lines() {
            trimmed.push_str(line.trim_end());
            trimmed.push('\n');
        }
        trimmed
    }

    fn collapse_plainly(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Strings drawn from the characters the cleaners treat specially, and ordinary ones.
    fn awkward_strings() -> Vec<String> {
        const PARTS: &[&str] = &[
            "a", "Word", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{0}", "\u{7}", "\u{7f}", "\u{85}",
            "\u{a0}", "\u{ad}", "\u{200b}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{3000}",
            "\u{feff}", "\u{b}", "\u{c}", "é", "—", "日本", "\u{1680}", "\u{9f}",
        ];
        let mut strings: Vec<String> = PARTS.iter().map(|p| p.to_string()).collect();
        strings.extend(crate::testing::strings_of(PARTS, 5_000, 11));
        strings
    }

    #[test]
    fn longer_than_counts_characters_not_bytes() {
        for s in awkward_strings() {
            for n in 0..14 {
                assert_eq!(longer_than(&s, n), s.chars().count() > n, "{s:?} {n}");
            }
        }
    }

    #[test]
    fn fast_cleaners_match_the_plain_ones() {
        for s in awkward_strings() {
            assert_eq!(normalize(&s), normalize_plainly(&s), "normalize {s:?}");
            assert_eq!(
                collapse_whitespace(&s),
                collapse_plainly(&s),
                "collapse {s:?}"
            );
        }
    }

    fn texts(body: &str) -> Vec<String> {
        pieces(body, 1).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn normalizes_line_ends_and_stray_characters() {
        assert_eq!(
            normalize("a\r\nb\rc\u{0}\u{feff}d\u{a0}e  \n"),
            "a\nb\ncd e\n"
        );
    }

    #[test]
    fn blank_line_paragraphs() {
        assert_eq!(texts("One.\n\nTwo  words.\n"), ["One.", "Two words."]);
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
