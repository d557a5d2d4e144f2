//! Writing a glossary as TOML, in the layout `glossary fmt` keeps: what import, export and
//! `suggest` produce, and what the loader reads back to the same glossary.

use super::{
    BoundaryPolicy, CasePolicy, Condition, DiacriticsPolicy, Entry, Forms, Glossary, Policy, Scope,
    Variant,
};
use std::fmt::Write;

/// The glossary as a TOML document.
pub fn to_toml(glossary: &Glossary) -> String {
    let mut out = String::new();
    if !glossary.inflections.is_empty() {
        for (lang, paradigms) in &glossary.inflections {
            writeln!(out, "[inflections.{}]", key(lang)).unwrap();
            for (name, rules) in paradigms {
                let rules: Vec<String> = rules
                    .iter()
                    .map(|r| {
                        let add = list(&r.add);
                        if r.strip.is_empty() {
                            format!("{{ add = {add} }}")
                        } else {
                            format!("{{ strip = {}, add = {add} }}", string(&r.strip))
                        }
                    })
                    .collect();
                writeln!(out, "{} = [{}]", key(name), rules.join(", ")).unwrap();
            }
            out.push('\n');
        }
    }
    for (i, entry) in glossary.entries.iter().enumerate() {
        if i > 0 || !out.is_empty() {
            out.push('\n');
        }
        write_entry(&mut out, entry);
    }
    out
}

fn write_entry(out: &mut String, e: &Entry) {
    writeln!(out, "[[entry]]").unwrap();
    writeln!(out, "id = {}", string(&e.id)).unwrap();
    writeln!(out, "kind = {}", string(e.kind.as_str())).unwrap();
    if let Some(d) = &e.description {
        writeln!(out, "description = {}", string(d)).unwrap();
    }
    let default = Policy::default();
    if e.policy.case != default.case {
        let v = match e.policy.case {
            CasePolicy::Sensitive => "sensitive",
            CasePolicy::Insensitive => "insensitive",
        };
        writeln!(out, "case = \"{v}\"").unwrap();
    }
    if e.policy.diacritics != default.diacritics {
        let v = match e.policy.diacritics {
            DiacriticsPolicy::Strict => "strict",
            DiacriticsPolicy::Ignore => "ignore",
        };
        writeln!(out, "diacritics = \"{v}\"").unwrap();
    }
    if e.policy.boundary != default.boundary {
        let v = match e.policy.boundary {
            BoundaryPolicy::Word => "word",
            BoundaryPolicy::None => "none",
        };
        writeln!(out, "boundary = \"{v}\"").unwrap();
    }
    if !e.links.is_empty() {
        writeln!(out, "links = {}", list(&e.links)).unwrap();
    }
    for (lang, forms) in &e.forms {
        writeln!(out, "[entry.forms.{}]", key(lang)).unwrap();
        write_forms(out, forms);
    }
    for c in &e.confusables {
        writeln!(out, "\n[[entry.confusable]]").unwrap();
        writeln!(out, "lang = {}", string(&c.lang)).unwrap();
        writeln!(out, "form = {}", string(&c.form)).unwrap();
        if let Some(fix) = &c.fix {
            writeln!(out, "fix = {}", string(fix)).unwrap();
        }
        if let Some(reason) = &c.reason {
            writeln!(out, "reason = {}", string(reason)).unwrap();
        }
        if !c.require.is_empty() {
            writeln!(out, "if = {}", conditions(&c.require)).unwrap();
        }
        if !c.unless.is_empty() {
            writeln!(out, "unless = {}", conditions(&c.unless)).unwrap();
        }
    }
    for x in &e.examples {
        writeln!(out, "\n[[entry.example]]").unwrap();
        writeln!(out, "lang = {}", string(&x.lang)).unwrap();
        writeln!(out, "text = {}", string(&x.text)).unwrap();
        if let Some(fixed) = &x.fixed {
            writeln!(out, "fixed = {}", string(fixed)).unwrap();
        }
    }
}

fn write_forms(out: &mut String, f: &Forms) {
    writeln!(out, "canonical = {}", string(&f.canonical)).unwrap();
    if !f.alternatives.is_empty() {
        writeln!(out, "alternatives = {}", list(&f.alternatives)).unwrap();
    }
    if !f.variants.is_empty() {
        writeln!(out, "variants = {}", variants(&f.variants)).unwrap();
    }
    if !f.forbidden.is_empty() {
        writeln!(out, "forbidden = {}", variants(&f.forbidden)).unwrap();
    }
    if !f.inflect.is_empty() {
        writeln!(out, "inflect = {}", list(&f.inflect)).unwrap();
    }
}

fn variants(vs: &[Variant]) -> String {
    let items: Vec<String> = vs
        .iter()
        .map(|v| {
            if v.reason.is_none() && v.fix.is_none() {
                return string(&v.form);
            }
            let mut parts = vec![format!("form = {}", string(&v.form))];
            if let Some(r) = &v.reason {
                parts.push(format!("reason = {}", string(r)));
            }
            if let Some(f) = &v.fix {
                parts.push(format!("fix = {}", string(f)));
            }
            format!("{{ {} }}", parts.join(", "))
        })
        .collect();
    if items.iter().map(String::len).sum::<usize>() > 80 {
        format!("[\n  {},\n]", items.join(",\n  "))
    } else {
        format!("[{}]", items.join(", "))
    }
}

fn conditions(cs: &[Condition]) -> String {
    let items: Vec<String> = cs
        .iter()
        .map(|c| {
            let scope = match c.scope {
                Scope::Sentence => "sentence",
                Scope::Paragraph => "paragraph",
                Scope::Document => "document",
            };
            let mut parts = vec![format!("in = \"{scope}\"")];
            if !c.mentions.is_empty() {
                parts.push(format!("mentions = {}", list(&c.mentions)));
            }
            if !c.words.is_empty() {
                parts.push(format!("words = {}", list(&c.words)));
            }
            format!("{{ {} }}", parts.join(", "))
        })
        .collect();
    format!("[{}]", items.join(", "))
}

fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| string(s)).collect();
    format!("[{}]", items.join(", "))
}

/// A TOML basic string.
fn string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A TOML key: bare when it can be, quoted otherwise.
fn key(k: &str) -> String {
    if !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        k.to_string()
    } else {
        string(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writing_and_loading_gives_back_the_same_glossary() {
        let original =
            Glossary::from_toml("sahel.toml", include_str!("../../glossaries/sahel.toml")).unwrap();
        let written = to_toml(&original);
        let reloaded = Glossary::from_toml("written.toml", &written)
            .unwrap_or_else(|e| panic!("{e}\n{written}"));
        let strip = |g: &Glossary| {
            let mut g = g.clone();
            for e in &mut g.entries {
                e.origin = Default::default();
                e.places.clear();
                for x in &mut e.examples {
                    x.line = 0;
                }
            }
            g
        };
        assert_eq!(strip(&reloaded), strip(&original));
        // And it is a fixed point.
        assert_eq!(to_toml(&reloaded), written);
    }
}
