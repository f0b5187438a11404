"""Rounding half away from zero on exact values (never Python's round())."""

from fractions import Fraction

from nq05.domain.rounding import number, round_half_away


def test_halves_go_away_from_zero():
    assert round_half_away(Fraction(1, 8) * 100, 1) == 12.5
    assert round_half_away(Fraction(49, 400) * 100, 1) == 12.3  # 12.25
    assert round_half_away(Fraction(-49, 400) * 100, 1) == -12.3
    assert round_half_away(Fraction(5, 8), 2) == 0.63  # round() would give 0.62
    assert round_half_away(Fraction(1, 200), 2) == 0.01
    assert round_half_away(Fraction(-1, 20), 1) == -0.1
    assert round_half_away(Fraction(-1, 100), 1) == 0.0


def test_repeating_decimals_and_floats_read_as_written():
    assert round_half_away(Fraction(2, 3), 2) == 0.67
    assert round_half_away(Fraction(200, 3), 1) == 66.7
    assert round_half_away(2.675, 2) == 2.68  # the float 2.675 is just below; read as written
    assert round_half_away(12 * Fraction(4, 5), 1) == 9.6


def test_numbers_are_ints_when_whole():
    assert number(10.0) == 10 and isinstance(number(10.0), int)
    assert number(12.5) == 12.5
    assert number(Fraction(-3)) == -3
