"""Capacity under concurrency: many centre staff accepting at once never overfill a class.

The PostgreSQL tests run against a scratch PostgreSQL database of their own, built by the
migrations, in the default (SQLite) pass; the PostgreSQL pass skips them as it would only repeat
them. The same race is run on an SQLite file too. Each thread has its own app context, hence its
own session and connection.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from nq05.classes import operations as ops
from nq05.classes.errors import RosterRefused
from nq05.classes.models import Enrolment, TrainingClass
from nq05.sqlite import writing
from tests import factories as f
from tests.services import require_postgres, scratch_postgres_database

pytestmark = pytest.mark.own_databases

ATTEMPTS = 20
CAPACITY = 5
ROUNDS = 5


@pytest.fixture(scope="module")
def pg_app(tmp_path_factory):
    require_postgres()
    from flask_migrate import upgrade

    from nq05 import create_app

    with scratch_postgres_database("nq05_roster") as url:
        app = create_app(
            {
                "TESTING": True,
                "SQLALCHEMY_DATABASE_URI": url,
                "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": ATTEMPTS + 5, "max_overflow": 0},
                "SERVER_NAME": "localhost",
            }
        )
        with app.app_context():
            upgrade()
        yield app
        with app.app_context():
            from nq05.extensions import db

            db.engine.dispose()


@pytest.fixture(scope="module")
def sqlite_app(tmp_path_factory):
    from flask_migrate import upgrade

    from nq05 import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('race')}/race.sqlite"
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": ATTEMPTS + 5, "connect_args": {"timeout": 30}},
            "SERVER_NAME": "localhost",
        }
    )
    with app.app_context():
        upgrade()
    return app


def seed_class(app) -> tuple[int, list[int]]:
    from nq05.extensions import db

    with app.app_context():
        unit = f.unit()
        klass = f.training_class(f.programme(), capacity=CAPACITY)
        ids = [
            ops.nominate(klass, f.person(unit).id, unit_id=unit.id, today=date(2015, 1, 10)).id
            for _ in range(ATTEMPTS)
        ]
        db.session.commit()
        return klass.id, ids


def all_at_once(app, args: list[int], action) -> dict[str, int]:
    """Run ``action(arg)`` for each arg in its own thread, app context and connection, all released
    together; count the outcomes ("done" or the refusal code)."""
    from nq05.extensions import db

    barrier = threading.Barrier(len(args))
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(arg: int) -> None:
        with app.app_context():
            db.session.execute(select(1))  # connect before the start signal
            db.session.rollback()  # holding no transaction: the action begins its own
            barrier.wait()
            try:
                with writing():  # as a POST request's transaction does (nq05/sqlite.py)
                    action(arg)
                    db.session.commit()
                outcome = "done"
            except RosterRefused as refused:
                db.session.rollback()
                outcome = refused.code
            except Exception as exc:  # noqa: BLE001 - any other failure must show in the test
                db.session.rollback()
                outcome = f"error: {exc!r}"
            with lock:
                outcomes.append(outcome)

    threads = [threading.Thread(target=attempt, args=(a,)) for a in args]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return {o: outcomes.count(o) for o in set(outcomes)}


def accept(enrolment_id: int) -> None:
    from nq05.extensions import db

    ops.accept(db.session.get(Enrolment, enrolment_id), today=date(2015, 1, 20))


def seats_in_database(app, class_id: int) -> int:
    from nq05.extensions import db

    with app.app_context():
        return db.session.scalar(
            select(func.count()).where(Enrolment.class_id == class_id, Enrolment.status == "accepted")
        )


@pytest.mark.postgres
@pytest.mark.parametrize("round_", range(ROUNDS))
def test_twenty_simultaneous_accepts_fill_exactly_five_seats(pg_app, round_):
    class_id, enrolment_ids = seed_class(pg_app)
    outcomes = all_at_once(pg_app, enrolment_ids, accept)
    assert outcomes == {"done": CAPACITY, "class_full": ATTEMPTS - CAPACITY}
    assert seats_in_database(pg_app, class_id) == CAPACITY


@pytest.mark.postgres
def test_accepting_the_same_nomination_twice_at_once_takes_one_seat(pg_app):
    class_id, enrolment_ids = seed_class(pg_app)
    same = [enrolment_ids[0]] * 10
    outcomes = all_at_once(pg_app, same, accept)
    assert outcomes == {"done": 1, "transition": 9}
    assert seats_in_database(pg_app, class_id) == 1


@pytest.mark.postgres
def test_two_heads_nominating_the_same_person_at_once_make_one_nomination(pg_app):
    from nq05.extensions import db

    with pg_app.app_context():
        unit = f.unit()
        klass = f.training_class(f.programme(), capacity=CAPACITY)
        person_id, class_id = f.person(unit).id, klass.id
        db.session.commit()

    def nominate(_person_id):
        training_class = db.session.get(TrainingClass, class_id)
        ops.nominate(training_class, person_id, unit_id=None, today=date(2015, 1, 10))

    outcomes = all_at_once(pg_app, [person_id] * 8, nominate)
    # the late ones see the winner's row either at the duplicate check or, having passed it, as
    # "already enrolled in a class of the programme" at the eligibility check, or at the insert
    assert outcomes.pop("done") == 1
    assert set(outcomes) <= {"already_nominated", "not_eligible"} and sum(outcomes.values()) == 7
    with pg_app.app_context():
        assert db.session.scalar(select(func.count()).where(Enrolment.class_id == class_id)) == 1


def test_the_same_race_on_sqlite_fills_exactly_five_seats(sqlite_app):
    class_id, enrolment_ids = seed_class(sqlite_app)
    outcomes = all_at_once(sqlite_app, enrolment_ids, accept)
    assert outcomes == {"done": CAPACITY, "class_full": ATTEMPTS - CAPACITY}
    assert seats_in_database(sqlite_app, class_id) == CAPACITY


def bulk_accept(group: int, enrolment_ids: list[int]) -> None:
    from nq05.extensions import db

    enrolments = [db.session.get(Enrolment, i) for i in enrolment_ids[group * 4 : group * 4 + 4]]
    ops.decide_many(enrolments[0].training_class, enrolments, "accept", today=date(2015, 1, 20))


def statuses_in_database(app, class_id: int) -> dict[str, int]:
    from nq05.extensions import db

    with app.app_context():
        rows = db.session.execute(
            select(Enrolment.status, func.count())
            .where(Enrolment.class_id == class_id)
            .group_by(Enrolment.status)
        )
        return dict(rows.all())


@pytest.mark.postgres
def test_five_simultaneous_bulk_accepts_fill_exactly_five_seats_and_wait_the_rest(pg_app):
    class_id, enrolment_ids = seed_class(pg_app)
    outcomes = all_at_once(pg_app, list(range(5)), lambda group: bulk_accept(group, enrolment_ids))
    assert outcomes == {"done": 5}
    assert statuses_in_database(pg_app, class_id) == {"accepted": CAPACITY, "waitlisted": ATTEMPTS - CAPACITY}


def test_the_same_bulk_race_on_sqlite(sqlite_app):
    class_id, enrolment_ids = seed_class(sqlite_app)
    outcomes = all_at_once(sqlite_app, list(range(5)), lambda group: bulk_accept(group, enrolment_ids))
    assert outcomes == {"done": 5}
    assert statuses_in_database(sqlite_app, class_id) == {
        "accepted": CAPACITY,
        "waitlisted": ATTEMPTS - CAPACITY,
    }
