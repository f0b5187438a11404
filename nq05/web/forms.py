"""The base of every web form: WTForms' own messages in the user's language.

WTForms ships no Vietnamese catalog, so nq05 carries one (``translations/vi/.../wtforms.po``);
English uses WTForms' messages as they are.

Typed fields here stop at their own parse error ("Cần nhập một số nguyên."), so a value that is
not a number is not also told it is out of range. They read what the bundle import reads: whole
numbers in ASCII digits only, dates within the years of nq05.domain.fields.
"""

from __future__ import annotations

import os

from babel import support
from flask import has_request_context, request
from flask_babel import get_locale
from flask_wtf import FlaskForm
from wtforms import fields
from wtforms.validators import StopValidation

from nq05.domain.fields import WholeNumber, date_problem
from nq05.web.validators import problem_message

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


class DateField(_StopAtParseError, fields.DateField):
    def post_validate(self, form, validation_stopped):
        if validation_stopped or self.errors or self.data is None:
            return
        problem = date_problem(self.data)
        if problem is not None:
            self.errors.append(problem_message(problem))
