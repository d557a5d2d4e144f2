//! The part a form plays for its entry ([`Role`]), and how the index stores a form: the
//! numbers of its entry, role and strings ([`StoredRef`]), the role packed into one `u32`.
//!
//! This room owns that encoding and nothing else: it finds no form, files none and writes no
//! bytes. The stored numbers are part of the compiled format (see `compiled`), so a change to
//! the encoding is a change to that format.

use bytemuck::{Pod, Zeroable};

/// The part an indexed form plays for its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Canonical,
    Alternative,
    /// Index into the language's `variants`.
    Variant(usize),
    /// Index into the language's `forbidden`.
    Forbidden(usize),
    /// Index into the entry's `confusables`.
    Confusable(usize),
    /// A correct form of another language that is none of this language's forms.
    Foreign,
}

/// Bits of a stored role that hold its index; the kind is above them.
const ROLE_INDEX_BITS: u32 = 28;

impl Role {
    pub(super) fn encode(self) -> u32 {
        let (kind, i) = match self {
            Role::Canonical => (0, 0),
            Role::Alternative => (1, 0),
            Role::Variant(i) => (2, i),
            Role::Forbidden(i) => (3, i),
            Role::Confusable(i) => (4, i),
            Role::Foreign => (5, 0),
        };
        let i = u32::try_from(i)
            .ok()
            .filter(|i| *i < 1 << ROLE_INDEX_BITS)
            .expect("fewer than 2^28 forms of one kind in an entry");
        kind << ROLE_INDEX_BITS | i
    }

    pub(super) fn decode(code: u32) -> Option<Role> {
        let i = (code & ((1 << ROLE_INDEX_BITS) - 1)) as usize;
        Some(match code >> ROLE_INDEX_BITS {
            0 => Role::Canonical,
            1 => Role::Alternative,
            2 => Role::Variant(i),
            3 => Role::Forbidden(i),
            4 => Role::Confusable(i),
            5 => Role::Foreign,
            _ => return None,
        })
    }
}

/// A form as the index stores it: numbers of its entry, role and strings.
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
#[repr(C)]
pub(super) struct StoredRef {
    pub(super) entry: u32,
    /// [`Role::encode`].
    pub(super) role: u32,
    /// In [`super::Index::texts`].
    pub(super) form: u32,
    /// The ending's `strip` in [`super::Index::texts`] (its `add` follows), or [`NO_ENDING`].
    pub(super) ending: u32,
}

pub(super) const NO_ENDING: u32 = u32::MAX;
