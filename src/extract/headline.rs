//! The headline: wire labels taken off (`UPDATE 2-`, `EXCLUSIVE-`), and an ALL-CAPS headline
//! given a readable title-case form that keeps its acronyms.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^((?:UPDATE|WRAPUP|REFILE|CORRECTED|RPT|REPEAT)(?:\s*\d+)?|EXCLUSIVE|ANALYSIS|BREAKINGVIEWS|FACTBOX|EXPLAINER|COLUMN|INSIGHT|FOCUS|PREVIEW|INTERVIEW|TIMELINE|FEATURE|BRIEF|BREAKING|URGENT|FLASH|BULLETIN|OPINION|GRAPHIC|SPECIAL REPORT|FACT CHECK|FACT-CHECK|LIVE|WATCH|Q\+A|REVIEW|OBITUARY|POLL|EDITORIAL|COMMENTARY|SNAPSHOT|GLOBAL MARKETS|CORRECTION)(?:-|\s*[:—–])\s*",
    )
    .expect("label pattern compiles")
});

/// A label in brackets before a wire headline (Yonhap's `(LEAD)`, `(2nd LD)`, `(URGENT)`,
/// `(News Focus)`): the version or kind of the story, not its headline.
static BRACKETED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\((lead|urgent|(?:\d+(?:st|nd|rd|th) )?ld|news focus|news analysis|yonhap interview|yonhap feature|update(?: \d+)?|updated|corrected|correction|recast|repeat)\)\s*",
    )
    .expect("bracketed label pattern compiles")
});

/// Takes wire labels off a headline: `UPDATE 2-EXCLUSIVE-Talks stall` → (`UPDATE 2, EXCLUSIVE`,
/// `Talks stall`), `(LEAD) Seoul adds buses` → (`LEAD`, `Seoul adds buses`). A label's hyphen is set close (`FOCUS-`); a spaced dash (`FOCUS - Bundesbank
/// Seen Holding`) is a 1980s kicker, part of the headline.
pub fn strip_labels(line: &str) -> (Option<String>, &str) {
    let mut labels = Vec::new();
    let mut rest = line.trim();
    while let Some(m) = LABEL
        .captures(rest)
        .or_else(|| BRACKETED_LABEL.captures(rest))
    {
        let whole = m.get(0).map_or(0, |g| g.end());
        if whole >= rest.len() {
            break; // nothing would be left of the headline
        }
        labels.push(m[1].to_string());
        rest = rest[whole..].trim_start();
    }
    let label = (!labels.is_empty()).then(|| labels.join(", "));
    (label, rest)
}

/// Acronyms that stay in capitals whatever the copy says.
const ACRONYMS: &[&str] = &[
    "US", "U.S.", "UK", "U.K.", "UN", "U.N.", "EU", "E.U.", "NATO", "G7", "G20", "CEO", "CFO",
    "FBI", "CIA", "NASA", "IMF", "OPEC", "AI", "GDP", "WHO", "WTO", "NHS", "BBC", "AP", "AFP",
    "COVID", "COVID-19", "NFL", "NBA", "MLB", "NHL", "FIFA", "UEFA", "IPO", "ECB", "FED", "SEC",
    "FDA", "EPA", "CDC", "DOJ", "GOP", "MP", "MPS", "PM", "TV", "CO2", "LGBTQ", "ICC", "ICJ",
    "IAEA", "ASEAN", "BRICS", "OECD", "UAE", "DNA", "HIV", "AIDS", "US-CHINA", "EV", "EVS", "TSMC",
    "IBM", "USSR", "U.S.S.R.", "GATT", "EEC", "PLO", "ANC", "UNESCO", "UNICEF", "NAFTA",
];

/// Small words that stay lower case inside a title: the articles, conjunctions and short
/// prepositions of headline style. Longer prepositions (`Over`, `Into`) and the particles of
/// phrasal verbs (`Lay Off`) are capitalised.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with",
    "from", "as", "vs", "vs.", "v.",
];

/// The two-letter words of English: any other two capitals in a headline are an acronym
/// (`EC`, `UK`).
const TWO_LETTER_WORDS: &[&str] = &[
    "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my", "no",
    "of", "oh", "on", "or", "ox", "so", "to", "up", "we", "co", "st", "mr", "ms", "dr", "jr", "sr",
    "vs", "hi", "ok",
];

/// The abbreviations of financial wire copy, which have no vowel but are words, not acronyms:
/// `86 MLN DLR ORDER` → `86 Mln Dlr Order`.
const WIRE_ABBREVIATIONS: &[&str] = &[
    "mln", "bln", "dlr", "dlrs", "pct", "stg", "qtr", "qtly", "shr", "shrs", "cts", "yr", "yrs",
    "mths", "mth", "wks", "wk", "pfd", "cwt", "ltd", "bros", "cos", "hldgs", "mfg", "svcs",
];

/// Whether a headline is set in capitals (most of its letters upper case).
pub fn is_all_caps(s: &str) -> bool {
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    let lower = s.chars().filter(|c| c.is_lowercase()).count();
    upper >= 6 && lower * 10 <= upper
}

/// Words the body writes in capitals: the best evidence that a headline word is an acronym.
pub fn acronyms_in(body: &str) -> HashSet<String> {
    body.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .map(|w| w.trim_matches(['.', '-']))
        .filter(|w| {
            w.chars().count() >= 2
                && w.chars().any(char::is_alphabetic)
                && !w.chars().any(char::is_lowercase)
        })
        .map(str::to_string)
        .collect()
}

fn capitalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start = false;
        } else {
            out.extend(c.to_lowercase());
        }
        // Each part of a hyphenated word starts a new capital; an apostrophe does not ("Don't").
        if c == '-' || c == '/' {
            start = true;
        }
    }
    out
}

fn is_acronym(core: &str, body_acronyms: &HashSet<String>) -> bool {
    let upper = core.to_uppercase();
    if ACRONYMS.contains(&upper.as_str()) {
        return true;
    }
    let lower = core.to_lowercase();
    if WIRE_ABBREVIATIONS.contains(&lower.as_str()) || is_numeric_word(core) {
        return false;
    }
    // Headline words written in capitals in the body too (but not the body's own capitalised
    // headline or lede words: those must be short to count).
    if body_acronyms.contains(&upper) && upper.chars().count() <= 5 {
        return true;
    }
    let letters: Vec<char> = core.chars().filter(|c| c.is_alphabetic()).collect();
    let has_digit = core.chars().any(|c| c.is_ascii_digit());
    let dotted = core.contains('.') && letters.len() <= 4;
    let no_vowel = letters.len() >= 2 && !letters.iter().any(|c| "AEIOUY".contains(*c));
    let two_letters = letters.len() == 2
        && core.chars().count() == 2
        && !TWO_LETTER_WORDS.contains(&lower.as_str());
    (has_digit && !letters.is_empty()) || dotted || no_vowel || two_letters
}

/// A number with the letters of an ordinal or a ratio: `4TH`, `1ST`, `2-FOR-1`. Written in
/// lower case (`4th`, `2-for-1`), unlike `G7` or `F-16`, whose letters are a name.
fn is_numeric_word(core: &str) -> bool {
    let starts_with_digit = core.starts_with(|c: char| c.is_ascii_digit());
    let ordinal = ["ST", "ND", "RD", "TH"].iter().any(|s| {
        core.to_uppercase()
            .strip_suffix(s)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    });
    let ratio = starts_with_digit
        && core.contains('-')
        && core.split('-').all(|part| {
            part.bytes().all(|b| b.is_ascii_digit())
                || SMALL_WORDS.contains(&part.to_lowercase().as_str())
        });
    ordinal || ratio
}

/// `NATO ALLIES AGREE TO BOOST DEFENSE SPENDING AFTER G7 TALKS` →
/// `NATO Allies Agree to Boost Defense Spending After G7 Talks`.
pub fn title_case(headline: &str, body_acronyms: &HashSet<String>) -> String {
    let words: Vec<&str> = headline.split_whitespace().collect();
    let last = words.len().saturating_sub(1);
    let mut after_colon = false;
    words
        .iter()
        .enumerate()
        .map(|(i, word)| {
            let dotted_core = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
            let core = dotted_core.trim_end_matches('.');
            // "PA.", "MICH.": a word cut short, not letters standing for words ("U.S.").
            let abbreviated = dotted_core.len() > core.len()
                && !core.contains('.')
                && !ACRONYMS.contains(&dotted_core);
            let possessive = core.strip_suffix("'S").or_else(|| core.strip_suffix("’S"));
            let result = if !abbreviated && is_acronym(possessive.unwrap_or(core), body_acronyms) {
                match possessive {
                    Some(_) => word.replace("'S", "'s").replace("’S", "’s"),
                    None => word.to_string(),
                }
            } else {
                let lower = word.to_lowercase();
                let bare = lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
                if (i != 0 && i != last && !after_colon && SMALL_WORDS.contains(&bare))
                    || is_numeric_word(core)
                {
                    lower
                } else {
                    capitalize(word)
                }
            };
            after_colon = word.ends_with(':') || word.ends_with('—');
            result
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_come_off() {
        assert_eq!(
            strip_labels("UPDATE 2-China, US agree to talks"),
            (Some("UPDATE 2".into()), "China, US agree to talks")
        );
        assert_eq!(
            strip_labels("EXCLUSIVE-Banks weigh bids"),
            (Some("EXCLUSIVE".into()), "Banks weigh bids")
        );
        assert_eq!(
            strip_labels("(2nd LD) Seoul adds night buses"),
            (Some("2nd LD".into()), "Seoul adds night buses")
        );
        assert_eq!(
            strip_labels("(LEAD) Seoul adds night buses"),
            (Some("LEAD".into()), "Seoul adds night buses")
        );
        assert_eq!(
            strip_labels("UPDATE 1-EXCLUSIVE-Banks weigh bids")
                .0
                .as_deref(),
            Some("UPDATE 1, EXCLUSIVE")
        );
        assert_eq!(strip_labels("What to Watch"), (None, "What to Watch"));
    }

    #[test]
    fn caps_headlines_get_title_case() {
        let none = HashSet::new();
        assert_eq!(
            title_case(
                "NATO ALLIES AGREE TO BOOST DEFENSE SPENDING AFTER G7 TALKS",
                &none
            ),
            "NATO Allies Agree to Boost Defense Spending After G7 Talks"
        );
        assert_eq!(
            title_case("U.N. CHIEF SAYS US AND EU MUST ACT", &none),
            "U.N. Chief Says US and EU Must Act"
        );
        assert_eq!(title_case("CEO'S PAY DOUBLES", &none), "CEO's Pay Doubles");
        assert_eq!(
            title_case("MAYOR DOESN'T BACK DOWN", &none),
            "Mayor Doesn't Back Down"
        );
        assert_eq!(
            title_case("ACME CORP 4TH QTR NET", &none),
            "Acme Corp 4th Qtr Net"
        );
        assert_eq!(
            title_case("QUARRY HLDGS LTD YEAR NET", &none),
            "Quarry Hldgs Ltd Year Net"
        );
        assert_eq!(
            title_case("ACME GETS 86 MLN DLR ORDER, SETS 2-FOR-1 SPLIT", &none),
            "Acme Gets 86 Mln Dlr Order, Sets 2-for-1 Split"
        );
        assert_eq!(
            title_case("ACME CO TO CLOSE MARIETTA, PA., PLANT IN U.S.", &none),
            "Acme Co to Close Marietta, Pa., Plant in U.S."
        );
        assert_eq!(
            title_case("EC TENDER SEEN AHEAD OF G-7 TALKS", &none),
            "EC Tender Seen Ahead of G-7 Talks"
        );
        assert_eq!(
            title_case("FIRM TO LAY OFF 1,800 AS IT IS SOLD", &none),
            "Firm to Lay Off 1,800 as It Is Sold"
        );
        let body = acronyms_in("The ASML chief said");
        assert_eq!(title_case("ASML SHARES JUMP", &body), "ASML Shares Jump");
    }
}
