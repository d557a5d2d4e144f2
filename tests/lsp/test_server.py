"""`glosslint server` driven end to end over stdio by a real LSP client (pytest-lsp).

Each test starts the binary in a fresh workspace holding a glosslint.toml and the Sahel
glossary of the repository, as an editor would, and reads what the server sends back:
diagnostics, code actions, hover. `scripts/test-lsp.sh` builds the binary and runs this file.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

REPO = Path(__file__).resolve().parents[2]
BINARY = os.environ.get("GLOSSLINT_BIN", str(REPO / "target" / "release" / "glosslint"))
ARTICLE = "The military ruler of Mali, Qasimi Quetta, spoke in Bamako.\n"


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    shutil.copy(REPO / "glossaries" / "sahel.toml", tmp_path / "sahel.toml")
    (tmp_path / "glosslint.toml").write_text('glossaries = ["sahel.toml"]\n')
    return tmp_path


# The server inherits the environment: scripts/test-lsp.sh points GLOSSLINT_CACHE_DIR at a
# folder of its own, where the server writes the rules' documentation.
SERVER = ClientServerConfig(server_command=[BINARY, "server", "--debounce", "20"])


async def start(client: LanguageClient, root: Path, encodings: list[str] | None = None):
    capabilities = client_capabilities("visual-studio-code")
    if encodings is not None:
        capabilities.general = types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind(e) for e in encodings]
        )
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="sample")],
        )
    )


def accept_registrations(client: LanguageClient) -> list:
    """Answers `client/registerCapability` as an editor does, keeping what was registered."""
    registered: list = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        registered.extend(params.registrations)

    return registered


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, workspace: Path):
    lsp_client.workspace_root = workspace  # type: ignore[attr-defined]
    lsp_client.registered = accept_registrations(lsp_client)  # type: ignore[attr-defined]
    await start(lsp_client, workspace)
    yield
    await lsp_client.shutdown_session()


async def diagnostics_for(client: LanguageClient, uri: str, until=None, timeout: float = 10.0):
    """The diagnostics the server publishes next for `uri` (that satisfy `until`)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            await asyncio.wait_for(
                client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS),
                timeout=max(0.01, deadline - time.monotonic()),
            )
        except asyncio.TimeoutError:
            break
        if uri in client.diagnostics and (until is None or until(client.diagnostics[uri])):
            return client.diagnostics[uri]
    raise AssertionError(f"no diagnostics for {uri}: {client.diagnostics.get(uri)}")


def open_doc(client: LanguageClient, path: Path, text: str, language: str, version: int = 1) -> str:
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)
        )
    )
    return uri


def replace_text(client: LanguageClient, uri: str, version: int, text: str) -> None:
    """Sends the whole new text of the document, as version `version`."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def code_actions(client: LanguageClient, uri: str, range_: types.Range, diagnostics, only=None):
    """The server's code actions for `range_` of the document."""
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=range_,
            context=types.CodeActionContext(diagnostics=list(diagnostics), only=only),
        )
    )


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Applies LSP edits (UTF-16 positions) to `text`, last first."""
    lines = text.split("\n")

    def offset(p: types.Position) -> int:
        before = sum(len(l) + 1 for l in lines[: p.line])
        line = lines[p.line] if p.line < len(lines) else ""
        units, chars = 0, 0
        for c in line:
            if units >= p.character:
                break
            units += 2 if ord(c) > 0xFFFF else 1
            chars += 1
        return before + chars

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end) :]
    return text


def edits_of(action: types.CodeAction) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.document_changes is not None
    (change,) = action.edit.document_changes
    return list(change.edits)


@pytest.mark.asyncio
async def test_diagnostics_on_open_name_rule_span_entry_and_documentation(client: LanguageClient):
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    # A character outside the BMP before the name: two UTF-16 units, one character.
    text = "# 𝐀 Mali\n\n" + ARTICLE
    uri = open_doc(client, root / "article.md", text, "markdown")
    (d,) = await diagnostics_for(client, uri)
    assert d.code == "GL001"
    assert d.source == "glosslint"
    assert d.severity == types.DiagnosticSeverity.Error
    assert d.range == types.Range(types.Position(2, 28), types.Position(2, 41))
    assert d.data["entry"] == "assimi-goita"
    assert d.data["replacement"] == "Assimi Goïta"
    assert d.data["applicability"] == "safe"
    # The rule's documentation, linked: a file the server wrote, that explains the rule.
    href = d.code_description.href
    assert href.startswith("file://") and href.endswith("/known-variant.md")
    assert "**Fix safety**" in Path(href[len("file://") :]).read_text()

    # In the first line, after the non-BMP character, UTF-16 counts it twice.
    text2 = "𝐀 Qasimi Quetta\n"
    uri2 = open_doc(client, root / "title.txt", text2, "plaintext")
    (d2,) = await diagnostics_for(client, uri2)
    assert d2.range == types.Range(types.Position(0, 3), types.Position(0, 16))


@pytest.mark.asyncio
async def test_changes_are_checked_again_and_quick_fixes_are_labelled(client: LanguageClient):
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    # French by its folder: "Qasimi Quetta" is a listed wrong form (safe fix), "Takoba" a
    # near-miss of Takuba (unsafe fix).
    (root / "fr").mkdir()
    text = "Mali, Qasimi Quetta et la force Takoba.\n"
    uri = open_doc(client, root / "fr" / "article.md", text, "markdown")
    diags = await diagnostics_for(client, uri)
    assert [(d.code, d.range.start.character) for d in diags] == [("GL001", 6), ("GL002", 32)]

    everything = types.Range(types.Position(0, 0), types.Position(1, 0))
    actions = await code_actions(client, uri, everything, list(diags))
    titles = [a.title for a in actions]
    safe = next(a for a in actions if a.title.startswith("Replace “Qasimi Quetta”"))
    assert safe.title == "Replace “Qasimi Quetta” with “Assimi Goïta” (safe fix)"
    assert safe.kind == types.CodeActionKind.QuickFix and safe.is_preferred is True
    assert safe.diagnostics[0].code == "GL001"
    assert apply(text, edits_of(safe)) == "Mali, Assimi Goïta et la force Takoba.\n"
    unsafe = next(a for a in actions if a.title.startswith("Replace “Takoba”"))
    assert unsafe.title == "Replace “Takoba” with “Takuba” (unsafe fix: check it)"
    assert unsafe.is_preferred is False
    assert "Suppress GL001 (known-variant) here" in titles
    assert "Suppress GL002 (near-miss) here" in titles
    # The source action applies the safe fixes only, as `glosslint check --fix` does.
    fix_all = next(a for a in actions if a.kind == "source.fixAll.glosslint")
    assert fix_all.title == "Fix all safe glosslint findings (1 fix)"
    fixed = apply(text, edits_of(fix_all))
    assert fixed == "Mali, Assimi Goïta et la force Takoba.\n"

    # An incremental change: the client sends the edit, the server checks the new text.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(range=e.range, text=e.new_text)
                for e in edits_of(fix_all)
            ],
        )
    )
    (left,) = await diagnostics_for(client, uri, until=lambda d: len(d) == 1)
    assert left.code == "GL002" and left.range.start == types.Position(0, 31)

    # Only the kind asked for: an editor's fix-all on save asks for source.fixAll.
    only = await code_actions(client, uri, everything, [], only=[types.CodeActionKind.SourceFixAll])
    assert list(only) == []


@pytest.mark.asyncio
async def test_a_suppression_comment_is_inserted_and_honoured(client: LanguageClient):
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    uri = open_doc(client, root / "article.md", ARTICLE, "markdown")
    (d,) = await diagnostics_for(client, uri)
    actions = await code_actions(client, uri, d.range, [d], only=[types.CodeActionKind.QuickFix])
    assert all(a.kind == types.CodeActionKind.QuickFix for a in actions)
    suppress = next(a for a in actions if a.title.startswith("Suppress"))
    suppressed = apply(ARTICLE, edits_of(suppress))
    assert suppressed == ARTICLE.rstrip("\n") + " <!-- glosslint-ignore GL001 -->\n"
    replace_text(client, uri, 2, suppressed)
    assert list(await diagnostics_for(client, uri, until=lambda d: len(d) == 0)) == []


@pytest.mark.asyncio
async def test_po_entries_are_checked_in_msgstr_and_suppressed_by_a_translator_comment(client: LanguageClient):
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    po = (
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
        '#: article.c:12\nmsgid "the ruler Assimi Goita"\nmsgstr "le dirigeant Qasimi Quetta"\n'
    )
    uri = open_doc(client, root / "fr.po", po, "po")
    (d,) = await diagnostics_for(client, uri)
    assert d.code == "GL001"
    assert d.range == types.Range(types.Position(6, 21), types.Position(6, 34))
    actions = await code_actions(client, uri, d.range, [d])
    suppress = next(a for a in actions if a.title.startswith("Suppress"))
    suppressed = apply(po, edits_of(suppress))
    assert "\n\n# glosslint-ignore GL001\n#: article.c:12\n" in suppressed
    replace_text(client, uri, 2, suppressed)
    assert list(await diagnostics_for(client, uri, until=lambda d: len(d) == 0)) == []


@pytest.mark.asyncio
async def test_hover_names_the_entry_and_the_fix(client: LanguageClient):
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    uri = open_doc(client, root / "article.md", ARTICLE, "markdown")
    (d,) = await diagnostics_for(client, uri)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(0, 30),
        )
    )
    assert hover is not None and hover.range == d.range
    value = hover.contents.value
    assert "**GL001** `known-variant`" in value
    assert "Entry `assimi-goita` (person): “Assimi Goïta” in en" in value
    assert "Fix (safe): “Assimi Goïta”" in value
    nothing = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, 2))
    )
    assert nothing is None


@pytest.mark.asyncio
async def test_bad_input_is_a_diagnostic_and_the_server_goes_on(client: LanguageClient):
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    broken = '<?xml version="1.0"?>\n<xliff version="1.2">\n<file source-language="en" target-language="fr">\n<body>\n<trans-unit id="1"><source>x</source>\n</file>\n'
    uri = open_doc(client, root / "broken.xlf", broken, "xml")
    (d,) = await diagnostics_for(client, uri)
    assert d.severity == types.DiagnosticSeverity.Error
    assert d.message.startswith("not valid xliff: malformed XML: ")
    assert d.range.start.line > 0
    # Bytes that are no text the editor sends (a NUL, a lone CR), and a huge line: checked.
    odd = "Qasimi Quetta\x00\r" + "x" * 200_000 + "\n"
    uri2 = open_doc(client, root / "odd.txt", odd, "plaintext")
    (d2,) = await diagnostics_for(client, uri2)
    assert d2.code == "GL001" and d2.range.start == types.Position(0, 0)
    # And the first document still answers.
    actions = await code_actions(client, uri, d.range, [d])
    assert list(actions) == []


@pytest.mark.asyncio
async def test_glossary_changes_are_picked_up_and_glossary_errors_shown(client: LanguageClient):
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    # The server asked to be told of changes to configuration and glossary files.
    for _ in range(100):
        if client.registered:  # type: ignore[attr-defined]
            break
        await asyncio.sleep(0.05)
    (registration,) = client.registered  # type: ignore[attr-defined]
    assert registration.method == "workspace/didChangeWatchedFiles"
    globs = [w["globPattern"] for w in registration.register_options["watchers"]]
    assert "**/glosslint.toml" in globs and "**/*.toml" in globs
    text = "The Takuba force and the Barkhane operation, then Serval.\n"
    uri = open_doc(client, root / "ops.md", text, "markdown")
    await diagnostics_for(client, uri, until=lambda d: len(d) == 0)

    glossary = root / "sahel.toml"
    original = glossary.read_text()
    # A broken glossary: the document says why it is not checked and where the error is.
    glossary.write_text(original + "\n[[entry]]\nid = \n")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=glossary.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    (d,) = await diagnostics_for(client, uri, until=lambda d: len(d) == 1)
    assert d.message.startswith("not checked: the glossary has errors")
    assert d.related_information and d.related_information[0].location.uri == glossary.as_uri()

    # Mended with a new wrong form: found at once.
    glossary.write_text(
        original
        + '\n[[entry]]\nid = "serval"\nkind = "operation"\n[entry.forms.en]\ncanonical = "Serval"\nvariants = ["Servale"]\n'
    )
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=glossary.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    await diagnostics_for(client, uri, until=lambda d: len(d) == 0)
    replace_text(client, uri, 2, text.replace("Serval", "Servale"))
    (d,) = await diagnostics_for(client, uri, until=lambda d: len(d) == 1)
    assert d.code == "GL001" and d.data["entry"] == "serval"


@pytest.mark.asyncio
async def test_a_bilingual_file_is_checked_with_its_folder_s_configuration(client: LanguageClient):
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    folder = root / "bilingual"
    folder.mkdir()
    shutil.copy(REPO / "examples" / "bilingual" / "glossary.toml", folder / "glossary.toml")
    (folder / "glosslint.toml").write_text('glossaries = ["glossary.toml"]\n')
    xlf = (REPO / "examples" / "bilingual" / "news.xlf").read_text()
    uri = open_doc(client, folder / "news.xlf", xlf, "xml")
    diags = await diagnostics_for(client, uri)
    assert [(d.code, d.range.start.line, d.data["unit"]) for d in diags] == [
        ("GL009", 6, "1"),
        ("GL009", 10, "2"),
        ("GL009", 14, "3"),
    ]
    assert diags[0].data["replacement"] == "Statistisk sentralbyrå"
    assert "unit “1”, source (en): “Statistics Norway”" in diags[0].message


@pytest_lsp.fixture(config=SERVER)
async def utf8_client(lsp_client: LanguageClient, workspace: Path):
    lsp_client.workspace_root = workspace  # type: ignore[attr-defined]
    accept_registrations(lsp_client)
    result = await start(lsp_client, workspace, encodings=["utf-8", "utf-16"])
    lsp_client.negotiated = result.capabilities.position_encoding  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_utf8_positions_when_the_client_offers_them(utf8_client: LanguageClient):
    assert utf8_client.negotiated == types.PositionEncodingKind.Utf8  # type: ignore[attr-defined]
    root: Path = utf8_client.workspace_root  # type: ignore[attr-defined]
    uri = open_doc(utf8_client, root / "title.txt", "𝐀 Qasimi Quetta\n", "plaintext")
    (d,) = await diagnostics_for(utf8_client, uri)
    # "𝐀 " is five bytes.
    assert d.range == types.Range(types.Position(0, 5), types.Position(0, 18))


@pytest.mark.asyncio
async def test_xliff_and_webvtt_suppressions_are_notes_of_their_own_syntax(client: LanguageClient):
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    folder = root / "bilingual"
    folder.mkdir()
    shutil.copy(REPO / "examples" / "bilingual" / "glossary.toml", folder / "glossary.toml")
    (folder / "glosslint.toml").write_text('glossaries = ["glossary.toml"]\n')
    xlf = (REPO / "examples" / "bilingual" / "news.xlf").read_text()
    uri = open_doc(client, folder / "news.xlf", xlf, "xml")
    diags = await diagnostics_for(client, uri)
    first = diags[0]
    actions = await code_actions(client, uri, first.range, [first])
    suppress = next(a for a in actions if a.title == "Suppress GL009 (missing-rendering) here")
    suppressed = apply(xlf, edits_of(suppress))
    assert "<note>glosslint-ignore GL009</note></trans-unit>" in suppressed
    replace_text(client, uri, 2, suppressed)
    left = await diagnostics_for(client, uri, until=lambda d: len(d) == len(diags) - 1)
    assert [d.data["unit"] for d in left] == ["2", "3"]

    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nThe ruler Qasimi Quetta spoke.\n\n"
        "00:00:03.000 --> 00:00:04.000\nAgain Qasimi Quetta.\n"
    )
    uri = open_doc(client, root / "talk.vtt", vtt, "vtt")
    diags = await diagnostics_for(client, uri)
    assert [d.range.start.line for d in diags] == [3, 6]
    actions = await code_actions(client, uri, diags[0].range, [diags[0]])
    suppress = next(a for a in actions if a.title.startswith("Suppress"))
    suppressed = apply(vtt, edits_of(suppress))
    assert suppressed == (
        "WEBVTT\n\nNOTE glosslint-disable GL001\n\n00:00:01.000 --> 00:00:02.000\n"
        "The ruler Qasimi Quetta spoke.\n\nNOTE glosslint-enable GL001\n\n"
        "00:00:03.000 --> 00:00:04.000\nAgain Qasimi Quetta.\n"
    )
    replace_text(client, uri, 2, suppressed)
    (left,) = await diagnostics_for(client, uri, until=lambda d: len(d) == 1)
    assert left.range.start.line == 10
