"""Edits queue a recompute of the units they touch, in their own transaction, coalesced."""

from __future__ import annotations

import time
from datetime import date

import pytest
from sqlalchemy import select, update

from tests.notify import recorder
from tests.notify.services import free_port, wait_for


@pytest.fixture()
def person_in_ha(db, users):
    """A person working in unit HA, with the outbox emptied afterwards."""
    from nq05.notify.models import RecomputeRequest
    from nq05.staff.models import Assignment, Person, Position

    clerk = Position(code="CV", name="Chuyên viên")
    person = Person(code="P1", full_name="Nguyễn Văn Một", gender="M", birth_date=date(1980, 1, 1))
    db.session.add_all([clerk, person])
    db.session.flush()
    db.session.add(
        Assignment(
            person=person,
            unit=users.units["HA"],
            category="DIST_CIVIL",
            position=clerk,
            start_date=date(2015, 1, 1),
        )
    )
    db.session.commit()
    db.session.execute(RecomputeRequest.__table__.delete())
    db.session.commit()
    return person


@pytest.fixture()
def observed_recompute(app, tmp_path, monkeypatch):
    """Recompute with the recorder in this process; the list of its calls."""
    log = tmp_path / "recompute.log"
    monkeypatch.setenv("NQ05_TEST_RECOMPUTE_LOG", str(log))
    monkeypatch.setitem(app.config, "NOTIFY_RECOMPUTE", "tests.notify.recorder:recompute")
    return lambda: recorder.calls(log)


def _outbox(db) -> dict[str, str]:
    """Dirty units and their versions (a new one for every transaction touching the unit)."""
    from nq05.notify.models import RecomputeRequest

    db.session.rollback()
    return {r.unit_code: r.version for r in db.session.scalars(select(RecomputeRequest))}


def _touched(db, before: dict[str, str]) -> set[str]:
    """The units some transaction touched since ``before``."""
    return {code for code, version in _outbox(db).items() if before.get(code) != version}


@pytest.fixture()
def no_quiet_period(app, monkeypatch):
    """Sweeps in these tests take a unit at once, not after a quiet period."""
    monkeypatch.setitem(app.config, "NOTIFY_RECOMPUTE_QUIET", 0)


def _qualification(person, level="bachelor"):
    from nq05.staff.models import Qualification

    return Qualification(person_id=person.id, track="pro", level=level, awarded_on=date(2020, 6, 1))


def test_a_rolled_back_transaction_queues_nothing(queue_app, db, person_in_ha, redis_db):
    redis_db.delete("recompute")
    db.session.add(_qualification(person_in_ha))
    db.session.flush()  # the outbox row is written... in the transaction that is then rolled back
    db.session.rollback()
    assert _outbox(db) == {}
    assert redis_db.llen("recompute") == 0

    db.session.add(_qualification(person_in_ha))
    db.session.commit()
    assert set(_outbox(db)) == {"HA"}
    assert redis_db.llen("recompute") == 1  # after the commit, a sweep was asked for
    redis_db.delete("recompute")


def test_a_hundred_edits_make_one_recompute(app, db, person_in_ha, observed_recompute, no_quiet_period):
    from nq05.notify.models import RecomputeRun
    from nq05.notify.recompute import sweep, take_dirty_units

    for i in range(100):
        person_in_ha.full_name = f"Nguyễn Văn Một {i}"
        db.session.commit()
    assert set(_outbox(db)) == {"HA"}
    assert sweep() == "ok"
    assert observed_recompute() == ["HA"]
    assert _outbox(db) == {}
    assert take_dirty_units().codes == []
    run = db.session.scalars(select(RecomputeRun)).one()
    assert run.units == "HA" and run.outcome == "ok" and run.finished_at >= run.started_at


def test_an_edit_during_the_recompute_keeps_the_unit_dirty(
    app, db, person_in_ha, tmp_path, monkeypatch, no_quiet_period
):
    from nq05.notify.recompute import sweep, take_dirty_units

    monkeypatch.setenv("NQ05_TEST_RECOMPUTE_LOG", str(tmp_path / "log"))
    monkeypatch.setitem(app.config, "NOTIFY_RECOMPUTE", "tests.notify.recorder:recompute_while_someone_edits")
    db.session.add(_qualification(person_in_ha))
    db.session.commit()
    before = _outbox(db)
    assert sweep() == "ok"
    assert _touched(db, before) == {"HA"}  # the edit made during the run is not lost
    assert take_dirty_units().codes == ["HA"]  # and the next sweep takes it


def test_each_kind_of_change_marks_its_units(db, users, person_in_ha):
    from nq05.classes.models import Enrolment, Programme, TrainingClass
    from nq05.plans.models import Plan, PlanLine
    from nq05.targets.models import Period, Target

    before = _outbox(db)
    plan = Plan(unit=users.units["XA1"], year=2026, version=1, status="draft")
    db.session.add(plan)
    db.session.commit()
    assert _touched(db, before) == {"XA1"}

    before = _outbox(db)
    programme = Programme(code="G", name="G", kind="certificate", track="pol", level="intermediate")
    db.session.add(PlanLine(plan=plan, programme=programme, planned_count=2))
    db.session.commit()
    assert _touched(db, before) == {"XA1"}

    before = _outbox(db)
    klass = TrainingClass(
        code="K",
        programme=programme,
        centre=users.centres["C1"],
        year=2026,
        start_date=date(2026, 3, 1),
        end_date=date(2026, 4, 1),
        capacity=10,
    )
    db.session.add(Enrolment(person=person_in_ha, training_class=klass, status="nominated"))
    db.session.commit()
    assert _touched(db, before) == {
        "XA1",
        "HA",
    }  # the class's programme is planned by XA1; the nominee is in HA

    before = _outbox(db)
    klass.capacity = 20  # a class change reaches the units planning its programme and its people
    db.session.commit()
    assert _touched(db, before) == {"XA1", "HA"}

    period = Period(code="2026-2030", start_date=date(2026, 1, 1), end_date=date(2030, 12, 31))
    db.session.add(
        Target(period=period, kind="count", track="pro", level="master", value=3, unit=users.units["HB"])
    )
    db.session.commit()
    assert "*" in _outbox(db)  # a period is province-wide: everything


def test_bulk_statements_and_big_flushes_queue_a_full_recompute(db, users, person_in_ha):
    from nq05.staff.models import Person

    db.session.execute(update(Person).values(ethnicity="Kinh"))
    db.session.commit()
    assert set(_outbox(db)) == {"*"}


def test_redis_down_during_a_request_then_back(
    app, client, db, users, person_in_ha, start_worker, worker_env, redis_db
):
    from nq05.notify import dispatch
    from nq05.notify.models import RecomputeRun
    from nq05.plans.models import Plan
    from tests.web.helpers import login

    login(client, users.head_a)
    celery = app.extensions["celery"]
    previous = celery.conf.broker_url
    celery.conf.broker_url = f"redis://127.0.0.1:{free_port()}/6"  # nothing listens there
    dispatch._breaker["until"] = 0.0
    try:
        started = time.monotonic()
        response = client.post("/plans/start", data={"unit_id": users.units["HA"].id, "year": 2026})
        elapsed = time.monotonic() - started
    finally:
        celery.conf.broker_url = previous
        dispatch._breaker["until"] = 0.0
    # the request succeeded, quickly: the broker is only told after the commit, and may fail
    assert response.status_code == 302 and "/plans/" in response.headers["Location"]
    assert elapsed < 5
    assert db.session.scalars(select(Plan.status)).all() == ["draft"]
    assert set(_outbox(db)) == {"HA"}

    # Redis is back (a worker and its beat start on it): the sweep finds the unit and recomputes it
    worker = start_worker("redis-back")
    try:
        wait_for(lambda: _outbox(db) == {}, 60, 0.2, message="the outbox to be swept")
        runs = db.session.scalars(select(RecomputeRun)).all()
        assert [(r.units, r.outcome) for r in runs] == [("HA", "ok")]
        env, tmp = worker_env
        if env.get("NQ05_RECOMPUTE_FUNCTION") == "tests.notify.recorder:recompute":
            assert recorder.calls(tmp / "recompute.log")[-1] == "HA"
    finally:
        worker.stop()


def test_a_savepoint_rolled_back_keeps_the_outer_edits(db, users, person_in_ha):
    from nq05.plans.models import Plan

    db.session.add(_qualification(person_in_ha))  # HA, kept
    with db.session.begin_nested() as savepoint:
        db.session.add(Plan(unit=users.units["HB"], year=2026, version=1, status="draft"))
        db.session.flush()
        savepoint.rollback()  # HB's plan never happened
    db.session.commit()
    # HA is marked; HB may be too (a recompute too many is harmless, one too few is not)
    assert "HA" in _outbox(db)


def test_a_unit_being_recomputed_is_not_taken_again_nor_freed_by_another_run(
    app, db, users, person_in_ha, observed_recompute, no_quiet_period
):
    from nq05.notify.models import RecomputeRequest
    from nq05.notify.recompute import recompute_units, take_dirty_units
    from nq05.staff.models import Assignment, Person

    db.session.add(_qualification(person_in_ha))
    db.session.commit()
    held = take_dirty_units()  # a worker starts recomputing HA
    assert held.codes == ["HA"]
    db.session.add(_qualification(person_in_ha, "master"))  # HA is edited meanwhile, and HB too
    other = Person(code="P2", full_name="Trần Văn Hai", gender="M", birth_date=date(1981, 1, 1))
    other.assignments.append(
        Assignment(
            unit=users.units["HB"],
            category="DIST_CIVIL",
            position_id=person_in_ha.assignments[0].position_id,
            start_date=date(2015, 1, 1),
        )
    )
    db.session.add(other)
    db.session.commit()

    assert recompute_units(None) == "ok"  # the nightly full run: it answers for HB, not for HA
    assert set(_outbox(db)) == {"HA"}
    row = db.session.get(RecomputeRequest, "HA")
    assert row.claim_token == held.token and row.queued_at is not None  # still the first worker's
    assert take_dirty_units().codes == []  # and nobody takes it from that worker

    # the first worker runs (it reads the edit, made before it began) and clears its row
    assert recompute_units(held.codes, held) == "ok"
    assert _outbox(db) == {}


def test_start_up_refuses_settings_under_which_a_task_runs_twice(app):
    from nq05 import create_app
    from nq05.notify.settings import SettingsError

    with pytest.raises(SettingsError, match="NQ05_RECOMPUTE_REQUEUE_AFTER"):
        create_app({**app.config, "NOTIFY_RECOMPUTE_REQUEUE_AFTER": 300})  # the task limit is 360 s
    with pytest.raises(SettingsError, match="NQ05_CLAIM_TIMEOUT"):
        create_app({**app.config, "NOTIFY_CLAIM_TIMEOUT": 600, "MAIL_DATA_TIMEOUT": 600})
