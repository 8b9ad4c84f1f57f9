//! Fingerprints of inputs (FNV-1a, stable across runs and platforms), so that a rebuild can tell
//! which files, bodies and pages changed and reuse the rest.

use std::hash::Hasher;

use fnv::FnvHasher;

/// Combines texts into one 64-bit fingerprint.
#[derive(Default)]
pub struct Fingerprint(FnvHasher);

impl Fingerprint {
    /// Starts from an earlier fingerprint, to extend it.
    pub fn seeded(seed: u64) -> Self {
        Fingerprint(FnvHasher::with_key(seed))
    }

    /// Adds a text; texts are separated, so ("ab", "c") and ("a", "bc") differ.
    pub fn add(&mut self, text: &str) -> &mut Self {
        self.0.write(text.as_bytes());
        self.0.write_u8(0xff);
        self
    }

    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}

/// The fingerprint of one text.
pub fn text_hash(text: &str) -> u64 {
    Fingerprint::default().add(text).finish()
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
    }
}
