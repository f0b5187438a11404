"""The base of every web form: WTForms' own messages in the user's language.

WTForms ships no Vietnamese catalog, so nq05 carries one (``translations/vi/.../wtforms.po``);
English uses WTForms' messages as they are.
"""

from __future__ import annotations

import os

from babel import support
from flask import has_request_context, request
from flask_babel import get_locale
from flask_wtf import FlaskForm

_DIRECTORY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "translations")


class _BuiltInMessages:
    """gettext for WTForms' built-in validator and field messages, per request locale."""

    @staticmethod
    def _catalog():
        if not has_request_context():
            return None
        catalog = getattr(request, "nq05_wtforms_catalog", None)
        if catalog is None:
            catalog = support.Translations.load(_DIRECTORY, [get_locale()], domain="wtforms")
            request.nq05_wtforms_catalog = catalog
        return catalog

    def gettext(self, string):
        catalog = self._catalog()
        return string if catalog is None else catalog.gettext(string)

    def ngettext(self, singular, plural, n):
        catalog = self._catalog()
        if catalog is None:
            return singular if n == 1 else plural
        return catalog.ngettext(singular, plural, n)


_MESSAGES = _BuiltInMessages()


class Form(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _MESSAGES
