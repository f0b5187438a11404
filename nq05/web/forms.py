"""The base of every web form: WTForms' own messages in the user's language.

WTForms ships no Vietnamese catalog, so nq05 carries one (``translations/vi/.../wtforms.po``);
English uses WTForms' messages as they are.

Typed fields here stop at their own parse error ("Cần nhập một số nguyên."), so a value that is
not a number is not also told it is out of range. They read what the bundle import reads: whole
numbers in ASCII digits only, dates within the years of nq05.domain.fields.
"""

from __future__ import annotations

import os
from datetime import date, datetime

from babel import support
from flask import flash, has_request_context, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, fields
from wtforms.validators import DataRequired, StopValidation
from wtforms.widgets import TextInput

from nq05.domain.fields import CODE, NAME, WholeNumber, date_problem
from nq05.web.validators import CODE_RULE, FieldRule, problem_message

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


#: only the syntax: each field's own FieldRule gives its bounds
_ANY_WHOLE_NUMBER = WholeNumber(-(2**63), 2**63 - 1)
#: WTForms' own message, translated by its catalog (translations/vi/.../wtforms.po)
_NOT_AN_INTEGER = "Not a valid integer value."


class IntegerField(_StopAtParseError, fields.IntegerField):
    def process_formdata(self, valuelist):
        if not valuelist:
            return
        value, problem = _ANY_WHOLE_NUMBER.parse(valuelist[0])
        if problem is not None:
            self.data = None
            raise ValueError(self.gettext(_NOT_AN_INTEGER))
        self.data = value


#: what a date field takes: dd/mm/yyyy (d/m/yyyy too), or yyyy-mm-dd (links, scripts, old bookmarks)
DATE_INPUT_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
#: the browser's own check of the same (the server checks again)
DATE_PATTERN = r"\s*(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{1,2}-\d{1,2})\s*"
_DATE_HINT = _l("Ngày phải viết theo dạng ngày/tháng/năm, ví dụ 01/03/2014.")


def parse_date(text: str | None) -> date | None:
    """dd/mm/yyyy (or yyyy-mm-dd) as a date; None when empty; ValueError when unreadable."""
    text = (text or "").strip()
    if not text:
        return None
    for fmt in DATE_INPUT_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


class DateField(_StopAtParseError, fields.Field):
    """A date typed and shown dd/mm/yyyy whatever the browser's language: a text input with a
    pattern, not the native date input (which shows the browser's order, mm/dd/yyyy in English).
    ``data`` is a ``date`` or None; the year range is domain.fields' ``date_problem``."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {
            "pattern": DATE_PATTERN,
            "placeholder": _l("ngày/tháng/năm"),
            "title": _DATE_HINT,
            "inputmode": "numeric",
            "autocomplete": "off",
            **(kwargs.pop("render_kw", None) or {}),
        }
        kwargs.pop("format", None)  # always dd/mm/yyyy
        super().__init__(label, validators, render_kw=render_kw, **kwargs)

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return self.data.strftime("%d/%m/%Y") if isinstance(self.data, date) else ""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        try:
            self.data = parse_date(valuelist[0])
        except ValueError:
            self.data = None
            raise ValueError(str(_DATE_HINT)) from None

    def post_validate(self, form, validation_stopped):
        if validation_stopped or self.errors or self.data is None:
            return
        problem = date_problem(self.data)
        if problem is not None:
            self.errors.append(problem_message(problem))


def code_field():
    """The code of a reference record (a unit, a programme...), as the bundle files name it."""
    return StringField(
        _l("Mã"), validators=[DataRequired(_l("Vui lòng nhập mã.")), FieldRule(CODE), CODE_RULE]
    )


def name_field():
    return StringField(_l("Tên"), validators=[DataRequired(_l("Vui lòng nhập tên.")), FieldRule(NAME)])


def show_refusal(form, error) -> None:
    """Show a refused change (an error with ``message`` and ``field``) on its field, or flash it."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "error")
