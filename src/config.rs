//! `site.toml` → [`Plan`]: the site's settings, loaded and validated once. Every key has a
//! default, so a folder holding only `seeds/` builds; unknown keys, wrong types and values that
//! cannot work (a folder that does not exist, a time zone nobody has heard of) are errors that
//! name the key and the line it was written on. The stages after this one read the plan and
//! check nothing again.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono_tz::Tz;
use serde::Deserialize;
use toml::Spanned;

use crate::confine::Boundary;
use crate::urls::Urls;

/// A configuration problem: the file, the line where known, and what is wrong.
#[derive(Debug, thiserror::Error)]
#[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ConfigError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

/// `site.toml` as written: each key optional, with where it was written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteFile {
    title: Option<Spanned<String>>,
    description: Option<Spanned<String>>,
    base_url: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
    timezone: Option<Spanned<String>>,
    seeds: Option<Spanned<PathBuf>>,
    templates: Option<Spanned<PathBuf>>,
    #[serde(rename = "static")]
    static_dir: Option<Spanned<PathBuf>>,
    output: Option<Spanned<PathBuf>>,
    articles_per_page: Option<Spanned<usize>>,
    permalink: Option<Spanned<String>>,
    pretty_urls: Option<Spanned<bool>>,
    search: Option<Spanned<bool>>,
    publisher: Option<Spanned<String>>,
    logo: Option<Spanned<String>>,
    feed_items: Option<Spanned<usize>>,
    feed_full_text: Option<Spanned<bool>>,
    term_feed_full_text: Option<Spanned<bool>>,
    allow_paths: Option<Spanned<Vec<PathBuf>>>,
    expired: Option<Spanned<ExpiredPolicy>>,
}

/// What an expired story's URL serves: nothing (`"remove"`, the default) or a short page saying
/// the story is no longer available (`"notice"`), which search engines are asked to leave out.
/// A story's own `expired` key overrides the site's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExpiredPolicy {
    #[default]
    Remove,
    Notice,
}

/// What templates, feeds and structured data say about the publication.
#[derive(Debug, Clone)]
pub struct SiteSettings {
    /// The publication's name, shown in the masthead and titles.
    pub title: String,
    /// A line under the masthead; pages without one of their own derive theirs from the title.
    pub description: String,
    /// BCP 47 language tag for `<html lang>` and dates.
    pub language: String,
    /// The publisher named in structured data and the news sitemap.
    pub publisher: String,
    /// The publisher's logo, a path in the built site.
    pub logo: String,
}

/// What the feeds carry.
#[derive(Debug, Clone, Copy)]
pub struct FeedSettings {
    /// Items in each feed.
    pub items: usize,
    /// The site's feeds carry whole stories (true) or their summaries (false).
    pub full_text: bool,
    /// Each topic's and author's feed carries whole stories (true) or their summaries (false,
    /// the default, as newspapers' section feeds do: a topic on every story would otherwise
    /// repeat the site's full text once more).
    pub term_full_text: bool,
}

/// Why the plan is made: a build needs its folders; `extract` reads files it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Build,
    Extract,
}

/// What the command line sets over `site.toml`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub base_url: Option<String>,
    pub output: Option<PathBuf>,
}

/// The validated build plan every stage reads.
#[derive(Debug, Clone)]
pub struct Plan {
    pub site: SiteSettings,
    /// Where the site is published, and how its links are written.
    pub urls: Urls,
    /// The zone for dates shown on the site and for times copy gives without one.
    pub timezone: Tz,
    /// The folder relative paths start from: the one holding `site.toml`.
    pub root: PathBuf,
    /// The configuration file, for messages.
    pub file: String,
    pub seeds: PathBuf,
    /// The site's template overrides, when the folder exists.
    pub templates: Option<PathBuf>,
    /// The site's static files, when the folder exists.
    pub static_dir: Option<PathBuf>,
    pub output: PathBuf,
    /// The folders the site may read from (see [`crate::confine`]).
    pub boundary: Boundary,
    /// Stories on each front and listing page.
    pub per_page: usize,
    /// Where articles go: `{year}`, `{month}`, `{day}` and `{slug}`.
    pub permalink: String,
    /// Build the offline search index.
    pub search: bool,
    pub feeds: FeedSettings,
    /// The fingerprint of everything the plan was made from (the configuration's text, its
    /// place, the command line's overrides): what an incremental build compares to know the
    /// settings are the same.
    pub fingerprint: crate::fingerprint::Fingerprint,
    /// What an expired story's URL serves, unless the story says otherwise.
    pub expired: ExpiredPolicy,
}

/// The primary language of a BCP 47 tag, lower case (`en` for `en-GB`): what the news sitemap and
/// date formatting key on.
pub fn primary_language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("en")
        .to_ascii_lowercase()
}

/// The placeholders a permalink may hold.
const PERMALINK_PARTS: &[&str] = &["{year}", "{month}", "{day}", "{slug}"];

/// Reads and validates one configuration file's text.
struct Reader<'a> {
    text: &'a str,
    file: &'a str,
}

impl Reader<'_> {
    fn line(&self, at: usize) -> usize {
        self.text[..at.min(self.text.len())].matches('\n').count() + 1
    }

    fn error<T>(&self, key: &str, value: Option<&Spanned<T>>, message: String) -> ConfigError {
        ConfigError {
            file: self.file.to_string(),
            line: value.map(|v| self.line(v.span().start)),
            message: format!("`{key}`: {message}"),
        }
    }
}

fn value<T: Clone>(v: &Option<Spanned<T>>, default: T) -> T {
    v.as_ref().map_or(default, |v| v.get_ref().clone())
}

impl Plan {
    /// Reads `path`. A missing file is an error only when `required` (the user named it).
    pub fn load(
        path: &Path,
        required: bool,
        purpose: Purpose,
        overrides: &Overrides,
    ) -> Result<Plan, ConfigError> {
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
        Self::parse(&text, &file, root, purpose, overrides)
    }

    /// Parses and validates configuration text; `root` is where relative paths start.
    pub fn parse(
        text: &str,
        file: &str,
        root: PathBuf,
        purpose: Purpose,
        overrides: &Overrides,
    ) -> Result<Plan, ConfigError> {
        let reader = Reader { text, file };
        let raw: SiteFile = toml::from_str(text).map_err(|e| ConfigError {
            file: file.to_string(),
            line: e.span().map(|s| reader.line(s.start)),
            message: e.message().trim().to_string(),
        })?;
        let timezone_name = value(&raw.timezone, "UTC".to_string());
        let timezone = Tz::from_str(&timezone_name).map_err(|_| {
            reader.error(
                "timezone",
                raw.timezone.as_ref(),
                format!("unknown time zone {timezone_name:?}; use an IANA name such as \"Europe/London\""),
            )
        })?;
        let at_least_one = |key: &str, v: &Option<Spanned<usize>>, default: usize| {
            let n = value(v, default);
            if n == 0 {
                Err(reader.error(key, v.as_ref(), "must be at least 1".into()))
            } else {
                Ok(n)
            }
        };
        let per_page = at_least_one("articles_per_page", &raw.articles_per_page, 20)?;
        let feed_items = at_least_one("feed_items", &raw.feed_items, 20)?;
        let permalink = value(&raw.permalink, "/{year}/{month}/{day}/{slug}/".to_string());
        check_permalink(&permalink)
            .map_err(|m| reader.error("permalink", raw.permalink.as_ref(), m))?;
        let base_url = match &overrides.base_url {
            Some(url) => normalize_base_url(url).map_err(|m| ConfigError {
                file: "--base-url".into(),
                line: None,
                message: m,
            })?,
            None => normalize_base_url(&value(&raw.base_url, "http://localhost:8000/".into()))
                .map_err(|m| reader.error("base_url", raw.base_url.as_ref(), m))?,
        };
        let language = value(&raw.language, "en".to_string());
        if !is_language_tag(&language) {
            return Err(reader.error(
                "language",
                raw.language.as_ref(),
                format!("{language:?} is not a language tag such as \"en\" or \"en-GB\""),
            ));
        }
        let logo = value(&raw.logo, "static/logo.png".to_string());
        if !is_site_path(&logo) {
            return Err(reader.error(
                "logo",
                raw.logo.as_ref(),
                format!(
                    "{logo:?} must be a path inside the built site, such as \"static/logo.png\""
                ),
            ));
        }
        let title = value(&raw.title, "broadsheet".to_string());
        let publisher = value(&raw.publisher, String::new());
        let resolve = |p: PathBuf| if p.is_absolute() { p } else { root.join(p) };

        let allowed: Vec<PathBuf> = value(&raw.allow_paths, Vec::new())
            .into_iter()
            .map(resolve)
            .collect();
        if let Some(missing) = allowed.iter().find(|d| !d.is_dir()) {
            return Err(reader.error(
                "allow_paths",
                raw.allow_paths.as_ref(),
                format!("the folder {} does not exist", missing.display()),
            ));
        }
        let boundary = Boundary::new(&root, &allowed).map_err(|e| ConfigError {
            file: file.to_string(),
            line: None,
            message: format!("cannot resolve the site folder {}: {e}", root.display()),
        })?;

        let seeds = resolve(value(&raw.seeds, "seeds".into()));
        let templates = resolve(value(&raw.templates, "templates".into()));
        let static_dir = resolve(value(&raw.static_dir, "static".into()));
        let output = match &overrides.output {
            Some(dir) => dir.clone(),
            None => resolve(value(&raw.output, "public".into())),
        };
        let folder = |key: &str, dir: &Path, named: Option<&Spanned<PathBuf>>, needed: bool| {
            if !dir.is_dir() {
                return if needed {
                    Err(reader.error(key, named, folder_missing(key, dir)))
                } else {
                    Ok(false)
                };
            }
            let real = std::fs::canonicalize(dir).map_err(|e| {
                reader.error(
                    key,
                    named,
                    format!("cannot read the folder {}: {e}", dir.display()),
                )
            })?;
            if !boundary.contains(&real) {
                return Err(reader.error(
                    key,
                    named,
                    format!(
                        "the folder {} is really {}, outside the site folder; name it in `allow_paths` to read it",
                        dir.display(),
                        real.display()
                    ),
                ));
            }
            Ok(true)
        };
        let build = purpose == Purpose::Build;
        folder("seeds", &seeds, raw.seeds.as_ref(), build)?;
        // The theme's folders are optional unless named: a named one that is missing is a
        // mistake (a misspelt theme would silently build with the default).
        let has_templates = folder(
            "templates",
            &templates,
            raw.templates.as_ref(),
            build && raw.templates.is_some(),
        )?;
        let has_static = folder(
            "static",
            &static_dir,
            raw.static_dir.as_ref(),
            build && raw.static_dir.is_some(),
        )?;

        let fingerprint = crate::fingerprint::Hasher::new()
            .str(text)
            .str(file)
            .str(&root.display().to_string())
            .str(overrides.base_url.as_deref().unwrap_or(""))
            .str(
                &overrides
                    .output
                    .as_ref()
                    .map(|o| o.display().to_string())
                    .unwrap_or_default(),
            )
            .number(purpose as u64)
            .finish();
        Ok(Plan {
            fingerprint,
            urls: Urls::new(base_url, value(&raw.pretty_urls, false)),
            site: SiteSettings {
                publisher: if publisher.trim().is_empty() {
                    title.clone()
                } else {
                    publisher
                },
                title,
                description: value(&raw.description, String::new()),
                language,
                logo,
            },
            timezone,
            root,
            file: file.to_string(),
            seeds,
            templates: has_templates.then_some(templates),
            static_dir: has_static.then_some(static_dir),
            output,
            boundary,
            per_page,
            permalink,
            search: value(&raw.search, true),
            feeds: FeedSettings {
                items: feed_items,
                full_text: value(&raw.feed_full_text, true),
                term_full_text: value(&raw.term_feed_full_text, false),
            },
            expired: value(&raw.expired, ExpiredPolicy::Remove),
        })
    }

    /// The plan for a folder with no `site.toml`: every default. For tests and benchmarks.
    pub fn defaults(root: &Path, purpose: Purpose) -> Result<Plan, ConfigError> {
        Self::parse(
            "",
            "site.toml",
            root.to_path_buf(),
            purpose,
            &Overrides::default(),
        )
    }
}

fn folder_missing(key: &str, dir: &Path) -> String {
    match key {
        "seeds" => format!(
            "the seeds folder {} does not exist; create it and put articles in it, or set `seeds` in site.toml",
            dir.display()
        ),
        _ => format!("the folder {} does not exist", dir.display()),
    }
}

/// A permalink pattern must place each article by its slug and hold only known placeholders.
fn check_permalink(pattern: &str) -> Result<(), String> {
    if !pattern.contains("{slug}") {
        return Err("must contain {slug}".into());
    }
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|c| open + c + 1)
            .ok_or_else(|| format!("{pattern:?} opens a placeholder it does not close"))?;
        let part = &rest[open..close];
        if !PERMALINK_PARTS.contains(&part) {
            return Err(format!(
                "unknown placeholder {part}; use {}",
                PERMALINK_PARTS.join(", ")
            ));
        }
        rest = &rest[close..];
    }
    Ok(())
}

/// A base URL is absolute over HTTP(S) and always ends in `/`.
fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(format!("{url:?} must start with http:// or https://"));
    }
    if url.contains(char::is_whitespace) || url.contains(['"', '<', '>', '?', '#']) {
        return Err(format!(
            "{url:?} must be a plain URL such as https://example.org/news/ (no spaces, query or fragment)"
        ));
    }
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

/// `en`, `en-GB`, `zh-Hant-TW`: letters, then parts of letters and digits.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A path inside the built site: relative, no `..`, no scheme.
fn is_site_path(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains("://")
        && !path.contains('\\')
        && path.split('/').all(|part| !part.is_empty() && part != "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Plan, ConfigError> {
        let dir = tempfile::tempdir().unwrap();
        Plan::parse(
            text,
            "site.toml",
            dir.path().to_path_buf(),
            Purpose::Extract,
            &Overrides::default(),
        )
    }

    #[test]
    fn empty_file_gives_defaults() {
        let c = parse("").unwrap();
        assert_eq!(c.site.title, "broadsheet");
        assert_eq!(c.site.publisher, "broadsheet");
        assert_eq!(c.per_page, 20);
        assert_eq!(c.timezone, chrono_tz::UTC);
        assert_eq!(c.urls.base(), "http://localhost:8000/");
        assert!(c.search && c.feeds.full_text && !c.feeds.term_full_text);
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let err = parse("title = \"X\"\n\ntitel = \"Y\"\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.to_string().contains("titel"), "{err}");
        assert!(err.to_string().starts_with("site.toml:3:"), "{err}");
    }

    #[test]
    fn wrong_type_names_the_line() {
        let err = parse("articles_per_page = \"ten\"\n").unwrap_err();
        assert_eq!(err.line, Some(1));
    }

    #[test]
    fn bad_values_name_the_key_and_the_line_it_is_on() {
        for (text, key, line) in [
            ("title = \"x\"\ntimezone = \"Mars/Base\"\n", "timezone", 2),
            ("\n\nfeed_items = 0\n", "feed_items", 3),
            (
                "# timezone = 1\narticles_per_page = 0\n",
                "articles_per_page",
                2,
            ),
            ("permalink = \"/{title}/{slug}/\"\n", "permalink", 1),
            ("permalink = \"/{year}/\"\n", "permalink", 1),
            (
                "title = \"base_url = x\"\nbase_url = \"ftp://x/\"\n",
                "base_url",
                2,
            ),
            ("language = \"en\\\"><script>\"\n", "language", 1),
            ("logo = \"../../etc/logo.png\"\n", "logo", 1),
            ("allow_paths = [\"/no/such/folder\"]\n", "allow_paths", 1),
        ] {
            let err = parse(text).unwrap_err();
            assert_eq!(err.line, Some(line), "{text}: {err}");
            assert!(err.message.contains(&format!("`{key}`")), "{text}: {err}");
        }
        let c = parse("base_url = \"https://example.org/news\"\n").unwrap();
        assert_eq!(c.urls.base(), "https://example.org/news/");
    }

    #[test]
    fn a_build_needs_its_seeds_and_the_theme_folders_it_names() {
        let dir = tempfile::tempdir().unwrap();
        let build = |text: &str| {
            Plan::parse(
                text,
                "site.toml",
                dir.path().to_path_buf(),
                Purpose::Build,
                &Overrides::default(),
            )
        };
        let err = build("").unwrap_err();
        assert!(err.message.contains("seeds folder"), "{err}");
        std::fs::create_dir(dir.path().join("seeds")).unwrap();
        let plan = build("").unwrap();
        assert!(
            plan.templates.is_none(),
            "a missing default folder is no theme"
        );
        let err = build("title = \"x\"\ntemplates = \"no-such-theme\"\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.to_string().contains("no-such-theme"), "{err}");
    }

    #[test]
    fn the_command_line_base_url_is_checked_too() {
        let dir = tempfile::tempdir().unwrap();
        let overrides = Overrides {
            base_url: Some("example.org".into()),
            output: None,
        };
        let err = Plan::parse(
            "",
            "site.toml",
            dir.path().into(),
            Purpose::Extract,
            &overrides,
        )
        .unwrap_err();
        assert_eq!(err.file, "--base-url");
    }
}
