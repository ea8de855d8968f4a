//! What is published at a moment: a story under embargo is nowhere until it lifts, and a story
//! past its expiry is nowhere after it (or only a notice at its URL). "Now" is given, never read
//! here, so a build at a given `--now` is the same build every time.

use chrono::{DateTime, FixedOffset};

use crate::config::ExpiredPolicy;
use crate::model::Article;

/// Where a story stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Published,
    /// Before its embargo lifts.
    Embargoed,
    /// At or after its expiry, with what its URL serves.
    Expired(ExpiredPolicy),
}

/// Where `article` stands at `now`; `policy` is the site's for expired stories.
pub fn standing(article: &Article, now: DateTime<FixedOffset>, policy: ExpiredPolicy) -> Standing {
    if article.embargo.is_some_and(|e| now < e) {
        Standing::Embargoed
    } else if article.expires.is_some_and(|e| now >= e) {
        Standing::Expired(article.expired.unwrap_or(policy))
    } else {
        Standing::Published
    }
}

/// What happens at a scheduled moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    EmbargoLifts,
    Expires,
}

/// The next moment the site would change with no change to its seeds: when a scheduler should
/// build it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextChange {
    /// In the site's time zone.
    pub at: DateTime<FixedOffset>,
    pub kind: ChangeKind,
    /// The seed it happens to.
    pub source: String,
}

impl std::fmt::Display for NextChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = self.at.to_rfc3339();
        match self.kind {
            ChangeKind::EmbargoLifts => write!(f, "{at} (embargo lifts on {})", self.source),
            ChangeKind::Expires => write!(f, "{at} ({} expires)", self.source),
        }
    }
}

/// The soonest embargo or expiry after `now` among `articles` (ties go to the embargo, then to
/// the first seed by path, so the answer never depends on the order seeds were read in).
pub fn next_change<'a>(
    articles: impl Iterator<Item = &'a Article>,
    now: DateTime<FixedOffset>,
    zone: chrono_tz::Tz,
) -> Option<NextChange> {
    articles
        .flat_map(|a| {
            [
                (a.embargo, ChangeKind::EmbargoLifts),
                (a.expires, ChangeKind::Expires),
            ]
            .into_iter()
            .filter_map(move |(at, kind)| at.filter(|&t| t > now).map(|t| (t, kind, a)))
        })
        .min_by(|x, y| (x.0, x.1, &x.2.source).cmp(&(y.0, y.1, &y.2.source)))
        .map(|(at, kind, a)| NextChange {
            at: at.with_timezone(&zone).fixed_offset(),
            kind,
            source: a.source.clone(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn article(source: &str, embargo: Option<&str>, expires: Option<&str>) -> Article {
        Article {
            source: source.into(),
            format: crate::model::SeedFormat::Text,
            headline: "A headline".into(),
            label: None,
            dek: None,
            summary: String::new(),
            bylines: Vec::new(),
            dateline: None,
            date: None,
            date_source: None,
            updated: None,
            update_note: None,
            corrections: Vec::new(),
            embargo: embargo.map(at),
            expires: expires.map(at),
            expired: None,
            credits: Vec::new(),
            copyright: None,
            topics: Vec::new(),
            image: None,
            warnings: Vec::new(),
            slug: None,
            lead: false,
            draft: false,
            word_count: 0,
        }
    }

    #[test]
    fn embargo_lifts_at_its_moment_and_expiry_takes_effect_at_its_own() {
        let a = article(
            "seeds/a.txt",
            Some("2026-06-01T09:00:00Z"),
            Some("2026-07-01T00:00:00Z"),
        );
        let policy = ExpiredPolicy::Remove;
        assert_eq!(
            standing(&a, at("2026-06-01T08:59:59Z"), policy),
            Standing::Embargoed
        );
        assert_eq!(
            standing(&a, at("2026-06-01T10:00:00+01:00"), policy),
            Standing::Published
        );
        assert_eq!(
            standing(&a, at("2026-07-01T00:00:00Z"), ExpiredPolicy::Notice),
            Standing::Expired(ExpiredPolicy::Notice)
        );
    }

    #[test]
    fn the_next_change_is_the_soonest_to_come() {
        let stories = [
            article("seeds/b.txt", Some("2026-06-02T00:00:00Z"), None),
            article("seeds/c.txt", None, Some("2026-06-01T12:00:00Z")),
            article("seeds/d.txt", Some("2026-05-01T00:00:00Z"), None),
        ];
        let next = next_change(
            stories.iter(),
            at("2026-06-01T09:00:00Z"),
            chrono_tz::Tz::UTC,
        )
        .unwrap();
        assert_eq!(
            next.to_string(),
            "2026-06-01T12:00:00+00:00 (seeds/c.txt expires)"
        );
        let later = next_change(
            stories.iter(),
            at("2026-06-01T12:00:00Z"),
            chrono_tz::Tz::UTC,
        );
        assert_eq!(
            later.unwrap().to_string(),
            "2026-06-02T00:00:00+00:00 (embargo lifts on seeds/b.txt)"
        );
        assert!(next_change(
            stories.iter(),
            at("2027-01-01T00:00:00Z"),
            chrono_tz::Tz::UTC
        )
        .is_none());
    }
}
