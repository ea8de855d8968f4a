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
    /// The templates, the settings, the build's `--now`, and the static files' published names.
    pub common: Fingerprint,
}

/// A story's fingerprint: everything the site knows of it, and its body's.
fn story_fingerprint(story: &Story) -> Fingerprint {
    Hasher::new()
        .add(story)
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
        let common = Hasher::new()
            .fingerprint(templates)
            .fingerprint(publisher.plan.fingerprint)
            .add(&publisher.now.map(|t| t.to_rfc3339()))
            .add(publisher.assets)
            .finish();
        Fingerprints { stories, common }
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
            for &j in &self.site.related[i] {
                h.add(&stories[j].story_link());
            }
            h.add(&stories.get(i + 1).map(Story::story_link));
            h.add(&i.checked_sub(1).map(|j| stories[j].story_link()));
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
