"""The pages read the results stored by ``nq05 recompute`` when they answer the question asked,
say when they were computed, and compute on the fly (saying so) otherwise."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from tests.progress.web.fixtures import ADMIN, sign_in
from tests.progress.web.pages import rows, text_of, visible_text, vn_number

DASHBOARD = "/progress/?as_of=01/03/2014&period=2011-2015&year=2014"
FINDINGS = "/progress/findings?year=2014&as_of=01/03/2014"
LIVE = "số liệu vừa được tính trực tiếp"
STORED = "Số liệu tính lúc"


def planned_by_unit(page_html: str) -> dict[str, str]:
    return {r["attrs"]["data-unit"]: r["fields"]["planned"] for r in rows(page_html, "data-gap-row")}


def test_before_any_recompute_the_figures_are_computed_and_it_says_so(client, mini):
    text = visible_text(text_of(sign_in(client, ADMIN).get(DASHBOARD)))
    assert LIVE in text and STORED not in text


def test_after_recompute_the_stored_figures_are_shown_with_their_time(client, mini, db):
    result = mini.runner.invoke(args=["recompute", "--as-of", "2014-03-01"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    sign_in(client, ADMIN)
    page = text_of(client.get(DASHBOARD))
    assert STORED in visible_text(page) and LIVE not in visible_text(page)
    # the time of the recompute, in Vietnam's time (UTC+7)
    from nq05.progress.models import StoredGapRow

    computed = db.session.scalar(select(func.max(StoredGapRow.computed_at)))
    assert f"{STORED} {(computed + timedelta(hours=7)):%d/%m/%Y %H:%M}" in visible_text(page)
    cli = mini.gaps()
    assert planned_by_unit(page) == {(r["unit"] or ""): vn_number(r["planned"]) for r in cli["rows"]}
    findings_page = text_of(client.get(FINDINGS))
    assert STORED in visible_text(findings_page)
    assert [r["attrs"]["data-code"] for r in rows(findings_page, "data-finding")] == [
        f["code"] for f in mini.realism()["findings"]
    ]
    # another date than the stored one is computed on the fly
    assert LIVE in visible_text(text_of(client.get("/progress/?as_of=30/06/2012&period=2011-2015")))


def test_a_change_after_recompute_is_shown_at_once(client, mini, db):
    from nq05.plans.models import Plan, PlanLine
    from nq05.staff.models import Unit

    mini.runner.invoke(args=["recompute", "--as-of", "2014-03-01"], catch_exceptions=False)
    line = db.session.scalar(
        select(PlanLine)
        .join(Plan, Plan.id == PlanLine.plan_id)
        .join(Unit, Unit.id == Plan.unit_id)
        .where(Unit.code == "H1", Plan.year == 2014)
    )
    line.planned_count += 3
    db.session.commit()
    page = text_of(sign_in(client, ADMIN).get(DASHBOARD))
    assert LIVE in visible_text(page)
    assert (
        planned_by_unit(page)["H1"]
        == "15"
        == vn_number(next(r for r in mini.gaps()["rows"] if r["unit"] == "H1")["planned"])
    )
