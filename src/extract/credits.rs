//! Credit lines: `–With assistance from A, B and C.`, `(Reporting by A in Beijing; Additional
//! reporting by B; Editing by C)`, `Contributing: A, B`, `A and B contributed to this report.`

use std::sync::LazyLock;

use memchr::memmem;

use super::byline::{is_person_name, proper_case, split_names, strip_place};
use crate::model::Credit;

/// Names in a credit, cleaned of places and stray words; `None` if any part is not a name, so a
/// sentence that merely starts like a credit stays in the body.
fn credit_names(s: &str) -> Option<Vec<String>> {
    let s = s.trim().trim_end_matches(['.', ')', ';']).trim();
    let names: Vec<String> = split_names(s)
        .into_iter()
        .map(strip_place)
        .map(|n| n.trim_end_matches('.').trim())
        .filter(|n| !n.is_empty())
        .map(|n| is_person_name(n).then(|| proper_case(n)).ok_or(()))
        .collect::<Result<_, _>>()
        .ok()?;
    (!names.is_empty()).then_some(names)
}

/// Roles that may precede "by" in a credit.
fn is_role(role: &str) -> bool {
    let words: Vec<&str> = role.split_whitespace().collect();
    if words.is_empty() || words.len() > 3 {
        return false;
    }
    let head = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    [
        "reporting",
        "editing",
        "writing",
        "compiled",
        "compiling",
        "edited",
        "written",
        "graphics",
        "produced",
        "photos",
        "photography",
        "research",
        "translation",
        "translated",
        "fact-checking",
        "design",
        "video",
        "additional",
        "illustrations",
        "data",
    ]
    .contains(&head.as_str())
}

/// `Reporting by A in Beijing` → (`reporting`, [A]).
fn role_by(part: &str) -> Option<Credit> {
    // A role is at most three words, so " by " (in any case) can only be among the first four
    // words; it is ASCII, so where it starts is a character boundary.
    let head = &part[..word_start(part, 4)];
    let pos = head
        .as_bytes()
        .windows(4)
        .position(|w| w.eq_ignore_ascii_case(b" by "))?;
    let role = part[..pos].trim();
    if !is_role(role) {
        return None;
    }
    Some(Credit {
        role: role.to_lowercase(),
        names: credit_names(&part[pos + 4..])?,
    })
}

/// Where the word after the first `n` words of `s` starts (its length if there is none).
fn word_start(s: &str, n: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            if words == n {
                return i;
            }
            words += 1;
            in_word = true;
        }
    }
    s.len()
}

/// Strips the dashes and brackets credit lines are wrapped in.
fn unwrap_credit(text: &str) -> &str {
    let t = text.trim();
    let t = t.trim_start_matches(['–', '—', '-', ' ']);
    let t = t
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(t);
    t.trim()
}

/// `text` after `prefix` (ASCII, lower case), which it starts with in any case.
fn strip_prefix_any_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// Reads a paragraph that is wholly a credit line.
pub fn parse_credits(paragraph: &str) -> Option<Vec<Credit>> {
    let t = unwrap_credit(paragraph);
    if t.is_empty() || super::text::longer_than(t, 400) {
        return None;
    }
    if let Some(rest) = strip_prefix_any_case(t, "with assistance from ")
        .or_else(|| strip_prefix_any_case(t, "with assistance by "))
    {
        return Some(vec![Credit {
            role: "assistance".into(),
            names: credit_names(rest)?,
        }]);
    }
    for lead in [
        "contributing:",
        "contributors:",
        "contributing reporters:",
        "contributing writers:",
    ] {
        if let Some(rest) = strip_prefix_any_case(t, lead) {
            return Some(vec![Credit {
                role: "contributing".into(),
                names: credit_names(rest)?,
            }]);
        }
    }
    if let Some(credit) = contributed_line(t) {
        return Some(vec![credit]);
    }
    let parts: Vec<&str> = t
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let credits: Vec<Credit> = parts.iter().map(|p| role_by(p)).collect::<Option<_>>()?;
    (!credits.is_empty()).then_some(credits)
}

/// `Associated Press writers A in X and B in Y contributed to this report.`,
/// `Jane Doe contributed reporting from Warsaw.`
fn contributed_line(t: &str) -> Option<Credit> {
    // Every body paragraph is tried, so the search is a vectorized one, built once.
    static CONTRIBUTED: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new(" contributed"));
    let pos = CONTRIBUTED.find(t.as_bytes())?;
    let tail = t[pos + " contributed".len()..].trim().trim_end_matches('.');
    let tail_ok = tail.is_empty()
        || [
            "to this report",
            "to this story",
            "to this article",
            "reporting",
            "additional reporting",
            "research",
            "from ",
        ]
        .iter()
        .any(|p| tail.starts_with(p));
    if !tail_ok {
        return None;
    }
    let mut who = t[..pos].trim();
    for lead in [
        "Associated Press writers",
        "Associated Press writer",
        "Associated Press reporters",
        "Associated Press reporter",
        "AP writers",
        "AP writer",
        "Reuters reporters",
        "Staff writers",
        "Staff writer",
        "Writers",
        "Writer",
        "Reporters",
        "Reporter",
        "AFP correspondents",
        "Bloomberg reporters",
    ] {
        if who.len() >= lead.len()
            && who.is_char_boundary(lead.len())
            && who[..lead.len()].eq_ignore_ascii_case(lead)
        {
            who = who[lead.len()..].trim();
            break;
        }
    }
    // "ABC News' Carla Mendes", "CNN's Ted Barrow": the outlet's possessive before the name.
    let who = ["’s ", "'s ", "' ", "’ "]
        .iter()
        .filter_map(|p| who.rfind(p).map(|at| &who[at + p.len()..]))
        .min_by_key(|rest| rest.len())
        .filter(|rest| credit_names(rest).is_some())
        .unwrap_or(who);
    Some(Credit {
        role: "contributing".into(),
        names: credit_names(who)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(p: &str) -> Vec<(String, Vec<String>)> {
        parse_credits(p)
            .unwrap_or_else(|| panic!("no credit in {p}"))
            .into_iter()
            .map(|c| (c.role, c.names))
            .collect()
    }

    #[test]
    fn bloomberg_assistance() {
        assert_eq!(
            roles("–With assistance from Peter Martin, Lucille Liu and Jenni Marsh."),
            [(
                "assistance".to_string(),
                vec![
                    "Peter Martin".to_string(),
                    "Lucille Liu".into(),
                    "Jenni Marsh".into()
                ]
            )]
        );
    }

    #[test]
    fn reuters_credits() {
        let got = roles("(Reporting by Jane Doe in Beijing; Additional reporting by John Roe; Editing by Max Moe and Ann Lee)");
        assert_eq!(
            got[0],
            ("reporting".to_string(), vec!["Jane Doe".to_string()])
        );
        assert_eq!(got[1].0, "additional reporting");
        assert_eq!(got[2].1, ["Max Moe", "Ann Lee"]);
    }

    #[test]
    fn contributing_lines() {
        let got = roles("Associated Press writers Jane Doe in Miami and John Roe in Havana contributed to this report.");
        assert_eq!(
            got,
            [(
                "contributing".to_string(),
                vec!["Jane Doe".to_string(), "John Roe".into()]
            )]
        );
        assert_eq!(
            roles("Jane Doe contributed reporting from Warsaw.")[0].1,
            ["Jane Doe"]
        );
        assert_eq!(
            roles("ABC News' Carla Mendes contributed to this report.")[0].1,
            ["Carla Mendes"]
        );
        assert_eq!(
            roles("CNN's Ted Barrow contributed to this report.")[0].1,
            ["Ted Barrow"]
        );
        assert_eq!(
            roles("Contributing: Jane Doe, John Roe")[0].1,
            ["Jane Doe", "John Roe"]
        );
    }

    #[test]
    fn credit_words_in_any_case() {
        assert_eq!(roles("WITH ASSISTANCE FROM Jane Doe")[0].0, "assistance");
        assert_eq!(roles("CONTRIBUTING: Jane Doe")[0].1, ["Jane Doe"]);
        let got = roles("Reporting BY Jane Doe; EDITING by John Roe");
        assert_eq!(got[0].0, "reporting");
        assert_eq!(
            got[1],
            ("editing".to_string(), vec!["John Roe".to_string()])
        );
        // Letters whose lower case is longer than they are come before " by " safely.
        assert!(parse_credits("İİİ ǅ by Jane Doe").is_none());
        // The role is at most three words; "by" as the fourth word still ends one.
        assert_eq!(
            roles("Additional reporting, editing by Jane Doe")[0].0,
            "additional reporting, editing"
        );
        assert!(parse_credits("The long reporting effort by Jane Doe").is_none());
    }

    #[test]
    fn prose_is_not_a_credit() {
        assert!(parse_credits("The reporting by local media was thin.").is_none());
        assert!(parse_credits("Officials contributed to the confusion on Tuesday.").is_none());
    }
}
