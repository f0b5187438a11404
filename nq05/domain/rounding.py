"""Rounding for reports: half away from zero, on the exact (unrounded) value."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


def exact(value) -> Fraction:
    """A number as an exact fraction; a float is read as its shortest decimal form (0.1 -> 1/10)."""
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def round_half_away(value, places: int) -> float:
    """``value`` rounded to ``places`` decimals, halves away from zero (never Python's round()).

    The comparison with one half is made on the exact fraction, so 2/3 -> 0.67, 1/8 * 100 ->
    12.5, 0.05 -> 0.1 and -0.05 -> -0.1 whatever binary floating point would have said.
    """
    q = exact(value)
    scaled = abs(q) * 10**places
    whole = int(scaled)
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    return float(Decimal(-whole if q < 0 else whole).scaleb(-places))


def number(value):
    """A count or target value for JSON: an int when whole, else a float (12.0 -> 12, 12.5 -> 12.5)."""
    q = exact(value)
    return int(q) if q.denominator == 1 else float(q)
