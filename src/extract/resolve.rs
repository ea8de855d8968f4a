//! The article's metadata once the copy is read: the headline in display form, the dateline,
//! bylines, the publication date by the strength of its evidence, topics and the summary, with
//! what front matter and the sidecar state winning over what the copy says.

use chrono::NaiveDate;

use super::date::{self, DateRole};
use super::front_matter::Overrides;
use super::{dateline, headline, text, topics, Analysis};
use crate::model::{
    Article, Body, Correction, DateSource, Dateline, DatelineDate, Extraction, LeadImage,
    PartialDate, Section, Warning,
};

impl Analysis<'_> {
    pub(super) fn finish(
        mut self,
        raw_headline: String,
        dek: Option<String>,
        lede: Option<String>,
        sections: Vec<Section>,
        found_dateline: Option<Dateline>,
    ) -> Extraction {
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
            Some(names) => {
                let names = names.into_vec();
                if self.stated.by_author(|o| o.authors.clone()).is_none() {
                    self.warn_on_disagreement("author", &names, &self.bylines.clone());
                }
                names
            }
            None if self.bylines.is_empty() => std::mem::take(&mut self.organizations),
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
            self.warnings.push(Warning::new("no byline found"));
        }

        let (date, date_source) =
            self.resolve_date(&mut dateline, copyright.as_deref(), &body_text);
        if date.is_none() {
            self.warnings.push(Warning::new("no date found"));
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
            })
            // A page that gives the publication time again as its modification time
            // (`dateModified` = `datePublished`) was never updated.
            .filter(|u| Some(u) != date.as_ref());

        let zone = self.options.timezone;
        // Both were checked when the TOML was read, so each reads here.
        let moment = |v: Option<toml::Spanned<super::front_matter::DateValue>>| {
            v.and_then(|v| super::front_matter::schedule_moment(v.get_ref(), zone))
        };
        let embargo = moment(self.stated.get(|o| o.embargo.clone()));
        let expires = moment(self.stated.get(|o| o.expires.clone()));
        if let (Some(embargo), Some(expires)) = (embargo, expires) {
            if expires <= embargo {
                self.warnings.push(Warning::new(format!(
                    "`expires` ({}) is not after `embargo` ({}): the story is never published",
                    expires.to_rfc3339(),
                    embargo.to_rfc3339()
                )));
            }
        }
        let update_note = self.stated.get(|o| o.update_note.clone());
        if update_note.is_some() && updated.is_none() {
            self.warnings
                .push(Warning::new("`update_note` without an `updated` date"));
        }
        let corrections = self
            .stated
            .get(|o| o.corrections.clone())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|c| {
                Some(Correction {
                    date: super::front_matter::correction_date(c.date.get_ref(), zone)?,
                    text: c.text.trim().to_string(),
                })
            })
            .collect();

        let topics = match self.stated.get(|o| o.topics.clone()) {
            Some(t) => t,
            None => {
                // Where the story was filed is one mention of the place, in ordinary case.
                let place = dateline
                    .as_ref()
                    .and_then(|d| d.place.as_deref())
                    .map(|p| format!("{}.", super::byline::proper_case(p)))
                    .unwrap_or_default();
                let texts: Vec<&str> = std::iter::once(dek.as_deref().unwrap_or_default())
                    .chain(std::iter::once(place.as_str()))
                    // Headings are set in title case, which would make every word look like a name.
                    .chain(
                        sections
                            .iter()
                            .flat_map(|s| s.blocks.iter().map(|b| b.text.as_str())),
                    )
                    .collect();
                topics::topics(&headline, &texts, &bylines, self.options.max_topics)
            }
        };
        let summary = self
            .stated
            .get(|o| o.summary.clone())
            .or_else(|| dek.clone())
            .or(lede)
            .unwrap_or_default();
        let image = self.lead_image();
        let word_count = text::word_count(&body_text);
        let article = Article {
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
            update_note,
            corrections,
            embargo,
            expires,
            expired: self.stated.get(|o| o.expired),
            credits: self.credits,
            copyright,
            topics,
            image,
            warnings: self.warnings,
            slug: self.stated.get(|o| o.slug.clone()),
            lead: self.stated.get(|o| o.lead).unwrap_or(false),
            draft: self.stated.get(|o| o.draft).unwrap_or(false),
            word_count,
        };
        Extraction {
            article,
            body: Body { sections },
        }
    }

    /// The lead picture: the one front matter or the sidecar names, else the one beside the
    /// seed, with the words stated about it. A picture without alt text is a warning: the
    /// caption stands in for it, and without a caption readers of screen readers get nothing.
    fn lead_image(&mut self) -> Option<LeadImage> {
        let text = |field: fn(&Overrides) -> &Option<String>| {
            self.stated
                .get(|o| field(o).as_ref().map(|v| v.trim().to_string()))
                .filter(|v| !v.is_empty())
        };
        let src = text(|o| &o.image).or_else(|| self.seed.picture.map(str::to_string))?;
        let image = LeadImage {
            src,
            caption: text(|o| &o.image_caption),
            credit: text(|o| &o.image_credit),
            alt: text(|o| &o.image_alt),
        };
        if image.alt.is_none() {
            let stand_in = if image.caption.is_some() {
                "the caption stands in"
            } else {
                "and no caption to stand in"
            };
            self.warnings.push(Warning::new(format!(
                "no alt text for the lead image {} (image_alt); {stand_in}",
                image.src
            )));
        }
        Some(image)
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
            (stated(&self.stated.page), DateSource::Markup),
        ] {
            if let Some(v) = value {
                match date::parse_date_value(&v, zone) {
                    Some(d) => stated_dates.push((d, source)),
                    None => self
                        .warnings
                        .push(Warning::new(format!("cannot read the date {v:?}"))),
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
                        None => self.warnings.push(Warning::new(format!(
                            "the dateline gives {} but nothing in the copy gives its year",
                            DatelineDate::MonthDay(month, day)
                        ))),
                    }
                }
                None => {}
            }
        }

        if let Some((d, source)) = stated_dates.first() {
            if let (DateSource::Markup, Some(t)) = (source, text_date) {
                if d.naive_date().is_some()
                    && t.naive_date().is_some()
                    && d.naive_date() != t.naive_date()
                {
                    self.warnings.push(Warning::new(format!(
                        "the page's markup dates the story {d}, its text {t}; the markup's date is kept"
                    )));
                }
            }
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

impl Analysis<'_> {
    /// Warns when the names a page's markup gives for a field are not the ones its text gives.
    fn warn_on_disagreement(&mut self, field: &str, markup: &[String], text: &[String]) {
        if text.is_empty() {
            return;
        }
        let key = |names: &[String]| {
            let mut k: Vec<String> = names.iter().map(|n| super::comparable(n)).collect();
            k.sort();
            k.dedup();
            k
        };
        if key(markup) != key(text) {
            self.warnings.push(Warning::new(format!(
                "the page's markup gives the {field} as {}, its text as {}; the markup's is kept",
                markup.join(", "),
                text.join(", ")
            )));
        }
    }
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
