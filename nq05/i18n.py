"""Languages: Vietnamese (the msgids) first, English as a translation, in one set of Babel catalogs.

Every feature keeps its English catalog in ``nq05/<feature>/translations`` (the web shell's also
holds the core modules' and the layout's words); Flask-Babel merges them. Pages speak the user's
choice (nq05.web.i18n). Outside a request the language is Vietnamese unless the code chooses with
``force_locale``: a command speaks the command line's language (``cli_locale()``, see
nq05.cli.requires_schema); reminders, official notices, are Vietnamese. The ``.mo`` files are
compiled when the package is built or installed (setup.py), never when the app starts.
"""

from __future__ import annotations

import glob
import os

from flask.globals import _cv_app
from flask_babel import Domain, get_locale

#: the languages, the default first
LANGUAGES = ("vi", "en")

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def cli_locale() -> str:
    """'vi' or 'en': NQ05_LOCALE wins, then LC_ALL/LC_MESSAGES/LANG; Vietnamese by default."""
    for var in ("NQ05_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            if value.lower().startswith("en"):
                return "en"
            if value.lower().startswith("vi"):
                return "vi"
            if var == "NQ05_LOCALE":
                break
    return "vi"


def translation_directories() -> list[str]:
    """Every ``translations`` folder of the package: each feature's (and a top-level one if any)."""
    found = glob.glob(os.path.join(PACKAGE_DIR, "*", "translations"))
    top = os.path.join(PACKAGE_DIR, "translations")
    if os.path.isdir(top):
        found.append(top)
    return sorted(d for d in found if os.path.isdir(d))


def in_sentence(text) -> str:
    """A label as it reads inside a sentence: its first letter in lower case ("trình độ chuyên môn")."""
    text = str(text)
    return text[:1].lower() + text[1:]


def current_locale_name() -> str | None:
    """The name of ``flask_babel.get_locale()`` ("vi", "en"; None outside an application
    context), in a fraction of its time once the request's locale is chosen: what Flask-Babel
    keeps on ``g`` (also under ``force_locale``) is read without its context look-ups, and its
    name kept beside it (a Locale is made anew for every request, and comparing two costs more
    than a dict look-up). Hundreds of labels, words and numbers on a page each ask."""
    ctx = _cv_app.get(None)
    if ctx is None:
        return None
    kept = ctx.g.__dict__.get("_flask_babel")
    locale = getattr(kept, "babel_locale", None)
    if locale is None:
        locale = get_locale()
        if locale is None:
            return None
        kept = ctx.g.__dict__.get("_flask_babel")
    named = getattr(kept, "nq05_locale_name", None)
    if named is not None and named[0] is locale:
        return named[1]
    name = str(locale)
    if kept is not None:
        kept.nq05_locale_name = (locale, name)
    return name


class LocaleKeyedDomain(Domain):
    """Flask-Babel's message domain, its translations found by the current locale in one dict
    look-up: every ``gettext`` asks for them (hundreds on a findings page), and Flask-Babel's
    own way costs a few context look-ups and the locale's name each time."""

    def __init__(self, translation_directories=None, domain="messages"):
        super().__init__(translation_directories, domain)
        self._by_locale: dict = {}

    def get_translations(self):
        locale = current_locale_name()
        if locale is None:  # no application context: Flask-Babel's null translations
            return super().get_translations()
        found = self._by_locale.get(locale)
        if found is None:
            found = self._by_locale[locale] = super().get_translations()
        return found
