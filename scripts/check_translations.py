#!/usr/bin/env python3
"""Check the translation catalogs; exit 1 with the list of problems (CI runs it).

- every entry of every catalog (nq05/**/translations/<lang>/LC_MESSAGES/*.po) is translated and
  not fuzzy;
- every Vietnamese msgid the code and the templates use (gettext, _l, lazy_pgettext, ... in
  nq05/**.py and nq05/**.html) has an English translation in some feature's catalog.

Fix a problem with ``scripts/update-translations FEATURE`` and by filling in the ``msgstr``.
Needs only Babel (and Jinja2 for the templates).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parent.parent / "nq05"
METHODS = [("**.py", "python"), ("**.html", "jinja2")]
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_pgettext": ((1, "c"), 2)}
OPTIONS = {"**.html": {"extensions": "jinja2.ext.do"}}


def catalogs() -> list[Path]:
    return sorted(PACKAGE.glob("**/translations/*/LC_MESSAGES/*.po"))


def _msgid(message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _read(path: Path):
    with open(path, "rb") as f:
        return read_po(f)


def untranslated_or_fuzzy() -> list[str]:
    problems = []
    for path in catalogs():
        for message in _read(path):
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            where = f"{path.relative_to(PACKAGE.parent)}: {_msgid(message)!r}"
            if message.fuzzy:
                problems.append(f"{where} is fuzzy")
            elif not all(strings):
                problems.append(f"{where} is not translated")
    return problems


def english() -> set[tuple[str | None, str]]:
    """(context, msgid) of every translated, non-fuzzy entry of the English catalogs."""
    found = set()
    for path in PACKAGE.glob("**/translations/en/LC_MESSAGES/*.po"):
        for message in _read(path):
            if message.id and message.string and not message.fuzzy:
                found.add((message.context, _msgid(message)))
    return found


def used() -> list[tuple[str, str | None, str]]:
    """(file, context, msgid) of every message the code and templates use."""
    found = []
    for folder in sorted(p for p in PACKAGE.iterdir() if p.is_dir()):
        if folder.name in ("translations", "static", "__pycache__"):
            continue
        for filename, _lineno, message, _comments, context in extract_from_dir(
            folder, METHODS, keywords=KEYWORDS, options_map=OPTIONS
        ):
            msgid = message if isinstance(message, str) else message[0]
            if msgid:
                found.append((str((folder / filename).relative_to(PACKAGE)), context, msgid))
    for filename, _lineno, message, _comments, context in extract_from_dir(
        PACKAGE, [("*.py", "python")], keywords=KEYWORDS, options_map=OPTIONS
    ):
        msgid = message if isinstance(message, str) else message[0]
        if msgid:
            found.append((filename, context, msgid))
    return found


def without_english() -> list[str]:
    translated = english()
    return sorted({f"{where}: {msgid!r}" for where, ctx, msgid in used() if (ctx, msgid) not in translated})


def main() -> int:
    problems = untranslated_or_fuzzy() + [f"{p} has no English translation" for p in without_english()]
    for problem in problems:
        print(problem)
    if problems:
        print(
            f"{len(problems)} translation problem(s): run scripts/update-translations FEATURE",
            file=sys.stderr,
        )
        return 1
    print(f"{len(catalogs())} catalogs: every message translated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
