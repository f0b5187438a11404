"""A burst of edits is recomputed once (or twice, if an edit lands during the run), by whichever
of two workers takes it, and the stored findings are then what ``nq05 realism`` computes."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import func, select

from nq05.sqlite import writing
from tests.notify.data import make_province
from tests.notify.services import wait_for

pytestmark = [pytest.mark.redis, pytest.mark.service]


def _outbox_empty(db) -> bool:
    from nq05.notify.models import RecomputeRequest

    db.session.rollback()
    empty = db.session.scalar(select(func.count()).select_from(RecomputeRequest)) == 0
    db.session.rollback()
    return empty


def _runs_after(db, last_id: int) -> list:
    from nq05.notify.models import RecomputeRun

    db.session.rollback()
    runs = db.session.execute(
        select(RecomputeRun.units, RecomputeRun.outcome).where(RecomputeRun.id > last_id)
    ).all()
    db.session.rollback()
    return runs


def test_twenty_edits_in_a_few_seconds_make_at_most_two_runs(queue_app, db, users, start_worker, runner):
    from nq05.notify.models import RecomputeRun
    from nq05.plans.models import PlanLine
    from nq05.progress.store import stored_findings
    from nq05.reference.models import Programme

    province = make_province(db, users)
    programme = db.session.scalars(select(Programme)).first()
    line = PlanLine(plan=province.plans["returned"], programme=programme, planned_count=1)
    db.session.add(line)
    db.session.commit()
    workers = start_worker("burst-1", "burst-2")
    try:
        wait_for(lambda: _outbox_empty(db), 60, 0.2, message="the province's first recompute")
        last = db.session.scalar(select(func.max(RecomputeRun.id))) or 0

        for count in range(2, 22):  # 20 edits, 0.15 s apart: one burst
            with writing():  # each as a page's save would make it
                line.planned_count = count
                db.session.commit()
            time.sleep(0.15)
        wait_for(lambda: _outbox_empty(db) and _runs_after(db, last), 60, 0.2, message="the burst recomputed")
        time.sleep(1)  # a second run, if any, would have started by now (quiet period 0.5 s)
        runs = _runs_after(db, last)
        assert 1 <= len(runs) <= 2, runs
        assert all(outcome == "ok" for _, outcome in runs)
    finally:
        for worker in workers:
            worker.stop()

    stored_years = {f.year for f in stored_findings(2026)} | {2026}
    for year in sorted(stored_years):
        result = runner.invoke(args=["realism", "--year", str(year), "--json"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        fresh = json.loads(result.output)["findings"]
        assert [f.to_json() for f in stored_findings(year)] == fresh
    assert any(f["code"] for f in fresh)  # the plan of 2026 has something to say
