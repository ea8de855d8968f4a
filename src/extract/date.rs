//! Dates as news copy writes them: `June 16, 2023`, `2023-06-16`, `Published: 16 June 2023 09:00
//! BST`, `Updated June 17, 2023 at 3:44 AM EDT`, `Fri 16 Jun 2023 10.00 BST`, `Jan. 2`.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

use crate::model::PartialDate;
use crate::zone::offset_in;

/// A month name or its abbreviation (`June`, `Jun`, `Jun.`, `Sept.`).
pub fn month_from_word(word: &str) -> Option<u32> {
    let mut lowered = [0; CALENDAR_WORD_MAX];
    let month = match calendar_key(word, &mut lowered)? {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(month)
}

/// A day of the week or its abbreviation (`Friday`, `Fri.`).
pub fn is_weekday(word: &str) -> bool {
    let mut lowered = [0; CALENDAR_WORD_MAX];
    let Some(w) = calendar_key(word, &mut lowered) else {
        return false;
    };
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ]
    .contains(&w)
}

/// The longest month or weekday name ("September", "Wednesday").
const CALENDAR_WORD_MAX: usize = 9;

/// `word` without a trailing full stop or comma, in lower case, written into `buf`: every
/// month and weekday name is short ASCII, so anything else is none of them, and the words of
/// a whole story can be asked without an allocation each.
fn calendar_key<'b>(word: &str, buf: &'b mut [u8; CALENDAR_WORD_MAX]) -> Option<&'b str> {
    let word = word.trim_end_matches(['.', ',']);
    if word.len() > CALENDAR_WORD_MAX || !word.is_ascii() {
        return None;
    }
    let lowered = &mut buf[..word.len()];
    lowered.copy_from_slice(word.as_bytes());
    lowered.make_ascii_lowercase();
    std::str::from_utf8(lowered).ok()
}

/// A day of the month, allowing `16th` and a trailing comma.
fn day_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches(',');
    let w = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| w.strip_suffix(s))
        .unwrap_or(w);
    let d: u32 = w.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_number(word: &str) -> Option<i32> {
    let w = word.trim_end_matches([',', '.']);
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    (1800..=2200).contains(&y).then_some(y)
}

/// A four-digit year anywhere in `s` (the first one).
pub fn first_year_in(s: &str) -> Option<i32> {
    s.split(|c: char| !c.is_ascii_digit()).find_map(year_number)
}

/// The offset a time-zone abbreviation stands for at a given local time. Generic US zones (`ET`)
/// follow daylight saving through the IANA database.
fn zone_offset(abbr: &str, local: NaiveDateTime) -> Option<FixedOffset> {
    let hours = |h: i32| FixedOffset::east_opt(h * 3600);
    let a = abbr.trim_matches(|c: char| c == '(' || c == ')' || c == '.' || c == ',');
    let fixed = match a.to_uppercase().as_str() {
        "UTC" | "GMT" | "Z" | "UT" => hours(0),
        "BST" | "CET" | "WAT" => hours(1),
        "CEST" | "EET" | "CAT" | "SAST" => hours(2),
        "EEST" | "MSK" | "EAT" => hours(3),
        "PKT" => hours(5),
        "WIB" | "ICT" => hours(7),
        "HKT" | "SGT" | "AWST" | "PHT" => hours(8),
        "JST" | "KST" => hours(9),
        "AEST" => hours(10),
        "AEDT" => hours(11),
        "NZST" => hours(12),
        "NZDT" => hours(13),
        "EDT" => hours(-4),
        "EST" | "CDT" => hours(-5),
        "CST" | "MDT" => hours(-6),
        "MST" | "PDT" => hours(-7),
        "PST" | "AKDT" => hours(-8),
        "AKST" => hours(-9),
        "HST" => hours(-10),
        "ET" => return offset_in(chrono_tz::America::New_York, local),
        "CT" => return offset_in(chrono_tz::America::Chicago, local),
        "MT" => return offset_in(chrono_tz::America::Denver, local),
        "PT" => return offset_in(chrono_tz::America::Los_Angeles, local),
        _ => return numeric_offset(a),
    };
    fixed
}

/// Zones written out: `Eastern Daylight Time`, `British Summer Time`. Returns the abbreviation
/// and how many tokens the name used.
fn spelled_zone(toks: &[&str]) -> Option<(&'static str, usize)> {
    let words: Vec<String> = toks.iter().take(3).map(|t| t.to_lowercase()).collect();
    let names: &[(&str, &str)] = &[
        ("eastern daylight time", "EDT"),
        ("eastern standard time", "EST"),
        ("central daylight time", "CDT"),
        ("central standard time", "CST"),
        ("mountain daylight time", "MDT"),
        ("mountain standard time", "MST"),
        ("pacific daylight time", "PDT"),
        ("pacific standard time", "PST"),
        ("british summer time", "BST"),
        ("greenwich mean time", "GMT"),
        ("central european time", "CET"),
    ];
    let joined = words.join(" ");
    names
        .iter()
        .find(|(name, _)| joined.starts_with(name))
        .map(|(_, abbr)| (*abbr, 3))
}

/// `+01:00`, `+0100`, `-4`, `GMT+1` and friends.
fn numeric_offset(s: &str) -> Option<FixedOffset> {
    let s = s
        .strip_prefix("GMT")
        .or_else(|| s.strip_prefix("UTC"))
        .unwrap_or(s);
    let mut chars = s.chars();
    let sign = match chars.next()? {
        '+' => 1,
        '-' | '−' => -1,
        _ => return None,
    };
    let rest = chars.as_str();
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != rest.len() - rest.matches(':').count() {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

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

fn tokens(line: &str) -> Vec<&str> {
    line.split(|c: char| c.is_whitespace() || c == ',' || c == '|' || c == '·' || c == '•')
        .map(|t| t.trim_matches(|c: char| c == '(' || c == ')'))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Words that may stand around a date on a date line.
fn is_date_filler(word: &str) -> bool {
    let w = word.trim_end_matches([':', '.', ',']).to_lowercase();
    matches!(
        w.as_str(),
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
            | "time"
            | "edition"
            | "print"
            | "issued"
            | "released"
            | "release"
    ) || (w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()))
}

fn is_update_label(word: &str) -> bool {
    let w = word.trim_end_matches([':', '.', ',']).to_lowercase();
    matches!(w.as_str(), "updated" | "update" | "modified" | "last")
}

/// Reads a time of day starting at `tokens[i]`: `3:44`, `10.00`, `3:44PM`, `5:12 p.m.`.
/// Returns the time and how many tokens it used.
fn read_time(toks: &[&str], i: usize) -> Option<(NaiveTime, usize)> {
    let raw = toks.get(i)?.to_lowercase();
    let (clock, glued) = match raw.find(|c: char| c.is_ascii_alphabetic()) {
        Some(p) => (&raw[..p], Some(raw[p..].to_string())),
        None => (raw.as_str(), None),
    };
    let (h, m) = clock.split_once([':', '.'])?;
    let (mut hour, minute): (u32, u32) = (h.parse().ok()?, m.get(..2)?.parse().ok()?);
    if m.len() > 2 && !m[2..].starts_with(':') {
        return None;
    }
    let mut used = 1;
    let meridiem = glued.or_else(|| {
        toks.get(i + 1).and_then(|t| {
            let t = t.to_lowercase();
            matches!(t.as_str(), "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m").then(|| {
                used += 1;
                t
            })
        })
    });
    if let Some(mer) = meridiem {
        let mer = mer.replace('.', "");
        match mer.as_str() {
            "am" if hour == 12 => hour = 0,
            "pm" if hour < 12 => hour += 12,
            "am" | "pm" => {}
            _ => return None,
        }
    }
    Some((NaiveTime::from_hms_opt(hour, minute, 0)?, used))
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
        // "16 June 2023"
        let month = toks.get(i + 1).and_then(|t| month_from_word(t))?;
        let year = toks.get(i + 2).and_then(|t| year_number(t))?;
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        return Some((PartialDate::Day(date), 3));
    }
    None
}

/// Reads a whole date expression (weekday, date, `at`, time, zone) at `toks[i]`.
fn read_date_expression(toks: &[&str], i: usize, zone: Tz) -> Option<(PartialDate, usize)> {
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
    while toks
        .get(k)
        .is_some_and(|t| matches!(t.to_lowercase().as_str(), "at" | "-" | "—" | "/" | "–"))
    {
        k += 1;
    }
    let Some((time, used)) = read_time(toks, k) else {
        return Some((date, j - i));
    };
    k += used;
    let local = day.and_time(time);
    let spelled = spelled_zone(&toks[k.min(toks.len())..]);
    let explicit = toks.get(k).and_then(|t| zone_offset(t, local));
    let offset = match (spelled, explicit) {
        (Some((abbr, used)), _) => {
            k += used;
            zone_offset(abbr, local)?
        }
        (None, Some(o)) => {
            k += 1;
            o
        }
        (None, None) => offset_in(zone, local)?,
    };
    let instant = offset.from_local_datetime(&local).single()?;
    Some((PartialDate::Instant(instant), k - i))
}

/// Reads a line that states a date and little else: a publication or update line. Returns the
/// dates it holds, or nothing when the line is prose that merely mentions a date.
pub fn parse_date_line(line: &str, zone: Tz) -> Vec<FoundDate> {
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
        if is_update_label(toks[i]) {
            role = DateRole::Updated;
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

    #[test]
    fn calendar_words_in_any_case_with_their_stops() {
        assert_eq!(month_from_word("SEPTEMBER."), Some(9));
        assert_eq!(month_from_word("Sept,"), Some(9));
        assert_eq!(month_from_word("Septembers"), None);
        assert_eq!(month_from_word("März"), None);
        assert!(is_weekday("WEDNESDAY,"));
        assert!(is_weekday("Thurs."));
        assert!(!is_weekday("Sundays"));
        assert!(!is_weekday("İ"));
    }

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
