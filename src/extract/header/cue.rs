//! What one line of a header zone looks like on its own, before its neighbours are weighed:
//! furniture, a caption, a bio, a byline or date line, a dateline opening the story, or text
//! (a label, the headline, a dek, the lede).

use chrono_tz::Tz;

use super::furniture;
use crate::extract::date::{self, FoundDate};
use crate::extract::{boilerplate, byline, dateline, text, Piece, PieceKind};

/// The most words of a photo credit on a line of its own.
const MAX_CREDIT_WORDS: usize = 12;

/// The most words of a line of header metadata: a byline beside its dates and labels.
const MAX_META_WORDS: usize = 24;

/// The most words of a byline line.
const MAX_BYLINE_WORDS: usize = 14;

/// The most words of a kicker over a headline.
const MAX_KICKER_WORDS: usize = 8;

/// The longest line read as a byline or date line.
const MAX_META_CHARS: usize = 200;

/// What a line of the header zone is, by its own words.
#[derive(Debug, Clone, PartialEq)]
pub enum Cue {
    /// Navigation, widgets, counts, notices, wire slugs: never the story.
    Furniture,
    /// A photo caption or credit.
    Caption,
    /// An author's bio.
    Bio,
    /// The label of a box of highlights (`Key points:`).
    HighlightsLabel,
    /// The label of a list of the teams, people or subjects a page tags the story with (`In
    /// this story:`): the names under it are links, not a byline.
    TagsLabel,
    /// `By` alone, its names on the next line.
    ByAlone,
    /// A byline, a date line, or a role under a byline (`Staff Writer`), or several at once.
    Meta {
        names: Vec<String>,
        dates: Vec<FoundDate>,
    },
    /// A line of nothing but a person's name: a byline when it sits among the header's
    /// metadata, a credit or a label elsewhere.
    BareName(Vec<String>),
    /// A role or outlet on its own line (`Staff Writer`, `Chicago Tribune |`): part of a
    /// byline above it, or a section name in a menu.
    Role,
    /// A dateline opening the story (or standing alone before it).
    Dateline,
    /// Anything else: a label, the headline, a dek, the lede, a line of prose.
    Text,
}

impl Cue {
    /// Whether the cue is a byline, a date or a role: the header's metadata.
    pub fn is_meta(&self) -> bool {
        matches!(self, Cue::Meta { .. } | Cue::ByAlone | Cue::BareName(_))
    }
}

/// `By` alone on a line, or the label of a byline (`Text by:`).
fn is_by_alone(line: &str) -> bool {
    matches!(
        line.trim().trim_end_matches(':').to_lowercase().as_str(),
        "by" | "text by" | "words by" | "written by" | "story by" | "reporting by"
    )
}

/// A role or outlet set on its own line under a byline: `ESPN Staff Writer`, `Reporter`,
/// `BBC News, Kumasi`, `Chicago Tribune |`, a handle.
fn is_role_line(line: &str) -> bool {
    let line = line.trim().trim_end_matches(['|', ',']).trim();
    let outlet = line.split_whitespace().count() <= 5
        && !line.ends_with(['.', '?', '!'])
        && byline::names_an_outlet(line);
    // `news.com.au`, `KSL.com`: the outlet's address under the byline.
    let address = !line.contains(' ') && byline::is_web_address(line);
    line.starts_with('@') || outlet || address || super::super::is_job_title(line)
}

/// A date's label alone on its line (`Published`), its date on the next.
fn is_date_label(line: &str) -> bool {
    matches!(
        line.trim().trim_end_matches(':').to_lowercase().as_str(),
        "published" | "updated" | "posted" | "published in" | "last updated" | "first published"
    )
}

/// Reads one piece of the header zone on its own.
pub fn classify(piece: &Piece, zone: Tz) -> Cue {
    if piece.kind != PieceKind::Paragraph {
        return Cue::Furniture;
    }
    let line = piece.text.as_str();
    let words = text::word_count(line);
    if furniture::is_tags_label(line) {
        return Cue::TagsLabel;
    }
    if words <= MAX_CREDIT_WORDS && furniture::is_credit_line(line) {
        return Cue::Caption;
    }
    if furniture::is_furniture(line) || boilerplate::is_wire_header(line) {
        return Cue::Furniture;
    }
    if furniture::is_highlights_label(line) {
        return Cue::HighlightsLabel;
    }
    // `O’Connell Street in Limerick: traders are divided. Photograph: Jane Doe/Press 22`: a
    // caption carrying its credit opens with what could be read as a name and a place.
    if furniture::has_inline_credit(line) {
        return Cue::Caption;
    }
    if is_by_alone(line) {
        return Cue::ByAlone;
    }
    // A trail from the home page (`Home » News » Dunedin`) before a byline could be read in it.
    if furniture::is_trail_from_home(line) {
        return Cue::Furniture;
    }
    if is_date_label(line) {
        return Cue::Furniture;
    }
    // A caption that ends with its credit in brackets (`Parliament House, Canberra (Image:
    // AAP/Jane Doe)`) opens with what could be read as a name.
    if line.trim_end().ends_with([')', ']']) && furniture::is_caption(line) {
        return Cue::Caption;
    }
    if words <= MAX_META_WORDS && !text::longer_than(line, MAX_META_CHARS) {
        if let Some(cue) = meta(line, zone) {
            return cue;
        }
    }
    if furniture::is_breadcrumb(line) {
        return Cue::Furniture;
    }
    if dateline::find_dateline(line).is_some() {
        return Cue::Dateline;
    }
    // A kicker set over the headline with a dash after it (`THE CAP THAT WOULDN'T DIE —`,
    // `Tech —`): a label, never the headline.
    let kicker = [" —", " –", " -"]
        .iter()
        .any(|d| line.trim_end().ends_with(d));
    if kicker && words <= MAX_KICKER_WORDS {
        return Cue::Furniture;
    }
    if furniture::is_caption(line) {
        return Cue::Caption;
    }
    if furniture::is_bio(line) {
        return Cue::Bio;
    }
    if boilerplate::is_promo(line) {
        return Cue::Furniture;
    }
    Cue::Text
}

/// A byline or date line on its own, as [`classify`] reads it: its names and dates.
pub fn meta_line(line: &str, zone: Tz) -> Option<(Vec<String>, Vec<FoundDate>)> {
    if text::word_count(line) > MAX_META_WORDS || text::longer_than(line, MAX_META_CHARS) {
        return None;
    }
    match meta(line, zone)? {
        Cue::Meta { names, dates } if !names.is_empty() || !dates.is_empty() => {
            Some((names, dates))
        }
        Cue::BareName(names) => Some((names, Vec::new())),
        _ => None,
    }
}

/// A name alone opening a line with its date is the byline even in capitals (`MARTIN
/// VELASQUEZ - 12/16/2016, 12:21 PM`); after the date it is a place (`Aug 17th 2023 | WALVIS
/// BAY`).
fn name_opening_a_dated_line(line: &str, part: &str) -> Option<Vec<String>> {
    let words: Vec<&str> = part.split_whitespace().collect();
    let name_like = line.trim_start().starts_with(part)
        && (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase) && !w.contains(|c: char| c.is_ascii_digit())
        });
    name_like
        .then(|| byline::parse_byline(&format!("By {part}"), true))
        .flatten()
}

/// A byline, date line or role line: its names and dates.
fn meta(line: &str, zone: Tz) -> Option<Cue> {
    // A menu's one-word items are neither bylines nor dates: most lines stop here.
    let one_word = !line.trim().contains(' ');
    if one_word && !line.contains(|c: char| c.is_ascii_digit()) {
        return is_role_line(line).then_some(Cue::Role);
    }
    let line = byline::unglue(line);
    // Every date has a digit; a line without one is not scanned for dates.
    let found = if line.contains(|c: char| c.is_ascii_digit()) {
        date::scan_header_line(&line, zone)
    } else {
        date::HeaderDates::default()
    };
    if !found.dates.is_empty() {
        // A run may still hold the outlet or a separator beside the name (`Jane Doe · Daily
        // News`, `By Jane Doe •`): the name is one of its parts.
        let names = found
            .runs
            .iter()
            .flat_map(|run| run.split(['|', '·', '•']))
            .map(|part| {
                part.trim()
                    .trim_end_matches(['-', '–', '—', ',', '/'])
                    .trim()
            })
            .filter(|part| !part.is_empty())
            .find_map(|part| {
                byline::parse_byline(part, true).or_else(|| name_opening_a_dated_line(&line, part))
            })
            .unwrap_or_default();
        return Some(Cue::Meta {
            names,
            dates: found.dates,
        });
    }
    let by_line = line
        .trim_start()
        .get(..3)
        .is_some_and(|s| s.eq_ignore_ascii_case("by ") || s.eq_ignore_ascii_case("by:"));
    // "By" and a capital: a byline, even when its names cannot be read.
    let unread_byline = line.starts_with("By ")
        && line[3..].starts_with(|c: char| c.is_uppercase())
        && line.split_whitespace().count() <= MAX_BYLINE_WORDS;
    // A name is capitalised: a line with fewer than two capitalised words holds none, unless
    // it opens with "by".
    let capitalised = line
        .split_whitespace()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .take(2)
        .count();
    let may_name = by_line || capitalised == 2;
    if let Some(names) = may_name
        .then(|| byline::parse_byline(&line, true))
        .flatten()
    {
        if by_line || line.contains(['|', '·', '•']) {
            return Some(Cue::Meta {
                names,
                dates: Vec::new(),
            });
        }
        return Some(Cue::BareName(names));
    }
    if unread_byline {
        return Some(Cue::Meta {
            names: Vec::new(),
            dates: Vec::new(),
        });
    }
    is_role_line(&line).then_some(Cue::Role)
}
