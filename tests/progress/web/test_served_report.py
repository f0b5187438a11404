"""The report page reads the report the task queue stored for the dates asked, says when it was
computed (Vietnam time), queues a combination never computed instead of computing it, shows
outdated figures as such while they are computed again, and gives the admin a "Tính lại" button."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.progress.web.fixtures import ADMIN, HEAD_H1, sign_in
from tests.progress.web.pages import rows, text_of, visible_text, vn_number

REPORT = "/progress/report?baseline=31/12/2010&as_of=01/03/2014&period=2011-2015"
KEY = "2010-12-31|2014-03-01|2011-2015|"
STORED = "Số liệu tính lúc"
QUEUED = "chưa được tính: đã xếp hàng tính"
OUTDATED = "báo cáo đang được tính lại"
LIVE = "số liệu vừa được tính trực tiếp"


def _view(db):
    from nq05.progress.models import StoredView

    db.session.rollback()
    return db.session.scalar(select(StoredView).where(StoredView.kind == "report", StoredView.key == KEY))


def _shares(page: str) -> list[str]:
    return [r["fields"]["as_of-share"] for r in rows(page, "data-indicator")]


def _edit_h1(db):
    from nq05.plans.models import Plan, PlanLine
    from nq05.staff.models import Unit

    line = db.session.scalar(
        select(PlanLine)
        .join(Plan, Plan.id == PlanLine.plan_id)
        .join(Unit, Unit.id == Plan.unit_id)
        .where(Unit.code == "H1", Plan.year == 2014)
    )
    line.planned_count += 1
    db.session.commit()


def test_without_a_queue_the_report_is_computed_once_then_read(client, mini, db):
    sign_in(client, ADMIN)
    first = visible_text(text_of(client.get(REPORT)))
    assert LIVE in first
    stored = _view(db)
    assert stored.payload == mini.report()
    page = text_of(client.get(REPORT))
    computed = stored.computed_at + timedelta(hours=7)  # Vietnam time
    assert f"{STORED} {computed:%d/%m/%Y %H:%M}" in visible_text(page)
    assert _shares(page) == [vn_number(i["as_of"]["share"]) + "%" for i in mini.report()["indicators"]]
    _edit_h1(db)  # the data changed: with no queue, computed again at once
    assert LIVE in visible_text(text_of(client.get(REPORT)))


@pytest.mark.redis
def test_with_a_queue_a_new_combination_is_queued_not_computed(client, mini, db, queue_app, redis_db):
    from nq05.progress import served

    sign_in(client, ADMIN)
    redis_db.flushdb()
    page = text_of(client.get(REPORT))
    assert QUEUED in visible_text(page) and not rows(page, "data-indicator")
    view = _view(db)
    assert view.payload is None and view.requested_at is not None
    assert b"nq05.progress.compute_view" in b"".join(redis_db.lrange("recompute", 0, -1))
    # the worker's task computes it; the page then shows it with its time
    served.compute("report", KEY)
    page = text_of(client.get(REPORT))
    assert STORED in visible_text(page) and QUEUED not in visible_text(page)
    assert _shares(page) == [vn_number(i["as_of"]["share"]) + "%" for i in mini.report()["indicators"]]
    # an edit: the stored figures are still shown, said to be outdated, and queued again
    redis_db.flushdb()
    _edit_h1(db)
    page = text_of(client.get(REPORT))
    assert OUTDATED in visible_text(page) and rows(page, "data-indicator")
    assert b"nq05.progress.compute_view" in b"".join(redis_db.lrange("recompute", 0, -1))


@pytest.mark.redis
def test_the_admins_button_queues_the_report_again(client, mini, db, queue_app, redis_db):
    from nq05.progress import served

    served.compute("report", KEY)
    sign_in(client, HEAD_H1)
    assert "Tính lại" not in visible_text(text_of(client.get(REPORT)))
    sign_in(client, ADMIN)
    page = text_of(client.get(REPORT))
    assert "Tính lại" in visible_text(page)
    redis_db.flushdb()
    assert 'action="/progress/report/recompute"' in page
    response = client.post(
        "/progress/report/recompute",
        data={"baseline": "31/12/2010", "as_of": "01/03/2014", "period": "2011-2015"},
    )
    assert response.status_code == 302 and "baseline=31/12/2010" in response.headers["Location"]
    assert "Đã xếp hàng tính lại báo cáo" in visible_text(text_of(client.get(response.headers["Location"])))
    assert _view(db).requested_at is not None
    assert b"nq05.progress.compute_view" in b"".join(redis_db.lrange("recompute", 0, -1))
    # a unit head may not
    sign_in(client, HEAD_H1)
    refused = client.post(
        "/progress/report/recompute", data={"baseline": "31/12/2010", "as_of": "01/03/2014"}
    )
    assert refused.status_code == 403


@pytest.mark.redis
def test_the_dashboard_queues_a_date_never_computed(client, mini, db, queue_app, redis_db):
    from nq05.progress import served

    dashboard = "/progress/?as_of=30/06/2012&period=2011-2015&year=2012"
    sign_in(client, ADMIN)
    redis_db.flushdb()
    page = text_of(client.get(dashboard))
    assert "Số liệu cho lựa chọn này chưa được tính: đã xếp hàng tính" in visible_text(page)
    assert not rows(page, "data-gap-row")
    queued = b"".join(redis_db.lrange("recompute", 0, -1))
    assert queued.count(b"nq05.progress.compute_view") == 2  # the target rows and the findings
    from datetime import date

    served.compute("gaps", served.gaps_key("2011-2015", date(2012, 6, 30)))
    served.compute("findings", served.findings_key(2012, date(2012, 6, 30)))
    page = text_of(client.get(dashboard))
    cli = mini.gaps(as_of="2012-06-30")
    shown = {r["attrs"]["data-unit"]: r["fields"]["planned"] for r in rows(page, "data-gap-row")}
    assert shown == {(r["unit"] or ""): vn_number(r["planned"]) for r in cli["rows"]}
    assert STORED in visible_text(page)


def test_the_dashboards_button_asks_the_queue_for_a_full_recompute(client, mini, db):
    from nq05.notify.models import ALL_UNITS, RecomputeRequest

    dashboard = "/progress/?as_of=01/03/2014&period=2011-2015&year=2014"
    sign_in(client, HEAD_H1)
    assert 'action="/progress/recompute"' not in text_of(client.get(dashboard))
    refused = client.post("/progress/recompute", data={"as_of": "01/03/2014", "year": "2014"})
    assert refused.status_code == 403
    db.session.rollback()
    db.session.execute(db.delete(RecomputeRequest))
    db.session.commit()
    sign_in(client, ADMIN)
    assert 'action="/progress/recompute"' in text_of(client.get(dashboard))
    response = client.post(
        "/progress/recompute", data={"as_of": "01/03/2014", "year": "2014", "period": "2011-2015"}
    )
    assert response.status_code == 302 and "period=2011-2015" in response.headers["Location"]
    page = text_of(client.get(response.headers["Location"]))
    assert "Đã xếp hàng tính lại số liệu" in visible_text(page)
    db.session.rollback()
    assert db.session.scalars(db.select(RecomputeRequest.unit_code)).all() == [ALL_UNITS]
