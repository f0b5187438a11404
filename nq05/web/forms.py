"""The base of every web form: WTForms' own messages in the user's language.

WTForms ships no Vietnamese catalog, so nq05 carries one (``translations/vi/.../wtforms.po``);
English uses WTForms' messages as they are.

Typed fields here stop at their own parse error ("Cần nhập một số nguyên."), so a value that is
not a number is not also told it is out of range.
"""

from __future__ import annotations

import os

from babel import support
from flask import flash, has_request_context, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, fields
from wtforms.validators import DataRequired, Length, StopValidation

from nq05.web.validators import CODE_RULE

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


class _StopAtParseError:
    def pre_validate(self, form):
        typed = any(str(value).strip() for value in (self.raw_data or ()))
        if self.process_errors and typed:
            # the parse error is already shown; the range checks would only add noise (a blank
            # value goes on to Optional/InputRequired, which decide about it)
            raise StopValidation()
        super().pre_validate(form)


class IntegerField(_StopAtParseError, fields.IntegerField):
    pass


class DateField(_StopAtParseError, fields.DateField):
    pass


def code_field():
    """The code of a reference record (a unit, a programme...), as the bundle files name it."""
    return StringField(
        _l("Mã"), validators=[DataRequired(_l("Vui lòng nhập mã.")), Length(max=64), CODE_RULE]
    )


def name_field():
    return StringField(_l("Tên"), validators=[DataRequired(_l("Vui lòng nhập tên.")), Length(max=255)])


def show_refusal(form, error) -> None:
    """Show a refused change (an error with ``message`` and ``field``) on its field, or flash it."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "error")
