//! What `check` says about the seeds beyond what extraction already warns of (no headline, no
//! byline, no date, front matter it cannot read): two stories asking for one folder, a headline
//! or section head that reads like a byline, a lead image without a text alternative.

use std::collections::HashMap;

use crate::config::Plan;
use crate::diagnostics::{Diagnostic, Severity};
use crate::extract::{self, byline};
use crate::pipeline::Gathered;

/// A build's message as `check` grades it: a story with no headline line of its own (published
/// under its file name or a sentence cut from its lede) is an error here, where `build` only
/// warns, since no reader should see such a headline.
pub fn graded(d: Diagnostic) -> Diagnostic {
    let headless = d.severity == Severity::Warning
        && (d.message == extract::NO_HEADLINE || d.message == extract::HEADLINE_FROM_SENTENCE);
    if headless {
        Diagnostic {
            severity: Severity::Error,
            ..d
        }
    } else {
        d
    }
}

/// The line of the seed at `source` (a path from the site folder) that holds `text`, if it
/// can be read.
fn line_holding(plan: &Plan, source: &str, text: &str) -> Option<usize> {
    let seed = std::fs::read(plan.root.join(source)).ok()?;
    let seed = String::from_utf8_lossy(&seed);
    seed.lines().position(|l| l.contains(text)).map(|n| n + 1)
}

/// The findings for the seeds of `gathered`, in site order.
pub fn findings(gathered: &Gathered, plan: &Plan) -> Vec<Diagnostic> {
    let stories = &gathered.site.stories;
    let mut found = Vec::new();

    // The story that got the folder each clashing one asked for.
    let wanted: Vec<String> = stories
        .iter()
        .map(|s| crate::site::wanted_dir(&s.article, plan))
        .collect();
    let holder: HashMap<&str, &str> = stories
        .iter()
        .map(|s| (s.dir.as_str(), s.article.source.as_str()))
        .collect();
    for (story, wanted) in stories.iter().zip(&wanted) {
        if story.dir == *wanted {
            continue;
        }
        let taken_by = holder
            .get(wanted.as_str())
            .map_or("the site's own pages".to_string(), |s| s.to_string());
        found.push(Diagnostic::warning(
            &story.article.source,
            format!(
                "slug clash: its folder {wanted} is taken by {taken_by}; it is published at {} (give it a `slug` in front matter or a sidecar)",
                story.dir
            ),
        ));
    }

    for story in stories {
        let article = &story.article;
        if let Some(image) = &article.image {
            if image.alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
                found.push(Diagnostic::warning(
                    &article.source,
                    format!("the lead image {} has no alt text", image.src),
                ));
            }
        }
        // The headline, then each section head: a byline taken for one.
        if byline::parse_byline(&article.headline, false).is_some() {
            found.push(Diagnostic {
                line: line_holding(plan, &article.source, &article.headline),
                ..Diagnostic::warning(
                    &article.source,
                    format!("the headline {:?} looks like a byline", article.headline),
                )
            });
        }
        let Ok(sections) = gathered.bodies.get(story.body) else {
            continue;
        };
        for head in sections.iter().filter_map(|s| s.heading.as_deref()) {
            if byline::parse_byline(head, false).is_some() {
                found.push(Diagnostic {
                    line: line_holding(plan, &article.source, head),
                    ..Diagnostic::warning(
                        &article.source,
                        format!("the section head {head:?} looks like a byline"),
                    )
                });
            }
        }
    }
    found
}
