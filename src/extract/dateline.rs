//! Datelines: `WASHINGTON (AP) —`, `BEIJING, June 18 (Reuters) -`, `(Bloomberg) —`,
//! `SAN JUAN, Puerto Rico —`, `KYIV, Ukraine, Jan. 2 (Reuters) —`, `SEATTLE, Jan. 9, 2025
//! /PRNewswire/ --`. The place is written in capitals, a region or country may follow in
//! ordinary case, then a date, then the agency in parentheses, then a dash.

use chrono::NaiveDate;

use super::date::month_from_word;
use crate::model::{Dateline, DatelineDate};

/// How far into a paragraph a dateline may reach.
const MAX_DATELINE_BYTES: usize = 160;

/// The dashes that can end a dateline. Where two start at the same place, the first listed
/// is taken (` -- ` rather than ` - `).
const SEPARATORS: [&str; 6] = [" — ", "—", " – ", " -- ", "--", " - "];

/// Finds the dash that ends a dateline: returns its byte range. One pass over the head of the
/// paragraph: every separator starts with a space, a hyphen or the em dash's first byte, so
/// only those bytes are tried.
fn separator(paragraph: &str) -> Option<(usize, usize)> {
    let limit = paragraph.len().min(MAX_DATELINE_BYTES);
    let bytes = paragraph.as_bytes();
    bytes[..limit]
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, b' ' | b'-' | 0xE2))
        .find_map(|(pos, _)| {
            SEPARATORS
                .iter()
                .find(|sep| bytes[pos..].starts_with(sep.as_bytes()))
                .map(|sep| (pos, pos + sep.len()))
        })
}

fn is_capitals_place(part: &str) -> bool {
    let words = part.split_whitespace().count();
    let letters = part.chars().filter(|c| c.is_alphabetic()).count();
    (1..=5).contains(&words)
        && letters >= 2
        && part
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || ".'’-".contains(c))
}

/// `Puerto Rico`, `Ukraine`, `D.C.`, `Calif.`: a region or country after the place.
fn is_region(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && month_from_word(words[0]).is_none()
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || ".'’-".contains(c))
        })
}

/// `June 18`, `Jan. 2`, `18 June`, `June 18 2023`.
fn date_part(part: &str) -> Option<(u32, u32, Option<i32>)> {
    let words: Vec<&str> = part.split_whitespace().collect();
    let day = |w: &str| w.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
    let year = |w: Option<&&str>| w.and_then(|w| w.parse::<i32>().ok().filter(|y| *y > 1800));
    match words.as_slice() {
        [m, d, rest @ ..]
            if month_from_word(m).is_some() && day(d).is_some() && rest.len() <= 1 =>
        {
            Some((month_from_word(m)?, day(d)?, year(rest.first())))
        }
        [d, m, rest @ ..]
            if day(d).is_some() && month_from_word(m).is_some() && rest.len() <= 1 =>
        {
            Some((month_from_word(m)?, day(d)?, year(rest.first())))
        }
        _ => None,
    }
}

/// Business Wire's form: `BOSTON--(BUSINESS WIRE)--Text`.
fn business_wire(paragraph: &str) -> Option<(Dateline, &str)> {
    let open = paragraph
        .get(..MAX_DATELINE_BYTES.min(paragraph.len()))?
        .as_bytes()
        .windows(3)
        .position(|w| w == b"--(")?;
    let close = paragraph[open..].find(")--")? + open;
    let place = paragraph[..open].trim();
    let agency = paragraph[open + 3..close].trim();
    if !is_capitals_place(place.split(',').next().unwrap_or_default()) || agency.is_empty() {
        return None;
    }
    Some((
        Dateline {
            text: paragraph[..close + 1].to_string(),
            place: Some(place.to_string()),
            agency: Some(agency.to_string()),
            date: None,
        },
        paragraph[close + 3..].trim_start(),
    ))
}

/// Splits a trailing `(Agency)` or `/Agency/` off a dateline.
fn split_agency(prefix: &str) -> (&str, Option<&str>) {
    let trimmed = prefix.trim_end();
    if let Some(inner) = trimmed.strip_suffix(')') {
        if let Some(open) = inner.rfind('(') {
            let agency = inner[open + 1..].trim();
            if !agency.is_empty() && agency.len() <= 40 {
                return (inner[..open].trim_end().trim_end_matches(','), Some(agency));
            }
        }
    }
    if let Some(inner) = trimmed.strip_suffix('/') {
        if let Some(open) = inner.rfind('/') {
            let agency = inner[open + 1..].trim();
            if !agency.is_empty() && agency.len() <= 40 {
                return (inner[..open].trim_end().trim_end_matches(','), Some(agency));
            }
        }
    }
    (trimmed, None)
}

/// Reads the dateline at the start of a paragraph. Returns it and the rest of the paragraph
/// (empty when the dateline stood alone).
pub fn find_dateline(paragraph: &str) -> Option<(Dateline, &str)> {
    if let Some(found) = business_wire(paragraph) {
        return Some(found);
    }
    let (start, end) = separator(paragraph)?;
    let prefix = paragraph[..start].trim();
    let rest = paragraph[end..].trim_start();
    let (head, agency) = split_agency(prefix);
    let head = head.trim();

    let mut place_parts: Vec<&str> = Vec::new();
    let mut date: Option<DatelineDate> = None;
    if !head.is_empty() {
        let parts: Vec<&str> = head.split(',').map(str::trim).collect();
        // AFP writes the country in parentheses after a place in ordinary case:
        // "Kamiyama (Japan) (AFP)".
        let afp_place = agency.is_some()
            && parts.len() == 1
            && parts[0].ends_with(')')
            && parts[0].contains(" (")
            && is_region(parts[0].split(" (").next().unwrap_or_default());
        let mut i = 1;
        if afp_place || is_capitals_place(parts[0]) {
            place_parts.push(parts[0]);
        } else if agency.is_some() && date_part(parts[0]).is_some() {
            // "Nov. 3 (Bloomberg) --": a date and an agency, no place.
            i = 0;
        } else {
            return None;
        }
        while i < parts.len() {
            let part = parts[i];
            if let Some((month, day, year)) = date_part(part) {
                if date.is_some() {
                    return None;
                }
                let year = year.or_else(|| {
                    let y = parts
                        .get(i + 1)?
                        .parse::<i32>()
                        .ok()
                        .filter(|y| *y > 1800)?;
                    i += 1;
                    Some(y)
                });
                date = Some(
                    match year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day)) {
                        Some(full) => DatelineDate::Full(full),
                        None => DatelineDate::MonthDay(month, day),
                    },
                );
            } else if date.is_none() && (is_region(part) || is_capitals_place(part)) {
                place_parts.push(part);
            } else {
                return None;
            }
            i += 1;
        }
    } else if agency.is_none() {
        return None;
    }
    // A lone capitalised word before a dash in the middle of prose ("NATO — the alliance")
    // would pass the grammar; a real dateline is followed by a sentence or by nothing.
    if !rest.is_empty()
        && !rest
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "“\"‘'`".contains(c))
    {
        return None;
    }
    let place = (!place_parts.is_empty()).then(|| place_parts.join(", "));
    Some((
        Dateline {
            text: prefix.to_string(),
            place,
            agency: agency.map(str::to_string),
            date,
        },
        rest,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The separator by its definition: the earliest first occurrence of any separator that
    /// starts within the limit, the first listed winning a tie.
    fn separator_by_search(paragraph: &str) -> Option<(usize, usize)> {
        let limit = paragraph.len().min(MAX_DATELINE_BYTES);
        SEPARATORS
            .iter()
            .filter_map(|sep| paragraph.find(sep).map(|pos| (pos, pos + sep.len())))
            .filter(|(pos, _)| *pos < limit)
            .min_by_key(|(pos, _)| *pos)
    }

    #[test]
    fn separator_scan_agrees_with_searching_for_each_dash() {
        let parts = [
            " ",
            "-",
            "--",
            "—",
            "–",
            " — ",
            " – ",
            " -- ",
            " - ",
            "WASHINGTON",
            "(AP)",
            "a",
            "é",
            "’",
            ",",
            "ab cd ef gh ij kl mn op qr st uv wx yz ",
        ];
        let texts = crate::testing::strings_of(&parts, 20_000, 24);
        for text in &texts {
            assert_eq!(separator(text), separator_by_search(text), "{text:?}");
        }
        // Dashes right around the limit, after a long head.
        for pad in MAX_DATELINE_BYTES - 6..MAX_DATELINE_BYTES + 2 {
            for sep in SEPARATORS {
                let text = format!("{}{sep}x", "A".repeat(pad));
                assert_eq!(separator(&text), separator_by_search(&text), "{text:?}");
            }
        }
    }

    fn parts(
        p: &str,
    ) -> (
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
    ) {
        let (d, rest) = find_dateline(p).unwrap_or_else(|| panic!("no dateline in {p}"));
        (
            d.text,
            d.place,
            d.agency,
            d.date.map(|x| x.to_string()),
            rest.to_string(),
        )
    }

    #[test]
    fn wire_datelines() {
        let (text, place, agency, date, rest) = parts("WASHINGTON (AP) — The House voted.");
        assert_eq!(text, "WASHINGTON (AP)");
        assert_eq!(place.as_deref(), Some("WASHINGTON"));
        assert_eq!(agency.as_deref(), Some("AP"));
        assert_eq!(date, None);
        assert_eq!(rest, "The House voted.");

        let (_, place, agency, date, _) = parts("BEIJING, June 18 (Reuters) - China said.");
        assert_eq!(place.as_deref(), Some("BEIJING"));
        assert_eq!(agency.as_deref(), Some("Reuters"));
        assert_eq!(date.as_deref(), Some("--06-18"));

        let (_, place, _, date, _) = parts("KYIV, Ukraine, Jan. 2 (Reuters) — Drones hit.");
        assert_eq!(place.as_deref(), Some("KYIV, Ukraine"));
        assert_eq!(date.as_deref(), Some("--01-02"));

        let (_, place, agency, _, _) = parts("SAN JUAN, Puerto Rico — Power returned.");
        assert_eq!(place.as_deref(), Some("SAN JUAN, Puerto Rico"));
        assert_eq!(agency, None);

        let (_, place, agency, _, _) =
            parts("(Bloomberg) — Secretary of State Antony Blinken’s trip.");
        assert_eq!(place, None);
        assert_eq!(agency.as_deref(), Some("Bloomberg"));

        let (_, place, _, _, _) = parts("LONDON — Prices rose.");
        assert_eq!(place.as_deref(), Some("LONDON"));
        let (_, _, _, date, _) = parts("NEW YORK, March 3 - Stocks fell.");
        assert_eq!(date.as_deref(), Some("--03-03"));
        let (_, _, agency, _, _) = parts("PARIS (AFP) - France said.");
        assert_eq!(agency.as_deref(), Some("AFP"));
        let (_, _, agency, _, _) = parts("NEW YORK (AP) -- Stocks fell.");
        assert_eq!(agency.as_deref(), Some("AP"));
    }

    #[test]
    fn press_release_dateline_with_year() {
        let (_, place, agency, date, rest) =
            parts("SEATTLE, Jan. 9, 2025 /PRNewswire/ -- Acme Corp. today announced.");
        assert_eq!(place.as_deref(), Some("SEATTLE"));
        assert_eq!(agency.as_deref(), Some("PRNewswire"));
        assert_eq!(date.as_deref(), Some("2025-01-09"));
        assert!(rest.starts_with("Acme"));
    }

    #[test]
    fn other_wire_forms() {
        let (text, place, agency, _, rest) =
            parts("BOSTON--(BUSINESS WIRE)--Harborview today said.");
        assert_eq!(text, "BOSTON--(BUSINESS WIRE)");
        assert_eq!(place.as_deref(), Some("BOSTON"));
        assert_eq!(agency.as_deref(), Some("BUSINESS WIRE"));
        assert_eq!(rest, "Harborview today said.");
        let (_, place, agency, _, _) = parts("Kamiyama (Japan) (AFP) - The farmhouse.");
        assert_eq!(place.as_deref(), Some("Kamiyama (Japan)"));
        assert_eq!(agency.as_deref(), Some("AFP"));
        let (_, place, _, date, _) = parts("Nov. 3 (Bloomberg) -- Nordpulp cut its forecast.");
        assert_eq!(place, None);
        assert_eq!(date.as_deref(), Some("--11-03"));
    }

    #[test]
    fn prose_is_not_a_dateline() {
        assert!(find_dateline("US-China relations went into a tailspin — again.").is_none());
        assert!(
            find_dateline("Secretary of State Antony Blinken’s last attempt — derailed.").is_none()
        );
        assert!(find_dateline("NATO — the alliance said").is_none());
        assert!(find_dateline("No dash here at all.").is_none());
    }
}
