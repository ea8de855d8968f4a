//! `site.toml`: the site's settings. Every key has a default, so a folder holding only `seeds/`
//! builds; unknown keys and wrong types are errors that name the key and the line.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::confine::Boundary;

/// A configuration problem: the file, the line where known, and what is wrong.
#[derive(Debug, thiserror::Error)]
#[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ConfigError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

fn default_title() -> String {
    "broadsheet".into()
}
fn default_base_url() -> String {
    "http://localhost:8000/".into()
}
/// The primary language of a BCP 47 tag, lower case (`en` for `en-GB`): what Pagefind, the news
/// sitemap and date formatting key on.
pub fn primary_language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("en")
        .to_ascii_lowercase()
}

fn default_language() -> String {
    "en".into()
}
fn default_timezone() -> String {
    "UTC".into()
}
fn default_seeds() -> PathBuf {
    "seeds".into()
}
fn default_templates() -> PathBuf {
    "templates".into()
}
fn default_static() -> PathBuf {
    "static".into()
}
fn default_output() -> PathBuf {
    "public".into()
}
fn default_per_page() -> usize {
    20
}
fn default_logo() -> String {
    "static/logo.png".into()
}
fn default_feed_items() -> usize {
    20
}
fn default_true() -> bool {
    true
}
fn default_permalink() -> String {
    "/{year}/{month}/{day}/{slug}/".into()
}

/// The settings as written in `site.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The publication's name, shown in the masthead and titles.
    #[serde(default = "default_title")]
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Where the site will be published, e.g. `https://example.org/news/`.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// BCP 47 language tag for `<html lang>`.
    #[serde(default = "default_language")]
    pub language: String,
    /// IANA time zone for dates shown on the site and for times the copy gives without a zone.
    #[serde(default = "default_timezone")]
    pub timezone: String,
    #[serde(default = "default_seeds")]
    pub seeds: PathBuf,
    #[serde(default = "default_templates")]
    pub templates: PathBuf,
    #[serde(default = "default_static", rename = "static")]
    pub static_dir: PathBuf,
    #[serde(default = "default_output")]
    pub output: PathBuf,
    /// Stories listed on each front page; older ones go to `page/2/` and on.
    #[serde(default = "default_per_page")]
    pub articles_per_page: usize,
    /// Where articles go: `{year}`, `{month}`, `{day}` and `{slug}`; parts whose date is unknown
    /// are left out.
    #[serde(default = "default_permalink")]
    pub permalink: String,
    /// Link to folders (`2023/06/16/slug/`) instead of files (`…/slug/index.html`). Only for
    /// hosts that serve `index.html` for a folder; the default works everywhere, from disk too.
    #[serde(default)]
    pub pretty_urls: bool,
    /// Build the offline search index (Pagefind) into `pagefind/`.
    #[serde(default = "default_true")]
    pub search: bool,
    /// The publisher named in structured data and the news sitemap (default: `title`).
    #[serde(default)]
    pub publisher: String,
    /// The publisher's logo, a path in the built site (default: the theme's `static/logo.png`).
    #[serde(default = "default_logo")]
    pub logo: String,
    /// Items in each feed.
    #[serde(default = "default_feed_items")]
    pub feed_items: usize,
    /// Feeds carry the whole story (true) or its summary (false).
    #[serde(default = "default_true")]
    pub feed_full_text: bool,
    /// Folders outside the site folder that its files may be read from (through links, or as
    /// the `seeds`, `templates` or `static` folder). None by default: see [`crate::confine`].
    #[serde(default)]
    pub allow_paths: Vec<PathBuf>,
}

impl Default for SiteConfig {
    fn default() -> Self {
        toml::from_str("").expect("defaults deserialize")
    }
}

/// A loaded configuration: the settings, the folder relative paths resolve against, and the
/// parsed time zone.
#[derive(Debug, Clone)]
pub struct Config {
    pub site: SiteConfig,
    pub root: PathBuf,
    pub timezone: Tz,
    /// The configuration file, for messages.
    pub file: String,
    /// The line each key was set on, for messages about values checked later (a folder that
    /// does not exist).
    pub key_lines: std::collections::BTreeMap<String, usize>,
}

/// The 1-based line where `key` is set in `text`, for messages about a value that parsed but
/// is not acceptable.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

impl Config {
    /// Reads `path`. A missing file is an error only when `required` (the user named it).
    pub fn load(path: &Path, required: bool) -> Result<Config, ConfigError> {
        let file = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => String::new(),
            Err(e) => {
                return Err(ConfigError {
                    file,
                    line: None,
                    message: format!("cannot read the configuration: {e}"),
                })
            }
        };
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Self::parse(&text, &file, root)
    }

    /// Parses configuration text; `root` is where relative paths start.
    pub fn parse(text: &str, file: &str, root: PathBuf) -> Result<Config, ConfigError> {
        let site: SiteConfig = toml::from_str(text).map_err(|e| ConfigError {
            file: file.to_string(),
            line: e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1),
            message: e.message().trim().to_string(),
        })?;
        let invalid = |key: &str, message: String| ConfigError {
            file: file.to_string(),
            line: line_of_key(text, key),
            message: format!("`{key}`: {message}"),
        };
        let timezone = Tz::from_str(&site.timezone).map_err(|_| {
            invalid(
                "timezone",
                format!(
                    "unknown time zone {:?}; use an IANA name such as \"Europe/London\"",
                    site.timezone
                ),
            )
        })?;
        if site.feed_items == 0 {
            return Err(invalid("feed_items", "must be at least 1".into()));
        }
        if site.articles_per_page == 0 {
            return Err(invalid("articles_per_page", "must be at least 1".into()));
        }
        if !site.permalink.contains("{slug}") {
            return Err(invalid("permalink", "must contain {slug}".into()));
        }
        if !(site.base_url.starts_with("http://") || site.base_url.starts_with("https://")) {
            return Err(invalid(
                "base_url",
                format!("{:?} must start with http:// or https://", site.base_url),
            ));
        }
        let mut site = site;
        if site.publisher.trim().is_empty() {
            site.publisher = site.title.clone();
        }
        let key_lines = ["seeds", "templates", "static", "output", "allow_paths"]
            .iter()
            .filter_map(|k| Some((k.to_string(), line_of_key(text, k)?)))
            .collect();
        let mut config = Config {
            site,
            root,
            timezone,
            file: file.to_string(),
            key_lines,
        };
        config.set_base_url(&config.site.base_url.clone());
        Ok(config)
    }

    /// Sets the base URL, always ending in `/`.
    pub fn set_base_url(&mut self, url: &str) {
        let mut url = url.trim().to_string();
        if !url.ends_with('/') {
            url.push('/');
        }
        self.site.base_url = url;
    }

    fn resolve(&self, p: &Path) -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.root.join(p)
        }
    }

    /// An error about `key`'s value, pointing at the line that set it.
    pub fn error_at(&self, key: &str, message: String) -> ConfigError {
        ConfigError {
            file: self.file.clone(),
            line: self.key_lines.get(key).copied(),
            message: format!("`{key}`: {message}"),
        }
    }

    /// The folders the site may read from: the site folder and `allow_paths`, each of which
    /// must exist.
    pub fn boundary(&self) -> Result<Boundary, ConfigError> {
        let allowed: Vec<PathBuf> = self
            .site
            .allow_paths
            .iter()
            .map(|p| self.resolve(p))
            .collect();
        for dir in &allowed {
            if !dir.is_dir() {
                return Err(self.error_at(
                    "allow_paths",
                    format!("the folder {} does not exist", dir.display()),
                ));
            }
        }
        Boundary::new(&self.root, &allowed).map_err(|e| ConfigError {
            file: self.file.clone(),
            line: None,
            message: format!(
                "cannot resolve the site folder {}: {e}",
                self.root.display()
            ),
        })
    }

    /// Checks the folders the site reads: the ones the configuration names explicitly must
    /// exist (the defaults may be missing: a site needs no `templates/` or `static/` of its
    /// own), and every one that exists must really lie inside `boundary`, so a `seeds` folder
    /// that is a link to somewhere else is not read unless `allow_paths` names the place.
    pub fn check_folders(&self, boundary: &Boundary) -> Result<(), ConfigError> {
        for (key, dir) in [
            ("seeds", self.seeds_dir()),
            ("templates", self.templates_dir()),
            ("static", self.static_dir()),
        ] {
            if key != "seeds" && self.key_lines.contains_key(key) && !dir.is_dir() {
                return Err(
                    self.error_at(key, format!("the folder {} does not exist", dir.display()))
                );
            }
            let Ok(real) = std::fs::canonicalize(&dir) else {
                continue;
            };
            if !boundary.contains(&real) {
                return Err(self.error_at(
                    key,
                    format!(
                        "the folder {} is really {}, outside the site folder; name it in `allow_paths` to read it",
                        dir.display(),
                        real.display()
                    ),
                ));
            }
        }
        Ok(())
    }

    pub fn seeds_dir(&self) -> PathBuf {
        self.resolve(&self.site.seeds)
    }
    pub fn templates_dir(&self) -> PathBuf {
        self.resolve(&self.site.templates)
    }
    pub fn static_dir(&self) -> PathBuf {
        self.resolve(&self.site.static_dir)
    }
    pub fn output_dir(&self) -> PathBuf {
        self.resolve(&self.site.output)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_gives_defaults() {
        let c = Config::parse("", "site.toml", ".".into()).unwrap();
        assert_eq!(c.site.title, "broadsheet");
        assert_eq!(c.site.articles_per_page, 20);
        assert_eq!(c.timezone, chrono_tz::UTC);
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let err =
            Config::parse("title = \"X\"\n\ntitel = \"Y\"\n", "site.toml", ".".into()).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.to_string().contains("titel"), "{err}");
        assert!(err.to_string().starts_with("site.toml:3:"), "{err}");
    }

    #[test]
    fn wrong_type_names_the_line() {
        let err =
            Config::parse("articles_per_page = \"ten\"\n", "site.toml", ".".into()).unwrap_err();
        assert_eq!(err.line, Some(1));
    }

    #[test]
    fn missing_named_folders_point_at_their_line() {
        let c = Config::parse(
            "title = \"x\"\ntemplates = \"no-such-theme\"\n",
            "site.toml",
            ".".into(),
        )
        .unwrap();
        let boundary = c.boundary().unwrap();
        let err = c.check_folders(&boundary).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.to_string().contains("no-such-theme"), "{err}");
        let empty = tempfile::tempdir().unwrap();
        let defaults = Config::parse("", "site.toml", empty.path().into()).unwrap();
        assert!(
            defaults
                .check_folders(&defaults.boundary().unwrap())
                .is_ok(),
            "default folders may be missing"
        );
    }

    #[test]
    fn bad_values_name_the_key() {
        let err = Config::parse(
            "title = \"x\"\ntimezone = \"Mars/Base\"\n",
            "site.toml",
            ".".into(),
        )
        .unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("timezone"));
        let c =
            Config::parse("base_url = \"https://example.org/news\"\n", "s", ".".into()).unwrap();
        assert_eq!(c.site.base_url, "https://example.org/news/");
    }
}
