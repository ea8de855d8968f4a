//! Copy → [`Article`]: pure functions, no I/O, one file per concern.
//!
//! Text and Markdown seeds are first cut into blocks ([`text`], [`markdown`]); the same analysis
//! then reads both: wire headers and the headline, the header zone (bylines, date lines, the
//! dek), the dateline opening the lede, section heads, credits, promos and the copyright line.

pub mod boilerplate;
pub mod byline;
pub mod credits;
pub mod date;
pub mod dateline;
pub mod front_matter;
pub mod headline;
pub mod markdown;
pub mod sections;
pub mod text;
pub mod topics;

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::html::escape_html;
use crate::model::{
    Article, Block, BlockKind, Credit, DateSource, Dateline, DatelineDate, PartialDate, Section,
    SeedFormat,
};
use date::{DateRole, FoundDate};
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
    /// Sanitized HTML, for Markdown seeds.
    pub html: Option<String>,
    /// The seed line the block starts on.
    pub line: usize,
}

impl Piece {
    fn plain(kind: PieceKind, text: String, line: usize) -> Self {
        Piece {
            kind,
            text,
            html: None,
            line,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    Paragraph,
    Heading(u8),
    List { ordered: bool },
    Quote,
    Code,
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

/// The longest headline broadsheet takes from a first line before deciding it is body copy.
const MAX_HEADLINE_CHARS: usize = 200;

/// Reads one seed.
pub fn extract(seed: &Seed, options: &ExtractOptions) -> Result<Article, ExtractError> {
    let text = text::normalize(seed.text);
    let metadata_error = |message: String| ExtractError::Metadata {
        file: seed.source.to_string(),
        line: 1,
        message,
    };
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
        SeedFormat::Text => (None, text::pieces(&text, 1)),
    };
    let sidecar = match seed.sidecar {
        Some((path, toml_text)) => Some(Overrides::parse(&text::normalize(toml_text), path, 1)?),
        None => None,
    };
    let stated = Stated {
        front: front.unwrap_or_default(),
        sidecar: sidecar.unwrap_or_default(),
    };
    if pieces.is_empty() && stated.get(|o| o.title.clone()).is_none() {
        return Err(ExtractError::Empty {
            file: seed.source.to_string(),
        });
    }
    Ok(Analysis::new(seed, options, stated).run(pieces))
}

/// What front matter and sidecar say; front matter wins.
struct Stated {
    front: Overrides,
    sidecar: Overrides,
}

impl Stated {
    fn get<T>(&self, field: impl Fn(&Overrides) -> Option<T>) -> Option<T> {
        field(&self.front).or_else(|| field(&self.sidecar))
    }
}

/// The working state of one extraction.
struct Analysis<'a> {
    seed: &'a Seed<'a>,
    options: &'a ExtractOptions,
    stated: Stated,
    warnings: Vec<String>,
    bylines: Vec<String>,
    dates: Vec<FoundDate>,
    credits: Vec<Credit>,
    copyright: Option<String>,
}

/// A body block from a piece: Markdown keeps its sanitized HTML, plain text is escaped.
fn block_from(piece: &Piece) -> Block {
    let kind = match piece.kind {
        PieceKind::List { ordered: false } => BlockKind::List,
        PieceKind::List { ordered: true } => BlockKind::OrderedList,
        PieceKind::Quote => BlockKind::Quote,
        PieceKind::Code => BlockKind::Code,
        PieceKind::Paragraph | PieceKind::Heading(_) => BlockKind::Paragraph,
    };
    let html = piece.html.clone().unwrap_or_else(|| match kind {
        BlockKind::List | BlockKind::OrderedList => {
            let tag = if kind == BlockKind::List { "ul" } else { "ol" };
            let items: String = piece
                .text
                .lines()
                .map(|line| {
                    let item = line
                        .strip_prefix("- ")
                        .or_else(|| text::numbered(line))
                        .unwrap_or(line);
                    ["<li>", &escape_html(item), "</li>"].concat()
                })
                .collect();
            format!("<{tag}>{items}</{tag}>")
        }
        // Joined rather than formatted: every paragraph of every story passes here.
        BlockKind::Quote => [
            "<blockquote><p>",
            &escape_html(&piece.text),
            "</p></blockquote>",
        ]
        .concat(),
        BlockKind::Code => ["<pre><code>", &escape_html(&piece.text), "</code></pre>"].concat(),
        BlockKind::Paragraph => ["<p>", &escape_html(&piece.text), "</p>"].concat(),
    });
    Block {
        kind,
        text: piece.text.clone(),
        html,
    }
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
        let dates = self.date_line(text);
        if !dates.is_empty() {
            self.dates.extend(dates);
            return true;
        }
        if boilerplate::is_promo(text) || boilerplate::is_wire_header(text) {
            return true;
        }
        // "By Jane Doe | June 16, 2023" and "Jane Doe · Published 16 June 2023"
        let parts: Vec<&str> = text.split(['|', '·', '•']).map(str::trim).collect();
        if parts.len() > 1 {
            let dates: Vec<FoundDate> = parts.iter().flat_map(|p| self.date_line(p)).collect();
            let names = byline::parse_byline(parts[0], true);
            if !dates.is_empty() && names.is_some() {
                self.dates.extend(dates);
                self.bylines.extend(names.unwrap_or_default());
                return true;
            }
        }
        if let Some(names) = byline::parse_byline(text, true) {
            self.bylines.extend(names);
            return true;
        }
        after_byline && is_job_title(text)
    }

    fn run(mut self, pieces: Vec<Piece>) -> Article {
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
        let stated_title = self.stated.get(|o| o.title.clone());
        let first = pieces.get(i);
        let mut raw_headline = match (&stated_title, first) {
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
                        .push("no headline line; the headline is the first sentence".into());
                    headline_from_sentence(&p.text)
                } else {
                    i += 1;
                    p.text.clone()
                }
            }
            (None, Some(p)) => headline_from_sentence(&p.text),
            (None, None) => String::new(),
        };
        if raw_headline.trim().is_empty() {
            self.warnings.push("no headline found".into());
            raw_headline = self.seed.file_name.to_string();
        }

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
            if dateline::find_dateline(&p.text).is_none() && self.is_dek(&pieces, i) {
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
        let (sections, found_dateline) = self.body(body);

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

    /// Reads the body: the dateline on the lede, sections, credits, the copyright line.
    fn body(&mut self, body: &[Piece]) -> (Vec<Section>, Option<Dateline>) {
        let mut sections = vec![Section {
            heading: None,
            anchor: None,
            blocks: Vec::new(),
        }];
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
                    ended = true;
                    continue;
                }
                BodyLine::LinkListHeading => {
                    in_link_list = true;
                    continue;
                }
                BodyLine::Promo | BodyLine::Copy | BodyLine::Heading => {}
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
                    sections.push(Section {
                        heading: Some(t.to_string()),
                        anchor: None,
                        blocks: Vec::new(),
                    });
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
                            let dateline_text_len = t.len() - rest.len();
                            let d_text = d.text.clone();
                            found_dateline = Some(d);
                            if rest.is_empty() {
                                continue;
                            }
                            let mut lede = piece.clone();
                            lede.text = rest.to_string();
                            lede.html = piece
                                .html
                                .as_ref()
                                .map(|h| strip_html_prefix(h, &t[..dateline_text_len]));
                            let mut block = block_from(&lede);
                            if let Some(rest) = block.html.strip_prefix("<p>") {
                                // The dateline stays visible at the head of the lede, marked up.
                                block.html = format!(
                                    "<p><span class=\"dateline\">{} —</span> {rest}",
                                    escape_html(&d_text)
                                );
                            }
                            if let Some(s) = sections.last_mut() {
                                s.blocks.push(block);
                            }
                            seen_copy = true;
                            continue;
                        }
                    }
                    if seen_copy && piece.html.is_none() {
                        let followed_by_copy = copy_after[n];
                        if let Some(h) = sections::heading(t, followed_by_copy) {
                            sections.push(Section {
                                heading: Some(h),
                                anchor: None,
                                blocks: Vec::new(),
                            });
                            continue;
                        }
                    }
                }
                _ => {}
            }
            seen_copy = true;
            if let Some(s) = sections.last_mut() {
                s.blocks.push(block_from(piece));
            }
        }
        sections.retain(|s| s.heading.is_some() || !s.blocks.is_empty());
        assign_anchors(&mut sections);
        (sections, found_dateline)
    }

    fn finish(
        mut self,
        raw_headline: String,
        dek: Option<String>,
        lede: Option<String>,
        sections: Vec<Section>,
        found_dateline: Option<Dateline>,
    ) -> Article {
        let (label, headline) = headline::strip_labels(&raw_headline);
        let label = self.stated.get(|o| o.label.clone()).or(label);
        let body_text: String = sections
            .iter()
            .flat_map(|s| s.blocks.iter())
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let headline = if headline::is_all_caps(headline) {
            headline::title_case(headline, &headline::acronyms_in(&body_text))
        } else {
            headline.to_string()
        };

        let copyright = self
            .stated
            .get(|o| o.copyright.clone())
            .or(self.copyright.take());
        let mut dateline = match self.stated.get(|o| o.dateline.clone()) {
            Some(s) => Some(stated_dateline(&s)),
            None => found_dateline,
        };

        let bylines = match self.stated.get(|o| o.authors.clone()) {
            Some(names) => names.into_vec(),
            None => {
                let mut seen = Vec::new();
                for name in std::mem::take(&mut self.bylines) {
                    if !seen.contains(&name) {
                        seen.push(name);
                    }
                }
                seen
            }
        };
        if bylines.is_empty() {
            self.warnings.push("no byline found".into());
        }

        let (date, date_source) =
            self.resolve_date(&mut dateline, copyright.as_deref(), &body_text);
        if date.is_none() {
            self.warnings.push("no date found".into());
        }
        let updated = self
            .stated
            .get(|o| o.updated.clone())
            .and_then(|v| date::parse_date_value(&v.as_text(), self.options.timezone))
            .or_else(|| {
                self.dates
                    .iter()
                    .find(|d| d.role == DateRole::Updated)
                    .map(|d| d.value)
            });

        let topics = match self.stated.get(|o| o.topics.clone()) {
            Some(t) => t,
            None => {
                let texts: Vec<&str> = std::iter::once(dek.as_deref().unwrap_or_default())
                    // Headings are set in title case, which would make every word look like a name.
                    .chain(
                        sections
                            .iter()
                            .flat_map(|s| s.blocks.iter().map(|b| b.text.as_str())),
                    )
                    .collect();
                topics::topics(&headline, &texts, self.options.max_topics)
            }
        };
        let summary = self
            .stated
            .get(|o| o.summary.clone())
            .or_else(|| dek.clone())
            .or(lede)
            .unwrap_or_default();
        let word_count = text::word_count(&body_text);
        Article {
            source: self.seed.source.to_string(),
            format: self.seed.format,
            headline,
            label,
            dek,
            summary,
            bylines,
            dateline,
            date,
            date_source,
            updated,
            sections,
            credits: self.credits,
            copyright,
            topics,
            warnings: self.warnings,
            slug: self.stated.get(|o| o.slug.clone()),
            lead: self.stated.get(|o| o.lead).unwrap_or(false),
            draft: self.stated.get(|o| o.draft).unwrap_or(false),
            word_count,
        }
    }

    /// Picks the publication date by the strength of its evidence: front matter, sidecar, a date
    /// line, the dateline with a year found elsewhere, the file name, the copyright year.
    fn resolve_date(
        &mut self,
        dateline: &mut Option<Dateline>,
        copyright: Option<&str>,
        body_text: &str,
    ) -> (Option<PartialDate>, Option<DateSource>) {
        let zone = self.options.timezone;
        let mut stated_dates = Vec::new();
        let stated = |o: &Overrides| o.date.as_ref().map(|d| d.as_text());
        for (value, source) in [
            (stated(&self.stated.front), DateSource::FrontMatter),
            (stated(&self.stated.sidecar), DateSource::Sidecar),
        ] {
            if let Some(v) = value {
                match date::parse_date_value(&v, zone) {
                    Some(d) => stated_dates.push((d, source)),
                    None => self.warnings.push(format!("cannot read the date {v:?}")),
                }
            }
        }
        let text_date = self
            .dates
            .iter()
            .find(|d| d.role == DateRole::Published)
            .map(|d| d.value);
        let file_date = date::date_from_file_name(self.seed.file_name);
        let copyright_year = copyright.and_then(date::first_year_in);

        // A dateline's month and day take their year from the best other evidence.
        let mut dateline_day = None;
        if let Some(d) = dateline.as_mut() {
            match d.date {
                Some(DatelineDate::Full(day)) => dateline_day = Some(day),
                Some(DatelineDate::MonthDay(month, day)) => {
                    let from_prose = date::dates_in_prose(body_text)
                        .find(|p| chrono::Datelike::month(p) == month)
                        .map(|p| chrono::Datelike::year(&p));
                    let year = stated_dates
                        .first()
                        .map(|(d, _)| d.year())
                        .or(text_date.map(|d| d.year()))
                        .or(file_date.map(|f| chrono::Datelike::year(&f)))
                        .or(from_prose)
                        .or(copyright_year);
                    match year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day)) {
                        Some(full) => {
                            d.date = Some(DatelineDate::Full(full));
                            dateline_day = Some(full);
                        }
                        None => self.warnings.push(format!(
                            "the dateline gives {} but nothing in the copy gives its year",
                            DatelineDate::MonthDay(month, day)
                        )),
                    }
                }
                None => {}
            }
        }

        if let Some((d, source)) = stated_dates.first() {
            return (Some(*d), Some(*source));
        }
        if let Some(d) = text_date {
            return (Some(d), Some(DateSource::Text));
        }
        if let Some(day) = dateline_day {
            return (Some(PartialDate::Day(day)), Some(DateSource::Dateline));
        }
        if let Some(f) = file_date {
            return (Some(PartialDate::Day(f)), Some(DateSource::Filename));
        }
        if let Some(y) = copyright_year {
            return (Some(PartialDate::Year(y)), Some(DateSource::Copyright));
        }
        (None, None)
    }
}

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

/// Removes the dateline from a Markdown lede's HTML when it is there verbatim.
fn strip_html_prefix(html: &str, dateline_with_dash: &str) -> String {
    let escaped = escape_html(dateline_with_dash);
    let escaped_loose = escaped.replace("&#39;", "'").replace("&quot;", "\"");
    for prefix in [escaped, escaped_loose] {
        if let Some(rest) = html
            .strip_prefix("<p>")
            .and_then(|h| h.strip_prefix(prefix.as_str()))
        {
            return format!("<p>{}", rest.trim_start());
        }
    }
    html.to_string()
}

/// A dateline given in front matter: read it like one in copy, or take it as a place.
fn stated_dateline(s: &str) -> Dateline {
    let probe = format!("{} — X", s.trim().trim_end_matches(['—', '–', '-', ' ']));
    match dateline::find_dateline(&probe) {
        Some((d, _)) => d,
        None => Dateline {
            text: s.trim().to_string(),
            place: Some(s.trim().to_string()),
            agency: None,
            date: None,
        },
    }
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

#[cfg(test)]
mod tests;
