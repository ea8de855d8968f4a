//! A date line cut into the words dates are read from. Pages copied span by span run words
//! together that were apart on screen: a year into the time after it (`201714:26`, `20191:05`),
//! a year into a widget's label (`2021timer3`), a time into the next label (`14:26Modified:`).
//! They are cut apart here, so the readers see ordinary words.

/// The words of `line`, as slices of it: split at blanks, commas and the bars and dots that
/// separate a header's parts, parentheses trimmed, glued words cut apart.
pub(super) fn tokens(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for raw in line.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '·' | '•')) {
        let t = raw.trim_matches(|c: char| c == '(' || c == ')');
        if !t.is_empty() {
            push_unglued(t, &mut out);
        }
    }
    out
}

/// The meridiem markers a time may carry glued to it (`3:26pm`).
fn is_meridiem(s: &str) -> bool {
    matches!(
        s.to_ascii_lowercase().as_str(),
        "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m"
    )
}

fn push_unglued<'a>(t: &'a str, out: &mut Vec<&'a str>) {
    // A name and a date apart on screen, a slash between them: "Lindell/November".
    if t.contains('/') && t.contains(|c: char| c.is_alphabetic()) {
        for part in t.split('/').filter(|p| !p.is_empty()) {
            push_unglued(part, out);
        }
        return;
    }
    let bytes = t.as_bytes();
    // A year run into what follows it: a time ("201714:26", "20191:05") or letters.
    let year_like = bytes.len() > 4
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && (t.starts_with("19") || t.starts_with("20"));
    if year_like {
        let tail = &t[4..];
        let time_follows = tail
            .find([':', '.'])
            .is_some_and(|p| (1..=2).contains(&p) && tail[..p].bytes().all(|b| b.is_ascii_digit()));
        let letters_follow = tail.starts_with(|c: char| c.is_ascii_alphabetic())
            && !["st", "nd", "rd", "th"].contains(&tail);
        if time_follows || letters_follow {
            out.push(&t[..4]);
            push_unglued(tail, out);
            return;
        }
    }
    // A label run into the date after it: "Updated18", "Published:12".
    for label in ["updated", "published", "posted", "modified"] {
        let split = t
            .get(..label.len())
            .filter(|head| head.eq_ignore_ascii_case(label))
            .map(|_| t[label.len()..].trim_start_matches(':'));
        if let Some(tail) = split.filter(|tail| tail.starts_with(|c: char| c.is_ascii_digit())) {
            out.push(&t[..label.len()]);
            push_unglued(tail, out);
            return;
        }
    }
    // A time run into the label after it: "14:26Modified:".
    if let Some(letter) = t.find(|c: char| c.is_ascii_alphabetic()) {
        let clock = &t[..letter];
        let is_clock = clock.contains(':')
            && clock.bytes().all(|b| b.is_ascii_digit() || b == b':')
            && clock.starts_with(|c: char| c.is_ascii_digit());
        if is_clock && !is_meridiem(&t[letter..]) {
            out.push(clock);
            out.push(&t[letter..]);
            return;
        }
    }
    out.push(t);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_words_come_apart() {
        assert_eq!(
            tokens("Thursday 2 March 201714:26"),
            ["Thursday", "2", "March", "2017", "14:26"]
        );
        assert_eq!(
            tokens("NOV 14 20191:05 PM"),
            ["NOV", "14", "2019", "1:05", "PM"]
        );
        assert_eq!(
            tokens("Jan. 18, 2021timer3 min read"),
            ["Jan.", "18", "2021", "timer3", "min", "read"]
        );
        assert_eq!(
            tokens("14/03/2018 - 14:26Modified: x"),
            ["14/03/2018", "-", "14:26", "Modified:", "x"]
        );
        assert_eq!(tokens("at 3:26pm (EDT)"), ["at", "3:26pm", "EDT"]);
        assert_eq!(
            tokens("Updated18 Jun 2024, 11:03 AM IST"),
            ["Updated", "18", "Jun", "2024", "11:03", "AM", "IST"]
        );
        assert_eq!(tokens("Lindell/November 18"), ["Lindell", "November", "18"]);
        assert_eq!(tokens("12/16/16"), ["12/16/16"]);
        assert_eq!(tokens("20160"), ["20160"]);
        assert_eq!(tokens("é2016é"), ["é2016é"]);
    }
}
