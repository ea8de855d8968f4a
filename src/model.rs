//! The one shape every later stage reads: the `Article` and the pieces it is made of.
//!
//! Extraction produces it, the site stage orders and links it, templates, feeds and search
//! render it, and `broadsheet extract --json` prints it (through [`ExtractRecord`], which is the
//! public, stable JSON contract).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize, Serializer};

/// How a seed was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeedFormat {
    /// Plain text as pasted from a wire feed or a web page.
    Text,
    /// Markdown with optional TOML front matter.
    Markdown,
    /// A saved web page (`.html`, `.htm`).
    Html,
}

/// A date known to a precision: news copy often says only a year (a copyright line) or a day
/// without a time, and the site must not pretend to know more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartialDate {
    Year(i32),
    YearMonth(i32, u32),
    Day(NaiveDate),
    Instant(DateTime<FixedOffset>),
}

impl PartialDate {
    pub fn year(&self) -> i32 {
        match self {
            PartialDate::Year(y) | PartialDate::YearMonth(y, _) => *y,
            PartialDate::Day(d) => d.year(),
            PartialDate::Instant(t) => t.year(),
        }
    }

    pub fn month(&self) -> Option<u32> {
        match self {
            PartialDate::Year(_) => None,
            PartialDate::YearMonth(_, m) => Some(*m),
            PartialDate::Day(d) => Some(d.month()),
            PartialDate::Instant(t) => Some(t.month()),
        }
    }

    pub fn day(&self) -> Option<u32> {
        match self {
            PartialDate::Day(d) => Some(d.day()),
            PartialDate::Instant(t) => Some(t.day()),
            _ => None,
        }
    }

    /// The calendar day, when the date is that precise.
    pub fn naive_date(&self) -> Option<NaiveDate> {
        match self {
            PartialDate::Day(d) => Some(*d),
            PartialDate::Instant(t) => Some(t.date_naive()),
            _ => None,
        }
    }

    /// The moment the date stands for, as feeds, sitemaps and ordering need one: a date without
    /// a time is midnight in `zone` (the site's), a year or month its first day. This is the
    /// only conversion from a partial date to a moment.
    pub fn moment(&self, zone: chrono_tz::Tz) -> DateTime<FixedOffset> {
        if let PartialDate::Instant(t) = self {
            return *t;
        }
        let day = NaiveDate::from_ymd_opt(
            self.year(),
            self.month().unwrap_or(1),
            self.day().unwrap_or(1),
        )
        .unwrap_or_default();
        crate::zone::moment_in(zone, day.and_hms_opt(0, 0, 0).unwrap_or_default())
    }
}

impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::YearMonth(y, m) => write!(f, "{y:04}-{m:02}"),
            PartialDate::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            PartialDate::Instant(t) => write!(f, "{}", t.to_rfc3339()),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl std::str::FromStr for PartialDate {
    type Err = String;

    /// Reads back what `Display` writes: `2023`, `2023-06`, `2023-06-16` or RFC 3339.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || format!("not a date: {text:?}");
        if let Ok(t) = DateTime::parse_from_rfc3339(text) {
            return Ok(PartialDate::Instant(t));
        }
        if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Ok(PartialDate::Day(d));
        }
        let mut parts = text.splitn(2, '-');
        let year: i32 = parts.next().and_then(|y| y.parse().ok()).ok_or_else(bad)?;
        match parts.next() {
            None => Ok(PartialDate::Year(year)),
            Some(m) => {
                let month: u32 = m.parse().map_err(|_| bad())?;
                (1..=12)
                    .contains(&month)
                    .then_some(PartialDate::YearMonth(year, month))
                    .ok_or_else(bad)
            }
        }
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Where the article's date came from, strongest evidence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    FrontMatter,
    Sidecar,
    /// A saved page's markup: JSON-LD, meta tags, microdata, `<time datetime>`.
    Markup,
    Text,
    Dateline,
    Filename,
    Copyright,
}

/// The date a dateline carries: wire datelines give a month and day and leave the year to the
/// reader's sense of "now".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatelineDate {
    MonthDay(u32, u32),
    Full(NaiveDate),
}

impl std::fmt::Display for DatelineDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DatelineDate::MonthDay(m, d) => write!(f, "--{m:02}-{d:02}"),
            DatelineDate::Full(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

impl Serialize for DatelineDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DatelineDate {
    /// Reads back what `Display` writes: `--06-16` or `2023-06-16`.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let bad = || serde::de::Error::custom(format!("not a dateline date: {text:?}"));
        if let Some(month_day) = text.strip_prefix("--") {
            let (m, d) = month_day.split_once('-').ok_or_else(bad)?;
            return Ok(DatelineDate::MonthDay(
                m.parse().map_err(|_| bad())?,
                d.parse().map_err(|_| bad())?,
            ));
        }
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map(DatelineDate::Full)
            .map_err(|_| bad())
    }
}

/// `BEIJING, June 18 (Reuters) -`: where and by whom the story was filed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The dateline as written, without the dash that ends it.
    pub text: String,
    pub place: Option<String>,
    pub agency: Option<String>,
    pub date: Option<DatelineDate>,
}

/// One contribution named in a credit line: `Editing by A and B`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    pub role: String,
    pub names: Vec<String>,
}

/// A story's lead picture as the seed names it: a file beside the seed (a path relative to it)
/// or, for a saved web page, the URL the page gave, which is only ever shown as a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadImage {
    /// A path relative to the seed's folder, or an absolute `http(s)` URL from a saved page.
    pub src: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// The text alternative; templates fall back to the caption when it is missing.
    pub alt: Option<String>,
}

/// A correction published with a story: when it was made and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub date: PartialDate,
    pub text: String,
}

/// A lead picture as the build processed it: its size once turned upright, and the files made
/// of it, each path relative to the site root. The seed's own words about it (caption, credit,
/// alt) stay in [`LeadImage`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    /// The source's size, upright.
    pub width: u32,
    pub height: u32,
    /// The article's sizes, narrowest first, never wider than the source.
    pub sizes: Vec<Rendition>,
    /// The small crop listings show.
    pub card: Rendition,
    /// Crops for search engines and link previews: 16:9, 4:3 and 1:1, in that order.
    pub crops: Vec<Rendition>,
}

/// One size of a picture: the same pixels as AVIF and WebP (where the page offers a choice of
/// formats) and as a JPEG for browsers without either; paths are site-relative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rendition {
    pub width: u32,
    pub height: u32,
    pub avif: Option<String>,
    pub webp: Option<String>,
    pub jpeg: String,
}

impl Rendition {
    /// Every file of this size.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        [
            self.avif.as_deref(),
            self.webp.as_deref(),
            Some(self.jpeg.as_str()),
        ]
        .into_iter()
        .flatten()
    }
}

/// What kind of body block a piece of copy is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    /// A bulleted list: its `items`; its text holds one `- item` line per item.
    List,
    /// A numbered list: its `items`; its text holds one `N. item` line per item.
    OrderedList,
    Quote,
    Code,
    /// What a Markdown seed wrote that structure does not express (a table, a block of raw
    /// HTML): its `html`, sanitized to the documented allowlist.
    Html,
}

/// A run of inline text and what it is: plain, emphasised, a link, the dateline at the head of
/// the lede. Templates decide how each looks.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Span {
    pub text: String,
    pub emphasis: bool,
    pub strong: bool,
    pub code: bool,
    pub strikethrough: bool,
    /// The link's target, when the run is a link: only `http`, `https`, `mailto` or relative.
    pub link: Option<String>,
    /// The dateline (`BEIJING (Reuters)`) that opens the lede, without its dash.
    pub dateline: bool,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            ..Span::default()
        }
    }
}

/// One item of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListItem {
    pub text: String,
    /// Inline runs, when the item has markup; empty when its text is all there is.
    pub spans: Vec<Span>,
}

/// One block of body copy: its kind, its plain text (for search, feeds, summaries and the JSON
/// contract), and its structure. Nearly every block of pasted copy is plain text with no spans;
/// a lede with a dateline and Markdown with emphasis or links carry spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// Inline runs, when the block has markup; empty when its text is all there is.
    pub spans: Vec<Span>,
    /// A list's items.
    pub items: Vec<ListItem>,
    /// Sanitized HTML, for [`BlockKind::Html`] only.
    pub html: Option<String>,
}

impl Block {
    /// A block that is plain text.
    pub fn plain(kind: BlockKind, text: String) -> Block {
        Block {
            kind,
            text,
            spans: Vec::new(),
            items: Vec::new(),
            html: None,
        }
    }
}

/// A run of body blocks under one heading (the first section usually has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: Option<String>,
    /// A stable `id` for the heading, unique within the article.
    pub anchor: Option<String>,
    pub blocks: Vec<Block>,
}

/// An article's body: what its own page and full-text feeds show. Kept apart from [`Article`],
/// because a site holds every article's metadata at once but each body only while its page is
/// written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    pub sections: Vec<Section>,
}

impl Body {
    /// Every body block in reading order.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.sections.iter().flat_map(|s| s.blocks.iter())
    }
}

/// Something doubtful about a seed, and the line of the seed it is about when one is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub line: Option<usize>,
    pub message: String,
}

impl Warning {
    pub fn new(message: impl Into<String>) -> Warning {
        Warning {
            line: None,
            message: message.into(),
        }
    }

    pub fn at(line: usize, message: impl Into<String>) -> Warning {
        Warning {
            line: Some(line),
            message: message.into(),
        }
    }
}

/// What extraction makes of one seed: its metadata and its body.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    pub article: Article,
    pub body: Body,
}

/// Everything broadsheet knows about one story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The seed's path as the user knows it (relative to the project when it can be).
    pub source: String,
    pub format: SeedFormat,
    pub headline: String,
    /// A wire label taken off the headline (`UPDATE 2`, `EXCLUSIVE`, `ANALYSIS`).
    pub label: Option<String>,
    pub dek: Option<String>,
    /// The dek, or else the lede: what listings and feeds show.
    pub summary: String,
    pub bylines: Vec<String>,
    pub dateline: Option<Dateline>,
    pub date: Option<PartialDate>,
    pub date_source: Option<DateSource>,
    pub updated: Option<PartialDate>,
    /// What the update changed, shown with its date (`update_note`).
    pub update_note: Option<String>,
    /// Corrections, as the seed lists them (templates see the site's forms of them on the story).
    #[serde(skip)]
    pub corrections: Vec<Correction>,
    /// The story is published nowhere before this moment.
    #[serde(skip)]
    pub embargo: Option<DateTime<FixedOffset>>,
    /// The story is taken down at this moment.
    #[serde(skip)]
    pub expires: Option<DateTime<FixedOffset>>,
    /// What its URL serves once expired; the site's setting when the seed says nothing.
    #[serde(skip)]
    pub expired: Option<crate::config::ExpiredPolicy>,
    pub credits: Vec<Credit>,
    pub copyright: Option<String>,
    pub topics: Vec<String>,
    /// The lead picture, when the seed names one.
    pub image: Option<LeadImage>,
    pub warnings: Vec<Warning>,
    /// A slug the author asked for in front matter or sidecar.
    pub slug: Option<String>,
    /// Marked as the front page's lead story.
    pub lead: bool,
    /// Drafts are extracted but not published.
    pub draft: bool,
    pub word_count: usize,
}

/// `broadsheet extract --json`: the public extraction contract, documented in the README.
/// Kept separate from [`Article`] so the site can grow fields without changing this shape.
#[derive(Debug, Serialize)]
pub struct ExtractRecord<'a> {
    pub source: &'a str,
    pub format: SeedFormat,
    pub headline: &'a str,
    pub dek: Option<&'a str>,
    pub summary: &'a str,
    pub bylines: &'a [String],
    pub dateline: Option<&'a Dateline>,
    pub date: Option<PartialDate>,
    pub date_source: Option<DateSource>,
    pub updated: Option<PartialDate>,
    pub sections: Vec<ExtractSection<'a>>,
    pub credits: &'a [Credit],
    pub copyright: Option<&'a str>,
    pub topics: &'a [String],
    /// The lead picture: its `src`, `caption`, `credit` and `alt`.
    pub image: Option<&'a LeadImage>,
    pub warnings: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct ExtractSection<'a> {
    pub heading: Option<&'a str>,
    pub paragraphs: Vec<&'a str>,
}

impl<'a> From<&'a Extraction> for ExtractRecord<'a> {
    fn from(extraction: &'a Extraction) -> Self {
        let a = &extraction.article;
        ExtractRecord {
            source: &a.source,
            format: a.format,
            headline: &a.headline,
            dek: a.dek.as_deref(),
            summary: &a.summary,
            bylines: &a.bylines,
            dateline: a.dateline.as_ref(),
            date: a.date,
            date_source: a.date_source,
            updated: a.updated,
            sections: extraction
                .body
                .sections
                .iter()
                .map(|s| ExtractSection {
                    heading: s.heading.as_deref(),
                    paragraphs: s.blocks.iter().map(|b| b.text.as_str()).collect(),
                })
                .collect(),
            credits: &a.credits,
            copyright: a.copyright.as_deref(),
            topics: &a.topics,
            image: a.image.as_ref(),
            warnings: a.warnings.iter().map(|w| w.message.as_str()).collect(),
        }
    }
}
