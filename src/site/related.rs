//! Related stories from an inverted index: for each topic and author the stories filed under it,
//! and for each story only a bounded window of each list is scored, so the work per story does
//! not grow with the archive (no comparison of every pair of stories).

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::fingerprint::{Fingerprint, Hasher};

/// How many stories on each side of a story, in each of its lists, are considered.
const WINDOW: usize = 50;

/// Related stories as a build worked them out, under the fingerprint of what they were worked
/// out from ([`memberships_key`]): a later build whose stories have the same memberships in the
/// same order (an edited body or headline, a correction) takes them as they are, since scoring
/// them again is a tenth of an incremental build at 100,000 stories.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Memo {
    pub key: Fingerprint,
    pub related: Vec<Vec<usize>>,
}

/// The fingerprint of everything [`related`] and the nearest-in-time fill-in read: how many
/// stories there are and, for each in order, its groups with their weights. The lists are the
/// memberships inverted, so they need no fingerprint of their own.
pub fn memberships_key(memberships: &[Vec<(usize, f64)>]) -> Fingerprint {
    let mut h = Hasher::new();
    h.number(memberships.len() as u64);
    for groups in memberships {
        h.number(groups.len() as u64);
        for &(g, weight) in groups {
            h.number(g as u64).number(weight.to_bits());
        }
    }
    h.finish()
}

/// For every story, at most `most` related stories, best first; when fewer than `least` share
/// a group, the stories nearest in time fill in. Taken from `memo` when it was worked out from
/// the same memberships; the result comes with its own memo for the next build.
pub fn related_stories(
    memberships: &[Vec<(usize, f64)>],
    lists: &[Vec<usize>],
    most: usize,
    least: usize,
    memo: Option<Memo>,
) -> Memo {
    let key = memberships_key(memberships);
    if let Some(memo) = memo.filter(|m| m.key == key) {
        return memo;
    }
    let n = memberships.len();
    let mut related = related(memberships, lists, most);
    for (i, list) in related.iter_mut().enumerate() {
        // Too few share anything: the stories nearest in time fill in.
        let mut offset = 1;
        while list.len() < least && offset < n {
            for j in [i.checked_sub(offset), Some(i + offset)]
                .into_iter()
                .flatten()
            {
                if j < n && j != i && !list.contains(&j) && list.len() < least {
                    list.push(j);
                }
            }
            offset += 1;
        }
    }
    Memo { key, related }
}

/// For every story (`memberships[i]`: the groups it belongs to, with a weight per group kind),
/// the `want` most related other stories, best first. Stories are indices in newest-first order;
/// `lists[g]` holds the stories of group `g` in that order.
pub fn related(
    memberships: &[Vec<(usize, f64)>],
    lists: &[Vec<usize>],
    want: usize,
) -> Vec<Vec<usize>> {
    let total = memberships.len().max(1) as f64;
    memberships
        .par_iter()
        .enumerate()
        .map(|(i, groups)| {
            // Each window's candidates with their score, then summed per candidate. Sorting
            // stably by candidate keeps each one's additions in group order, so the sums are
            // the same floats in every build.
            let mut hits: Vec<(usize, f64)> = Vec::with_capacity(groups.len() * (2 * WINDOW + 1));
            for &(g, weight) in groups {
                let list = &lists[g];
                if list.len() < 2 {
                    continue;
                }
                // Rare groups say more about a story than common ones.
                let idf = (total / list.len() as f64).ln() + 1.0;
                let at = list.binary_search(&i).unwrap_or_else(|p| p);
                let from = at.saturating_sub(WINDOW);
                let to = (at + WINDOW + 1).min(list.len());
                hits.extend(
                    list[from..to]
                        .iter()
                        .filter(|&&j| j != i)
                        .map(|&j| (j, weight * idf)),
                );
            }
            hits.sort_by_key(|&(j, _)| j);
            let mut ranked: Vec<(usize, f64)> = Vec::with_capacity(hits.len());
            for (j, score) in hits {
                match ranked.last_mut() {
                    Some((last, sum)) if *last == j => *sum += score,
                    _ => ranked.push((j, score)),
                }
            }
            // Best score first, then nearest in time, then index: a total order, so picking
            // the best few and sorting only those gives the same list as sorting them all.
            let order = |(a, sa): &(usize, f64), (b, sb): &(usize, f64)| {
                sb.total_cmp(sa)
                    .then(a.abs_diff(i).cmp(&b.abs_diff(i)))
                    .then(a.cmp(b))
            };
            if ranked.len() > want {
                ranked.select_nth_unstable_by(want, order);
                ranked.truncate(want);
            }
            ranked.sort_by(order);
            // Collected from a borrowed iterator on purpose: collecting `into_iter()` would
            // reuse `ranked`'s buffer (hundreds of candidates) for the few kept, and at
            // 100,000 stories those buffers held 600 MB.
            ranked.iter().map(|&(j, _)| j).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_rare_topics_rank_first() {
        // Stories 0..4; group 0 = everyone, group 1 = {0, 3}, group 2 = {1, 2}.
        let lists = vec![vec![0, 1, 2, 3], vec![0, 3], vec![1, 2]];
        let memberships = vec![
            vec![(0, 1.0), (1, 1.0)],
            vec![(0, 1.0), (2, 1.0)],
            vec![(0, 1.0), (2, 1.0)],
            vec![(0, 1.0), (1, 1.0)],
        ];
        let got = related(&memberships, &lists, 2);
        assert_eq!(got[0][0], 3);
        assert_eq!(got[1][0], 2);
        assert!(!got[0].contains(&0));
    }

    /// Every candidate scored in a map and all of them sorted: the plain way to the same answer.
    fn related_by_full_sort(
        memberships: &[Vec<(usize, f64)>],
        lists: &[Vec<usize>],
        want: usize,
    ) -> Vec<Vec<usize>> {
        let total = memberships.len() as f64;
        (0..memberships.len())
            .map(|i| {
                let mut scores = std::collections::HashMap::<usize, f64>::new();
                for &(g, weight) in &memberships[i] {
                    let list = &lists[g];
                    if list.len() < 2 {
                        continue;
                    }
                    let idf = (total / list.len() as f64).ln() + 1.0;
                    let at = list.binary_search(&i).unwrap_or_else(|p| p);
                    let window = at.saturating_sub(WINDOW)..(at + WINDOW + 1).min(list.len());
                    for &j in &list[window] {
                        if j != i {
                            *scores.entry(j).or_default() += weight * idf;
                        }
                    }
                }
                let mut ranked: Vec<(usize, f64)> = scores.into_iter().collect();
                ranked.sort_by(|(a, sa), (b, sb)| {
                    sb.total_cmp(sa)
                        .then(a.abs_diff(i).cmp(&b.abs_diff(i)))
                        .then(a.cmp(b))
                });
                ranked.iter().take(want).map(|&(j, _)| j).collect()
            })
            .collect()
    }

    #[test]
    fn same_ranking_as_sorting_every_candidate() {
        // 2,000 stories in 40 topics and 25 authors, drawn by a fixed pseudo-random sequence.
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            ((seed >> 33) % n) as usize
        };
        let stories = 2000;
        let mut memberships: Vec<Vec<(usize, f64)>> = (0..stories)
            .map(|_| {
                let mut groups: Vec<(usize, f64)> =
                    (0..1 + next(4)).map(|_| (next(40), 1.0)).collect();
                groups.sort_by_key(|&(g, _)| g);
                groups.dedup_by_key(|&mut (g, _)| g);
                groups.push((40 + next(25), 0.5));
                groups
            })
            .collect();
        memberships[7].clear();
        let mut lists = vec![Vec::new(); 65];
        for (i, groups) in memberships.iter().enumerate() {
            for &(g, _) in groups {
                lists[g].push(i);
            }
        }
        for want in [0, 1, 5, 12] {
            assert_eq!(
                related(&memberships, &lists, want),
                related_by_full_sort(&memberships, &lists, want),
                "want {want}"
            );
        }
    }

    #[test]
    fn a_memo_is_taken_only_for_the_same_memberships() {
        let lists = vec![vec![0, 1, 2, 3], vec![0, 3]];
        let memberships = vec![
            vec![(0, 1.0), (1, 1.0)],
            vec![(0, 1.0)],
            vec![(0, 1.0)],
            vec![(0, 1.0), (1, 1.0)],
        ];
        let fresh = related_stories(&memberships, &lists, 5, 3, None);
        assert_eq!(fresh.related[0][0], 3);
        // A memo under the same key is taken as it is (here one made up, to tell it apart).
        let planted = Memo {
            key: fresh.key,
            related: vec![vec![9]; 4],
        };
        let taken = related_stories(&memberships, &lists, 5, 3, Some(planted));
        assert_eq!(taken.related[0], vec![9]);
        // Another membership, or another weight, is another key: worked out afresh.
        let mut moved = memberships.clone();
        moved[1].push((1, 1.0));
        let mut reweighed = memberships.clone();
        reweighed[1][0].1 = 0.5;
        for changed in [moved, reweighed] {
            assert_ne!(memberships_key(&changed), fresh.key);
            let planted = Memo {
                key: fresh.key,
                related: vec![vec![9]; 4],
            };
            let again = related_stories(&changed, &lists, 5, 3, Some(planted));
            assert_ne!(again.related[0], vec![9]);
        }
    }

    #[test]
    fn kept_lists_hold_only_what_they_keep() {
        // 300 stories in one group: every story has up to 100 candidates and keeps 5. The
        // candidates' buffer must not stay behind in the result (it did, through `into_iter`).
        let lists = vec![(0..300).collect::<Vec<usize>>()];
        let memberships = vec![vec![(0, 1.0)]; 300];
        for kept in related(&memberships, &lists, 5) {
            assert_eq!(kept.len(), 5);
            assert!(kept.capacity() <= 5, "capacity {}", kept.capacity());
        }
    }
}
