//! Wall-clock times in a time zone: the one place a local time becomes a moment, so extraction,
//! ordering, feeds and sitemaps always agree on what "June 16" means in the site's zone.

use chrono::{FixedOffset, LocalResult, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

/// The UTC offset of `zone` at a local wall-clock time (the earlier one when clocks go back).
pub fn offset_in(zone: Tz, local: NaiveDateTime) -> Option<FixedOffset> {
    let resolved = match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => t,
        LocalResult::Ambiguous(t, _) => t,
        // A time skipped by a spring-forward: read it as an hour later, as clocks do.
        LocalResult::None => zone
            .from_local_datetime(&(local + chrono::Duration::hours(1)))
            .earliest()?,
    };
    Some(resolved.fixed_offset().offset().to_owned())
}

/// `local` as a moment in `zone`.
pub fn moment_in(zone: Tz, local: NaiveDateTime) -> chrono::DateTime<FixedOffset> {
    let offset = offset_in(zone, local).unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero"));
    offset
        .from_local_datetime(&local)
        .single()
        .unwrap_or_else(|| offset.from_utc_datetime(&local))
}
