//! Dates as news copy writes them: `June 16, 2023`, `2023-06-16`, `Published: 16 June 2023 09:00
//! BST`, `Updated June 17, 2023 at 3:44 AM EDT`, `Fri 16 Jun 2023 10.00 BST`, `Jan. 2`.

mod calendar;
mod clock;
mod header_line;
mod stamp;
mod tokens;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use crate::model::PartialDate;
use crate::zone::offset_in;
use calendar::{day_number, numeric_date, short_year, year_number};
pub use calendar::{first_year_in, is_weekday, month_from_word};
use clock::{read_time, spelled_zone, zone_offset};
pub use header_line::{scan_header_line, HeaderDates};
pub use stamp::{is_transmission_stamp, transmission_date};
use tokens::tokens;

/// Whether a date is published or a later update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRole {
    Published,
    Updated,
}

/// A date found in a line, with the role its label gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub role: DateRole,
    pub value: PartialDate,
}

/// Words that may stand around a date on a date line.
fn is_date_filler(word: &str) -> bool {
    let mut buf = [0; LABEL_MAX];
    let Some(w) = label_key(word, &mut buf) else {
        return false;
    };
    matches!(
        w,
        "published"
            | "publish"
            | "posted"
            | "updated"
            | "update"
            | "last"
            | "modified"
            | "first"
            | "on"
            | "at"
            | "date"
            | "dated"
            | "filed"
            | "created"
            | "-"
            | "—"
            | "–"
            | "/"
            | ":"
            | "ago"
            | "hour"
            | "hours"
            | "minute"
            | "minutes"
            | "min"
            | "mins"
            | "day"
            | "days"
            | "hr"
            | "hrs"
            | "@"
            | "time"
            | "edition"
            | "print"
            | "issued"
            | "released"
            | "release"
    ) || (w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()))
}

/// The longest label or filler word of a date line ("published"), as long as a calendar word.
const LABEL_MAX: usize = calendar::CALENDAR_WORD_MAX;

/// `word` without a trailing colon, full stop or comma, in lower case, written into `buf`:
/// every label is short ASCII, and each word of every date line is asked.
fn label_key<'b>(word: &str, buf: &'b mut [u8; LABEL_MAX]) -> Option<&'b str> {
    calendar::calendar_key(word.trim_end_matches(':'), buf)
}

fn is_update_label(word: &str) -> bool {
    let mut buf = [0; LABEL_MAX];
    matches!(
        label_key(word, &mut buf),
        Some("updated" | "update" | "modified" | "last")
    )
}

/// A label that gives the dates after it back to publication (`Updated … | Published …`).
fn is_published_label(word: &str) -> bool {
    let mut buf = [0; LABEL_MAX];
    matches!(
        label_key(word, &mut buf),
        Some("published" | "posted" | "issued" | "first" | "original" | "originally")
    )
}

/// The role the label `word` gives the dates after it, if it is a label.
fn role_of_label(word: &str) -> Option<DateRole> {
    if is_update_label(word) {
        Some(DateRole::Updated)
    } else if is_published_label(word) {
        Some(DateRole::Published)
    } else {
        None
    }
}

/// Reads a calendar date starting at `toks[i]`, in the orders copy uses. Returns it and the
/// number of tokens used.
fn read_calendar_date(toks: &[&str], i: usize) -> Option<(PartialDate, usize)> {
    let t0 = toks.get(i)?;
    // ISO forms, possibly a full RFC 3339 timestamp.
    if t0.len() >= 10 && t0.as_bytes()[4] == b'-' && t0.as_bytes()[7] == b'-' {
        if let Ok(t) = DateTime::parse_from_rfc3339(t0) {
            return Some((PartialDate::Instant(t), 1));
        }
        let date = NaiveDate::parse_from_str(&t0[..10], "%Y-%m-%d").ok()?;
        return Some((PartialDate::Day(date), 1));
    }
    if let Some(month) = month_from_word(t0) {
        // "June 16, 2023" / "June 16 2023" / "June 2023"
        if let Some(day) = toks.get(i + 1).and_then(|t| day_number(t)) {
            let year = toks.get(i + 2).and_then(|t| year_number(t))?;
            let date = NaiveDate::from_ymd_opt(year, month, day)?;
            return Some((PartialDate::Day(date), 3));
        }
        let year = toks.get(i + 1).and_then(|t| year_number(t))?;
        return Some((PartialDate::YearMonth(year, month), 2));
    }
    if let Some(day) = day_number(t0) {
        // "16 June 2023", and "4 April 17" in the footers of small sites.
        let month = toks.get(i + 1).and_then(|t| month_from_word(t))?;
        let year = toks
            .get(i + 2)
            .and_then(|t| year_number(t).or_else(|| short_year(t)))?;
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        return Some((PartialDate::Day(date), 3));
    }
    if t0.contains('/') {
        return numeric_date(t0, false).map(|d| (PartialDate::Day(d), 1));
    }
    // `12.03.12`, `04.09.2019`: dots are the day-first order of continental Europe.
    if t0.matches('.').count() == 2 && t0.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return numeric_date(&t0.replace('.', "/"), true).map(|d| (PartialDate::Day(d), 1));
    }
    None
}

/// A time of day and its zone at `toks[k]`, on `day`: the moment, and the tokens used.
fn read_moment(
    toks: &[&str],
    k: usize,
    day: NaiveDate,
    zone: Tz,
) -> Option<(DateTime<chrono::FixedOffset>, usize)> {
    let (time, mut used) = read_time(toks, k)?;
    let local = day.and_time(time);
    let after = (k + used).min(toks.len());
    let spelled = spelled_zone(&toks[after..]);
    let explicit = toks
        .get(after)
        .and_then(|t| zone_offset(t, local).or_else(|| city_offset(t, local)));
    let offset = match (spelled, explicit) {
        (Some((abbr, n)), _) => {
            used += n;
            zone_offset(abbr, local)?
        }
        (None, Some(o)) => {
            used += 1;
            o
        }
        (None, None) => offset_in(zone, local)?,
    };
    Some((offset.from_local_datetime(&local).single()?, used))
}

/// A city right after a time as its zone (`6:30 pm (Paris)`, its parentheses trimmed by
/// [`tokens`]), as some papers write it: one capitalised word that names a zone's city.
fn city_offset(token: &str, local: NaiveDateTime) -> Option<chrono::FixedOffset> {
    let city = token.trim_end_matches([',', '.']);
    let capitalised = city.starts_with(char::is_uppercase) && city.chars().all(char::is_alphabetic);
    if !capitalised {
        return None;
    }
    offset_in(crate::extract::zones::zone_of_place(city)?, local)
}

/// Words that stand between a date and its time (`June 6, 2018 — 5.40pm`, `@ 09:15 AM`).
fn joins_date_and_time(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "at" | "-" | "—" | "/" | "–" | "@"
    )
}

/// The time at `toks[i]` on the day of `earlier`, with the zone it names or else `earlier`'s.
fn time_on_the_day_of(
    toks: &[&str],
    i: usize,
    earlier: PartialDate,
) -> Option<(PartialDate, usize)> {
    let PartialDate::Instant(earlier) = earlier else {
        return None;
    };
    let day = earlier.date_naive();
    let (time, used) = read_time(toks, i)?;
    let local = day.and_time(time);
    let states_its_zone = toks
        .get(i + used)
        .is_some_and(|t| zone_offset(t, local).is_some() || city_offset(t, local).is_some())
        || spelled_zone(&toks[(i + used).min(toks.len())..]).is_some();
    if states_its_zone {
        let (at, used) = read_moment(toks, i, day, chrono_tz::UTC)?;
        return Some((PartialDate::Instant(at), used));
    }
    let at = earlier.offset().from_local_datetime(&local).single()?;
    Some((PartialDate::Instant(at), used))
}

/// Reads a whole date expression at `toks[i]`: weekday, date, `at`, time, zone; or the time
/// first, as many pages set it (`3:02 p.m. ET Jan. 17, 2017`, `08:12 BST, 14 June 2018`).
fn read_date_expression(toks: &[&str], i: usize, zone: Tz) -> Option<(PartialDate, usize)> {
    // Every word of a date line is tried: only a word that can be a time is read as one.
    let may_be_time =
        toks[i].starts_with(|c: char| c.is_ascii_digit()) && toks[i].contains([':', '.']);
    if may_be_time && read_time(toks, i).is_some() {
        return read_time_first(toks, i, zone);
    }
    let mut j = i;
    if toks.get(j).is_some_and(|t| is_weekday(t)) {
        j += 1;
    }
    let (date, used) = read_calendar_date(toks, j)?;
    j += used;
    let PartialDate::Day(day) = date else {
        return Some((date, j - i));
    };
    let mut k = j;
    while toks.get(k).is_some_and(|t| joins_date_and_time(t)) {
        k += 1;
    }
    match read_moment(toks, k, day, zone) {
        Some((instant, used)) => Some((PartialDate::Instant(instant), k + used - i)),
        None => Some((date, j - i)),
    }
}

/// `6:41 PM ET, Thu March 2, 2017`: a time and zone, then the day.
fn read_time_first(toks: &[&str], i: usize, zone: Tz) -> Option<(PartialDate, usize)> {
    // The zone is read once the day is known, as daylight saving needs it.
    let (_, time_used) = read_time(toks, i)?;
    let mut j = i + time_used;
    let zone_tokens = if spelled_zone(&toks[j.min(toks.len())..]).is_some() {
        3
    } else {
        usize::from(toks.get(j).is_some_and(|t| {
            let probe = NaiveDate::default()
                .and_hms_opt(12, 0, 0)
                .unwrap_or_default();
            zone_offset(t, probe).is_some()
        }))
    };
    j += zone_tokens;
    while toks.get(j).is_some_and(|t| joins_date_and_time(t)) {
        j += 1;
    }
    if toks.get(j).is_some_and(|t| is_weekday(t)) {
        j += 1;
    }
    let (PartialDate::Day(day), used) = read_calendar_date(toks, j)? else {
        return None;
    };
    let (instant, _) = read_moment(toks, i, day, zone)?;
    Some((PartialDate::Instant(instant), j + used - i))
}

/// Reads a line that states a date and little else: a publication or update line. Returns the
/// dates it holds, or nothing when the line is prose that merely mentions a date.
pub fn parse_date_line(line: &str, zone: Tz) -> Vec<FoundDate> {
    // "This content was published on March 7, 2023 - 14:05": the page's sentence around its
    // date label.
    let line = [
        "this content was ",
        "this article was ",
        "this story was ",
        "this page was ",
    ]
    .iter()
    .find_map(|opening| {
        line.get(..opening.len())
            .filter(|head| head.eq_ignore_ascii_case(opening))
            .map(|_| &line[opening.len()..])
    })
    .unwrap_or(line);
    let found = dates_of_line(line, zone);
    if !found.is_empty() || !line.contains(['|', '·', '•']) {
        return found;
    }
    // A date set beside a place or a section in a strip of the page's header (`| Wed,
    // 03/09/2011 9:02 AM | Jakarta`): the dates of its parts, when every other part is such
    // a label.
    let mut found = Vec::new();
    for part in line.split(['|', '·', '•']).map(str::trim) {
        let dates = dates_of_line(part, zone);
        if !dates.is_empty() {
            found.extend(dates);
        } else if !is_strip_label(part) {
            return Vec::new();
        }
    }
    found
}

/// A short capitalised label of a header strip: a place or a section (`Jakarta`, `New York`),
/// or nothing.
fn is_strip_label(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    words.len() <= 3
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic))
}

fn dates_of_line(line: &str, zone: Tz) -> Vec<FoundDate> {
    let toks = tokens(line);
    if toks.is_empty() || toks.len() > 24 {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut role = DateRole::Published;
    let mut i = 0;
    while i < toks.len() {
        if let Some((value, used)) = read_date_expression(&toks, i, zone) {
            found.push(FoundDate { role, value });
            i += used;
            continue;
        }
        // A time alone after a date is on that date's day, in its zone unless it says its own
        // (`Published on June 10, 2025, at 6:30 pm (Paris), updated at 8:05 pm`).
        if let Some((value, used)) = found
            .last()
            .and_then(|d| time_on_the_day_of(&toks, i, d.value))
        {
            found.push(FoundDate { role, value });
            i += used;
            continue;
        }
        if let Some(label_role) = role_of_label(toks[i]) {
            role = label_role;
        } else if !is_date_filler(toks[i]) && !is_weekday(toks[i]) {
            return Vec::new();
        }
        i += 1;
    }
    found
}

/// A date mentioned anywhere in prose (`on June 15, 2023`): weaker evidence, used only to give a
/// dateline's month and day their year.
pub fn dates_in_prose(text: &str) -> impl Iterator<Item = NaiveDate> + '_ {
    let toks = tokens(text);
    (0..toks.len())
        .filter_map(move |i| match read_calendar_date(&toks, i) {
            Some((PartialDate::Day(d), _)) => Some(d),
            _ => None,
        })
        .collect::<Vec<_>>()
        .into_iter()
}

/// A date at the start of a file name, as Jekyll names posts: `2023-06-16-slug.txt`,
/// `20230616_slug.txt`.
pub fn date_from_file_name(name: &str) -> Option<NaiveDate> {
    let digits: String = name.chars().take(10).collect();
    if let Ok(d) = NaiveDate::parse_from_str(&digits, "%Y-%m-%d") {
        return Some(d);
    }
    let compact: String = name.chars().take(8).collect();
    let next = name.chars().nth(8);
    if compact.len() == 8
        && compact.bytes().all(|b| b.is_ascii_digit())
        && next.is_none_or(|c| !c.is_ascii_digit())
    {
        return NaiveDate::parse_from_str(&compact, "%Y%m%d").ok();
    }
    None
}

/// Reads a front-matter or sidecar date value: a TOML date or date-time (given as its text), or
/// any form a date line may take.
pub fn parse_date_value(value: &str, zone: Tz) -> Option<PartialDate> {
    let v = value.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Some(PartialDate::Instant(t));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(local) = NaiveDateTime::parse_from_str(v, format) {
            let offset = offset_in(zone, local)?;
            return offset
                .from_local_datetime(&local)
                .single()
                .map(PartialDate::Instant);
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        return Some(PartialDate::Day(d));
    }
    if let Some(y) = year_number(v) {
        return Some(PartialDate::Year(y));
    }
    if v.len() == 7 && v.as_bytes()[4] == b'-' {
        let y = year_number(&v[..4])?;
        let m: u32 = v[5..].parse().ok()?;
        return (1..=12)
            .contains(&m)
            .then_some(PartialDate::YearMonth(y, m));
    }
    parse_date_line(v, zone).first().map(|f| f.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const UTC: Tz = chrono_tz::UTC;

    fn one(line: &str) -> String {
        let found = parse_date_line(line, UTC);
        assert_eq!(found.len(), 1, "{line}: {found:?}");
        found[0].value.to_string()
    }

    #[test]
    fn plain_dates() {
        assert_eq!(one("June 16, 2023"), "2023-06-16");
        assert_eq!(one("2023-06-16"), "2023-06-16");
        assert_eq!(one("Published 16 June 2023"), "2023-06-16");
        assert_eq!(one("Jan. 2, 2025"), "2025-01-02");
    }

    #[test]
    fn a_city_as_the_zone_and_a_later_time_on_the_same_day() {
        let both = parse_date_line(
            "Published on June 10, 2025, at 6:30 pm (Paris), updated at 8:05 pm",
            chrono_tz::UTC,
        );
        let read: Vec<(DateRole, String)> =
            both.iter().map(|d| (d.role, d.value.to_string())).collect();
        assert_eq!(
            read,
            [
                (DateRole::Published, "2025-06-10T18:30:00+02:00".to_string()),
                (DateRole::Updated, "2025-06-10T20:05:00+02:00".to_string()),
            ]
        );
    }

    #[test]
    fn dotted_dates_are_day_first_and_original_is_the_publication() {
        assert_eq!(one("12.03.12 @ 17:25"), "2012-03-12T17:25:00+00:00");
        assert_eq!(one("04.09.2019"), "2019-09-04");
        let both = parse_date_line(
            "Updated Feb. 3, 2023 4:12 pm ET / Original Feb. 3, 2023 1:05 pm ET",
            chrono_tz::UTC,
        );
        let roles: Vec<DateRole> = both.iter().map(|d| d.role).collect();
        assert_eq!(roles, [DateRole::Updated, DateRole::Published]);
    }

    #[test]
    fn dates_with_times_and_zones() {
        assert_eq!(
            one("Published: 16 June 2023 09:00 BST"),
            "2023-06-16T09:00:00+01:00"
        );
        assert_eq!(
            one("Fri 16 Jun 2023 10.00 BST"),
            "2023-06-16T10:00:00+01:00"
        );
        assert_eq!(
            one("June 16, 2023 at 3:44 AM EDT"),
            "2023-06-16T03:44:00-04:00"
        );
        assert_eq!(
            one("March 5, 2024 10:12 AM GMT"),
            "2024-03-05T10:12:00+00:00"
        );
    }

    #[test]
    fn spelled_out_zones() {
        assert_eq!(
            one("March 21, 2023 07:00 AM Eastern Daylight Time"),
            "2023-03-21T07:00:00-04:00"
        );
    }

    #[test]
    fn generic_us_zones_follow_daylight_saving() {
        assert_eq!(
            one("Jan. 3, 2025, 5:12 p.m. ET"),
            "2025-01-03T17:12:00-05:00"
        );
        assert_eq!(
            one("July 3, 2025, 5:12 p.m. ET"),
            "2025-07-03T17:12:00-04:00"
        );
    }

    #[test]
    fn updated_lines() {
        let found = parse_date_line("Updated June 17, 2023 at 3:44 AM EDT", UTC);
        assert_eq!(found[0].role, DateRole::Updated);
        let found = parse_date_line(
            "Published Jan. 2, 2025 Updated Jan. 3, 2025, 5:12 p.m. ET",
            UTC,
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].role, DateRole::Published);
        assert_eq!(found[1].role, DateRole::Updated);
    }

    #[test]
    fn times_without_zone_use_the_site_zone() {
        let found = parse_date_line("16 June 2023 09:00", chrono_tz::Europe::London);
        assert_eq!(found[0].value.to_string(), "2023-06-16T09:00:00+01:00");
        // A meridiem that ends the line's sentence still makes the time the afternoon's.
        let found = parse_date_line("Published - February 14, 2023 at 07:40 PM.", UTC);
        assert_eq!(found[0].value.to_string(), "2023-02-14T19:40:00+00:00");
    }

    #[test]
    fn prose_is_not_a_date_line() {
        assert!(
            parse_date_line("The vote was held on June 16, 2023 in the capital.", UTC).is_empty()
        );
        assert!(parse_date_line("A meeting with Xi is possible.", UTC).is_empty());
    }

    #[test]
    fn file_names() {
        assert_eq!(
            date_from_file_name("2023-06-16-some-slug.txt"),
            NaiveDate::from_ymd_opt(2023, 6, 16)
        );
        assert_eq!(
            date_from_file_name("20230616_slug.txt"),
            NaiveDate::from_ymd_opt(2023, 6, 16)
        );
        assert_eq!(date_from_file_name("000_33ded8e119d33a78.txt"), None);
    }

    #[test]
    fn front_matter_values() {
        assert_eq!(
            parse_date_value("2024-05-02T08:30:00-04:00", UTC)
                .unwrap()
                .to_string(),
            "2024-05-02T08:30:00-04:00"
        );
        assert_eq!(
            parse_date_value("2024-05-02", UTC).unwrap().to_string(),
            "2024-05-02"
        );
    }
}
