//! A request's target as a path inside the served folder. Pure: the file system is asked only
//! afterwards (`files.rs`), with a path made here of plain names alone.

use std::path::{Component, Path, PathBuf};

/// Where a request's target leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A path inside the site, relative to its folder; `folder` when it ended in `/`.
    Inside { path: PathBuf, folder: bool },
    /// The base path without its trailing slash, or `/` for a site under a sub-path: the
    /// location to send the browser to.
    Redirect(String),
    /// Not under the site's base path: nothing there.
    Outside,
}

/// Why a target is refused with 400.
#[derive(Debug, PartialEq, Eq)]
pub struct Refused(pub &'static str);

/// Reads `target` (a request line's, as sent) for a site served under `base_path` (`/` or
/// `/news/`). `..` and `.` segments, backslashes and NUL, raw or percent-encoded, and anything
/// but an absolute path are refused rather than resolved, so no spelling can climb out.
pub fn resolve(target: &str, base_path: &str) -> Result<Target, Refused> {
    if !target.starts_with('/') {
        return Err(Refused("the request target must be a path starting with /"));
    }
    let (raw, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(raw).collect();
    if bytes.contains(&0) {
        return Err(Refused("the path holds a NUL byte"));
    }
    if bytes.contains(&b'\\') {
        return Err(Refused("the path holds a backslash"));
    }
    let path = String::from_utf8(bytes).map_err(|_| Refused("the path is not UTF-8"))?;
    if path.split('/').any(|s| s == ".." || s == ".") {
        return Err(Refused("the path holds a . or .. segment"));
    }
    let with_query = |location: String| match query {
        Some(q) => format!("{location}?{q}"),
        None => location,
    };
    let Some(rest) = path.strip_prefix(base_path) else {
        if format!("{path}/") == base_path {
            return Ok(Target::Redirect(with_query(base_path.to_string())));
        }
        if path == "/" {
            return Ok(Target::Redirect(base_path.to_string()));
        }
        return Ok(Target::Outside);
    };
    let mut inside = PathBuf::new();
    for segment in rest.split('/').filter(|s| !s.is_empty()) {
        // One plain name each: on Windows `C:` would be a prefix and restart the path.
        let mut parts = Path::new(segment).components();
        match (parts.next(), parts.next()) {
            (Some(Component::Normal(name)), None) if name == segment => inside.push(name),
            _ => return Err(Refused("the path holds a segment that is not a plain name")),
        }
    }
    Ok(Target::Inside {
        path: inside,
        folder: rest.is_empty() || rest.ends_with('/'),
    })
}

/// The path of a base URL (`https://example.org/news/` → `/news/`); the URL is validated and
/// ends in `/`.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(at) => after_scheme[at..].to_string(),
        None => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside(path: &str, folder: bool) -> Result<Target, Refused> {
        Ok(Target::Inside {
            path: PathBuf::from(path),
            folder,
        })
    }

    #[test]
    fn paths_under_the_base_are_inside() {
        assert_eq!(resolve("/", "/"), inside("", true));
        assert_eq!(resolve("/a/b.css?v=1", "/"), inside("a/b.css", false));
        assert_eq!(resolve("/news/", "/news/"), inside("", true));
        assert_eq!(resolve("/news/topics/", "/news/"), inside("topics", true));
        assert_eq!(resolve("/news/caf%C3%A9/", "/news/"), inside("café", true));
        assert_eq!(resolve("//etc/passwd", "/"), inside("etc/passwd", false));
    }

    #[test]
    fn the_base_without_its_slash_and_the_root_redirect() {
        assert_eq!(
            resolve("/news?q=1", "/news/"),
            Ok(Target::Redirect("/news/?q=1".into()))
        );
        assert_eq!(
            resolve("/", "/news/"),
            Ok(Target::Redirect("/news/".into()))
        );
        assert_eq!(resolve("/other/", "/news/"), Ok(Target::Outside));
        assert_eq!(resolve("/newsroom/", "/news/"), Ok(Target::Outside));
    }

    #[test]
    fn every_spelling_of_climbing_out_is_refused() {
        for target in [
            "/../secret.txt",
            "/news/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/.%2e/secret.txt",
            "/..%2fsecret.txt",
            "/%2e%2e%2f%2e%2e%2fsecret.txt",
            "/..\\secret.txt",
            "/%5c..%5csecret.txt",
            "/a/./b",
            "/secret.txt%00.html",
            "/%ff",
            "secret.txt",
            "http://127.0.0.1/../secret.txt",
            "*",
        ] {
            assert!(resolve(target, "/").is_err(), "{target}");
            assert!(resolve(target, "/news/").is_err(), "{target}");
        }
    }

    #[test]
    fn the_base_path_of_a_url() {
        assert_eq!(base_path("https://example.org/"), "/");
        assert_eq!(base_path("https://example.org/news/"), "/news/");
        assert_eq!(base_path("http://127.0.0.1:1111/a/b/"), "/a/b/");
    }
}
