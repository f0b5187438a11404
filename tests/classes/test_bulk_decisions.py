"""Bulk decisions on a roster: several people at once, seats in nomination order, the waiting list
in order, all or none."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from nq05 import clock
from nq05.audit.models import AuditEntry
from nq05.classes import operations as ops
from nq05.classes.errors import RosterRefused
from nq05.classes.models import Enrolment
from tests import factories as f
from tests.web.helpers import login

TODAY = clock.today()
BEFORE = date(2015, 1, 10)


def roster(capacity=3, people=8):
    unit = f.unit()
    klass = f.training_class(f.programme(), capacity=capacity)
    enrolments = [
        ops.nominate(klass, f.person(unit).id, unit_id=unit.id, today=BEFORE) for _ in range(people)
    ]
    return klass, enrolments


def test_accepting_more_than_the_free_seats_waitlists_the_rest_in_nomination_order(db):
    klass, people = roster(capacity=3)
    chosen = [people[4], people[0], people[2], people[1], people[3]]  # ticked in any order
    outcome = ops.decide_many(klass, chosen, "accept", today=BEFORE)
    assert [e.id for e in outcome.accepted] == [people[0].id, people[1].id, people[2].id]
    assert [e.id for e in outcome.waiting_for_a_seat] == [people[3].id, people[4].id]
    assert ops.waiting_positions(klass.id) == {people[3].id: 1, people[4].id: 2}
    # a seat frees: the first waitlisted (nominated first) is promoted
    ops.withdraw(people[1], today=BEFORE)
    assert db.session.get(Enrolment, people[3].id).status == "accepted"
    assert ops.waiting_positions(klass.id) == {people[4].id: 1}


def test_the_waiting_list_goes_first_when_seats_are_given(db):
    klass, people = roster(capacity=1, people=3)
    ops.waitlist(people[2], today=BEFORE)
    outcome = ops.decide_many(klass, people, "accept", today=BEFORE)
    assert [e.id for e in outcome.accepted] == [people[2].id]
    assert ops.waiting_positions(klass.id) == {people[0].id: 1, people[1].id: 2}


def test_waitlisting_rows_already_waiting_keeps_their_place(db):
    klass, people = roster(capacity=1, people=3)
    ops.waitlist(people[2], today=BEFORE)
    outcome = ops.decide_many(klass, people, "waitlist", today=BEFORE)
    assert [e.id for e in outcome.waitlisted] == [people[0].id, people[1].id]
    assert ops.waiting_positions(klass.id) == {people[2].id: 1, people[0].id: 2, people[1].id: 3}


def test_bulk_reject_needs_one_reason_and_records_it_for_each(db):
    klass, people = roster(people=3)
    with pytest.raises(RosterRefused) as refused:
        ops.decide_many(klass, people, "reject", reason=" ", today=BEFORE)
    assert refused.value.code == "reason_required"
    ops.decide_many(klass, people, "reject", reason="Không đúng đối tượng", today=BEFORE)
    assert {(e.status, e.reason) for e in people} == {("rejected", "Không đúng đối tượng")}
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.action == "enrolment.rejected"))
    assert len(list(actions)) == 3


def test_a_bulk_decision_is_all_or_none(db):
    klass, people = roster(people=3)
    ops.withdraw(people[1], today=BEFORE)
    db.session.commit()
    with pytest.raises(RosterRefused) as refused:
        ops.decide_many(klass, people, "waitlist", today=BEFORE)
    assert refused.value.person_name == people[1].person.full_name
    db.session.rollback()
    assert [db.session.get(Enrolment, e.id).status for e in people] == ["nominated", "withdrawn", "nominated"]


@pytest.fixture()
def page_scene(db, users):
    """Eight people of HA nominated to a 3-seat class of centre C1 starting in a month."""
    klass = f.training_class(
        f.programme(),
        users.centres["C1"],
        start=TODAY + timedelta(days=30),
        end=TODAY + timedelta(days=90),
        capacity=3,
    )
    ha = users.units["HA"]
    people = [
        f.person(ha, name=f"Nguyễn Văn {n}")
        for n in ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khoa", "Lan")
    ]
    enrolments = [ops.nominate(klass, p.id, unit_id=ha.id) for p in people]
    db.session.commit()
    return klass, enrolments


def test_the_centre_accepts_five_into_three_seats_from_the_page(client, users, db, page_scene):
    klass, enrolments = page_scene
    login(client, users.centre_1)
    page = client.get(f"/classes/{klass.id}")
    assert 'name="enrolment_ids"' in page.text and "Áp dụng cho tất cả người được cử (8)" in page.text
    response = client.post(
        f"/classes/{klass.id}/decisions",
        data={"decision": "accept", "scope": "selected", "enrolment_ids": [e.id for e in enrolments[:5]]},
        follow_redirects=True,
    )
    assert "Đã nhận 3 người; 2 người vào danh sách chờ vì lớp hết chỗ." in response.text
    db.session.expire_all()
    assert [db.session.get(Enrolment, e.id).status for e in enrolments[:5]] == ["accepted"] * 3 + [
        "waitlisted"
    ] * 2
    # the waiting list shows its order, and no "Nhận" button while the class is full
    assert "thứ 1" in response.text and "thứ 2" in response.text
    assert '<input type="hidden" name="decision" value="accept">' not in response.text


def test_the_centre_refuses_everyone_nominated_with_one_reason(client, users, db, page_scene):
    klass, enrolments = page_scene
    login(client, users.centre_1)
    client.post(
        f"/classes/{klass.id}/decisions", data={"decision": "waitlist", "enrolment_ids": [enrolments[0].id]}
    )
    no_reason = client.post(
        f"/classes/{klass.id}/decisions",
        data={"decision": "reject", "scope": "nominated"},
        follow_redirects=True,
    )
    assert "Cần ghi lý do từ chối." in no_reason.text
    done = client.post(
        f"/classes/{klass.id}/decisions",
        data={"decision": "reject", "scope": "nominated", "reason": "Đủ chỉ tiêu"},
        follow_redirects=True,
    )
    assert "Đã từ chối 7 người." in done.text
    db.session.expire_all()
    assert [db.session.get(Enrolment, e.id).status for e in enrolments] == ["waitlisted"] + ["rejected"] * 7


def test_nothing_chosen_says_so(client, users, db, page_scene):
    klass, _ = page_scene
    login(client, users.centre_1)
    page = client.post(f"/classes/{klass.id}/decisions", data={"decision": "accept"}, follow_redirects=True)
    assert "Chưa chọn người nào." in page.text


def test_unit_heads_and_other_centres_cannot_decide_in_bulk(client, users, db, page_scene):
    klass, enrolments = page_scene
    for user in (users.head_a, users.centre_2):
        login(client, user)
        response = client.post(
            f"/classes/{klass.id}/decisions", data={"decision": "accept", "scope": "nominated"}
        )
        assert response.status_code in (403, 404)
    db.session.expire_all()
    assert {db.session.get(Enrolment, e.id).status for e in enrolments} == {"nominated"}


def test_the_roster_costs_the_same_statements_for_3_or_12_people(client, users, db):
    """Attendance rates, waiting places and results come from grouped queries, not one per person."""
    from contextlib import contextmanager

    from sqlalchemy import event

    @contextmanager
    def counted():
        statements = []

        def before(conn, cursor, statement, parameters, context, executemany):
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", before)
        try:
            yield statements
        finally:
            event.remove(db.engine, "before_cursor_execute", before)

    def roster_of(size: int) -> int:
        klass = f.training_class(
            f.programme(),
            users.centres["C1"],
            start=TODAY - timedelta(days=30),
            end=TODAY + timedelta(days=30),
            capacity=size // 2,
        )
        day = f.session_day(klass, klass.start_date)
        ha = users.units["HA"]
        enrolments = [
            ops.nominate(klass, f.person(ha).id, unit_id=ha.id, today=TODAY - timedelta(days=60))
            for _ in range(size)
        ]
        ops.decide_many(klass, enrolments, "accept")
        for e in enrolments[: size // 2]:
            ops.record_attendance(day, e, True)
        ops.record_result(enrolments[0], "completed", TODAY, grade="good")
        db.session.commit()
        with counted() as statements:
            assert client.get(f"/classes/{klass.id}").status_code == 200
        return len(statements)

    login(client, users.centre_1)
    assert roster_of(3 * 2) == roster_of(12 * 2)
