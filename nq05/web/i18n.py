"""The language of the web UI: the user's choice, Vietnamese unless they ask for English.

The catalogs and the language outside requests are nq05.i18n's.
"""

from __future__ import annotations

from flask import has_request_context, request, session
from flask_babel import get_translations

from nq05.extensions import babel
from nq05.i18n import LANGUAGES, LocaleKeyedDomain, current_locale_name, translation_directories

LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
#: Where the user's choice is kept (session and a long-lived cookie).
LANG_KEY = "lang"


def select_locale() -> str:
    """The user's choice (session, then cookie), else Vietnamese.

    The browser's Accept-Language is not consulted: many browsers in the province are set to
    English, and the Organisation Board wants Vietnamese unless a user asks otherwise. Outside a
    request (CLI, Celery tasks) it is Vietnamese too, unless the code forces another locale.
    """
    if not has_request_context():
        return LANGUAGES[0]
    choice = session.get(LANG_KEY) or request.cookies.get(LANG_KEY)
    return choice if choice in LANGUAGES else LANGUAGES[0]


def init_i18n(app) -> None:
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(translation_directories())
    babel.init_app(app, locale_selector=select_locale)
    if not isinstance(babel.__dict__.get("domain_instance"), LocaleKeyedDomain):
        babel.domain_instance = LocaleKeyedDomain(domain=app.config.get("BABEL_DOMAIN", "messages"))
    app.jinja_env.install_gettext_callables(
        gettext=_template_gettext,
        ngettext=lambda s, p, n: get_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: get_translations().unpgettext(c, s, p, n),
    )


#: (locale, text) -> its translation, for the templates' ``_('...')`` (Flask-Babel's looks the
#: catalogs up through its context each time, about 10 µs; a page has a hundred). The texts are
#: the templates' literals; the bound is a guard.
_TEMPLATE_WORDS: dict[tuple, str] = {}
_TEMPLATE_WORDS_KEPT = 20_000


def _template_gettext(text: str) -> str:
    key = (current_locale_name(), text)
    found = _TEMPLATE_WORDS.get(key)
    if found is None:
        found = get_translations().ugettext(text)
        if len(_TEMPLATE_WORDS) < _TEMPLATE_WORDS_KEPT:
            _TEMPLATE_WORDS[key] = found
    return found
