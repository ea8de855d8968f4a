//! Reading a story's text into capitalised phrases, the raw candidates for names: where a name
//! runs on (through `of`, `&`, a possessive into its body's noun) and where it stops
//! (punctuation, a calendar word, a credit, a handle), and which phrases name the outlet a
//! story was told or seen by rather than what it is about.

use super::clean::is_acronym;
use super::{
    is_capitalised, is_conjunction, is_connector, is_known_place, WordSet, ENDINGS, STOP_WORDS,
    TITLE_WORDS,
};

/// The abbreviations a company's name ends with, written with their full stop.
pub(super) const COMPANY_ABBREVIATIONS: &[&str] = &["co", "corp", "inc", "ltd", "bros", "cos"];

/// Cleans a word of the punctuation around it and of a possessive.
pub(super) fn clean_word(raw: &str) -> &str {
    let w = raw.trim_matches(|c: char| {
        !c.is_alphanumeric() && c != '.' && c != '-' && c != '’' && c != '\''
    });
    // An initial keeps its full stop ("Walter P. Gresham"), as do "Jr.", "Sr." and initials run
    // together ("U.S.", "D.C.").
    let initial = w.len() == 2 && w.ends_with('.') && w.starts_with(|c: char| c.is_uppercase());
    let initials = w.len() > 3
        && w.ends_with('.')
        && w[..w.len() - 1]
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase));
    // So do the abbreviations that open a place's name ("St. Louis", "Mt. Hood").
    let opens_place = w
        .strip_suffix('.')
        .is_some_and(|a| ["St", "Mt", "Ft", "Pt", "Ste"].contains(&a));
    let w = if initial || initials || opens_place || w == "Jr." || w == "Sr." {
        w
    } else {
        w.trim_end_matches('.')
    };
    let w = w
        .strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w);
    w.trim_end_matches(['’', '\''])
}

/// Whether the raw word ends a phrase (punctuation after it breaks a name).
/// An abbreviation's full stop ("St.", "Sen.", "U.S.", "Walter P.") does not; a short word's
/// does ("on New Year's Eve. Starting…").
fn breaks_after(raw: &str) -> bool {
    raw.ends_with([',', ';', ':', '.', '!', '?', ')', '”', '"', '—']) && !is_abbreviation(raw)
}

/// The abbreviations a name holds with their full stop, besides titles and companies'.
const NAME_ABBREVIATIONS: &[&str] = &["st", "ste", "mt", "ft", "pt", "jr", "sr", "no"];

fn is_abbreviation(raw: &str) -> bool {
    let Some(word) = raw.strip_suffix('.') else {
        return false;
    };
    let lower = word.to_lowercase();
    let short = word.chars().count() <= 4;
    is_capitalised(word)
        && (word.chars().count() == 1
            || word.contains('.')
            || (short
                && (NAME_ABBREVIATIONS.contains(&lower.as_str())
                    || COMPANY_ABBREVIATIONS.contains(&lower.as_str())
                    || TITLE_WORDS.contains(format!("{lower}.").as_str()))))
}

/// Whether the story writes a company's abbreviation with its full stop (`Delta Towing Co.
/// said`), as AP and most papers do, rather than without (`Kanemura Securities Co Ltd said`),
/// as Reuters does, whose full stop after one ends the sentence. Told by the first
/// abbreviation whose stop, or lack of one, cannot be the sentence's; a story with none keeps
/// the stops it writes.
pub(super) fn writes_company_stops(texts: &[&str]) -> bool {
    for text in texts {
        let mut words = text.split_whitespace().peekable();
        while let Some(raw) = words.next() {
            let bare = raw.trim_end_matches([',', ';', ':', ')', '”', '"']);
            let (word, stopped) = match bare.strip_suffix('.') {
                Some(word) => (word, true),
                None => (bare, false),
            };
            if !COMPANY_ABBREVIATIONS.contains(&word.to_lowercase().as_str()) {
                continue;
            }
            let goes_on = bare.len() < raw.len()
                || words
                    .peek()
                    .is_some_and(|next| next.starts_with(|c: char| c.is_lowercase()));
            if goes_on || !stopped {
                return stopped;
            }
        }
    }
    true
}

/// Capitalised phrases in one piece of text: (phrase words, starts a sentence). `company_stops`
/// is [`writes_company_stops`] of the story.
pub(super) fn phrases<'t>(
    text: &'t str,
    lower: &mut WordSet<'t>,
    company_stops: bool,
) -> Vec<(Vec<String>, bool)> {
    let mut out = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut current_at_start = false;
    let mut sentence_start = true;
    let mut sentence_after_abbreviation = false;
    let flush = |current: &mut Vec<String>,
                 at_start: bool,
                 source: bool,
                 out: &mut Vec<(Vec<String>, bool)>| {
        if source {
            current.clear();
            return;
        }
        while current
            .last()
            .is_some_and(|w| is_connector(w) || is_conjunction(w))
        {
            current.pop();
        }
        // "Securities and Exchange Commission" is one name, "China and Taiwan" two: an "and"
        // stays inside a name only when a body's noun ends it.
        let is_ending = |w: &str| ENDINGS.contains(w.trim_end_matches('.').to_lowercase().as_str());
        // The acronym given after a name ("Roads and Transport Authority (RTA)") is not its end.
        let one_body = current
            .iter()
            .rev()
            .find(|w| !is_acronym(w))
            .is_some_and(|w| is_ending(w));
        let mut first = true;
        let mut part = Vec::new();
        let words = std::mem::take(current);
        let count = words.len();
        for (at, word) in words.iter().enumerate() {
            // "Kestrel Bay and Holm Island": a name complete before the "and", and one of two
            // words or more after it, are two names ("Whitcomb Brothers and Co" is one); so
            // are the two sides of "and the" ("Health Canada and the U.S. Food and Drug
            // Administration").
            let complete = part.last().is_some_and(|w: &String| is_ending(w)) && count - at > 2;
            let the_follows = words.get(at + 1).is_some_and(|next| next == "the");
            let subjects = word == "and" && joins_subjects(&part, &words[at + 1..]);
            if word == "and" && !subjects && (!one_body || complete || the_follows) {
                if !part.is_empty() {
                    out.push((std::mem::take(&mut part), at_start && first));
                }
                first = false;
            } else {
                part.push(word.clone());
            }
        }
        if !part.is_empty() {
            out.push((part, at_start && first));
        }
    };
    // The last word's own spelling when it was a possessive ("Sheriff's"), while the next word
    // decides whether the name goes on through it.
    let mut possessive: Option<String> = None;
    // The two words before this one, and whether the phrase being read names where the story
    // came from rather than what it is about ("told Al Jazeera", "seen by Reuters").
    let mut before: [&str; 2] = ["", ""];
    let mut current_is_source = false;
    for raw in text.split_whitespace() {
        let previous = before;
        before = [before[1], raw];
        if let Some(form) = possessive.take() {
            if continues_past_possessive(&current, clean_word(raw)) {
                if let Some(last) = current.last_mut() {
                    *last = form;
                }
            } else {
                flush(&mut current, current_at_start, current_is_source, &mut out);
            }
        }
        // "Harrow & Finch": an ampersand joins the words of one name.
        if raw == "&" && !current.is_empty() {
            current.push("&".to_string());
            continue;
        }
        let word = clean_word(raw);
        if word.starts_with(|c: char| c.is_lowercase()) {
            lower.insert(raw.trim_matches(|c: char| !c.is_alphanumeric()));
        }
        let opens_quote = raw.starts_with(['“', '"', '‘', '(']);
        // "Kestrel Aerospace Holdings, Inc. (NYSE: KSTL)": a parenthesis opens another phrase,
        // unless it only gives the name's acronym ("(IMF)").
        let closes = raw.trim_end_matches([',', ';', ':', '.']).ends_with(')');
        if raw.starts_with('(') && !(closes && is_acronym(word)) {
            flush(&mut current, current_at_start, current_is_source, &mut out);
        }
        if word.is_empty() {
            flush(&mut current, current_at_start, current_is_source, &mut out);
            sentence_start = true;
            continue;
        }
        // Weekdays, months, "I" and shouting (ALL-CAPS words longer than an acronym) end a name.
        let not_a_name = (is_capitalised(word) && is_calendar_word(word))
            || word == "I"
            || word.starts_with("I’")
            || word.starts_with("I'")
            || (word.chars().filter(|c| c.is_alphabetic()).count() > 5
                && !word.chars().any(char::is_lowercase));
        if not_a_name {
            flush(&mut current, current_at_start, current_is_source, &mut out);
            sentence_start = raw.ends_with(['.', '!', '?', ':', '”', '"']);
            continue;
        }
        // "Acme Co. The company said": after an abbreviation's full stop a grammar word opens
        // the next sentence.
        if sentence_after_abbreviation && STOP_WORDS.contains(word.to_lowercase().as_str()) {
            flush(&mut current, current_at_start, current_is_source, &mut out);
            current_at_start = true;
        }
        sentence_after_abbreviation = raw.ends_with('.');
        if is_capitalised(word) && word.chars().any(char::is_alphabetic) {
            if current.is_empty() {
                current_at_start = sentence_start || opens_quote;
                current_is_source = names_a_source(previous);
            } else if is_handle(&current, word) {
                // "Maya Okonkwo MayaOkonkwoNYJ": the writer's handle, glued to the byline.
                flush(&mut current, current_at_start, current_is_source, &mut out);
                continue;
            }
            current.push(with_company_stop(word, raw, company_stops));
        } else if !current.is_empty() && (is_connector(word) || word == "and") {
            current.push(word.to_string());
        } else {
            flush(&mut current, current_at_start, current_is_source, &mut out);
        }
        sentence_start = raw.ends_with(['.', '!', '?', ':', '”', '"']) && !raw.ends_with(",”");
        if breaks_after(raw) {
            flush(&mut current, current_at_start, current_is_source, &mut out);
        } else if let Some(form) = possessive_form(raw).filter(|_| !current.is_empty()) {
            possessive = Some(form);
        }
    }
    flush(&mut current, current_at_start, current_is_source, &mut out);
    out
}

/// Whether an "and" joins two subjects of one body's name: "Department of Health and Mental
/// Hygiene", "European Bank for Reconstruction and Development", "University of Science and
/// Technology". Before it, a body's noun, `of` or `for`, and what the body is of (no place:
/// "Bank of Japan and Nomura" are two); after it, one more word or a body's noun at the end.
fn joins_subjects(before: &[String], after: &[String]) -> bool {
    let Some(of) = before.iter().rposition(|w| w == "of" || w == "for") else {
        return false;
    };
    let body_noun = of
        .checked_sub(1)
        .is_some_and(|b| ENDINGS.contains(before[b].to_lowercase().as_str()));
    let subject = &before[of + 1..];
    let is_place = |w: &String| is_known_place(w);
    let after_words = after.iter().take_while(|w| !is_acronym(w)).count();
    let ends_a_body = after[..after_words].last().is_some_and(|w| {
        ENDINGS.contains(w.to_lowercase().trim_end_matches('.')) || w.ends_with("ies")
    });
    body_noun
        && (1..=2).contains(&subject.len())
        && !subject
            .iter()
            .any(|w| is_place(w) || is_connector(w) || w == "and")
        && !after.iter().any(|w| is_connector(w) || w == "and")
        && after.first().is_some_and(|w| !is_place(w))
        && (after_words == 1 || (after_words <= 3 && ends_a_body))
}

/// A company's abbreviation keeps its full stop in a story that writes one ("Delta Towing
/// Co."), also at the end of a sentence, whose full stop it is as well.
fn with_company_stop(word: &str, raw: &str, company_stops: bool) -> String {
    let abbreviation = COMPANY_ABBREVIATIONS.contains(&word.to_lowercase().as_str());
    let stopped = raw
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.')
        .ends_with('.');
    if abbreviation && stopped && company_stops {
        format!("{word}.")
    } else {
        word.to_string()
    }
}

/// The verbs of a news source's attribution: a story "seen by", "obtained by" an outlet.
const SOURCE_VERBS: &[&str] = &[
    "seen", "viewed", "obtained", "reviewed", "polled", "surveyed", "compiled", "cited",
];

/// Whether a name after these two words is the outlet a story came to or from: "told Al
/// Jazeera", "told the BBC", "seen by Reuters", "Source: AFP".
fn names_a_source(before: [&str; 2]) -> bool {
    let [two, one] = before.map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != ':'));
    one == "told"
        || one == "Source:"
        || (one == "the" && two == "told")
        || (one == "by" && SOURCE_VERBS.contains(&two))
}

/// Whether `word` is a handle made of the name before it ("MayaOkonkwoNYJ" after "Maya
/// Okonkwo").
fn is_handle(current: &[String], word: &str) -> bool {
    let [.., first, last] = current else {
        return false;
    };
    let joined = format!("{first}{last}").to_lowercase();
    word.len() > joined.len() && word.to_lowercase().starts_with(&joined)
        || word.eq_ignore_ascii_case(&joined)
}

/// The words a name goes on with after a possessive: "Lane County Sheriff's Office",
/// "Miller's Creek", "Ashanti Cocoa Growers' Union". Any other word after a possessive opens a
/// new phrase ("Blinken's Office" aside, "Britain's Prime Minister" is two names).
const POSSESSIVE_NAME_ENDINGS: &[&str] = &[
    "office",
    "department",
    "union",
    "forum",
    "association",
    "federation",
    "guild",
    "hospital",
    "church",
    "cathedral",
    "college",
    "school",
    "creek",
    "island",
    "bay",
    "point",
    "landing",
    "market",
    "park",
    "square",
    "wharf",
];

/// A possessive word as the name spells it ("Sheriff's", "Growers’"), or `None`.
fn possessive_form(raw: &str) -> Option<String> {
    let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'');
    ["’s", "'s", "s’", "s'"]
        .iter()
        .any(|end| w.ends_with(end) && w.len() > end.len())
        .then(|| w.to_string())
}

/// Whether the phrase `current`, whose last word was a possessive, goes on with `next`: a
/// body's or place's noun, after anything but a country ("Nigeria's Senate" is two names).
fn continues_past_possessive(current: &[String], next: &str) -> bool {
    let is_country = current.len() == 1 && is_known_place(&current[0]);
    !is_country
        && is_capitalised(next)
        && POSSESSIVE_NAME_ENDINGS.contains(&next.to_lowercase().as_str())
}

/// Weekdays, in the singular or the plural ("open on Sundays"), and month names (not "May",
/// which is also a name) end a name in prose.
fn is_calendar_word(word: &str) -> bool {
    crate::extract::date::is_weekday(word)
        || word
            .strip_suffix('s')
            .is_some_and(crate::extract::date::is_weekday)
        || (!word.eq_ignore_ascii_case("may")
            && crate::extract::date::month_from_word(word).is_some())
}
