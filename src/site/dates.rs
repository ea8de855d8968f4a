//! Dates as readers and machines read them, in the site's time zone.

use chrono_tz::Tz;

use crate::model::PartialDate;

/// How the site's language writes a date: its month names and the order of day and month.
#[derive(Debug, Clone, Copy)]
pub struct DateStyle {
    locale: chrono::Locale,
    day_pattern: &'static str,
}

impl DateStyle {
    /// The style for a BCP 47 language tag (`en`, `en-GB`, `fr`, `de-AT`); unknown languages
    /// get English.
    pub fn for_language(tag: &str) -> DateStyle {
        let language = crate::config::primary_language(tag);
        let region = tag
            .split(['-', '_'])
            .skip(1)
            .find(|p| p.len() == 2)
            .map(str::to_ascii_uppercase)
            .unwrap_or_else(|| {
                match language.as_str() {
                    "en" => "US",
                    "ja" => "JP",
                    "zh" => "CN",
                    "sv" => "SE",
                    "da" => "DK",
                    "nb" | "no" => "NO",
                    "uk" => "UA",
                    "ko" => "KR",
                    "ar" => "EG",
                    "el" => "GR",
                    "cs" => "CZ",
                    other => return other.to_ascii_uppercase(),
                }
                .to_string()
            });
        let name = format!("{language}_{region}");
        let locale = chrono::Locale::try_from(name.as_str()).unwrap_or(chrono::Locale::en_US);
        let day_pattern = match (language.as_str(), region.as_str()) {
            ("en", "US" | "CA" | "PH") => "%B %-d, %Y",
            ("de" | "da" | "nb" | "no" | "fi" | "cs" | "sk", _) => "%-d. %B %Y",
            _ => "%-d %B %Y",
        };
        DateStyle {
            locale,
            day_pattern,
        }
    }

    fn day(&self, d: chrono::NaiveDate) -> String {
        d.format_localized(self.day_pattern, self.locale)
            .to_string()
    }

    /// `June 2023` in the site's language.
    pub fn month_year(&self, year: i32, month: u32) -> String {
        let first = chrono::NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default();
        first.format_localized("%B %Y", self.locale).to_string()
    }

    /// `June 16, 2023`, `16 juin 2023`, `June 2023`, `2023`: as precise as the date is known, in
    /// the site's language and time zone.
    pub fn human(&self, date: &PartialDate, zone: Tz) -> String {
        match date {
            PartialDate::Year(y) => y.to_string(),
            PartialDate::YearMonth(y, m) => self.month_year(*y, *m),
            PartialDate::Day(d) => self.day(*d),
            PartialDate::Instant(t) => self.day(t.with_timezone(&zone).date_naive()),
        }
    }
}

/// RFC 822 (as RSS wants it): `Fri, 16 Jun 2023 09:00:00 +0100`.
pub fn rfc822(date: &PartialDate, zone: Tz) -> String {
    date.moment(zone).to_rfc2822()
}

/// RFC 3339 with a time and offset (as Atom, JSON Feed and sitemaps want it).
pub fn rfc3339(date: &PartialDate, zone: Tz) -> String {
    date.moment(zone).to_rfc3339()
}

/// The value for `<time datetime>`: as precise as the date is known.
pub fn machine(date: &PartialDate, _zone: Tz) -> String {
    date.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn human(date: &PartialDate, zone: Tz) -> String {
        DateStyle::for_language("en").human(date, zone)
    }

    #[test]
    fn dates_in_the_site_language() {
        let day = PartialDate::Day(chrono::NaiveDate::from_ymd_opt(2023, 6, 16).unwrap());
        let utc = chrono_tz::UTC;
        assert_eq!(
            DateStyle::for_language("en-GB").human(&day, utc),
            "16 June 2023"
        );
        assert_eq!(
            DateStyle::for_language("fr").human(&day, utc),
            "16 juin 2023"
        );
        assert_eq!(
            DateStyle::for_language("de").human(&day, utc),
            "16. Juni 2023"
        );
        assert_eq!(
            DateStyle::for_language("es-MX").month_year(2023, 6),
            "junio 2023"
        );
        assert_eq!(
            DateStyle::for_language("xx").human(&day, utc),
            "16 June 2023"
        );
    }

    #[test]
    fn human_dates_in_the_site_zone() {
        let t = DateTime::parse_from_rfc3339("2023-06-16T23:30:00-04:00").unwrap();
        assert_eq!(
            human(&PartialDate::Instant(t), chrono_tz::Europe::London),
            "June 17, 2023"
        );
        assert_eq!(
            human(&PartialDate::Instant(t), chrono_tz::America::New_York),
            "June 16, 2023"
        );
        assert_eq!(human(&PartialDate::Year(2023), chrono_tz::UTC), "2023");
        assert_eq!(
            human(&PartialDate::YearMonth(2023, 6), chrono_tz::UTC),
            "June 2023"
        );
    }

    #[test]
    fn feed_dates_across_zones_and_daylight_saving() {
        let london = chrono_tz::Europe::London;
        let summer = PartialDate::Day(chrono::NaiveDate::from_ymd_opt(2023, 6, 16).unwrap());
        let winter = PartialDate::Day(chrono::NaiveDate::from_ymd_opt(2023, 12, 16).unwrap());
        assert_eq!(rfc3339(&summer, london), "2023-06-16T00:00:00+01:00");
        assert_eq!(rfc3339(&winter, london), "2023-12-16T00:00:00+00:00");
        assert_eq!(rfc822(&summer, london), "Fri, 16 Jun 2023 00:00:00 +0100");
        // The night the clocks go back in New York: an explicit instant keeps its own offset.
        let t = DateTime::parse_from_rfc3339("2023-11-05T01:30:00-04:00").unwrap();
        assert_eq!(
            rfc822(&PartialDate::Instant(t), chrono_tz::UTC),
            "Sun, 5 Nov 2023 01:30:00 -0400"
        );
        let ny = chrono_tz::America::New_York;
        let spring = PartialDate::Day(chrono::NaiveDate::from_ymd_opt(2024, 3, 10).unwrap());
        assert_eq!(rfc3339(&spring, ny), "2024-03-10T00:00:00-05:00");
        assert_eq!(
            rfc3339(&PartialDate::Year(2023), ny),
            "2023-01-01T00:00:00-05:00"
        );
    }
}
