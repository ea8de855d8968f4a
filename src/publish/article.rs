//! An article's page: the story with its body read back from the store, its related stories and
//! its neighbours in time, and its structured data.

use serde::Serialize;

use super::context::Common;
use super::{Page, PageContext, PublishError, Publisher};
use crate::model::Section;
use crate::site::{Story, StoryLink};
use crate::urls;

/// An article page's story, with its body.
#[derive(Serialize)]
pub struct ArticleView<'a> {
    #[serde(flatten)]
    pub story: &'a Story,
    pub sections: Vec<Section>,
}

/// What `article.html` receives.
#[derive(Serialize)]
pub struct ArticlePage<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    pub article: ArticleView<'a>,
    pub related: Vec<StoryLink<'a>>,
    /// The next older story.
    pub previous: Option<StoryLink<'a>>,
    /// The next newer story.
    pub next: Option<StoryLink<'a>>,
}

/// A lead image's text alternative: its alt text, else its caption.
pub fn image_alt(image: &crate::model::LeadImage) -> Option<String> {
    image.alt.clone().or_else(|| image.caption.clone())
}

impl<'a> Publisher<'a> {
    pub(super) fn article(&self, i: usize) -> Result<Page<'a>, PublishError> {
        let plan = self.plan;
        let stories = &self.site.stories;
        let story = &stories[i];
        let title = format!("{} — {}", story.article.headline, plan.site.title);
        let mut common = self.common(&story.dir, title, story.article.summary.clone(), "article");
        common.page.canonical = story.url.clone();
        common.page.og_type = "article";
        if let Some(preview) = story.picture.as_ref().and_then(|p| p.crops.first()) {
            common.page.image = plan.urls.absolute(&preview.jpeg);
            common.page.image_width = Some(preview.width);
            common.page.image_height = Some(preview.height);
            common.page.image_alt = story.article.image.as_ref().and_then(image_alt);
        }
        common.page.json_ld = Some(super::jsonld::script_safe(&super::jsonld::article_graph(
            story, plan,
        )));
        let page = ArticlePage {
            common,
            article: ArticleView {
                story,
                sections: self.body(i)?.sections,
            },
            related: self
                .site
                .related_of(i)
                .iter()
                .map(|&j| stories[j].story_link())
                .collect(),
            previous: stories.get(i + 1).map(Story::story_link),
            next: i.checked_sub(1).map(|j| stories[j].story_link()),
        };
        Ok(Page {
            path: urls::index_file(&story.dir),
            template: "article.html",
            context: PageContext::Article(Box::new(page)),
            cards: Vec::new(),
        })
    }
}
