//! TBX (ISO 30042, TBX-Basic): reading the version 2 `martif` and version 3 `tbx` shapes
//! element by element, each term with its administrative status and note, and writing
//! version 3 in DCA style.
//!
//! This room reads and writes TBX markup only. What a status means is the shared
//! `role_of`'s, how terms become entries is the shared `Builder`'s, and XML text and entities
//! are decoded by the formats room. Policies, confusables, examples and inflection paradigms
//! have no place in TBX: this room must neither write nor expect them.

use super::{err, role_of, slug, Builder, ExchangeError, Role};
use crate::formats::xml_escape;
use crate::glossary::{Glossary, Kind};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

pub fn from_tbx(text: &str) -> Result<Glossary, ExchangeError> {
    let mut reader = Reader::from_str(text);
    let mut b = Builder::default();
    let mut stack: Vec<String> = Vec::new();
    let mut concept: Option<String> = None;
    let mut lang: Option<String> = None;
    let mut term: Option<(String, Option<Role>, Option<String>)> = None;
    let mut text_of: Option<(String, Option<String>)> = None; // (element, type attribute)
    let mut buffer = String::new();
    let mut counter = 0;
    loop {
        let event = reader.read_event().map_err(|e| {
            let at = reader.error_position() as usize;
            let line = text[..at.min(text.len())].matches('\n').count() + 1;
            err(format!("line {line}: malformed XML: {e}"))
        })?;
        match event {
            Event::Start(e) => {
                let name = local(&e);
                match name.as_str() {
                    "termEntry" | "conceptEntry" => {
                        counter += 1;
                        let id = attr(&e, "id").unwrap_or_else(|| format!("entry-{counter}"));
                        concept = Some(slug(&id));
                    }
                    "langSet" | "langSec" => {
                        lang = attr(&e, "xml:lang").or_else(|| attr(&e, "lang"))
                    }
                    "tig" | "ntig" | "termSec" => term = Some((String::new(), None, None)),
                    "term" | "termNote" | "descrip" | "note" | "ref" => {
                        buffer.clear();
                        let kind = attr(&e, "type");
                        if name == "ref" {
                            if let (Some(id), Some(target)) = (&concept, attr(&e, "target")) {
                                if kind.as_deref() == Some("crossReference") {
                                    let id = id.clone();
                                    b.entry(&id).links.push(slug(&target));
                                }
                            }
                        }
                        text_of = Some((name.clone(), kind));
                    }
                    _ => {}
                }
                stack.push(name);
            }
            Event::Text(t) if text_of.is_some() => {
                let raw = String::from_utf8_lossy(t.as_ref()).into_owned();
                buffer.push_str(&decode_xml(&raw));
            }
            Event::GeneralRef(r) if text_of.is_some() => {
                let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                if let Some((decoded, _)) = crate::formats::decode_entity(&format!("&{name};")) {
                    buffer.push_str(&decoded);
                }
            }
            Event::CData(t) if text_of.is_some() => {
                buffer.push_str(&String::from_utf8_lossy(t.as_ref()));
            }
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                match (name.as_str(), text_of.take()) {
                    ("term", Some(_)) => {
                        if let Some(t) = term.as_mut() {
                            t.0 = buffer.trim().to_string();
                        }
                    }
                    ("termNote", Some((_, Some(kind)))) if kind == "administrativeStatus" => {
                        if let Some(t) = term.as_mut() {
                            t.1 = role_of(&buffer);
                            // A superseded term keeps that fact when no note says more.
                            if buffer.contains("superseded") && t.2.is_none() {
                                t.2 = Some("superseded term".to_string());
                            }
                        }
                    }
                    ("note", Some(_)) => {
                        let note = buffer.trim().to_string();
                        if let Some(t) = term.as_mut() {
                            t.2 = match t.2.take() {
                                Some(s) if s == "superseded term" => {
                                    Some(format!("superseded term: {note}"))
                                }
                                _ => Some(note),
                            };
                        } else if let (Some(id), Some(kind)) =
                            (&concept, note.strip_prefix("kind:"))
                        {
                            let id = id.clone();
                            if let Ok(k) = serde_json::from_value::<Kind>(
                                serde_json::Value::String(kind.trim().to_string()),
                            ) {
                                b.entry(&id).kind = k;
                            }
                        }
                    }
                    ("descrip", Some((_, Some(kind)))) if kind == "definition" => {
                        if let Some(id) = &concept {
                            let id = id.clone();
                            b.entry(&id).description = Some(buffer.trim().to_string());
                        }
                    }
                    ("tig" | "ntig" | "termSec", _) => {
                        if let (Some(id), Some(l), Some((t, role, note))) =
                            (&concept, &lang, term.take())
                        {
                            if !t.is_empty() {
                                let (id, l) = (id.clone(), l.clone());
                                b.term(&id, &l, &t, role, note);
                            }
                        }
                    }
                    ("termEntry" | "conceptEntry", _) => concept = None,
                    ("langSet" | "langSec", _) => lang = None,
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if b.entries.is_empty() {
        return Err(err(
            "no termEntry or conceptEntry found: is this a TBX file?",
        ));
    }
    b.finish()
}

fn local(e: &BytesStart) -> String {
    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    name.rsplit(':').next().unwrap_or(&name).to_string()
}

fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key.as_bytes())
        .map(|a| decode_xml(&String::from_utf8_lossy(&a.value)))
}

fn decode_xml(raw: &str) -> String {
    let mut b = crate::formats::SegmentBuilder::new();
    crate::formats::push_xml_text(&mut b, raw, 0);
    b.finish().text
}

/// TBX-Basic, TBX version 3 (ISO 30042:2019), DCA style.
pub fn to_tbx(g: &Glossary, source_lang: &str) -> String {
    let x = xml_escape;
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"{}\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n", x(source_lang)));
    out.push_str("  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n        <p>Exported by glosslint</p>\n      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n");
    for e in &g.entries {
        out.push_str(&format!("      <conceptEntry id=\"{}\">\n", x(&e.id)));
        if let Some(d) = &e.description {
            out.push_str(&format!(
                "        <descrip type=\"definition\">{}</descrip>\n",
                x(d)
            ));
        }
        out.push_str(&format!("        <note>kind: {}</note>\n", e.kind.as_str()));
        for link in &e.links {
            out.push_str(&format!(
                "        <ref type=\"crossReference\" target=\"{}\">{}</ref>\n",
                x(link),
                x(link)
            ));
        }
        for (lang, f) in &e.forms {
            out.push_str(&format!("        <langSec xml:lang=\"{}\">\n", x(lang)));
            let mut term = |t: &str, status: &str, note: Option<String>| {
                out.push_str(&format!("          <termSec>\n            <term>{}</term>\n            <termNote type=\"partOfSpeech\">properNoun</termNote>\n            <termNote type=\"administrativeStatus\">{status}</termNote>\n", x(t)));
                if let Some(n) = note {
                    out.push_str(&format!("            <note>{}</note>\n", x(&n)));
                }
                out.push_str("          </termSec>\n");
            };
            term(&f.canonical, "preferredTerm-admn-sts", None);
            for a in &f.alternatives {
                term(a, "admittedTerm-admn-sts", None);
            }
            for v in &f.variants {
                term(&v.form, "deprecatedTerm-admn-sts", v.reason.clone());
            }
            for v in &f.forbidden {
                let note = match &v.reason {
                    Some(r) => format!("forbidden: {r}"),
                    None => "forbidden".to_string(),
                };
                term(&v.form, "deprecatedTerm-admn-sts", Some(note));
            }
            out.push_str("        </langSec>\n");
        }
        out.push_str("      </conceptEntry>\n");
    }
    out.push_str("    </body>\n  </text>\n</tbx>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{exchangeable, sahel};
    use super::*;
    use crate::glossary::{to_toml, Variant};

    #[test]
    fn tbx_round_trip_keeps_what_tbx_can_hold() {
        let g = sahel();
        let back = from_tbx(&to_tbx(&g, "en")).unwrap();
        assert_eq!(exchangeable(&back, true), exchangeable(&g, true));
        // The imported glossary loads as TOML.
        Glossary::from_toml("imported.toml", &to_toml(&back)).unwrap();
    }

    /// A TBX v2 file shaped like those that MultiTerm, memoQ and Trados export.
    const MARTIF: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic-V1" xml:lang="en-US">
  <martifHeader>
    <fileDesc><sourceDesc><p>Sahel termbase</p></sourceDesc></fileDesc>
    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>
  </martifHeader>
  <text>
    <body>
      <termEntry id="c12">
        <descrip type="subjectField">Politics</descrip>
        <descrip type="definition">Malian colonel &amp; head of the junta.</descrip>
        <langSet xml:lang="en-US">
          <tig>
            <term>Assimi Goïta</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
          <ntig>
            <termGrp>
              <term>Qasimi Quetta</term>
              <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
            </termGrp>
          </ntig>
          <tig>
            <term>Goïta</term>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </tig>
        </langSet>
        <langSet xml:lang="fr-FR">
          <tig><term>Assimi Goïta</term></tig>
        </langSet>
      </termEntry>
      <termEntry id="c13">
        <langSet xml:lang="en-US">
          <tig><term>Burkina Faso</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
          <tig><term>Upper Volta</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote><note>renamed in 1984</note></tig>
        </langSet>
      </termEntry>
    </body>
  </text>
</martif>
"#;

    #[test]
    fn imports_a_real_world_shaped_tbx_v2_file() {
        let g = from_tbx(MARTIF).unwrap();
        assert_eq!(g.entries.len(), 2);
        let goita = &g.entries[0];
        assert_eq!(goita.id, "c12");
        assert_eq!(
            goita.description.as_deref(),
            Some("Malian colonel & head of the junta.")
        );
        let en = &goita.forms["en-US"];
        assert_eq!(en.canonical, "Assimi Goïta");
        assert_eq!(en.alternatives, ["Goïta"]);
        assert_eq!(en.variants[0].form, "Qasimi Quetta");
        assert_eq!(goita.forms["fr-FR"].canonical, "Assimi Goïta");
        let bf = &g.entries[1].forms["en-US"];
        assert_eq!(
            bf.variants[0],
            Variant {
                form: "Upper Volta".into(),
                reason: Some("superseded term: renamed in 1984".into()),
                fix: None
            }
        );
        Glossary::from_toml("imported.toml", &to_toml(&g)).unwrap();
    }
}
