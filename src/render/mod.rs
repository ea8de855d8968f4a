//! Rendering: one `tera::Tera` built once. The default theme's templates are embedded in the
//! binary as `default/NAME`; a file of the same name in the site's `templates/` overrides one,
//! can extend the one it replaces (`{% extends "default/NAME" %}`), and a component defined in
//! a site template replaces the default component of the same name.

use std::path::Path;

use serde::Serialize;
use tera::{Context, Tera};

use crate::confine::Boundary;
use crate::diagnostics::Diagnostic;

pub mod cards;
mod filters;
mod truncate;

use crate::config::Plan;
use crate::publish::context::SiteView;
use crate::publish::{Page, PageContext};
use crate::site::{Site, StoryCard};
use cards::CardCache;

/// What the context of `card.html` holds: the story and the page's way to the root.
#[derive(Serialize)]
struct CardContext<'a> {
    site: SiteView<'a>,
    story: StoryCard<'a>,
    root: &'a str,
}

/// Where the default theme's templates live in the engine. A name the site does not define is
/// looked up under it, and the site's components take precedence over the ones under it.
const DEFAULT_PREFIX: &str = "default/";

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{file}: {message}")]
    Template { file: String, message: String },
    #[error("cannot read {file}: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
}

/// Tera's error on one line, and the template it is about when Tera names one: Tera reports
/// syntax and rendering errors with the template's name, line and column.
fn describe(e: &tera::Error) -> (Option<String>, String) {
    match e.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            (
                Some(report.filename().to_string()),
                format!(
                    "{}:{}: {}",
                    span.start_line,
                    span.start_col + 1,
                    report.message()
                ),
            )
        }
        _ => {
            let text = e.to_string();
            match located(&text) {
                Some((name, message)) => (Some(name), message),
                None => (
                    None,
                    text.lines().map(str::trim).collect::<Vec<_>>().join(" "),
                ),
            }
        }
    }
}

/// The first of the reports Tera writes when templates call filters or components it does not
/// know (`error: MESSAGE`, then `--> NAME:LINE:COLUMN` and the line quoted): the template's
/// name, and the message with its line and column.
fn located(text: &str) -> Option<(String, String)> {
    let message = text.lines().next()?.strip_prefix("error: ")?;
    let location = text.lines().find_map(|l| l.trim().strip_prefix("--> "))?;
    let mut parts = location.rsplitn(3, ':');
    let (column, line, name) = (parts.next()?, parts.next()?, parts.next()?);
    let more = text.lines().filter(|l| l.starts_with("error: ")).count() - 1;
    let more = match more {
        0 => String::new(),
        n => format!(" (and {n} more)"),
    };
    Some((
        name.to_string(),
        format!("{line}:{column}: {message}{more}"),
    ))
}

/// The template engine with the site's templates loaded over the defaults.
pub struct Renderer {
    tera: Tera,
    /// The fingerprint of every template loaded (the defaults and the site's), by name and text.
    pub fingerprint: crate::fingerprint::Fingerprint,
    /// Template name → the file it came from, for messages.
    sources: std::collections::HashMap<String, String>,
}

impl Renderer {
    /// Loads the defaults, then every file in the site's `templates_dir` (if it has one) that really lies
    /// inside `boundary`; the files refused come back as warnings.
    pub fn new(
        templates_dir: Option<&Path>,
        display_root: &Path,
        boundary: &Boundary,
    ) -> Result<(Renderer, Vec<Diagnostic>), RenderError> {
        // (name, body, the file as messages show it)
        let mut templates: Vec<(String, String, String)> = crate::theme::DEFAULT_TEMPLATES
            .iter()
            .map(|(name, body)| {
                (
                    format!("{DEFAULT_PREFIX}{name}"),
                    body.to_string(),
                    format!("default template {name}"),
                )
            })
            .collect();
        let mut refused = Vec::new();
        if let Some(templates_dir) = templates_dir {
            let (read, notes) = boundary
                .read_folder(templates_dir, display_root)
                .map_err(|e| RenderError::Read {
                    file: e.shown,
                    source: e.source,
                })?;
            refused = notes;
            for file in read {
                let body = String::from_utf8(file.bytes).map_err(|_| RenderError::Read {
                    file: file.shown.clone(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "the template is not UTF-8",
                    ),
                })?;
                templates.push((file.name, body, file.shown));
            }
        }
        let sources: std::collections::HashMap<String, String> = templates
            .iter()
            .map(|(name, _, shown)| (name.clone(), shown.clone()))
            .collect();
        let mut hasher = crate::fingerprint::Hasher::new();
        for (name, body, _) in &templates {
            hasher.str(name).str(body);
        }
        let fingerprint = hasher.finish();
        let mut tera = Tera::default();
        let mut configure = || -> tera::TeraResult<()> {
            tera.set_fallback_prefixes([DEFAULT_PREFIX])?;
            tera.autoescape_on([".html", ".htm", ".xml", ".json"]);
            tera.set_escape_fn(crate::html::write_escaped_html);
            // Filters first: Tera refuses a template that calls a filter it does not know.
            filters::register(&mut tera);
            tera.add_raw_templates(templates.iter().map(|(n, b, _)| (n.as_str(), b.as_str())))
        };
        configure().map_err(|e| {
            let (name, message) = describe(&e);
            // Without a name from Tera, name the file its message quotes.
            let file = name
                .and_then(|name| sources.get(&name).cloned())
                .or_else(|| {
                    templates
                        .iter()
                        .find(|(name, _, _)| quotes_template(&message, name))
                        .map(|(_, _, shown)| shown.clone())
                })
                .unwrap_or_else(|| "templates".to_string());
            RenderError::Template { file, message }
        })?;
        Ok((
            Renderer {
                tera,
                fingerprint,
                sources,
            },
            refused,
        ))
    }

    /// Renders a published page. A listing's cards are rendered once per story for the whole
    /// site (see [`CardCache`]) and handed to its template as `cards`.
    pub fn render_page(
        &self,
        page: &Page,
        cards: &CardCache,
        site: &Site,
        plan: &Plan,
    ) -> Result<String, RenderError> {
        let listing = matches!(
            page.context,
            PageContext::Front(_) | PageContext::Listing(_)
        );
        if !listing {
            return self.render(page.template, &page.context);
        }
        let root = page.context.root().unwrap_or("./");
        let html: Vec<String> = page
            .cards
            .iter()
            .map(|&i| {
                cards.get(i, root, |root| {
                    let context = CardContext {
                        site: SiteView::of(plan),
                        story: site.stories[i].card(),
                        root,
                    };
                    self.render("card.html", &context)
                })
            })
            .collect::<Result<_, _>>()?;
        let mut context =
            Context::from_serialize(&page.context).map_err(|e| self.error(page.template, &e))?;
        context.insert("cards", &html);
        self.tera
            .render(page.template, &context)
            .map_err(|e| self.error(page.template, &e))
    }

    /// Renders `template` with the fields of `context` as its variables.
    pub fn render<T: Serialize>(&self, template: &str, context: &T) -> Result<String, RenderError> {
        Context::from_serialize(context)
            .and_then(|context| self.tera.render(template, &context))
            .map_err(|e| self.error(template, &e))
    }

    /// A rendering error, naming the template file it is about.
    fn error(&self, template: &str, e: &tera::Error) -> RenderError {
        let (name, message) = describe(e);
        let name = name.unwrap_or_else(|| template.to_string());
        let file = self
            .sources
            .get(&name)
            .or_else(|| self.sources.get(&format!("{DEFAULT_PREFIX}{name}")))
            .cloned()
            .unwrap_or_else(|| format!("template {name}"));
        RenderError::Template { file, message }
    }
}

/// Whether Tera's `message` quotes the template `name` (`'name'`, `` `name` ``), rather than a
/// longer name ending in it. Reports that point at a line (`--> name:3:1`) are read by
/// [`located`] before this is asked.
fn quotes_template(message: &str, name: &str) -> bool {
    [
        format!("'{name}'"),
        format!("`{name}`"),
        format!("\"{name}\""),
    ]
    .iter()
    .any(|quoted| message.contains(quoted.as_str()))
}
