//! Datelines: `WASHINGTON (AP) —`, `BEIJING, June 18 (Reuters) -`, `(Bloomberg) —`,
//! `SAN JUAN, Puerto Rico —`, `KYIV, Ukraine, Jan. 2 (Reuters) —`, `SEATTLE, Jan. 9, 2025
//! /PRNewswire/ --`. The place is written in capitals, a region or country may follow in
//! ordinary case, then a date, then the agency in parentheses, then a dash.

use chrono::NaiveDate;

use super::date::month_from_word;
use crate::model::{Dateline, DatelineDate};
use words::{CAPTION_OPENERS, NOT_A_PLACE};

mod words;

/// How far into a paragraph a dateline may reach.
const MAX_DATELINE_BYTES: usize = 160;

/// The dashes that can end a dateline, and the colon of South Asian papers (`MUMBAI: The`).
/// Where two start at the same place, the first listed is taken (` -- ` rather than ` - `).
/// ` _ ` is the dash of 1980s AP copy sent in ASCII (`BALTIMORE (AP) _ About`).
const SEPARATORS: [&str; 8] = [" — ", "—", " – ", " -- ", "--", " - ", " _ ", ": "];

/// The agencies a dateline names without parentheses: after its date (`ROME, March 13, Reuter
/// -`) or after its place (`New York CNN —`).
const BARE_AGENCIES: &[&str] = &[
    "Reuter", "Reuters", "AP", "AFP", "UPI", "CNN", "Xinhua", "DPA", "dpa", "PTI", "IANS", "ANI",
    "Kyodo", "KYODO", "Yonhap", "EFE", "ANSA", "Tass", "TASS", "GNA", "NAN", "Bernama", "BERNAMA",
    "APP", "WAM", "SPA", "KUNA", "MENA", "IRNA", "PNA", "Antara", "ANTARA",
];

/// Finds the dash that ends a dateline: returns its byte range. One pass over the head of the
/// paragraph: every separator starts with a space, a hyphen or the em dash's first byte, so
/// only those bytes are tried.
fn separator(paragraph: &str) -> Option<(usize, usize)> {
    let limit = paragraph.len().min(MAX_DATELINE_BYTES);
    let bytes = paragraph.as_bytes();
    bytes[..limit]
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, b' ' | b'-' | b':' | 0xE2))
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

/// ACCESSWIRE's and Newsfile's form: `ST. LOUIS, MO / ACCESSWIRE / April 2, 2024 / Text`.
fn slashed_wire(paragraph: &str) -> Option<(Dateline, &str)> {
    let head = paragraph.get(..MAX_DATELINE_BYTES.min(paragraph.len()))?;
    let mut parts = head.splitn(4, " / ");
    let (place, agency, date) = (
        parts.next()?.trim(),
        parts.next()?.trim(),
        parts.next()?.trim(),
    );
    parts.next()?;
    let (month, day, year) = match date.split_once(", ") {
        Some((month_day, year)) => {
            let (month, day, _) = date_part(month_day)?;
            (month, day, year.trim().parse::<i32>().ok())
        }
        None => date_part(date)?,
    };
    let capitals =
        |s: &str| s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase);
    if !capitals(place) || agency.split_whitespace().count() > 3 || agency.is_empty() {
        return None;
    }
    let text = format!("{place} / {agency} / {date}");
    let rest = paragraph[text.len()..]
        .trim_start()
        .trim_start_matches('/')
        .trim_start();
    Some((
        Dateline {
            text,
            place: Some(place.to_string()),
            agency: Some(agency.to_string()),
            date: Some(
                match year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day)) {
                    Some(full) => DatelineDate::Full(full),
                    None => DatelineDate::MonthDay(month, day),
                },
            ),
        },
        rest,
    ))
}

/// A dateline standing alone at the end of its paragraph, its dash last (`OMAHA, Neb., March 3
/// -`), as 1980s wire copy sets the dateline of an earnings table: the byte range of the dash.
fn trailing_dash(paragraph: &str) -> Option<(usize, usize)> {
    if paragraph.len() > MAX_DATELINE_BYTES {
        return None;
    }
    let trimmed = paragraph.trim_end();
    let dash = ["--", "—", "–", "-"]
        .iter()
        .find(|d| trimmed.ends_with(*d))?;
    let start = trimmed.len() - dash.len();
    // A hyphenated word ("ex-") is not a dash: the dash stands after a space or a dateline.
    trimmed[..start]
        .ends_with([' ', '.', ')'])
        .then_some((start, paragraph.len()))
}

/// `Washington (CNN)A House committee`: a place and an agency in parentheses glued to the
/// first sentence, with no dash. Returns the byte where the sentence starts.
fn glued_agency(paragraph: &str) -> Option<usize> {
    let close = paragraph
        .get(..MAX_DATELINE_BYTES.min(paragraph.len()))?
        .find(')')?;
    let open = paragraph[..close].rfind('(')?;
    let agency = &paragraph[open + 1..close];
    let head = paragraph[..open].trim();
    let starts_sentence = paragraph[close + 1..]
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || "“\"‘'".contains(c));
    (BARE_AGENCIES.contains(&agency) && !head.is_empty() && starts_sentence).then_some(close + 1)
}

/// Splits a trailing `(Agency)`, `/Agency/` or bare agency name off a dateline.
fn split_agency(prefix: &str) -> (&str, Option<&str>) {
    let trimmed = prefix.trim_end();
    if let Some((head, last)) = trimmed.rsplit_once(' ') {
        if BARE_AGENCIES.contains(&last) && !head.ends_with(',') {
            return (head.trim_end(), Some(last));
        }
    }
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
    if let Some(found) = business_wire(paragraph).or_else(|| slashed_wire(paragraph)) {
        return Some(found);
    }
    let found = separator(paragraph)
        .or_else(|| trailing_dash(paragraph))
        .and_then(|(start, end)| read_dateline(paragraph, start, end));
    found.or_else(|| {
        let end = glued_agency(paragraph)?;
        read_dateline(paragraph, end, end)
    })
}

/// The shortest paragraph a dateline of weaker form opens (a colon, `MUMBAI: The city…`; a
/// place in ordinary case, `Kano, Nigeria - Musa…`): shorter, and it is a headline or a label
/// (`UK: Inflation falls`, `Athens, Rome - two cities curb holiday lets`).
const MIN_LEDE_BYTES: usize = 120;

/// Reads the dateline that ends at the separator `start..end` of `paragraph`.
fn read_dateline(paragraph: &str, start: usize, end: usize) -> Option<(Dateline, &str)> {
    let prefix = paragraph[..start].trim();
    if CAPTION_OPENERS.contains(&prefix.to_lowercase().as_str()) {
        return None;
    }
    let rest = paragraph[end..].trim_start();
    // A dateline alone on its line has its date or region after a comma, or its agency
    // (`OMAHA, Neb., March 3 -`, `WASHINGTON (AP) —`, `New York CNN —`); without them the
    // line is a kicker over a headline (`THE CAP THAT WOULDN'T DIE —`).
    let agency_last = prefix
        .rsplit(' ')
        .next()
        .is_some_and(|w| BARE_AGENCIES.contains(&w));
    if rest.is_empty() && !prefix.contains([',', '(']) && !agency_last {
        return None;
    }
    let colon = paragraph[start..end].starts_with(':');
    let lede_length = paragraph.len() >= MIN_LEDE_BYTES;
    // "MUMBAI: The city…", and "Dubai: Abra fares…" as Gulf papers set it: a place of a word
    // or two, not a label ("Update: …").
    let ordinary_colon_place = is_region(prefix)
        && prefix.split_whitespace().count() <= 2
        && !prefix
            .split_whitespace()
            .any(|w| NOT_A_PLACE.contains(&w.to_lowercase().as_str()));
    // "AMIOUN, Lebanon: In the terraced groves…": the place in capitals, its country after.
    let capitals_with_region = prefix
        .split_once(", ")
        .is_some_and(|(place, region)| is_capitals_place(place) && is_region(region));
    if colon
        && (!lede_length
            || !(is_capitals_place(prefix) || ordinary_colon_place || capitals_with_region))
    {
        return None;
    }
    let (head, agency) = split_agency(prefix);
    let mut agency = agency;
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
        // A place in ordinary case ("Detroit", "Kano") needs more evidence of a dateline than
        // one in capitals: an agency or a date, or a region after it opening a long lede.
        let dated = parts.iter().any(|p| date_part(p).is_some());
        // "Cape Town - A new fence…": a city alone before a dash, opening a long lede, as
        // South African and Indian papers set it; not a label ("Analysis - …").
        let city_before_dash = (!colon || ordinary_colon_place)
            && lede_length
            && parts.len() == 1
            && parts[0].split_whitespace().count() <= 3
            && !parts[0]
                .split_whitespace()
                .any(|w| NOT_A_PLACE.contains(&w.to_lowercase().as_str()));
        let ordinary_place = is_region(parts[0])
            && (agency.is_some() || dated || (parts.len() > 1 && lede_length) || city_before_dash);
        let mut i = 1;
        if afp_place || is_capitals_place(parts[0]) || ordinary_place {
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
            } else if date.is_some() && agency.is_none() && BARE_AGENCIES.contains(&part) {
                // "ROME, March 13, Reuter -": the agency after the date.
                agency = Some(part);
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
    // "U.S. CREDIT MARKETS - TREASURIES EASE": a kicker inside a headline in capitals, not a
    // dateline before a sentence.
    let letters = rest.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 3 && !rest.chars().any(char::is_lowercase) {
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
        let (_, place, agency, _, _) = parts("BALTIMORE (AP) _ About 1,200 dockworkers left.");
        assert_eq!(
            (place.as_deref(), agency.as_deref()),
            (Some("BALTIMORE"), Some("AP"))
        );
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
    fn wire_datelines_of_the_1980s() {
        let (text, place, agency, date, rest) =
            parts("ROME, March 13, Reuter - Italy's deficit rose.");
        assert_eq!(text, "ROME, March 13, Reuter");
        assert_eq!(place.as_deref(), Some("ROME"));
        assert_eq!(agency.as_deref(), Some("Reuter"));
        assert_eq!(date.as_deref(), Some("--03-13"));
        assert_eq!(rest, "Italy's deficit rose.");
        let (_, place, _, date, rest) = parts("OMAHA, Neb., March 3 -");
        assert_eq!(place.as_deref(), Some("OMAHA, Neb."));
        assert_eq!(date.as_deref(), Some("--03-03"));
        assert_eq!(rest, "");
        let (_, place, _, _, _) = parts("Detroit, March 4 - Harlow Motors said.");
        assert_eq!(place.as_deref(), Some("Detroit"));
        let (_, place, _, _, _) = parts("GRAND RAPIDS, MICH., March 5 - Vanderhoek said.");
        assert_eq!(place.as_deref(), Some("GRAND RAPIDS, MICH."));
        let (_, _, agency, _, _) = parts("PARIS, Jan 5, AFP - Drivers struck.");
        assert_eq!(agency.as_deref(), Some("AFP"));
        assert!(find_dateline("U.S. CREDIT MARKETS - TREASURIES EASE IN QUIET TRADE").is_none());
        assert!(find_dateline("Ex-").is_none());
    }

    #[test]
    fn web_datelines() {
        let (text, place, agency, _, rest) = parts("Washington (CNN)A House committee voted.");
        assert_eq!(text, "Washington (CNN)");
        assert_eq!(place.as_deref(), Some("Washington"));
        assert_eq!(agency.as_deref(), Some("CNN"));
        assert_eq!(rest, "A House committee voted.");
        let (_, place, agency, _, rest) = parts("New York CNN — ");
        assert_eq!(place.as_deref(), Some("New York"));
        assert_eq!(agency.as_deref(), Some("CNN"));
        assert_eq!(rest, "");
        let (_, place, _, _, _) = parts(
            "MUMBAI: The city said on Tuesday that it would move 400 flower sellers from the \
             pavements around Dadar station to a new market.",
        );
        assert_eq!(place.as_deref(), Some("MUMBAI"));
        let (_, place, _, _, _) = parts(
            "Kano, Nigeria - Musa Abdullahi plunges a length of white cotton into a pit of \
             indigo dye and holds it under for a slow count of twenty.",
        );
        assert_eq!(place.as_deref(), Some("Kano, Nigeria"));
        assert!(find_dateline("Note: the figures are provisional.").is_none());
        assert!(find_dateline("UK: Inflation falls to its lowest in two years").is_none());
        assert!(find_dateline("Athens, Rome - two cities curb holiday lets").is_none());
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
