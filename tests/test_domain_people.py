from datetime import date

import pytest

from nq05.domain.levels import highest, is_level, rank
from nq05.domain.people import add_months, age_at, level_at, retirement_date, years_of_service


def test_levels_are_ordered_per_track():
    assert rank("pro", "bachelor") < rank("pro", "master") < rank("pro", "doctor")
    assert rank("edu", "primary") == 0
    assert is_level("pol", "advanced") and not is_level("pol", "master")
    with pytest.raises(ValueError):
        rank("sm", "bachelor")


def test_level_at_takes_the_highest_award_on_or_before_the_date():
    quals = [
        ("pro", "bachelor", None),
        ("pro", "master", date(2012, 6, 30)),
        ("edu", "upper_secondary", None),
    ]
    assert level_at("pro", quals, date(2012, 6, 29)) == "bachelor"
    assert level_at("pro", quals, date(2012, 6, 30)) == "master"
    assert level_at("pol", quals, date(2020, 1, 1)) == "none"
    assert level_at("edu", [], date(2020, 1, 1)) == "primary"
    assert highest("pro", []) == "none"


def test_age_is_whole_on_the_birthday():
    assert age_at(date(1980, 5, 1), date(2020, 4, 30)) == 39
    assert age_at(date(1980, 5, 1), date(2020, 5, 1)) == 40


def test_retirement_on_29_february_moves_to_28():
    assert retirement_date(date(1960, 2, 29), "M", 60, 55) == date(2020, 2, 29)
    assert retirement_date(date(1960, 2, 29), "F", 60, 55) == date(2015, 2, 28)
    assert retirement_date(date(1965, 9, 9), "M", 60, 55) == date(2025, 9, 9)


def test_years_of_service():
    assert years_of_service(date(2005, 1, 1), date(2008, 1, 1)) == 3
    assert years_of_service(date(2005, 1, 2), date(2008, 1, 1)) == 2
    assert years_of_service(None, date(2008, 1, 1)) == 0


def test_add_months_clamps_to_month_end():
    assert add_months(date(2014, 1, 31), 1) == date(2014, 2, 28)
    assert add_months(date(2014, 1, 1), 24) == date(2016, 1, 1)
    assert add_months(date(2014, 11, 30), 3) == date(2015, 2, 28)
