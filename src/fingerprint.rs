//! Fingerprints of inputs, so that a rebuild can tell which files, bodies and pages changed and
//! reuse the rest. XXH3 (64-bit): fast on the megabytes a large guide holds, and stable.
//!
//! [`FingerprintCache`] is the one cache of the pipeline: parsed lessons, rendered bodies,
//! pages and the compiled theme are each kept in one, by key, beside the fingerprint of the
//! inputs they were made from.

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

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

    /// Adds bytes (a font, an image), whatever they hold.
    pub fn add_bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(bytes);
        self.0.update(&(bytes.len() as u64).to_le_bytes());
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

/// What one build made, by key, kept for the next so that it is made again only when the
/// fingerprint of its inputs changes. A disabled cache (the default, for one-off builds) keeps
/// nothing, and callers skip computing fingerprints ([`FingerprintCache::is_enabled`]).
#[derive(Debug, Clone)]
pub struct FingerprintCache<K, V> {
    entries: HashMap<K, (u64, V)>,
    enabled: bool,
}

impl<K, V> Default for FingerprintCache<K, V> {
    fn default() -> Self {
        FingerprintCache {
            entries: HashMap::new(),
            enabled: false,
        }
    }
}

impl<K: Hash + Eq, V> FingerprintCache<K, V> {
    /// A cache that keeps what a build makes for the next one.
    pub fn enabled() -> Self {
        FingerprintCache {
            entries: HashMap::new(),
            enabled: true,
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// What was kept for `key`, if it was made from inputs with this fingerprint.
    pub fn get(&self, key: &K, fingerprint: u64) -> Option<&V> {
        match self.entries.get(key) {
            Some((kept, value)) if self.enabled && *kept == fingerprint => Some(value),
            _ => None,
        }
    }

    /// Takes out what was kept for `key`, if it was made from inputs with this fingerprint.
    pub fn take(&mut self, key: &K, fingerprint: u64) -> Option<V> {
        match self.entries.remove(key) {
            Some((kept, value)) if kept == fingerprint => Some(value),
            _ => None,
        }
    }

    /// Keeps `value` for `key` (nothing, when the cache is disabled).
    pub fn insert(&mut self, key: K, fingerprint: u64, value: V) {
        if self.enabled {
            self.entries.insert(key, (fingerprint, value));
        }
    }

    /// Keeps exactly `entries` for the next build: what this build did not make is forgotten.
    pub fn refill(&mut self, entries: impl IntoIterator<Item = (K, u64, V)>) {
        if self.enabled {
            self.entries = entries
                .into_iter()
                .map(|(key, fingerprint, value)| (key, (fingerprint, value)))
                .collect();
        }
    }

    /// [`FingerprintCache::refill`] in place, for keys the caller borrows: an entry kept under
    /// the same key is overwritten (its key is not made again), a new key is copied in, and
    /// keys this build did not name go.
    pub fn refill_in_place<'q, Q>(&mut self, entries: impl IntoIterator<Item = (&'q Q, u64, V)>)
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized + 'q,
    {
        if !self.enabled {
            return;
        }
        let mut named: Vec<&Q> = Vec::new();
        for (key, fingerprint, value) in entries {
            match self.entries.get_mut(key) {
                Some(entry) => *entry = (fingerprint, value),
                None => {
                    self.entries.insert(key.to_owned(), (fingerprint, value));
                }
            }
            named.push(key);
        }
        if self.entries.len() > named.len() {
            let named: HashSet<&Q> = named.into_iter().collect();
            self.entries.retain(|key, _| named.contains(key.borrow()));
        }
    }

    /// Forgets everything kept.
    pub fn clear(&mut self) {
        self.entries.clear();
    }
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

    #[test]
    fn a_refill_in_place_keeps_what_this_build_named_and_forgets_the_rest() {
        let mut cache: FingerprintCache<String, &str> = FingerprintCache::enabled();
        cache.refill_in_place([("a", 1, "a1"), ("b", 1, "b1")]);
        cache.refill_in_place([("a", 2, "a2"), ("c", 1, "c1")]);
        assert_eq!(cache.get(&"a".to_string(), 2), Some(&"a2"));
        assert_eq!(cache.get(&"a".to_string(), 1), None);
        assert_eq!(
            cache.get(&"b".to_string(), 1),
            None,
            "b was not named: forgotten"
        );
        assert_eq!(cache.get(&"c".to_string(), 1), Some(&"c1"));
        assert_eq!(cache.entries.len(), 2);
        let mut off: FingerprintCache<String, &str> = FingerprintCache::default();
        off.refill_in_place([("a", 1, "a1")]);
        assert!(off.entries.is_empty());
    }

    #[test]
    fn a_cache_returns_only_what_was_made_from_the_same_inputs() {
        let mut cache = FingerprintCache::enabled();
        cache.insert("page", 1, "old");
        assert_eq!(cache.get(&"page", 1), Some(&"old"));
        assert_eq!(cache.get(&"page", 2), None);
        cache.refill([("other", 3, "new")]);
        assert_eq!(cache.get(&"page", 1), None, "refill forgets the rest");
        assert_eq!(cache.take(&"other", 3), Some("new"));
        assert_eq!(cache.get(&"other", 3), None, "taken out");
    }

    #[test]
    fn a_disabled_cache_keeps_nothing() {
        let mut cache = FingerprintCache::default();
        cache.insert("page", 1, "old");
        cache.refill([("page", 1, "old")]);
        assert!(!cache.is_enabled());
        assert_eq!(cache.get(&"page", 1), None);
    }
}
