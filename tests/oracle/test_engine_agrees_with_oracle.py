"""The set-based engine and a naive person-by-person reading of the spec give the same JSON."""

from __future__ import annotations

import json
from datetime import date
from itertools import product

from tests.oracle.reference import Oracle, load
from tests.progress import breakdown_world as hand
from tests.progress.factories import World


def _cli_json(runner, *args):
    result = runner.invoke(args=[*args, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for f in data.get("findings", []):
        f.pop("message", None)
    return data


def _diff(expected, got, key):
    exp, have = expected[key], got[key]
    missing = [x for x in exp if x not in have]
    extra = [x for x in have if x not in exp]
    return f"missing from engine: {missing[:5]}\nnot in oracle: {extra[:5]}"


REALISM_CASES = [
    (2012, date(2012, 2, 1)),
    (2013, date(2013, 6, 30)),
    (2014, date(2014, 3, 1)),
    (2015, date(2015, 11, 20)),
    (2016, date(2016, 1, 1)),
]
GAPS_AS_OF = [date(2011, 1, 1), date(2013, 7, 1), date(2015, 12, 31), date(2017, 3, 1)]
REPORT_CASES = [(date(2010, 12, 31), date(2014, 10, 31)), (date(2012, 6, 1), date(2016, 6, 1))]


def test_engine_agrees_with_the_oracle_on_a_demo_province(runner, db):
    """One demo province (building it is the slow part), every case checked, every mismatch named."""
    result = runner.invoke(args=["demo", "--seed", "7", "--scale", "0.15"])
    assert result.exit_code == 0, result.output
    oracle = Oracle(load(db.session))
    period = oracle.w.periods[0]["code"]
    mismatches = []
    for year, as_of in REALISM_CASES:
        expected = oracle.realism(year, as_of)
        assert expected["findings"], f"the demo should produce findings in {year}"
        got = _cli_json(runner, "realism", "--year", str(year), "--as-of", as_of.isoformat())
        if got != expected:
            mismatches.append(f"realism {year} {as_of}:\n{_diff(expected, got, 'findings')}")
    for as_of in GAPS_AS_OF:
        expected = oracle.gaps(period, as_of)
        got = _cli_json(runner, "gaps", "--period", period, "--as-of", as_of.isoformat())
        if got != expected:
            mismatches.append(f"gaps {as_of}:\n{_diff(expected, got, 'rows')}")
    for (baseline, as_of), by in product(REPORT_CASES, (None, "gender", "minority")):
        expected = oracle.report(baseline, as_of, period, by)
        dates = ["--baseline", baseline.isoformat(), "--as-of", as_of.isoformat()]
        got = _cli_json(runner, "report", *dates, "--period", period, *(["--by", by] if by else []))
        if by:  # every group has people in the demo, "unknown" ethnicity included
            everyone = next(i for i in expected["indicators"] if i["category"] is None)
            assert all(g["as_of"]["population"] > 0 for g in everyone["groups"]), everyone
        if got != expected:
            mismatches.append(f"report {baseline} {as_of} by {by}:\n{_diff(expected, got, 'indicators')}")
        elif got["counts"] != expected["counts"]:
            mismatches.append(f"report counts {baseline} {as_of} by {by}:\n{_diff(expected, got, 'counts')}")
    assert not mismatches, "\n\n".join(mismatches)


def test_oracle_reproduces_the_worked_example(runner, db, mini_bundle):
    """The oracle itself is checked against the spec's worked example."""
    result = runner.invoke(args=["import", str(mini_bundle)])
    assert result.exit_code == 0, result.output
    oracle = Oracle(load(db.session))
    ex = mini_bundle.parent
    assert oracle.realism(2014, date(2014, 3, 1)) == json.loads((ex / "realism-2014.json").read_text())
    assert oracle.gaps("2011-2015", date(2014, 3, 1)) == json.loads((ex / "gaps-2011-2015.json").read_text())
    assert oracle.report(date(2010, 12, 31), date(2014, 3, 1), "2011-2015") == json.loads(
        (ex / "report.json").read_text()
    )


def test_oracle_reproduces_the_hand_made_breakdowns(db):
    """The oracle reads "Breakdowns" as the figures worked out by hand (tests/progress/breakdown_world.py)."""
    hand.build(World())
    oracle = Oracle(load(db.session))
    for by in (None, "gender", "minority"):
        assert oracle.report(hand.BASELINE, hand.AS_OF, hand.PERIOD, by) == hand.expected(by)
