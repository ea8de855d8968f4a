//! Every internal link and `#fragment` of a built site: a link whose file is missing, whose
//! fragment names no anchor of its page, or that leaves the site's base path.

use std::collections::BTreeMap;

use super::site_files::{Resolved, SiteFiles};
use crate::diagnostics::Diagnostic;

/// A fragment every browser honours without an anchor of that name (HTML's "top of the
/// document"), and the empty one.
fn always_found(fragment: &str) -> bool {
    fragment.is_empty() || fragment.eq_ignore_ascii_case("top")
}

/// What is wrong with `url` found in `from`, if anything.
pub fn problem(files: &SiteFiles, from: &str, url: &str) -> Option<String> {
    match files.resolve(from, url) {
        Resolved::External => None,
        Resolved::Malformed(e) => Some(format!("link {url:?} is not a URL: {e}")),
        Resolved::OutsideSite(path) => Some(format!(
            "link {url:?} leads to {path}, outside the site's base path {}",
            files.base().path()
        )),
        Resolved::Internal { path, fragment } => {
            let Some(file) = files.served_file(&path) else {
                return Some(format!("link {url:?}: no file {path} in the site"));
            };
            let fragment = fragment.filter(|f| !always_found(f))?;
            let page = files.pages.get(&file)?;
            (!page.anchors.contains(&fragment))
                .then(|| format!("link {url:?}: {file} has no anchor #{fragment}"))
        }
    }
}

/// The broken links of every page, and how many links were followed. A template's broken link
/// is on every page it renders: each problem is reported once, at the first page (in path
/// order) that has it, with how many others do.
pub fn findings(files: &SiteFiles) -> (Vec<Diagnostic>, usize) {
    let mut pages: Vec<&String> = files.pages.keys().collect();
    pages.sort_unstable();
    let mut followed = 0;
    // The problem → where it was first seen, and on how many pages.
    let mut seen: BTreeMap<String, (String, usize, usize)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for page in pages {
        let mut on_this_page = std::collections::HashSet::new();
        for reference in &files.pages[page].references {
            followed += 1;
            let Some(message) = problem(files, page, &reference.url) else {
                continue;
            };
            if !on_this_page.insert(message.clone()) {
                continue;
            }
            match seen.get_mut(&message) {
                Some((_, _, count)) => *count += 1,
                None => {
                    order.push(message.clone());
                    seen.insert(message, (page.clone(), reference.line, 1));
                }
            }
        }
    }
    let found = order
        .into_iter()
        .map(|message| {
            let (page, line, count) = seen.remove(&message).expect("recorded above");
            let message = match count {
                1 => message,
                2 => format!("{message} (and on 1 other page)"),
                n => format!("{message} (and on {} other pages)", n - 1),
            };
            Diagnostic {
                line: Some(line),
                ..Diagnostic::error(files.shown(&page), message)
            }
        })
        .collect();
    (found, followed)
}
