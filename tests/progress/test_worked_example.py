"""The worked example (tests/data/mini): the CLI prints exactly the three expected objects."""

from __future__ import annotations

import json

import pytest

from nq05 import clock
from tests.conftest import MINI_BUNDLE

EXPECTED = MINI_BUNDLE.parent

COMMANDS = {
    "realism-2014.json": ["realism", "--year", "2014", "--as-of", "2014-03-01", "--json"],
    "gaps-2011-2015.json": ["gaps", "--period", "2011-2015", "--as-of", "2014-03-01", "--json"],
    "report.json": [
        "report",
        "--baseline",
        "2010-12-31",
        "--as-of",
        "2014-03-01",
        "--period",
        "2011-2015",
        "--json",
    ],
}


def without_messages(obj):
    for finding in obj.get("findings", []):
        assert isinstance(finding.pop("message"), str) and finding  # every finding has a message
    return obj


@pytest.fixture()
def imported(runner, mini_bundle):
    result = runner.invoke(args=["import", str(mini_bundle)])
    assert result.exit_code == 0, result.output
    return runner


@pytest.mark.parametrize("expected_file", sorted(COMMANDS))
def test_cli_prints_the_expected_json(imported, expected_file):
    result = imported.invoke(args=COMMANDS[expected_file], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    printed = without_messages(json.loads(result.stdout))
    expected = json.loads((EXPECTED / expected_file).read_text(encoding="utf-8"))
    assert printed == expected


def test_realism_messages_name_the_numbers(imported):
    result = imported.invoke(args=COMMANDS["realism-2014.json"], env={"NQ05_LOCALE": "vi"})
    findings = json.loads(result.stdout)["findings"]
    capacity = next(f for f in findings if f["code"] == "OVER_CAPACITY" and f["unit"] == "SNV")
    assert "4" in capacity["message"] and "3" in capacity["message"]
    result = imported.invoke(args=COMMANDS["realism-2014.json"], env={"NQ05_LOCALE": "en"})
    english = json.loads(result.stdout)["findings"]
    assert [f["message"] for f in english] != [f["message"] for f in findings]


def test_unit_filter_keeps_that_units_findings_but_sees_every_unit(imported):
    result = imported.invoke(args=[*COMMANDS["realism-2014.json"], "--unit", "X1"])
    findings = json.loads(result.stdout)["findings"]
    assert [f["code"] for f in findings] == ["OVER_CAPACITY", "UNCOVERED_STANDARD_GAP"]
    # the demand still counts H1's line
    assert findings[0]["figures"] == {"demand": 8, "capacity": 4}


def test_readable_tables_without_json(imported):
    realism = imported.invoke(args=COMMANDS["realism-2014.json"][:-1], env={"NQ05_LOCALE": "vi"})
    assert realism.exit_code == 0 and "Chưa có kế hoạch" in realism.stdout and "phát hiện" in realism.stdout
    assert "MISSING_PLAN" not in realism.stdout  # names, not codes: the codes are --json's
    gaps = imported.invoke(args=COMMANDS["gaps-2011-2015.json"][:-1], env={"NQ05_LOCALE": "en"})
    assert gaps.exit_code == 0 and "behind" in gaps.stdout
    report = imported.invoke(args=COMMANDS["report.json"][:-1], env={"NQ05_LOCALE": "vi"})
    assert report.exit_code == 0 and "88,9%" in report.stdout


def test_unknown_period_is_an_error(imported):
    result = imported.invoke(args=["gaps", "--period", "1990-1995", "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""


def test_as_of_defaults_to_today(imported):

    result = imported.invoke(args=["realism", "--year", "2014", "--json"])
    assert json.loads(result.stdout)["as_of"] == clock.today().isoformat()
    result = imported.invoke(args=["gaps", "--period", "2011-2015", "--json"])
    assert json.loads(result.stdout)["as_of"] == clock.today().isoformat()
