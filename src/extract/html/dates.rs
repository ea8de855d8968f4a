//! The dates of a saved page: the markup's publication and update times, checked against
//! the ones the page shows (a CMS may overwrite the first, or move the second on every save),
//! and the shown ones where the markup has none.

use dom_query::Document;

use super::super::front_matter::DateValue;
use super::zone::PageZone;
use super::{collapse, text_within};
use crate::model::PartialDate;

/// The publication date: the markup's, unless its published and modified times are one and the
/// page shows an earlier moment, with its zone: a CMS that wrote the time of the last change
/// into both fields has lost the first from its markup (`Sep 14, 2023, 06:30am EDT` on the
/// page, `2023-09-15T09:10-04:00` in both metas). The date the page shows when the markup
/// states none.
///
/// Times without a zone, shown or in the markup, are read in the page's `zone` when it has one.
pub(super) fn published(
    stated: Option<&str>,
    modified: Option<&str>,
    doc: &Document,
    zone: Option<PageZone>,
) -> Option<DateValue> {
    let shown_line = shown_date(doc);
    // A time shown without its zone, read in the page's zone.
    let guessed = shown_line
        .as_deref()
        .is_some_and(|line| zone.is_some() && !zoned(line));
    let shown = shown_line.map(|text| localised(text, zone));
    let Some(stated) = stated else {
        return shown.map(DateValue::Text);
    };
    let stated_value = localised_value(date_value(stated), zone);
    let stated_moment = match &stated_value {
        DateValue::Text(t) => moment(t),
        DateValue::Native(_) => None,
    };
    let overwritten =
        modified.and_then(moment).is_some() && modified.and_then(moment) == stated_moment;
    let earlier = shown.filter(|shown| {
        let Some((s, m)) = moment(shown).zip(stated_moment) else {
            return false;
        };
        overwritten
            && zoned(shown)
            && m - s >= chrono::Duration::hours(1)
            && !(guessed && may_show(s.naive_local(), m))
    });
    Some(earlier.map_or(stated_value, DateValue::Text))
}

/// The moment a date (RFC 3339, or a date line with its time) names.
pub(super) fn moment(text: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    match chrono::DateTime::parse_from_rfc3339(text.trim()) {
        Ok(t) => Some(t),
        Err(_) => {
            let zone = crate::extract::ExtractOptions::default().timezone;
            match crate::extract::date::parse_date_line(text, zone)
                .first()?
                .value
            {
                PartialDate::Instant(t) => Some(t),
                _ => None,
            }
        }
    }
}

/// Whether a date says its zone: an offset, or a zone's name the date rules read (`EDT`, `UTC`,
/// `ET`, `5 AM Central`), which reads the same moment whatever zone is assumed for times
/// without one.
fn zoned(text: &str) -> bool {
    if chrono::DateTime::parse_from_rfc3339(text.trim()).is_ok() {
        return true;
    }
    let instant = |zone: chrono_tz::Tz| match crate::extract::date::parse_date_line(text, zone)
        .first()
        .map(|d| d.value)
    {
        Some(PartialDate::Instant(at)) => Some(at),
        _ => None,
    };
    instant(chrono_tz::UTC).is_some_and(|at| instant(chrono_tz::Asia::Tokyo) == Some(at))
}

/// The time of the last update: the one the page shows under its `Updated` label when that
/// says its time and zone (`Updated Mar. 5, 2025, 9:10 p.m. ET`), else the markup's. A CMS
/// moves `dateModified` on every save, a corrected tag or a new picture too; the page's label
/// is the update its editors announce. The shown date also stands when the markup has none.
pub(super) fn updated(
    modified: Option<&str>,
    doc: &Document,
    zone: Option<PageZone>,
) -> Option<DateValue> {
    let markup_moment = modified.and_then(stated_moment);
    // A time shown without its zone is read in the page's zone, unless it may be the markup's
    // moment as the outlet's clock shows it: then it is the markup's, whose zone is known.
    let shown = shown_update(doc).and_then(|(line, at)| match (at, zone) {
        (PartialDate::Instant(at), Some(zone)) if !zoned(&line) => {
            if markup_moment.is_some_and(|m| may_show(at.naive_local(), m)) {
                return None;
            }
            let at = zone.at(at.naive_local()).unwrap_or(at);
            Some((at.to_rfc3339(), PartialDate::Instant(at)))
        }
        (at, _) => Some((line, at)),
    });
    // The same minute as the markup's is the markup's moment, which keeps its seconds; so is
    // the markup's minute with the day and month the other way round (`05/11/2024` read month
    // first on a site that writes the day first).
    let other_minute = |at: &chrono::DateTime<chrono::FixedOffset>| {
        markup_moment.is_none_or(|m| {
            let swapped = {
                use chrono::Datelike;
                at.with_day(1)
                    .and_then(|t| t.with_month(at.day()))
                    .and_then(|t| t.with_day(at.month()))
            };
            std::iter::once(*at)
                .chain(swapped)
                .all(|t| (m - t).num_seconds().abs() >= 60)
        })
    };
    match (shown, modified) {
        (Some((line, PartialDate::Instant(at))), Some(_)) if zoned(&line) && other_minute(&at) => {
            Some(DateValue::Text(PartialDate::Instant(at).to_string()))
        }
        (_, Some(modified)) => Some(localised_value(date_value(modified), zone)),
        (Some((_, at)), None) => Some(DateValue::Text(at.to_string())),
        (None, None) => None,
    }
}

/// Whether a wall-clock time shown without its zone may be `moment` on some zone's clock: the
/// two a whole number of quarter hours apart, within the 14 hours by which zones differ.
fn may_show(local: chrono::NaiveDateTime, moment: chrono::DateTime<chrono::FixedOffset>) -> bool {
    let apart = (local - moment.naive_utc()).num_seconds() as f64 / 60.0;
    let minutes = apart.round() as i64;
    minutes.abs() <= 14 * 60 && minutes % 15 == 0
}

/// The role of the first date `line` gives when that date has at least its day (`Posted July
/// 22, 2014`, `Updated 9:41 AM EDT`), not only a year or month.
pub(super) fn dated_to_the_day(
    line: &str,
    zone: chrono_tz::Tz,
) -> Option<crate::extract::date::DateRole> {
    let found = crate::extract::date::parse_date_line(line, zone);
    let first = found.first()?;
    matches!(
        first.value,
        crate::model::PartialDate::Day(_) | crate::model::PartialDate::Instant(_)
    )
    .then_some(first.role)
}

/// Where pages show the story's date and byline when their markup states no date.
const SHOWN_DATE_PLACES: &str =
    "time, [class*=date i], [class*=time i], [id*=date i], [class*=byline i], \
    [class*=posted i], [class*=published i], [class*=meta i], [class*=dateline i]";

/// Whether `node` lies in comments or the rails of other stories, whose dates are theirs.
pub(super) fn in_comments(node: &dom_query::NodeRef) -> bool {
    std::iter::successors(Some(*node), |n| n.parent()).any(|a| {
        a.is("aside, footer, nav")
            || a.attr("class").or_else(|| a.attr("id")).is_some_and(|c| {
                let c = c.to_lowercase();
                c.contains("comment") || c.contains("related") || c.contains("recirc")
            })
    })
}

/// The day's date a site prints in its header (`<div id="date-today">Tuesday, 13 March
/// 2012</div>`): the day the page was saved, not the story's.
fn is_page_clock(node: &dom_query::NodeRef) -> bool {
    ["class", "id"].iter().any(|attr| {
        node.attr(attr).is_some_and(|v| {
            let v = v.to_lowercase();
            ["today", "current-date", "currentdate", "current_date"]
                .iter()
                .any(|clock| v.contains(clock))
        })
    })
}

/// The places a page shows the story's dates, outside comments and rails, with their text.
fn date_places(doc: &Document) -> impl Iterator<Item = (dom_query::NodeRef<'_>, String)> {
    doc.select(SHOWN_DATE_PLACES)
        .nodes()
        .to_vec()
        .into_iter()
        .filter(|place| !in_comments(place) && !is_page_clock(place))
        .filter_map(|place| text_within(&place, SHOWN_DATE_BYTES).map(|text| (place, text)))
}

/// The publication date a page only shows (`Published 9:41 AM EDT, Tue June 1, 2021`, a
/// byline block's `Posted July 22, 2014` line), as its date line: the first piece of text in
/// the places pages show dates that reads as a date line with a day, outside comments.
fn shown_date(doc: &Document) -> Option<String> {
    let zone = crate::extract::ExtractOptions::default().timezone;
    for (place, _) in date_places(doc) {
        // A `<time>` says its moment in full in its `datetime`.
        if place.is("time") {
            if let Some(at) = place
                .attr("datetime")
                .filter(|d| chrono::DateTime::parse_from_rfc3339(d.trim()).is_ok())
            {
                return Some(at.trim().to_string());
            }
        }
        for part in place.descendants_it().filter(|n| n.is_text()) {
            let text = collapse(&part.text());
            let dated = dated_to_the_day(&text, zone)
                .is_some_and(|role| role == crate::extract::date::DateRole::Published);
            if dated {
                return Some(text);
            }
        }
    }
    None
}

/// The update a page shows (`Updated <span>Mar. 5, 2025, 9:10 p.m. ET</span>`): the first
/// date place whose whole text holds a date with its day under an `Updated` label, with that
/// text and the date.
fn shown_update(doc: &Document) -> Option<(String, PartialDate)> {
    let zone = crate::extract::ExtractOptions::default().timezone;
    date_places(doc).find_map(|(place, text)| {
        let text = collapse(&text);
        let found = crate::extract::date::parse_date_line(&text, zone)
            .into_iter()
            .find(|d| {
                d.role == crate::extract::date::DateRole::Updated
                    && matches!(d.value, PartialDate::Day(_) | PartialDate::Instant(_))
            })?;
        // The `<time>` that shows this date says its moment in full, zone included
        // (`<time datetime="…09:03:00Z">10:03, 12 OCT 2023</time>`).
        // Its own text must read as the update's date, not the publication's beside it.
        let timed = std::iter::once(place)
            .chain(place.descendants_it())
            .filter(|n| n.is("time"))
            .filter_map(|time| {
                let at =
                    chrono::DateTime::parse_from_rfc3339(time.attr("datetime")?.trim()).ok()?;
                let shown = crate::extract::date::parse_date_line(&collapse(&time.text()), zone);
                // A day alone is told apart only by its label (`Published May 30`).
                let same = shown.first().is_some_and(|d| {
                    d.value == found.value
                        && (matches!(d.value, PartialDate::Instant(_))
                            || d.role == crate::extract::date::DateRole::Updated)
                });
                same.then_some(at)
            })
            .last();
        match timed {
            Some(at) => Some((at.to_rfc3339(), PartialDate::Instant(at))),
            None => Some((text, found.value)),
        }
    })
}

/// A shown date line or a markup time without a zone, as the moment it names in the page's
/// zone (RFC 3339); unchanged when it says its zone, has no time, or the page no zone.
fn localised(text: String, zone: Option<PageZone>) -> String {
    let Some(zone) = zone.filter(|_| !zoned(&text)) else {
        return text;
    };
    let utc = chrono_tz::UTC;
    let read = crate::extract::date::parse_date_value(&text, utc).or_else(|| {
        let found = crate::extract::date::parse_date_line(&text, utc);
        found.into_iter().next().map(|d| d.value)
    });
    match read {
        Some(PartialDate::Instant(at)) => {
            zone.at(at.naive_local()).map_or(text, |t| t.to_rfc3339())
        }
        _ => text,
    }
}

fn localised_value(value: DateValue, zone: Option<PageZone>) -> DateValue {
    match value {
        DateValue::Text(t) => DateValue::Text(localised(t, zone)),
        native => native,
    }
}

/// The moment a markup time names when it says its zone (`2014-03-04T21:12:00-06:00`,
/// `…+0100`).
pub(super) fn stated_moment(value: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    match date_value(value) {
        DateValue::Text(t) => chrono::DateTime::parse_from_rfc3339(&t).ok(),
        DateValue::Native(_) => None,
    }
}

/// A date as the markup writes it, in the RFC 3339 form extraction reads: some sites write the
/// offset without its colon (`+0100`) or a space for the `T`.
fn date_value(value: &str) -> DateValue {
    let v = value.trim();
    let stated = |t: chrono::DateTime<chrono::FixedOffset>| {
        // Fractions of a second are a CMS's, not the story's.
        DateValue::Text(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
    };
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(v) {
        return stated(t);
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%dT%H:%M%z",
    ] {
        if let Ok(t) = chrono::DateTime::parse_from_str(v, format) {
            return stated(t);
        }
    }
    DateValue::Text(v.to_string())
}

/// The longest element [`shown_date`] reads for a date: a date line, not a header or a story.
const SHOWN_DATE_BYTES: usize = 300;
