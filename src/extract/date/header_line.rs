//! Dates inside the lines of a header, beside other things: a byline (`By Jane Doe - Jan 9,
//! 2017 at 10:05AM`, `Jane Doe/November 18, 2016`), an outlet (`Jane Doe · Daily News · Posted:
//! Oct 14, 2022 9:27 AM ET`), a widget (`Mar 25, 2020 12,480 views`). The dates are read with
//! the labels that give them their role; what is left is handed back in runs, for the byline
//! reader.

use chrono_tz::Tz;

use super::{is_date_filler, read_date_expression, role_of_label, tokens, DateRole, FoundDate};

/// The most words a header line may hold besides its dates: more, and it is prose that
/// mentions a date.
const MAX_OTHER_WORDS: usize = 9;

/// A lower-case word of a sentence, not of a byline (`by`, `and`, `staff writer`) or a
/// widget (`3 min read`, `12 comments`).
fn is_prose_word(word: &str) -> bool {
    const HEADER_WORDS: &[&str] = &[
        "by",
        "and",
        "in",
        "for",
        "of",
        "the",
        "at",
        "with",
        "from",
        "on",
        "views",
        "view",
        "read",
        "min",
        "mins",
        "comments",
        "comment",
        "shares",
        "share",
        "reporter",
        "writer",
        "editor",
        "correspondent",
        "staff",
        "news",
        "contributor",
        "ago",
    ];
    word.starts_with(|c: char| c.is_lowercase())
        && !is_date_filler(word)
        && !HEADER_WORDS.contains(&word.trim_end_matches([',', '.', ':']))
}

/// What a header line holds: its dates, and the runs of text between them.
#[derive(Debug, Default, PartialEq)]
pub struct HeaderDates<'a> {
    pub dates: Vec<FoundDate>,
    /// The text between dates and labels, as written (`By Jane Doe`, `Daily News`).
    pub runs: Vec<&'a str>,
}

/// Where `part` (a slice of `line`) starts in it.
fn offset_in(line: &str, part: &str) -> usize {
    part.as_ptr() as usize - line.as_ptr() as usize
}

/// Reads the dates of a header line, and the runs of other text around them. A line that is
/// prose (long, or ending a sentence in the words beside its date) holds no dates here.
pub fn scan_header_line<'a>(line: &'a str, zone: Tz) -> HeaderDates<'a> {
    let toks = tokens(line);
    if toks.is_empty() || toks.len() > 30 {
        return HeaderDates::default();
    }
    let mut found = HeaderDates::default();
    let mut role = DateRole::Published;
    let mut run: Option<(usize, usize)> = None;
    let mut other_words = 0;
    let close = |run: &mut Option<(usize, usize)>, runs: &mut Vec<&'a str>| {
        if let Some((start, end)) = run.take() {
            runs.push(&line[start..end]);
        }
    };
    let mut i = 0;
    while i < toks.len() {
        if let Some((value, used)) = read_date_expression(&toks, i, zone) {
            close(&mut run, &mut found.runs);
            found.dates.push(FoundDate { role, value });
            i += used;
            continue;
        }
        let tok = toks[i];
        if let Some(label_role) = role_of_label(tok) {
            close(&mut run, &mut found.runs);
            role = label_role;
        } else {
            if !is_date_filler(tok) {
                other_words += 1;
            }
            let start = offset_in(line, tok);
            let end = start + tok.len();
            run = Some(run.map_or((start, end), |(s, _)| (s, end)));
        }
        i += 1;
    }
    close(&mut run, &mut found.runs);
    let prose = found
        .runs
        .iter()
        .any(|r| r.ends_with('.') && r.split_whitespace().count() > 1)
        || found
            .runs
            .iter()
            .flat_map(|r| r.split_whitespace())
            .filter(|w| is_prose_word(w))
            .count()
            > 2;
    // A month and year ("March 2024 jobs report") is a date only on a line of its own.
    let vague = found.dates.iter().all(|d| d.value.day().is_none());
    if found.dates.is_empty()
        || other_words > MAX_OTHER_WORDS
        || prose
        || (vague && other_words > 0)
    {
        return HeaderDates::default();
    }
    found
        .runs
        .retain(|r| !r.split_whitespace().all(is_date_filler));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(line: &str) -> (Vec<String>, Vec<&str>) {
        let found = scan_header_line(line, chrono_tz::UTC);
        let dates = found
            .dates
            .iter()
            .map(|d| match d.role {
                DateRole::Published => d.value.to_string(),
                DateRole::Updated => format!("updated {}", d.value),
            })
            .collect();
        (dates, found.runs)
    }

    #[test]
    fn bylines_beside_dates() {
        assert_eq!(
            scan("By Rachel Vukovich - 01/09/17 10:05 AM EST"),
            (
                vec!["2017-01-09T10:05:00-05:00".to_string()],
                vec!["By Rachel Vukovich -"]
            )
        );
        assert_eq!(
            scan("Gareth Lindell/November 18, 2016"),
            (vec!["2016-11-18".to_string()], vec!["Gareth Lindell"])
        );
        let (dates, runs) = scan(
            "Ashley Redfern · CBC News · Posted: Oct 14, 2022 9:27 AM ET | Last Updated: October 14, 2022",
        );
        assert_eq!(dates, ["2022-10-14T09:27:00-04:00", "updated 2022-10-14"]);
        assert_eq!(runs, ["Ashley Redfern · CBC News"]);
        let (dates, runs) = scan("January 17, 2017 at 6:08 PM ET by Jane Doe");
        assert_eq!(dates, ["2017-01-17T18:08:00-05:00"]);
        assert_eq!(runs, ["by Jane Doe"]);
    }

    #[test]
    fn header_date_forms() {
        let first = |line: &str| scan(line).0.first().cloned().unwrap_or_default();
        assert_eq!(
            first("Thursday 2 March 201714:26"),
            "2017-03-02T14:26:00+00:00"
        );
        assert_eq!(
            first("PUBLISHED THU, NOV 14 20191:05 PM EST"),
            "2019-11-14T13:05:00-05:00"
        );
        assert_eq!(
            first("Updated 6:41 PM ET, Thu March 2, 2017"),
            "updated 2017-03-02T18:41:00-05:00"
        );
        assert_eq!(
            first("Issued on: 14/03/2018 - 14:26Modified: 14/03/2018 - 18:03"),
            "2018-03-14T14:26:00+00:00"
        );
        assert_eq!(first("Last updated: 4 April 19"), "updated 2019-04-04");
        assert_eq!(first("Mon., Jan. 18, 2021timer3 min read"), "2021-01-18");
        assert_eq!(
            first("PUBLISHED ON MAR 18, 2021 10:42 AM IST"),
            "2021-03-18T10:42:00+05:30"
        );
        assert_eq!(
            first("OCT 2, 2016 @ 09:15 AM 2,345 views"),
            "2016-10-02T09:15:00+00:00"
        );
        assert_eq!(first("December 16th 2016"), "2016-12-16");
        assert_eq!(
            first("Thursday 2 February 2017 09:41, UK"),
            "2017-02-02T09:41:00+00:00"
        );
        assert!(scan("Updated 4 hrs ago").0.is_empty());
        assert!(scan("24 minutes ago").0.is_empty());
        assert!(scan("March 2024 jobs report").0.is_empty());
    }

    #[test]
    fn prose_with_a_date_is_not_a_header_line() {
        assert!(scan("The vote was held on June 16, 2023 in the capital.")
            .0
            .is_empty());
    }
}
