//! The zone of the times a page shows without one (`Posted Mar 4, 2019 at 9:12 PM`): the
//! outlet's local time, not the zone of the site that republishes the page. Told by what the
//! page says of itself, strongest first: the offset its markup gives its other times, a place
//! in the outlet's name, the address in its footer, its country's domain, and last the story's
//! dateline (an outlet's reporter abroad files under a foreign dateline, so it comes last).

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use dom_query::Document;
use regex::Regex;

use super::meta::PageMeta;
use super::{collapse, Piece};
use crate::extract::zones;

/// Where the outlet keeps its clocks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum PageZone {
    /// The offset the page's own zoned times carry (`2014-03-04T21:12:00-06:00`).
    Offset(FixedOffset),
    /// The zone of the place the page names as the outlet's (or its story's).
    Named(Tz),
}

impl PageZone {
    /// The moment a wall-clock time shown on the page names.
    pub(super) fn at(&self, local: NaiveDateTime) -> Option<DateTime<FixedOffset>> {
        match self {
            PageZone::Offset(offset) => offset.from_local_datetime(&local).single(),
            PageZone::Named(tz) => tz
                .from_local_datetime(&local)
                .earliest()
                .map(|t| t.fixed_offset()),
        }
    }
}

/// `Erie, PA 16501`: a US address's city, state and ZIP code.
static US_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,2}), ([A-Z]{2}) \d{5}\b")
        .expect("address pattern")
});

/// The zone of the page's shown times, when the page says where its outlet is.
pub(super) fn page_zone(doc: &Document, meta: &PageMeta, pieces: &[Piece]) -> Option<PageZone> {
    stated_offset(doc, meta)
        .map(PageZone::Offset)
        .or_else(|| outlet_zone(doc, meta).map(PageZone::Named))
        .or_else(|| dateline_zone(pieces).map(PageZone::Named))
}

/// The offset of the first of the markup's times that is not UTC: a CMS that stores UTC says
/// nothing of the outlet's zone.
fn stated_offset(doc: &Document, meta: &PageMeta) -> Option<FixedOffset> {
    let times = doc
        .select("time[datetime]")
        .iter()
        .filter_map(|t| t.attr("datetime").map(|d| d.to_string()))
        .collect::<Vec<_>>();
    let offset = [meta.published.as_deref(), meta.modified.as_deref()]
        .into_iter()
        .flatten()
        .chain(times.iter().map(String::as_str))
        .filter_map(super::dates::stated_moment)
        .map(|t| *t.offset())
        .find(|offset| offset.local_minus_utc() != 0);
    offset
}

/// The zone of the outlet's own place: named in its name, in its footer's address, or by its
/// domain.
fn outlet_zone(doc: &Document, meta: &PageMeta) -> Option<Tz> {
    // The outlet's name: its own tag, or the end of the `<title>` that is not the story's
    // (`Fishmongers resist move | The Jakarta Post`).
    let named = || match meta.site_name.as_deref() {
        Some(site) => zones::zone_named_in(site),
        None => {
            let title = doc.select("head title").text();
            let parts: Vec<&str> = title.split(" | ").map(str::trim).collect();
            let longest = parts.iter().map(|p| p.len()).max()?;
            let end = [parts.last()?, parts.first()?]
                .into_iter()
                .find(|p| p.len() < longest)?;
            zones::zone_named_in(end)
        }
    };
    let addressed = || {
        doc.select("footer, [class*=footer i], [id*=footer i]")
            .iter()
            .find_map(|footer| {
                let text = collapse(&footer.text());
                let found = US_ADDRESS.captures(&text)?;
                zones::zone_of_place(&format!("{}, {}", &found[1], &found[2]))
            })
    };
    let domain = || {
        ["link[rel=canonical]", "meta[property='og:url']"]
            .iter()
            .find_map(|selector| {
                let node = doc.select(selector);
                let url = node.attr("href").or_else(|| node.attr("content"))?;
                let host = url
                    .split("://")
                    .nth(1)?
                    .split(['/', ':', '?'])
                    .next()?
                    .to_string();
                zones::zone_of_host(&host)
            })
    };
    named().or_else(addressed).or_else(domain)
}

/// The zone of the place the story's dateline names (`Cape Town - A new fence…`).
fn dateline_zone(pieces: &[Piece]) -> Option<Tz> {
    pieces
        .iter()
        .filter(|p| p.kind == crate::extract::PieceKind::Paragraph)
        .take(3)
        .find_map(|p| crate::extract::dateline::find_dateline(&p.text))
        .and_then(|(dateline, _)| dateline.place)
        .and_then(|place| zones::zone_of_place(&place))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone_of(html: &str) -> Option<PageZone> {
        let doc = Document::from(html);
        let meta = super::super::meta::read(&doc);
        let pieces = super::super::content::story(html, &doc);
        page_zone(&doc, &meta, &pieces)
    }

    fn named(zone: &str) -> Option<PageZone> {
        Some(PageZone::Named(zone.parse().expect("zone")))
    }

    #[test]
    fn the_offset_of_the_pages_other_times_comes_first() {
        let html = r#"<html><head><meta property="og:site_name" content="The Jakarta Post">
            <meta property="article:published_time" content="2014-03-04T21:12:00-06:00"></head>
            <body><article><h1>Barn roof falls in</h1><p>The roof fell.</p></article></body></html>"#;
        assert_eq!(
            zone_of(html),
            Some(PageZone::Offset(
                FixedOffset::west_opt(6 * 3600).expect("offset")
            ))
        );
    }

    #[test]
    fn utc_in_the_markup_says_nothing_and_the_outlets_name_does() {
        let html = r#"<html><head><meta property="og:site_name" content="San Francisco Chronicle">
            <meta property="article:published_time" content="2025-03-05T13:00:00Z"></head>
            <body><article><h1>A video store becomes a landmark</h1><p>It rents films.</p></article></body></html>"#;
        assert_eq!(zone_of(html), named("America/Los_Angeles"));
    }

    #[test]
    fn a_footer_address_or_a_country_domain_places_the_outlet() {
        let address = r#"<html><head><meta property="og:site_name" content="Bayfront Times"></head>
            <body><article><h1>Market stays</h1><p>The council voted.</p></article>
            <footer><p>&copy; 2019 Bayfront Times. 1001 State St., Erie, PA 16501.</p></footer></body></html>"#;
        assert_eq!(zone_of(address), named("America/New_York"));
        let domain = r#"<html><head><link rel="canonical" href="https://www.rte.ie/news/2023/0713/ferry/">
            </head><body><article><h1>Ferry sails all winter</h1><p>The ferry will run.</p></article></body></html>"#;
        assert_eq!(zone_of(domain), named("Europe/Dublin"));
    }

    #[test]
    fn the_datelines_place_is_the_last_resort_and_nothing_is_no_zone() {
        let dated = r#"<html><body><article><h1>Fence for the penguins</h1>
            <p>Cape Town - A new fence will be built around part of the African penguin colony at Boulders Beach after dogs killed 14 birds in the past two months, officials said on Wednesday.</p>
            </article></body></html>"#;
        assert_eq!(zone_of(dated), named("Africa/Johannesburg"));
        let bare = r#"<html><body><article><h1>Fish catches fall</h1><p>Fishermen say their catches fell.</p></article></body></html>"#;
        assert_eq!(zone_of(bare), None);
    }

    fn dates_of(html: &str) -> (Option<String>, Option<String>) {
        let page = super::super::read(html);
        let text = |v: Option<crate::extract::front_matter::DateValue>| v.map(|v| v.as_text());
        (text(page.stated.date), text(page.stated.updated))
    }

    #[test]
    fn a_time_shown_without_its_zone_is_the_outlets_local_time() {
        let html = r#"<html><head><meta property="og:site_name" content="Bayfront Times"></head>
            <body><article><h1>Council keeps the farmers market</h1>
            <div class="posted">Posted Mar 4, 2019 at 9:12 PM</div>
            <p>The council voted 5-2 on Monday night to keep the market where it is.</p></article>
            <footer><p>1001 State St., Erie, PA 16501.</p></footer></body></html>"#;
        assert_eq!(
            dates_of(html).0.as_deref(),
            Some("2019-03-04T21:12:00-05:00")
        );
    }

    #[test]
    fn a_shown_update_that_may_be_the_markups_moment_is_the_markups() {
        // `10:15 AM` in Jakarta is 03:15 UTC: the markup's moment, not a later one.
        let html = r#"<html><head><meta property="og:site_name" content="The Jakarta Post">
            <meta property="article:modified_time" content="2022-02-10T03:15:10Z"></head>
            <body><article><h1>Senate panel advances laptop bill</h1>
            <p class="updated">Updated Feb. 10, 2022, 10:15 AM</p>
            <p>A Senate committee on Wednesday advanced a bipartisan bill.</p></article></body></html>"#;
        assert_eq!(
            dates_of(html).1.as_deref(),
            Some("2022-02-10T03:15:10+00:00")
        );
        let later = html.replace("10:15 AM", "11:40 AM");
        assert_eq!(
            dates_of(&later).1.as_deref(),
            Some("2022-02-10T11:40:00+07:00")
        );
    }

    #[test]
    fn the_days_date_in_the_sites_header_is_not_the_storys() {
        let html = r#"<html><body><div id="date-today">Tuesday, 13 March 2012</div>
            <article><h1>Presidency drops the discard ban date</h1><div class="date">12.03.12 @ 17:25</div>
            <p>The presidency has proposed phasing in a ban over six years.</p></article></body></html>"#;
        assert_eq!(dates_of(html).0.as_deref(), Some("12.03.12 @ 17:25"));
    }
}
