//! TOML front matter (`+++` … `+++` at the top of a Markdown seed) and sidecar files
//! (`<stem>.toml` beside a text seed): fields the author states, which win over what the copy
//! says.

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use serde::Deserialize;
use toml::Spanned;

use super::date::parse_date_value;
use super::ExtractError;
use crate::config::ExpiredPolicy;
use crate::model::PartialDate;

/// A date as TOML gives it: a native date or date-time, or a string in any form copy uses.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum DateValue {
    Native(toml::value::Datetime),
    Text(String),
}

impl DateValue {
    pub fn as_text(&self) -> String {
        match self {
            DateValue::Native(d) => d.to_string(),
            DateValue::Text(s) => s.clone(),
        }
    }
}

/// One name or several.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// Fields an author may state. Unknown keys are errors, so a typo never goes unnoticed.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    #[serde(alias = "headline")]
    pub title: Option<String>,
    #[serde(alias = "subtitle", alias = "standfirst")]
    pub dek: Option<String>,
    #[serde(alias = "description")]
    pub summary: Option<String>,
    #[serde(alias = "author", alias = "bylines", alias = "byline")]
    pub authors: Option<OneOrMany>,
    pub date: Option<DateValue>,
    #[serde(alias = "lastmod", alias = "modified")]
    pub updated: Option<DateValue>,
    pub dateline: Option<String>,
    #[serde(alias = "tags", alias = "categories")]
    pub topics: Option<Vec<String>>,
    pub copyright: Option<String>,
    pub label: Option<String>,
    pub slug: Option<String>,
    pub lead: Option<bool>,
    pub draft: Option<bool>,
    /// What the `updated` change was, shown on the story.
    pub update_note: Option<String>,
    /// The moment before which the story is published nowhere.
    pub embargo: Option<Spanned<DateValue>>,
    /// The moment from which the story is taken down.
    #[serde(alias = "expiry", alias = "expiry_date")]
    pub expires: Option<Spanned<DateValue>>,
    /// What the story's URL serves once it has expired (the site's `expired` by default).
    pub expired: Option<ExpiredPolicy>,
    pub corrections: Option<Vec<StatedCorrection>>,
    /// The lead picture: a path relative to the seed's folder.
    pub image: Option<String>,
    pub image_caption: Option<String>,
    pub image_credit: Option<String>,
    pub image_alt: Option<String>,
}

/// One `[[corrections]]` entry as written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatedCorrection {
    pub date: Spanned<DateValue>,
    pub text: String,
}

/// A schedule moment (`embargo`, `expires`): a date-time, read in `zone` when it gives no
/// offset, or a day, which starts at midnight in `zone`. A year or a month alone is too vague
/// to schedule by.
pub fn schedule_moment(value: &DateValue, zone: Tz) -> Option<DateTime<FixedOffset>> {
    match parse_date_value(&value.as_text(), zone)? {
        d @ (PartialDate::Instant(_) | PartialDate::Day(_)) => Some(d.moment(zone)),
        PartialDate::Year(_) | PartialDate::YearMonth(..) => None,
    }
}

/// A correction's date: a day or a date-time.
pub fn correction_date(value: &DateValue, zone: Tz) -> Option<PartialDate> {
    parse_date_value(&value.as_text(), zone)
        .filter(|d| matches!(d, PartialDate::Instant(_) | PartialDate::Day(_)))
}

impl Overrides {
    /// Parses TOML that starts at 1-based line `first_line` of `file`.
    pub fn parse(toml_text: &str, file: &str, first_line: usize) -> Result<Self, ExtractError> {
        let parsed: Self = toml::from_str(toml_text).map_err(|e| {
            let line = e
                .span()
                .map(|span| {
                    toml_text[..span.start.min(toml_text.len())]
                        .matches('\n')
                        .count()
                })
                .unwrap_or(0);
            let mut message = e.message().trim().to_string();
            // serde's words for a value that is not a date name neither the key nor a date.
            if message.contains("untagged enum DateValue") {
                let key = toml_text
                    .lines()
                    .nth(line)
                    .and_then(|l| l.split_once('='))
                    .map(|(key, _)| key.trim().to_string())
                    .unwrap_or_default();
                message = format!(
                    "`{key}`: expected a date or date-time, such as 2026-06-01 or 2026-06-01T09:00:00Z"
                );
            }
            ExtractError::Metadata {
                file: file.to_string(),
                line: first_line + line,
                message,
            }
        })?;
        parsed.check_dates(toml_text, file, first_line)?;
        Ok(parsed.without_control_characters())
    }

    /// Schedule and correction dates must be readable: a story whose embargo cannot be read
    /// must not go out early, so the seed is refused with the line of the value.
    fn check_dates(
        &self,
        toml_text: &str,
        file: &str,
        first_line: usize,
    ) -> Result<(), ExtractError> {
        let error = |key: &str, value: &Spanned<DateValue>, expected: &str| {
            let line = toml_text[..value.span().start.min(toml_text.len())]
                .matches('\n')
                .count();
            ExtractError::Metadata {
                file: file.to_string(),
                line: first_line + line,
                message: format!(
                    "`{key}`: cannot read {:?} as {expected}",
                    value.get_ref().as_text()
                ),
            }
        };
        // Whether a value reads does not depend on the zone: any zone would do.
        let zone = Tz::UTC;
        const MOMENT: &str = "a date-time such as 2026-06-01T09:00:00+01:00 (without an offset, it is in the site's time zone)";
        for (key, value) in [("embargo", &self.embargo), ("expires", &self.expires)] {
            if let Some(v) = value {
                if schedule_moment(v.get_ref(), zone).is_none() {
                    return Err(error(key, v, MOMENT));
                }
            }
        }
        for c in self.corrections.iter().flatten() {
            if correction_date(c.date.get_ref(), zone).is_none() {
                return Err(error(
                    "corrections.date",
                    &c.date,
                    "a date such as 2023-06-17",
                ));
            }
        }
        Ok(())
    }

    /// Values without the control characters extraction removes from copy (HTML may not hold
    /// them), which TOML escapes (`"\u0001"`) can still spell. Line breaks and tabs stay.
    fn without_control_characters(mut self) -> Self {
        let texts = [
            &mut self.title,
            &mut self.dek,
            &mut self.summary,
            &mut self.dateline,
            &mut self.copyright,
            &mut self.label,
            &mut self.slug,
            &mut self.update_note,
            &mut self.image,
            &mut self.image_caption,
            &mut self.image_credit,
            &mut self.image_alt,
        ];
        let dates = [&mut self.date, &mut self.updated];
        let names = match &mut self.authors {
            Some(OneOrMany::One(name)) => std::slice::from_mut(name),
            Some(OneOrMany::Many(names)) => names.as_mut_slice(),
            None => &mut [],
        };
        for value in texts
            .into_iter()
            .flatten()
            .chain(dates.into_iter().flatten().filter_map(|d| match d {
                DateValue::Text(text) => Some(text),
                DateValue::Native(_) => None,
            }))
            .chain(names.iter_mut())
            .chain(self.topics.iter_mut().flatten())
            .chain(self.corrections.iter_mut().flatten().map(|c| &mut c.text))
        {
            value.retain(|c| matches!(c, '\n' | '\t') || !c.is_control());
        }
        self
    }
}

/// Splits `+++` front matter off a Markdown seed: returns its TOML, the body, and the 1-based
/// line where the body starts.
pub fn split_front_matter(text: &str) -> Result<(Option<&str>, &str, usize), String> {
    let first = text.lines().next().unwrap_or_default().trim_end();
    if first == "---" {
        return Err("front matter between `---` lines (YAML) is not supported; write it as TOML between `+++` lines".into());
    }
    if first != "+++" {
        return Ok((None, text, 1));
    }
    let after_open = text.find('\n').map_or(text.len(), |p| p + 1);
    let mut offset = after_open;
    for (i, line) in text[after_open..].split_inclusive('\n').enumerate() {
        if line.trim_end() == "+++" {
            let toml_text = &text[after_open..offset];
            let body = &text[offset + line.len()..];
            return Ok((Some(toml_text), body, i + 3));
        }
        offset += line.len();
    }
    Err("front matter opened with `+++` on line 1 is never closed".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let (fm, body, line) = split_front_matter("+++\ntitle = \"A\"\n+++\nBody\n").unwrap();
        assert_eq!(fm, Some("title = \"A\"\n"));
        assert_eq!(body, "Body\n");
        assert_eq!(line, 4);
        assert!(split_front_matter("+++\ntitle = 1\n").is_err());
        assert_eq!(split_front_matter("No front matter").unwrap().0, None);
    }

    #[test]
    fn unknown_keys_name_the_line() {
        let err = Overrides::parse("title = \"A\"\ntitel = \"B\"\n", "seeds/a.md", 2).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("seeds/a.md:3"), "{msg}");
        assert!(msg.contains("titel"), "{msg}");
    }

    #[test]
    fn escaped_control_characters_are_dropped() {
        let o = Overrides::parse(
            "title = \"A\\u0001B\"\nauthors = [\"C\\u0007D\"]\ntopics = [\"E\\u0000F\"]\n",
            "seeds/a.md",
            2,
        )
        .unwrap();
        assert_eq!(o.title.as_deref(), Some("AB"));
        assert_eq!(o.authors, Some(OneOrMany::Many(vec!["CD".into()])));
        assert_eq!(o.topics, Some(vec!["EF".into()]));
    }

    #[test]
    fn reads_dates_and_authors() {
        let o = Overrides::parse(
            "date = 2024-05-02T08:30:00-04:00\nauthors = [\"Jane Doe\"]\ntags = [\"Climate\"]\n",
            "x",
            1,
        )
        .unwrap();
        assert_eq!(o.date.unwrap().as_text(), "2024-05-02T08:30:00-04:00");
        assert_eq!(o.authors.unwrap().into_vec(), ["Jane Doe"]);
        assert_eq!(o.topics.unwrap(), ["Climate"]);
    }
}
