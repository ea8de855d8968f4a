use super::*;

/// Asserts that `got` holds every topic of `wanted` and none of `unwanted`.
fn assert_topics(got: &[String], wanted: &[&str], unwanted: &[&str]) {
    for want in wanted {
        assert!(got.iter().any(|t| t == want), "{want} missing from {got:?}");
    }
    for not in unwanted {
        assert!(!got.iter().any(|t| t == not), "{not} in {got:?}");
    }
}

#[test]
fn a_surname_counts_for_the_full_name_mentioned_first() {
    let body = [
        "Antony Blinken arrived first. Later Tony Blinken, his cousin, joined the talks.",
        "Blinken said little. Blinken left.",
    ];
    // Candidates sit in a map whose order changes from one map to the next; the answer
    // must not.
    for _ in 0..20 {
        let got = topics("Talks end", &body, &[], 1);
        assert_eq!(got, ["Antony Blinken"]);
    }
}

#[test]
fn names_read_as_an_editor_tags_them() {
    let body = [
        "The Local Government Association said councils were ready. Local leaders agreed.",
        "Deputies from the Lane County Sheriff's Office searched Miller's Creek, where the \
         Ashanti Cocoa Growers’ Union met. Britain's Prime Minister Jane Holt spoke.",
        "Delta Towing Co. said barges were stuck. The Kanawha Coal Co. The end.",
        "Members of the West Transport Workers’ Union voted. Transport for NSW agreed.",
    ];
    let got = topics("Councils ready", &body, &[], 20);
    assert_topics(
        &got,
        &[
            "Local Government Association",
            "Lane County Sheriff's Office",
            "Miller's Creek",
            "Ashanti Cocoa Growers’ Union",
            "Jane Holt",
            "Delta Towing Co.",
            "Kanawha Coal Co.",
            "West Transport Workers’ Union",
            "Transport for NSW",
        ],
        &[
            "Government Association",
            "Lane County Sheriff",
            "Creek",
            "Members",
        ],
    );
    assert!(!got.iter().any(|t| t.contains("Prime")), "{got:?}");
}

#[test]
fn a_company_is_named_in_full_as_the_story_writes_its_abbreviations() {
    let reuters = [
        "Kanemura Securities Co Ltd said it would buy. Shares of Bradwell Metals Ltd.",
        "Bradwell Metals fell. Kanemura Securities rose. Bradwell Metals Ltd said no.",
        "ARNHEM - <Gelderse Tinsmelterij BV>, the smelter, shut. Gelderse Tinsmelterij said so.",
        "Traders on Leith Walk said sales fell.",
    ];
    assert_topics(
        &topics("Shares", &reuters, &[], 8),
        &[
            "Kanemura Securities Co Ltd",
            "Bradwell Metals Ltd",
            "Gelderse Tinsmelterij BV",
            "Leith Walk",
        ],
        &["Gelderse Tinsmelterij", "Traders on Leith Walk"],
    );
    let ap = [
        "Costs at Sweetwater Confections Inc. rose. Sweetwater Confections said so.",
        "The U.S. Air Force and the Roads and Transport Authority (RTA) agreed.",
        "Families marked New Year's Eve. Starting today the Lagos State Emergency \
         Management Agency and the Namibians who work there voted. Namibians agreed.",
    ];
    assert_topics(
        &topics("Costs rise", &ap, &[], 20),
        &[
            "Sweetwater Confections Inc.",
            "U.S. Air Force",
            "Roads and Transport Authority",
            "Lagos State Emergency Management Agency",
            "Namibia",
        ],
        &[
            "Sweetwater Confections",
            "Transport Authority",
            "New Year",
            "Eve Starting",
        ],
    );
}

#[test]
fn titles_inside_bodies_and_places_written_short() {
    let body = [
        "The Department of Public Health said so. Sir Anthony Blewitt, the Conservative MP \
         for the area, agreed.",
        "EAST HARTFORD, Conn - Engines. Plants in Conn and Texas. Several Norwegian \
         producers left, and Norwegian banks stayed.",
        "\"We need it,\" said Sen. Harlan Bishop, D-Fla. Bishop said more.",
    ];
    assert_topics(
        &topics("Engines", &body, &[], 20),
        &[
            "Department of Public Health",
            "Anthony Blewitt",
            "Connecticut",
            "Norway",
            "Harlan Bishop",
        ],
        &[
            "Public Health",
            "MP",
            "Conn",
            "Several Norwegian",
            "Sen Harlan Bishop",
        ],
    );
}

#[test]
fn openers_and_short_words_do_not_make_names() {
    let body = [
        "Members of the Council on Foreign Relations said so. The Council on Foreign \
         Relations met.",
        "Officials of the South Korean government agreed. South Korean banks stayed.",
        "Striking French workers marched. Latin American leaders met, and Latin American \
         banks rose.",
    ];
    assert_topics(
        &topics("Talks", &body, &[], 20),
        &["Council on Foreign Relations", "South Korea"],
        &[
            "Foreign Relations",
            "Relations",
            "Korea",
            "Striking French",
            // A region's adjective describes what follows it.
            "Latin American",
        ],
    );
    // A bare name two suffixed forms share goes to the same one in every run.
    let softbank = [
        "SoftBank Group and SoftBank Corp reported. SoftBank said so. SoftBank rose.",
        "SoftBank fell.",
    ];
    let first = topics("Results", &softbank, &[], 3);
    for _ in 0..20 {
        assert_eq!(topics("Results", &softbank, &[], 3), first);
    }
}

#[test]
fn outlets_credits_handles_and_generic_nouns_are_not_topics() {
    let body = [
        "Dyers work at Kofar Mata [Chinedu Okeke/Al Jazeera]. \"It is hard,\" he told Al Jazeera.",
        "A memo was seen by Business Insider. Analysts polled by Thomson Reuters agreed.",
        "By Maya Okonkwo MayaOkonkwoNYJ. The Government met. The Government said no.",
        "Source: Al Jazeera",
    ];
    let got = topics("Dyers of Kano", &body, &[], 20);
    assert_topics(
        &got,
        &["Maya Okonkwo"],
        &[
            "Al Jazeera",
            "Chinedu Okeke",
            "Business Insider",
            "Thomson Reuters",
            "Government",
        ],
    );
    assert!(!got.iter().any(|t| t.contains("NYJ")), "{got:?}");
}

#[test]
fn an_and_joins_a_body_but_not_two_complete_names() {
    let body = [
        "The Securities and Exchange Commission fined the firm. The Securities and Exchange Commission said so.",
        "Ferries run between Kestrel Bay and Holm Island. Kestrel Bay and Holm Island share a pier.",
        "Whitcomb Brothers and Co said so. Whitcomb Brothers and Co sold bonds.",
    ];
    assert_topics(
        &topics("Fine and ferries", &body, &[], 10),
        &[
            "Securities and Exchange Commission",
            "Kestrel Bay",
            "Holm Island",
        ],
        &["Kestrel Bay and Holm Island"],
    );
}

#[test]
fn an_and_joins_the_subjects_of_a_body() {
    let body = [
        "The European Bank for Reconstruction and Development lent the city money.",
        "Officials at the Bank of Japan and Nomura disagreed. Nomura said so.",
    ];
    assert_topics(
        &topics("Loans", &body, &[], 10),
        &[
            "European Bank for Reconstruction and Development",
            "Bank of Japan",
            "Nomura",
        ],
        &["European Bank for Reconstruction", "Development"],
    );
}

#[test]
fn a_brief_names_its_company_in_the_headline_and_common_words_are_no_names() {
    let body = [
        "Shr 14 cts vs 23 cts",
        "Coffee prices fell. Coffee exporters met in London, and the London meeting ended early.",
    ];
    assert_topics(
        &topics("Brandt Industries Inc 4th Qtr Net", &body, &[], 10),
        &["Brandt Industries Inc", "London"],
        &["Coffee", "Shr"],
    );
    assert_topics(
        &topics("Coffee Talks End", &body[1..], &[], 10),
        &["London"],
        &["Coffee"],
    );
}

#[test]
fn people_places_and_titles() {
    let body = [
        "Secretary of State Antony Blinken’s last attempt to visit China was derailed. Now he’s ready.",
        "President Joe Biden ordered it shot down. Blinken may meet President Xi Jinping in Beijing.",
        "Here are five things. China and Taiwan disagree; Xi and Biden spoke. Taiwan is tense. Chinese officials met Blinken.",
    ];
    assert_topics(
        &topics("What to Watch as Blinken Heads to China", &body, &[], 8),
        &[
            "Antony Blinken",
            "China",
            "Xi Jinping",
            "Taiwan",
            "Joe Biden",
        ],
        &["Here", "Now", "Secretary of State", "What"],
    );
}

#[test]
fn roles_levels_days_and_writers_are_not_topics() {
    let body = [
        "The City Council voted on Monday. Transport Secretary Mark Harper said the Mayor's \
         Office would pay. Chairman Hendrik van der Walt agreed.",
        "The market opens on Sundays and Fridays. Van der Walt said the City Council had \
         acted. Undersheriff Glenn Oberle said Oberle's deputies were ready.",
        "Jane Doe covers transport for the Courier. Jane Doe can be reached by phone.",
    ];
    let writers = ["Jane Doe".to_string()];
    assert_topics(
        &topics("Council acts", &body, &writers, 20),
        &["Mark Harper", "Hendrik van der Walt", "Glenn Oberle"],
        &[
            "City Council",
            "Transport Secretary",
            "Mayor's Office",
            "Sundays",
            "Fridays",
            "Undersheriff Glenn Oberle",
            "Hendrik",
            "Jane Doe",
        ],
    );
}
