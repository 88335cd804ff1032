//! A tiny seeded PRNG (SplitMix64 seeding xoshiro256**), written out here so that a
//! Monte Carlo run is reproducible forever: no crate upgrade can change the stream.
//!
//! Each run index gets its own generator derived from `(seed, run)`, so results do
//! not depend on which thread runs which index.

/// SplitMix64's output function: a bijective mixer of 64 bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// xoshiro256** (Blackman & Vigna), seeded by SplitMix64.
#[derive(Debug, Clone)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// The generator for run `run` of a study seeded with `seed`.
    pub fn for_run(seed: u64, run: u64) -> Rng {
        let mut x = mix(seed ^ mix(run.wrapping_add(GOLDEN)));
        let mut s = [0u64; 4];
        for slot in &mut s {
            x = x.wrapping_add(GOLDEN);
            *slot = mix(x);
        }
        if s == [0; 4] {
            s[0] = GOLDEN; // the one state xoshiro cannot leave
        }
        Rng { s }
    }

    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in [0, 1), 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in [lo, hi).
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next_f64()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_and_run_give_the_same_stream() {
        let a: Vec<u64> = {
            let mut r = Rng::for_run(1, 7);
            (0..5).map(|_| r.next_u64()).collect()
        };
        let mut r = Rng::for_run(1, 7);
        let b: Vec<u64> = (0..5).map(|_| r.next_u64()).collect();
        assert_eq!(a, b);
        let mut other = Rng::for_run(1, 8);
        assert_ne!(a[0], other.next_u64(), "neighbouring runs differ");
        let mut other = Rng::for_run(2, 7);
        assert_ne!(a[0], other.next_u64(), "neighbouring seeds differ");
    }

    #[test]
    fn uniform_stays_in_range_and_looks_uniform() {
        let mut r = Rng::for_run(42, 0);
        let n = 100_000;
        let mut sum = 0.0;
        let mut buckets = [0usize; 10];
        for _ in 0..n {
            let x = r.uniform(0.9, 1.1);
            assert!((0.9..1.1).contains(&x));
            sum += x;
            buckets[((x - 0.9) / 0.02) as usize] += 1;
        }
        // Mean of U(0.9, 1.1) is 1; its standard error here is 0.2/sqrt(12 n) ≈ 1.8e-4.
        assert!((sum / n as f64 - 1.0).abs() < 1e-3);
        // Each tenth should hold about n/10 = 10,000 (sd ≈ 95).
        for b in buckets {
            assert!((9_500..10_500).contains(&b), "{buckets:?}");
        }
    }
}
