//! The HTML review report: one self-contained file (no network, no external assets) for
//! reviewing a run. A summary (counts per rule, language and entry; the files with most
//! findings; errors) is written as HTML; the findings, each with its line in context, the
//! span highlighted, the suggested fix and its safety, are embedded as JSON and rendered by
//! the page's own script in pages, filtered by rule, severity, language, entry and fix
//! safety, so that a run of tens of thousands of findings opens at once. Filters are kept in
//! the address (`#rule=near-miss&lang=fr`), so a filtered view can be linked.

use super::json::FileError;
use super::FileReport;
use crate::finding::Finding;
use crate::formats::xml_escape as escape;
use crate::text::LineIndex;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Characters of a line shown on each side of a span.
const CONTEXT: usize = 120;

#[derive(Serialize)]
struct Item<'a> {
    /// Index of the file in `files`.
    file: usize,
    line: usize,
    column: usize,
    code: &'static str,
    rule: &'static str,
    severity: &'static str,
    entry: &'a str,
    lang: &'a str,
    /// The line around the span: before it, the span, after it; and the lines around.
    before: String,
    text: &'a str,
    after: String,
    previous: Option<String>,
    next: Option<String>,
    replacement: Option<&'a str>,
    /// `safe`, `unsafe`, `display-only`, or `none` (no fix).
    fix: &'static str,
    message: String,
}

#[derive(Serialize)]
struct Data<'a> {
    files: Vec<&'a str>,
    findings: Vec<Item<'a>>,
}

pub fn render_html(
    out: &mut dyn Write,
    files: &[FileReport],
    errors: &[FileError],
) -> io::Result<()> {
    let mut items = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let lines = LineIndex::new(file.text);
        for f in file.findings {
            items.push(item(i, file, &lines, f));
        }
    }
    // Each summary row: what it shows, the filter value it links to, and its count.
    let count = |key: &dyn Fn(&Item) -> String| {
        let mut m: BTreeMap<String, usize> = BTreeMap::new();
        for it in &items {
            *m.entry(key(it)).or_default() += 1;
        }
        let mut v: Vec<(String, String, usize)> =
            m.into_iter().map(|(k, n)| (k.clone(), k, n)).collect();
        v.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
        v
    };
    let mut by_rule = count(&|it| it.rule.to_string());
    for (label, name, _) in &mut by_rule {
        if let Some(r) = crate::finding::Rule::ALL.iter().find(|r| r.name() == name) {
            *label = format!("{} {name}", r.code());
        }
    }
    // In code order among equals, as `glosslint rules` lists them.
    by_rule.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    let by_lang = count(&|it| it.lang.to_string());
    let mut by_entry = count(&|it| it.entry.to_string());
    by_entry.truncate(20);
    let by_severity = count(&|it| it.severity.to_string());
    let mut by_file: Vec<(String, String, usize)> = files
        .iter()
        .filter(|f| !f.findings.is_empty())
        .map(|f| (f.path.to_string(), f.path.to_string(), f.findings.len()))
        .collect();
    by_file.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    let with_findings = by_file.len();
    by_file.truncate(10);

    let mut h = String::with_capacity(64 * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>glosslint report</title>\n<style>\n");
    h.push_str(STYLE);
    h.push_str("</style>\n</head>\n<body>\n<header>\n<h1>glosslint report</h1>\n");
    let fixable = items.iter().filter(|i| i.fix == "safe").count();
    h.push_str(&format!(
        "<p id=\"totals\">{} finding{} in {} file{} ({} checked); {} with a safe fix; {} error{}.</p>\n</header>\n<main>\n",
        items.len(),
        plural(items.len()),
        with_findings,
        plural(with_findings),
        files.len(),
        fixable,
        errors.len(),
        plural(errors.len()),
    ));
    h.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"tables\">\n");
    for (id, title, column, rows, filter) in [
        ("by-rule", "Rule", "Code and name", &by_rule, "rule"),
        ("by-severity", "Severity", "Level", &by_severity, "severity"),
        ("by-lang", "Language", "Tag", &by_lang, "lang"),
        ("by-entry", "Entry (top 20)", "Id", &by_entry, "entry"),
        (
            "by-file",
            "Files with most findings",
            "Path",
            &by_file,
            "file",
        ),
    ] {
        table(&mut h, id, title, column, rows, filter);
    }
    h.push_str("</div>\n");
    if !errors.is_empty() {
        h.push_str("<h3>Errors</h3>\n<ul id=\"errors\">\n");
        for e in errors {
            h.push_str(&format!("<li>{}</li>\n", escape(&e.to_string())));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n");
    h.push_str(FILTERS);
    h.push_str("<section id=\"findings\" aria-live=\"polite\">\n<h2>Findings</h2>\n<p id=\"shown\"></p>\n<div id=\"list\"></div>\n<button id=\"more\" type=\"button\" hidden>Show more</button>\n<noscript><p>The findings are listed by the page's script; allow scripts for this file to see them.</p></noscript>\n</section>\n</main>\n");
    let data = Data {
        files: files.iter().map(|f| f.path).collect(),
        findings: items,
    };
    // Inside a script element, `<` is written as its JSON escape: no text of the checked
    // files can end the element or open a comment.
    let json = serde_json::to_string(&data)
        .map_err(io::Error::other)?
        .replace('<', "\\u003c");
    h.push_str("<script type=\"application/json\" id=\"data\">");
    h.push_str(&json);
    h.push_str("</script>\n<script>\n");
    h.push_str(SCRIPT);
    h.push_str("</script>\n</body>\n</html>\n");
    out.write_all(h.as_bytes())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A summary table; each row links to the findings filtered by its value.
fn table(
    h: &mut String,
    id: &str,
    title: &str,
    column: &str,
    rows: &[(String, String, usize)],
    filter: &str,
) {
    h.push_str(&format!(
        "<table id=\"{id}\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">Findings</th></tr></thead>\n<tbody>\n",
        escape(title),
        escape(column),
    ));
    for (label, value, n) in rows {
        let href = format!("#{filter}={}", percent(value));
        h.push_str(&format!(
            "<tr><td><a href=\"{}\">{}</a></td><td class=\"n\">{n}</td></tr>\n",
            escape(&href),
            escape(label)
        ));
    }
    if rows.is_empty() {
        h.push_str("<tr><td colspan=\"2\">none</td></tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
}

fn item<'a>(i: usize, file: &FileReport<'a>, lines: &LineIndex, f: &'a Finding) -> Item<'a> {
    let text = file.text;
    let pos = lines.position(text, f.span.start);
    let line = pos.line - 1;
    let (ls, le) = lines.line_span(text, line);
    let end = f.span.end.min(le.max(f.span.start));
    let before = tail(&text[ls..f.span.start.max(ls)], CONTEXT);
    let after = head(&text[end..le.max(end)], CONTEXT);
    let around = |l: usize| {
        let (s, e) = lines.line_span(text, l);
        head(&text[s..e], 2 * CONTEXT)
    };
    let previous = (line > 0).then(|| around(line - 1));
    let next = (line + 1 < lines.line_count()).then(|| around(line + 1));
    let mut message = f.message.clone();
    if let Some(note) = f.unit_note() {
        message.push_str(&format!(" ({note})"));
    }
    Item {
        file: i,
        line: pos.line,
        column: pos.column,
        code: f.rule.code(),
        rule: f.rule.name(),
        severity: f.severity.as_str(),
        entry: &f.entry,
        lang: file.lang,
        before,
        text: &text[f.span.start..f.span.end],
        after,
        previous,
        next,
        replacement: f.replacement(),
        fix: f.fix.as_ref().map_or("none", |x| x.applicability.as_str()),
        message,
    }
}

fn head(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        return s.to_string();
    }
    let (i, _) = s.char_indices().nth(count - n).unwrap_or((0, ' '));
    format!("…{}", &s[i..])
}

fn percent(s: &str) -> String {
    let mut o = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                o.push(b as char)
            }
            _ => o.push_str(&format!("%{b:02X}")),
        }
    }
    o
}

const STYLE: &str = r##"
:root { color-scheme: light dark; --mark: #fde68a; --ok: #15803d; --warn: #b45309; --err: #b91c1c; --line: #e5e7eb; }
@media (prefers-color-scheme: dark) { :root { --mark: #854d0e; --line: #374151; } }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 0 1rem 3rem; }
h1 { font-size: 1.5rem; margin: 1rem 0 0.25rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid var(--line); }
.tables { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
table { border-collapse: collapse; }
caption { text-align: left; font-weight: 600; }
td, th { padding: 0.1rem 0.6rem 0.1rem 0; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
#filters { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; position: sticky; top: 0; padding: 0.5rem 0; background: Canvas; border-bottom: 1px solid var(--line); }
#filters label { display: flex; flex-direction: column; font-size: 0.85rem; }
article.finding { border-bottom: 1px solid var(--line); padding: 0.5rem 0; }
article.finding header { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: baseline; }
.sev-error { color: var(--err); font-weight: 600; }
.sev-warning { color: var(--warn); font-weight: 600; }
.code { font-family: ui-monospace, monospace; }
pre.context { margin: 0.3rem 0; padding: 0.3rem 0.5rem; background: rgba(127, 127, 127, 0.1); overflow-x: auto; white-space: pre-wrap; font: 13px/1.4 ui-monospace, monospace; }
pre.context .ln { color: GrayText; user-select: none; display: inline-block; min-width: 3.5em; }
mark { background: var(--mark); color: inherit; }
.fix-safe { color: var(--ok); }
.fix-unsafe { color: var(--warn); }
"##;

const FILTERS: &str = r##"<section id="filters" aria-label="Filters">
<label>Rule <select id="f-rule" data-key="rule"><option value="">all</option></select></label>
<label>Severity <select id="f-severity" data-key="severity"><option value="">all</option></select></label>
<label>Language <select id="f-lang" data-key="lang"><option value="">all</option></select></label>
<label>Entry <select id="f-entry" data-key="entry"><option value="">all</option></select></label>
<label>Fix <select id="f-fix" data-key="fix"><option value="">all</option></select></label>
<label>File <select id="f-file" data-key="file"><option value="">all</option></select></label>
<button id="clear" type="button">Clear filters</button>
</section>
"##;

const SCRIPT: &str = r##"
"use strict";
const data = JSON.parse(document.getElementById("data").textContent);
const PAGE = 200;
const keys = ["rule", "severity", "lang", "entry", "fix", "file"];
const value = (f, k) => k === "file" ? data.files[f.file] : f[k];
let shown = 0, matching = [];
for (const k of keys) {
  const select = document.getElementById("f-" + k);
  const counts = new Map();
  for (const f of data.findings) counts.set(value(f, k), (counts.get(value(f, k)) || 0) + 1);
  for (const v of [...counts.keys()].sort()) {
    const o = document.createElement("option");
    o.value = v; o.textContent = v + " (" + counts.get(v) + ")";
    select.append(o);
  }
  select.addEventListener("change", () => { writeHash(); render(); });
}
document.getElementById("clear").addEventListener("click", () => {
  for (const k of keys) document.getElementById("f-" + k).value = "";
  writeHash(); render();
});
document.getElementById("more").addEventListener("click", () => page());
window.addEventListener("hashchange", () => { readHash(); render(); });
function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  for (const k of keys) {
    const select = document.getElementById("f-" + k);
    const v = p.get(k) || "";
    select.value = [...select.options].some(o => o.value === v) ? v : "";
  }
}
function writeHash() {
  const p = new URLSearchParams();
  for (const k of keys) { const v = document.getElementById("f-" + k).value; if (v) p.set(k, v); }
  const h = p.toString();
  history.replaceState(null, "", h ? "#" + h : location.pathname + location.search);
}
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}
function row(f, i) {
  const a = el("article", "finding");
  a.id = "finding-" + i;
  a.dataset.rule = f.rule; a.dataset.severity = f.severity; a.dataset.entry = f.entry; a.dataset.lang = f.lang; a.dataset.fix = f.fix;
  const h = el("header");
  const where = el("a", "where", data.files[f.file] + ":" + f.line + ":" + f.column);
  where.href = "#finding-" + i;
  where.addEventListener("click", ev => { ev.preventDefault(); a.scrollIntoView(); });
  h.append(el("span", "sev-" + f.severity, f.severity), el("span", "code", f.code + " " + f.rule), where, el("span", "entry", "entry " + f.entry + " (" + f.lang + ")"));
  a.append(h);
  const pre = el("pre", "context");
  const line = (n, text) => { const s = el("span"); s.append(el("span", "ln", String(n)), text, "\n"); return s; };
  if (f.previous !== null) pre.append(line(f.line - 1, f.previous));
  const current = el("span", "current");
  current.append(el("span", "ln", String(f.line)), f.before, el("mark", null, f.text), f.after, "\n");
  pre.append(current);
  if (f.next !== null) pre.append(line(f.line + 1, f.next));
  a.append(pre);
  const m = el("p", "message", f.message);
  a.append(m);
  if (f.replacement !== null) {
    const fix = el("p", "fix fix-" + f.fix);
    fix.append("Fix (" + f.fix + "): “", el("del", null, f.text), "” → “", el("ins", null, f.replacement), "”");
    a.append(fix);
  }
  return a;
}
function page() {
  const list = document.getElementById("list");
  const end = Math.min(shown + PAGE, matching.length);
  const frag = document.createDocumentFragment();
  for (; shown < end; shown++) frag.append(row(data.findings[matching[shown]], matching[shown]));
  list.append(frag);
  document.getElementById("more").hidden = shown >= matching.length;
  document.getElementById("shown").textContent = "Showing " + shown + " of " + matching.length + " findings" + (matching.length < data.findings.length ? " (filtered from " + data.findings.length + ")" : "") + ".";
}
function render() {
  const want = keys.map(k => [k, document.getElementById("f-" + k).value]).filter(([, v]) => v);
  matching = [];
  data.findings.forEach((f, i) => { if (want.every(([k, v]) => String(value(f, k)) === v)) matching.push(i); });
  document.getElementById("list").replaceChildren();
  shown = 0;
  page();
}
readHash();
render();
"##;
