"""The report by gender and by ethnic group (reports.md, "Breakdowns") on a hand-made province."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from nq05.domain.groups import composition, ethnic_group, group_of
from nq05.extensions import db
from nq05.progress.gaps import find_period
from nq05.progress.report import report_json
from nq05.staff.groups import compositions, group_column
from nq05.staff.models import Person
from tests.progress import breakdown_world as hand
from tests.progress.factories import d


def _cli(runner, *extra):
    args = ["report", "--baseline", "2010-12-31", "--as-of", "2014-03-01", "--period", "2011-2015", *extra]
    result = runner.invoke(args=args, env={"NQ05_LOCALE": "vi"})
    return result


@pytest.mark.parametrize("by", ["gender", "minority"])
def test_the_cli_prints_the_figures_counted_by_hand(world, runner, by):
    hand.build(world)
    db.session.commit()
    result = _cli(runner, "--by", by, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == hand.expected(by)


def test_without_by_there_are_no_groups(world, runner):
    hand.build(world)
    db.session.commit()
    printed = json.loads(_cli(runner, "--json").stdout)
    assert printed == hand.expected(None)
    assert "groups" not in json.dumps(printed)


def test_the_groups_add_up_to_the_indicator(world):
    hand.build(world)
    period = find_period(hand.PERIOD)
    for by in ("gender", "minority"):
        report = report_json(hand.BASELINE, hand.AS_OF, period, by)
        for ind in report["indicators"] + report["counts"]:
            for side in ("baseline", "as_of"):
                for key in ("population", "holders"):
                    if side in ind:
                        assert sum(g[side][key] for g in ind["groups"]) == ind[side][key]
            if "achieved" in ind:
                assert sum(g["achieved"] for g in ind["groups"]) == ind["achieved"]


def test_a_unit_s_own_report_counts_its_staff_only(world):
    """The population restriction a unit's report will pass (issue 12): U's staff, then and now."""
    units = hand.build(world)
    report = report_json(hand.BASELINE, hand.AS_OF, find_period(hand.PERIOD), "gender", {units["U"].id})
    civil, bachelors, nq, commune = report["indicators"]
    assert (civil["baseline"], civil["as_of"]) == (
        hand.INDICATORS[0]["baseline"],
        hand.INDICATORS[0]["as_of"],
    )
    assert (bachelors["baseline"], bachelors["as_of"], bachelors["delta_pp"]) == (
        hand.side(6, 3, 50.0),
        hand.side(6, 3, 50.0),
        0.0,
    )
    assert nq["as_of"] == hand.side(6, 3, 50.0) and nq["groups"][0]["as_of"] == hand.side(3, 2, 66.7)
    assert commune["as_of"] == hand.side(0, 0, 0.0)
    # J (master 2012) works nowhere; C reached it in U
    assert [(c["achieved"], c["groups"]) for c in report["counts"]] == [
        (1, [{"group": "F", "achieved": 0}, {"group": "M", "achieved": 1}]),
        (1, [{"group": "F", "achieved": 1}, {"group": "M", "achieved": 0}]),
        (1, [{"group": "F", "achieved": 0}, {"group": "M", "achieved": 1}]),
    ]


def test_the_text_report_names_the_groups_in_vietnamese(world, runner):
    hand.build(world)
    db.session.commit()
    text = _cli(runner, "--by", "minority").stdout
    assert "dân tộc thiểu số" in text and "dân tộc Kinh" in text and "chưa rõ" in text
    text = _cli(runner, "--by", "gender").stdout
    assert "  · nữ " in text and "  · nam " in text


def test_an_unknown_breakdown_is_refused_in_the_user_s_language(world, runner):
    result = _cli(runner, "--by", "ethnicity", "--json")
    assert result.exit_code == 2
    assert "Không có cách chia 'ethnicity'" in result.output and "--by gender" in result.output
    with pytest.raises(ValueError):
        report_json(d("2010-12-31"), d("2014-03-01"), by="age")


SPELLINGS = [
    (None, "unknown"),
    ("", "unknown"),
    ("   ", "unknown"),
    ("\u00a0\t", "unknown"),
    ("Kinh", "kinh"),
    ("kinh", "kinh"),
    (" KINH ", "kinh"),
    ("\u3000Kinh\u00a0", "kinh"),
    ("kInH\n", "kinh"),
    ("Thái", "minority"),
    ("Kinh Thái", "minority"),
    ("Kinhh", "minority"),
    ("K inh", "minority"),
    ("Mông", "minority"),
    ("Hà Nhì", "minority"),
]


def test_the_minority_rule():
    for ethnicity, group in SPELLINGS:
        assert ethnic_group(ethnicity) == group, ethnicity
    assert group_of("gender", "F", None) == "F" and group_of("minority", "M", " Kinh") == "kinh"


def test_sql_puts_everyone_in_the_same_group_as_the_domain(world):
    for i, (ethnicity, _group) in enumerate(SPELLINGS):
        born = f"19{70 + i % 3}-01-01"
        world.person(f"P{i}", gender="FM"[i % 2], ethnicity=ethnicity, born=born, quals=())
    people = db.session.scalars(select(Person)).all()
    for by in ("gender", "minority"):
        in_sql = dict(db.session.execute(select(Person.id, group_column(by, Person))).all())
        assert in_sql == {p.id: group_of(by, p.gender, p.ethnicity) for p in people}, by
    # the composition of some people, keyed here by birth date: one query, the domain's counts
    keyed = compositions(select(Person.birth_date, Person.id))
    assert keyed == {
        born: composition((p.gender, p.ethnicity) for p in people if p.birth_date == born)
        for born in {p.birth_date for p in people}
    }
