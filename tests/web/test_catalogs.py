"""The English catalogs: every Vietnamese msgid in the code and templates has a translation."""

from __future__ import annotations

import glob
import os

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

PACKAGE = os.path.join(os.path.dirname(__file__), "..", "..", "nq05")
METHODS = [("**.py", "python"), ("**.html", "jinja2")]
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_pgettext": ((1, "c"), 2)}
OPTIONS = {"**.html": {"extensions": "jinja2.ext.do"}}


def _translated() -> dict[tuple[str | None, str], str]:
    found = {}
    for po in glob.glob(os.path.join(PACKAGE, "*", "translations", "en", "LC_MESSAGES", "*.po")):
        with open(po, "rb") as f:
            for message in read_po(f):
                if message.id and message.string and not message.fuzzy:
                    key = message.id if isinstance(message.id, str) else message.id[0]
                    found[(message.context, key)] = message.string
    return found


def _used():
    for folder in sorted(glob.glob(os.path.join(PACKAGE, "*", ""))) + [PACKAGE]:
        if os.path.basename(folder.rstrip("/")) in ("translations", "static", "__pycache__"):
            continue
        recursive = folder != PACKAGE
        for filename, _lineno, message, _comments, context in extract_from_dir(
            folder,
            METHODS if recursive else [("*.py", "python"), ("templates/**.html", "jinja2")],
            keywords=KEYWORDS,
            options_map=OPTIONS,
        ):
            msgid = message if isinstance(message, str) else message[0]
            if msgid:
                yield os.path.relpath(os.path.join(folder, filename), PACKAGE), context, msgid


def test_every_message_has_an_english_translation():
    translated = _translated()
    missing = sorted(
        {f"{where}: {msgid!r}" for where, ctx, msgid in _used() if (ctx, msgid) not in translated}
    )
    assert not missing, "no English for (run scripts/update-translations <feature>):\n" + "\n".join(missing)
