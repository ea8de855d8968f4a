//! Corrections as readers and machines read them, and the site's list of every correction,
//! newest first, for the corrections page and its feed.

use chrono_tz::Tz;
use serde::Serialize;

use super::dates::{self, DateStyle};
use super::Story;
use crate::model::{Correction, PartialDate};

/// A correction on a story, its date in every form templates need.
#[derive(Debug, Clone, Serialize)]
pub struct CorrectionView {
    /// `June 17, 2023`, as the site writes dates.
    pub date_display: String,
    /// For `<time datetime>`.
    pub date_iso: String,
    pub date_rfc3339: String,
    pub date_rfc822: String,
    pub text: String,
    /// The `id` of the notice on the story's page (`correction-1`), for links to it.
    pub anchor: String,
}

/// A story's corrections for display.
pub fn views(corrections: &[Correction], style: &DateStyle, zone: Tz) -> Vec<CorrectionView> {
    corrections
        .iter()
        .enumerate()
        .map(|(n, c)| CorrectionView {
            date_display: style.human(&c.date, zone),
            date_iso: dates::machine(&c.date, zone),
            date_rfc3339: dates::rfc3339(&c.date, zone),
            date_rfc822: dates::rfc822(&c.date, zone),
            text: c.text.clone(),
            anchor: format!("correction-{}", n + 1),
        })
        .collect()
}

/// The story's last change: its update or its latest correction, whichever is later.
pub fn last_change(
    updated: Option<PartialDate>,
    corrections: &[Correction],
    zone: Tz,
) -> Option<PartialDate> {
    updated
        .into_iter()
        .chain(corrections.iter().map(|c| c.date))
        .max_by_key(|d| d.moment(zone))
}

/// Every correction of the site as (story, correction) indices: newest first, ties in the
/// stories' own order, so the list is the same on every build.
pub fn newest_first(stories: &[Story], zone: Tz) -> Vec<(usize, usize)> {
    let mut all: Vec<(usize, usize)> = stories
        .iter()
        .enumerate()
        .flat_map(|(i, s)| (0..s.article.corrections.len()).map(move |c| (i, c)))
        .collect();
    all.sort_by_key(|&(i, c)| {
        (
            std::cmp::Reverse(stories[i].article.corrections[c].date.moment(zone)),
            i,
            c,
        )
    });
    all
}
