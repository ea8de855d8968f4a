//! Helpers for unit tests.

/// `count` strings of up to `max_parts` pieces each, drawn from `parts` by a fixed xorshift
/// sequence: the same strings on every run, so a failure can be reproduced.
pub fn strings_of(parts: &[&str], count: usize, max_parts: usize) -> Vec<String> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state as usize
    };
    (0..count)
        .map(|_| {
            let len = next() % (max_parts + 1);
            (0..len).map(|_| parts[next() % parts.len()]).collect()
        })
        .collect()
}
