//! What is not the story: wire slug lines, promos and sign-offs, page furniture pasted from the
//! web, end marks, and the copyright line (which is kept, but not as body copy).

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

/// Lines a wire system puts above the headline: `BC-US--China-Blinken,1st Ld-Writethru`,
/// `AM-Budget-Vote,0612`, `Eds: UPDATES with quotes.`, `FOR IMMEDIATE RELEASE`.
static WIRE_HEADER: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        r"^(?:[a-z] ){0,3}[A-Z]{1,4}-[A-Za-z0-9]+(?:-{1,2}[A-Za-z0-9’'&.]+)*(?:,\s*[0-9A-Za-z][\w .-]*)?$",
        r"^[A-Z0-9][A-Za-z0-9]*(?:-{1,2}[A-Za-z0-9]+){2,}(?:,[\w -]+)?$",
        r"^[A-Z]{1,4}-[A-Za-z0-9’'&. -]+,\s*\d{3,4}$",
        // AP's keyword line with its version, date and word count: `BC-Tornado
        // 1stLd-Writethru 05-09 0412`.
        r"^(?:[a-z] ){0,3}[A-Z]{1,4}-[A-Za-z0-9’'&.-]+(?: [A-Za-z0-9’'&.-]+){0,4} \d\d-\d\d \d{3,4}$",
        r"(?i)^(?:eds?|editors?|attn|editor's note)\s*[:.]",
        r"(?i)^\((?:attn|eds?|editors?)(?-u:\b)",
        r"(?i)^(?:for immediate release|news release|press release|media advisory|embargoed(?-u:\b).*)$",
        r"^(?:URGENT|BULLETIN|FLASH|ADVISORY|BREAKING)$",
        r"^\d{4}$",
        // A keyword line with its version and numbers after commas: `AM-Gulf Spill, 1st
        // Ld-Writethru,a0446,0560`, `AM-Advance: Farm Auctions,0850`.
        r"^[A-Z]{1,4}-[A-Za-z0-9’'&.: -]+(?:,\s*[\w .-]+)*,\s*[a-z]?\d{3,4}$",
        // A correction note above the title: `Corrects spelling of name in 3rd para`.
        r"(?i)^(?:corrects|updates|adds|changes|fixes|recasts)\s[^.]{0,60}(?-u:\b)(?:in|to|of)\s+(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|last|lead|headline)\s*(?:para|paragraph|graf|pgh|par)s?\.?$",
        // An embargo line: `ADVANCE FOR SUNDAY, MARCH 8`.
        r"^(?:(?:ADVANCE|ADV) FOR|(?:HOLD )?FOR RELEASE) [A-Z0-9 ,.:-]+$",
    ])
    .expect("wire header patterns compile")
});

/// Whole paragraphs that are page furniture or promotion, anywhere in the copy.
static PROMO: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        r"(?i)^more stories like this are available on(?-u:\b)",
        r"(?i)^(?:sign up|subscribe)(?-u:\b)",
        r"(?i)^we(?:'|’)ll send you an? [^.]*(?:digest|newsletter|email|alert)",
        r"(?i)^read (?:more|next|also)\s*[:\-–—]",
        r"(?i)^(?:also read|related|see also|watch|listen)\s*[:\-–—]",
        r"^Reuters?\.?$",
        // The other sign-offs of 1980s wire copy; an agency's name alone on a line is credit,
        // not copy, wherever it stands.
        r"^(?:AP|UPI|AFP|dpa|DPA|-0-|[Nn]{4}|MORE|\(More\)|\(MORE\))$",
        r"(?i)^share (?:this|on|full)(?-u:\b).*$",
        r"(?i)^(?:share|save|copy link|comment|comments|print|email|reuse this content|listen to (?:this )?article.*|listen(?-u:\b).*|advertisement|skip advertisement|story continues below(?: advertisement)?|continue reading.*|supported by|gift this article|add to (?:myft|your saved stories).*|follow (?:us|the author).*)$",
        r"(?i)^\d+\s*(?:min|minute)s?\s*(?:read|listen)$",
        r"(?i)^(?:image|photo|media) (?:source|caption|credit|copyright)(?-u:\b)",
        r"(?i)^(?:getty images|afp via getty images|reuters/.*|ap photo/.*)$",
        r"(?i)^photographer:\s",
        r"(?i)^\(?(?:photo|photograph|illustration|graphic|video)\s*:.*$",
        r"(?i)^to contact the (?:reporter|editor|editors|reporters)(?-u:\b)",
        r"(?i)^our standards\s*:",
        r"(?i)^(?:click|tap) here(?-u:\b)",
        r"(?i)^get the latest(?-u:\b).*$",
        r"(?i)^follow(?-u:\b).*(?-u:\b)on (?:twitter|x|facebook|instagram|threads|bluesky)(?-u:\b)",
        r"(?i)^a version of this article appears in print(?-u:\b)",
        r"(?i)^reporting from [A-Z].*$",
        r"(?i)^this (?:article|story) (?:is|was) (?:part of|first published|originally published|co-published|published in partnership|produced in partnership|voiced by|read by|narrated by)(?-u:\b).*$",
        r"(?i)^this (?:article|story) (?:originally )?appeared (?:first )?(?:in|on)(?-u:\b).*$",
        r"(?i)^\((?:adds|updates|corrects|recasts|changes|rewrites|refiles|repeats|writes through|new throughout|fixes|inserts|removes)(?-u:\b)[^)]*\)$",
        r"(?i)^(?:updates?|adds|corrects)\s+(?:with|to)(?-u:\b).*\)?$",
        r"^[a-z]{2,4}(?:[/-][a-z]{2,4}){1,6}$",
        r"(?i)^the associated press .*(?-u:\b)(?:receives support|is solely responsible)(?-u:\b)",
        r"(?i)(?-u:\b)photographer:\s*[^.]*$",
        r"(?i)(?-u:\b)credit\.\.\.",
        r"^SOURCE [A-Z]",
        r"(?i)^the bbc is not responsible(?-u:\b)",
        r"(?i)^-*\s*[\w ]*(?-u:\b)newsroom(?-u:\b).*$",
        r"(?i)^(?:source|sources)\s*:\s*\S.*$",
    ])
    .expect("promo patterns compile")
});

/// Lines after which nothing is story: end marks and the link lists web pages end with.
static END_MARK: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        r"^(?:#{3}|-30-|- 30 -|END|ENDS|-{3,}|\*{3}|_{3,}|=+|\(END\)|\(MORE\))$",
        r"(?i)^(?:media|press|investor)?\s*(?:contacts?|inquiries|enquiries)\s*:?.*$",
        // Reuters' sign-off of the 1980s: what follows it is the next item on the wire.
        r"^(?:REUTER|Reuter|REUTERS)(?:\s+[Nn]{4})?\s*\.*$",
        // The end of an embargoed story: `END ADV FOR SUNDAY, MARCH 8`.
        r"^END (?:ADV|ADVANCE)(?-u:\b).*$",
    ])
    .expect("end mark patterns compile")
});

/// Headings of link lists pasted from web pages ("Most Read from Bloomberg"); the short title
/// lines that follow them are links, not copy.
static LINK_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:most read from bloomberg(?: businessweek)?|related topics|more on this story|explore more on these topics|top stories|more from .{1,40}|recommended(?: stories)?|read more about these topics|around the bbc|you may also like|related coverage|more coverage|related stories|related articles|read more|see also|related)\s*:?$")
        .expect("link list pattern compiles")
});

/// A heading that opens a list of links to other stories.
pub fn is_link_list_heading(paragraph: &str) -> bool {
    let p = paragraph.trim();
    p.len() < 80 && LINK_LIST.is_match(p)
}

static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:©|\(c\)|copyright(?-u:\b)|all rights reserved)|©.*(?-u:\b)(?:1[89]|20)\d\d(?-u:\b)")
        .expect("copyright pattern compiles")
});

/// A line a wire system or a press office puts above the headline.
pub fn is_wire_header(line: &str) -> bool {
    let line = line.trim();
    // `2017-02-03` has a slug's shape but is a date.
    let numbers_only = line.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    !line.is_empty() && line.len() < 120 && !numbers_only && WIRE_HEADER.is_match(line)
}

/// Page furniture, promotion or a sign-off: never body copy.
pub fn is_promo(paragraph: &str) -> bool {
    paragraph.len() < 400 && PROMO.is_match(paragraph.trim())
}

/// A mark after which the story is over, a wire's transmission stamp among them
/// (`AP-NY-07-22-87 1805EDT`, `UPI 06-30-88 04:12 PED`).
pub fn is_end_mark(paragraph: &str) -> bool {
    let p = paragraph.trim();
    p.len() < 100 && (END_MARK.is_match(p) || super::date::is_transmission_stamp(p))
}

/// The words a wire story was signed off with, glued to its last sentence once hard-wrapped
/// lines are joined: `... from the United States. REUTER`, `... last week. UPI`; and the mark
/// some sites end every story with (`... end of March. ®`).
const GLUED_SIGN_OFFS: [&str; 6] = ["REUTER", "Reuter", "UPI", "AFP", "dpa", "®"];

fn after_sentence(before: &str) -> bool {
    before.ends_with(['.', '!', '?', '"', '”', '\'', '’', ')'])
}

/// A paragraph without the wire's sign-off glued to its end, when it has one: the story is over.
pub fn without_glued_sign_off(paragraph: &str) -> Option<&str> {
    let trimmed = paragraph.trim_end().trim_end_matches('.');
    GLUED_SIGN_OFFS.iter().find_map(|sign_off| {
        let unspaced = trimmed.strip_suffix(sign_off)?;
        let before = unspaced.trim_end();
        // A mark glued to a word is part of a name (`Acme.®`), not a sign-off.
        let spaced = sign_off.is_ascii() || before.len() < unspaced.len();
        (before.len() + 1 < trimmed.len() && spaced && after_sentence(before)).then_some(before)
    })
}

/// The copyright line, as written.
pub fn copyright(paragraph: &str) -> Option<String> {
    let p = paragraph.trim();
    (may_be_copyright(p) && !super::text::longer_than(p, 400) && COPYRIGHT.is_match(p))
        .then(|| p.to_string())
}

/// Whether [`COPYRIGHT`] can match `p`, answered without running it: every paragraph of every
/// story is asked, and the pattern's search for `©` further on would read each one whole. It
/// matches only a text that holds `©` or starts with `(c)`, `copyright` or `all rights
/// reserved`, in any case; nothing but `C` and `A` folds to `c` and `a`.
fn may_be_copyright(p: &str) -> bool {
    matches!(p.as_bytes().first(), Some(b'(' | b'c' | b'C' | b'a' | b'A')) || p.contains('©')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_headers() {
        assert!(is_wire_header("BC-US--China-Blinken,1st Ld-Writethru"));
        assert!(is_wire_header("AM-Budget-Vote,0612"));
        assert!(is_wire_header("BC-Tornado 1stLd-Writethru 05-09 0412"));
        assert!(is_wire_header("a PM-Farm Prices Bjt 03-14 0633"));
        assert!(!is_wire_header("US-China talks resume on 05-09 deal"));
        assert!(is_wire_header("Eds: UPDATES with quotes."));
        assert!(is_wire_header("FOR IMMEDIATE RELEASE"));
        assert!(!is_wire_header(
            "What to Watch as Blinken Heads to China to Reset Ties"
        ));
        assert!(!is_wire_header("US-China Talks Resume"));
        assert!(!is_wire_header("2017-02-03"));
        assert!(is_wire_header("AM-Gulf Spill, 1st Ld-Writethru,a0446,0560"));
        assert!(is_wire_header("AM-Advance: Farm Auctions,0850"));
        assert!(is_wire_header("Corrects spelling of name in 3rd para"));
        assert!(is_wire_header("ADVANCE FOR SUNDAY, MARCH 8"));
        assert!(!is_wire_header("Corrections Officers Strike in Ohio"));
        assert!(!is_wire_header("ADVANCE IN TALKS"));
    }

    #[test]
    fn promos() {
        assert!(is_promo(
            "More stories like this are available on bloomberg.com"
        ));
        assert!(is_promo("Sign up for our newsletter"));
        assert!(is_promo("Read more: Why the talks failed"));
        assert!(is_promo("Reuters"));
        assert!(is_promo("Share this article"));
        assert!(is_promo("jd/abc/xyz"));
        assert!(is_promo("Image caption, Crowds gathered outside"));
        assert!(!is_promo("Subsidies for farmers rose sharply."));
        assert!(!is_promo(
            "A meeting with Xi is possible and would be significant."
        ));
    }

    #[test]
    fn the_copyright_pretest_passes_everything_the_pattern_matches() {
        let parts = [
            "©",
            "(c)",
            "(C)",
            "Copyright",
            "COPYRIGHT ",
            "all rights reserved",
            "All Rights",
            " reserved",
            "ALL ",
            "2023",
            " 1998",
            "Reuters",
            " ",
            "a",
            "c",
            "(",
            "\u{17f}",
            "é",
        ];
        let mut matched = 0;
        for text in crate::testing::strings_of(&parts, 20_000, 6) {
            if COPYRIGHT.is_match(&text) {
                matched += 1;
                assert!(may_be_copyright(&text), "{text:?}");
            }
        }
        assert!(matched > 1_000, "only {matched} strings matched");
    }

    #[test]
    fn end_marks_and_copyright() {
        assert!(is_end_mark("###"));
        assert!(is_link_list_heading("Most Read from Bloomberg"));
        assert!(is_end_mark("Media contact:"));
        assert!(is_end_mark("AP-NY-03-03-87 1432EST"));
        for sign_off in ["REUTER", "Reuter", "REUTER..."] {
            assert!(is_end_mark(sign_off), "{sign_off}");
        }
        for sign_off in ["UPI", "AP", "-0-", "nnnn"] {
            assert!(is_promo(sign_off), "{sign_off}");
        }
        assert_eq!(
            without_glued_sign_off("Sales rose in 1986. REUTER"),
            Some("Sales rose in 1986.")
        );
        assert_eq!(
            without_glued_sign_off("prices rose to 512.  Reuter"),
            Some("prices rose to 512.")
        );
        assert_eq!(
            without_glued_sign_off("The bill goes to the Senate next month. UPI"),
            Some("The bill goes to the Senate next month.")
        );
        assert_eq!(without_glued_sign_off("The story was sold to UPI"), None);
        assert_eq!(without_glued_sign_off("He met Reuter"), None);
        assert_eq!(without_glued_sign_off("REUTER"), None);
        assert_eq!(
            without_glued_sign_off("Staff have until the end of March. ®"),
            Some("Staff have until the end of March.")
        );
        assert_eq!(without_glued_sign_off("It sells Acme.®"), None);
        assert_eq!(
            without_glued_sign_off("The toll rose to 40. AFP"),
            Some("The toll rose to 40.")
        );
        assert_eq!(
            copyright("©2023 Bloomberg L.P.").as_deref(),
            Some("©2023 Bloomberg L.P.")
        );
        assert!(copyright("Copyright 2023 The Associated Press. All rights reserved.").is_some());
        assert!(copyright("© Guardian News & Media Limited 2023").is_some());
        assert!(copyright("The copyright dispute dragged on.").is_none());
        assert!(copyright("(C) 2024 Agence France-Presse").is_some());
        assert!(copyright("ALL RIGHTS RESERVED.").is_some());
        assert!(copyright("Photo: Jane Doe © 2021").is_some());
    }
}
