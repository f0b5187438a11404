"""Notices sent at once (nq05.notify.notices): nominees accepted, waitlisted, refused or promoted;
a class announced; a plan returned or approved. Each is queued by the operation, in its
transaction, and delivered through the queue to a real SMTP server (aiosmtpd on loopback)
without waiting for a scan."""

from __future__ import annotations

import email
from datetime import timedelta
from email import policy
from email.header import decode_header, make_header

import pytest
from sqlalchemy import select

from tests import factories as f
from tests.notify.services import text_body, wait_for

pytestmark = pytest.mark.service


@pytest.fixture()
def smtp_app(app, smtp, monkeypatch):
    for key, value in {
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp.port,
        "MAIL_FROM": "nhac-viec@nq05.test",
        "MAIL_TIMEOUT": 5,
        "MAIL_DATA_TIMEOUT": 2,
        "BASE_URL": "https://daotao.laichau.example.gov.vn",
    }.items():
        monkeypatch.setitem(app.config, key, value)
    return app


def _reminders(db, kind=None):
    from nq05.notify.models import Reminder

    db.session.expire_all()
    stmt = select(Reminder).order_by(Reminder.id)
    if kind:
        stmt = stmt.where(Reminder.kind == kind)
    return db.session.scalars(stmt).all()


def _send_pending():
    """What the task the commit published does (``dispatch_reminders``), in this process."""
    from nq05.notify.dispatch import dispatch_reminders

    return dispatch_reminders()


def _by_recipient(mailbox, kind):
    return {rcpt[0]: msg for rcpt, msg in mailbox.for_kind(kind)}


def _a_class(db, users, *, capacity=1):
    from nq05.clock import today

    start = today() + timedelta(days=30)
    programme = f.programme("BDKN", "Bồi dưỡng kỹ năng lãnh đạo, quản lý", track=None, duration=1)
    k = f.training_class(
        programme,
        users.centres["C1"],
        code="BDKN-01",
        start=start,
        end=start + timedelta(days=10),
        capacity=capacity,
        published=False,
        place="Hội trường Trường Chính trị tỉnh",
    )
    people = {
        "mot": f.person(users.units["HA"], name="Nguyễn Văn Một", email="mot@nq05.test"),
        "hai": f.person(users.units["HA"], name="Lê Thị Hai", gender="F", email="hai@nq05.test"),
        "ba": f.person(users.units["HB"], name="Trần Văn Ba"),
        # too old for nothing: a retiree within the class is not eligible, and is not counted
        "bon": f.person(users.units["HB"], name="Phạm Văn Bốn", born="1950-01-01"),
    }
    db.session.commit()
    return k, people


def test_a_class_announced_tells_the_units_with_eligible_staff_at_once(smtp_app, db, users, mailbox):
    from nq05.classes import operations

    k, _ = _a_class(db, users)
    operations.publish_class(k, actor=users.admin)
    db.session.commit()
    rows = _reminders(db, "class_announced")
    # heads of the units with staff eligible and not enrolled: HA (2 people), HB (1; the other retires)
    assert {(r.recipient, r.context["count"]) for r in rows} == {
        ("head.a@nq05.test", 2),
        ("head.b@nq05.test", 1),
    }
    assert _send_pending() == 2
    got = _by_recipient(mailbox, "class_announced")
    assert set(got) == {"head.a@nq05.test", "head.b@nq05.test"}
    raw = mailbox.raw[[r[0] for r, _ in mailbox.messages].index("head.a@nq05.test")]
    subject = str(make_header(decode_header(email.message_from_bytes(raw)["Subject"])))
    deadline = (k.start_date - timedelta(days=1)).strftime("%d/%m/%Y")
    assert subject == (
        "Thông báo chiêu sinh lớp BDKN-01 (Bồi dưỡng kỹ năng lãnh đạo, quản lý): "
        f"đề nghị cử cán bộ đi học chậm nhất ngày {deadline}"
    )
    text = text_body(got["head.a@nq05.test"])
    assert text.startswith("Kính gửi: Đồng chí Trần Văn An, Thủ trưởng đơn vị Huyện An Hòa")
    assert "Huyện An Hòa có 2 cán bộ, công chức đủ điều kiện đi học lớp này" in text
    assert f"https://daotao.laichau.example.gov.vn/classes/{k.id}" in text


def test_each_decision_on_a_nomination_reaches_the_nominating_unit_at_once(smtp_app, db, users, mailbox):
    from nq05.classes import operations
    from nq05.clock import today
    from nq05.notify.scan import scan

    k, people = _a_class(db, users)
    operations.publish_class(k, actor=users.admin)
    db.session.commit()
    nominated = {
        key: operations.nominate(k, people[key].id, unit_id=head.unit_id, actor=head)
        for key, head in (("mot", users.head_a), ("hai", users.head_a), ("ba", users.head_b))
    }
    db.session.commit()
    _send_pending()
    mailbox.clear()

    operations.accept(nominated["mot"], actor=users.centre_1)
    db.session.commit()
    operations.waitlist(nominated["hai"], actor=users.centre_1)  # the one seat is taken
    db.session.commit()
    operations.reject(nominated["ba"], "Chưa có quyết định bổ nhiệm ngạch chuyên viên.", actor=users.centre_1)
    db.session.commit()
    assert {(r.kind, r.recipient) for r in _reminders(db) if r.kind.startswith("nominee_")} == {
        ("nominee_accepted", "head.a@nq05.test"),
        ("nominee_waitlisted", "head.a@nq05.test"),
        ("nominee_rejected", "head.b@nq05.test"),
    }
    assert _send_pending() == 3
    accepted = text_body(_by_recipient(mailbox, "nominee_accepted")["head.a@nq05.test"])
    assert "đã tiếp nhận đồng chí Nguyễn Văn Một, người được Huyện An Hòa cử đi học" in accepted
    assert f"có mặt ngày {k.start_date:%d/%m/%Y}" in accepted
    waitlisted = _by_recipient(mailbox, "nominee_waitlisted")["head.a@nq05.test"]
    assert str(waitlisted["Subject"]) == "Lê Thị Hai được đưa vào danh sách chờ của lớp BDKN-01"
    refused = text_body(_by_recipient(mailbox, "nominee_rejected")["head.b@nq05.test"])
    assert "Lý do: Chưa có quyết định bổ nhiệm ngạch chuyên viên." in refused
    deadline = k.start_date - timedelta(days=1)
    assert (
        f"cử cán bộ, công chức khác đủ điều kiện đi học lớp này chậm nhất ngày {deadline:%d/%m/%Y}" in refused
    )

    # a seat frees: the first waiting is promoted, and told at once (not at the next scan)
    mailbox.clear()
    operations.withdraw(nominated["mot"], actor=users.head_a)
    db.session.commit()
    promoted = _reminders(db, "waitlist_promoted")
    assert {r.recipient for r in promoted} == {"hai@nq05.test", "head.a@nq05.test"}
    assert _send_pending() == 2
    to_head = text_body(_by_recipient(mailbox, "waitlist_promoted")["head.a@nq05.test"])
    assert "đồng chí Lê Thị Hai (Huyện An Hòa) đã được chuyển từ danh sách chờ" in to_head
    # the scan finds the same promotion: nothing more
    scan(today())
    assert len(_reminders(db, "waitlist_promoted")) == 2


def test_a_decision_rolled_back_sends_nothing(smtp_app, db, users, mailbox):
    from nq05.classes import operations

    k, people = _a_class(db, users)
    operations.publish_class(k, actor=users.admin)
    db.session.commit()
    enrolment = operations.nominate(k, people["mot"].id, unit_id=users.units["HA"].id, actor=users.head_a)
    db.session.commit()
    operations.accept(enrolment, actor=users.centre_1)
    db.session.rollback()
    assert _reminders(db, "nominee_accepted") == []


def test_a_plan_returned_or_approved_is_told_at_once_with_the_comment_and_a_date(
    smtp_app, db, users, mailbox
):
    from nq05.clock import today
    from nq05.notify.scan import scan
    from nq05.plans import operations
    from nq05.reference.models import Setting

    db.session.add(Setting(key="notice_resubmit_days", value="10"))
    plan_a = f.plan(users.units["HA"], 2027, status="submitted", submitted=today())
    plan_b = f.plan(users.units["HB"], 2027, status="submitted", submitted=today())
    db.session.commit()
    operations.return_for_correction(plan_a, users.admin, "Chưa cử người học trung cấp lý luận chính trị.")
    operations.approve(plan_b, users.admin, "Đồng ý.")
    db.session.commit()
    rows = {(r.kind, r.recipient) for r in _reminders(db)}
    assert rows == {("plan_returned", "head.a@nq05.test"), ("plan_approved", "head.b@nq05.test")}
    assert _send_pending() == 2
    returned = _by_recipient(mailbox, "plan_returned")["head.a@nq05.test"]
    by = (today() + timedelta(days=10)).strftime("%d/%m/%Y")
    assert f"đề nghị trình lại trước ngày {by}" in str(returned["Subject"])
    text = text_body(returned)
    assert "Ý kiến của người thẩm định: Chưa cử người học trung cấp lý luận chính trị." in text
    assert f"trình lại kế hoạch (lần 2) trước ngày {by}" in text
    approved = text_body(_by_recipient(mailbox, "plan_approved")["head.b@nq05.test"])
    assert "Ý kiến của người thẩm định: Đồng ý." in approved
    scan(today())  # the scan rule finds the same decisions: nothing more
    assert len([r for r in _reminders(db) if r.kind in ("plan_returned", "plan_approved")]) == 2


@pytest.mark.redis
def test_a_worker_sends_the_notice_of_a_commit_without_a_scan(
    queue_app, smtp_app, db, users, mailbox, worker
):
    """The test workers never scan by themselves: the mail comes from the commit's queue."""
    from nq05.classes import operations

    k, _ = _a_class(db, users)
    operations.publish_class(k, actor=users.admin)
    db.session.commit()
    wait_for(lambda: len(mailbox.for_kind("class_announced")) == 2, 30, 0.1, message="the notices")
    msg = _by_recipient(mailbox, "class_announced")["head.b@nq05.test"]
    assert "Huyện Bình Minh có 1 cán bộ, công chức" in msg.get_body(preferencelist=("plain",)).get_content()
    assert email.message_from_bytes(msg.as_bytes(), policy=policy.default)["Message-ID"]


def test_notices_of_many_decisions_cost_the_same_statements_as_of_a_few(smtp_app, db, users):
    """The rows are made for the whole transaction at once: set-based, not a query per plan."""
    from sqlalchemy import event

    from nq05.clock import today
    from nq05.plans import operations

    def statements_of_a_commit(plans):
        for plan in plans:
            operations.approve(plan, users.admin)
        db.session.flush()
        seen = []

        def count(conn, cursor, statement, *args):
            seen.append(statement)

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            db.session.commit()
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(seen)

    units = [users.units[code] for code in ("HA", "HB", "XA1", "XB1")]
    few = [f.plan(units[0], 2030, status="submitted", submitted=today())]
    many = [f.plan(unit, 2031, status="submitted", submitted=today()) for unit in units]
    db.session.commit()
    assert statements_of_a_commit(few) == statements_of_a_commit(many)
    # HA (2030) once, then HA, HB, XA1 and XB1 (2031): one notice per unit head and plan
    assert len(_reminders(db, "plan_approved")) == 5
