//! Copy → [`Article`]: pure functions, no I/O, one file per concern.
//!
//! Text and Markdown seeds are first cut into blocks ([`text`], [`markdown`]); the same analysis
//! then reads both: wire headers and the headline, the header zone (bylines, date lines, the
//! dek), the dateline opening the lede, section heads, credits, promos and the copyright line.

mod body;
pub mod boilerplate;
pub mod byline;
pub mod credits;
pub mod date;
pub mod dateline;
mod footer;
pub mod front_matter;
mod header;
pub mod headline;
pub mod html;
pub mod markdown;
pub mod paragraphs;
mod resolve;
pub mod sections;
pub mod text;
pub mod tickers;
pub mod topics;
pub mod zones;

use chrono_tz::Tz;

use crate::model::{BlockKind, Credit, Extraction, ListItem, SeedFormat, Span, Warning};
use date::FoundDate;
use front_matter::Overrides;

/// Why a seed could not be read as an article.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ExtractError {
    #[error("{file}: the file holds no text")]
    Empty { file: String },
    #[error("{file}:{line}: {message}")]
    Metadata {
        file: String,
        line: usize,
        message: String,
    },
}

/// A block of copy before analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub kind: PieceKind,
    /// Plain text; list items as `- item` lines.
    pub text: String,
    /// Inline runs, for Markdown with emphasis or links; empty for plain text.
    pub spans: Vec<Span>,
    /// A Markdown list's items with their runs (plain text lists are split from `text`).
    pub items: Vec<ListItem>,
    /// Sanitized HTML, for [`PieceKind::Html`].
    pub html: Option<String>,
    /// Whether the block came from Markdown, whose heads are marked rather than recognized.
    pub markdown: bool,
    /// The seed line the block starts on.
    pub line: usize,
    /// How far its first line is indented, in columns (plain text only).
    pub indent: usize,
}

impl Piece {
    fn plain(kind: PieceKind, text: String, line: usize) -> Self {
        Piece {
            kind,
            text,
            spans: Vec::new(),
            items: Vec::new(),
            html: None,
            markdown: false,
            line,
            indent: 0,
        }
    }

    fn markdown(kind: PieceKind, text: String, line: usize) -> Self {
        Piece {
            markdown: true,
            ..Piece::plain(kind, text, line)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    Paragraph,
    Heading(u8),
    List {
        ordered: bool,
    },
    Quote,
    Code,
    /// A table or raw HTML block from Markdown.
    Html,
}

/// One seed as ingest found it.
#[derive(Debug, Clone, Copy)]
pub struct Seed<'a> {
    /// The path shown to the user in output and messages.
    pub source: &'a str,
    /// The file name, which may carry a date (`2023-06-16-slug.txt`).
    pub file_name: &'a str,
    pub text: &'a str,
    pub format: SeedFormat,
    /// A sidecar `<stem>.toml`: its display path and text.
    pub sidecar: Option<(&'a str, &'a str)>,
    /// The file name of a picture with the seed's stem beside it (`story.jpg`).
    pub picture: Option<&'a str>,
}

impl<'a> From<&'a crate::ingest::SourceFile> for Seed<'a> {
    fn from(source: &'a crate::ingest::SourceFile) -> Self {
        Seed {
            source: &source.display,
            file_name: &source.file_name,
            text: &source.text,
            format: source.format,
            sidecar: source
                .sidecar
                .as_ref()
                .map(|(p, t)| (p.as_str(), t.as_str())),
            picture: source.picture.as_deref(),
        }
    }
}

/// Settings extraction needs from the site.
#[derive(Debug, Clone, Copy)]
pub struct ExtractOptions {
    /// The zone for times the copy gives without one.
    pub timezone: Tz,
    pub max_topics: usize,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            timezone: chrono_tz::UTC,
            max_topics: 8,
        }
    }
}

/// The warning for copy with no headline at all: the story is published under its file name.
pub const NO_HEADLINE: &str = "no headline found";

/// The warning for copy without a headline line: the headline is made from its first sentence.
pub const HEADLINE_FROM_SENTENCE: &str = "no headline line; the headline is the first sentence";

/// The longest headline broadsheet takes from a first line before deciding it is body copy.
const MAX_HEADLINE_CHARS: usize = 200;

/// Reads one seed.
pub fn extract(seed: &Seed, options: &ExtractOptions) -> Result<Extraction, ExtractError> {
    let text = text::normalize(seed.text);
    let metadata_error = |message: String| ExtractError::Metadata {
        file: seed.source.to_string(),
        line: 1,
        message,
    };
    let mut page = None;
    let (front, pieces) = match seed.format {
        SeedFormat::Markdown => {
            let (toml_text, body, body_line) =
                front_matter::split_front_matter(&text).map_err(metadata_error)?;
            let front = match toml_text {
                Some(t) => Some(Overrides::parse(t, seed.source, 2)?),
                None => None,
            };
            (front, markdown::pieces(body, body_line))
        }
        SeedFormat::Text => (None, paragraphs::pieces(&text, 1)),
        SeedFormat::Html => {
            let mut read = html::read(seed.text);
            let pieces = std::mem::take(&mut read.pieces);
            page = Some(read);
            (None, pieces)
        }
    };
    let sidecar = match seed.sidecar {
        Some((path, toml_text)) => Some(Overrides::parse(&text::normalize(toml_text), path, 1)?),
        None => None,
    };
    let (page_stated, organizations, image) = match page {
        Some(p) => (p.stated, p.organizations, p.image),
        None => Default::default(),
    };
    let stated = Stated {
        front: front.unwrap_or_default(),
        sidecar: sidecar.unwrap_or_default(),
        page: page_stated,
    };
    if pieces.is_empty() && stated.get(|o| o.title.clone()).is_none() {
        return Err(ExtractError::Empty {
            file: seed.source.to_string(),
        });
    }
    let mut analysis = Analysis::new(seed, options, stated);
    analysis.organizations = organizations;
    let mut extraction = analysis.run(pieces);
    // A picture the seed's own keys or a file beside it name wins over the page's own image.
    if extraction.article.image.is_none() {
        extraction.article.image = image;
    }
    Ok(extraction)
}

/// The outlet's name a copied page opens with (`9to5Mac`, `The Moscow Times`, `cleveland.com`),
/// after any skip link: a short line that is not a menu's one plain word (`News`), a byline or
/// a date line.
fn masthead(pieces: &[Piece]) -> Option<&str> {
    const MAX_MASTHEAD_WORDS: usize = 5;
    let line = pieces
        .iter()
        .take(3)
        .map(|p| p.text.trim())
        .find(|t| !header::is_furniture(t))?;
    let words = text::word_count(line);
    let plain_word = words == 1
        && line.chars().all(char::is_alphabetic)
        && line.chars().skip(1).all(char::is_lowercase);
    // `9to5Mac` has digits; `Dec 9, 2016` is a date.
    let dated = line.contains(|c: char| c.is_ascii_digit()) && line.contains(' ');
    let byline_or_date = dated || byline::after_byline_lead(line).is_some();
    ((1..=MAX_MASTHEAD_WORDS).contains(&words) && line.len() >= 4 && !plain_word && !byline_or_date)
        .then_some(line)
}

/// What front matter, the sidecar and a saved page's markup say, in that order of precedence.
struct Stated {
    front: Overrides,
    sidecar: Overrides,
    page: Overrides,
}

impl Stated {
    fn get<T>(&self, field: impl Fn(&Overrides) -> Option<T>) -> Option<T> {
        field(&self.front)
            .or_else(|| field(&self.sidecar))
            .or_else(|| field(&self.page))
    }

    /// What the author stated, without the page's markup.
    fn by_author<T>(&self, field: impl Fn(&Overrides) -> Option<T>) -> Option<T> {
        field(&self.front).or_else(|| field(&self.sidecar))
    }
}

/// The working state of one extraction.
struct Analysis<'a> {
    seed: &'a Seed<'a>,
    options: &'a ExtractOptions,
    stated: Stated,
    warnings: Vec<Warning>,
    bylines: Vec<String>,
    dates: Vec<FoundDate>,
    credits: Vec<Credit>,
    copyright: Option<String>,
    /// Organizations a saved page's markup names as author.
    organizations: Vec<String>,
}

/// Letters and digits only, lower case: for comparing a dek with the lede.
fn comparable(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The first sentence of an over-long first line, cut to a headline's length.
fn headline_from_sentence(paragraph: &str) -> String {
    let sentence_end = paragraph
        .char_indices()
        .find(|(i, c)| ".!?".contains(*c) && paragraph[i + c.len_utf8()..].starts_with(' '))
        .map_or(paragraph.len(), |(i, c)| i + c.len_utf8());
    let sentence = &paragraph[..sentence_end];
    if !text::longer_than(sentence, 120) {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(120).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

impl<'a> Analysis<'a> {
    fn new(seed: &'a Seed<'a>, options: &'a ExtractOptions, stated: Stated) -> Self {
        Analysis {
            seed,
            options,
            stated,
            warnings: Vec::new(),
            bylines: Vec::new(),
            dates: Vec::new(),
            credits: Vec::new(),
            copyright: None,
            organizations: Vec::new(),
        }
    }

    fn date_line(&self, text: &str) -> Vec<FoundDate> {
        if text::longer_than(text, 120) {
            return Vec::new();
        }
        date::parse_date_line(text, self.options.timezone)
    }

    /// Reads a header-zone line as metadata: a date line, a byline (possibly with a date after a
    /// `|`), page furniture. Returns false for copy.
    fn take_header_line(&mut self, text: &str, after_byline: bool) -> bool {
        // "By Jane Doe | June 16, 2023", "Jane Doe/November 18, 2016", "Jane DoeStaff Writer"
        let meta = || header::read_meta_line(text, self.options.timezone);
        let dates = self.date_line(text);
        if !dates.is_empty() {
            if self.bylines.is_empty() {
                if let Some((names, _)) = meta() {
                    self.bylines.extend(names);
                }
            }
            self.dates.extend(dates);
            return true;
        }
        if boilerplate::is_promo(text) || boilerplate::is_wire_header(text) {
            return true;
        }
        if let Some((names, dates)) = meta() {
            if !dates.is_empty() || self.bylines.is_empty() {
                self.dates.extend(dates);
                self.bylines.extend(names);
                return true;
            }
        }
        if let Some(names) = byline::parse_byline(text, true) {
            self.bylines.extend(names);
            return true;
        }
        // Asked last: `Jane Doe | Sports Reporter` has a section trail's shape.
        header::is_furniture(text) || (after_byline && is_job_title(text))
    }

    fn run(mut self, pieces: Vec<Piece>) -> Extraction {
        let stated_title = self.stated.get(|o| o.title.clone());
        // A copied web page is read by its header zone; copy that opens with its headline, as
        // wire stories and pastes from the headline down do, by the wire reader.
        let zone = (self.seed.format == SeedFormat::Text && stated_title.is_none())
            .then(|| header::read(&pieces, self.options.timezone))
            .flatten()
            .filter(|z| z.web_page);
        let web_page = zone.as_ref().is_some_and(|z| z.web_page);
        let (mut raw_headline, mut dek, mut i) = match zone {
            Some(zone) => self.take_header_zone(&pieces, zone),
            None => self.read_wire_header(&pieces, stated_title),
        };
        if raw_headline.trim().is_empty() {
            self.warnings.push(Warning::new(NO_HEADLINE));
            raw_headline = self.seed.file_name.to_string();
        }

        // "by Jane Doe, Reuters" opening the body.
        if self.bylines.is_empty() {
            if let Some(p) = pieces.get(i).filter(|p| p.kind == PieceKind::Paragraph) {
                if let Some(names) = byline::parse_byline(&p.text, false) {
                    self.bylines = names;
                    i += 1;
                }
            }
        }

        let body = &pieces[i.min(pieces.len())..];
        // A saved page's main content can still carry the page's footer after the story (a
        // bio, a newsletter or paywall box, a "MORE:" link) when the extractor kept it.
        let story_end = if web_page || self.seed.format == SeedFormat::Html {
            // A saved page's pieces open with its story, not its masthead.
            let outlet = (self.seed.format == SeedFormat::Text)
                .then(|| masthead(&pieces))
                .flatten();
            footer::story_end(body, outlet)
        } else {
            footer::StoryEnd {
                story: body.len(),
                dated: body.len(),
            }
        };
        if self.bylines.is_empty() && web_page {
            if let Some(names) = footer::byline_below(&body[story_end.story..]) {
                self.bylines = names;
            }
        }
        let (sections, found_dateline) = self.body(body, story_end);

        let lede = sections
            .iter()
            .flat_map(|s| s.blocks.iter())
            .find(|b| b.kind == BlockKind::Paragraph)
            .map(|b| b.text.clone());
        if let (Some(d), Some(l)) = (&dek, &lede) {
            let (d, l) = (comparable(d), comparable(l));
            // The dek repeats the lede: keep the copy in the body, with its dateline.
            if !d.is_empty() && (l.starts_with(&d) || d.starts_with(&l)) {
                dek = None;
            }
        }
        let dek = self.stated.get(|o| o.dek.clone()).or(dek);
        self.finish(raw_headline, dek, lede, sections, found_dateline)
    }

    /// What the header zone found: its bylines and dates are taken, and the headline, dek and
    /// the first piece of the story returned.
    fn take_header_zone(
        &mut self,
        pieces: &[Piece],
        zone: header::HeaderZone,
    ) -> (String, Option<String>, usize) {
        self.bylines.extend(zone.bylines);
        self.dates.extend(zone.dates);
        let headline = match zone.headline {
            Some(h) => pieces[h].text.clone(),
            None => {
                let lede = &pieces[zone.body_start];
                self.warnings
                    .push(Warning::at(lede.line, HEADLINE_FROM_SENTENCE));
                headline_from_sentence(&lede.text)
            }
        };
        let dek = zone.dek.map(|d| pieces[d].text.clone());
        (headline, dek, zone.body_start)
    }

    /// Reads the header of copy that opens with its headline, as wire stories and Markdown do:
    /// the headline (stated, a Markdown H1, or the first line), then bylines, date lines,
    /// furniture and perhaps a dek. Returns the headline, the dek and where the story starts.
    fn read_wire_header(
        &mut self,
        pieces: &[Piece],
        stated_title: Option<String>,
    ) -> (String, Option<String>, usize) {
        // Wire slugs, editor's notes and date lines can come before the headline.
        let mut i = 0;
        while let Some(p) = pieces.get(i).filter(|p| p.kind == PieceKind::Paragraph) {
            let dates = self.date_line(&p.text);
            if !dates.is_empty() {
                self.dates.extend(dates);
            } else if !boilerplate::is_wire_header(&p.text) && !boilerplate::is_promo(&p.text) {
                break;
            }
            i += 1;
        }

        // The headline: stated, a Markdown H1, or the first line of copy.
        let first = pieces.get(i);
        let raw_headline = match (&stated_title, first) {
            (Some(title), Some(p)) if matches!(p.kind, PieceKind::Heading(1)) => {
                i += 1;
                title.clone()
            }
            (Some(title), _) => title.clone(),
            (None, Some(p))
                if p.kind == PieceKind::Heading(1) || p.kind == PieceKind::Paragraph =>
            {
                if text::longer_than(&p.text, MAX_HEADLINE_CHARS)
                    || dateline::find_dateline(&p.text).is_some()
                {
                    self.warnings
                        .push(Warning::at(p.line, HEADLINE_FROM_SENTENCE));
                    headline_from_sentence(&p.text)
                } else {
                    i += 1;
                    p.text.clone()
                }
            }
            (None, Some(p)) => headline_from_sentence(&p.text),
            (None, None) => String::new(),
        };

        // The header zone: bylines, date lines, furniture, and perhaps a dek.
        let mut after_byline = false;
        while let Some(p) = pieces.get(i) {
            if p.kind != PieceKind::Paragraph || dateline::find_dateline(&p.text).is_some() {
                break;
            }
            let bylines_before = self.bylines.len();
            if !self.take_header_line(&p.text, after_byline) {
                break;
            }
            after_byline = self.bylines.len() > bylines_before;
            i += 1;
        }
        let mut dek: Option<String> = None;
        if let Some(p) = pieces.get(i).filter(|p| p.kind == PieceKind::Paragraph) {
            // A saved page's dek is the one its markup marks (`html::read`), not a paragraph
            // guessed from the copy: captions and bylines the text rules do not know come
            // there.
            if self.seed.format != SeedFormat::Html
                && dateline::find_dateline(&p.text).is_none()
                && self.is_dek(pieces, i)
            {
                dek = Some(p.text.clone());
                i += 1;
                let mut after_byline = false;
                while let Some(p) = pieces.get(i) {
                    if p.kind != PieceKind::Paragraph || dateline::find_dateline(&p.text).is_some()
                    {
                        break;
                    }
                    let before = self.bylines.len();
                    if !self.take_header_line(&p.text, after_byline) {
                        break;
                    }
                    after_byline = self.bylines.len() > before;
                    i += 1;
                }
            }
        }
        (raw_headline, dek, i)
    }

    /// Whether the paragraph at `i` is a dek: metadata (a byline or date line) follows it, or the
    /// paragraph after it opens with a dateline.
    fn is_dek(&self, pieces: &[Piece], i: usize) -> bool {
        let p = &pieces[i];
        if text::longer_than(&p.text, 600) {
            return false;
        }
        for next in pieces.iter().skip(i + 1) {
            if next.kind != PieceKind::Paragraph {
                return false;
            }
            let t = &next.text;
            if !date::parse_date_line(t, self.options.timezone).is_empty()
                || byline::parse_byline(t, true).is_some()
                || t.split('|')
                    .next()
                    .and_then(|b| byline::parse_byline(b.trim(), true))
                    .is_some()
            {
                return true;
            }
            if boilerplate::is_promo(t) {
                continue;
            }
            return dateline::find_dateline(t).is_some();
        }
        false
    }
}

/// A line under a byline naming a job or an outlet: `Associated Press Writer`, `BBC News,
/// Nairobi`, `Political correspondent`.
fn is_job_title(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || text.ends_with(['.', '!', '?']) {
        return false;
    }
    let markers = [
        "writer",
        "correspondent",
        "reporter",
        "editor",
        "news",
        "press",
        "staff",
        "columnist",
        "bureau",
        "chief",
        "contributor",
        "producer",
        "analyst",
        "desk",
        "reuters",
        "bloomberg",
        "afp",
        "bbc",
        "times",
        "journal",
        "post",
        "guardian",
    ];
    words.iter().any(|w| {
        markers.contains(
            &w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .as_str(),
        )
    })
}

#[cfg(test)]
mod tests;
