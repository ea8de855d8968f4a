//! The transmission stamp a 1980s wire story ends with: `AP-NY-07-22-87 1805EDT`, `UPI
//! 11-05-86 16:40 PES`. It says when the story was sent, month, day and two-digit year first,
//! then the time and the zone: the story's moment when nothing earlier in the copy dates it.

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveTime, TimeZone};
use regex::Regex;

use super::clock::zone_offset;
use crate::model::PartialDate;

/// The stamp's parts: month, day, year, hours, minutes, zone.
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[A-Z]{2,3}-[A-Z]{2,3}-|(?:UPI|AP) )(\d\d)-(\d\d)-(\d\d) (\d\d):?(\d\d) ?([A-Z]{3})$",
    )
    .expect("stamp pattern compiles")
});

/// Whether `line` is a transmission stamp, whatever its figures.
pub fn is_transmission_stamp(line: &str) -> bool {
    STAMP.is_match(line.trim())
}

/// The moment a transmission stamp gives, or `None` for any other line.
pub fn transmission_date(line: &str) -> Option<PartialDate> {
    let found = STAMP.captures(line.trim())?;
    let number = |i: usize| found[i].parse::<u32>().ok();
    let short_year = number(3)? as i32;
    // The stamps are of the wire's own century: `87` is 1987, `03` 2003.
    let year = if short_year >= 50 { 1900 } else { 2000 } + short_year;
    let day = NaiveDate::from_ymd_opt(year, number(1)?, number(2)?)?;
    let local = day.and_time(NaiveTime::from_hms_opt(number(4)?, number(5)?, 0)?);
    // AP writes the zone (`EDT`); UPI a cycle letter before it (`PES`: Eastern Standard).
    let zone = &found[6];
    let spelled = match zone.as_bytes() {
        [_, region @ (b'E' | b'C' | b'M' | b'P'), season @ (b'S' | b'D')]
            if zone_offset(zone, local).is_none() =>
        {
            format!("{}{}T", *region as char, *season as char)
        }
        _ => zone.to_string(),
    };
    match zone_offset(&spelled, local) {
        Some(offset) => Some(PartialDate::Instant(
            offset.from_local_datetime(&local).single()?,
        )),
        None => Some(PartialDate::Day(day)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(line: &str) -> String {
        transmission_date(line)
            .map(|d| d.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn ap_and_upi_stamps() {
        assert_eq!(stamp("AP-NY-07-22-87 1805EDT"), "1987-07-22T18:05:00-04:00");
        assert_eq!(stamp("AP-NY-02-13-88 2317EST"), "1988-02-13T23:17:00-05:00");
        assert_eq!(stamp("UPI 11-05-86 16:40 PES"), "1986-11-05T16:40:00-05:00");
        assert_eq!(stamp("UPI 06-30-88 04:12 PED"), "1988-06-30T04:12:00-04:00");
        assert_eq!(stamp("AP-NY-13-45-87 1805EDT"), "");
        assert_eq!(stamp("The vote was 12-05-86 in favour."), "");
    }
}
