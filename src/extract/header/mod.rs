//! The header zone of plain-text copy: everything between the top of the copy and the first
//! paragraph of the story, read as one thing.
//!
//! Each line is first read on its own ([`cue`]): furniture, a caption, a byline or date line, a
//! dateline, or text. The neighbours then decide the rest. The story opens at the first line
//! of prose that is followed by more story and comes after a headline; the headline is the
//! title-like line just above the byline and date lines (or, without them, just above the
//! story), not a one-word label or a navigation item before it; a second title-like line under
//! it is the dek; a run of several is a box of highlights. Bylines and dates are those of the
//! header's metadata lines, wherever they sit around the headline.

mod cue;
mod furniture;

use chrono_tz::Tz;

use super::date::FoundDate;
use super::{text, Piece, PieceKind};
use cue::{classify, Cue};

pub use furniture::{is_bio, is_furniture};

/// The names and dates of one line of header metadata read on its own (`By Jane Doe - Jan 9,
/// 2017 at 10:05AM`, `Jane DoeStaff Writer`), as the header zone reads it; `None` for a line
/// that is not a byline or date line. For readers of copy that opens with its headline, so
/// that they read a header line as a copied page's header reads it.
pub fn read_meta_line(line: &str, zone: Tz) -> Option<(Vec<String>, Vec<FoundDate>)> {
    cue::meta_line(line, zone)
}

/// How many pieces from the top the header zone may take: real pages put a long menu above
/// the story, but the story always starts well before this.
const MAX_ZONE_PIECES: usize = 150;

/// The fewest words of a line of prose that opens a story without a dateline.
const MIN_LEDE_WORDS: usize = 16;

/// The fewest words of a lede that need not end its sentence on the line (a paragraph cut at a
/// link, say).
const MIN_UNENDED_LEDE_WORDS: usize = 30;

/// A header line with fewer words than this is a label or a navigation item, not a headline,
/// when a longer line follows it.
const MIN_HEADLINE_WORDS: usize = 4;

/// The fewest words of a headline that opens the copy: fewer, and it is a section label.
const MIN_TOP_HEADLINE_WORDS: usize = 2;

/// The longest line taken for a headline: a longer one is the story's first paragraph.
const MAX_HEADLINE_CHARS: usize = 200;

/// The fewest words after a dateline that open the story: fewer, and the line is a byline
/// with its date (`MARTIN VELASQUEZ - 12/16/2016, 12:21 PM`).
const MIN_DATELINE_LEDE_WORDS: usize = 6;

/// The furniture lines above the story that mark a copied web page.
const MIN_WEB_FURNITURE: usize = 3;

/// The most highlights a box above the story holds.
const MAX_HIGHLIGHTS: usize = 6;

/// The most words of a tag under a tags label (`Seattle Kraken`).
const MAX_TAG_WORDS: usize = 5;

/// What the header zone holds.
#[derive(Debug, Default)]
pub struct HeaderZone {
    /// The piece that is the headline, if the copy has one above the story.
    pub headline: Option<usize>,
    pub dek: Option<usize>,
    /// The first piece of the story.
    pub body_start: usize,
    pub bylines: Vec<String>,
    pub dates: Vec<FoundDate>,
    /// Whether the header holds a web page's furniture, so the copy ends in a page's footer.
    pub web_page: bool,
}

/// A line's shape as prose: its word count and whether it ends a sentence.
fn words(piece: &Piece) -> usize {
    text::word_count(&piece.text)
}

/// Whether `s` ends a sentence, inside a closing quote or not (`…said.”`, but not a
/// headline's `…'for a sandwich'`).
fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end();
    let unquoted = s.trim_end_matches(['"', '”', '’', '\'']);
    unquoted.ends_with(['.', '!', '?']) || (unquoted.len() < s.len() && unquoted.ends_with(','))
}

/// The cues of the header zone, with what the neighbours settle: lines under a highlights
/// label are highlights (furniture here), a line above a credit is a caption, a bare name among
/// metadata or under the headline is a byline.
/// A line that is all one bracket: `(Pilar Sandoval / Los Angeles Times)`, a credit under its
/// caption.
fn is_bracketed(line: &str) -> bool {
    let line = line.trim();
    line.starts_with('(') && line.ends_with(')')
}

/// A credit whose label says it credits the line above (`Credit: UkNewsInPictures`), which a
/// caption without a full stop may stand over; `Photo: Jane Doe` may instead open a caption.
fn credits_above(line: &str) -> bool {
    let line = line.trim_start();
    line.get(..7)
        .is_some_and(|label| label.eq_ignore_ascii_case("credit:"))
}

fn cues(pieces: &[Piece], zone: Tz) -> Vec<Cue> {
    let mut cues: Vec<Cue> = pieces.iter().map(|p| classify(p, zone)).collect();
    // The masthead at the top of a copied page, printed again under the writer's name
    // (`Detroit Free Press`), is the outlet, not a second writer.
    if let Some(masthead) = pieces.first().map(|p| p.text.trim()) {
        for (piece, cue) in pieces.iter().zip(cues.iter_mut()).skip(1) {
            if matches!(cue, Cue::BareName(_)) && piece.text.trim() == masthead {
                *cue = Cue::Furniture;
            }
        }
    }
    for i in 0..cues.len() {
        match cues[i] {
            Cue::HighlightsLabel => {
                for j in i + 1..cues.len().min(i + 1 + MAX_HIGHLIGHTS) {
                    let highlight =
                        cues[j] == Cue::Text && words(&pieces[j]) < MIN_UNENDED_LEDE_WORDS;
                    if !highlight {
                        break;
                    }
                    cues[j] = Cue::Furniture;
                }
            }
            Cue::TagsLabel => {
                cues[i] = Cue::Furniture;
                for j in i + 1..cues.len().min(i + 1 + MAX_HIGHLIGHTS) {
                    let tag = matches!(cues[j], Cue::Text | Cue::BareName(_) | Cue::Role)
                        && words(&pieces[j]) <= MAX_TAG_WORDS
                        && !ends_sentence(&pieces[j].text);
                    if !tag {
                        break;
                    }
                    cues[j] = Cue::Furniture;
                }
            }
            // "Image caption," on its own line: the caption is the next.
            Cue::Caption
                if pieces[i]
                    .text
                    .trim_end_matches([',', ':'])
                    .ends_with("caption")
                    && cues.get(i + 1) == Some(&Cue::Text) =>
            {
                cues[i + 1] = Cue::Caption;
            }
            // "Photo caption" / "Jane Doe/Getty Images": the credit names the line above, unless
            // a label opens the credit (`Photo: Jane Doe`), which then stands under the
            // headline with its caption after it.
            Cue::Caption
                if i > 0
                    && cues[i - 1] == Cue::Text
                    && (furniture::is_credit_line(&pieces[i].text)
                        || is_bracketed(&pieces[i].text))
                    && (ends_sentence(&pieces[i - 1].text)
                        || !furniture::is_labelled_credit(&pieces[i].text)
                        || credits_above(&pieces[i].text)) =>
            {
                cues[i - 1] = Cue::Caption;
            }
            // `Glasshouse Choir` over `Photo by Hana Moreau` under the byline: a name over a
            // photo's credit is what the photo shows, once the story has its byline.
            Cue::Caption
                if i > 0
                    && matches!(cues[i - 1], Cue::BareName(_))
                    && furniture::is_credit_line(&pieces[i].text)
                    && cues[..i - 1].iter().any(|c| {
                        *c == Cue::ByAlone
                            || matches!(c, Cue::Meta { names, .. } if !names.is_empty())
                    }) =>
            {
                cues[i - 1] = Cue::Caption;
            }
            _ => {}
        }
    }
    settle_roles_and_credits(pieces, &mut cues);
    captions_between_credit_and_byline(pieces, &mut cues);
    names_in_capitals_over_a_date(pieces, &mut cues);
    // A line set apart by a leading space between flush lines is a caption (the Guardian's,
    // the Herald's); in copy that indents every paragraph the indent means nothing.
    for i in 1..cues.len().saturating_sub(1) {
        let apart = pieces[i].indent > 0 && pieces[i - 1].indent == 0 && pieces[i + 1].indent == 0;
        if apart && cues[i] == Cue::Text {
            cues[i] = Cue::Caption;
        }
    }
    cues
}

/// A role line is part of the byline above it, or else a menu's section name; a bare name
/// between a sentence and the story is the credit of a photo whose caption is that sentence.
fn settle_roles_and_credits(pieces: &[Piece], cues: &mut [Cue]) {
    for i in 0..cues.len() {
        let before = (0..i).rev().find(|&j| cues[j] != Cue::Furniture);
        match cues[i] {
            Cue::Role => {
                let under_byline = before.is_some_and(|j| {
                    matches!(&cues[j], Cue::Meta { names, .. } if !names.is_empty())
                        || matches!(cues[j], Cue::BareName(_) | Cue::Role | Cue::ByAlone)
                });
                // `Guest columnist` over `Rita Chen`: the role set above the name.
                let over_name = matches!(cues.get(i + 1), Some(Cue::BareName(_)));
                cues[i] = if under_byline || over_name {
                    Cue::Meta {
                        names: Vec::new(),
                        dates: Vec::new(),
                    }
                } else {
                    Cue::Text
                };
            }
            Cue::BareName(_) if i > 0 && cues[i - 1] == Cue::Text => {
                let caption = &pieces[i - 1];
                // The story follows the credit; a short line after the name (`BIRN`, a role)
                // makes it a byline under a dek instead.
                let story_next = match cues.get(i + 1) {
                    Some(Cue::Dateline) => true,
                    Some(Cue::Text) => words(&pieces[i + 1]) >= 8,
                    _ => false,
                };
                let credit = ends_sentence(&caption.text) && words(caption) >= 8 && story_next;
                if credit {
                    cues[i - 1] = Cue::Caption;
                    cues[i] = Cue::Caption;
                }
            }
            _ => {}
        }
    }
}

/// `Photo: Jane Roe / Staff` over `Homes stand empty on a street near the bayou.` over `By Sam
/// Ortiz`: a sentence between a photo's credit and the byline is the photo's caption, not the
/// headline (the story's lede comes after its byline, so none is lost).
fn captions_between_credit_and_byline(pieces: &[Piece], cues: &mut [Cue]) {
    for i in 1..cues.len() {
        if cues[i] != Cue::Text || words(&pieces[i]) < 8 || !ends_sentence(&pieces[i].text) {
            continue;
        }
        let credit_above = (0..i)
            .rev()
            .find(|&j| cues[j] != Cue::Furniture)
            .is_some_and(|j| cues[j] == Cue::Caption);
        let byline_below = next_meaningful(cues, i).is_some_and(|(_, c)| {
            matches!(c, Cue::ByAlone | Cue::BareName(_))
                || matches!(c, Cue::Meta { names, .. } if !names.is_empty())
        });
        if credit_above && byline_below {
            cues[i] = Cue::Caption;
        }
    }
}

/// `LIAM DORSETT-KANE` over `MAR 14, 2023 7:12 PM EDT`, `KENJI ARIMURA and SAYAKA TOMINAGA,
/// Nikkei staff writers` over `April 5, 2023 18:02 JST`: names in capitals alone on their line,
/// under the headline or dek and right over the line that dates the story, are its byline
/// (elsewhere a line in capitals is as likely a kicker or a shouted headline).
fn names_in_capitals_over_a_date(pieces: &[Piece], cues: &mut [Cue]) {
    let date_only =
        |c: &Cue| matches!(c, Cue::Meta { names, dates } if names.is_empty() && !dates.is_empty());
    for i in 1..cues.len().saturating_sub(1) {
        let line = pieces[i].text.trim();
        let names_part = line.split(',').next().unwrap_or(line);
        let in_capitals = names_part.chars().any(char::is_alphabetic)
            && !names_part
                .split_whitespace()
                .filter(|w| *w != "and")
                .any(|w| w.chars().any(char::is_lowercase));
        let under_text = (0..i)
            .rev()
            .find(|&j| cues[j] != Cue::Furniture)
            .is_some_and(|j| cues[j] == Cue::Text);
        // `NEW DELHI` over the date is where the story was filed.
        let a_place = super::zones::zone_of_place(line).is_some();
        if cues[i] != Cue::Text
            || !in_capitals
            || a_place
            || !date_only(&cues[i + 1])
            || !under_text
        {
            continue;
        }
        if let Some(names) = super::byline::parse_byline(&format!("By {line}"), true) {
            if !names.is_empty() {
                cues[i] = Cue::Meta {
                    names,
                    dates: Vec::new(),
                };
            }
        }
    }
}

/// Whether a bare name at `i` is a byline: next to metadata or under a line of text (the
/// headline or dek), not a credit under a caption.
fn bare_name_is_byline(pieces: &[Piece], cues: &[Cue], i: usize) -> bool {
    let date_only = |c: &Cue| matches!(c, Cue::Meta { names, .. } if names.is_empty());
    let before = (0..i)
        .rev()
        .find(|&j| cues[j] != Cue::Furniture && !date_only(&cues[j]));
    // A bio or a date follows its author's byline, perhaps past a widget (`3 min read`).
    let meta_after = cues[i + 1..]
        .iter()
        .find(|c| **c != Cue::Furniture)
        .is_some_and(|c| c.is_meta() || *c == Cue::Bio);
    match before.map(|j| (j, &cues[j])) {
        // The first words of the copy are its headline, however much they look like a name.
        None => false,
        // Under a headline or dek; not among menu items.
        Some((j, Cue::Text)) => words(&pieces[j]) >= MIN_HEADLINE_WORDS || meta_after,
        // Among other bylines.
        Some((_, Cue::Meta { .. } | Cue::BareName(_) | Cue::ByAlone | Cue::Role)) => true,
        Some(_) => meta_after,
    }
}

/// The next cue after `i` that is not furniture or a caption.
fn next_meaningful(cues: &[Cue], i: usize) -> Option<(usize, &Cue)> {
    cues.iter()
        .enumerate()
        .skip(i + 1)
        .find(|(_, c)| !matches!(c, Cue::Furniture | Cue::Caption | Cue::Bio))
}

/// Whether the story can open at `i`: a dateline, or a long line of prose followed by more
/// story rather than by a byline or a dateline (then it is a dek or a caption).
fn opens_story(pieces: &[Piece], cues: &[Cue], i: usize) -> bool {
    match &cues[i] {
        Cue::Dateline => true,
        Cue::Text => {
            let n = words(&pieces[i]);
            // Without a full stop, only a line too long for a headline is a lede.
            let prose = (n >= MIN_LEDE_WORDS && ends_sentence(&pieces[i].text))
                || (n >= MIN_UNENDED_LEDE_WORDS
                    && text::longer_than(&pieces[i].text, MAX_HEADLINE_CHARS));
            prose
                && match next_meaningful(cues, i) {
                    None => true,
                    // More story: a paragraph, or a short sentence (`He declined to
                    // comment.`), not a label or a menu item.
                    Some((j, Cue::Text)) => {
                        let n = words(&pieces[j]);
                        n >= 8 || (n >= 3 && ends_sentence(&pieces[j].text))
                    }
                    Some(_) => false,
                }
        }
        _ => false,
    }
}

/// A run of consecutive lines of text above the story: where the headline is.
#[derive(Debug)]
struct Run {
    start: usize,
    end: usize,
    /// Whether a byline or date line follows the run before the next run or the story.
    meta_after: bool,
}

/// Whether a text line can stand in a headline's run: not a paragraph of several sentences.
fn headline_like(piece: &Piece) -> bool {
    if text::longer_than(&piece.text, MAX_HEADLINE_CHARS) {
        return false;
    }
    let n = words(piece);
    let sentences = piece.text.matches(". ").count() + usize::from(ends_sentence(&piece.text));
    (1..=60).contains(&n) && sentences <= 2 && !piece.text.ends_with([':', ','])
}

/// Whether the line at `i` can be part of a headline's run: text, or a title-cased line that
/// reads like a name but is no byline where it stands.
fn in_headline_run(pieces: &[Piece], cues: &[Cue], i: usize) -> bool {
    let text = match cues[i] {
        Cue::Text => true,
        Cue::BareName(_) => !bare_name_is_byline(pieces, cues, i),
        _ => false,
    };
    text && headline_like(&pieces[i])
}

/// The runs of text above `body`, nearest first.
fn runs_before(pieces: &[Piece], cues: &[Cue], body: usize) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut meta_seen = false;
    let mut i = body;
    while i > 0 {
        i -= 1;
        let in_run = in_headline_run(pieces, cues, i);
        if !in_run {
            meta_seen |= matches!(cues[i], Cue::Meta { .. } | Cue::ByAlone)
                || (matches!(cues[i], Cue::BareName(_)) && bare_name_is_byline(pieces, cues, i));
            continue;
        }
        let end = i;
        while i > 0 && in_headline_run(pieces, cues, i - 1) {
            i -= 1;
        }
        runs.push(Run {
            start: i,
            end,
            meta_after: meta_seen,
        });
        meta_seen = false;
    }
    runs
}

/// The headline and dek of a run: its last stretch of lines long enough to be a headline
/// (labels and menu items come before it). Two lines are a headline and its dek; more are a
/// headline and a box of highlights.
fn headline_in(pieces: &[Piece], cues: &[Cue], run: &Run) -> (usize, Option<usize>) {
    // A short line closing the run (the outlet's name, `Yle News`) is not the dek.
    let mut end = run.end;
    while end > run.start && words(&pieces[end]) < MIN_HEADLINE_WORDS {
        end -= 1;
    }
    if words(&pieces[end]) < MIN_HEADLINE_WORDS {
        end = run.end;
    }
    let mut first = end;
    while first > run.start && words(&pieces[first - 1]) >= MIN_HEADLINE_WORDS {
        first -= 1;
    }
    if words(&pieces[first]) < MIN_HEADLINE_WORDS && first < end {
        first += 1;
    }
    // Copy that opens with its headline (wire copy, a paste from the headline down) may have a
    // short one: the first line is then the headline, unless it is a label of a word or two.
    let at_top = !cues[..run.start]
        .iter()
        .any(|c| matches!(c, Cue::Text | Cue::BareName(_)));
    if at_top && first == run.start + 1 && words(&pieces[run.start]) >= MIN_TOP_HEADLINE_WORDS {
        first = run.start;
    }
    let dek = (end == first + 1).then_some(end);
    (first, dek)
}

/// Where the header zone surely ends: a few pieces after the story is plainly under way (a
/// dateline, or paragraphs of prose in a row), and never beyond [`MAX_ZONE_PIECES`]. Reading a
/// line's cue takes a dozen patterns; the story's body need not pay for them.
fn zone_end(pieces: &[Piece]) -> usize {
    const PROSE_IN_A_ROW: usize = 3;
    const LOOKAHEAD: usize = 3;
    let mut prose_run = 0;
    for (i, piece) in pieces.iter().enumerate().take(MAX_ZONE_PIECES) {
        let prose = words(piece) >= MIN_LEDE_WORDS && ends_sentence(&piece.text);
        prose_run = if prose { prose_run + 1 } else { 0 };
        let started = prose_run == PROSE_IN_A_ROW
            || (piece.kind == PieceKind::Paragraph
                && super::dateline::find_dateline(&piece.text)
                    .is_some_and(|(_, rest)| text::word_count(rest) >= MIN_DATELINE_LEDE_WORDS));
        if started {
            return (i + 1 + LOOKAHEAD).min(pieces.len());
        }
    }
    pieces.len().min(MAX_ZONE_PIECES)
}

/// Reads the header zone of plain-text copy. `None` when it finds no story opening in it, and
/// the caller reads the copy as it would a wire story.
pub fn read(pieces: &[Piece], zone: Tz) -> Option<HeaderZone> {
    let window = &pieces[..zone_end(pieces)];
    let cues = cues(window, zone);
    let mut found = None;
    for i in 0..cues.len() {
        if !opens_story(window, &cues, i) {
            continue;
        }
        let runs = runs_before(window, &cues, i);
        // A run of labels and menu items alone is no headline while a longer line is near.
        let titled = |r: &&Run| (r.start..=r.end).any(|k| words(&window[k]) >= MIN_HEADLINE_WORDS);
        let chosen = runs
            .iter()
            .find(|r| r.meta_after && titled(r))
            .or_else(|| runs.iter().find(titled))
            .or_else(|| runs.first());
        match chosen {
            Some(run) => {
                found = Some((i, Some(headline_in(window, &cues, run))));
                break;
            }
            // A dateline, or the first line of copy, with no line of text above it: a story
            // without a headline line.
            None if cues[i] == Cue::Dateline || !cues[..i].contains(&Cue::Text) => {
                found = Some((i, None));
                break;
            }
            None => {}
        }
    }
    let (body_start, headline) = found?;
    let mut header = HeaderZone {
        headline: headline.map(|(h, _)| h),
        dek: headline.and_then(|(_, d)| d),
        body_start,
        ..HeaderZone::default()
    };
    // A page copied from above its headline (menus, labels) or with its widgets.
    let above_headline = header.headline.is_some_and(|h| {
        cues[..h]
            .iter()
            .any(|c| matches!(c, Cue::Text | Cue::BareName(_)))
    });
    // A wire system's keyword and editor's lines are furniture of wire copy, not of a page.
    header.web_page = above_headline
        || cues[..body_start]
            .iter()
            .zip(window)
            .filter(|(c, p)| {
                matches!(c, Cue::Furniture | Cue::Caption)
                    && !super::boilerplate::is_wire_header(&p.text)
            })
            .count()
            >= MIN_WEB_FURNITURE;
    let headline_at = header.headline.unwrap_or(0);
    let mut names_next = false;
    let mut dates_above = Vec::new();
    for (i, cue) in cues.iter().enumerate().take(body_start) {
        let after_headline = header.headline.is_some_and(|h| i > h);
        match cue {
            Cue::Meta { names, dates } => {
                // A date in the masthead above the headline (the site's today's date) comes
                // after the story's own, under the headline, which wins.
                if after_headline || header.headline.is_none() {
                    header.dates.extend(dates.iter().copied());
                } else {
                    dates_above.extend(dates.iter().copied());
                }
                if after_headline || i >= headline_at {
                    header.bylines.extend(names.iter().cloned());
                }
            }
            Cue::BareName(names)
                if after_headline && (names_next || bare_name_is_byline(window, &cues, i)) =>
            {
                header.bylines.extend(names.iter().cloned());
            }
            Cue::Text if names_next && after_headline => {
                let by = format!("By {}", window[i].text);
                if let Some(names) = super::byline::parse_byline(&by, true) {
                    header.bylines.extend(names);
                }
            }
            _ => {}
        }
        names_next = *cue == Cue::ByAlone;
    }
    header.dates.extend(dates_above);
    Some(header)
}
