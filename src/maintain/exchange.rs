//! Import and export: TBX (ISO 30042, TBX-Basic; read in version 2 `martif` and version 3
//! `tbx` shapes, written as version 3 DCA), CSV and TSV (one row per form, columns mapped by
//! name), and JSON (the whole model, lossless).
//!
//! What TBX and the tables can hold survives a round trip: ids, kinds, descriptions, every
//! form with its role and reason, and links (TBX cross-references). Policies, confusables,
//! examples and inflection paradigms have no place there; JSON keeps them.

use crate::formats::xml_escape;
use crate::glossary::{Entry, Glossary, Kind, LangMap, Variant};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::BTreeMap;

/// A file that could not be imported, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ExchangeError {
    pub message: String,
}

fn err(message: impl Into<String>) -> ExchangeError {
    ExchangeError {
        message: message.into(),
    }
}

/// The role a term plays, from TBX administrative status or a table's role column.
fn role_of(status: &str) -> Option<Role> {
    let s = status.trim().to_ascii_lowercase();
    let s = s.trim_end_matches("-admn-sts").trim_end_matches("term");
    Some(match s {
        "preferred" | "canonical" => Role::Canonical,
        "admitted" | "alternative" | "accepted" => Role::Alternative,
        "deprecated" | "superseded" | "variant" | "wrong" => Role::Variant,
        "forbidden" => Role::Forbidden,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Canonical,
    Alternative,
    Variant,
    Forbidden,
}

/// Collects terms into entries, in the order they come.
#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    /// Each entry's place in `entries`, by id: a search per term was quadratic.
    by_id: std::collections::HashMap<String, usize>,
}

impl Builder {
    fn entry(&mut self, id: &str) -> &mut Entry {
        if let Some(&i) = self.by_id.get(id) {
            return &mut self.entries[i];
        }
        self.by_id.insert(id.to_string(), self.entries.len());
        self.entries.push(Entry {
            id: id.to_string(),
            kind: Kind::Other,
            description: None,
            policy: Default::default(),
            forms: LangMap::new(),
            links: Vec::new(),
            confusables: Vec::new(),
            examples: Vec::new(),
            origin: Default::default(),
            places: Vec::new(),
        });
        self.entries.last_mut().expect("just pushed")
    }

    /// Adds a term; without a canonical form yet, a correct term becomes the canonical one.
    fn term(&mut self, id: &str, lang: &str, term: &str, role: Option<Role>, note: Option<String>) {
        let entry = self.entry(id);
        let forms = entry.forms.get_or_default(lang);
        let role = role.unwrap_or(Role::Alternative);
        let (role, note) = match (role, note) {
            (Role::Variant, Some(n)) if n.starts_with("forbidden") => {
                let reason = n
                    .trim_start_matches("forbidden")
                    .trim_start_matches(':')
                    .trim();
                (
                    Role::Forbidden,
                    (!reason.is_empty()).then(|| reason.to_string()),
                )
            }
            other => other,
        };
        match role {
            Role::Canonical | Role::Alternative if forms.canonical.is_empty() => {
                forms.canonical = term.to_string()
            }
            Role::Canonical => {
                // A second preferred term: the first stays canonical.
                forms.alternatives.push(term.to_string());
            }
            Role::Alternative => forms.alternatives.push(term.to_string()),
            Role::Variant => forms.variants.push(Variant {
                form: term.to_string(),
                reason: note,
                fix: None,
            }),
            Role::Forbidden => forms.forbidden.push(Variant {
                form: term.to_string(),
                reason: note,
                fix: None,
            }),
        }
    }

    fn finish(self) -> Result<Glossary, ExchangeError> {
        for e in &self.entries {
            for (lang, f) in &e.forms {
                if f.canonical.is_empty() {
                    return Err(err(format!("entry `{}` has no preferred or admitted `{lang}` term to be its canonical form", e.id)));
                }
            }
        }
        Ok(Glossary {
            entries: self.entries,
            inflections: BTreeMap::new(),
        })
    }
}

/// An entry id from a TBX id or a term: lower case, `-` between words.
fn slug(s: &str) -> String {
    let folded = crate::text::fold_str(s);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "entry".to_string()
    } else {
        out
    }
}

// --- TBX -----------------------------------------------------------------------------------

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

// --- CSV and TSV ---------------------------------------------------------------------------

/// The columns of a glossary table, in the order export writes them.
const FIELDS: [&str; 7] = [
    "id",
    "kind",
    "lang",
    "role",
    "form",
    "reason",
    "description",
];

/// Which table column holds each field, by header name. Unmapped fields use their own name
/// (`id`, `kind`, `lang`, `role`, `form`, `reason`, `description`).
#[derive(Debug, Clone, Default)]
pub struct ColumnMap {
    pub names: BTreeMap<String, String>,
}

impl ColumnMap {
    /// Parses `field=Header,field=Header`.
    pub fn parse(spec: &str) -> Result<ColumnMap, ExchangeError> {
        let mut names = BTreeMap::new();
        for pair in spec.split(',').filter(|p| !p.trim().is_empty()) {
            let (field, header) = pair
                .split_once('=')
                .ok_or_else(|| err(format!("`{pair}` is not field=Header")))?;
            let field = field.trim();
            if !FIELDS.contains(&field) {
                return Err(err(format!("unknown field `{field}`: use id, kind, lang, role, form, reason or description")));
            }
            names.insert(field.to_string(), header.trim().to_string());
        }
        Ok(ColumnMap { names })
    }

    fn header<'a>(&'a self, field: &'a str) -> &'a str {
        self.names.get(field).map_or(field, String::as_str)
    }
}

pub fn from_csv(text: &str, delimiter: u8, columns: &ColumnMap) -> Result<Glossary, ExchangeError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| err(e.to_string()))?.clone();
    let find = |field: &str| {
        headers
            .iter()
            .position(|h| h.trim() == columns.header(field))
    };
    let (Some(form), Some(lang)) = (find("form"), find("lang")) else {
        return Err(err(format!(
            "the table needs a `{}` and a `{}` column (map other names with --columns form=Term,lang=Language)",
            columns.header("form"),
            columns.header("lang")
        )));
    };
    let (id, kind, role, reason, description) = (
        find("id"),
        find("kind"),
        find("role"),
        find("reason"),
        find("description"),
    );
    let mut b = Builder::default();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| err(format!("row {}: {e}", row + 2)))?;
        let get = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let Some(term) = get(Some(form)) else {
            continue;
        };
        let language =
            get(Some(lang)).ok_or_else(|| err(format!("row {}: no language", row + 2)))?;
        let entry_id = match get(id) {
            Some(i) => slug(i),
            None => slug(term),
        };
        let role_value = match get(role) {
            Some(r) => Some(role_of(r).ok_or_else(|| err(format!("row {}: unknown role `{r}`: use canonical, alternative, variant or forbidden (or TBX statuses)", row + 2)))?),
            None => None,
        };
        b.term(
            &entry_id,
            language,
            term,
            role_value,
            get(reason).map(str::to_string),
        );
        let e = b.entry(&entry_id);
        if let Some(k) = get(kind) {
            e.kind = serde_json::from_value(serde_json::Value::String(k.to_lowercase()))
                .map_err(|_| err(format!("row {}: unknown kind `{k}`", row + 2)))?;
        }
        if let Some(d) = get(description) {
            e.description = Some(d.to_string());
        }
    }
    b.finish()
}

pub fn to_csv(g: &Glossary, delimiter: u8) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    w.write_record(FIELDS).expect("in memory");
    for e in &g.entries {
        let mut first = true;
        for (lang, f) in &e.forms {
            let mut row = |role: &str, form: &str, reason: Option<&str>| {
                let description = if first {
                    e.description.as_deref().unwrap_or("")
                } else {
                    ""
                };
                first = false;
                w.write_record([
                    e.id.as_str(),
                    e.kind.as_str(),
                    lang.as_str(),
                    role,
                    form,
                    reason.unwrap_or(""),
                    description,
                ])
                .expect("in memory");
            };
            row("canonical", &f.canonical, None);
            for a in &f.alternatives {
                row("alternative", a, None);
            }
            for v in &f.variants {
                row("variant", &v.form, v.reason.as_deref());
            }
            for v in &f.forbidden {
                row("forbidden", &v.form, v.reason.as_deref());
            }
        }
    }
    String::from_utf8(w.into_inner().expect("in memory")).expect("UTF-8 in, UTF-8 out")
}

// --- JSON ----------------------------------------------------------------------------------

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
    use super::*;
    use crate::glossary::{to_toml, Forms};

    fn sahel() -> Glossary {
        Glossary::from_toml("sahel.toml", include_str!("../../glossaries/sahel.toml")).unwrap()
    }

    /// What TBX and tables hold: id, kind, description, links, and forms with roles and
    /// reasons.
    type Exchangeable = (String, Kind, Option<String>, Vec<String>, LangMap<Forms>);

    fn exchangeable(g: &Glossary, links: bool) -> Vec<Exchangeable> {
        g.entries
            .iter()
            .map(|e| {
                let mut forms = e.forms.clone();
                for f in forms.values_mut() {
                    f.inflect.clear();
                    for v in f.variants.iter_mut().chain(f.forbidden.iter_mut()) {
                        v.fix = None;
                    }
                }
                let links = if links { e.links.clone() } else { vec![] };
                (e.id.clone(), e.kind, e.description.clone(), links, forms)
            })
            .collect()
    }

    #[test]
    fn tbx_round_trip_keeps_what_tbx_can_hold() {
        let g = sahel();
        let back = from_tbx(&to_tbx(&g, "en")).unwrap();
        assert_eq!(exchangeable(&back, true), exchangeable(&g, true));
        // The imported glossary loads as TOML.
        Glossary::from_toml("imported.toml", &to_toml(&back)).unwrap();
    }

    #[test]
    fn csv_and_tsv_round_trips_keep_forms_roles_and_reasons() {
        let g = sahel();
        for delimiter in [b',', b'\t'] {
            let back = from_csv(&to_csv(&g, delimiter), delimiter, &ColumnMap::default()).unwrap();
            assert_eq!(exchangeable(&back, false), exchangeable(&g, false));
        }
    }

    #[test]
    fn json_round_trip_is_lossless() {
        let g = sahel();
        let back = from_json(&to_json(&g)).unwrap();
        assert_eq!(to_toml(&back), to_toml(&g));
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

    #[test]
    fn tables_with_other_column_names_and_tbx_statuses() {
        let csv = "ConceptID;Language;Term;Status;Comment\ngoita;en;Assimi Goïta;preferredTerm-admn-sts;\ngoita;en;Qasimi Quetta;deprecatedTerm-admn-sts;MT output\ngoita;fr;Assimi Goïta;;\n";
        let map =
            ColumnMap::parse("id=ConceptID,lang=Language,form=Term,role=Status,reason=Comment")
                .unwrap();
        let g = from_csv(csv, b';', &map).unwrap();
        let en = &g.entries[0].forms["en"];
        assert_eq!(en.variants[0].reason.as_deref(), Some("MT output"));
        let e = from_csv("Term,Lang\nx,en\n", b',', &ColumnMap::default()).unwrap_err();
        assert!(
            e.message.contains("needs a `form` and a `lang` column"),
            "{}",
            e.message
        );
        let e = from_csv(
            "id,lang,form,role\na,en,X,maybe\n",
            b',',
            &ColumnMap::default(),
        )
        .unwrap_err();
        assert!(
            e.message.starts_with("row 2: unknown role `maybe`"),
            "{}",
            e.message
        );
    }
}
