//! What each output is made from, as one fingerprint: equal fingerprints mean the output would
//! come out byte for byte the same, which is what lets an incremental build skip it.
//!
//! A templated page's fingerprint is that of its template's context (as it serializes), the
//! templates, the settings, and the stories whose cards it lists. An article page is the one
//! kind whose context is not built to be fingerprinted, since building it reads the body back:
//! its page is made (in [`Publisher::article`]) from the story, its body, the links to its
//! related stories and neighbours, and the site's settings and assets, and exactly those go
//! into its fingerprint here. `tests/incremental.rs` checks that an incremental build's output
//! equals a clean build's after every kind of change.

use rayon::prelude::*;

use super::{Output, Page, PublishError, Publisher};
use crate::fingerprint::{Fingerprint, Hasher};
use crate::site::Story;
use crate::urls;

/// The fingerprints a build's outputs are made of: every story's, and what every output reads
/// besides its stories.
pub struct Fingerprints {
    /// Each story's: its metadata as placed in the site, and its body.
    pub stories: Vec<Fingerprint>,
    /// Each story's link as related-story lists and previous/next links show it (made once
    /// per story, where each article page would otherwise serialize seven of them again).
    pub links: Vec<Fingerprint>,
    /// The templates, the settings, the build's `--now`, and the static files' published names.
    pub common: Fingerprint,
}

/// What the site made of a story besides its article: every field of [`Story`] as it
/// serializes but the article's own (a test below holds the two to each other).
#[derive(serde::Serialize)]
struct Placement<'a> {
    dir: &'a str,
    link: &'a str,
    url: &'a str,
    date_display: &'a Option<String>,
    date_iso: &'a Option<String>,
    updated_display: &'a Option<String>,
    updated_iso: &'a Option<String>,
    published_rfc3339: &'a Option<String>,
    published_rfc822: &'a Option<String>,
    updated_rfc3339: &'a Option<String>,
    corrections: &'a [crate::site::corrections::CorrectionView],
    reading_minutes: usize,
    author_links: &'a [crate::site::groups::NamedLink],
    topic_links: &'a [crate::site::groups::NamedLink],
    source_link: &'a Option<crate::site::groups::NamedLink>,
    has_toc: bool,
    toc_numbered: bool,
    picture: &'a Option<crate::model::Picture>,
}

impl<'a> Placement<'a> {
    fn of(s: &'a Story) -> Placement<'a> {
        Placement {
            dir: &s.dir,
            link: &s.link,
            url: &s.url,
            date_display: &s.date_display,
            date_iso: &s.date_iso,
            updated_display: &s.updated_display,
            updated_iso: &s.updated_iso,
            published_rfc3339: &s.published_rfc3339,
            published_rfc822: &s.published_rfc822,
            updated_rfc3339: &s.updated_rfc3339,
            corrections: &s.corrections,
            reading_minutes: s.reading_minutes,
            author_links: &s.author_links,
            topic_links: &s.topic_links,
            source_link: &s.source_link,
            has_toc: s.has_toc,
            toc_numbered: s.toc_numbered,
            picture: &s.picture,
        }
    }
}

/// A story's fingerprint: everything the site knows of it, and its body's. The article comes
/// in by the fingerprint made when it was extracted (kept in the build cache with it), so an
/// unchanged story's article is not serialized again on every build.
fn story_fingerprint(story: &Story) -> Fingerprint {
    Hasher::new()
        .fingerprint(story.article_print)
        .add(&Placement::of(story))
        .fingerprint(story.body.fingerprint)
        .finish()
}

impl Fingerprints {
    pub fn new(publisher: &Publisher<'_>, templates: Fingerprint) -> Fingerprints {
        let stories = publisher
            .site
            .stories
            .par_iter()
            .map(story_fingerprint)
            .collect();
        let links = publisher
            .site
            .stories
            .par_iter()
            .map(|story| Fingerprint::of(&story.story_link()))
            .collect();
        let common = Hasher::new()
            .fingerprint(templates)
            .fingerprint(publisher.plan.fingerprint)
            .add(&publisher.now.map(|t| t.to_rfc3339()))
            .add(publisher.assets)
            .finish();
        Fingerprints {
            stories,
            links,
            common,
        }
    }

    /// The fingerprint of a page as built.
    pub fn of_page(&self, page: &Page<'_>) -> Fingerprint {
        let mut h = Hasher::new();
        h.fingerprint(self.common)
            .str(&page.path)
            .str(page.template)
            .add(&page.context);
        for &card in &page.cards {
            h.fingerprint(self.stories[card]);
        }
        h.finish()
    }
}

/// An output's file, with its fingerprint, and its page when building the fingerprint made it.
pub struct Planned<'a> {
    pub path: String,
    pub fingerprint: Fingerprint,
    pub page: Option<Page<'a>>,
}

impl<'a> Publisher<'a> {
    /// Where a templated output goes and its fingerprint, without reading any body.
    pub fn plan_output(
        &self,
        output: Output,
        prints: &Fingerprints,
    ) -> Result<Planned<'a>, PublishError> {
        if let Output::Article(i) = output {
            let stories = &self.site.stories;
            let story = &stories[i];
            let mut h = Hasher::new();
            h.fingerprint(prints.common)
                .str("article")
                .fingerprint(prints.stories[i]);
            let related = self.site.related_of(i);
            h.number(related.len() as u64);
            for &j in related {
                h.fingerprint(prints.links[j]);
            }
            // The next story and the previous one, each there or not.
            for neighbour in [Some(i + 1).filter(|&j| j < stories.len()), i.checked_sub(1)] {
                match neighbour {
                    Some(j) => h.number(1).fingerprint(prints.links[j]),
                    None => h.number(0),
                };
            }
            return Ok(Planned {
                path: urls::index_file(&story.dir),
                fingerprint: h.finish(),
                page: None,
            });
        }
        let page = self.page(output)?;
        Ok(Planned {
            path: page.path.clone(),
            fingerprint: prints.of_page(&page),
            page: Some(page),
        })
    }

    /// The fingerprint of story `i`'s search document: what [`Publisher::search_doc`] makes it
    /// from.
    pub fn search_doc_fingerprint(&self, i: usize) -> Fingerprint {
        let story = &self.site.stories[i];
        let a = &story.article;
        Hasher::new()
            .str(&story.link)
            .str(&a.headline)
            .add(&a.dek)
            .str(&a.summary)
            .add(&a.bylines)
            .add(&story.date_display)
            .add(&story.date_iso)
            .fingerprint(story.body.fingerprint)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The placement and the article between them are the whole story as templates receive it:
    /// a field added to `Story` and not to `Placement` would let a change to it go unseen by
    /// an incremental build.
    #[test]
    fn a_placement_and_its_article_are_the_whole_story() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), "title = \"T\"\n").unwrap();
        std::fs::create_dir(dir.path().join("seeds")).unwrap();
        std::fs::write(
            dir.path().join("seeds/deal.md"),
            "+++\ntitle = \"Harbour deal\"\ndate = 2023-06-16T09:30:00+02:00\n\
             updated = 2023-06-17\ntopics = [\"Ports\"]\n\n[[corrections]]\n\
             date = 2023-06-17\ntext = \"An earlier version misnamed the port.\"\n+++\n\n\
             By Ann Lee\n\nROTTERDAM (Reuters) - The port signed.\n",
        )
        .unwrap();
        let plan = crate::config::Plan::load(
            &dir.path().join("site.toml"),
            true,
            crate::config::Purpose::Build,
            &Default::default(),
        )
        .unwrap();
        let now = chrono::Utc::now().fixed_offset();
        let gathered = crate::pipeline::gather(&plan, dir.path(), false, now).unwrap();
        let site = gathered.site;
        let story = &site.stories[0];
        let whole = serde_json::to_value(story).unwrap();
        let article = serde_json::to_value(&story.article).unwrap();
        let placement = serde_json::to_value(Placement::of(story)).unwrap();
        let mut joined = article.as_object().unwrap().clone();
        joined.extend(placement.as_object().unwrap().clone());
        assert_eq!(&joined, whole.as_object().unwrap());
        let (a, p) = (article.as_object().unwrap(), placement.as_object().unwrap());
        assert!(a.keys().all(|k| !p.contains_key(k)), "a field in both");
    }
}
