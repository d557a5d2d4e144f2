//! JSON: the whole model as serde writes it, so lossless, and read back with the line and
//! column of any error.
//!
//! This room adds nothing of its own: the JSON shape is the model's serde shape, so it must
//! not be changed here, and nothing is checked beyond what deserialising checks.

use super::{err, ExchangeError};
use crate::glossary::Glossary;

pub fn to_json(g: &Glossary) -> String {
    let mut s = serde_json::to_string_pretty(g).expect("glossaries serialise");
    s.push('\n');
    s
}

pub fn from_json(text: &str) -> Result<Glossary, ExchangeError> {
    serde_json::from_str(text)
        .map_err(|e| err(format!("line {}, column {}: {e}", e.line(), e.column())))
}

#[cfg(test)]
mod tests {
    use super::super::tests::sahel;
    use super::*;
    use crate::glossary::to_toml;

    #[test]
    fn json_round_trip_is_lossless() {
        let g = sahel();
        let back = from_json(&to_json(&g)).unwrap();
        assert_eq!(to_toml(&back), to_toml(&g));
    }
}
