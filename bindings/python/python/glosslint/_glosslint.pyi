"""Types of the compiled module (see the package's README for the whole API)."""

import os
from collections.abc import Sequence
from typing import Literal, Optional, Union, final

__version__: str
__all__ = [
    "Checked",
    "Finding",
    "FixError",
    "Fixed",
    "Glossary",
    "GlossaryError",
    "GlosslintError",
    "ParseError",
    "__version__",
    "rules",
]

_Path = Union[str, os.PathLike[str]]
_Level = Literal["safe", "unsafe"]
_PerText = Union[str, Sequence[Optional[str]], None]

class GlosslintError(Exception):
    """Every error glosslint raises: `path`, `line` and `column` say where (None where none
    applies)."""

    path: Optional[str]
    line: Optional[int]
    column: Optional[int]
    message: str
    errors: list[tuple[str, Optional[int], Optional[int], str]]

class GlossaryError(GlosslintError):
    """A glossary that does not load; `errors` holds every (path, line, column, message)."""

class ParseError(GlosslintError):
    """A text that does not parse in its format (line and column in the text)."""

class FixError(GlosslintError):
    """Fixes refused: the fixed text would no longer parse in its format."""

@final
class Finding:
    """One suspect span."""

    @property
    def rule(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> Literal["error", "warning"]: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def byte_start(self) -> int: ...
    @property
    def byte_end(self) -> int: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def replacement(self) -> Optional[str]: ...
    @property
    def applicability(self) -> Optional[Literal["safe", "unsafe", "display-only"]]: ...
    @property
    def entry(self) -> str: ...
    @property
    def matched(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def confidence(self) -> Optional[float]: ...
    @property
    def unit(self) -> Optional[str]: ...
    @property
    def source_mention(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, object]: ...

@final
class Checked:
    """One text's result in `Glossary.check_batch`."""

    @property
    def findings(self) -> list[Finding]: ...
    @property
    def lang(self) -> Optional[str]: ...
    @property
    def error(self) -> Optional[GlosslintError]: ...

@final
class Fixed:
    """One text's result in `Glossary.fix_batch`."""

    @property
    def text(self) -> str: ...
    @property
    def applied(self) -> int: ...
    @property
    def findings(self) -> list[Finding]: ...
    @property
    def remaining(self) -> list[Finding]: ...
    @property
    def lang(self) -> Optional[str]: ...
    @property
    def error(self) -> Optional[GlosslintError]: ...

@final
class Glossary:
    """A glossary, loaded once and used for any number of texts, from any number of
    threads."""

    @staticmethod
    def load(
        paths: Sequence[_Path] = ..., *, builtin: bool = True, columns: Optional[str] = None
    ) -> Glossary: ...
    @staticmethod
    def from_toml(text: str, *, name: str = "<string>", builtin: bool = False) -> Glossary: ...
    @staticmethod
    def from_bytes(data: bytes) -> Glossary: ...
    def to_bytes(self, languages: Optional[Sequence[str]] = None) -> bytes: ...
    def prepare(self, languages: Sequence[str]) -> None: ...
    @property
    def languages(self) -> list[str]: ...
    def __len__(self) -> int: ...
    def language(
        self, text: str, *, format: Optional[str] = None, path: Optional[_Path] = None
    ) -> str: ...
    def check(
        self,
        text: str,
        lang: Optional[str] = None,
        *,
        format: Optional[str] = None,
        path: Optional[_Path] = None,
        source: Optional[str] = None,
        source_lang: Optional[str] = None,
        disable: Optional[Sequence[str]] = None,
    ) -> list[Finding]: ...
    def fix(
        self,
        text: str,
        lang: Optional[str] = None,
        *,
        level: _Level = "safe",
        format: Optional[str] = None,
        path: Optional[_Path] = None,
        source: Optional[str] = None,
        source_lang: Optional[str] = None,
        disable: Optional[Sequence[str]] = None,
    ) -> str: ...
    def check_batch(
        self,
        texts: Sequence[str],
        langs: _PerText = None,
        *,
        format: Optional[str] = None,
        sources: _PerText = None,
        source_lang: Optional[str] = None,
        disable: Optional[Sequence[str]] = None,
        threads: Optional[int] = None,
    ) -> list[Checked]: ...
    def fix_batch(
        self,
        texts: Sequence[str],
        langs: _PerText = None,
        *,
        level: _Level = "safe",
        format: Optional[str] = None,
        sources: _PerText = None,
        source_lang: Optional[str] = None,
        disable: Optional[Sequence[str]] = None,
        threads: Optional[int] = None,
    ) -> list[Fixed]: ...

def rules() -> list[tuple[str, str, str]]:
    """Every rule: (name, code, summary)."""
