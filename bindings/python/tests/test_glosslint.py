"""The Python package against the engine's behaviour, with real sentences in several
scripts, and against the `glosslint` command on the same texts."""

import json
import os
import pickle
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import glosslint

ROOT = Path(__file__).resolve().parents[3]
SAHEL = ROOT / "glossaries" / "sahel.toml"


@pytest.fixture(scope="module")
def g():
    return glosslint.Glossary.load([SAHEL], builtin=True)


def found(findings, text):
    return [(f.rule, text[f.start : f.end], f.replacement) for f in findings]


# The seed article's errors, in French: a listed wrong form (safe fix) and a near-miss of an
# operation's name (unsafe fix).
FRENCH = "Le chef de la junte malienne, Qasimi Quetta, tient Paris pour responsable ; la fin des opérations Barkhane et Takoba."


def test_check_reports_rule_span_and_fix(g):
    findings = g.check(FRENCH, lang="fr")
    assert found(findings, FRENCH) == [
        ("known-variant", "Qasimi Quetta", "Assimi Goïta"),
        ("near-miss", "Takoba", "Takuba"),
    ]
    first = findings[0]
    assert first.code == "GL001"
    assert first.severity == "error"
    assert first.applicability == "safe"
    assert first.entry == "assimi-goita"
    assert (first.line, first.column) == (1, 31)
    assert "Assimi Goïta" in first.message
    assert findings[1].applicability == "unsafe"
    assert findings[1].confidence is not None and 0 < findings[1].confidence <= 1
    assert first.to_dict()["replacement"] == "Assimi Goïta"


def test_fix_levels(g):
    safe = g.fix(FRENCH, lang="fr")
    assert "Assimi Goïta" in safe and "Takoba" in safe
    unsafe = g.fix(FRENCH, lang="fr", level="unsafe")
    assert "Assimi Goïta" in unsafe and "Takuba" in unsafe and "Takoba" not in unsafe
    # Fixing the fixed text changes nothing.
    assert g.fix(unsafe, lang="fr", level="unsafe") == unsafe
    with pytest.raises(ValueError, match="unknown fix level"):
        g.fix(FRENCH, lang="fr", level="always")


def test_offsets_are_characters_and_bytes_past_non_ascii_text(g):
    # Russian: an inflected listed variant, and a demonym of the wrong country.
    text = "Правительство Ассими Гойты потребовало вывода войск, которые перебросят в Нигер к нигерийским военным."
    findings = g.check(text, lang="ru")
    assert found(findings, text) == [
        ("known-variant", "Ассими Гойты", "Ассими Гоиты"),
        ("context-confusable", "нигерийским", "нигерским"),
    ]
    f = findings[0]
    assert text[f.start : f.end] == f.text
    assert text.encode()[f.byte_start : f.byte_end].decode() == f.text
    assert f.byte_start == len(text[: f.start].encode())


def test_arabic_chinese_japanese(g):
    ar = "وقال إيمانويل ماكرون إن القوات ستنتشر في النيجر إلى جانب القوات النيجيرية."
    assert found(g.check(ar, lang="ar"), ar) == [("context-confusable", "النيجيرية", "النيجرية")]
    zh = "法国宣布从马利撤军，部队将转移到Niger。"
    assert found(g.check(zh, lang="zh"), zh) == [
        ("known-variant", "马利", "马里"),
        ("script-mismatch", "Niger", "尼日尔"),
    ]
    ja = "フランス軍はNigerに移動した。"
    assert found(g.check(ja, lang="ja"), ja) == [("script-mismatch", "Niger", "ニジェール")]
    # Correct copy stays quiet.
    assert g.check("フランスはマリから撤退し、ニジェールとナイジェリアの国境に部隊を移した。", lang="ja") == []
    # The listed variant is a safe fix; the script mismatch an unsafe one.
    assert g.fix(zh, lang="zh") == "法国宣布从马里撤军，部队将转移到Niger。"
    assert g.fix(zh, lang="zh", level="unsafe") == "法国宣布从马里撤军，部队将转移到尼日尔。"


def test_language_is_declared_or_detected(g):
    po = 'msgid ""\nmsgstr "Language: fr\\n"\n\nmsgid "Operation Takuba"\nmsgstr "Opération Takoba"\n'
    assert g.language(po, format="po") == "fr"
    findings = g.check(po, format="po")
    assert found(findings, po) == [("near-miss", "Takoba", "Takuba")]
    assert g.language(FRENCH) == "fr"
    # The format also comes from a path's extension; offsets are in the file's text.
    fixed = g.fix(po, path="locale/fr/messages.po", level="unsafe")
    assert fixed.endswith('msgstr "Opération Takuba"\n')


def test_bilingual_xliff_and_aligned_source(g):
    xliff = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="fr" datatype="plaintext" original="a.txt">
    <body>
      <trans-unit id="t1">
        <source>Assimi Goïta spoke in Bamako.</source>
        <target>Qasimi Quetta a parlé à Bamako.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""
    findings = g.check(xliff, format="xliff")
    assert ("known-variant", "Qasimi Quetta", "Assimi Goïta") in found(findings, xliff)
    assert all(f.unit == "t1" for f in findings)
    fixed = g.fix(xliff, format="xliff")
    assert "<target>Assimi Goïta a parlé à Bamako.</target>" in fixed
    assert "<source>Assimi Goïta spoke in Bamako.</source>" in fixed
    # A plain target with its source, line by line: the source names Barkhane, the target
    # has none of its forms.
    target = "Les soldats de Takuba partent."
    findings = g.check(target, lang="fr", source="The soldiers of Barkhane leave.", source_lang="en")
    assert [f.rule for f in findings] == ["missing-rendering"]
    assert findings[0].source_mention == "Barkhane"


def test_disable_rules(g):
    assert [f.rule for f in g.check(FRENCH, lang="fr", disable=["near-miss"])] == ["known-variant"]
    assert [f.rule for f in g.check(FRENCH, lang="fr", disable=["GL001", "GL002"])] == []
    with pytest.raises(ValueError, match="unknown rule"):
        g.check(FRENCH, disable=["no-such-rule"])


def test_batches_match_single_checks_and_keep_going_past_bad_input(g):
    po = 'msgid ""\nmsgstr "Language: fr\\n"\n\nmsgid "x"\nmsgstr "%s"\n'
    texts = [po % FRENCH, po % "Les forces de la MINUSMA à Tessalit.", 'msgid "a"\nmsgstr "b', po % FRENCH] * 25
    langs = ["fr"] * len(texts)
    checked = g.check_batch(texts, langs, format="po")
    fixed = g.fix_batch(texts, "fr", format="po", level="unsafe", threads=2)
    assert len(checked) == len(fixed) == len(texts)
    for text, c, f in zip(texts, checked, fixed):
        try:
            expected = g.check(text, lang="fr", format="po")
        except glosslint.ParseError as e:
            assert isinstance(c.error, glosslint.ParseError) and c.findings == []
            assert (c.error.line, c.error.column) == (e.line, e.column) == (2, 10)
            assert isinstance(f.error, glosslint.ParseError) and f.text == text
            continue
        assert c.error is None and c.lang == "fr"
        assert c.findings == expected
        assert f.findings == expected
        assert f.text == g.fix(text, lang="fr", format="po", level="unsafe")
    # Plain text, one thread and many, languages detected.
    one = g.check_batch([FRENCH] * 50, threads=1)
    many = g.check_batch([FRENCH] * 50)
    assert [c.findings for c in one] == [c.findings for c in many]
    assert {c.lang for c in one} == {"fr"}
    with pytest.raises(ValueError, match="one per text"):
        g.check_batch([FRENCH, FRENCH], langs=["fr"])


def test_batches_release_the_gil(g):
    # Another Python thread keeps running while a batch checks.
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(1)
            stop.wait(0.001)

    t = threading.Thread(target=tick)
    t.start()
    g.check_batch([FRENCH * 40] * 400, "fr", threads=1)
    stop.set()
    t.join()
    assert len(ticks) > 5


def test_compiled_bytes_and_pickle_give_the_same_findings(g):
    g.prepare(["fr", "ru"])
    data = g.to_bytes()
    g2 = glosslint.Glossary.from_bytes(data)
    assert len(g2) == len(g) and g2.languages == g.languages
    assert g2.check(FRENCH, lang="fr") == g.check(FRENCH, lang="fr")
    # A language whose index was not in the bytes is built on demand.
    zh = "法国宣布从马利撤军。"
    assert g2.check(zh, lang="zh") == g.check(zh, lang="zh")
    g3 = pickle.loads(pickle.dumps(g))
    assert g3.check(FRENCH, lang="fr") == g.check(FRENCH, lang="fr")
    only_fr = glosslint.Glossary.from_bytes(g.to_bytes(languages=["fr"]))
    assert only_fr.check(FRENCH, lang="fr") == g.check(FRENCH, lang="fr")
    with pytest.raises(glosslint.GlossaryError, match="not a compiled glosslint glossary"):
        glosslint.Glossary.from_bytes(b"PK\x03\x04 a zip file")
    with pytest.raises(glosslint.GlossaryError, match="cut short"):
        glosslint.Glossary.from_bytes(data[: len(data) // 2])
    # One byte changed anywhere: refused before it is read, never a panic.
    for at in (20, len(data) // 3, len(data) - 9):
        changed = bytearray(data)
        changed[at] ^= 0x5A
        with pytest.raises(glosslint.GlossaryError, match="checksum"):
            glosslint.Glossary.from_bytes(bytes(changed))


def test_glossary_errors_name_file_line_and_column(tmp_path):
    bad = tmp_path / "names.toml"
    bad.write_text('[[entry]]\nid = "a"\nkind = "person"\n[entry.forms.fr]\ncanonical = 3\n')
    with pytest.raises(glosslint.GlossaryError) as e:
        glosslint.Glossary.load([bad], builtin=False)
    assert e.value.path == str(bad)
    assert (e.value.line, e.value.column) == (5, 13)
    assert e.value.errors[0][0] == str(bad)
    assert isinstance(e.value, glosslint.GlosslintError)
    missing = tmp_path / "absent.toml"
    with pytest.raises(glosslint.GlossaryError, match="cannot read"):
        glosslint.Glossary.load([missing])
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes('[[entry]]\nid = "x"\n# caf\xe9\n'.encode("latin-1"))
    with pytest.raises(glosslint.GlossaryError, match="not UTF-8") as e:
        glosslint.Glossary.load([latin1])
    assert (e.value.line, e.value.column) == (3, 6)
    with pytest.raises(ValueError, match="no glossary"):
        glosslint.Glossary.load([], builtin=False)
    # Over the size limit: refused before it is read (sparse: it takes no disk).
    huge = tmp_path / "huge.toml"
    with open(huge, "wb") as f:
        f.truncate((256 << 20) + 1)
    with pytest.raises(glosslint.GlossaryError, match="over the limit of 256 MB") as e:
        glosslint.Glossary.load([huge], builtin=False)
    assert e.value.path == str(huge)
    # A form that would match everywhere, at its place.
    letter = tmp_path / "letter.toml"
    letter.write_text('[[entry]]\nid = "a"\nkind = "person"\n[entry.forms.en]\ncanonical = "a"\n')
    with pytest.raises(glosslint.GlossaryError, match="is one character") as e:
        glosslint.Glossary.load([letter], builtin=False)
    assert (e.value.line, e.value.column) == (5, 13)


def test_exchange_formats_import(tmp_path):
    csv = tmp_path / "terms.csv"
    csv.write_text("id,kind,en,fr\ntakuba,operation,Takuba,Takuba\n")
    g = glosslint.Glossary.load([csv], builtin=False, columns="id=id,kind=kind,en=en,fr=fr")
    text = "La force Takouba."
    assert found(g.check(text, lang="fr"), text) == [("near-miss", "Takouba", "Takuba")]
    tbx = tmp_path / "terms.tbx"
    tbx.write_text(
        """<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
<conceptEntry id="takuba">
<langSec xml:lang="en"><termSec><term>Takuba</term></termSec></langSec>
<langSec xml:lang="fr"><termSec><term>Takuba</term></termSec></langSec>
</conceptEntry>
</body></text></tbx>
"""
    )
    g = glosslint.Glossary.load([tbx], builtin=False)
    assert found(g.check(text, lang="fr"), text) == [("near-miss", "Takouba", "Takuba")]


def test_rules_table():
    names = {name for name, code, summary in glosslint.rules()}
    assert {"known-variant", "near-miss", "missing-rendering"} <= names
    assert ("known-variant", "GL001") in {(n, c) for n, c, _ in glosslint.rules()}


def glosslint_binary():
    exe = os.environ.get("GLOSSLINT_BIN") or shutil.which("glosslint")
    if not exe:
        for profile in ("release", "debug"):
            candidate = ROOT / "target" / profile / "glosslint"
            if candidate.exists():
                exe = str(candidate)
                break
    return exe


def test_same_findings_as_the_command_line(g, tmp_path):
    exe = glosslint_binary()
    if not exe:
        pytest.fail("no glosslint binary: set GLOSSLINT_BIN or run `cargo build` first")
    article = (ROOT / "examples" / "sahel" / "article.fr.txt").read_text()
    path = tmp_path / "article.txt"
    path.write_text(article)
    out = subprocess.run(
        [exe, "check", "--no-cache", "-g", str(SAHEL), "--lang", "fr", "--format", "json", str(path)],
        capture_output=True,
        text=True,
    )
    assert out.returncode in (0, 1), out.stderr
    cli = [
        (f["rule"], f["span"]["start"], f["span"]["end"], (f.get("fix") or {}).get("replacement"))
        for f in json.loads(out.stdout)["findings"]
    ]
    ours = [(f.rule, f.byte_start, f.byte_end, f.replacement) for f in g.check(article, lang="fr")]
    assert ours == cli and len(ours) >= 4


def test_the_package_docstring_runs():
    import doctest

    result = doctest.testmod(glosslint)
    assert result.attempted >= 4 and result.failed == 0
