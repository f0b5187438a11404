"""A small province with one event of every reminder kind, as of TODAY (see test_reminders_delivered)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

#: a Thursday; plans for 2026 are due on 30/11/2025 (default setting): 10 days left
TODAY = date(2025, 11, 20)


@dataclass
class Province:
    users: object
    people: dict
    plans: dict
    classes: dict


def make_province(db, users) -> Province:
    from nq05.classes.models import Enrolment, TrainingClass
    from nq05.plans.models import Plan
    from nq05.reference.models import Position, Programme
    from nq05.staff.models import Assignment, Person

    units, centres = users.units, users.centres
    clerk = Position(code="CV", name="Chuyên viên")
    db.session.add(clerk)
    people = {
        "mot": Person(
            code="P1",
            full_name="Nguyễn Văn Một",
            gender="M",
            birth_date=date(1980, 1, 1),
            email="mot@nq05.test",
        ),
        "hai": Person(
            code="P2",
            full_name="Trần Thị Hai",
            gender="F",
            birth_date=date(1985, 2, 2),
            email="hai@nq05.test",
        ),
        "ba": Person(
            code="P3", full_name="Lê Văn Ba", gender="M", birth_date=date(1990, 3, 3), email="ba@nq05.test"
        ),
    }
    db.session.add_all(people.values())
    db.session.flush()
    for key, unit in (("mot", "HA"), ("hai", "HB"), ("ba", "XA1")):
        db.session.add(
            Assignment(
                person=people[key],
                unit=units[unit],
                category="DIST_CIVIL",
                position=clerk,
                start_date=date(2015, 1, 1),
            )
        )
    plans = {
        "returned": Plan(
            unit=units["HA"], year=2026, version=1, status="returned", submitted_on=date(2025, 11, 10),
            decided_on=date(2025, 11, 18), review_comment="Thiếu danh sách nguồn cho lớp trung cấp lý luận chính trị.",
        ),
        "approved": Plan(
            unit=units["HB"], year=2026, version=1, status="approved", submitted_on=date(2025, 11, 5),
            decided_on=date(2025, 11, 19),
        ),
    }  # fmt: skip
    db.session.add_all(plans.values())
    for unit in ("HA", "HB", "XA1"):  # this year's plans, approved long ago: nothing to say about them
        db.session.add(
            Plan(
                unit=units[unit],
                year=2025,
                version=1,
                status="approved",
                submitted_on=date(2024, 11, 20),
                decided_on=date(2024, 12, 15),
            )
        )
    programme = Programme(
        code="TCLLCT",
        name="Trung cấp lý luận chính trị",
        kind="certificate",
        track="pol",
        level="intermediate",
    )
    db.session.add(programme)
    classes = {
        "starting": TrainingClass(
            code="K1", programme=programme, centre=centres["C1"], year=2025, start_date=date(2025, 11, 25),
            end_date=date(2025, 12, 20), capacity=30, place="Hội trường A",
        ),
        "waiting": TrainingClass(
            code="K2", programme=programme, centre=centres["C2"], year=2026, start_date=date(2026, 1, 10),
            end_date=date(2026, 2, 10), capacity=30,
        ),
        "ended": TrainingClass(
            code="K3", programme=programme, centre=centres["C1"], year=2025, start_date=date(2025, 9, 1),
            end_date=date(2025, 10, 20), capacity=30,
        ),
    }  # fmt: skip
    db.session.add_all(classes.values())
    db.session.flush()
    db.session.add_all(
        [
            Enrolment(person=people["mot"], training_class=classes["starting"], status="accepted", nominated_on=date(2025, 10, 1), decided_on=date(2025, 11, 1)),
            Enrolment(
                person=people["hai"], training_class=classes["starting"], status="accepted", nominated_on=date(2025, 10, 1),
                decided_on=date(2025, 11, 15), waitlisted_at=datetime(2025, 11, 2, 9, 0),
            ),
            Enrolment(person=people["ba"], training_class=classes["waiting"], status="nominated", nominated_on=date(2025, 11, 5)),
            Enrolment(person=people["mot"], training_class=classes["ended"], status="accepted", nominated_on=date(2025, 8, 1), decided_on=date(2025, 8, 10)),
        ]
    )  # fmt: skip
    add_findings(db)
    db.session.commit()
    return Province(users=users, people=people, plans=plans, classes=classes)


def add_findings(db) -> None:
    """Two realism findings as nq05.progress stores them (the digest reads the stored ones)."""
    from nq05.progress.models import StoredFinding

    common = dict(
        year=2026, figures={}, as_of=TODAY, computed_at=datetime(2025, 11, 20, 1, 0), fingerprint="x"
    )
    db.session.add_all(
        [
            StoredFinding(code="MISSING_PLAN", unit_code="XA1", position=0, **common),
            StoredFinding(code="NO_NAMED_SOURCE", unit_code="HA", programme="TCLLCT", position=1, **common),
        ]
    )


#: (kind, recipient) of every reminder the scan of TODAY creates
EXPECTED_TODAY = {
    ("plan_due_14", "head.a@nq05.test"),
    ("plan_due_14", "head.a1@nq05.test"),
    ("plan_returned", "head.a@nq05.test"),
    ("plan_approved", "head.b@nq05.test"),
    ("class_starting", "mot@nq05.test"),
    ("class_starting", "hai@nq05.test"),
    ("class_starting", "head.a@nq05.test"),
    ("class_starting", "head.b@nq05.test"),
    ("waitlist_promoted", "hai@nq05.test"),
    ("waitlist_promoted", "head.b@nq05.test"),
    ("nominations_waiting", "centre.2@nq05.test"),
    ("results_overdue", "centre.1@nq05.test"),
}
