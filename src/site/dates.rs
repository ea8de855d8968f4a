//! Dates as readers and machines read them, in the site's time zone.

use chrono_tz::Tz;

use crate::model::PartialDate;

/// `June 16, 2023`, `June 2023`, `2023`.
pub fn human(date: &PartialDate, zone: Tz) -> String {
    match date {
        PartialDate::Year(y) => y.to_string(),
        PartialDate::YearMonth(y, m) => {
            let first = chrono::NaiveDate::from_ymd_opt(*y, *m, 1).unwrap_or_default();
            first.format("%B %Y").to_string()
        }
        PartialDate::Day(d) => d.format("%B %-d, %Y").to_string(),
        PartialDate::Instant(t) => t.with_timezone(&zone).format("%B %-d, %Y").to_string(),
    }
}

/// The value for `<time datetime>`: as precise as the date is known.
pub fn machine(date: &PartialDate, _zone: Tz) -> String {
    date.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

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
}
