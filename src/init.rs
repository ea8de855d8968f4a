//! `broadsheet init [DIR]`: a new site that builds at once: a `site.toml` with every key
//! explained, two short example stories in `seeds/` (wire copy as pasted, and Markdown), and a
//! `.gitignore` for the output. It never writes over a file that is already there.

use std::path::{Path, PathBuf};

/// The files of a new site, relative to its folder.
const FILES: &[(&str, &str)] = &[
    ("site.toml", SITE_TOML),
    ("seeds/harbour-board-ferry-pier.txt", WIRE_STORY),
    ("seeds/2024-05-02-library-sunday-hours.md", MARKDOWN_STORY),
    (
        ".gitignore",
        "/public/\n/.public.*\n# Lead images as processed, kept between builds.\n/.broadsheet-cache/\n",
    ),
];

const SITE_TOML: &str = r#"# broadsheet site settings. Every key is optional; the values shown are the defaults.

# The publication's name, in the masthead and page titles.
title = "My News Site"
# A line under the masthead, and the front page's description.
# description = ""
# Where the site is published; canonical URLs, feeds and sitemaps use it.
# base_url = "http://localhost:8000/"
# The site's language (BCP 47) and the time zone for dates without one.
# language = "en"
# timezone = "UTC"

# Folders, relative to this file.
# seeds = "seeds"
# templates = "templates"
# static = "static"
# output = "public"
# Folders outside this one that seeds, templates and static files may be read from.
# allow_paths = []

# Stories per front and listing page, and where articles go.
# articles_per_page = 20
# permalink = "/{year}/{month}/{day}/{slug}/"
# Link to folders (…/slug/) rather than files (…/slug/index.html).
# pretty_urls = false

# Offline search: the search page and its index, built into search/.
# search = true

# The organisation named in structured data, and its logo (a path in the built site).
# publisher = ""
# logo = "static/logo.png"

# Feeds: items in each, and whether they carry whole stories or summaries.
# feed_items = 20
# feed_full_text = true
# term_feed_full_text = false

# What the URL of a story past its `expires` time serves: nothing ("remove"), or a short
# "no longer available" page ("notice"). A story's own `expired` key wins.
# expired = "remove"
"#;

const WIRE_STORY: &str =
    "Harbour board approves second ferry pier\n\nBy Jane Doe\n\nJune 16, 2023\n\n\
PORTLAND, Maine (AP) — The harbour board voted 5-2 on Thursday to build a second ferry pier, \
ending a two-year argument over where the island boats should dock.\n\n\
The pier will cost about $4 million, most of it from a state grant, and should open in 2025.\n\n\
“This is the busiest the waterfront has been in forty years,” board chair Ann Lee said.\n";

const MARKDOWN_STORY: &str = "+++\ntitle = \"Library opens on Sundays from July\"\n\
authors = [\"John Roe\"]\ntopics = [\"Library\"]\n+++\n\n\
The city library will open on Sundays from July, the council said on Thursday, after a \
petition signed by *more than 3,000* residents.\n\n\
## What changes\n\nThe main branch will open from noon to five. Branch libraries keep their hours.\n";

/// Why a site could not be made.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{0}: the folder is not empty; run with --force to add the files it lacks (none is written over)")]
    NotEmpty(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// What `init` did: the files written and those left as they were.
#[derive(Debug, Default)]
pub struct Made {
    pub written: Vec<PathBuf>,
    pub kept: Vec<PathBuf>,
}

/// Makes a new site in `dir`, which must be empty or missing unless `force`.
pub fn init(dir: &Path, force: bool) -> Result<Made, InitError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| InitError::Io { path, source }
    };
    if dir.exists() && !force {
        let mut entries = std::fs::read_dir(dir).map_err(io(dir))?;
        if entries.next().is_some() {
            return Err(InitError::NotEmpty(dir.display().to_string()));
        }
    }
    let mut made = Made::default();
    for (name, text) in FILES {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        // `create_new` refuses a file that exists, so nothing is ever written over, even one
        // made between a check and the write.
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                std::io::Write::write_all(&mut file, text.as_bytes()).map_err(io(&path))?;
                made.written.push(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => made.kept.push(path),
            Err(e) => return Err(io(&path)(e)),
        }
    }
    Ok(made)
}
