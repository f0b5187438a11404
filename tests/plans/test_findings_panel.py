"""Every finding on a plan page is the engine's: the same as ``nq05 realism`` prints for that
unit's plan in force, on the worked example (the mini province)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from nq05.domain.codes import PLAN_IN_FORCE_STATUSES
from nq05.plans.models import Plan
from tests import factories as f
from tests.plans.pages import findings_on_page, text_of
from tests.web.helpers import login


@pytest.mark.parametrize("stored", [False, True], ids=["live", "stored"])
def test_each_plan_in_force_shows_what_nq05_realism_prints_for_its_unit(
    app, db, runner, client, mini_bundle, stored
):
    result = runner.invoke(args=["import", str(mini_bundle)])
    assert result.exit_code == 0, result.output
    admin = f.user("panel-admin@nq05.test", "admin", name="Ban Tổ chức")
    db.session.commit()
    login(client, admin)
    if stored:  # the task queue's stored results, fresh for this date, are read instead
        from datetime import date

        from nq05.progress.store import freshness, recompute

        recompute(as_of=date(2014, 3, 1))
        assert not freshness().stale and freshness().as_of == date(2014, 3, 1)

    plans = db.session.scalars(
        select(Plan)
        .where(Plan.year == 2014, Plan.status.in_(PLAN_IN_FORCE_STATUSES))
        .order_by(Plan.unit_id, Plan.version)
    ).all()
    in_force = {p.unit_id: p for p in plans}  # the highest version wins
    assert in_force, "the worked example has plans in force for 2014"
    compared = 0
    for plan in in_force.values():
        out = runner.invoke(
            args=["realism", "--year", "2014", "--as-of", "2014-03-01", "--unit", plan.unit.code, "--json"],
            env={"NQ05_LOCALE": "vi"},
        )
        assert out.exit_code == 0, out.output
        printed = [(f["code"], f["message"]) for f in json.loads(out.output)["findings"]]
        page = text_of(client.get(f"/plans/{plan.id}?as_of=2014-03-01"))
        assert findings_on_page(page) == printed, plan.unit.code
        compared += len(printed)
    assert compared > 0


def test_the_review_queue_counts_what_the_engine_finds_for_each_plan(app, db, runner, mini_bundle):
    from datetime import date

    from nq05.plans import findings as plan_findings
    from nq05.plans import review
    from nq05.progress.realism import findings_for_plan

    assert runner.invoke(args=["import", str(mini_bundle)]).exit_code == 0
    for plan in db.session.scalars(select(Plan).where(Plan.year == 2014)):
        plan.status, plan.decided_on = "submitted", None
    db.session.commit()
    as_of = date(2014, 3, 1)
    with app.test_request_context():
        queue = review.review_queue(2014, as_of)
        assert len(queue) == 3
        for entry in queue:
            assert entry.counts == plan_findings.severity_counts(findings_for_plan(entry.plan.id, as_of))
        assert sum(sum(e.counts.values()) for e in queue) > 0
