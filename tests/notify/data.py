"""A small province with one event of every reminder kind, as of TODAY (see test_reminders_delivered)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from nq05.progress.models import StoredFinding
from tests import factories as f

#: a Thursday; plans for 2026 are due on 30/11/2025 (default setting): 10 days left
TODAY = date(2025, 11, 20)


@dataclass
class Province:
    users: object
    people: dict
    plans: dict
    classes: dict


def make_province(db, users) -> Province:
    units, centres = users.units, users.centres
    clerk = f.position("CV")
    people = {
        key: f.person(
            units[unit],
            code=code,
            name=name,
            gender=gender,
            born=born,
            email=email,
            start="2015-01-01",
            at_position=clerk,
        )
        for key, unit, code, name, gender, born, email in (
            ("mot", "HA", "P1", "Nguyễn Văn Một", "M", "1980-01-01", "mot@nq05.test"),
            ("hai", "HB", "P2", "Trần Thị Hai", "F", "1985-02-02", "hai@nq05.test"),
            ("ba", "XA1", "P3", "Lê Văn Ba", "M", "1990-03-03", "ba@nq05.test"),
        )
    }
    plans = {
        "returned": f.plan(
            units["HA"], 2026, status="returned", submitted="2025-11-10", decided="2025-11-18",
            comment="Thiếu danh sách nguồn cho lớp trung cấp lý luận chính trị.",
        ),
        "approved": f.plan(units["HB"], 2026, status="approved", submitted="2025-11-05", decided="2025-11-19"),
    }  # fmt: skip
    for unit in ("HA", "HB", "XA1"):  # this year's plans, approved long ago: nothing to say about them
        f.plan(units[unit], 2025, submitted="2024-11-20", decided="2024-12-15")
    programme = f.programme("TCLLCT", "Trung cấp lý luận chính trị", duration=0)
    classes = {
        "starting": f.training_class(
            programme, centres["C1"], code="K1", year=2025, start="2025-11-25", end="2025-12-20", capacity=30,
            place="Hội trường A",
        ),
        "waiting": f.training_class(
            programme, centres["C2"], code="K2", year=2026, start="2026-01-10", end="2026-02-10", capacity=30
        ),
        "ended": f.training_class(
            programme, centres["C1"], code="K3", year=2025, start="2025-09-01", end="2025-10-20", capacity=30
        ),
    }  # fmt: skip
    f.enrol(
        people["mot"], classes["starting"], "accepted", nominated_on="2025-10-01", decided_on="2025-11-01"
    )
    f.enrol(
        people["hai"], classes["starting"], "accepted", nominated_on="2025-10-01", decided_on="2025-11-15",
        waitlisted_at=datetime(2025, 11, 2, 9, 0),
    )  # fmt: skip
    f.enrol(people["ba"], classes["waiting"], "nominated", nominated_on="2025-11-05")
    f.enrol(people["mot"], classes["ended"], "accepted", nominated_on="2025-08-01", decided_on="2025-08-10")
    add_findings(db)
    db.session.commit()
    return Province(users=users, people=people, plans=plans, classes=classes)


def add_findings(db) -> None:
    """Two realism findings as nq05.progress stores them (the digest reads the stored ones)."""
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
