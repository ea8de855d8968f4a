//! Topics: the people, places and organisations a story is about.
//!
//! The heuristic: collect runs of capitalised words (allowing `of`/`de`/`the` inside them, as in
//! "Bank of England"), take titles off people ("Secretary of State Antony Blinken" → "Antony
//! Blinken"), map demonyms to their country ("Chinese" → "China"), count a surname alone as a
//! mention of the full name seen earlier, ignore a lone word that only ever opens a sentence
//! ("Here", "Now"), and rank by mentions, with a bonus for the headline.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The word lists as sets: every capitalised word of a story is looked up in them.
static STOP_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set_of(STOP));
static CONNECTOR_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set_of(CONNECTORS));
static ENDINGS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set_of(PLACE_OR_BODY_ENDINGS));
/// Titles, and those that end in a full stop without it ("Gen." is also written "Gen").
static TITLE_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    TITLES
        .iter()
        .flat_map(|t| [*t, t.strip_suffix('.').unwrap_or(t)])
        .collect()
});
/// Demonym → country; where a demonym is listed twice, the first country listed.
static COUNTRY_OF: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| DEMONYMS.iter().rev().copied().collect());

fn set_of(words: &[&'static str]) -> HashSet<&'static str> {
    words.iter().copied().collect()
}

fn is_connector(word: &str) -> bool {
    CONNECTOR_WORDS.contains(word)
}

/// Words that are capitalised for grammar's sake, not because they name something.
const STOP: &[&str] = &[
    "a",
    "an",
    "the",
    "he",
    "she",
    "it",
    "we",
    "they",
    "i",
    "you",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "if",
    "as",
    "so",
    "this",
    "that",
    "these",
    "those",
    "here",
    "there",
    "now",
    "then",
    "when",
    "while",
    "after",
    "before",
    "since",
    "although",
    "however",
    "still",
    "yet",
    "also",
    "even",
    "some",
    "many",
    "most",
    "both",
    "other",
    "such",
    "what",
    "which",
    "who",
    "why",
    "how",
    "where",
    "his",
    "her",
    "their",
    "our",
    "its",
    "my",
    "your",
    "for",
    "with",
    "from",
    "by",
    "to",
    "of",
    "not",
    "no",
    "yes",
    "one",
    "two",
    "three",
    "four",
    "five",
    "first",
    "last",
    "may",
    "mr",
    "mrs",
    "ms",
    "dr",
    "said",
    "says",
    "according",
    "today",
    "tomorrow",
    "yesterday",
    "all",
    "any",
    "each",
    "every",
    "more",
    "less",
    "just",
    "only",
    "ap",
    "reuters",
    "bloomberg",
    "afp",
    "associated press",
    "upi",
    "copyright",
    "read",
    "more stories",
    "sign",
    "share",
    "updated",
    "published",
    "photo",
    "image",
    "there’s",
    "it’s",
    "that’s",
    "we’re",
    "they’re",
    "i’m",
    "don’t",
    "can’t",
    "won’t",
    "isn’t",
    "let’s",
    "our",
    "meanwhile",
    "instead",
    "because",
    "though",
    "despite",
    "during",
    "without",
    "within",
    "until",
    "among",
    "about",
    "above",
    "below",
    "under",
    "over",
    "again",
    "once",
    "like",
    "unlike",
    "asked",
    "told",
    "added",
    "earlier",
    "later",
    "next",
    "this year",
    "last year",
    "a",
    "do",
    "did",
    "does",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "monday’s",
    "eds",
    "end",
    "note",
    "but",
    "yes",
    "no",
];

/// Words that are a title or office, taken off the front of a person's name.
const TITLES: &[&str] = &[
    "president",
    "vice",
    "secretary",
    "minister",
    "prime",
    "chancellor",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "gov.",
    "governor",
    "mayor",
    "chief",
    "executive",
    "officer",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "general",
    "gen.",
    "admiral",
    "adm.",
    "colonel",
    "col.",
    "lieutenant",
    "lt.",
    "captain",
    "capt.",
    "sergeant",
    "sgt.",
    "judge",
    "justice",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "prof.",
    "professor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "cardinal",
    "bishop",
    "rev.",
    "speaker",
    "leader",
    "ambassador",
    "commissioner",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "attorney",
    "deputy",
    "foreign",
    "defense",
    "defence",
    "treasury",
    "finance",
    "interior",
    "health",
    "trade",
    "commerce",
    "energy",
    "former",
    "acting",
    "premier",
    "president-elect",
    "ceo",
    "coach",
    "manager",
    "economy",
    "state",
    "of",
    "the",
    "house",
    "majority",
    "minority",
    "whip",
    "councillor",
    "councilman",
    "councilwoman",
    "superintendent",
    "inspector",
    "detective",
    "sheriff",
    "chancellor",
    "emir",
    "sheikh",
    "crown",
    "lord",
    "lady",
    "dame",
    "sir",
    "senior",
    "top",
    "u.s.",
    "us",
    "uk",
    "eu",
    "un",
    "opposition",
    "party",
    "labour",
    "conservative",
    "democratic",
    "republican",
    "democrat",
    "state’s",
    "founder",
    "co-founder",
    "head",
];

/// Nouns that end the names of places and bodies, so a lone word is never merged into them
/// ("China" is not "South China Sea").
const PLACE_OR_BODY_ENDINGS: &[&str] = &[
    "sea",
    "strait",
    "council",
    "university",
    "house",
    "bank",
    "ministry",
    "party",
    "department",
    "street",
    "river",
    "island",
    "islands",
    "ocean",
    "union",
    "nations",
    "states",
    "republic",
    "committee",
    "court",
    "agency",
    "office",
    "association",
    "group",
    "company",
    "corp",
    "corp.",
    "inc",
    "inc.",
    "ltd",
    "times",
    "post",
    "news",
    "fund",
    "organization",
    "organisation",
    "forces",
    "army",
    "navy",
    "force",
    "assembly",
    "parliament",
    "senate",
    "congress",
    "city",
    "county",
    "province",
    "region",
    "valley",
    "bay",
    "gulf",
    "mountains",
    "coast",
    "airport",
    "station",
    "museum",
    "hospital",
    "school",
    "college",
    "institute",
    "center",
    "centre",
    "foundation",
    "league",
    "club",
    "summit",
    "treaty",
    "act",
    "bill",
    "exchange",
    "market",
    "markets",
    "board",
    "service",
    "commission",
    "authority",
    "police",
    "guard",
    "team",
    "square",
    "park",
    "road",
    "bridge",
    "port",
    "district",
    "cup",
    "games",
];

/// Adjectives of nationality, counted as mentions of the country.
const DEMONYMS: &[(&str, &str)] = &[
    ("Chinese", "China"),
    ("American", "United States"),
    ("Russian", "Russia"),
    ("Ukrainian", "Ukraine"),
    ("British", "Britain"),
    ("French", "France"),
    ("German", "Germany"),
    ("Japanese", "Japan"),
    ("Indian", "India"),
    ("Iranian", "Iran"),
    ("Israeli", "Israel"),
    ("Palestinian", "Palestinian territories"),
    ("Turkish", "Turkey"),
    ("Taiwanese", "Taiwan"),
    ("Korean", "Korea"),
    ("Canadian", "Canada"),
    ("Mexican", "Mexico"),
    ("Brazilian", "Brazil"),
    ("Australian", "Australia"),
    ("Italian", "Italy"),
    ("Spanish", "Spain"),
    ("Polish", "Poland"),
    ("Dutch", "Netherlands"),
    ("Swedish", "Sweden"),
    ("Norwegian", "Norway"),
    ("Kenyan", "Kenya"),
    ("Nigerian", "Nigeria"),
    ("Egyptian", "Egypt"),
    ("Saudi", "Saudi Arabia"),
    ("Pakistani", "Pakistan"),
    ("Afghan", "Afghanistan"),
    ("Syrian", "Syria"),
    ("Iraqi", "Iraq"),
    ("Venezuelan", "Venezuela"),
    ("Argentine", "Argentina"),
    ("Cuban", "Cuba"),
    ("Greek", "Greece"),
    ("Irish", "Ireland"),
    ("Scottish", "Scotland"),
    ("Welsh", "Wales"),
    ("Swiss", "Switzerland"),
    ("Austrian", "Austria"),
    ("Belgian", "Belgium"),
    ("Danish", "Denmark"),
    ("Finnish", "Finland"),
    ("Vietnamese", "Vietnam"),
    ("Thai", "Thailand"),
    ("Filipino", "Philippines"),
    ("Indonesian", "Indonesia"),
    ("South African", "South Africa"),
    ("European", "Europe"),
];

/// Connectors allowed inside a name ("Bank of England", "Council on Foreign Relations").
const CONNECTORS: &[&str] = &[
    "of", "de", "du", "del", "la", "von", "van", "der", "on", "for", "the", "al", "bin",
];

#[derive(Default)]
struct Candidate {
    count: usize,
    first_seen: usize,
    in_headline: bool,
    person: bool,
    mid_sentence: bool,
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Cleans a word of the punctuation around it and of a possessive.
fn clean_word(raw: &str) -> &str {
    let w = raw.trim_matches(|c: char| {
        !c.is_alphanumeric() && c != '.' && c != '-' && c != '’' && c != '\''
    });
    let w = w.trim_end_matches('.');
    let w = w
        .strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w);
    w.trim_end_matches(['’', '\''])
}

/// Whether the raw word ends a phrase (punctuation after it breaks a name).
fn breaks_after(raw: &str) -> bool {
    raw.ends_with([',', ';', ':', '.', '!', '?', ')', '”', '"', '—'])
        && !(raw.ends_with('.') && raw.len() <= 4 && is_capitalised(raw)) // "St.", "Sen."
}

/// Capitalised phrases in one piece of text: (phrase words, starts a sentence).
fn phrases(text: &str) -> Vec<(Vec<String>, bool)> {
    let mut out = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut current_at_start = false;
    let mut sentence_start = true;
    let flush = |current: &mut Vec<String>, at_start: bool, out: &mut Vec<(Vec<String>, bool)>| {
        while current.last().is_some_and(|w| is_connector(w)) {
            current.pop();
        }
        if !current.is_empty() {
            out.push((std::mem::take(current), at_start));
        }
        current.clear();
    };
    for raw in text.split_whitespace() {
        let word = clean_word(raw);
        let opens_quote = raw.starts_with(['“', '"', '‘', '(']);
        if word.is_empty() {
            flush(&mut current, current_at_start, &mut out);
            sentence_start = true;
            continue;
        }
        // Weekdays, months, "I" and shouting (ALL-CAPS words longer than an acronym) end a name.
        let not_a_name = is_calendar_word(word)
            || word == "I"
            || (word.chars().filter(|c| c.is_alphabetic()).count() > 5
                && !word.chars().any(char::is_lowercase));
        if not_a_name {
            flush(&mut current, current_at_start, &mut out);
            sentence_start = raw.ends_with(['.', '!', '?', ':', '”', '"']);
            continue;
        }
        if is_capitalised(word) && word.chars().any(char::is_alphabetic) {
            if current.is_empty() {
                current_at_start = sentence_start || opens_quote;
            }
            current.push(word.to_string());
        } else if !current.is_empty() && is_connector(word) {
            current.push(word.to_string());
        } else {
            flush(&mut current, current_at_start, &mut out);
        }
        sentence_start = raw.ends_with(['.', '!', '?', ':', '”', '"']) && !raw.ends_with(",”");
        if breaks_after(raw) || raw.ends_with("’s") || raw.ends_with("'s") {
            flush(&mut current, current_at_start, &mut out);
        }
    }
    flush(&mut current, current_at_start, &mut out);
    out
}

/// Weekdays and month names (not "May", which is also a name) end a name in prose.
fn is_calendar_word(word: &str) -> bool {
    super::date::is_weekday(word)
        || (!word.eq_ignore_ascii_case("may")
            && word.len() > 3
            && super::date::month_from_word(word).is_some())
}

/// Takes titles off the front of a phrase; says whether any were taken (then it is a person).
fn strip_titles(words: &[String]) -> (&[String], bool) {
    let is_title = |w: &str| TITLE_WORDS.contains(w.to_lowercase().as_str());
    let mut i = 0;
    while i < words.len() && is_title(&words[i]) {
        i += 1;
    }
    // "Senate Majority Leader Eleanor Whitcomb": a name after a title further in.
    if i == 0 {
        if let Some(last_title) = words.iter().rposition(|w| is_title(w)) {
            let name = &words[last_title + 1..];
            if (2..=3).contains(&name.len()) && !name.iter().any(|w| is_connector(w)) {
                return (name, true);
            }
        }
        return (words, false);
    }
    let rest = &words[i..];
    // "Sen. Dale Pritchard of Kansas": after a title comes a name; what follows "of" is where
    // the person is from.
    let end = rest
        .iter()
        .position(|w| is_connector(w))
        .unwrap_or(rest.len());
    (&rest[..end], true)
}

/// Drops grammar words a sentence opens with ("In Kyiv" → "Kyiv", "The White House" →
/// "White House").
fn strip_leading_stop_words(words: &[String]) -> &[String] {
    let mut i = 0;
    while i + 1 < words.len() && STOP_WORDS.contains(words[i].to_lowercase().as_str()) {
        i += 1;
    }
    &words[i..]
}

/// Up to `limit` topics for a story, best first.
pub fn topics(headline: &str, texts: &[&str], limit: usize) -> Vec<String> {
    let mut candidates: HashMap<String, Candidate> = HashMap::new();
    let mut order = 0usize;
    let mut note = |name: String,
                    in_headline: bool,
                    person: bool,
                    mid: bool,
                    candidates: &mut HashMap<String, Candidate>| {
        order += 1;
        let c = candidates.entry(name).or_insert_with(|| Candidate {
            first_seen: order,
            ..Candidate::default()
        });
        if in_headline {
            c.in_headline = true;
        } else {
            c.count += 1;
        }
        c.person |= person;
        c.mid_sentence |= mid || in_headline;
    };
    let sources = std::iter::once((headline, true)).chain(texts.iter().map(|t| (*t, false)));
    for (text, in_headline) in sources {
        for (words, at_start) in phrases(text) {
            let words = strip_leading_stop_words(&words);
            let (rest, person) = strip_titles(words);
            let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
            let rest = match rest.first() {
                Some(first) if is_connector(first) => &rest[1..],
                _ => &rest[..],
            };
            if rest.is_empty() {
                continue;
            }
            let phrase = rest.join(" ");
            if STOP_WORDS.contains(phrase.to_lowercase().as_str()) || phrase.chars().count() < 2 {
                continue;
            }
            let phrase = COUNTRY_OF
                .get(phrase.as_str())
                .map_or(phrase, |country| country.to_string());
            // A headline in title case capitalises every word: only take its known names.
            if in_headline && rest.len() > 4 {
                continue;
            }
            let mid = !at_start || person || rest.len() > 1;
            note(phrase, in_headline, person, mid, &mut candidates);
        }
    }
    merge_short_mentions(&mut candidates);
    let mut ranked: Vec<(String, Candidate)> = candidates
        .into_iter()
        .filter(|(name, c)| {
            // A full name (two words or more) counts from its first mention; a single word
            // must recur, or stand in the headline, to be more than a passing mention.
            let multi_word = name.contains(' ');
            c.mid_sentence
                && (c.count >= 2
                    || (c.in_headline && c.count >= 1)
                    || c.person
                    || (multi_word && c.count >= 1))
        })
        .collect();
    ranked.sort_by(|(a, ca), (b, cb)| {
        let score =
            |c: &Candidate| c.count + if c.in_headline { 3 } else { 0 } + usize::from(c.person);
        score(cb)
            .cmp(&score(ca))
            .then(ca.first_seen.cmp(&cb.first_seen))
            .then(a.cmp(b))
    });
    ranked
        .into_iter()
        .take(limit)
        .map(|(name, _)| name)
        .collect()
}

/// Counts "Blinken" as a mention of "Antony Blinken" and "Xi" of "President Xi Jinping". Where
/// a word could belong to more than one full name, it goes to the one mentioned first.
fn merge_short_mentions(candidates: &mut HashMap<String, Candidate>) {
    struct FullName {
        name: String,
        first_seen: usize,
        first: String,
        last: String,
        words: usize,
        person: bool,
        ends_place: bool,
    }
    let mut full_names: Vec<FullName> = candidates
        .iter()
        .filter(|(name, _)| name.contains(' '))
        .map(|(name, c)| {
            let words: Vec<&str> = name.split(' ').collect();
            let last = words.last().copied().unwrap_or_default();
            FullName {
                name: name.clone(),
                first_seen: c.first_seen,
                first: words[0].to_string(),
                last: last.to_string(),
                words: words.len(),
                person: c.person,
                ends_place: ENDINGS.contains(last.to_lowercase().as_str()),
            }
        })
        .collect();
    full_names.sort_by(|a, b| a.first_seen.cmp(&b.first_seen).then(a.name.cmp(&b.name)));
    let singles: Vec<String> = candidates
        .keys()
        .filter(|name| !name.contains(' '))
        .cloned()
        .collect();
    for single in singles {
        let target = full_names.iter().find(|full| {
            (full.last == single && !full.ends_place && full.words <= 3)
                || (full.person && full.words == 2 && full.first == single)
        });
        if let Some(full) = target {
            if let Some(short) = candidates.remove(&single) {
                if let Some(long) = candidates.get_mut(&full.name) {
                    long.count += short.count;
                    long.in_headline |= short.in_headline;
                    long.mid_sentence |= short.mid_sentence;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_surname_counts_for_the_full_name_mentioned_first() {
        let body = [
            "Antony Blinken arrived first. Later Tony Blinken, his cousin, joined the talks.",
            "Blinken said little. Blinken left.",
        ];
        // Candidates sit in a map whose order changes from one map to the next; the answer
        // must not.
        for _ in 0..20 {
            let got = topics("Talks end", &body, 1);
            assert_eq!(got, ["Antony Blinken"]);
        }
    }

    #[test]
    fn people_places_and_titles() {
        let body = [
            "Secretary of State Antony Blinken’s last attempt to visit China was derailed. Now he’s ready.",
            "President Joe Biden ordered it shot down. Blinken may meet President Xi Jinping in Beijing.",
            "Here are five things. China and Taiwan disagree; Xi and Biden spoke. Taiwan is tense. Chinese officials met Blinken.",
        ];
        let got = topics("What to Watch as Blinken Heads to China", &body, 8);
        for want in [
            "Antony Blinken",
            "China",
            "Xi Jinping",
            "Taiwan",
            "Joe Biden",
        ] {
            assert!(
                got.contains(&want.to_string()),
                "{want} missing from {got:?}"
            );
        }
        for unwanted in ["Here", "Now", "Secretary of State", "What"] {
            assert!(
                !got.contains(&unwanted.to_string()),
                "{unwanted} in {got:?}"
            );
        }
    }
}
