"""One small province in which every POST route of the app has something to do.

Built once for the fault sweep: every action tried on it fails (that is the point), so it stays
the same from the first case to the last. Records are named by what the cases do with them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from nq05 import clock
from nq05.reference.today import start_demo_clock
from tests import factories as f


def build(db, users) -> dict[str, int]:
    from nq05.notify.models import Reminder
    from nq05.plans import operations as plans

    today = clock.today()
    ha, xa1 = users.units["HA"], users.units["XA1"]
    c1 = users.centres["C1"]
    position = f.position("CV", "Chuyên viên")
    programme = f.programme(code="TC_LLCT", name="Trung cấp lý luận chính trị")
    second_programme = f.programme(
        code="BD_QLNN", name="Bồi dưỡng quản lý nhà nước", track="sm", level="specialist"
    )

    people = {key: f.person(ha, name=f"Nguyễn Văn {key.title()}") for key in ("an", "binh", "cuong")}
    waiting = f.person(ha, name="Trần Thị Chờ")
    leaving = f.person(ha, name="Lê Văn Rút")
    learner = f.person(ha, name="Phạm Thị Học", qualifications=[("pro", "bachelor", date(2004, 6, 1))])
    commune_clerk = f.person(xa1, name="Vũ Văn Xã")
    an = people["an"]
    past = f.assign(an, ha, at_position=position, start="2000-01-01", end="2004-12-31")

    open_class = f.training_class(
        programme, c1, start=today + timedelta(days=60), end=today + timedelta(days=120), capacity=10
    )
    draft_class = f.training_class(
        programme,
        c1,
        start=today + timedelta(days=90),
        end=today + timedelta(days=150),
        published=False,
    )
    past_class = f.training_class(
        programme, c1, start=today - timedelta(days=120), end=today - timedelta(days=30)
    )
    day = f.session_day(past_class, past_class.start_date)
    nominated = f.enrol(waiting, open_class, "nominated", nominated_on=today)
    withdrawable = f.enrol(leaving, open_class, "nominated", nominated_on=today)
    accepted = f.enrol(
        learner, past_class, "accepted", nominated_on=past_class.start_date - timedelta(days=30)
    )

    year = today.year + 1
    draft = plans.start_plan(ha, year, users.head_a)
    line = plans.add_line(draft, plans.LineValues(programme.id, None, 2), users.head_a, draft.lock_version)
    spare_line = plans.add_line(
        draft, plans.LineValues(second_programme.id, None, 1), users.head_a, draft.lock_version
    )
    submitted = plans.start_plan(xa1, year, users.head_a1)
    named = plans.add_line(
        submitted, plans.LineValues(programme.id, None, 1), users.head_a1, submitted.lock_version
    )
    plans.set_named_people(submitted, named.id, [commune_clerk.id], users.head_a1, submitted.lock_version)
    plans.submit(submitted, users.head_a1, submitted.lock_version)
    plans.forward([submitted], users.head_a)  # two-level review: the district sends it up
    # a commune plan still waiting for its district (HA's head forwards or returns it)
    at_district = plans.start_plan(xa1, year - 1, users.head_a1)
    plans.add_line(
        at_district, plans.LineValues(programme.id, None, 1), users.head_a1, at_district.lock_version
    )
    plans.submit(at_district, users.head_a1, at_district.lock_version)
    approved = plans.start_plan(ha, year - 1, users.head_a)
    plans.add_line(approved, plans.LineValues(programme.id, None, 1), users.head_a, approved.lock_version)
    plans.submit(approved, users.head_a, approved.lock_version)
    plans.approve(approved, users.admin, "")

    period = f.period("2011-2015", "2011-01-01", "2015-12-31")
    target = f.target(period, "pro", "master", 10)
    f.target(period, "pro", "master", 6, unit=ha)
    spare_period = f.period("2031-2035", "2031-01-01", "2035-12-31")
    indicator = f.indicator(1, track="pro", min_level="bachelor")
    spare_position = f.position("PP_CU", "Phó phòng (cũ)")
    spare_centre = f.centre("C_CU", "Trung tâm đã giải thể")
    spare_programme = f.programme(code="UD_CNTT", name="Ứng dụng công nghệ thông tin", track=None, level=None)
    # retired ones, for "Dùng lại"
    retired_position = f.position("TP_CU", "Trưởng phòng (cũ)")
    retired_centre = f.centre("C_XUA", "Trung tâm cũ")
    retired_programme = f.programme(code="TH_CU", name="Tin học (cũ)", track=None, level=None)
    for old_record in (retired_position, retired_centre, retired_programme):
        old_record.retired_on = today - timedelta(days=365)

    reminder = Reminder(
        kind="plan_approved",
        object_id=approved.id,
        recipient=users.head_a.email,
        event_date=today,
        context={},
        status="failed",
        last_error="550 5.1.1 No such user",
        created_at=datetime(today.year, today.month, today.day, 7, 0),
    )
    db.session.add(reminder)
    # a demo database living on today, so the admin has a demo date to move (nothing else changes)
    start_demo_clock(today)
    db.session.commit()

    return {
        "position": position.id,
        "programme": programme.id,
        "second_programme": second_programme.id,
        "person": an.id,
        "assignment": next(a.id for a in an.assignments if a is not past),
        "past_assignment": past.id,
        "qualification": learner.qualifications[0].id,
        "qualified_person": learner.id,
        "nominees": [p.id for p in people.values()],
        "open_class": open_class.id,
        "draft_class": draft_class.id,
        "past_class": past_class.id,
        "day": day.id,
        "nominated": nominated.id,
        "withdrawable": withdrawable.id,
        "accepted": accepted.id,
        "year": year,
        "draft_plan": draft.id,
        "draft_lock": draft.lock_version,
        "line": line.id,
        "spare_line": spare_line.id,
        "submitted_plan": submitted.id,
        "district_plan": at_district.id,
        "approved_plan": approved.id,
        "reminder": reminder.id,
        "period": period.id,
        "target": target.id,
        "spare_period": spare_period.id,
        "indicator": indicator.id,
        "spare_position": spare_position.id,
        "spare_centre": spare_centre.id,
        "retired_position": retired_position.id,
        "retired_centre": retired_centre.id,
        "retired_programme": retired_programme.id,
        "spare_programme": spare_programme.id,
        "unit": ha.id,
        "centre": c1.id,
        "user": users.head_b.id,
    }
