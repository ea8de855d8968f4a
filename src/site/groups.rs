//! Topic, author and source pages: stories grouped under a name, each group at its own folder.

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
    // Each distinct name is slugged once (an archive names the same topics and authors over
    // and over), and stories are filed under the groups' places in `found`, in order of first
    // sight, until the groups are sorted.
    let mut group_of_name: foldhash::HashMap<&'a str, Option<usize>> = Default::default();
    let mut group_of_slug: foldhash::HashMap<String, usize> = Default::default();
    let mut found: Vec<Group> = Vec::new();
    let mut memberships: Vec<Vec<usize>> = Vec::with_capacity(count);
    for i in 0..count {
        let mut member = Vec::new();
        for name in names_of(i) {
            let group = *group_of_name.entry(name).or_insert_with(|| {
                let slug = slugify(name);
                if slug.is_empty() {
                    return None;
                }
                Some(*group_of_slug.entry(slug).or_insert_with_key(|slug| {
                    let dir = kind.group_dir(slug);
                    found.push(Group {
                        name: name.to_string(),
                        slug: slug.clone(),
                        link: urls.link(&dir),
                        dir,
                        count: 0,
                        stories: Vec::new(),
                    });
                    found.len() - 1
                }))
            });
            let Some(group) = group else { continue };
            if member.contains(&group) {
                continue;
            }
            found[group].stories.push(i);
            found[group].count += 1;
            member.push(group);
        }
        memberships.push(member);
    }
    // By name regardless of case, then by slug, which no two groups share: one order, however
    // the groups were found.
    let mut sorted: Vec<(usize, Group)> = found.into_iter().enumerate().collect();
    sorted.sort_by_cached_key(|(_, g)| (g.name.to_lowercase(), g.slug.clone()));
    let mut place = vec![0; sorted.len()];
    for (at, (first_seen, _)) in sorted.iter().enumerate() {
        place[*first_seen] = at;
    }
    let groups = sorted.into_iter().map(|(_, g)| g).collect();
    let per_story = memberships
        .into_iter()
        .map(|groups| groups.into_iter().map(|g| place[g]).collect())
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
