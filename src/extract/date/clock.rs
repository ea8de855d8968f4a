//! Times of day (`3:44`, `10.00`, `5:12 p.m.`) and the zones copy writes after them (`EDT`, `ET`,
//! `Eastern Daylight Time`, `+01:00`).

use chrono::{FixedOffset, NaiveDateTime, NaiveTime};

use crate::zone::offset_in;

/// Reads a time of day starting at `tokens[i]`: `3:44`, `10.00`, `3:44PM`, `5:12 p.m.`.
/// Returns the time and how many tokens it used.
pub(super) fn read_time(toks: &[&str], i: usize) -> Option<(NaiveTime, usize)> {
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
            // `PM.` and `pm,` end a sentence or a clause of the date line.
            let t = t.to_lowercase();
            let bare = t.trim_end_matches(['.', ',', ';']);
            matches!(bare, "am" | "pm" | "a.m" | "p.m").then(|| {
                used += 1;
                bare.to_string()
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

/// The offset a time-zone abbreviation stands for at a given local time. Generic US zones (`ET`)
/// follow daylight saving through the IANA database.
pub(super) fn zone_offset(abbr: &str, local: NaiveDateTime) -> Option<FixedOffset> {
    let hours = |h: i32| FixedOffset::east_opt(h * 3600);
    let a = abbr.trim_matches(|c: char| c == '(' || c == ')' || c == '.' || c == ',');
    let fixed = match a.to_uppercase().as_str() {
        "UTC" | "GMT" | "Z" | "UT" => hours(0),
        "BST" | "CET" | "WAT" => hours(1),
        "CEST" | "EET" | "CAT" | "SAST" => hours(2),
        "EEST" | "MSK" | "EAT" => hours(3),
        "GST" => hours(4),
        "PKT" | "UZT" => hours(5),
        "NPT" => FixedOffset::east_opt(5 * 3600 + 2700),
        "BDT" => hours(6),
        // India's, in the Indian papers that write it: Irish and Israeli copy spells its zone.
        "IST" => FixedOffset::east_opt(5 * 3600 + 1800),
        "WIB" | "ICT" => hours(7),
        "HKT" | "SGT" | "AWST" | "PHT" | "MYT" | "WITA" => hours(8),
        "JST" | "KST" | "WIT" => hours(9),
        "AEST" => hours(10),
        "ACST" => FixedOffset::east_opt(9 * 3600 + 1800),
        "ACDT" => FixedOffset::east_opt(10 * 3600 + 1800),
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
        "UK" => return offset_in(chrono_tz::Europe::London, local),
        "CT" => return offset_in(chrono_tz::America::Chicago, local),
        "MT" => return offset_in(chrono_tz::America::Denver, local),
        "PT" => return offset_in(chrono_tz::America::Los_Angeles, local),
        _ => return numeric_offset(a),
    };
    fixed
}

/// Zones written out: `Eastern Daylight Time`, `British Summer Time`. Returns the abbreviation
/// and how many tokens the name used.
pub(super) fn spelled_zone(toks: &[&str]) -> Option<(&'static str, usize)> {
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
    if let Some((_, abbr)) = names.iter().find(|(name, _)| joined.starts_with(name)) {
        return Some((abbr, 3));
    }
    // US papers' generic zones after a time: `5 AM Central`, `9:30 a.m. Eastern Time`.
    let generic: &[(&str, &str)] = &[
        ("eastern", "ET"),
        ("central", "CT"),
        ("mountain", "MT"),
        ("pacific", "PT"),
    ];
    let first = words.first()?.trim_end_matches(['.', ',']);
    let (_, abbr) = generic.iter().find(|(name, _)| *name == first)?;
    let with_time = words
        .get(1)
        .is_some_and(|w| w.trim_end_matches(['.', ',']) == "time");
    Some((abbr, if with_time { 2 } else { 1 }))
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
