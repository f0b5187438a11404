"""Every nomination and decision leaves an audit entry naming who, what and when."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from nq05.audit.models import AuditEntry
from nq05.auth.models import User
from nq05.classes import operations as ops
from tests import factories as f


def test_nomination_decisions_and_promotion_are_audited(db):
    unit = f.unit()
    head = User(email="head@example.vn", full_name="Trưởng đơn vị", role="unit_head", unit_id=unit.id)
    db.session.add(head)
    klass = f.training_class(f.programme(), capacity=1)
    a, b = (
        ops.nominate(klass, f.person(unit).id, unit_id=unit.id, actor=head, today=date(2015, 1, 2))
        for _ in range(2)
    )
    ops.accept(a, actor=head, today=date(2015, 1, 3))
    ops.waitlist(b, actor=head, today=date(2015, 1, 3))
    ops.withdraw(a, actor=head, today=date(2015, 1, 4))
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.object_id, e.user_email) for e in entries] == [
        ("enrolment.nominated", a.id, "head@example.vn"),
        ("enrolment.nominated", b.id, "head@example.vn"),
        ("enrolment.accepted", a.id, "head@example.vn"),
        ("enrolment.waitlisted", b.id, "head@example.vn"),
        ("enrolment.withdrawn", a.id, "head@example.vn"),
        ("enrolment.promoted", b.id, "head@example.vn"),
    ]
    assert entries[-1].details["from"] == "waitlisted" and entries[-1].details["to"] == "accepted"
    assert entries[0].details["class"] == klass.code and entries[0].unit_id == unit.id
    assert entries[0].object_label == f"{a.person.full_name} · {klass.code}"
