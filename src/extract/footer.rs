//! Where the story ends on a copied web page. What a reader's selection carries after the last
//! paragraph is the page's footer: link lists and their headings, widget labels, the author's
//! bio and contact line, newsletter and app promotions, the site's notices. The story ends at
//! its last paragraph of prose; the footer's own sentences are told from the story's by what
//! they say.

use std::sync::LazyLock;

use regex::{RegexSet, RegexSetBuilder};

use super::{header, text, Piece, PieceKind};

/// The fewest words of the story's last paragraph.
const MIN_LAST_PARAGRAPH_WORDS: usize = 4;

/// The lazy DFA's cache for the footer's patterns, which run on every paragraph of a copied
/// page: with the regex crate's default the many patterns of the set overflow it and matching
/// falls back to a much slower engine.
const LAZY_DFA_BYTES: usize = 64 << 20;

/// Sentences that belong to a page's footer, not to its story.
static FOOTER_PROSE: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSetBuilder::new([
        // Contacting the author or the newsroom.
        r"(?i)(?-u:\b)(?:contact (?:this|the) (?:reporter|author|writer)|can be reached at|write to [^.]+ at|have a (?:confidential )?tip|send (?:us )?a tip|submit a (?:news )?tip|get in touch)(?-u:\b)",
        r"(?i)^(?:follow|email|e-mail) (?:him|her|them|us|the author)(?-u:\b)",
        r"[\w.-]+@[\w-]+\.[\w.]+",
        r"(?i)https?://",
        // The author's bio.
        r"^\p{Lu}[\w.'’-]*(?: \p{Lu}[\w.'’-]*)+ (?:is|was|has been) (?:a|an|the)(?-u:\b)[^.]*(?:reporter|writer|correspondent|editor|columnist|contributor|journalist|producer|intern)",
        r"^\p{Lu}[\w.'’-]*(?: \p{Lu}[\w.'’-]*)+ is (?:\p{Lu}[\w-]* )*(?:Correspondent|Editor|Reporter|Writer|Columnist)(?-u:\b)",
        // A bio by first name: "Nour is a senior reporter at Khaleej Times covering…".
        r"^\p{Lu}[\w'’-]+ (?:is|was) (?:a|an|the) (?:[\w-]+ )*(?:reporter|writer|correspondent|editor|columnist|journalist) (?:at|for|with) \p{Lu}",
        r"(?i)^(?:reporting on|covering|writing about) ",
        // Promotions of the site's own products.
        r"(?i)(?-u:\b)(?:newsletter|news app|download (?:it|the app|our app)|in your inbox|to your inbox|sign up|click here|subscribe (?:now|today|to)|receive essential)(?-u:\b)",
        // The site's notices.
        r"(?i)(?-u:\b)(?:all rights reserved|terms of (?:use|service)|privacy policy|cookie|quotes (?:are )?delayed|real-time snapshot|code of conduct|opinions of our readers|traditional custodians|home for great|part of the [^.]+ group|award-winning journalism|thought-provoking conversations|rely on advertising)(?-u:\b)",
        r"(?i)^read or share this story",
        r"(?i)(?-u:\b)(?:comments below|views expressed|email address will not be published|in this browser|adblock|ad blocker|print edition|on the bloomberg terminal|send us your feedback)",
        r"(?i)^(?:posted|filed) (?:in|under) ",
        r"(?i)^(?:feedback|get current updates|get the latest)(?-u:\b)",
        r"(?i)(?-u:\b)(?:please (?:log ?in|sign ?in|register) (?:in order )?to comment|subscription has been successful|you(?:'|’)re (?:now )?subscribed|successfully subscribed)(?-u:\b)",
        r"(?i)quality journalism is (?:more )?(?:crucial|important|vital|needed)",
        r"(?i)^disclosure: ",
        // A postal address with its telephone: `1625 K Street, NW Suite 900 … 202-628-8500 tel`.
        r"(?i)\d{3}[-. ]\d{3}[-. ]\d{4} (?:tel|phone|fax)(?-u:\b)",
        r"(?i)^don(?:'|’)?t miss (?:out on )?(?:the latest|our)(?-u:\b)",
        r"(?i)^for (?:feedback|complaints|inquiries|enquiries|corrections)(?-u:\b)",
        r"(?i)(?-u:\b)(?:check your inbox|confirm your (?:email|subscription)|thanks for (?:signing up|subscribing))(?-u:\b)",
        r"(?i)(?-u:\b)(?:importance of (?:high-quality |quality |independent |good )?journalism|freely accessible to all|costly news subscriptions)(?-u:\b)",
        // Notes on sources rather than story: "The Associated Press contributed to this report."
        r"(?i)(?:contributed to|was used in) this (?:report|story|article)\.?$",
        r"(?i)^some (?:information|material|reporting) (?:for|in) this (?:report|story|article) (?:came|comes|is) from ",
        // What a site says of itself after the story: appeals, notices, its publisher.
        r"(?i)(?-u:\b)(?:become an? [\w ]*(?:insider|member|subscriber|supporter)|by subscribing|we can(?:'|’)?t do (?:it|this) without you|support (?:our|independent|local) journalism|make a donation)(?-u:\b)",
        r"(?i)(?-u:\b)(?:notification icon|news updates through the day|community guidelines|reader discussion|before commenting|comment threads)(?-u:\b)",
        r"(?i)^[\w .&'’-]+ (?:is|are) (?:published|owned) by [^.]+(?:company|group|inc|ltd|media|llc|network|foundation|trust|corporation)\.?$",
        r"(?i)^republish this (?:story|article)",
        // Bios in the form of "Jane Doe covers county government for the Times.", by first
        // name ("Eilidh covers transport for The Press and Journal."), or by career ("Jane Doe
        // joined the Post in 2016").
        r"^\p{Lu}[\w.'’-]*(?: \p{Lu}[\w.'’-]*)+ (?:covers|writes about|reports on) ",
        r"^\p{Lu}[\w'’-]+ (?:covers|writes about|reports on) [^.]* for [Tt]he \p{Lu}",
        r"^\p{Lu}[\w.'’-]*(?: \p{Lu}[\w.'’-]*)+ (?:joined|has worked (?:at|for)|has been with) (?:the )?\p{Lu}[^.]*(?:in (?:19|20)\d\d|since|covers|as a)",
        // The author's telephone under the story: `Jane Doe: 305-376-0000, @jdoe`.
        r"^\p{Lu}[\w.'’-]*(?: \p{Lu}[\w.'’-]*)+: \(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}",
        // The site's app, social accounts and comment section.
        r"(?i)(?-u:\b)(?:(?:get|download) (?:the |our )?[\w ]{0,40}(?-u:\b)app(?-u:\b)|app store|google play|at your fingertips)",
        r"(?i)^(?:like|follow) [^.]{0,60} on (?:twitter|facebook|instagram|x|threads|whatsapp|telegram|linkedin|youtube|tiktok|bluesky|google news)(?-u:\b)",
        r"(?i)(?-u:\b)(?:join the (?:discussion|conversation)|civil (?:forum|discussion|conversation)|forum for discussion|share information, experiences)",
        r"(?i)^got a (?:confidential )?tip(?-u:\b)",
        // A wire service's note on a reprint: "This report by The Canadian Press was first
        // published Feb. 28, 2023."
        r"(?i)^this (?:report|story|article) by [^.]+ was (?:first|originally) published(?-u:\b)",
        r"(?i)^(?:click|tap)(?: here)? for more [^.]*(?:articles|stories|coverage)(?-u:\b)",
        r"(?i)^disclaimer\s*:",
        r"(?i)(?-u:\b)(?:log ?in|sign ?in|register) to (?:leave|post|add) a comment(?-u:\b)",
        r"(?i)^(?:most|many) (?:news )?(?:outlets|publications|newsrooms|news sites) make (?:their|its|our) money (?:through|from) (?:advertising|ads|subscriptions)(?-u:\b)",
        // A correction or editor's note under the story: "This article originally misstated
        // the distance…", "An earlier version of this story misspelled…".
        r"(?i)^(?:this|an earlier version of this|a previous version of this) (?:article|story|report|piece) (?:has been |was |originally |previously |incorrectly )*(?:misstated|misidentified|misspelled|misnamed|misquoted|misattributed|mischaracterized|stated|said|reported|gave|updated|corrected|amended)(?-u:\b)",
        r"(?i)^(?:correction|clarification|editor(?:'|’)s note)\s*(?:\(|:|—|–|-)",
        // A bio by the outlet's name: "Jane Doe is The Daily's northern correspondent."
        r"^\p{Lu}[\w.'’-]*(?: \p{Lu}[\w.'’-]*)+ is (?:the |The )?(?:(?:\p{Lu}[\w.&'’-]*|of|and|the|&) )*\p{Lu}[\w.&-]*(?:'s|’s) (?:[\w-]+ ){0,5}(?:reporter|writer|correspondent|editor|columnist|contributor|journalist|producer|critic)(?-u:\b)",
        // A translated story's note on its original.
        r"(?i)^(?:this is an? )?translation of an? (?:article|story|report)(?-u:\b)",
        r"(?i)(?-u:\b)(?:originally|first) published in (?:french|spanish|german|italian|portuguese|japanese|chinese|arabic|korean|dutch|russian|ukrainian|hebrew|turkish)(?-u:\b)",
        r"(?i)^comments (?:will be|are) (?:moderated|reviewed|pre-moderated|closed|disabled|turned off)(?-u:\b)",
        // The head of the comment section (`COMMENTS (2)`, `Show Comments (47)`, `12
        // comments`): the readers' comments under it are no part of the story.
        r"(?i)^(?:show |view |read |load |see )?(?:all )?(?:\d+ )?(?:reader )?comments?(?: ?\(\d+\)| \d+)?$",
        // Appeals to the reader: "If you enjoyed this article, we have a request for you.",
        // "Send your news stories to …", "Join our Telegram channel."
        r"(?i)(?-u:\b)if you (?:enjoyed|value|valued|liked|appreciate|appreciated) (?:this|our) (?:article|story|journalism|reporting|work)(?-u:\b)",
        r"(?i)^send (?:us )?your (?:news )?(?:stories|story|tips|news|photos|videos)(?-u:\b)",
        r"(?i)(?:^|[.?!] )(?:join|follow) [^.]{0,40}(?:whatsapp|telegram) channel(?-u:\b)",
        r"(?i)^readers like you (?:are|keep)(?-u:\b)",
        // Calls for readers' letters and an agency's note on what its site carries.
        r"(?i)^(?:want to submit|we want to hear from you|we(?:'d| would) love to hear from you)(?-u:\b)",
        r"(?i)(?-u:\b)(?:contact us for subscription|subscription options|offered to subscribers)(?-u:\b)",
        // The site's word on itself and on reusing its stories: "You're reading 9to5Mac —
        // experts who…", "This story can be republished for free", "Support The Moscow Times!",
        // "We pay for your stories!", "Watch our full report above."
        r"(?i)^you(?:'|’)re reading \S",
        r"(?i)(?-u:\b)(?:(?:can|may) be republished|republishing (?:this|our|the) (?:content|story|article))(?-u:\b)",
        r"(?i)^please (?:take a look at|see|check out|explore) [^.]*sponsorship",
        r"^(?:Please )?[Ss]upport (?:us|[Tt]he \p{Lu}[\w ]*|our [\w ]*journalism)!?$",
        r"(?i)^we pay for (?:your )?(?:stories|videos|photos|pictures|tips)(?-u:\b)",
        r"(?i)^watch (?:our|the) (?:full )?(?:report|video|interview|package) (?:above|below)(?-u:\b)",
        r"(?i)^register (?:\([^)]*\) )?or (?:sign|log) ?in(?-u:\b)",
        r"(?i)^this (?:story|article|page) has been viewed [\d,]+ times",
        // An affiliate notice: "Our expert staff selects the products we cover…", "We may earn
        // a commission when you buy through links on our site."
        r"(?i)(?-u:\b)(?:(?:selects|chooses|picks) the products we (?:cover|review|recommend)|we may (?:earn|receive|get) (?:a )?(?:small )?(?:commission|affiliate)|(?:this|our) (?:article|post|page|site|story) (?:contains|includes|may contain) affiliate links)",
    ])
    .dfa_size_limit(LAZY_DFA_BYTES)
    .build()
    .expect("footer patterns compile")
});

/// Whether a paragraph is one of a page footer's own sentences (a promotion, a notice, a bio),
/// wherever it stands: a saved page's main content can carry one above the story too.
pub(super) fn is_footer_prose(text: &str) -> bool {
    FOOTER_PROSE.is_match(text)
}

/// Whether a paragraph is the outlet speaking for itself to its reader (`Follow 9to5Mac on
/// X for more.`, `Support The Moscow Times!`, `The Spinoff is made possible by our members.`):
/// it names the outlet and says `you`, `our` or `we` outside any quotation. A story's own
/// sentences name the outlet only to report (`told The Sun`), and its `we` is in quotes.
fn outlet_speaks(text: &str, outlet: Option<&str>) -> bool {
    let Some(outlet) = outlet else {
        return false;
    };
    // The outlet's name as a word of its own, anywhere in the paragraph.
    let named = text.match_indices(outlet).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + outlet.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    });
    if !named {
        return false;
    }
    const READER_WORDS: &[&str] = &["you", "your", "our", "we", "us"];
    let mut double_quoted = false;
    let mut single_quoted = false;
    let mut unquoted = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => double_quoted = !double_quoted,
            '“' => double_quoted = true,
            '”' => double_quoted = false,
            // `’` is also an apostrophe: it closes a quote only one `‘` opened.
            '‘' => single_quoted = true,
            '’' if single_quoted => single_quoted = false,
            _ if !double_quoted && !single_quoted => unquoted.push(c),
            _ => {}
        }
    }
    // `US` is the country; the reader's `us` is in lower case, or opens a sentence as `Us`.
    unquoted
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| *w != "US")
        .any(|w| READER_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Whether a paragraph could close the story: a sentence of some length, not cut short with
/// an ellipsis (a link's title), not one of the footer's own sentences.
fn closes_story(piece: &Piece, outlet: Option<&str>) -> bool {
    let t = piece.text.trim();
    // A sign-off glued to the last sentence (`… end of March. ®`) is no part of the sentence.
    let t = super::boilerplate::without_glued_sign_off(t).unwrap_or(t);
    let unquoted = t.trim_end_matches(['"', '”', '’', '\'', ')']);
    let sentence = unquoted.ends_with(['.', '!', '?']) && !unquoted.ends_with("...");
    sentence
        && text::word_count(t) >= MIN_LAST_PARAGRAPH_WORDS
        && !is_title_case(t)
        && !FOOTER_PROSE.is_match(t)
        && !outlet_speaks(t, outlet)
        && !header::is_furniture(t)
        && !header::is_bio(t)
        && super::boilerplate::copyright(t).is_none()
}

/// Whether every word of `text` that could be capitalised is: the headline of another story
/// (`Congress Let Child Care Funding Expire. Here's What Happened Next.`), not a sentence of
/// this one.
fn is_title_case(text: &str) -> bool {
    const SMALL: &[&str] = &[
        "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with",
        "from", "as", "vs",
    ];
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    words.len() >= 6
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || SMALL.contains(w))
}

/// The most words of a footer's short sentences after its bio or notice (`Got a tip? Submit it
/// here.`, `For all the latest news, download our app.`): a story's closing paragraph after
/// such a marker is longer.
const MAX_FOOTER_SENTENCE_WORDS: usize = 20;

/// A paragraph that only a footer holds: an author's bio or contact line, a site's notice or
/// promotion, the mark after which the story is over.
fn is_footer_marker(piece: &Piece, outlet: Option<&str>) -> bool {
    let t = piece.text.trim();
    piece.kind == PieceKind::Paragraph
        && (FOOTER_PROSE.is_match(t)
            || outlet_speaks(t, outlet)
            || header::is_bio(t)
            || super::boilerplate::is_end_mark(t))
}

/// Where the story ends in `body`, and where the lines that may still date it end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoryEnd {
    /// The index after the story's last paragraph: what follows is the page's footer.
    pub story: usize,
    /// The index after the last sentence that could close a story: a date line before it
    /// (`Originally published March 3, 2017`) dates the story even under its author's bio.
    pub dated: usize,
}

/// Where the story's last paragraph in `body` ends: what follows is the page's footer.
/// A block that is not a paragraph (a list, a quote, a table) is story wherever it stands.
/// After a footer's marker, only short sentences are the footer's own, so the story ends
/// before the marker. `outlet` is the masthead the page opens with, when it has one.
pub fn story_end(body: &[Piece], outlet: Option<&str>) -> StoryEnd {
    let closes = |p: &Piece| p.kind != PieceKind::Paragraph || closes_story(p, outlet);
    let dated = body
        .iter()
        .rposition(closes)
        .map_or(body.len(), |last| last + 1);
    let mut end = dated;
    while let Some(marker) = body[..end]
        .iter()
        .rposition(|p| is_footer_marker(p, outlet))
    {
        let only_short_after = body[marker + 1..end].iter().all(|p| {
            p.kind == PieceKind::Paragraph
                && (!closes(p) || text::word_count(&p.text) <= MAX_FOOTER_SENTENCE_WORDS)
        });
        match body[..marker].iter().rposition(closes) {
            Some(last) if only_short_after => end = last + 1,
            _ => break,
        }
    }
    StoryEnd { story: end, dated }
}

/// The most lines after the story that may still sign it: further down, a `By` line is a
/// related story's.
const MAX_SIGNATURE_LINES: usize = 3;

/// The byline a page sets under the story instead of over it (`Story by Jane Doe`, `Author Jane
/// Doe`): the first line of the footer's top that reads as one.
pub fn byline_below(footer: &[Piece]) -> Option<Vec<String>> {
    footer
        .iter()
        .take(MAX_SIGNATURE_LINES)
        .filter(|p| p.kind == PieceKind::Paragraph)
        .map(|p| p.text.trim())
        .find_map(|t| {
            // `Author Jane Doe` signs only here; elsewhere "Author Jane Doe, who…" is prose.
            let t = match t.strip_prefix("Author ") {
                Some(name) if text::word_count(name) <= 4 && !name.contains(['.', ',']) => {
                    format!("By {name}")
                }
                _ => t.to_string(),
            };
            super::byline::after_byline_lead(&t)?;
            super::byline::parse_byline(&t, true).filter(|names| !names.is_empty())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(texts: &[&str]) -> Vec<Piece> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Piece::plain(PieceKind::Paragraph, t.to_string(), i + 1))
            .collect()
    }

    #[test]
    fn the_footer_goes() {
        let body = paragraphs(&[
            "The council voted on Tuesday to close the pool for a year.",
            "The order takes effect March 10.",
            "Megan Kowalczyk is a freelance reporter for the Naperville Sun.",
            "Most Popular",
            "Texas hospitals brace as staff call in sick",
            "Passengers fume as budget flight to Malaga is diverted to...",
            "Stay updated on the go with The Times of India News App. Click here to download it.",
            "Conversations are opinions of our readers and are subject to the Code of Conduct.",
            "Do you work at Brushwise? Contact this reporter at etran@businessinsider.com.",
            "Terms of Use Privacy Policy",
            "Nour is a senior reporter at Khaleej Times covering transport.",
            "Thank you. Please check your inbox to confirm.",
            "For feedback, complaints, or inquiries, contact us.",
            "Don't miss out on the latest news and information.",
            "Some information for this report came from Reuters.",
            "At the Ledger, we believe in the importance of independent journalism.",
            "Comments - Please login in order to comment.",
            "Your subscription has been successful.",
            "Disclosure: The water board has been a financial supporter of the Tribune.",
            "The Hill 1625 K Street, NW Suite 900 Washington DC 20006 | 202-628-8500 tel",
            "This report by The Canadian Press was first published Feb. 28, 2023.",
            "Click for more FreightWaves articles by Jessica Tanaka-Boyd.",
            "COMMENTS (2)",
            "If you enjoyed this article, we have a request for you.",
            "Send your news stories to the desk and via WhatsApp.",
            "Want to keep up with us in real time? Join our Telegram channel.",
            "The Insight is published by the Balkan Reporting Network.",
            "Comments are closed as this article is the subject of legal proceedings.",
            "DISCLAIMER: The Views, Comments and Opinions of Readers are their own.",
            "Please log in to leave a comment.",
            "Join Whatsapp Channel of The Tribune for latest updates.",
            "Most news outlets make their money through advertising or subscriptions.",
            "This article originally misstated the distance between the station and the barn.",
            "An earlier version of this story misspelled the name of the mayor.",
            "Correction: A photo caption misidentified the river.",
            "Noa Ben-Haim is The Times of Israel’s northern Israel correspondent.",
            "Harriet Liang is Crikey’s Canberra press gallery correspondent.",
            "Translation of an article originally published in French on lemonde.fr.",
            "Comments will be moderated. Keep comments relevant to the article.",
            "You’re reading 9to5Mac — experts who break news about Apple, day after day.",
            "This story can be republished for free (details).",
            "Support The Moscow Times!",
            "We pay for your stories! Do you have a story for the news desk?",
            "Watch our full report above.",
            "Register (it's quick and free) or sign in now.",
            "Follow TODAY on WhatsApp, Telegram and Instagram for the latest news.",
            "This story has been viewed 3412 times.",
            "Our expert, award-winning staff selects the products we cover and tests our picks.",
            "We may earn a commission when you buy through links on our site.",
            "© 2024 G/O Media Inc.",
        ]);
        assert_eq!(story_end(&body, None).story, 2);
    }

    #[test]
    fn short_sentences_after_a_bio_or_notice_are_the_footer() {
        let body = paragraphs(&[
            "The council voted on Tuesday to close the pool for a year.",
            "The rule takes effect in March. Vendors say they will challenge it.",
            "Amina Odhiambo is a world correspondent for the Ledger and is based in Nairobi.",
            "Got a confidential tip? Submit it here.",
            "For all the latest city news, download the Ledger App.",
            "Eilidh covers transport and the economy for The Press and Journal.",
            "Natalie Kwok joined the Post in 2016 and covers transport.",
            "Like WTOP on Facebook and follow @WTOP on Twitter to join in.",
            "Natalia Borrego: 305-376-0000, @nborrego",
            "The Ledger is committed to maintaining a civil forum for discussion.",
        ]);
        assert_eq!(story_end(&body, None).story, 2);
    }

    #[test]
    fn a_byline_under_the_story_signs_it() {
        let footer = paragraphs(&[
            "Related Subjects",
            "Story by Yelena Sokolova",
            "Translation by Sam Breazeale",
        ]);
        assert_eq!(
            byline_below(&footer),
            Some(vec!["Yelena Sokolova".to_string()])
        );
        assert_eq!(
            byline_below(&paragraphs(&["Author Jens Hartmann"])),
            Some(vec!["Jens Hartmann".to_string()])
        );
        assert_eq!(
            byline_below(&paragraphs(&["Most read", "Photos by the city"])),
            None
        );
    }

    #[test]
    fn the_outlet_speaking_to_its_reader_is_the_footer() {
        let body = paragraphs(&[
            "The council voted on Tuesday to close the pool for a year.",
            "“We want you back in the water by summer,” the mayor told The Ledger on Monday.",
            "The Ledger relies on readers like you. Join our members today.",
        ]);
        assert_eq!(story_end(&body, Some("The Ledger")).story, 2);
        assert_eq!(story_end(&body, None).story, 3);
        // A name that only contains the outlet's is not the outlet.
        let body = paragraphs(&[
            "The council voted on Tuesday to close the pool for a year.",
            "Ledgerwood residents said we should ask you first, the chair wrote.",
        ]);
        assert_eq!(story_end(&body, Some("Ledger")).story, 2);
        // The country, and a quote in single marks, are not the outlet speaking.
        let body = paragraphs(&[
            "The council voted on Tuesday to close the pool for a year.",
            "US officials told The Ledger on Monday that the grant would be withdrawn.",
            "‘We will not back down,’ the mayor told The Ledger’s reporter.",
        ]);
        assert_eq!(story_end(&body, Some("The Ledger")).story, 3);
    }

    #[test]
    fn a_marker_inside_the_story_does_not_end_it() {
        let body = paragraphs(&[
            "The council voted on Tuesday to close the pool for a year.",
            "Related Stories",
            "The pool had been losing money for a decade, and repairs to its roof and filters would have cost more than the city's whole parks budget, officials said.",
            "He declined to comment.",
        ]);
        assert_eq!(story_end(&body, None).story, 4);
    }

    #[test]
    fn a_date_line_under_the_bio_is_still_read_for_its_date() {
        let body = paragraphs(&[
            "The council voted on Tuesday to close the pool for a year.",
            "Amina Odhiambo is a reporter for the Ledger.",
            "Originally published March 3, 2017.",
        ]);
        assert_eq!(story_end(&body, None), StoryEnd { story: 1, dated: 3 });
    }

    #[test]
    fn a_story_without_a_footer_keeps_its_end() {
        let body = paragraphs(&[
            "One sentence of the story here.",
            "\"And a quote,\" she said.",
        ]);
        assert_eq!(story_end(&body, None).story, 2);
        assert_eq!(story_end(&[], None).story, 0);
        // A story about advertising is not a site's appeal.
        let ads = paragraphs(&[
            "Regulators opened an inquiry into online ad auctions on Monday.",
            "Google and Meta make their money from advertising, regulators said.",
        ]);
        assert_eq!(story_end(&ads, None).story, 2);
    }
}
