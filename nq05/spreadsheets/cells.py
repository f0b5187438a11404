"""Formula-safe cell values (pure): the CSV rule of shared/spec/bundle.md, and sheet titles.

A spreadsheet evaluates a CSV cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return. Such a text value is written with a leading ``'`` and read back without it, so the value
comes back exactly. A value that already begins with quotes before one of those characters gets
one more quote (and loses one on reading), so it round-trips too (docs/bundle.md).
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTED = re.compile("^'+[=+\\-@\t\r]")
_NEEDS_QUOTE = re.compile("^'*[=+\\-@\t\r]")

#: characters Excel does not allow in a sheet title
_TITLE_FORBIDDEN = re.compile(r"[\\/?*\[\]:\x00-\x1f]")
MAX_TITLE = 31


def csv_text(value: str) -> str:
    """A text value as a CSV cell: never read as a formula."""
    return "'" + value if _NEEDS_QUOTE.match(value) else value


def from_csv_text(text: str) -> str:
    """A CSV cell's text back as the value ``csv_text`` was given."""
    return text[1:] if _QUOTED.match(text) else text


def sheet_title(text: str) -> str:
    """``text`` as a valid sheet title (at most 31 characters, none of ``\\ / ? * [ ] :``)."""
    return _TITLE_FORBIDDEN.sub("_", text)[:MAX_TITLE].strip("'") or "_"
