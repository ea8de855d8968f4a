//! Related stories from an inverted index: for each topic and author the stories filed under it,
//! and for each story only a bounded window of each list is scored, so the work per story does
//! not grow with the archive (no comparison of every pair of stories).

use std::collections::HashMap;

use rayon::prelude::*;

/// How many stories on each side of a story, in each of its lists, are considered.
const WINDOW: usize = 50;

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
            let mut scores: HashMap<usize, f64> = HashMap::new();
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
                for &j in &list[from..to] {
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
            // Collected from a borrowed iterator on purpose: collecting `into_iter()` would
            // reuse `ranked`'s buffer (hundreds of candidates) for the five kept, and at
            // 100,000 stories those buffers held 600 MB.
            ranked.iter().take(want).map(|&(j, _)| j).collect()
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
