//! Permalinks: `/{year}/{month}/{day}/{slug}/` by default. Parts whose date is unknown are left
//! out, and every part is made safe, so no article can be written outside the output folder.

use crate::model::PartialDate;
use crate::slug::slugify;

use crate::urls::RESERVED_DIRS;

/// The folder (relative, ending in `/`) an article with `date` and `slug` goes to.
pub fn article_dir(pattern: &str, date: Option<&PartialDate>, slug: &str) -> String {
    let year = date.map(|d| format!("{:04}", d.year()));
    let month = date.and_then(PartialDate::month).map(|m| format!("{m:02}"));
    let day = date.and_then(PartialDate::day).map(|d| format!("{d:02}"));
    let mut parts: Vec<String> = Vec::new();
    for segment in pattern.split('/').filter(|s| !s.is_empty()) {
        let mut value = segment.to_string();
        let mut known = true;
        for (placeholder, replacement) in [
            ("{year}", &year),
            ("{month}", &month),
            ("{day}", &day),
            ("{slug}", &Some(slug.to_string())),
        ] {
            if value.contains(placeholder) {
                match replacement {
                    Some(r) => value = value.replace(placeholder, r),
                    None => known = false,
                }
            }
        }
        if !known {
            continue;
        }
        // Whatever the pattern or slug holds, a part is a plain name: never `..`, never a
        // separator, never empty.
        let safe = slugify(&value);
        if !safe.is_empty() {
            parts.push(safe);
        }
    }
    if parts.is_empty() {
        parts.push("article".into());
    }
    let mut dir = parts.join("/");
    dir.push('/');
    dir
}

/// Hands out folders so that no two articles share one: a later claimant of a taken folder gets
/// `-2`, `-3`… on its last part. Claims are made in a stable order, so the suffixes are stable.
/// Both maps hash with foldhash: every story of the archive claims a folder on every build.
#[derive(Debug, Default)]
pub struct DirClaims {
    taken: foldhash::HashSet<String>,
    /// The next suffix to try for each folder, so 10,000 stories with one headline take linear
    /// time, not quadratic.
    next_suffix: foldhash::HashMap<String, usize>,
}

impl DirClaims {
    pub fn new() -> Self {
        let mut taken = foldhash::HashSet::default();
        for reserved in RESERVED_DIRS {
            taken.insert(format!("{reserved}/"));
        }
        DirClaims {
            taken,
            next_suffix: Default::default(),
        }
    }

    /// Keeps `dir` for the site's own pages.
    pub fn reserve(&mut self, dir: &str) {
        self.taken.insert(dir.to_string());
    }

    /// Claims `dir`, or the first free suffixed form of it.
    pub fn claim(&mut self, dir: &str) -> String {
        if self.taken.insert(dir.to_string()) {
            return dir.to_string();
        }
        let stem = dir.trim_end_matches('/');
        let next = self.next_suffix.entry(dir.to_string()).or_insert(2);
        loop {
            let candidate = format!("{stem}-{next}/");
            *next += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const PATTERN: &str = "/{year}/{month}/{day}/{slug}/";

    #[test]
    fn dated_and_undated() {
        let day = PartialDate::Day(NaiveDate::from_ymd_opt(2023, 6, 16).unwrap());
        assert_eq!(
            article_dir(PATTERN, Some(&day), "talks"),
            "2023/06/16/talks/"
        );
        assert_eq!(
            article_dir(PATTERN, Some(&PartialDate::Year(2023)), "talks"),
            "2023/talks/"
        );
        assert_eq!(article_dir(PATTERN, None, "talks"), "talks/");
    }

    #[test]
    fn cannot_escape() {
        assert_eq!(article_dir("/../{slug}/", None, "../../etc"), "etc/");
        assert_eq!(article_dir("/{slug}/", None, ""), "article/");
        assert_eq!(article_dir("C:\\{slug}", None, "x"), "c-x/");
    }

    #[test]
    fn collisions_get_suffixes_and_reserved_names_are_taken() {
        let mut claims = DirClaims::new();
        assert_eq!(claims.claim("a/"), "a/");
        assert_eq!(claims.claim("a/"), "a-2/");
        assert_eq!(claims.claim("a/"), "a-3/");
        assert_eq!(claims.claim("static/"), "static-2/");
    }
}
