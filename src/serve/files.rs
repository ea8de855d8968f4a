//! Finding a request's file in the served folder, and its content type.

use std::path::{Path, PathBuf};

/// What a path inside the site is on disk.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// A file to send (a folder's `index.html` when the request named the folder).
    File(PathBuf),
    /// A folder asked for without its trailing slash: the browser is sent to the slash, so the
    /// page's relative links resolve from the folder.
    Folder,
    Missing,
}

/// Looks `relative` (plain names only, from [`super::paths::resolve`]) up under `root`. The
/// file is opened by its real path, and only when that path is still under the real root, so
/// a symbolic link out of the folder is missing, not followed.
pub fn find(root: &Path, relative: &Path, folder: bool) -> Found {
    let Ok(real_root) = root.canonicalize() else {
        return Found::Missing;
    };
    let inside = |path: &Path| -> Option<(PathBuf, std::fs::Metadata)> {
        let real = path.canonicalize().ok()?;
        if !real.starts_with(&real_root) {
            return None;
        }
        let meta = std::fs::metadata(&real).ok()?;
        Some((real, meta))
    };
    let Some((real, meta)) = inside(&real_root.join(relative)) else {
        return Found::Missing;
    };
    if meta.is_file() {
        // `style.css/` names a folder that is not there.
        return if folder {
            Found::Missing
        } else {
            Found::File(real)
        };
    }
    if !folder {
        return Found::Folder;
    }
    match inside(&real.join("index.html")) {
        Some((index, meta)) if meta.is_file() => Found::File(index),
        _ => Found::Missing,
    }
}

/// The content type of a file, by its extension. A table rather than a crate: a site is the
/// handful of types a build writes (pages, feeds, styles, scripts, the search index)
/// and the images and fonts of `static/`; anything else is sent as bytes.
pub fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_files_and_links_out() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("topics/x")).unwrap();
        std::fs::write(site.join("topics/x/index.html"), "x").unwrap();
        std::fs::write(site.join("style.css"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let real = |p: &str| site.join(p).canonicalize().unwrap();

        assert_eq!(
            find(&site, Path::new("topics/x"), true),
            Found::File(real("topics/x/index.html"))
        );
        assert_eq!(find(&site, Path::new("topics/x"), false), Found::Folder);
        assert_eq!(find(&site, Path::new("topics"), true), Found::Missing);
        assert_eq!(
            find(&site, Path::new("style.css"), false),
            Found::File(real("style.css"))
        );
        assert_eq!(find(&site, Path::new("style.css"), true), Found::Missing);
        assert_eq!(find(&site, Path::new("nothing"), false), Found::Missing);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("leak.txt"))
                .unwrap();
            std::os::unix::fs::symlink(dir.path(), site.join("up")).unwrap();
            assert_eq!(find(&site, Path::new("leak.txt"), false), Found::Missing);
            assert_eq!(
                find(&site, Path::new("up/secret.txt"), false),
                Found::Missing
            );
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("feed.xml")),
            "application/xml; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.WASM")), "application/wasm");
        assert_eq!(
            content_type(Path::new("search/data/w/3fa9c2d1e0b4a7c6.bin")),
            "application/octet-stream"
        );
    }
}
