//! Topic, author and source pages: stories grouped under a name, each group at its own folder.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::slug::slugify;
use crate::urls::{GroupKind, Urls};

/// A name stories are filed under, with the stories (indices into `Site::stories`, newest first).
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub name: String,
    pub slug: String,
    /// The group's folder relative to the site root (`topics/china/`).
    pub dir: String,
    pub link: String,
    pub count: usize,
    #[serde(skip)]
    pub stories: Vec<usize>,
}

/// A name and the link to its page, as stories carry them.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct NamedLink {
    pub name: String,
    pub link: String,
}

/// Groups stories by the names `names_of` gives each, each group at its folder under `kind`'s.
/// Names that make the same slug ("U.S." and "US") are one group, named as first seen.
/// Returns the groups sorted by name, and for every story the groups it belongs to.
pub fn group_by<'a>(
    count: usize,
    kind: GroupKind,
    urls: &Urls,
    names_of: impl Fn(usize) -> Vec<&'a str>,
) -> (Vec<Group>, Vec<Vec<usize>>) {
    let mut by_slug: BTreeMap<String, Group> = BTreeMap::new();
    let mut memberships: Vec<Vec<String>> = vec![Vec::new(); count];
    for (i, member) in memberships.iter_mut().enumerate() {
        for name in names_of(i) {
            let slug = slugify(name);
            if slug.is_empty() || member.contains(&slug) {
                continue;
            }
            let group = by_slug.entry(slug.clone()).or_insert_with(|| {
                let dir = kind.group_dir(&slug);
                Group {
                    name: name.to_string(),
                    slug: slug.clone(),
                    link: urls.link(&dir),
                    dir,
                    count: 0,
                    stories: Vec::new(),
                }
            });
            group.stories.push(i);
            group.count += 1;
            member.push(slug);
        }
    }
    let mut groups: Vec<Group> = by_slug.into_values().collect();
    groups.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.slug.cmp(&b.slug))
    });
    let index: BTreeMap<&str, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.slug.as_str(), i))
        .collect();
    let per_story = memberships
        .iter()
        .map(|slugs| {
            slugs
                .iter()
                .filter_map(|s| index.get(s.as_str()).copied())
                .collect()
        })
        .collect();
    (groups, per_story)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_merge_names_with_one_slug() {
        let names = [vec!["China", "U.S."], vec!["US", "Taiwan"], vec!["china"]];
        let urls = Urls::new("https://example.org/".into(), false);
        let (groups, per_story) = group_by(3, GroupKind::Topic, &urls, |i| names[i].clone());
        let listed: Vec<(&str, usize)> =
            groups.iter().map(|g| (g.name.as_str(), g.count)).collect();
        assert_eq!(listed, [("China", 2), ("Taiwan", 1), ("U.S.", 2)]);
        assert_eq!(groups[0].link, "topics/china/index.html");
        assert_eq!(groups[2].stories, [0, 1]);
        assert_eq!(per_story[1], [2, 1]);
    }
}
