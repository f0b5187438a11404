"""The staff list stays a handful of queries per page with a province's worth of people."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

from sqlalchemy import event, insert, select

from tests.web.helpers import login

PEOPLE = 5200


@contextmanager
def count_queries(engine):
    statements = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _province(db, users):
    from nq05.reference.models import Position
    from nq05.staff.models import Assignment, Person, Qualification

    chief = Position(code="TP", name="Trưởng phòng", min_pro="bachelor", min_pol="intermediate")
    db.session.add(chief)
    db.session.flush()
    units = [users.units["HA"].id, users.units["XA1"].id, users.units["HB"].id]
    db.session.execute(
        insert(Person),
        [
            {
                "code": f"P{i:05d}",
                "full_name": f"Cán Bộ Số {i:05d}",
                "gender": "MF"[i % 2],
                "birth_date": date(1970 + i % 30, 1, 1),
            }
            for i in range(PEOPLE)
        ],
    )
    ids = db.session.execute(select(Person.id).order_by(Person.id)).scalars().all()
    db.session.execute(
        insert(Assignment),
        [
            {
                "person_id": pid,
                "unit_id": units[i % 3],
                "category": "DIST_CIVIL",
                "position_id": chief.id,
                "start_date": date(2005, 1, 1),
                "end_date": None,
            }
            for i, pid in enumerate(ids)
        ],
    )
    db.session.execute(
        insert(Qualification),
        [
            {
                "person_id": pid,
                "track": track,
                "level": level,
                "awarded_on": date(2000 + i % 14, 6, 1),
                "source_enrolment_id": None,
            }
            for i, pid in enumerate(ids)
            for track, level in (("pro", "bachelor"), ("pol", "elementary" if i % 4 else "intermediate"))
        ],
    )
    db.session.commit()


def test_staff_list_pages_in_a_few_queries(client, db, users):
    _province(db, users)
    login(client, users.head_a)
    for url in (
        "/staff/",
        "/staff/?below=y",
        "/staff/?below=y&page=20",
        "/staff/?pol=elementary&q=s%E1%BB%91",
    ):
        with count_queries(db.engine) as statements:
            response = client.get(url)
        assert response.status_code == 200
        # the cost is bounded by the statements (timings belong in benchmarks/, not in tests); one
        # of them reads the ids of the unit's people (staff.queries.people_of_units)
        assert len(statements) <= 7, (url, len(statements), statements)
    page = client.get("/staff/?below=y").get_data(as_text=True)
    # head_a reads HA and XA1: two thirds of the province; three quarters of them are below standard
    below = sum(1 for i in range(PEOPLE) if i % 3 != 2 and i % 4)
    assert f"trong {below:,} người".replace(",", ".") in page


def test_person_page_in_a_few_queries(client, db, users):
    _province(db, users)
    login(client, users.head_a)
    from nq05.staff.models import Person

    person_id = db.session.execute(select(Person.id).where(Person.code == "P00000")).scalar()
    with count_queries(db.engine) as statements:
        assert client.get(f"/staff/{person_id}").status_code == 200
    assert len(statements) <= 12, statements
