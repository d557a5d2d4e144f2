//! [`LangMap`]: an entry's forms by language tag, as a sorted vector.
//!
//! An entry has forms in one language or a few. A `BTreeMap` allocates a node for eleven
//! (about 1.6 KB for `Forms`) whatever the count; at 100,000 entries that was most of the
//! glossary's memory. A sorted vector holds exactly what is there and reads the same way.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// A map from language tag to `V`, sorted by tag, for a handful of keys.
#[derive(Debug, Clone, PartialEq)]
pub struct LangMap<V>(Vec<(String, V)>);

impl<V> Default for LangMap<V> {
    fn default() -> Self {
        LangMap(Vec::new())
    }
}

impl<V> LangMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    fn position(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.position(key).ok().map(|i| &self.0[i].1)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.position(key).ok().map(|i| &mut self.0[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_ok()
    }

    /// Sets `key` to `value`, returning the value it replaces.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.position(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                // One more, not the four a growing vector starts with: most entries have
                // forms in one language.
                self.0.reserve_exact(1);
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        self.position(key).ok().map(|i| self.0.remove(i).1)
    }

    /// The value of `key`, inserted as `V::default()` if missing.
    pub fn get_or_default(&mut self, key: &str) -> &mut V
    where
        V: Default,
    {
        let i = match self.position(key) {
            Ok(i) => i,
            Err(i) => {
                self.0.reserve_exact(1);
                self.0.insert(i, (key.to_string(), V::default()));
                i
            }
        };
        &mut self.0[i].1
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keys and values, by key.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&String, &V)> + ExactSizeIterator {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&String, &mut V)> {
        self.0.iter_mut().map(|(k, v)| (&*k, v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.0.iter_mut().map(|(_, v)| v)
    }

    /// Keeps the pairs for which `keep` holds.
    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut V) -> bool) {
        self.0.retain_mut(|(k, v)| keep(k, v));
    }
}

impl<V> std::ops::Index<&str> for LangMap<V> {
    type Output = V;

    /// The value of `key`; panics when there is none, like a map's index.
    fn index(&self, key: &str) -> &V {
        self.get(key).expect("no value for this language")
    }
}

impl<V> FromIterator<(String, V)> for LangMap<V> {
    /// Later values win over earlier ones with the same key, as in a map.
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut map = LangMap::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

impl<V> IntoIterator for LangMap<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, V> IntoIterator for &'a LangMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, V)>,
        fn(&'a (String, V)) -> (&'a String, &'a V),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<V: Serialize> Serialize for LangMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for LangMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, V>::deserialize(deserializer)?;
        Ok(LangMap(map.into_iter().collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_keys_sorted_and_replaces_values() {
        let mut map = LangMap::new();
        assert_eq!(map.insert("fr".into(), 1), None);
        assert_eq!(map.insert("ar".into(), 2), None);
        assert_eq!(map.insert("fr".into(), 3), Some(1));
        *map.get_or_default("de") += 4;
        assert_eq!(map.keys().collect::<Vec<_>>(), ["ar", "de", "fr"]);
        assert_eq!(map.get("fr"), Some(&3));
        assert_eq!(map.remove("ar"), Some(2));
        assert!(!map.contains_key("ar"));
        let json = serde_json::to_string(&map).unwrap();
        assert_eq!(json, r#"{"de":4,"fr":3}"#);
        let back: LangMap<i32> = serde_json::from_str(r#"{"fr":3,"de":4}"#).unwrap();
        assert_eq!(back, map);
    }
}
