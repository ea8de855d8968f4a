//! Topics: the people, places and organisations a story is about.
//!
//! The heuristic: collect runs of capitalised words (allowing `of`/`de`/`the` inside them, as in
//! "Bank of England"), take titles off people ("Secretary of State Antony Blinken" → "Antony
//! Blinken"), map demonyms to their country ("Chinese" → "China"), count a surname alone as a
//! mention of the full name seen earlier, ignore a lone word that only ever opens a sentence
//! ("Here", "Now"), and rank by mentions, with a bonus for the headline.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

mod clean;
mod demonyms;
mod lexicon;
mod phrases;
mod words;

use phrases::{clean_word, phrases};

use demonyms::{DEMONYMS, STATE_ABBREVIATIONS};
use words::{
    CONNECTORS, GENERIC_ALONE, LOCAL_LEVELS, NATIONAL_STATE_BODIES, NOT_NAMES, PARTICLES,
    PLACE_OR_BODY_ENDINGS, STOP, TAGGED_ALONE, TITLES, WIRE_ABBREVIATIONS,
};

/// The words a company's name ends with.
const COMPANY_ENDINGS: &[&str] = &[
    "inc",
    "corp",
    "co",
    "ltd",
    "plc",
    "llc",
    "group",
    "holdings",
    "fund",
    "trust",
    "industries",
    "bv",
    "nv",
    "ag",
    "sa",
    "asa",
];

/// The word lists as sets: every capitalised word of a story is looked up in them.
static STOP_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set_of(STOP));
static CONNECTOR_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set_of(CONNECTORS));
static ENDINGS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set_of(PLACE_OR_BODY_ENDINGS));
static NOT_NAME_PHRASES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set_of(NOT_NAMES));
/// Titles, and those that end in a full stop without it ("Gen." is also written "Gen").
static TITLE_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    TITLES
        .iter()
        .flat_map(|t| [*t, t.strip_suffix('.').unwrap_or(t)])
        .collect()
});
/// Demonym → country; where a demonym is listed twice, the first country listed. A state's
/// abbreviation → the state.
static COUNTRY_OF: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    DEMONYMS
        .iter()
        .rev()
        .chain(STATE_ABBREVIATIONS)
        .copied()
        .collect()
});

/// The countries and states the demonyms and abbreviations stand for, by name.
static PLACES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| COUNTRY_OF.values().copied().collect());

/// Whether `name` is a country or a state the word lists know (`Japan`, `Arizona`).
fn is_known_place(name: &str) -> bool {
    PLACES.contains(name)
}

fn set_of(words: &[&'static str]) -> HashSet<&'static str> {
    words.iter().copied().collect()
}

fn is_connector(word: &str) -> bool {
    CONNECTOR_WORDS.contains(word)
}

/// The words that join two names, or the parts of one (`Harrow & Finch`).
fn is_conjunction(word: &str) -> bool {
    word == "and" || word == "&"
}

#[derive(Default)]
struct Candidate {
    count: usize,
    first_seen: usize,
    in_headline: bool,
    person: bool,
    mid_sentence: bool,
    /// Whether the story writes it capitalised inside a sentence (not only in the headline).
    in_prose: bool,
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Takes titles off the front of a phrase; says whether any were taken (then it is a person).
/// The name is what follows the last title (`House Budget Committee Chairman Walter Gresham`
/// → `Walter Gresham`), up to an `of` that says where the person is from (`Sen. Dale
/// Pritchard of Kansas`).
fn strip_titles(words: &[String]) -> (&[String], bool) {
    let is_title = |w: &str| is_title_word(w);
    let leading = words.iter().take_while(|w| is_title(w)).count();
    if leading == words.len() {
        return (&words[words.len()..], true);
    }
    // "Lagos State Emergency Management Agency": a name that ends in a body's noun is a body,
    // whatever title-like word it holds.
    // So does one whose body's noun says what it is of ("King Abdullah University of Science
    // and Technology").
    let is_ending = |w: &String| ENDINGS.contains(w.trim_end_matches('.').to_lowercase().as_str());
    let names_a_body = words.last().is_some_and(is_ending)
        || words
            .windows(2)
            .any(|pair| is_ending(&pair[0]) && (pair[1] == "of" || pair[1] == "for"));
    if names_a_body {
        return (words, false);
    }
    // A name's last word is its surname even where it is also a title ("Sen. Harlan Bishop"),
    // and the `of` of "Secretary of State" is no title on its own ("Department of Public
    // Health").
    let last_title = words[..words.len() - 1]
        .iter()
        .rposition(|w| is_title(w) && !is_connector(w));
    let Some(t) = last_title else {
        return (words, false);
    };
    let rest = &words[t + 1..];
    let end = rest
        .iter()
        .position(|w| is_connector(w) && !PARTICLES.contains(&w.as_str()))
        .unwrap_or(rest.len());
    let name = &rest[..end];
    // A title further in must be followed by a name of a person's length.
    if leading > 0 || (2..=3).contains(&name.len()) && end == rest.len() {
        return (name, true);
    }
    (words, false)
}

/// Whether a word is a title, also with the prefix of a second in rank (`Undersheriff`,
/// `Vice-Chancellor`, `Deputy-Governor`).
fn is_title_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    if TITLE_WORDS.contains(lower.as_str()) {
        return true;
    }
    ["under", "vice-", "deputy-", "co-"].iter().any(|prefix| {
        lower
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.len() > 2 && TITLE_WORDS.contains(rest))
    })
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

/// Up to `limit` topics for a story, best first. `writers` are the story's bylines: a writer
/// named in the copy (a bio line, a sign-off) is who told the story, not what it is about.
pub fn topics(headline: &str, texts: &[&str], writers: &[String], limit: usize) -> Vec<String> {
    let mut candidates: HashMap<String, Candidate> = HashMap::new();
    let mut order = 0usize;
    let mut note =
        |name: String, person: bool, mid: bool, candidates: &mut HashMap<String, Candidate>| {
            order += 1;
            let c = candidates.entry(name).or_insert_with(|| Candidate {
                first_seen: order,
                ..Candidate::default()
            });
            c.count += 1;
            c.person |= person;
            c.mid_sentence |= mid;
            c.in_prose |= mid;
        };
    // One pass over the words finds the phrases and the words written in lower case; the
    // phrases are cleaned once every lower-case word is known.
    let mut lower = WordSet::default();
    let company_stops = phrases::writes_company_stops(texts);
    let found: Vec<(Vec<String>, bool)> = texts
        .iter()
        .flat_map(|text| phrases(text, &mut lower, company_stops))
        .collect();
    let mut acronyms: Vec<(String, String)> = Vec::new();
    {
        for (words, at_start) in found {
            let stripped = strip_leading_stop_words(&words);
            // After "The", the next word no longer opens the sentence: "The Local Government
            // Association" keeps "Local" even where the story also writes "local".
            let at_start = at_start && stripped.len() == words.len();
            let cleaned = clean::clean(stripped, at_start, &lower);
            for (n, name) in cleaned.names.iter().enumerate() {
                let (rest, person) = strip_titles(name);
                let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
                let rest = match rest.first() {
                    Some(first) if is_connector(first) => &rest[1..],
                    _ => &rest[..],
                };
                let Some(phrase) = candidate_name(rest, &lower) else {
                    continue;
                };
                if let (0, Some(acronym)) = (n, cleaned.acronym) {
                    acronyms.push((acronym.to_string(), phrase.clone()));
                }
                let mid = !at_start || person || rest.len() > 1 || n > 0;
                note(phrase, person, mid, &mut candidates);
            }
        }
    }
    if let Some(company) = company_opening(headline) {
        note(company, false, true, &mut candidates);
    }
    merge_acronyms(&acronyms, &mut candidates);
    merge_company_suffixes(&mut candidates);
    mark_headline_mentions(headline, &mut candidates);
    merge_short_mentions(&mut candidates);
    for writer in writers {
        candidates.remove(writer);
    }
    let mut ranked: Vec<(String, Candidate)> = candidates
        .into_iter()
        .filter(|(name, c)| {
            // A full name (two words or more) counts from its first mention; a single word
            // must recur, or stand in the headline, to be more than a passing mention.
            let multi_word = name.contains(' ');
            // A common word capitalised only where a sentence or the headline opens.
            let common_word = !multi_word
                && !c.in_prose
                && !c.person
                && country_of(name).is_none()
                && !is_known_place(name)
                && !TAGGED_ALONE.contains(&name.to_lowercase().as_str())
                && lexicon::is_common_word(&name.to_lowercase());
            !common_word
                && c.mid_sentence
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

/// The company a headline opens with, named to its form's abbreviation (`Brandt Industries
/// Inc 4th Qtr Net`, `Halleck Precision Corp Sets Dividend`): a wire's earnings and dividend
/// briefs name their company only there, above a table of figures.
fn company_opening(headline: &str) -> Option<String> {
    let words: Vec<&str> = headline.split_whitespace().take(8).collect();
    let end = words
        .iter()
        .take_while(|w| is_capitalised(w))
        .position(|w| {
            let bare = w.trim_end_matches([',', '.']).to_lowercase();
            phrases::COMPANY_ABBREVIATIONS.contains(&bare.as_str()) || bare == "plc"
        })?;
    (end > 0).then(|| words[..=end].join(" ").trim_end_matches(',').to_string())
}

/// Marks the candidates the headline names. A headline in title case capitalises every word,
/// so its own capitalised runs are no evidence of a name: only the names the story uses count,
/// found among the headline's words (a surname for a full name, a demonym for its country).
fn mark_headline_mentions(headline: &str, candidates: &mut HashMap<String, Candidate>) {
    let words: Vec<&str> = headline
        .split_whitespace()
        .map(clean_word)
        .filter(|w| !w.is_empty())
        .map(|w| country_of(w).unwrap_or(w))
        .collect();
    let named = |name: &str| {
        let parts: Vec<&str> = name.split(' ').collect();
        let surname = parts.len() > 1 && parts.last().is_some_and(|last| words.contains(last));
        surname || words.windows(parts.len()).any(|w| w == parts.as_slice())
    };
    for (name, candidate) in candidates.iter_mut() {
        if named(name) {
            candidate.in_headline = true;
            candidate.mid_sentence = true;
        }
    }
}

/// The words a story writes in lower case: a capitalised word among them is a common noun
/// that opens a sentence, not a name.
pub(super) type WordSet<'t> = HashSet<&'t str, BuildHasherDefault<WordHasher>>;

/// FNV-1a: every word of a story goes into a [`WordSet`], and the standard hasher, made to
/// resist crafted keys, costs more than the rest of topic finding; a story's own words need
/// no such care.
#[derive(Default)]
pub(super) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// The name a phrase's words stand for, or `None` for a grammar word, a common noun or a
/// wire abbreviation; a demonym stands for its country.
fn candidate_name(words: &[&str], lower: &WordSet<'_>) -> Option<String> {
    let phrase = words.join(" ");
    let lowered = phrase.to_lowercase();
    let single = words.len() == 1;
    if words.is_empty()
        || STOP_WORDS.contains(lowered.as_str())
        || NOT_NAME_PHRASES.contains(lowered.replace('’', "'").as_str())
        || phrase.chars().count() < 2
        || (single
            && (lower.contains(lowered.as_str())
                || WIRE_ABBREVIATIONS.contains(&lowered.as_str())
                || GENERIC_ALONE.contains(&lowered.as_str())
                || (ENDINGS.contains(lowered.as_str())
                    && !TAGGED_ALONE.contains(&lowered.as_str()))))
    {
        return None;
    }
    if !single && (names_a_level_only(words) || names_an_office(words) || names_a_region(words)) {
        return None;
    }
    Some(country_of(&phrase).map_or(phrase, str::to_string))
}

/// `City Council`, `County Hall`, `Mayor's Office`: a level of government and a body's noun,
/// and no place, say which body the story means without naming it.
fn names_a_level_only(words: &[&str]) -> bool {
    let lowered: Vec<String> = words
        .iter()
        .filter(|w| !is_connector(w))
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    let is_level = |w: &String| LOCAL_LEVELS.contains(&w.as_str());
    let national = lowered.len() == 2
        && lowered[0] == "state"
        && NATIONAL_STATE_BODIES.contains(&lowered[1].as_str());
    !national
        && lowered.iter().any(is_level)
        && lowered
            .iter()
            .all(|w| is_level(w) || ENDINGS.contains(w.as_str()))
}

/// The offices a phrase that ends with one names, with nobody after it (`Transport
/// Secretary`, `Foreign Minister`): a role, whose holder the story names elsewhere.
const OFFICES: &[&str] = &[
    "secretary",
    "minister",
    "chairman",
    "chairwoman",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "president",
    "director",
    "commissioner",
    "mayor",
    "governor",
    "chancellor",
    "premier",
    "treasurer",
    "editor",
];

fn names_an_office(words: &[&str]) -> bool {
    words
        .last()
        .is_some_and(|w| OFFICES.contains(&w.to_lowercase().as_str()))
}

/// The adjectives of continents and regions (`Latin American`, `Eastern European`,
/// `Southeast Asian`): they describe what follows them and name no place an editor tags.
const REGION_ADJECTIVES: &[&str] = &[
    "american",
    "americans",
    "european",
    "europeans",
    "asian",
    "asians",
    "african",
    "africans",
];

fn names_a_region(words: &[&str]) -> bool {
    let phrase = words.join(" ");
    country_of(&phrase).is_none()
        && words
            .last()
            .is_some_and(|w| REGION_ADJECTIVES.contains(&w.to_lowercase().as_str()))
}

/// The country a demonym stands for, in the singular or the plural (`Namibians`).
pub(super) fn country_of(phrase: &str) -> Option<&'static str> {
    COUNTRY_OF.get(phrase).copied().or_else(|| {
        let one = phrase.strip_suffix('s')?;
        COUNTRY_OF.get(one).copied()
    })
}

/// Counts an acronym's mentions for the name it was given beside (`IMF` for `International
/// Monetary Fund`): one organisation, one topic.
fn merge_acronyms(acronyms: &[(String, String)], candidates: &mut HashMap<String, Candidate>) {
    for (acronym, name) in acronyms {
        if let Some(short) = candidates.remove(acronym) {
            if let Some(long) = candidates.get_mut(name) {
                long.count += short.count;
                long.mid_sentence |= short.mid_sentence;
            }
        }
    }
}

/// Counts "Northbrook Therapeutics" as a mention of "Northbrook Therapeutics Inc." where the
/// story uses both, and "Delta Towing Co" of "Delta Towing Co.": an editor tags a company by
/// its full name, written as the company writes it.
fn merge_company_suffixes(candidates: &mut HashMap<String, Candidate>) {
    let mut folds: Vec<(String, String)> = candidates
        .keys()
        .filter_map(|name| {
            let (bare, last) = name.rsplit_once(' ')?;
            let ending = last.trim_end_matches('.');
            if !COMPANY_ENDINGS.contains(&ending.to_lowercase().as_str()) {
                return None;
            }
            let undotted = format!("{bare} {ending}");
            if last.ends_with('.') && candidates.contains_key(&undotted) {
                return Some((undotted, name.clone()));
            }
            candidates
                .contains_key(bare)
                .then(|| (bare.to_string(), name.clone()))
        })
        .collect();
    // The undotted form first, so that a bare name then finds the company under one spelling.
    // The candidates' map has no order; the folds get one of their own, so that a bare name two
    // suffixed forms share ("SoftBank" of "SoftBank Group" and "SoftBank Corp") goes to the same
    // one in every run.
    folds.sort_by(|(a, along), (b, blong)| {
        b.len().cmp(&a.len()).then(a.cmp(b)).then(along.cmp(blong))
    });
    for (short, long) in folds {
        let long = if candidates.contains_key(&long) {
            long
        } else {
            format!("{long}.")
        };
        if let Some(folded) = candidates.remove(&short) {
            if let Some(full) = candidates.get_mut(&long) {
                full.count += folded.count;
                full.first_seen = full.first_seen.min(folded.first_seen);
                full.in_headline |= folded.in_headline;
                full.mid_sentence |= folded.mid_sentence;
                full.person |= folded.person;
            } else {
                candidates.insert(short, folded);
            }
        }
    }
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
        /// A company's name ("Halverson Growth Fund Inc"), which the story shortens to its
        /// first word.
        company: bool,
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
                company: COMPANY_ENDINGS.contains(&last.to_lowercase().trim_end_matches('.')),
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
                || (full.company && full.first == single)
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
mod tests;
