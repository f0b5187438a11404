"""Field rules shared by the web forms and the bundle import: one validation (docs/validation.md).

A rule is pure: it takes a value and returns None or a Problem (a key and its parameters). The web
forms (``nq05.web.validators.FieldRule``) and the bundle import (``nq05.exchange.validate``) turn
a Problem into a message in the user's language; what is accepted is decided here only.

Lengths match the database columns (``tests/test_field_rules.py`` checks them against the models);
numbers have the bounds of shared/spec/bundle.md: what the column holds, and at most 10^9 for
counts and capacities.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date

from nq05.domain.codes import SETTING_DEFAULTS


@dataclass(frozen=True)
class Problem:
    key: str
    params: dict = field(default_factory=dict)


# --- text ----------------------------------------------------------------------------------------

#: Control characters (C0 except tab, DEL, C1) and the Unicode line and paragraph separators: they
#: forge lines in terminals and logs and break spreadsheets. A tab is harmless and may stay.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r"}


def _escape(char: str) -> str:
    code = ord(char)
    return _NAMED_ESCAPES.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def escaped(text: str) -> str:
    """``text`` with its control characters written as escapes (``\\n``, ``\\x07``): safe to echo."""
    return _CONTROL.sub(lambda m: _escape(m.group()), text)


@dataclass(frozen=True)
class Text:
    """One line of text, at most ``max_length`` characters (the column's length)."""

    max_length: int
    #: characters the value may not hold (``;`` separates the ids of a list in a bundle)
    forbidden: str = ""

    def check(self, value: str) -> Problem | None:
        control = _CONTROL.search(value)
        if control:
            return Problem("control_character", {"char": _escape(control.group())})
        if len(value) > self.max_length:
            return Problem("too_long", {"max": self.max_length, "length": len(value)})
        for char in self.forbidden:
            if char in value:
                return Problem("forbidden_character", {"char": char})
        return None


# A plain syntax check. email-validator refuses special-use domains (.local, .test, .internal),
# which provincial intranets use; nq05 only needs an address its own mail server accepts.
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")


@dataclass(frozen=True)
class Email(Text):
    def check(self, value: str) -> Problem | None:
        problem = super().check(value)
        if problem is None and (not _EMAIL.match(value) or ".." in value):
            problem = Problem("bad_email", {"value": value})
        return problem


# A phone number as an office writes it: digits in groups, a leading + for the country code.
_PHONE = re.compile(r"^\+?[0-9][0-9 ]*$")


@dataclass(frozen=True)
class Phone(Text):
    """Digits and spaces, a ``+`` only first; between ``min_digits`` and ``max_digits`` digits
    (15: the longest international number)."""

    min_digits: int = 6
    max_digits: int = 15

    def check(self, value: str) -> Problem | None:
        problem = super().check(value)
        if problem is None:
            digits = sum(c.isdigit() for c in value)
            if not _PHONE.match(value) or not (self.min_digits <= digits <= self.max_digits):
                problem = Problem("bad_phone", {"value": value})
        return problem


@dataclass(frozen=True)
class Password:
    min_length: int
    max_length: int

    def check(self, value: str) -> Problem | None:
        if len(value) < self.min_length:
            return Problem("password_too_short", {"min": self.min_length})
        if len(value) > self.max_length:
            return Problem("too_long", {"max": self.max_length, "length": len(value)})
        return None


# --- numbers -------------------------------------------------------------------------------------

# ASCII digits only: Python's int() and \d also take "１０" and "1_000"
_WHOLE = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")


@dataclass(frozen=True)
class _Bounded:
    minimum: float
    maximum: float

    def check(self, value, typed: str | None = None) -> Problem | None:
        """``typed``: the value as the user wrote it, to show it back."""
        shown = _shown(value if typed is None else typed)
        if value < 0 <= self.minimum:
            return Problem("negative", {"value": shown})
        if not (self.minimum <= value <= self.maximum):
            return Problem("out_of_range", {"value": shown, "min": self.minimum, "max": self.maximum})
        return None


def _shown(value) -> str:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    text = str(value)
    return text if len(text) <= 30 else text[:27] + "..."


@dataclass(frozen=True)
class WholeNumber(_Bounded):
    def parse(self, text: str) -> tuple[int | None, Problem | None]:
        text = text.strip()
        if not _WHOLE.match(text):
            return None, Problem("not_whole_number", {"value": text})
        if len(text.lstrip("+-0")) > 18:  # beyond every bound (and int() refuses 4,300 digits)
            return None, Problem(
                "out_of_range", {"value": _shown(text), "min": self.minimum, "max": self.maximum}
            )
        value = int(text)
        problem = self.check(value, text)
        return (None, problem) if problem else (value, None)


@dataclass(frozen=True)
class DecimalNumber(_Bounded):
    def parse(self, text: str) -> tuple[float | None, Problem | None]:
        text = text.strip()
        if not _DECIMAL.match(text):
            return None, Problem("not_a_number", {"value": text})
        value = float(text)  # 400 nines is inf: out of range below
        problem = self.check(value, text)
        return (None, problem) if problem else (value, None)


# --- dates ---------------------------------------------------------------------------------------

FIRST_DATE, LAST_DATE = date(1900, 1, 1), date(2100, 12, 31)
#: a birth date is at most this many years before today
OLDEST_AGE = 100


def date_problem(day: date) -> Problem | None:
    """Every date of the app lies in 1900-2100 (as years do)."""
    if not (FIRST_DATE <= day <= LAST_DATE):
        return Problem("date_out_of_range", {"min": FIRST_DATE.year, "max": LAST_DATE.year})
    return None


@dataclass(frozen=True)
class BirthDate:
    """A plausible birth date: not after today, and in the last ``OLDEST_AGE`` years."""

    #: the check is relative to a day (the web's today, or the import's)
    needs_today = True

    def check(self, day: date, today: date) -> Problem | None:
        if day > today:
            return Problem("birth_in_future")
        if day.year < today.year - OLDEST_AGE:
            return Problem("birth_too_early", {"year": today.year - OLDEST_AGE})
        return None


# --- the fields ----------------------------------------------------------------------------------

INT_COLUMN_MAX = 2**31 - 1
#: counts and capacities (shared/spec/bundle.md)
COUNT_MAX = 10**9

CODE = Text(64, forbidden=";")
NAME = Text(255)
SHORT_TEXT = Text(64)
EMAIL = Email(255)
PHONE = Phone(32)
PASSWORD = Password(8, 200)
BIRTH_DATE = BirthDate()

COUNT = WholeNumber(0, COUNT_MAX)
YEAR = WholeNumber(FIRST_DATE.year, LAST_DATE.year)
#: a plan's version; 0 is refused with its own message by the import's plan rules
VERSION = WholeNumber(0, INT_COLUMN_MAX)
DURATION_MONTHS = WholeNumber(0, 120)
MAX_AGE = WholeNumber(18, 80)
MIN_SERVICE_YEARS = WholeNumber(0, 60)
#: the top of a programme's score scale (10, 100...) and its minimum attendance rate in percent
SCORE_SCALE = WholeNumber(1, 1000)
ATTENDANCE_MINIMUM = WholeNumber(0, 100)
#: a count target's number of people, or a share target's percentage (checked by target_problem)
TARGET_VALUE = DecimalNumber(0, COUNT_MAX)
SHARE_MAX = 100


def target_problem(kind: str, value: float) -> Problem | None:
    """A share target is a percentage: at most 100."""
    if kind == "share" and value > SHARE_MAX:
        return Problem("out_of_range", {"value": _shown(value), "min": 0, "max": SHARE_MAX})
    return None


# --- the notices' settings (docs/dev/notify.md, "Official notices"; not domain.md's) -----------

#: days a unit has to resubmit a returned plan: at least a day, at most a year
RESUBMIT_DAYS = WholeNumber(1, 365)
#: ``notice_*`` key -> its rule (the sending body and the contact's name are names; phone and
#: e-mail may be empty, which leaves them out of the signature)
NOTICE_SETTING_RULES = {
    "notice_sender": NAME,
    "notice_contact_name": NAME,
    "notice_contact_phone": PHONE,
    "notice_contact_email": EMAIL,
    "notice_resubmit_days": RESUBMIT_DAYS,
}


# --- settings (domain.md, "Settings") ------------------------------------------------------------

#: whole-number settings and their bounds
WHOLE_SETTINGS = {
    "retirement_age_male": WholeNumber(40, 80),
    "retirement_age_female": WholeNumber(40, 80),
    "source_window_days": WholeNumber(0, 3650),
    "stale_grace_days": WholeNumber(0, 3650),
}
_MONTH_DAY = re.compile(r"^([0-9]{2})-([0-9]{2})$")
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def setting_problem(key: str, value: str) -> Problem | None:
    """The value's fault for the setting ``key`` (a known key), or None."""
    if key in WHOLE_SETTINGS:
        rule = WHOLE_SETTINGS[key]
        _, problem = rule.parse(value)
        if problem is not None:
            return Problem("bad_setting_whole", {"min": rule.minimum, "max": rule.maximum})
        return None
    if key == "plan_due_month_day":
        match = _MONTH_DAY.match(value)
        month, day = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
        if not (1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]):
            return Problem("bad_setting_month_day")
        return None
    if key == "low_execution_threshold":
        _, problem = DecimalNumber(0, 1).parse(value)
        return Problem("bad_setting_share") if problem else None
    raise KeyError(key)


assert set(SETTING_DEFAULTS) == {*WHOLE_SETTINGS, "plan_due_month_day", "low_execution_threshold"}, (
    "a new setting needs its rule in setting_problem"
)
