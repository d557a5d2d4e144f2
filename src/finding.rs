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
    /// Not a check of the text: a suppression comment that suppressed nothing.
    UnusedSuppression,
}

impl Rule {
    pub const ALL: [Rule; 8] = [
        Rule::KnownVariant,
        Rule::NearMiss,
        Rule::WrongDiacritics,
        Rule::WrongCase,
        Rule::ContextConfusable,
        Rule::ForbiddenForm,
        Rule::ScriptMismatch,
        Rule::UnusedSuppression,
    ];

    /// The stable code, for configuration, suppressions and machine output.
    pub fn code(self) -> &'static str {
        match self {
            Rule::KnownVariant => "GL001",
            Rule::NearMiss => "GL002",
            Rule::WrongDiacritics => "GL003",
            Rule::WrongCase => "GL004",
            Rule::ContextConfusable => "GL005",
            Rule::ForbiddenForm => "GL006",
            Rule::ScriptMismatch => "GL007",
            Rule::UnusedSuppression => "GL100",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Rule::KnownVariant => "known-variant",
            Rule::NearMiss => "near-miss",
            Rule::WrongDiacritics => "wrong-diacritics",
            Rule::WrongCase => "wrong-case",
            Rule::ContextConfusable => "context-confusable",
            Rule::ForbiddenForm => "forbidden-form",
            Rule::ScriptMismatch => "script-mismatch",
            Rule::UnusedSuppression => "unused-suppression",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Rule::KnownVariant | Rule::ForbiddenForm => Severity::Error,
            _ => Severity::Warning,
        }
    }

    /// How sure the rule's fixes are.
    pub fn fix_applicability(self) -> Applicability {
        match self {
            Rule::KnownVariant | Rule::WrongDiacritics | Rule::WrongCase => Applicability::Safe,
            Rule::NearMiss | Rule::ContextConfusable | Rule::ScriptMismatch => {
                Applicability::Unsafe
            }
            Rule::ForbiddenForm | Rule::UnusedSuppression => Applicability::DisplayOnly,
        }
    }

    /// One line on what the rule reports.
    pub fn summary(self) -> &'static str {
        match self {
            Rule::KnownVariant => "a wrong form that the glossary lists for an entity",
            Rule::NearMiss => "an unlisted spelling close to an entity's name",
            Rule::WrongDiacritics => "an entity's name with missing or wrong diacritics",
            Rule::WrongCase => "an entity's name in the wrong case",
            Rule::ContextConfusable => "a valid word that is wrong in this document's context",
            Rule::ForbiddenForm => "a form that the glossary forbids",
            Rule::ScriptMismatch => "a name in another script than the text's language uses",
            Rule::UnusedSuppression => {
                "a suppression comment that suppresses nothing (--report-unused)"
            }
        }
    }

    /// When two findings overlap, the one with the higher rank is kept.
    pub(crate) fn rank(self) -> u8 {
        match self {
            Rule::KnownVariant | Rule::ForbiddenForm => 4,
            Rule::ContextConfusable => 3,
            Rule::WrongDiacritics | Rule::WrongCase | Rule::ScriptMismatch => 2,
            Rule::NearMiss | Rule::UnusedSuppression => 1,
        }
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
    pub fix: Option<Fix>,
}

impl Finding {
    /// The replacement text when the fix is one edit covering the finding.
    pub fn replacement(&self) -> Option<&str> {
        match &self.fix {
            Some(fix) if fix.edits.len() == 1 => Some(fix.edits[0].replacement.as_str()),
            _ => None,
        }
    }
}
