"""Languages of the web UI: Vietnamese (the msgids) first, English as a translation.

Every feature keeps its catalog in ``nq05/<feature>/translations``; all of them are merged, and
a ``.po`` is compiled to its ``.mo`` at app start when the ``.mo`` is missing or older.
"""

from __future__ import annotations

import glob
import os

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import has_request_context, request, session

from nq05.extensions import babel

#: The UI languages, the default first.
LANGUAGES = ("vi", "en")
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
#: Where the user's choice is kept (session and a long-lived cookie).
LANG_KEY = "lang"

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def translation_directories() -> list[str]:
    """Every ``translations`` folder of the package: the top-level one and each feature's."""
    found = glob.glob(os.path.join(PACKAGE_DIR, "*", "translations"))
    top = os.path.join(PACKAGE_DIR, "translations")
    if os.path.isdir(top):
        found.append(top)
    return sorted(d for d in found if os.path.isdir(d))


def compile_catalogs(directories: list[str]) -> list[str]:
    """Compile each ``.po`` whose ``.mo`` is missing or older; return the ``.mo`` files written."""
    written = []
    for directory in directories:
        for po_path in glob.glob(os.path.join(directory, "*", "LC_MESSAGES", "*.po")):
            mo_path = po_path[:-3] + ".mo"
            if os.path.exists(mo_path) and os.path.getmtime(mo_path) >= os.path.getmtime(po_path):
                continue
            with open(po_path, "rb") as f:
                catalog = read_po(f)
            tmp = f"{mo_path}.{os.getpid()}.tmp"
            with open(tmp, "wb") as f:
                write_mo(f, catalog)
            os.replace(tmp, mo_path)  # atomic: two processes starting together never read half a file
            written.append(mo_path)
    return written


def select_locale() -> str:
    """The user's choice (session, then cookie), else Vietnamese.

    The browser's Accept-Language is not consulted: many browsers in the province are set to
    English, and the Organisation Board wants Vietnamese unless a user asks otherwise. Outside a
    request (CLI, Celery tasks) it is Vietnamese too: mail and reports go to Vietnamese users.
    """
    if not has_request_context():
        return LANGUAGES[0]
    choice = session.get(LANG_KEY) or request.cookies.get(LANG_KEY)
    return choice if choice in LANGUAGES else LANGUAGES[0]


def init_i18n(app) -> None:
    directories = translation_directories()
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(directories)
    compile_catalogs(directories)
    babel.init_app(app, locale_selector=select_locale)
