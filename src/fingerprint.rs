//! Fingerprints of inputs, so that a rebuild can tell which files, bodies and pages changed and
//! reuse the rest. XXH3 (64-bit): fast on the megabytes a large guide holds, and stable.

use xxhash_rust::xxh3::Xxh3;

/// Combines texts into one 64-bit fingerprint.
#[derive(Default, Clone)]
pub struct Fingerprint(Xxh3);

impl Fingerprint {
    /// Starts from an earlier fingerprint, to extend it.
    pub fn seeded(seed: u64) -> Self {
        Fingerprint(Xxh3::with_seed(seed))
    }

    /// Adds a text; texts are separated, so ("ab", "c") and ("a", "bc") differ.
    pub fn add(&mut self, text: &str) -> &mut Self {
        self.0.update(text.as_bytes());
        self.0.update(&(text.len() as u64).to_le_bytes());
        self
    }

    /// Adds a number.
    pub fn add_number(&mut self, number: u64) -> &mut Self {
        self.0.update(&number.to_le_bytes());
        self
    }

    pub fn finish(&self) -> u64 {
        self.0.digest()
    }
}

/// The fingerprint of one text.
pub fn text_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separated_texts_differ() {
        let ab_c = Fingerprint::default().add("ab").add("c").finish();
        let a_bc = Fingerprint::default().add("a").add("bc").finish();
        assert_ne!(ab_c, a_bc);
        assert_eq!(text_hash("x"), text_hash("x"));
        assert_ne!(text_hash("x"), text_hash("y"));
    }
}
