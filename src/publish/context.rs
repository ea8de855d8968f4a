//! What every page's template receives, whatever its kind: the site, the way back to the root,
//! the navigation, the static files, and the page's own title, description and links.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::Plan;
use crate::urls::{FeedFormat, Nav};

/// The site settings templates see.
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub publisher: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub language: &'a str,
    /// The primary language code (`en` for `en-GB`), as the news sitemap wants it.
    pub language_code: String,
    /// Whether the site has search, so the theme shows a search form only when it works.
    pub search: bool,
}

impl<'a> SiteView<'a> {
    pub fn of(plan: &'a Plan) -> SiteView<'a> {
        SiteView {
            title: &plan.site.title,
            publisher: &plan.site.publisher,
            description: &plan.site.description,
            base_url: plan.urls.base(),
            language: &plan.site.language,
            language_code: crate::config::primary_language(&plan.site.language),
            search: plan.search,
        }
    }
}

/// What a page says about itself in its head.
#[derive(Serialize)]
pub struct PageView {
    pub title: String,
    pub description: String,
    pub canonical: String,
    /// `front`, `article`, `listing`, `index`, `archive`, `search`, `404`, `feed`, `sitemap`.
    pub kind: &'static str,
    /// `article` for article pages, `website` for the rest (OpenGraph).
    pub og_type: &'static str,
    /// An absolute image URL for previews: an article's lead image (its 16:9 crop), else the
    /// publisher's logo.
    pub image: String,
    /// The preview image's size and text alternative, when it is a lead image; with one,
    /// previews show it large.
    pub image_width: Option<u32>,
    pub image_height: Option<u32>,
    pub image_alt: Option<String>,
    /// Feeds to announce with `<link rel="alternate">`.
    pub feeds: Vec<FeedLink>,
    /// Structured data for the page, ready for a `<script type="application/ld+json">`.
    pub json_ld: Option<String>,
    /// Whether search engines should leave the page out (search and 404 pages).
    pub noindex: bool,
}

/// A feed announced in a page's head.
#[derive(Serialize, Clone)]
pub struct FeedLink {
    pub mime: &'static str,
    pub title: String,
    pub href: String,
}

/// What every template receives.
#[derive(Serialize)]
pub struct Common<'a> {
    pub site: SiteView<'a>,
    /// The way from this page back to the site root (`./`, `../../`).
    pub root: String,
    /// The front page's link relative to the root.
    pub home: &'static str,
    /// Links to the site's sections, relative to the root.
    pub nav: &'a Nav,
    /// Static files by name → published path relative to the root (`static/style.3f9a1c2e.css`).
    pub assets: &'a BTreeMap<String, String>,
    pub page: PageView,
}

/// A feed format as pages announce it.
pub fn feed_mime(format: FeedFormat) -> &'static str {
    match format {
        FeedFormat::Rss => "application/rss+xml",
        FeedFormat::Atom => "application/atom+xml",
        FeedFormat::Json => "application/feed+json",
    }
}

fn feed_label(format: FeedFormat) -> &'static str {
    match format {
        FeedFormat::Rss => "RSS",
        FeedFormat::Atom => "Atom",
        FeedFormat::Json => "JSON Feed",
    }
}

/// The feeds of the folder `dir` in `formats`, for page heads.
pub fn feed_links(plan: &Plan, dir: &str, title: &str, formats: &[FeedFormat]) -> Vec<FeedLink> {
    formats
        .iter()
        .map(|&f| FeedLink {
            mime: feed_mime(f),
            title: format!("{title} ({})", feed_label(f)),
            href: plan.urls.absolute(&format!("{dir}{}", f.file())),
        })
        .collect()
}

/// A page's description: the site's own when it has one, else `derived`.
pub fn description_or(plan: &Plan, derived: impl FnOnce() -> String) -> String {
    if plan.site.description.is_empty() {
        derived()
    } else {
        plan.site.description.clone()
    }
}
