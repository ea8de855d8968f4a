//! A capitalised phrase made into a name: what capitals alone run together is taken apart.
//! A sentence's first word that the story also writes in lower case is a common noun
//! (`Residents of the Altona`, `Shares of Harrow`); a descriptor goes (`Rustenburg-based`,
//! `Mother-of-two`); a person and the body they speak for are two names (`Walter Neumayer of
//! the Donau Energy Institute`); a party tag (`D-Minn`), a credit's slash and an acronym run
//! into the name (`International Monetary Fund IMF`) come off, the acronym kept as another
//! name for it.

use super::{is_connector, WordSet, COMPANY_ENDINGS, ENDINGS};

/// A phrase cleaned: the names it holds, and an acronym given for the first.
pub(super) struct Cleaned<'w> {
    pub names: Vec<&'w [String]>,
    pub acronym: Option<&'w str>,
}

/// Ordinary words that open names of places and bodies.
const NAME_OPENERS: &[&str] = &[
    "new",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "united",
    "great",
    "upper",
    "lower",
    "san",
    "santa",
    "saint",
    "los",
    "las",
    "fort",
    "port",
    "mount",
    "lake",
    "cape",
    "grand",
    "little",
    "old",
    "royal",
    "national",
    "federal",
    "supreme",
    "general",
    "first",
    "international",
    "middle",
    "far",
    "white",
    "red",
    "black",
];

/// The people a sentence opens with before naming the body they belong to ("Members of the
/// West Transport Workers' Union", "Residents of Altona"), also where the story never writes
/// the word in lower case.
const GROUP_NOUNS: &[&str] = &[
    "members",
    "residents",
    "officials",
    "workers",
    "employees",
    "staff",
    "supporters",
    "leaders",
    "fans",
    "parents",
    "students",
    "customers",
    "passengers",
    "shareholders",
    "shares",
    "investors",
    "executives",
    "lawyers",
    "researchers",
];

/// Whether every letter of `word` is a capital (and it has two or more).
pub(super) fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// `D-Minn`, `R-Iowa`, `I-Vt.`: a legislator's party and state.
fn is_party_tag(word: &str) -> bool {
    let mut parts = word.splitn(2, '-');
    matches!(parts.next(), Some("D" | "R" | "I"))
        && parts
            .next()
            .is_some_and(|state| state.starts_with(|c: char| c.is_uppercase()))
}

/// `Rustenburg-based`, `Mother-of-two`: a word that describes what follows it.
fn is_descriptor(word: &str) -> bool {
    word.split_once('-')
        .is_some_and(|(_, rest)| rest.starts_with(|c: char| c.is_lowercase()))
}

/// Cleans the words of one phrase. `at_start` is whether it opens a sentence; `lower` holds
/// the words the story writes in lower case.
pub(super) fn clean<'w>(words: &'w [String], at_start: bool, lower: &WordSet<'_>) -> Cleaned<'w> {
    let mut words = words;
    // "AP Photo/Luis Serrano", "Chinedu Okeke/Al Jazeera": a picture's credit names nobody
    // the story is about.
    if words.iter().any(|w| w.contains('/')) {
        return Cleaned {
            names: Vec::new(),
            acronym: None,
        };
    }
    // What describes the name, and everything before it, goes.
    if let Some(d) = words.iter().rposition(|w| is_descriptor(w)) {
        words = &words[d + 1..];
    }
    // A common noun capitalised because it opens the sentence, and the "of the" after it;
    // not the adjective of a place's name ("New York", "North Carolina").
    let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    let common_opener = at_start
        && words.len() > 1
        && (lower.contains(first.as_str())
            || first
                .strip_suffix('s')
                .is_some_and(|one| lower.contains(one))
            || GROUP_NOUNS.contains(&first.as_str()))
        && !NAME_OPENERS.contains(&first.as_str());
    if common_opener {
        words = &words[1..];
        while words.first().is_some_and(|w| is_connector(w)) {
            words = &words[1..];
        }
    }
    // "Ohio Democrat": a legislator's state and party describe a person named elsewhere.
    if words.len() == 2 && matches!(words[1].as_str(), "Democrat" | "Republican") {
        words = &words[..0];
    }
    // "Striking French workers": a sentence's first word before a nationality describes the
    // people, and the nationality is what names something; not where the two are one name
    // ("Latin American", "Native Americans", "South African").
    if at_start
        && !common_opener
        && words.len() == 2
        && !NAME_OPENERS.contains(&first.as_str())
        && super::country_of(&words[0]).is_none()
        && super::country_of(&words[1]).is_some()
        && !words[1].starts_with("American")
    {
        words = &words[1..];
    }
    // "Prices on the Osaka Securities Exchange", "Traders on Leith Walk": what a sentence opens
    // with, on something named.
    if at_start
        && !common_opener
        && words.len() > 2
        && words[1] == "on"
        && first.ends_with('s')
        && !NAME_OPENERS.contains(&first.as_str())
    {
        words = &words[2..];
        while words.first().is_some_and(|w| is_connector(w)) {
            words = &words[1..];
        }
    }
    // Tags and credits after the name.
    while words
        .last()
        .is_some_and(|w| is_party_tag(w) || w.contains(['/', ')', '(']))
    {
        words = &words[..words.len() - 1];
    }
    let mut acronym = None;
    // "International Monetary Fund IMF" gives its acronym; "Transport for NSW" ends with one.
    if words.len() > 2
        && words[..words.len() - 1].iter().any(|w| !is_acronym(w))
        && !is_connector(&words[words.len() - 2])
    {
        // `BV`, `NV`, `PLC` are the company's form, not an acronym of its name.
        if let Some(last) = words
            .last()
            .filter(|w| is_acronym(w) && !COMPANY_ENDINGS.contains(&w.to_lowercase().as_str()))
        {
            acronym = Some(last.as_str());
            words = &words[..words.len() - 1];
        }
    }
    // "Walter Neumayer of the Donau Energy Institute": two names. "Bank of England" and
    // "Chicago Board of Trade" are one: a single word, or a body's noun, before "of".
    // "Prairie Oilseed Co of Decatur" is a company and where it is; "United Steelworkers of
    // America" is one name.
    let split = words.iter().position(|w| w == "of").filter(|&k| {
        if k < 2 || words.get(k + 1).is_some_and(|w| w == "America") {
            return false;
        }
        let before = words[k - 1].trim_end_matches('.').to_lowercase();
        COMPANY_ENDINGS.contains(&before.as_str()) || !ENDINGS.contains(before.as_str())
    });
    let names = match split {
        Some(k) => {
            let mut right = &words[k + 1..];
            while right.first().is_some_and(|w| is_connector(w)) {
                right = &right[1..];
            }
            vec![&words[..k], right]
        }
        None => vec![words],
    };
    Cleaned {
        names: names.into_iter().filter(|n| !n.is_empty()).collect(),
        acronym,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(phrase: &str, at_start: bool, lower: &[&str]) -> (Vec<String>, Option<String>) {
        let words: Vec<String> = phrase.split(' ').map(str::to_string).collect();
        let lower: WordSet = lower.iter().copied().collect();
        let c = clean(&words, at_start, &lower);
        (
            c.names.iter().map(|n| n.join(" ")).collect(),
            c.acronym.map(str::to_string),
        )
    }

    #[test]
    fn phrases_come_apart() {
        let cases: &[(&str, bool, &[&str], &[&str])] = &[
            ("Residents of the Altona", true, &["residents"], &["Altona"]),
            (
                "Walter Neumayer of the Donau Energy Institute",
                false,
                &[],
                &["Walter Neumayer", "Donau Energy Institute"],
            ),
            ("Bank of England", false, &[], &["Bank of England"]),
            (
                "Chicago Board of Trade",
                false,
                &[],
                &["Chicago Board of Trade"],
            ),
            ("Thomas Abernethy D-Minn", false, &[], &["Thomas Abernethy"]),
            (
                "Rustenburg-based Marula Ridge Platinum",
                false,
                &[],
                &["Marula Ridge Platinum"],
            ),
            ("New York", true, &["new"], &["New York"]),
            (
                "Neighbour Derek Pountney",
                true,
                &["neighbour"],
                &["Derek Pountney"],
            ),
        ];
        for (phrase, at_start, lower, want) in cases {
            assert_eq!(cleaned(phrase, *at_start, lower).0, *want, "{phrase}");
        }
        assert_eq!(
            cleaned("International Monetary Fund IMF", false, &[]),
            (
                vec!["International Monetary Fund".to_string()],
                Some("IMF".to_string())
            )
        );
    }
}
