"""Times are stored in UTC and shown in Vietnam time, through one filter (``date_vn``)."""

from __future__ import annotations

import time
from datetime import datetime

from tests import factories as f
from tests.web.helpers import login


def test_the_filter_shows_an_instant_in_vietnam_time(app):
    from nq05.web.formatting import date_vn

    with app.test_request_context():
        assert date_vn(datetime(2025, 11, 20, 14, 41), with_time=True) == "20/11/2025 21:41"
        # after 17:00 UTC it is already the next day in Vietnam
        assert date_vn(datetime(2025, 11, 20, 17, 30)) == "21/11/2025"


def test_a_plan_step_is_stored_in_utc_and_shown_in_vietnam_time(client, db, users, monkeypatch):
    from nq05.clock import utcnow
    from nq05.plans import operations
    from nq05.plans.models import PlanEvent

    plan = f.plan(users.units["HA"], 2027, status="submitted", submitted="2026-11-10")
    db.session.commit()
    before = utcnow().replace(microsecond=0)
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")  # a server set to local time: UTC all the same
    time.tzset()
    try:
        operations.approve(plan, users.admin, "Đồng ý.")
        db.session.commit()
    finally:
        monkeypatch.undo()
        time.tzset()
    (event,) = [e for e in db.session.query(PlanEvent).filter_by(plan_id=plan.id) if e.action == "approved"]
    assert before <= event.at <= utcnow()  # UTC, whatever the server's time zone
    event.at = datetime(2026, 11, 20, 14, 41)
    db.session.commit()
    login(client, users.head_a)
    html = client.get(f"/plans/{plan.id}/versions").get_data(as_text=True)
    assert "20/11/2026 21:41" in html and "14:41" not in html
