//! What a check produces: findings, each with a rule, a span and possibly a fix.

use crate::text::Span;
use serde::Serialize;
use std::fmt;

/// The rules, each named for the problem it reports and given a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    KnownVariant,
    NearMiss,
    WrongDiacritics,
    WrongCase,
    ContextConfusable,
    ForbiddenForm,
    ScriptMismatch,
    ForeignForm,
    MissingRendering,
    UnsourcedEntity,
    RenderingCount,
    /// Not a check of the text: a suppression comment that suppressed nothing.
    UnusedSuppression,
}

/// Everything about a rule but its logic. One table, [`RULES`], that the rules, `glosslint
/// rules`, the reporters and the documentation read, so they cannot disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    pub rule: Rule,
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub fix: Applicability,
    /// Of two overlapping findings, the one of the higher rank is kept: a listed form beats
    /// a context decision, which beats a spelling slip, which beats a fuzzy guess.
    pub rank: u8,
    pub summary: &'static str,
    /// The rule's documentation in Markdown (What, Why, Example, Fix safety):
    /// `docs/rules/<name>.md`.
    pub documentation: &'static str,
}

/// Every rule, in the order of [`Rule`]'s variants (a test checks it).
pub const RULES: [RuleInfo; 12] = [
    RuleInfo {
        rule: Rule::KnownVariant,
        code: "GL001",
        name: "known-variant",
        severity: Severity::Error,
        fix: Applicability::Safe,
        rank: 4,
        summary: "a wrong form that the glossary lists for an entity",
        documentation: include_str!("../docs/rules/known-variant.md"),
    },
    RuleInfo {
        rule: Rule::NearMiss,
        code: "GL002",
        name: "near-miss",
        severity: Severity::Warning,
        fix: Applicability::Unsafe,
        rank: 1,
        summary: "an unlisted spelling close to an entity's name",
        documentation: include_str!("../docs/rules/near-miss.md"),
    },
    RuleInfo {
        rule: Rule::WrongDiacritics,
        code: "GL003",
        name: "wrong-diacritics",
        severity: Severity::Warning,
        fix: Applicability::Safe,
        rank: 2,
        summary: "an entity's correct form with missing or wrong diacritics",
        documentation: include_str!("../docs/rules/wrong-diacritics.md"),
    },
    RuleInfo {
        rule: Rule::WrongCase,
        code: "GL004",
        name: "wrong-case",
        severity: Severity::Warning,
        fix: Applicability::Safe,
        rank: 2,
        summary: "an entity's correct form written in the wrong case",
        documentation: include_str!("../docs/rules/wrong-case.md"),
    },
    RuleInfo {
        rule: Rule::ContextConfusable,
        code: "GL005",
        name: "context-confusable",
        severity: Severity::Warning,
        fix: Applicability::Unsafe,
        rank: 3,
        summary: "a valid word that is wrong in this document's context",
        documentation: include_str!("../docs/rules/context-confusable.md"),
    },
    RuleInfo {
        rule: Rule::ForbiddenForm,
        code: "GL006",
        name: "forbidden-form",
        severity: Severity::Error,
        fix: Applicability::DisplayOnly,
        rank: 4,
        summary: "a form that the glossary forbids for an entity",
        documentation: include_str!("../docs/rules/forbidden-form.md"),
    },
    RuleInfo {
        rule: Rule::ScriptMismatch,
        code: "GL007",
        name: "script-mismatch",
        severity: Severity::Warning,
        fix: Applicability::Unsafe,
        rank: 2,
        summary: "an entity written in another script than the text's language writes it in",
        documentation: include_str!("../docs/rules/script-mismatch.md"),
    },
    RuleInfo {
        rule: Rule::ForeignForm,
        code: "GL008",
        name: "foreign-form",
        severity: Severity::Warning,
        fix: Applicability::Unsafe,
        rank: 2,
        summary: "an entity's name as another language writes it, in the same script, where the text's language has its own",
        documentation: include_str!("../docs/rules/foreign-form.md"),
    },
    RuleInfo {
        rule: Rule::MissingRendering,
        code: "GL009",
        name: "missing-rendering",
        severity: Severity::Error,
        fix: Applicability::Unsafe,
        rank: 3,
        summary: "the source names an entity and the target has none of its approved forms",
        documentation: include_str!("../docs/rules/missing-rendering.md"),
    },
    RuleInfo {
        rule: Rule::UnsourcedEntity,
        code: "GL010",
        name: "unsourced-entity",
        severity: Severity::Warning,
        fix: Applicability::DisplayOnly,
        rank: 2,
        summary: "the target names an entity that the source does not mention",
        documentation: include_str!("../docs/rules/unsourced-entity.md"),
    },
    RuleInfo {
        rule: Rule::RenderingCount,
        code: "GL011",
        name: "rendering-count",
        severity: Severity::Warning,
        fix: Applicability::DisplayOnly,
        rank: 1,
        summary: "the source names an entity in more sentences than the target renders it",
        documentation: include_str!("../docs/rules/rendering-count.md"),
    },
    RuleInfo {
        rule: Rule::UnusedSuppression,
        code: "GL100",
        name: "unused-suppression",
        severity: Severity::Warning,
        fix: Applicability::DisplayOnly,
        rank: 1,
        summary: "a suppression comment that suppresses nothing (--report-unused)",
        documentation: include_str!("../docs/rules/unused-suppression.md"),
    },
];

impl Rule {
    pub const ALL: [Rule; 12] = [
        Rule::KnownVariant,
        Rule::NearMiss,
        Rule::WrongDiacritics,
        Rule::WrongCase,
        Rule::ContextConfusable,
        Rule::ForbiddenForm,
        Rule::ScriptMismatch,
        Rule::ForeignForm,
        Rule::MissingRendering,
        Rule::UnsourcedEntity,
        Rule::RenderingCount,
        Rule::UnusedSuppression,
    ];

    /// What is known of the rule: its code, name, severity, fix safety, rank and summary.
    pub fn info(self) -> &'static RuleInfo {
        &RULES[self as usize]
    }

    /// The rule's documentation in Markdown (What, Why, Example, Fix safety).
    pub fn documentation(self) -> &'static str {
        self.info().documentation
    }

    /// The stable code, for configuration, suppressions and machine output.
    pub fn code(self) -> &'static str {
        self.info().code
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn severity(self) -> Severity {
        self.info().severity
    }

    /// How sure the rule's fixes are: every fix the rule makes has this applicability (or
    /// is display-only where it cannot be applied).
    pub fn fix_applicability(self) -> Applicability {
        self.info().fix
    }

    /// One line on what the rule reports; the rule's module documentation opens with it.
    pub fn summary(self) -> &'static str {
        self.info().summary
    }

    /// When two findings overlap, the one with the higher rank is kept.
    pub(crate) fn rank(self) -> u8 {
        self.info().rank
    }

    /// The rule with code or name `s`.
    pub fn parse(s: &str) -> Option<Rule> {
        Rule::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(s) || r.name() == s)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// How sure a fix is, ordered so that "applies if >= required" reads naturally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown to the reader, never applied: several candidates, or a policy decision.
    DisplayOnly,
    /// Probably right, but a guess (fuzzy or context decision): applied with `--unsafe-fixes`.
    Unsafe,
    /// A listed wrong form, or a case or diacritics slip of a known name: applied by `--fix`.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// Replace the bytes of `span` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Fix {
    pub fn replace(span: Span, replacement: String, applicability: Applicability) -> Fix {
        Fix {
            edits: vec![Edit { span, replacement }],
            applicability,
        }
    }
}

/// One suspect span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    /// Byte range in the checked text.
    pub span: Span,
    pub message: String,
    /// The id of the glossary entry the finding is about.
    pub entry: String,
    /// The glossary form the span was judged against: the listed wrong form, or the correct
    /// form it comes close to.
    pub matched: String,
    /// For near-misses, how close the span is to the entry's form, from 0 to 1.
    pub similarity: Option<f64>,
    /// For fuzzy findings (near-misses), how strongly the evidence says the span is a
    /// mangled form of the entry, from 0 to 1 (see `check::near_miss`); findings below the
    /// configured `min-confidence` are not reported.
    pub confidence: Option<f64>,
    pub fix: Option<Fix>,
    /// In a bilingual file: the translation unit the finding is in, and what its source
    /// says.
    pub unit: Option<Box<UnitRef>>,
}

/// The translation unit of a finding in a bilingual file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitRef {
    /// How the file names the unit (see [`crate::formats::Unit::id`]).
    pub id: String,
    pub source_lang: String,
    /// The source's mention of the finding's entity, as the source writes it, if it has one.
    pub source_mention: Option<String>,
}

impl Finding {
    /// For a finding in a translation unit, a note naming the unit and the source's
    /// mention: `unit “12”, source (en): “Statistics Norway”`.
    pub fn unit_note(&self) -> Option<String> {
        let u = self.unit.as_deref()?;
        let mut note = format!("unit “{}”", u.id);
        if let Some(m) = &u.source_mention {
            note.push_str(&format!(", source ({}): “{m}”", u.source_lang));
        }
        Some(note)
    }

    /// The replacement text when the fix is one edit covering the finding.
    pub fn replacement(&self) -> Option<&str> {
        match &self.fix {
            Some(fix) if fix.edits.len() == 1 => Some(fix.edits[0].replacement.as_str()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table is in the order of the variants, and each rule's documentation
    /// (`docs/rules/<name>.md`, also its module's) opens with the rule's name, code and
    /// summary, word for word.
    #[test]
    fn one_table_of_rules_that_the_docs_agree_with() {
        for (i, rule) in Rule::ALL.into_iter().enumerate() {
            assert_eq!(RULES[i].rule, rule);
            assert_eq!(rule as usize, i);
            let first = rule.documentation().lines().next().unwrap_or_default();
            let summary = rule.summary().split(" (").next().unwrap_or_default();
            assert_eq!(
                first,
                format!("# `{}` ({}): {summary}.", rule.name(), rule.code()),
                "the documentation of {rule}"
            );
            for part in ["**What**", "**Why**", "**Example**", "**Fix safety**"] {
                assert!(rule.documentation().contains(part), "{rule}: {part}");
            }
        }
    }
}
