//! What a reader's selection of a web page carries around the story's header that is not the
//! story: navigation and account links, share widgets and their counts, read times, video
//! players, photo captions and credits, author bios, the labels of highlight boxes.

use std::sync::LazyLock;

use regex::RegexSet;

/// Whole lines that are page furniture. Each is short, so the patterns run on little text.
static FURNITURE: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        r"(?i)^skip (?:to|links|navigation|advertisement)(?-u:\b).*$",
        r"(?i)^(?:sign ?in|sign ?up|log ?in|log ?out|subscribe(?: now)?|register|menu|search(?: \w+)?|home|close|open|more|toggle navigation|navigation menu|sections|my account|your account|account|notifications|accessibility help|get started|open in app|write|follow|following|unfollow|blocked|unblock|edition|live|live now|watch live|watch|listen|video|videos|photos|podcasts?|newsletters?|print|print article|print this article|email|e-mail|email the author|email to a friend|share|tweet|post|pin|save|saved|copy link|copy article link|link copied!?|comments?|view comments|view|comment now|follow comments|leave a comment|post comment|advertisement|advertising|ad feedback|sponsored|supported by|story continues below|loading|buy now|buy photo|gift article|gift this article|give this article|read in app|normal text size|larger text size|very large text size|text size|font size|aa|close panel|share page|about sharing|more \+|all sharing options|share this story|share this article|share article|share this page|view more sharing options|listen to (?:this )?article|text|story highlights|next story|click to copy|cookie settings|edit article|add new page|trending|trending now|most popular|most read|related|related topics|topics|contact us|click to follow|contact reporter|image|images|representative image|photo|reuse this content|explore more|see all news|show more|image caption,?|close modal|expand|collapse|social sharing|related subjects|related articles|related stories|related coverage|previous|next|short ?url|short ?link|permalink|copy url|order reprints?|hide ad|bookmark|save article|save story|premium|premium content|subscribers? only|subscriber exclusive|members only)$",
        r"(?i)^(?:now playing|up next|just watched|must watch|more videos)(?-u:\b).*$",
        // A video player's label over the story (`WATCH: Flames rise…`, `Video above: …`).
        r"(?i)^(?:watch|video(?: above| below)?|listen)\s*:\s.*$",
        // A newsletter box's pitch and its privacy note.
        r"(?i)^get (?:the|our) .{0,60}(?:by email|in your inbox|newsletters?)$",
        r"(?i)^we(?:'ll|’ll| will) (?:only )?use your email(?-u:\b).*$",
        // Counts, durations, temperatures, read times.
        r"(?i)^[\d,.]+k?(?: (?:shares?|comments?|views?|reads?))?$",
        r"(?i)^comments? \(\d+\)$",
        r"(?i)^show \d+ comments$",
        r"(?i)^(?:video ?)?[0-9][0-9]?:[0-9][0-9]$",
        r"^-?\d+°[CF]?$",
        r"(?i)^[•·|]?\s*\d+(?:\s*|-)(?:min|mins|minute|minutes)\.?(?: read| listen)?$",
        // A radio story's player: `Heard on Morning Edition`, `Transcript`.
        r"^Heard on \p{Lu}[\w'’]*(?: \p{Lu}[\w'’]*){0,4}$",
        r"(?i)^(?:playlist|embed|transcript|download)$",
        r"(?i)^read time:.*$",
        r"(?i)^(?:image|photo|slide)? ?\d+ of \d+$",
        r"(?i)^more (?:from|by) \p{Lu}[\w.'’-]*(?: \p{Lu}[\w.'’-]*){0,3}$",
        // A relative time is no date: `24 minutes ago`, `Updated 4 hrs ago`, `Just now`.
        r"(?i)^(?:(?:published|updated|posted|last updated)\s*:?\s*)?(?:(?:\d+|an?|one|a few)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|months?|yrs?|years?)\s+ago|just now)\.?$",
        r"(?i)^[•·|\-–—]+$",
        r"^›$",
        // Notices sites set above or beside the story.
        r"(?i)^this article is more than \d+ \w+ old\.?$",
        r"(?i)^opinions expressed by .+ are their own\.?$",
        r"(?i)^you are the owner of this article\.?$",
        r"(?i)^these are external links and will open in a new window\.?$",
        r"(?i)^image (?:source|copyright|credit)(?-u:\b).*$",
        r"(?i)^(?:connect with|download|receive|join) (?:the|our|us|thought|essential)(?-u:\b).*$",
        r"(?i)^, register or subscribe(?-u:\b).*$",
        r"(?i)^editors?'? ?pick$",
        r"(?i)^(?:reporting|writing) from [A-Z].*$",
        // An author's follow button and its alert box.
        r"(?i)^you will (?:no longer )?receive (?:email |e-mail )?(?:alerts|notifications|updates) (?:from|about|for) this (?:author|writer|reporter|topic)\.?$",
        r"(?i)^manage (?:alert|notification|email) (?:preferences|settings)(?-u:\b).*$",
        r"(?i)^(?:plus|minus|close|share|search|menu|arrow|chevron) icon$",
        // The writer's card beside the byline: `Expertise Wireless carriers`, `See full bio`.
        r"^Expertise:? \p{Lu}[^.!?]*$",
        r"(?i)^(?:see|read|view) (?:the )?(?:full|author(?:'s|’s)?|complete) (?:bio|biography|profile)$",
        // The alt text of the writer's picture beside the byline (`Avatar for Jane Doe`).
        r"^(?:[Aa]vatar|[Pp]hoto|[Pp]icture|[Ii]mage|[Hh]eadshot|[Pp]ortrait|[Pp]rofile (?:photo|picture|image)) (?:for|of) \p{Lu}[\w.'’-]*(?: \p{Lu}[\w.'’-]*){1,3}$",
        r"(?i)^(?:view|see|show) all(?: stories| articles| posts)?$",
        // A role line that names no one (`Staff writer, with CNA`): the byline of a desk.
        r"(?i)^(?:staff|special|our) (?:writer|reporter|correspondent)s?(?:,? (?:with|and) [\w .&-]{1,30})?$",
    ])
    .expect("furniture patterns compile")
});

/// The words of share bars and widget rows (`Facebook Twitter Email Print`,
/// `Share to FacebookShare to TwitterEmail this article`), in lower case.
const WIDGET_WORDS: &[&str] = &[
    "facebook",
    "twitter",
    "email",
    "e",
    "mail",
    "print",
    "share",
    "shares",
    "linkedin",
    "whatsapp",
    "reddit",
    "pinterest",
    "messenger",
    "flipboard",
    "livefyre",
    "tweet",
    "tweets",
    "sms",
    "copy",
    "link",
    "logo",
    "icon",
    "to",
    "this",
    "with",
    "via",
    "on",
    "article",
    "story",
    "page",
    "options",
    "all",
    "sharing",
    "more",
    "the",
    "google",
    "tumblr",
    "stumble",
    "comments",
    "comment",
    "save",
    "gift",
    "x",
    "threads",
    "bluesky",
    "telegram",
    "instagram",
    "youtube",
    "linked",
    "in",
];

/// Whether every word of `line`, cut also where a lower-case letter runs into a capital
/// (`FacebookTwitter`), is a widget word.
fn is_widget_row(line: &str) -> bool {
    let mut words = 0;
    let mut word = String::new();
    let mut previous_lower = false;
    let mut all_widgets = true;
    let mut finish = |word: &mut String, words: &mut usize| {
        if !word.is_empty() {
            *words += 1;
            all_widgets &= WIDGET_WORDS.contains(&word.as_str());
            word.clear();
        }
    };
    for c in line.chars() {
        if !c.is_alphanumeric() {
            finish(&mut word, &mut words);
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower {
            finish(&mut word, &mut words);
        }
        previous_lower = c.is_lowercase();
        word.extend(c.to_lowercase());
    }
    finish(&mut word, &mut words);
    words > 0 && all_widgets
}

/// A breadcrumb or section trail: `Home > News > Suburbs`, `News|Economy`, `News / Africa`.
/// Asked after the byline reader, as `Jane Doe | Reuters` has the same shape.
pub fn is_breadcrumb(line: &str) -> bool {
    static TRAIL: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:[A-Za-z0-9&.' -]+(?: ?(?:>|›) ?[A-Za-z0-9&.' -]+)+|[A-Z][A-Za-z&.'-]*(?: [A-Za-z&.'-]+)?(?: [A-Z][A-Za-z.'-]*)? ?(?:/|\|) ?[A-Z][A-Za-z&.'-]*(?: [A-Za-z&.'-]+)?(?: [A-Z][A-Za-z.'-]*)?)$",
        )
            .expect("breadcrumb pattern compiles")
    });
    is_trail_from_home(line) || (line.len() <= MAX_FURNITURE_CHARS && TRAIL.is_match(line.trim()))
}

/// A trail from the home page, whatever it ends with (the story's headline cut short): `Home »
/// News » Dunedin`, `Home / Sport`.
pub fn is_trail_from_home(line: &str) -> bool {
    line.len() <= MAX_FURNITURE_CHARS
        && ["Home/", "Home /", "Home >", "Home ›", "Home »", "Home |"]
            .iter()
            .any(|start| line.trim_start().starts_with(start))
}

/// The longest line page furniture is.
const MAX_FURNITURE_CHARS: usize = 140;

/// Page furniture: navigation, widgets, counts, notices.
pub fn is_furniture(line: &str) -> bool {
    let line = line.trim();
    !super::super::text::longer_than(line, MAX_FURNITURE_CHARS)
        && (FURNITURE.is_match(line)
            || is_widget_row(line)
            || is_section_trail(line)
            || is_bare_address(line))
}

/// A web address alone on its line: a share widget's short link (`https://arab.news/6vk2p`).
fn is_bare_address(line: &str) -> bool {
    !line.contains(char::is_whitespace)
        && ["https://", "http://", "www."]
            .iter()
            .any(|scheme| line.starts_with(scheme))
}

/// A section's trail over the headline: `NEWS | UK NEWS`, `Middle East & Africa | Green
/// dreams`, `World > Europe`. Two to four short parts, no digits (a date line), no byline.
fn is_section_trail(line: &str) -> bool {
    let separator = [" | ", " > ", " › "]
        .into_iter()
        .find(|sep| line.contains(sep));
    let Some(separator) = separator else {
        return false;
    };
    // `Jane Doe | jdoe@ledger.com` is a byline with its address.
    if line.contains('@') {
        return false;
    }
    let parts: Vec<&str> = line.split(separator).map(str::trim).collect();
    (2..=4).contains(&parts.len())
        && !line.chars().any(|c| c.is_ascii_digit())
        && parts.iter().all(|p| {
            let words = p.split_whitespace().count();
            let byline = p.get(..3).is_some_and(|by| by.eq_ignore_ascii_case("by "));
            (1..=4).contains(&words) && !byline && !p.ends_with(['.', '!', '?'])
        })
}

/// Photo captions that say so, and credits at their end.
static CAPTION: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        r"(?i)^(?:image|photo|picture|pic|file|file photo|caption|left|right|above|top|inset)\s*[:,\-–—]\s",
        r"^FILE - ",
        r"(?i)[.)(]\s*(?:staff |file )?(?:photograph|photographer|photo|pic|picture|credit|image|video)\s*(?:by|provided by|courtesy of)?\s*(?::|\.\.\.|by)\s*[^.]+$",
        r"(?i)\((?:[^()]*/[^()]*|[^()]*(?:photo|getty images|images|archive|file)[^()]*)\)\s*(?:buy photo)?$",
        r"\[[^\[\]]*/[^\[\]]*\]$",
        r" \| [^|]+/[^|]+$",
        r"(?i)(?:getty images|shutterstock|alamy(?: stock photo)?|file photo|ap photo)\)?\.?$",
        r"\. [A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*)* for The [A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)*$",
        r"[a-z.] [A-Z]{2,}(?: [A-Z]{2,})* ?/ ?[A-Z]{2,}(?: [A-Z]{2,})*$",
        r"(?i)\. (?:file )?(?:video|photo)s? (?:by|provided by) .+$",
        // A sentence credited to an agency in brackets: `…near Dibrugarh in Assam. (Reuters)`.
        r"[.!?]\s*\((?:Reuters|AFP|AP|PTI|ANI|IANS|EPA|Xinhua|Bloomberg|Getty Images|Getty|Shutterstock|File|Representational)\)$",
        // A sentence with its credit after a copyright sign or a `PHOTO |` label: `…on
        // September 17. © Jane Doe, FRANCE 24`, `…intercity routes. PHOTO | JANE DOE | NMG`.
        r"(?i)[.!?]\s+(?:©|\(c\)|photo\s*[|/]|picture\s*[|/])\s*[^.]+$",
        // A sentence credited to whoever supplied the picture, in title case: `…to the
        // lakefront. (City of Cleveland)`.
        r"[.!?]\s*\(\p{Lu}[\w.'’&-]*(?: (?:of|the|and|for|on|de|la|du)| \p{Lu}[\w.'’&-]*)+\)$",
        // A sentence credited to its photographer and paper: `…on Jan. 6. (Andy Corrales, The
        // Denver Post)`.
        r"[.!?]\s*\(\p{Lu}[\w.'’-]*(?: \p{Lu}[\w.'’-]*)+, (?:The )?\p{Lu}[\w.'’-]*(?: \p{Lu}[\w.'’-]*)*\)$",
        // A sentence credited to its photographer with an address: `…on Wednesday. Jane Doe
        // jdoe@star.com`.
        r"[.!?]\s+\p{Lu}[\w.'’-]*(?: \p{Lu}[\w.'’-]*)+ [\w.+-]+@[\w-]+\.[\w.]+$",
    ])
    .expect("caption patterns compile")
});

/// A photo caption or a credit for one.
pub fn is_caption(line: &str) -> bool {
    let line = line.trim();
    !super::super::text::longer_than(line, 400) && may_be_caption(line) && CAPTION.is_match(line)
}

/// Whether [`CAPTION`] can match `line`, answered without running it: each of its patterns
/// needs a bracket or slash at the end, a colon or ellipsis, a credit's word, or capitals.
fn may_be_caption(line: &str) -> bool {
    const CREDIT_WORDS: &[&str] = &[
        "photo",
        "image",
        "pic",
        "credit",
        "video",
        "file",
        "getty",
        "alamy",
        "shutterstock",
        " for the ",
        "caption",
    ];
    if line.ends_with([')', ']'])
        || line.contains(['/', ':', '|', '@', '©'])
        || line.contains("...")
    {
        return true;
    }
    let lower = line.to_lowercase();
    CREDIT_WORDS.iter().any(|w| lower.contains(w))
}

/// A credit that its label opens: `Photo: Jane Doe`, `Photographs by Jane Doe`.
static LABELLED_CREDIT: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^(?:photograph|photographer|photo|image|picture|pic|credit|source|illustration|video)(?:s)?(?: by)?:?\s\S",
    )
    .expect("labelled credit pattern compiles")
});

/// A photo credit on a line of its own: `Corey Landsman/Getty Images`, `KEVIN STAPP/STUFF`,
/// `Photographer: Quang Tran/Bloomberg`, `Photo by the author`.
pub fn is_credit_line(line: &str) -> bool {
    static CREDIT: LazyLock<RegexSet> = LazyLock::new(|| {
        RegexSet::new([
            r"^\p{Lu}[\w.'’-]*(?: \p{Lu}[\w.'’-]*)* ?/ ?\p{Lu}[\w.'’-]*(?: \p{Lu}[\w.'’-]*)*$",
            r"(?i)^(?:getty images|reuters|ap|afp|epa|pa|shutterstock|alamy)$",
        ])
        .expect("credit patterns compile")
    });
    let line = line.trim();
    !super::super::text::longer_than(line, 80)
        && (LABELLED_CREDIT.is_match(line) || CREDIT.is_match(line))
}

/// A credit line that opens with its label (`Photo: Jane Doe / Staff`).
pub fn is_labelled_credit(line: &str) -> bool {
    is_credit_line(line) && LABELLED_CREDIT.is_match(line.trim())
}

/// An author's bio: `I cover consumer brands.`, `Jane Doe is a staff writer for ESPN.com.`,
/// `City hall reporter. Formerly at the Ledger.`
pub fn is_bio(line: &str) -> bool {
    static BIO: LazyLock<RegexSet> = LazyLock::new(|| {
        RegexSet::new([
            r"^(?:I|We) (?:cover|write|report|am|have)(?-u:\b)",
            r"^\p{Lu}[\w.'’-]*(?: \p{Lu}[\w.'’-]*){1,2} (?:covers|writes about) \p{Ll}",
            r"^\p{Lu}[\w.'’-]*(?: \p{Lu}[\w.'’-]*)+ (?:is|was) (?:a|an|the)(?: [\w-]+)* (?:writer|reporter|correspondent|editor|columnist|contributor|journalist|producer|researcher|professor|analyst|fellow|author|lawyer|attorney|economist|consultant|scientist|historian|commentator|strategist|lecturer|photographer)s?(?-u:\b)",
            r"(?i)^(?:[\w-]+ )?(?:[\w-]+ )?(?:reporter|writer|editor|correspondent|journalist|columnist)[.,] ",
        ])
        .expect("bio patterns compile")
    });
    // Each pattern needs one of these words, in any case: only a line with one is matched.
    const BIO_WORDS: &[&str] = &[
        "i ",
        "we ",
        " is a",
        " is the",
        " was a",
        " was the",
        "reporter",
        "writer",
        "editor",
        "correspondent",
        "journalist",
        "columnist",
        " covers ",
        " writes about ",
    ];
    if super::super::text::longer_than(line, 300) {
        return false;
    }
    let lower = line.to_lowercase();
    BIO_WORDS.iter().any(|w| lower.contains(w)) && BIO.is_match(line.trim())
}

/// The label of a box of highlights set above the story (`Key points:`, `Story highlights`).
pub fn is_highlights_label(line: &str) -> bool {
    let l = line.trim().trim_end_matches(':').to_lowercase();
    matches!(
        l.as_str(),
        "key points"
            | "story highlights"
            | "highlights"
            | "in brief"
            | "at a glance"
            | "what you need to know"
            | "the big picture"
            | "key takeaways"
            | "summary"
            | "in summary"
            | "in short"
            | "quick read"
    ) || AUTHOR_STORIES.is_match(&l)
}

/// The label of a list of the page's tags set above the story (`In this story:`, `Teams in
/// this article`).
pub fn is_tags_label(line: &str) -> bool {
    let l = line.trim().trim_end_matches(':').to_lowercase();
    matches!(
        l.as_str(),
        "in this story" | "in this article" | "teams in this article" | "players in this article"
    )
}

/// A caption with its credit after the caption's words: `The pier on Monday. Photograph: Jane
/// Doe/PA`, `Crowds in Lagos. (Photo: Jane Doe)`.
pub fn has_inline_credit(line: &str) -> bool {
    static INLINE_CREDIT: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\S[.!?]?\s+\(?(?:photograph|photo|picture|image|pic|credit|illustration)s?(?: by)?:\s*\p{Lu}",
        )
        .expect("inline credit pattern compiles")
    });
    line.len() < 400 && INLINE_CREDIT.is_match(line)
}

/// The label of an author's list of stories, which a byline's pop-up carries (`Jane Doe's Most
/// Recent Stories`): the titles under it are other stories'.
static AUTHOR_STORIES: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"^(?:.{1,60}(?:'s|’s) )?(?:most recent|latest|recent) (?:stories|articles|posts)(?: (?:by|from) .{1,60})?$")
        .expect("author stories pattern compiles")
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines() {
        for line in [
            "Skip to main content",
            "WATCH: Smoke rises over the valley as crews attack the fire.",
            "Video above: Residents wade through the water.",
            "Get the biggest daily news stories by email",
            "We will use your email address only for sending you newsletters.",
            "Order Reprint",
            "Hide Ad",
            "PREMIUM",
            "Image 1 of 3",
            "More from Colin Abernethy",
            "https://arab.news/6vk2p",
            "Short Url",
            "Share to FacebookShare to TwitterEmail this article",
            "Facebook Twitter livefyre Email Print",
            "FacebookTwitterLinkedInEmailShare",
            "• 5 min read",
            "4 MIN READ",
            "0:45",
            "4,512",
            "1.2k",
            "Comments (124)",
            "Now Playing: Small plane makes emergency landing on highway",
            "This article is more than 2 years old.",
            "Twitter Logo",
            "37°",
            "You will receive email alerts from this author.",
            "Manage alert preferences on your profile page",
            "Plus Icon",
            "View All",
            "Avatar for Nathaniel Brisco",
            "Expertise Wireless carriers, smartphones, telecom policy",
            "See full bio",
            "4-Minute Listen",
            "Heard on Morning Edition",
            "Photo of Jane Doe",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in [
            "Ghana cocoa farmers turn to solar dryers as rains shift",
            "By Jane Doe",
            "Facebook buys a startup that makes headsets for $2 billion",
            "Portrait of a city in decline",
            "Heard on the radio, the mayor's plan sounded simple",
            "Expertise is scarce in rural clinics, the report found.",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }

    #[test]
    fn breadcrumbs() {
        assert!(is_breadcrumb("Home > News > Suburbs > DuPage County"));
        assert!(is_breadcrumb("News|Economy"));
        assert!(is_breadcrumb("News / Africa"));
        assert!(is_breadcrumb("News / Aberdeen & Aberdeenshire"));
        assert!(is_breadcrumb(
            "Home/ Industry/ Agriculture/ Indian tea exports to Iran stall as payment..."
        ));
        assert!(!is_breadcrumb("US/China talks resume"));
        assert!(!is_breadcrumb("9/11 memorial reopens"));
        assert!(!is_breadcrumb("Apple | Samsung rivalry heats up again"));
    }

    #[test]
    fn tags_trails_and_inline_credits() {
        assert!(is_tags_label("In this story:"));
        assert!(!is_tags_label("In this story, we look at ferries"));
        assert!(is_trail_from_home("Home » News » Dunedin"));
        assert!(!is_trail_from_home("Homes for sale in Dunedin"));
        assert!(has_inline_credit(
            "O’Connell Street in Limerick: traders are divided. Photograph: Eoin Farrell/Press 22"
        ));
        assert!(has_inline_credit("Crowds in Lagos. (Photo: Jane Doe)"));
        assert!(!has_inline_credit("Photo: Jane Doe"));
        assert!(!has_inline_credit(
            "The council will publish a photo archive next year."
        ));
    }

    #[test]
    fn captions_and_credits() {
        for line in [
            "Dyer Musa Abdullahi lowers cloth into a pit [Chinedu Okeke/Al Jazeera]",
            "Trams in Nottingham’s Old Market Square (Getty Images)",
            "Devotees at a ghat on the Yamuna in Delhi. (HT Archive)",
            "Terraced houses in south London. Photograph: Dominic Fenwick/PA",
            "Houses along Commercial Street. Jonah Whitcomb for The Boston Globe",
            "The midway at the 2014 fair. Herald-Gazette file photo",
            "Residents hold signs outside. MARTA PELLEGRINI / TORONTO STAR",
            "Owners of restaurants have lobbied Congress. | Kendra Mills/AP Photo",
            "Image: Fields near Burrowbridge have been under water. Pic: PA",
            "Skylark says the fee will speed up boarding. Video provided by Newsy Newslook",
            "Tea garden workers pluck leaves at an estate near Dibrugarh in Assam. (Reuters)",
            "Passengers board a train on Jan. 6, 2017. (Andy Corrales, The Denver Post)",
            "Left: An Amtrak train crosses a bridge in a test run. File photo by Wes Thibodeaux/AP",
            "FILE - A vendor sells maize at a market in Lilongwe, Malawi, March 3, 2023.",
            "Pupils leave a school in Cass County on Monday. Lena Ortiz lortiz@dailystar.com",
            "A rendering of the bridge to the lakefront. (City of Cleveland)",
            "Owner Javier Lucero holds the store cat. (Barry Williams for New York Daily News)",
            "Passengers board the ferry on Tuesday. STAFF PHOTO BY DOMINIQUE BELLARD",
            "A fisherman repairs his nets at Kayar. © Moussa Ndiaye, FRANCE 24",
            "A passenger taps a fare card in Kigali. PHOTO | CYRIL NSENGA | NMG",
        ] {
            assert!(is_caption(line), "{line}");
        }
        for line in [
            "Corey Landsman/Getty Images",
            "KEVIN STAPP/STUFF",
            "Photographer: Quang Tran/Bloomberg",
            "Photo by the author",
        ] {
            assert!(is_credit_line(line), "{line}");
        }
        assert!(!is_caption(
            "The council voted on Tuesday to close the pool for a year."
        ));
        assert!(!is_credit_line("By Jane Doe"));
        assert!(!is_caption("Senate Backs Aid for Farmers"));
        assert!(!is_caption("US/CHINA TRADE TALKS"));
        assert!(!is_caption(
            "Video: Firefighters rescue a cat from a storm drain"
        ));
        assert!(!is_caption("A photo by a teenager wins the national prize"));
    }

    #[test]
    fn bios() {
        assert!(is_bio(
            "I cover consumer brands and the people who build them."
        ));
        assert!(is_bio(
            "Priya Venkataraman is a staff writer for ESPN.com who covers the Chicago Cubs."
        ));
        assert!(is_bio(
            "City hall reporter. Formerly at the Eastside Ledger."
        ));
        assert!(!is_bio("The reporter said the council had voted."));
        assert!(is_bio(
            "Marisol Tran covers wireless carriers, smartphones and the policies that shape them."
        ));
        assert!(!is_bio("The council covers the cost of the repairs."));
        assert!(is_bio("Rita Chen is a housing policy researcher."));
        assert!(is_bio(
            "Tom Hale is an economist at the Urban Policy Institute."
        ));
        assert!(!is_bio(
            "Maria Lopez is a single mother of three who works two jobs."
        ));
    }
}
