//! Bylines as a selection of a web page copies them: the spans of a header run together where
//! they sat apart on screen (`ByNadia Petrov`, `Tobi AdeyemiBBC News`, `Jane DoeStaff Writer`,
//! `Daily CourierPublished 2:26 p.m.`), with the author's handle or address beside the name
//! (`Jane Doe@janedoe`, `(@janedoe)`, `jdoe@paper.com`). This cuts them apart and drops the
//! handles, so the byline reader sees words.

use std::borrow::Cow;

/// Words that open a new span when glued to the end of a name: roles, labels, outlets in
/// capitals, months.
const SPAN_OPENERS: &[&str] = &[
    "Published",
    "Updated",
    "Posted",
    "Staff",
    "Senior",
    "Contact",
    "Featured",
    "Reporter",
    "Writer",
    "Correspondent",
    "Editor",
    "Columnist",
    "Contributor",
    "Follow",
    "Political",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

/// Whether `rest` opens with a word that starts a new span: one of [`SPAN_OPENERS`] or a run
/// of capitals (an outlet, `BBC`), ending where the word ends.
fn opens_span(rest: &str) -> bool {
    let word_end = |len: usize| rest[len..].chars().next().is_none_or(|c| !c.is_lowercase());
    let capitals = rest.chars().take_while(char::is_ascii_uppercase).count();
    SPAN_OPENERS
        .iter()
        .any(|w| rest.starts_with(w) && word_end(w.len()))
        || (capitals >= 2 && word_end(capitals))
}

/// A header line with its glued spans cut apart and handles dropped; unchanged, and not copied,
/// when it has neither.
pub fn unglue(line: &str) -> Cow<'_, str> {
    let glued_by = line.starts_with("By")
        && line[2..].starts_with(|c: char| c.is_uppercase())
        && line[2..].chars().nth(1).is_some_and(char::is_lowercase);
    let mut boundaries = Vec::new();
    let mut previous_lower = false;
    for (i, c) in line.char_indices() {
        if c.is_uppercase() && previous_lower && opens_span(&line[i..]) {
            boundaries.push(i);
        }
        previous_lower = c.is_lowercase();
    }
    if !glued_by && boundaries.is_empty() && !line.contains('@') {
        return Cow::Borrowed(line);
    }
    let mut spaced = String::with_capacity(line.len() + boundaries.len() + 1);
    let mut last = 0;
    if glued_by {
        spaced.push_str("By ");
        last = 2;
    }
    for b in boundaries {
        spaced.push_str(&line[last..b]);
        spaced.push(' ');
        last = b;
    }
    spaced.push_str(&line[last..]);
    // A handle glued to a name ("Jane Doe@janedoe") keeps the name; a handle or an address
    // on its own ("@janedoe", "jdoe@paper.com") goes.
    let words: Vec<&str> = spaced
        .split_whitespace()
        .filter_map(|w| match w.find('@') {
            None => Some(w),
            Some(at) => {
                let before = w[..at].trim_start_matches('(');
                before
                    .starts_with(|c: char| c.is_uppercase())
                    .then_some(before)
            }
        })
        .collect();
    Cow::Owned(words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_spans_come_apart() {
        assert_eq!(unglue("ByNadia Petrov"), "By Nadia Petrov");
        assert_eq!(
            unglue("Tobi AdeyemiBBC News, Lagos"),
            "Tobi Adeyemi BBC News, Lagos"
        );
        assert_eq!(
            unglue("Gavin HolloweyFeatured ColumnistDecember 19, 2016"),
            "Gavin Hollowey Featured Columnist December 19, 2016"
        );
        assert_eq!(
            unglue("Lena Hofstetter, Daily CourierPublished 2:26 p.m."),
            "Lena Hofstetter, Daily Courier Published 2:26 p.m."
        );
        assert_eq!(
            unglue("Priya SandhuStaff Reporter"),
            "Priya Sandhu Staff Reporter"
        );
        assert_eq!(
            unglue("Ron DeSantis and Jane McDonald"),
            "Ron DeSantis and Jane McDonald"
        );
    }

    #[test]
    fn handles_and_addresses_go() {
        assert_eq!(unglue("Kara Lindstrom@karalindstrom"), "Kara Lindstrom");
        assert_eq!(unglue("Tom Barrington @tbarrington"), "Tom Barrington");
        assert_eq!(
            unglue("By Nate Berglund nberglund@heraldgazette.com"),
            "By Nate Berglund"
        );
        assert_eq!(
            unglue("Posted Feb 21, 2017 by Leon Abernathy (@leonabernathy)"),
            "Posted Feb 21, 2017 by Leon Abernathy"
        );
    }
}
