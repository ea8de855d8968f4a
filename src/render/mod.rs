//! Rendering: one `tera::Tera` built once. The default theme's templates are embedded in the
//! binary; a file of the same name in the site's `templates/` overrides one, and every default
//! is also available as `default/NAME` so a site template can extend the one it replaces.

use std::path::Path;

use serde::Serialize;
use tera::{Context, Tera};
use walkdir::WalkDir;

use crate::html::escape_html;

mod truncate;

/// The default theme, embedded so a site without `templates/` builds.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("card.html", include_str!("../../templates/card.html")),
    ("list.html", include_str!("../../templates/list.html")),
    ("terms.html", include_str!("../../templates/terms.html")),
    ("archive.html", include_str!("../../templates/archive.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("rss.xml", include_str!("../../templates/rss.xml")),
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("feed.json", include_str!("../../templates/feed.json")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    (
        "sitemap_index.xml",
        include_str!("../../templates/sitemap_index.xml"),
    ),
    (
        "news_sitemap.xml",
        include_str!("../../templates/news_sitemap.xml"),
    ),
    ("robots.txt", include_str!("../../templates/robots.txt")),
];

/// The default theme's static files, embedded the same way.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("search.js", include_bytes!("../../static/search.js")),
    ("logo.png", include_bytes!("../../static/logo.png")),
];

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
    #[error("{file}: cannot read the article's body back from the build's scratch file: {source}")]
    Body {
        file: String,
        #[source]
        source: std::io::Error,
    },
}

/// Tera's error and every cause under it, on one line: the causes carry the line and the
/// variable that went wrong.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

/// The template engine with the site's templates loaded over the defaults.
pub struct Renderer {
    tera: Tera,
    /// Template name → the file it came from, for messages.
    sources: std::collections::HashMap<String, String>,
}

impl Renderer {
    /// Loads the defaults, then every file in `templates_dir` (if it exists).
    pub fn new(templates_dir: &Path, display_root: &Path) -> Result<Renderer, RenderError> {
        let mut templates: Vec<(String, String, String)> = Vec::new();
        for (name, body) in DEFAULT_TEMPLATES {
            templates.push((
                format!("default/{name}"),
                body.to_string(),
                format!("default template {name}"),
            ));
        }
        let mut overridden: Vec<String> = Vec::new();
        if templates_dir.is_dir() {
            for entry in WalkDir::new(templates_dir)
                .sort_by_file_name()
                .into_iter()
                .flatten()
            {
                if !entry.file_type().is_file()
                    || entry.file_name().to_string_lossy().starts_with('.')
                {
                    continue;
                }
                let path = entry.path();
                let shown = crate::ingest::display_path(path, display_root);
                let name = path
                    .strip_prefix(templates_dir)
                    .unwrap_or(path)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().to_string())
                    .collect::<Vec<_>>()
                    .join("/");
                let body = std::fs::read_to_string(path).map_err(|source| RenderError::Read {
                    file: shown.clone(),
                    source,
                })?;
                overridden.push(name.clone());
                templates.push((name, body, shown));
            }
        }
        for (name, body) in DEFAULT_TEMPLATES {
            if !overridden.iter().any(|o| o == name) {
                templates.push((
                    name.to_string(),
                    body.to_string(),
                    format!("default template {name}"),
                ));
            }
        }
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.iter().map(|(n, b, _)| (n.as_str(), b.as_str())))
            .map_err(|e| {
                let message = error_chain(&e);
                // Name the file the error is about: Tera's message quotes the template name.
                let file = templates
                    .iter()
                    .filter(|(name, _, _)| {
                        message.contains(&format!("'{name}'"))
                            || message.contains(&format!("\"{name}\""))
                    })
                    .map(|(_, _, shown)| shown.clone())
                    .next()
                    .unwrap_or_else(|| templates_dir.display().to_string());
                RenderError::Template { file, message }
            })?;
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        tera.set_escape_fn(escape_html);
        tera.register_filter("truncate", truncate::Truncate::new());
        let sources = templates
            .into_iter()
            .map(|(name, _, shown)| (name, shown))
            .collect();
        Ok(Renderer { tera, sources })
    }

    /// Renders `template` with `context`.
    pub fn render(&self, template: &str, context: &Context) -> Result<String, RenderError> {
        self.tera
            .render(template, context)
            .map_err(|e| RenderError::Template {
                file: self
                    .sources
                    .get(template)
                    .cloned()
                    .unwrap_or_else(|| format!("template {template}")),
                message: error_chain(&e),
            })
    }

    /// Builds a context from any serializable value.
    pub fn context<T: Serialize>(value: &T) -> Context {
        Context::from_serialize(value).unwrap_or_default()
    }
}
