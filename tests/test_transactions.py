"""Transactions mean what SQLAlchemy says, on SQLite as on PostgreSQL (nq05/sqlite.py).

- a rollback undoes everything since BEGIN, released savepoints included;
- a request that changes data takes SQLite's write lock before its first read, so a writer that
  commits meanwhile makes it wait, never fail;
- a request that only reads never makes a writer wait.
"""

from __future__ import annotations

import threading

from sqlalchemy import select, update

from nq05.sqlite import writing
from tests.classes import factories as f


def _name(app, person_id: int) -> str:
    from nq05.extensions import db
    from nq05.staff.models import Person

    with app.app_context():
        return db.session.scalar(select(Person.full_name).where(Person.id == person_id))


def _a_person(db) -> int:
    person = f.person(db, f.unit(db), name="Nguyễn Văn Gốc")
    db.session.commit()
    person_id = person.id
    db.session.remove()
    return person_id


def _rename(db, person_id: int, name: str) -> None:
    from nq05.staff.models import Person

    db.session.execute(update(Person).where(Person.id == person_id).values(full_name=name))


def test_a_rollback_undoes_a_released_savepoint_of_the_same_request(app, db):
    person_id = _a_person(db)
    with app.test_request_context("/staff/", method="POST"):
        with db.session.begin_nested():  # the first statement of the request is the savepoint
            _rename(db, person_id, "Nguyễn Văn Sửa")
        db.session.rollback()
    assert _name(app, person_id) == "Nguyễn Văn Gốc"


def _in_thread(app, target, *args) -> tuple[threading.Thread, list]:
    errors: list = []

    def run():
        try:
            with app.app_context():
                target(*args)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def test_a_request_that_read_first_then_writes_is_not_failed_by_a_writer_meanwhile(app, db):
    from nq05.extensions import db as _db

    person_id = _a_person(db)
    other_started, other_done = threading.Event(), threading.Event()

    def other_writer():
        with writing():
            other_started.set()
            _rename(_db, person_id, "Người khác sửa")
            _db.session.commit()
        other_done.set()

    def request_that_reads_then_writes():
        with app.test_request_context("/staff/", method="POST"):
            name = _name_in_session(_db, person_id)
            thread, errors = _in_thread(app, other_writer)
            other_started.wait(5)
            # with a plain BEGIN the other writer commits now, and our write below fails with
            # "database is locked"; with BEGIN IMMEDIATE it waits for our commit
            other_done.wait(0.5)
            _rename(_db, person_id, name + " (1)")
            _db.session.commit()
        return thread, errors

    with app.app_context():
        thread, errors = request_that_reads_then_writes()
    thread.join(30)
    assert not errors
    if db.engine.dialect.name == "sqlite":  # the other writer waited for our commit
        assert _name(app, person_id) == "Người khác sửa"


def _name_in_session(db, person_id: int) -> str:
    from nq05.staff.models import Person

    return db.session.scalar(select(Person.full_name).where(Person.id == person_id))


def test_a_page_being_read_does_not_make_a_writer_wait(app, db):
    from nq05.extensions import db as _db

    person_id = _a_person(db)

    def writer():
        with writing():
            _rename(_db, person_id, "Đã sửa")
            _db.session.commit()

    with app.app_context(), app.test_request_context("/staff/", method="GET"):
        assert _name_in_session(_db, person_id) == "Nguyễn Văn Gốc"  # the page's transaction is open
        thread, errors = _in_thread(app, writer)
        thread.join(5)
        assert not thread.is_alive(), "the writer waited for a page being read"
        assert not errors
        _db.session.rollback()
    assert _name(app, person_id) == "Đã sửa"
