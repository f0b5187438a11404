"""One unit's progress (``nq05 report --unit``): the report and plan versus quota restricted to a
unit and its sub-units, on the spec's worked example (TINH > SNV, H1 > X1, H2)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import distinct, func, select

from nq05.progress.gaps import find_period, gaps_json
from nq05.staff.models import Assignment, Unit

ARGS = ["--baseline", "2010-12-31", "--as-of", "2014-10-31", "--period", "2011-2015"]
AS_OF = date(2014, 10, 31)


@pytest.fixture()
def mini(app, db, mini_bundle):
    result = app.test_cli_runner().invoke(args=["import", str(mini_bundle)])
    assert result.exit_code == 0, result.output
    return app.test_cli_runner()


def _unit_json(runner, code: str) -> dict:
    result = runner.invoke(args=["report", *ARGS, "--unit", code, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _staff_on(db, codes: list[str], day: date) -> int:
    """People with an assignment covering ``day`` in those units, counted plainly."""
    return db.session.scalar(
        select(func.count(distinct(Assignment.person_id)))
        .join(Unit, Unit.id == Assignment.unit_id)
        .where(
            Unit.code.in_(codes),
            Assignment.start_date <= day,
            (Assignment.end_date.is_(None)) | (Assignment.end_date >= day),
        )
    )


def test_a_districts_report_counts_its_own_and_its_communes_staff(mini, db):
    data = _unit_json(mini, "H1")
    assert data["unit"] == {"code": "H1", "name": "Huyện Tam Đường"}
    assert data["units"] == ["H1", "X1"]
    everyone = next(i for i in data["indicators"] if i["category"] is None)
    assert everyone["as_of"]["population"] == _staff_on(db, ["H1", "X1"], AS_OF) > 0
    assert everyone["baseline"]["population"] == _staff_on(db, ["H1", "X1"], date(2010, 12, 31))


def test_the_units_quota_row_is_the_provinces_and_the_province_target_shows_the_units_part(mini, db):
    province = gaps_json(find_period("2011-2015"), AS_OF)["rows"]
    h1 = _unit_json(mini, "H1")["gaps"]
    assert h1["period"] == "2011-2015" and h1["as_of"] == "2014-10-31"
    quota = next(r for r in h1["rows"] if r["unit"] == "H1")
    assert quota == next(r for r in province if r["unit"] == "H1")
    # the province-wide target: each top-level unit's part, no gap or status of its own; the
    # parts add up to the province's figures (every plan and person of the example is in a unit)
    whole = next(r for r in province if r["unit"] is None)
    parts = [
        next(r for r in _unit_json(mini, code)["gaps"]["rows"] if r["unit"] is None)
        for code in ("SNV", "H1", "H2")
    ]
    assert all(p["gap"] is None and p["status"] is None and p["target"] == whole["target"] for p in parts)
    for figure in ("planned", "named", "nominated", "completed"):
        assert sum(p[figure] for p in parts) == whole[figure], figure
    assert any(p["completed"] for p in parts)
    # a unit without a quota of its own has only the province-wide row
    assert [r["unit"] for r in _unit_json(mini, "H2")["gaps"]["rows"]] == [None]


def test_the_readable_table_names_the_unit_and_its_sub_units(mini):
    result = mini.invoke(args=["report", *ARGS, "--unit", "H1"])
    assert result.exit_code == 0, result.output
    assert "Tiến độ của Huyện Tam Đường (H1) và 1 đơn vị trực thuộc" in result.output
    assert "Kế hoạch so với chỉ tiêu giai đoạn 2011-2015 (tính đến 31/10/2014)" in result.output
    assert "phần của đơn vị" in result.output


def test_an_unknown_unit_is_a_clear_error(mini):
    result = mini.invoke(args=["report", *ARGS, "--unit", "KHONGCO", "--json"])
    assert result.exit_code == 2
    assert "Không có đơn vị KHONGCO" in result.output
    assert "{" not in result.output


def test_without_a_period_the_unit_report_has_no_funnel(mini):
    result = mini.invoke(
        args=["report", "--baseline", "2010-12-31", "--as-of", "2014-10-31", "--unit", "H1", "--json"]
    )
    data = json.loads(result.output)
    assert data["gaps"] is None and data["counts"] == []
