//! Bylines: `By Jane Doe`, `By JANE DOE and JOHN ROE`, `By Jane Doe, Associated Press`,
//! `Jane Doe | Reuters`, `By Jane Doe and John Roe, Bloomberg News`, `Story by …`,
//! `by Jane DOE` (AFP), `Jane Doe in Beijing` (Guardian). Names come out clean and in proper case.

/// Words that mark an organisation or a job title rather than a person.
const NOT_A_NAME: &[&str] = &[
    "associated",
    "press",
    "ap",
    "reuters",
    "bloomberg",
    "news",
    "afp",
    "agence",
    "france-presse",
    "upi",
    "united",
    "international",
    "writer",
    "writers",
    "correspondent",
    "correspondents",
    "reporter",
    "reporters",
    "editor",
    "editors",
    "staff",
    "columnist",
    "contributor",
    "bureau",
    "chief",
    "times",
    "post",
    "journal",
    "guardian",
    "bbc",
    "service",
    "wire",
    "agency",
    "herald",
    "tribune",
    "gazette",
    "daily",
    "media",
    "network",
    "senior",
    "special",
    "analyst",
    "desk",
    "team",
    "online",
    "digital",
    "foreign",
    "diplomatic",
    "political",
    "science",
    "business",
    "economics",
    "economy",
    "technology",
    "sports",
    "health",
    "climate",
    "environment",
    "education",
    "national",
    "global",
    "deputy",
    "managing",
    "producer",
    "contributing",
    "newswire",
    "prnewswire",
    "xinhua",
    "dpa",
    "cnn",
    "nbc",
    "abc",
    "cbs",
    "npr",
    "magazine",
    "weekly",
    "review",
    "report",
    "for",
    "the",
    "photographer",
    "photos",
    "video",
    "updated",
    "published",
    "in",
    "reporting",
    "from",
    "analysis",
    "opinion",
];

/// Lower-case particles that belong inside names (`Ursula von der Leyen`).
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "del", "della", "di", "du", "dos", "das", "le", "la",
    "bin", "bint", "al", "el", "ter", "ten", "y", "st.",
];

/// Words that start prose, not a byline, after "By" ("By then", "By 2030").
const NOT_AFTER_BY: &[&str] = &[
    "the",
    "then",
    "contrast",
    "comparison",
    "now",
    "far",
    "law",
    "way",
    "day",
    "night",
    "noon",
    "midday",
    "mid",
    "late",
    "early",
    "early,",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "its",
    "his",
    "her",
    "their",
    "our",
    "my",
    "some",
    "all",
    "most",
    "many",
    "one",
    "two",
    "using",
    "making",
    "taking",
    "doing",
    "being",
    "having",
    "late",
    "design",
    "default",
];

/// A single token of a name: capitalised (or all capitals), letters with `.'’-`.
fn is_name_token(token: &str) -> bool {
    let first = token.chars().next();
    let lower = token.to_lowercase();
    if NAME_PARTICLES.contains(&lower.as_str()) && first.is_some_and(char::is_lowercase) {
        return true;
    }
    let possessive = lower.ends_with("’s") || lower.ends_with("'s");
    !possessive
        && first.is_some_and(char::is_uppercase)
        && token
            .chars()
            .all(|c| c.is_alphabetic() || ".'’-".contains(c))
}

/// Whether a run of words reads as one person's name.
pub fn is_person_name(s: &str) -> bool {
    let tokens: Vec<&str> = s.split_whitespace().collect();
    if !(1..=5).contains(&tokens.len()) {
        return false;
    }
    let last_ok = tokens
        .last()
        .is_some_and(|t| t.chars().next().is_some_and(char::is_uppercase));
    last_ok
        && tokens.iter().all(|t| is_name_token(t))
        && tokens
            .iter()
            .all(|t| !NOT_A_NAME.contains(&t.to_lowercase().trim_end_matches('.')))
        && (tokens.len() >= 2 || tokens[0].chars().count() >= 3)
}

/// `JANE` → `Jane`, `MCDONALD` → `McDonald`, `O'BRIEN` → `O'Brien`, `JEAN-PAUL` → `Jean-Paul`.
/// Mixed-case tokens (`DeSantis`) are left as written.
fn proper_case_token(token: &str) -> String {
    let has_lower = token.chars().any(char::is_lowercase);
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    if has_lower || letters <= 1 {
        return token.to_string();
    }
    if ["II", "III", "IV"].contains(&token.trim_end_matches(',')) {
        return token.to_string();
    }
    let mut out = String::with_capacity(token.len());
    let mut start_of_part = true;
    for c in token.chars() {
        if start_of_part && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start_of_part = false;
        } else {
            out.extend(c.to_lowercase());
        }
        if "-'’".contains(c) {
            start_of_part = true;
        }
    }
    // Mc and Mac names capitalise the next letter (McDonald); Mac only for long names, so that
    // Mack and Macy stay as they are.
    for prefix in ["Mc", "Mac"] {
        if out.starts_with(prefix)
            && out.chars().count() > prefix.len() + if prefix == "Mac" { 3 } else { 1 }
        {
            let (head, tail) = out.split_at(prefix.len());
            let mut chars = tail.chars();
            if let Some(first) = chars.next() {
                if prefix == "Mc" || !"aeiou".contains(first) {
                    return format!("{head}{}{}", first.to_uppercase(), chars.as_str());
                }
            }
        }
    }
    out
}

/// Puts a name in proper case.
pub fn proper_case(name: &str) -> String {
    name.split_whitespace()
        .map(proper_case_token)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits `A, B and C` / `A & B` into names.
pub fn split_names(s: &str) -> Vec<&str> {
    // Places go first, so "A in Sacramento, California and B" loses "California" too.
    s.split(" and ")
        .flat_map(|p| p.split(" AND "))
        .flat_map(|p| p.split(" & "))
        .flat_map(|p| p.split(" with "))
        .map(strip_place)
        .flat_map(|p| p.split(','))
        .map(|p| p.trim().trim_start_matches("and ").trim())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Takes a place off a name: `Jane Doe in Beijing` → `Jane Doe`.
pub fn strip_place(name: &str) -> &str {
    [" in ", " from ", " at "]
        .iter()
        .filter_map(|sep| name.find(sep))
        .min()
        .map_or(name, |pos| &name[..pos])
        .trim()
}

/// The names in the part of a byline after `By`: stops at the agency or job title.
fn names_in(rest: &str) -> Vec<String> {
    let mut names = Vec::new();
    let rest = rest.trim().trim_end_matches(['.', ',', ';']);
    for segment in rest.split([',', '|', '/']).map(str::trim) {
        let segment = segment.trim_start_matches("and ").trim();
        if segment.is_empty() {
            continue;
        }
        let candidates: Vec<&str> = split_names(segment).into_iter().map(strip_place).collect();
        if candidates.iter().all(|c| is_person_name(c)) {
            names.extend(candidates.iter().map(|c| proper_case(c)));
        } else if names.is_empty() {
            return Vec::new();
        } else {
            break; // an agency or a title follows the names
        }
    }
    names
}

/// "Oliver Brandt Science correspondent": a name followed by a job title without a comma.
fn name_before_job_title(line: &str) -> Option<String> {
    const JOBS: &[&str] = &[
        "correspondent",
        "editor",
        "reporter",
        "writer",
        "columnist",
        "analyst",
    ];
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let job_at = tokens
        .iter()
        .position(|t| JOBS.contains(&t.to_lowercase().trim_end_matches(['.', ','])))?;
    (2..=3)
        .filter(|k| *k < job_at && job_at - k <= 3 && job_at == tokens.len() - 1)
        .map(|k| tokens[..k].join(" "))
        .find(|name| is_person_name(name))
        .map(|name| proper_case(&name))
}

/// Reads a byline line. `in_header` allows the looser forms that only make sense between the
/// headline and the story (a bare `Jane Doe and John Roe`, `Jane Doe in Beijing`).
pub fn parse_byline(line: &str, in_header: bool) -> Option<Vec<String>> {
    let line = line.trim();
    if line.is_empty() || super::text::longer_than(line, 160) || line.ends_with(':') {
        return None;
    }
    let lower = line.to_lowercase();
    for lead in [
        "story by ",
        "words by ",
        "written by ",
        "reported by ",
        "text by ",
        "by: ",
        "by ",
    ] {
        if lower.starts_with(lead) {
            let rest = &line[lead.len()..];
            let first = rest.split_whitespace().next()?.to_lowercase();
            if NOT_AFTER_BY.contains(&first.as_str()) || first.chars().next()?.is_ascii_digit() {
                return None;
            }
            let names = names_in(rest);
            return (!names.is_empty()).then_some(names);
        }
    }
    // "Jane Doe | Reuters", "Jane Doe - Staff Writer"
    if let Some((who, _org)) = line.split_once(" | ").or_else(|| line.split_once(" - ")) {
        if in_header {
            let names = names_in(who);
            if !names.is_empty()
                && split_names(who)
                    .iter()
                    .all(|n| is_person_name(strip_place(n)))
            {
                return Some(names);
            }
        }
    }
    if in_header {
        if let Some(name) = name_before_job_title(line) {
            return Some(vec![name]);
        }
    }
    if in_header && !line.ends_with(['.', '!', '?', '”', '"']) {
        // "Jane Doe and John Roe", "Jane Doe in Beijing": every part must be a name.
        let parts = split_names(line);
        let all_names = parts.iter().all(|p| {
            let name = strip_place(p);
            is_person_name(name) && name.split_whitespace().count() >= 2
        });
        if all_names && parts.len() <= 4 {
            return Some(parts.iter().map(|p| proper_case(strip_place(p))).collect());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by(line: &str) -> Vec<String> {
        parse_byline(line, true).unwrap_or_default()
    }

    #[test]
    fn common_bylines() {
        assert_eq!(by("By Jane Doe"), ["Jane Doe"]);
        assert_eq!(by("By JANE DOE and JOHN ROE"), ["Jane Doe", "John Roe"]);
        assert_eq!(by("By Jane Doe, Associated Press"), ["Jane Doe"]);
        assert_eq!(by("By JANE DOE, AP Science Writer"), ["Jane Doe"]);
        assert_eq!(by("Jane Doe | Reuters"), ["Jane Doe"]);
        assert_eq!(
            by("By Jane Doe and John Roe, Bloomberg News"),
            ["Jane Doe", "John Roe"]
        );
        assert_eq!(by("Story by Jane Doe"), ["Jane Doe"]);
        assert_eq!(by("by Jane DOE"), ["Jane Doe"]);
        assert_eq!(
            by("By Jane Doe, John Roe and Max Moe"),
            ["Jane Doe", "John Roe", "Max Moe"]
        );
        assert_eq!(by("Jane Doe in Beijing"), ["Jane Doe"]);
        assert_eq!(by("Jane Doe and John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(by("By Jane Doe & John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(by("Gwen Maddox Transport correspondent"), ["Gwen Maddox"]);
    }

    #[test]
    fn proper_case_names() {
        assert_eq!(proper_case("SEAN MCDONALD"), "Sean McDonald");
        assert_eq!(proper_case("CONOR O'BRIEN"), "Conor O'Brien");
        assert_eq!(proper_case("JEAN-PAUL DUBOIS"), "Jean-Paul Dubois");
        assert_eq!(proper_case("Ron DeSantis"), "Ron DeSantis");
        assert_eq!(proper_case("ANGUS MACLEAN"), "Angus MacLean");
    }

    #[test]
    fn prose_is_not_a_byline() {
        assert!(parse_byline("By then the talks had collapsed.", true).is_none());
        assert!(parse_byline("By 2030 the plant will close", true).is_none());
        assert!(parse_byline("Here are five things to watch during the visit:", true).is_none());
        assert!(parse_byline("China’s Reception", true).is_none());
        assert!(parse_byline("Associated Press Writer", true).is_none());
        assert!(parse_byline("Jane Doe and John Roe", false).is_none());
    }
}
