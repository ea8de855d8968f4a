//! End-to-end extraction of whole seeds.

use super::*;
use crate::model::{Article, DateSource, Section};

/// An extraction, read as its article with its body's sections beside it.
struct Read {
    article: Article,
    sections: Vec<Section>,
}

impl std::ops::Deref for Read {
    type Target = Article;
    fn deref(&self) -> &Article {
        &self.article
    }
}

fn run(name: &str, text: &str) -> Read {
    let format = if name.ends_with(".md") {
        SeedFormat::Markdown
    } else {
        SeedFormat::Text
    };
    let seed = Seed {
        source: name,
        file_name: name,
        text,
        format,
        sidecar: None,
        picture: None,
    };
    let e = extract(&seed, &ExtractOptions::default()).expect("extracts");
    Read {
        article: e.article,
        sections: e.body.sections,
    }
}

#[test]
fn reference_seed() {
    let a = run(
        "000_33ded8e119d33a78.txt",
        include_str!("../../seeds/000_33ded8e119d33a78.txt"),
    );
    assert_eq!(
        a.headline,
        "What to Watch as Blinken Heads to China to Reset Ties"
    );
    assert_eq!(a.dek, None, "the dek repeats the lede");
    assert!(a
        .summary
        .starts_with("Secretary of State Antony Blinken’s last attempt"));
    let d = a.dateline.as_ref().expect("dateline");
    assert_eq!(d.agency.as_deref(), Some("Bloomberg"));
    assert_eq!(d.place, None);
    let lede = &a.sections[0].blocks[0].text;
    assert!(lede.starts_with("Secretary of State"), "{lede}");
    let headings: Vec<&str> = a
        .sections
        .iter()
        .filter_map(|s| s.heading.as_deref())
        .collect();
    assert_eq!(
        headings,
        [
            "1. China’s Reception",
            "2. Low Expectations",
            "3. Stabilizing Ties",
            "4. Improving Communications",
            "5. Taiwan & Tech"
        ]
    );
    assert_eq!(a.credits.len(), 1);
    assert_eq!(a.credits[0].role, "assistance");
    assert_eq!(
        a.credits[0].names,
        ["Peter Martin", "Lucille Liu", "Jenni Marsh"]
    );
    assert_eq!(a.copyright.as_deref(), Some("©2023 Bloomberg L.P."));
    assert!(a.bylines.is_empty());
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2023"));
    assert_eq!(a.date_source, Some(DateSource::Copyright));
    let all_text: String = a
        .sections
        .iter()
        .flat_map(|s| s.blocks.iter())
        .map(|b| b.text.clone())
        .collect();
    assert!(!all_text.contains("More stories like this"));
    assert!(!all_text.contains("With assistance"));
    assert!(a.warnings.iter().any(|w| w.message.contains("no byline")));
    for want in [
        "Antony Blinken",
        "China",
        "Xi Jinping",
        "Taiwan",
        "Joe Biden",
    ] {
        assert!(
            a.topics.iter().any(|t| t == want),
            "{want} not in {:?}",
            a.topics
        );
    }
    assert!(!a.topics.iter().any(|t| t == "Here" || t == "Now"));
}

#[test]
fn ap_story_with_byline_date_and_credits() {
    let a = run(
        "ap.txt",
        "Senate passes water bill\n\nBy JANE DOE and JOHN MCDONALD\n\nJune 16, 2023\n\nWASHINGTON (AP) — The Senate passed the bill on Friday.\n\nIt now goes to the House.\n\nAssociated Press writer Ann Lee in Denver contributed to this report.\n\nCopyright 2023 The Associated Press. All rights reserved.\n",
    );
    assert_eq!(a.headline, "Senate passes water bill");
    assert_eq!(a.bylines, ["Jane Doe", "John McDonald"]);
    assert_eq!(a.date.unwrap().to_string(), "2023-06-16");
    assert_eq!(a.date_source, Some(DateSource::Text));
    let d = a.dateline.as_ref().unwrap();
    assert_eq!(d.place.as_deref(), Some("WASHINGTON"));
    assert_eq!(
        a.sections[0].blocks[0].text,
        "The Senate passed the bill on Friday."
    );
    assert_eq!(a.credits[0].names, ["Ann Lee"]);
    assert!(a.copyright.is_some());
    assert_eq!(a.dek, None);
}

#[test]
fn guardian_standfirst_is_a_dek() {
    let a = run(
        "g.txt",
        "Talks collapse in Nairobi\nDelegates leave without a deal after a week of wrangling over money\nJane Doe in Nairobi\nFri 16 Jun 2023 10.00 BST\nThe talks ended on Friday night without agreement on the fund.\nDelegates from forty countries had gathered for the meeting.\n",
    );
    assert_eq!(
        a.dek.as_deref(),
        Some("Delegates leave without a deal after a week of wrangling over money")
    );
    assert_eq!(a.bylines, ["Jane Doe"]);
    assert_eq!(a.date.unwrap().to_string(), "2023-06-16T10:00:00+01:00");
    assert_eq!(a.sections[0].blocks.len(), 2);
}

#[test]
fn reuters_label_dateline_year_from_copyright() {
    let a = run(
        "r.txt",
        "UPDATE 2-China and US agree to resume talks\n\nBEIJING, June 18 (Reuters) - China and the United States agreed on Sunday to resume talks.\n\n(Reporting by Jane Doe in Beijing; Editing by John Roe)\n\n© 2023 Reuters\n",
    );
    assert_eq!(a.headline, "China and US agree to resume talks");
    assert_eq!(a.label.as_deref(), Some("UPDATE 2"));
    assert_eq!(a.date.unwrap().to_string(), "2023-06-18");
    assert_eq!(a.date_source, Some(DateSource::Dateline));
    assert_eq!(a.credits.len(), 2);
}

#[test]
fn dateline_without_year_leaves_the_date_unknown() {
    let a = run(
        "r.txt",
        "China and US agree to resume talks\n\nBEIJING, June 18 (Reuters) - China and the United States agreed on Sunday to resume talks.\n",
    );
    assert_eq!(a.date, None);
    assert_eq!(
        a.dateline.as_ref().unwrap().date.unwrap().to_string(),
        "--06-18"
    );
}

#[test]
fn markdown_front_matter_wins_and_body_is_still_read() {
    let a = run(
        "2024-01-01-x.md",
        "+++\ntitle = \"Stated headline\"\ndate = 2024-05-02T08:30:00-04:00\n+++\n\nBy Jane Doe\n\nWASHINGTON (AP) — The *first* paragraph.\n\n## A head\n\nMore copy.\n",
    );
    assert_eq!(a.headline, "Stated headline");
    assert_eq!(a.bylines, ["Jane Doe"]);
    assert_eq!(a.date_source, Some(DateSource::FrontMatter));
    assert_eq!(a.dateline.as_ref().unwrap().agency.as_deref(), Some("AP"));
    assert_eq!(a.sections[0].blocks[0].text, "The first paragraph.");
    let runs: Vec<(&str, bool, bool)> = a.sections[0].blocks[0]
        .spans
        .iter()
        .map(|s| (s.text.as_str(), s.dateline, s.emphasis))
        .collect();
    assert_eq!(
        runs,
        [
            ("WASHINGTON (AP)", true, false),
            ("The ", false, false),
            ("first", false, true),
            (" paragraph.", false, false)
        ]
    );
    assert_eq!(a.sections[1].heading.as_deref(), Some("A head"));
    assert_eq!(a.sections[1].anchor.as_deref(), Some("a-head"));
}

#[test]
fn filename_date() {
    let a = run(
        "2024-05-02-some-slug.txt",
        "Harbor clinch semifinal\n\nNEW YORK, May 2 - The Harbormen won.\n",
    );
    assert_eq!(a.date.unwrap().to_string(), "2024-05-02");
    assert_eq!(a.date_source, Some(DateSource::Dateline));
    let a = run(
        "2024-05-02-x.txt",
        "Harbor clinch semifinal\n\nThe Harbormen won.\n",
    );
    assert_eq!(a.date_source, Some(DateSource::Filename));
}

#[test]
fn empty_input_is_an_error_not_a_panic() {
    let seed = Seed {
        source: "seeds/empty.txt",
        file_name: "empty.txt",
        text: " \n\n\t\n",
        format: SeedFormat::Text,
        sidecar: None,
        picture: None,
    };
    let err = extract(&seed, &ExtractOptions::default()).unwrap_err();
    assert_eq!(err.to_string(), "seeds/empty.txt: the file holds no text");
}

#[test]
fn markup_in_plain_text_is_text() {
    let a = run(
        "x.txt",
        "Head <script>\n\nBody with <b>tags</b> & \"quotes\".\n",
    );
    let block = &a.sections[0].blocks[0];
    assert_eq!(block.text, "Body with <b>tags</b> & \"quotes\".");
    assert!(block.spans.is_empty() && block.html.is_none());
}

#[test]
fn schedules_corrections_and_update_notes() {
    let a = run(
        "x.md",
        "+++\ntitle = \"A\"\nembargo = \"2026-06-01 09:00\"\nexpires = 2026-06-01\nupdate_note = \"Adds a quote.\"\n\n[[corrections]]\ndate = 2026-05-22\ntext = \" Fixes a name. \"\n+++\nBody copy here.\n",
    );
    // Without an offset, the site's time zone (UTC by default); a day is its midnight.
    assert_eq!(a.embargo.unwrap().to_rfc3339(), "2026-06-01T09:00:00+00:00");
    assert_eq!(a.expires.unwrap().to_rfc3339(), "2026-06-01T00:00:00+00:00");
    assert_eq!(a.corrections.len(), 1);
    assert_eq!(a.corrections[0].text, "Fixes a name.");
    assert_eq!(a.corrections[0].date.to_string(), "2026-05-22");
    let messages: Vec<&str> = a.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        messages.iter().any(|m| m.contains("never published")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("`update_note` without")),
        "{messages:?}"
    );
}

#[test]
fn header_lines_under_a_headline_give_their_bylines_and_dates_together() {
    let lede = "The city council on Tuesday put off a vote on a proposed transit sales tax after more than 200 residents signed up to speak.";
    let cases = [
        (
            "By Jane Doe - Jan 9, 2017 at 10:05AM",
            "Jane Doe",
            "2017-01-09",
        ),
        ("Jane Doe/November 18, 2016", "Jane Doe", "2016-11-18"),
        ("By: Jane Doe October 2, 2016", "Jane Doe", "2016-10-02"),
        ("By Jane Doe • 12/16/16 12:21pm", "Jane Doe", "2016-12-16"),
        (
            "Jane DoeStaff Writer\n\nDec. 22, 2016",
            "Jane Doe",
            "2016-12-22",
        ),
        (
            "Sam Ortiz · Daily News · Posted: Oct 14, 2022 9:27 AM ET",
            "Sam Ortiz",
            "2022-10-14",
        ),
        (
            "By Sam Ortiz Published in Metro December 14, 2016",
            "Sam Ortiz",
            "2016-12-14",
        ),
        (
            "Jane Doe | Sports Reporter\n\nPosted: Sun, Mar 5, 2017",
            "Jane Doe",
            "2017-03-05",
        ),
    ];
    for (header, name, day) in cases {
        let copy = format!("Council delays vote on transit tax\n\n{header}\n\n{lede}\n\nIt will vote next month.\n");
        let a = run("web.txt", &copy);
        assert_eq!(a.bylines, [name], "{header}");
        let date = a.date.map(|d| d.to_string()).unwrap_or_default();
        assert!(date.starts_with(day), "{header}: {date}");
        assert_eq!(a.sections[0].blocks[0].text, lede, "{header}");
    }
}

#[test]
fn a_relative_time_under_the_byline_is_no_date_and_no_story() {
    let a = run(
        "web.txt",
        "Council delays vote on transit tax\n\nBy Jane Doe\n\n24 minutes ago\n\nThe city council on Tuesday put off a vote on a proposed transit sales tax after more than 200 residents signed up to speak.\n\nIt will vote next month.\n",
    );
    assert_eq!(a.date, None);
    assert!(a.sections[0].blocks[0].text.starts_with("The city council"));
}

#[test]
fn an_opinion_page_with_role_name_and_bio_over_a_short_story() {
    let a = run(
        "web.txt",
        "Opinion\n\nThe city's housing plan is a start, not a solution\n\nGuest columnist\n\nRita Chen\n\nRita Chen is a housing policy researcher.\n\nPublished: Jan. 4, 2020, 6:30 a.m.\n\nThe mayor's plan to allow duplexes on every residential lot will add some homes, but it will not on its own bring rents down.\n\nWe need more.\n",
    );
    assert_eq!(
        a.headline,
        "The city's housing plan is a start, not a solution"
    );
    assert_eq!(a.bylines, ["Rita Chen"]);
    assert!(a.date.unwrap().to_string().starts_with("2020-01-04"));
    assert!(a.sections[0].blocks[0].text.starts_with("The mayor's plan"));
}

#[test]
fn a_lower_case_by_label_is_a_byline_not_the_headline_running_on() {
    let a = run(
        "web.txt",
        "Crews battle brush fire near Highway 41 as evacuations ordered\nby: Maria Delgado\nPosted: Aug 12, 2021 / 04:15 PM CDT\nFire crews were battling a fast-moving brush fire near Highway 41 on Thursday as deputies ordered residents to leave.\n\nThe fire had burned about 300 acres.\n",
    );
    assert_eq!(
        a.headline,
        "Crews battle brush fire near Highway 41 as evacuations ordered"
    );
    assert_eq!(a.bylines, ["Maria Delgado"]);
}

#[test]
fn a_caption_between_the_photo_credit_and_the_byline_is_no_headline() {
    let a = run(
        "web.txt",
        "Sign In\nSubscribe\nNews\nHarris County to buy out 200 more flood-prone homes along Greens Bayou\nPhoto: Jane Roe / Staff photographer\nImage 1 of 3\nHomes stand empty on a street near Greens Bayou, where the county has already bought more than 300 houses.\nBy Ramona Estrada\nDec. 22, 2016\nHarris County will offer to buy about 200 more homes along Greens Bayou that have flooded repeatedly, the county's flood control district said Thursday.\n\nLetters will go out to eligible homeowners in January.\n",
    );
    assert_eq!(
        a.headline,
        "Harris County to buy out 200 more flood-prone homes along Greens Bayou"
    );
    assert_eq!(a.bylines, ["Ramona Estrada"]);
}

#[test]
fn a_kicker_ending_in_a_dash_is_no_dateline() {
    let a = run(
        "web.txt",
        "Forums\nSubscribe\nSign in\nTHE CAP THAT WOULDN'T DIE —\nRegional cable ISP quietly raises data cap overage fees by 50 percent\nMARTIN VELASQUEZ - 12/16/2016, 12:21 PM\nNorthstream Cable, which serves about 900,000 Internet customers in the Midwest, has raised the fees it charges subscribers who exceed their caps.\n\nThat price hasn't changed.\n",
    );
    assert_eq!(
        a.headline,
        "Regional cable ISP quietly raises data cap overage fees by 50 percent"
    );
    assert!(a.dateline.is_none());
}

#[test]
fn a_byline_with_its_address_or_outlet_site_keeps_only_the_name() {
    let lede = "Metro plans to run only eight-car trains on the Orange Line during rush hour by the end of June, easing the crowding.";
    for header in [
        "Priyanka Dhillon | pdhillon@wtop.com\nJanuary 17, 2017 6:08 pm",
        "Priyanka Dhillon\nwtop.com\nJanuary 17, 2017 6:08 pm",
        "By Priyanka Dhillon, WTOP.com | Posted - Jan 17th, 2017 @ 6:08pm",
    ] {
        let copy = format!(
            "Menu\nSearch\nNews\nTraffic\nMetro to run only eight-car trains on Orange Line at rush hour by summer\n{header}\n{lede}\n\nThe change follows months of complaints.\n"
        );
        let a = run("web.txt", &copy);
        assert_eq!(a.bylines, ["Priyanka Dhillon"], "{header}");
        assert!(a.date.is_some(), "{header}");
    }
}

#[test]
fn names_in_capitals_over_the_date_line_are_the_byline() {
    // A copied page's header: `KENJI ARIMURA and SAYAKA TOMINAGA, Nikkei staff writers` under
    // the dek and over `April 5, 2023 18:02 JST`.
    let page =
        include_str!("../../tests/fixtures/extract/web-nikkei-kikuyo-chip-plant-housing.txt");
    let a = run("web.txt", page);
    assert_eq!(a.bylines, ["Kenji Arimura", "Sayaka Tominaga"]);
    assert_eq!(
        a.dek.as_deref(),
        Some("Rents near Kumamoto factory up 30% as thousands of workers arrive")
    );
    // The same line in capitals elsewhere in the header is not taken for a byline.
    let moved = page.replacen(
        "KENJI ARIMURA and SAYAKA TOMINAGA, Nikkei staff writers\n",
        "",
        1,
    );
    let moved = moved.replacen(
        "Semiconductors\n",
        "Semiconductors\nKENJI ARIMURA and SAYAKA TOMINAGA, Nikkei staff writers\n",
        1,
    );
    assert!(run("web.txt", &moved).bylines.is_empty());
}
