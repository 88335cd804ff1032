//! How many parks crossed each park between two rankings, for every park at once in
//! O(n log n): a national roll-up has 100,000 parks, and one corrected park that
//! jumps ranks shifts every park it passes.

/// Per park rated in both rankings: parks now ahead that were not ahead before
/// (overtaken by), and parks ahead before that are not ahead now (passed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Crossed {
    pub overtaken_by: usize,
    pub passed: usize,
}

/// `ranks[i]` = (rank before, rank now) of park i, rated in both; ranks may be
/// shared. "Ahead" is a strictly smaller rank, as in the diff.
pub fn crossings(ranks: &[(u32, u32)]) -> Vec<Crossed> {
    let n = ranks.len();
    let mut before: Vec<u32> = ranks.iter().map(|r| r.0).collect();
    let mut now: Vec<u32> = ranks.iter().map(|r| r.1).collect();
    before.sort_unstable();
    now.sort_unstable();
    let ahead = |sorted: &[u32], r: u32| sorted.partition_point(|x| *x < r);

    // Parks ahead in both: insert ranks-now in order of rank-before, a group of
    // equal ranks-before at a time, counting before inserting the group.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by_key(|i| ranks[*i].0);
    let top = ranks.iter().map(|r| r.1).max().unwrap_or(0) as usize;
    let mut tree = Fenwick::new(top + 1);
    let mut both = vec![0usize; n];
    let mut g = 0;
    while g < n {
        let group_rank = ranks[order[g]].0;
        let end = g + order[g..]
            .iter()
            .take_while(|i| ranks[**i].0 == group_rank)
            .count();
        for i in &order[g..end] {
            both[*i] = tree.count_below(ranks[*i].1 as usize);
        }
        for i in &order[g..end] {
            tree.add(ranks[*i].1 as usize);
        }
        g = end;
    }
    (0..n)
        .map(|i| Crossed {
            overtaken_by: ahead(&now, ranks[i].1) - both[i],
            passed: ahead(&before, ranks[i].0) - both[i],
        })
        .collect()
}

/// Counts of inserted positions, with prefix counts in O(log n).
struct Fenwick {
    tree: Vec<usize>,
}

impl Fenwick {
    fn new(size: usize) -> Fenwick {
        Fenwick {
            tree: vec![0; size + 1],
        }
    }

    fn add(&mut self, pos: usize) {
        let mut i = pos + 1;
        while i < self.tree.len() {
            self.tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }

    /// How many inserted positions are < `pos`.
    fn count_below(&self, pos: usize) -> usize {
        let mut i = pos.min(self.tree.len() - 1);
        let mut sum = 0;
        while i > 0 {
            sum += self.tree[i];
            i -= i & i.wrapping_neg();
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, in O(n²).
    fn naive(ranks: &[(u32, u32)]) -> Vec<Crossed> {
        ranks
            .iter()
            .map(|&(a, b)| Crossed {
                overtaken_by: ranks.iter().filter(|q| q.1 < b && q.0 >= a).count(),
                passed: ranks.iter().filter(|q| q.0 < a && q.1 >= b).count(),
            })
            .collect()
    }

    #[test]
    fn one_park_jumping_ahead_is_counted_once_by_everyone_it_passed() {
        // p4 goes from 4th to 1st: p1–p3 are overtaken by it, it passed three.
        let ranks = [(1, 2), (2, 3), (3, 4), (4, 1)];
        let got = crossings(&ranks);
        assert_eq!(
            got,
            vec![
                Crossed {
                    overtaken_by: 1,
                    passed: 0
                },
                Crossed {
                    overtaken_by: 1,
                    passed: 0
                },
                Crossed {
                    overtaken_by: 1,
                    passed: 0
                },
                Crossed {
                    overtaken_by: 0,
                    passed: 3
                },
            ]
        );
    }

    #[test]
    fn agrees_with_the_definition_with_shared_ranks() {
        // A deterministic pseudo-random walk over rankings with ties.
        let mut x: u64 = 7;
        for n in [1usize, 2, 5, 17, 60] {
            for _ in 0..20 {
                let ranks: Vec<(u32, u32)> = (0..n)
                    .map(|_| {
                        x = x
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        let a = (x >> 33) as u32 % n as u32 + 1;
                        let b = (x >> 13) as u32 % n as u32 + 1;
                        (a, b)
                    })
                    .collect();
                assert_eq!(crossings(&ranks), naive(&ranks), "{ranks:?}");
            }
        }
    }
}
