//! Glossary maintenance: lint, statistics, formatting and editing TOML without losing
//! comments, exchange with TBX, CSV/TSV and JSON, and mining corpora for new variants.
//!
//! Like the rest of the library, this room does no I/O: it takes and returns text.

mod edit;
mod exchange;
mod lint;
mod stats;
mod suggest;

pub use edit::{add_form, format_toml, AddForm, FormRole};
pub use exchange::{
    from_csv, from_json, from_tbx, to_csv, to_json, to_tbx, ColumnMap, ExchangeError,
};
pub use lint::{lint, LintFinding, LintLevel, LintOptions};
pub use stats::{stats, Stats};
pub use suggest::{suggest, SuggestOptions, Suggestion};
