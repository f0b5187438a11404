"""Jinja filters for dates and numbers in the user's language (dd/mm/yyyy and 13,5 in Vietnamese)."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, get_group_symbol, get_minus_sign_symbol, parse_pattern

from nq05 import labels
from nq05.clock import vietnam_time
from nq05.i18n import current_locale_name


def _locale() -> str:
    return current_locale_name() or "vi"


def date_vn(value: date | datetime | None, with_time: bool = False) -> str:
    """dd/mm/yyyy in Vietnamese (with ' HH:MM' when asked); the medium date format in English.

    A datetime is an instant: naive ones are UTC (what the database stores), and every one is
    shown in Vietnam time (``clock.vietnam_time``), never UTC. The one filter for times on pages.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if isinstance(value, datetime):
        value = vietnam_time(value)
    locale = _locale()
    day = value.date() if isinstance(value, datetime) else value
    text = day.strftime("%d/%m/%Y") if locale == "vi" else format_date(day, "medium", locale=locale)
    if with_time and isinstance(value, datetime):
        text += value.strftime(" %H:%M")
    return text


@lru_cache(maxsize=64)
def _number_format(digits: int, locale: str) -> tuple[NumberPattern, Locale, str, str]:
    """The parsed pattern and locale of ``number`` (``format_decimal`` parses both on every call:
    a findings page formats hundreds of numbers), and the locale's group separator and minus sign."""
    loc = Locale.parse(locale)
    symbols = get_group_symbol(loc), get_minus_sign_symbol(loc)
    return parse_pattern("#,##0" + ("." + "#" * digits if digits > 0 else "")), loc, *symbols


def number(value, digits: int = 1) -> str:
    """A number with up to ``digits`` decimals: 13,5 and 5.000 in Vietnamese; 13.5 and 5,000 in English.
    As Babel's ``format_decimal`` (tests/web/test_shell.py compares them), faster."""
    if value is None or value == "":
        return ""
    pattern, locale, group, minus = _number_format(digits, _locale())
    if type(value) is int:
        # a whole number: groups of three (the pattern's), no decimals
        text = f"{abs(value):,}".replace(",", group)
        return minus + text if value < 0 else text
    return pattern.apply(value, locale)


def percent(ratio, digits: int = 1) -> str:
    """A ratio (0.135) as a percentage: '13,5%' in Vietnamese, '13.5%' in English."""
    if ratio is None or ratio == "":
        return ""
    return number(float(ratio) * 100, digits) + "%"


def init_filters(app) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters.update(date_vn=date_vn, number=number, percent=percent)
    app.jinja_env.globals.update(label=labels.label, level_label=labels.level_label)
