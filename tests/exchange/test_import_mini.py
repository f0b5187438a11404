"""The worked example imports, and lands in the models as the spec says."""

from __future__ import annotations

from sqlalchemy import func, select

from nq05.auth.models import User
from nq05.classes.models import Enrolment
from nq05.plans.models import PlanLine, PlanNominee
from nq05.reference.models import Indicator
from nq05.staff.models import Person, Qualification, Unit


def _count(db, model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_mini_bundle_imports(runner, db, mini_bundle):
    result = runner.invoke(args=["import", str(mini_bundle)])

    assert result.exit_code == 0, result.output
    assert _count(db, Person) == 26
    assert _count(db, Unit) == 5
    assert db.session.scalar(select(Unit).where(Unit.code == "X1")).parent.code == "H1"
    # 54 listed + 2 conferred by the completed POL_INT_2013 enrolments (NQ05_STUDY confers nothing)
    assert _count(db, Qualification) == 56
    conferred = db.session.execute(
        select(Person.code, Qualification.track, Qualification.level, Qualification.awarded_on)
        .join(Person)
        .where(Qualification.source_enrolment_id.is_not(None))
        .order_by(Person.code)
    ).all()
    assert [(c, t, lv, d.isoformat()) for c, t, lv, d in conferred] == [
        ("H1", "pol", "intermediate", "2013-10-31"),
        ("H2", "pol", "intermediate", "2013-10-31"),
    ]
    assert _count(db, Enrolment) == 24


def test_mini_bundle_nominees_keep_their_order(runner, db, mini_bundle):
    runner.invoke(args=["import", str(mini_bundle)])

    line = db.session.scalars(
        select(PlanLine).join(PlanLine.nominees).where(PlanNominee.position == 1)
    ).first()
    named = [n.person.code for n in line.nominees]
    assert named in (["S1", "S2"], ["S3", "S7"], ["X4", "X5"])


def test_mini_bundle_users_get_hashed_passwords(runner, db, mini_bundle):
    runner.invoke(args=["import", str(mini_bundle)])

    admin = db.session.scalar(select(User).where(User.email == "admin@example.org"))
    assert admin.password_hash != "admin-demo"
    assert admin.check_password("admin-demo")


def test_mini_bundle_indicators_keep_file_order(runner, db, mini_bundle):
    runner.invoke(args=["import", str(mini_bundle)])

    rows = db.session.execute(select(Indicator.category, Indicator.track).order_by(Indicator.position)).all()
    assert rows == [("PROV_CIVIL", "pro"), ("COMM_CIVIL", "edu"), (None, None)]
