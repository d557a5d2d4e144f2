"""Find named entities that a translation mangled, against a multilingual glossary, and fix
them safely.

>>> import glosslint
>>> g = glosslint.Glossary.load(builtin=True)          # the built-in world glossary
>>> text = "The Nigerian forces of Niger returned to Niamey."
>>> [(f.rule, f.text, f.replacement) for f in g.check(text, lang="en")]
[('context-confusable', 'Nigerian', 'Nigerien')]
>>> g.fix(text, lang="en", level="unsafe")
'The Nigerien forces of Niger returned to Niamey.'

See ``help(glosslint.Glossary)`` and the package's README for the whole API.
"""

from ._glosslint import (
    Checked,
    Finding,
    FixError,
    Fixed,
    Glossary,
    GlossaryError,
    GlosslintError,
    ParseError,
    __version__,
    rules,
)

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
