"""The access rules of the features (staff, classes, plans access.py), role by role."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from werkzeug.exceptions import Forbidden, NotFound

from nq05.classes.access import class_or_404, enrolment_or_404
from nq05.plans.access import plan_or_404
from nq05.staff.access import (
    people_query_for,
    person_or_404,
    readable_unit_ids,
    unit_or_404,
    writable_unit_ids,
)
from tests.auth.sweep_world import build


@pytest.fixture()
def world(db, users):
    return build(db, users)


def _as(app, user):
    """A request context signed in as ``user``."""
    from flask_login import login_user

    ctx = app.test_request_context("/")
    ctx.push()
    login_user(user)
    return ctx


def _names(db, query):
    return sorted(p.full_name for p in db.session.execute(query).scalars())


def test_unit_ids(app, db, users, world):
    ctx = _as(app, users.head_a)
    try:
        assert readable_unit_ids() == {users.units["HA"].id, users.units["XA1"].id}
        assert writable_unit_ids() == {users.units["HA"].id}
    finally:
        ctx.pop()
    ctx = _as(app, users.head_a1)
    try:
        assert readable_unit_ids() == {users.units["XA1"].id}
        with pytest.raises(NotFound):
            unit_or_404(users.units["HA"].id)
    finally:
        ctx.pop()
    ctx = _as(app, users.centre_1)
    try:
        assert readable_unit_ids() == frozenset()
    finally:
        ctx.pop()


def test_people_by_role(app, db, users, world):
    ctx = _as(app, users.head_a)
    try:
        assert _names(db, people_query_for()) == ["Nhà Văn Một", "Riêng Văn Tư"]
        assert person_or_404(world.own_ids["person_id"], write=True)
        with pytest.raises(NotFound):
            person_or_404(world.foreign_ids["person_id"])
    finally:
        ctx.pop()
    ctx = _as(app, users.centre_1)
    try:
        assert _names(db, people_query_for()) == ["Nhà Văn Một"]  # nominated to a C1 class
        assert _names(db, people_query_for(write=True)) == []
        with pytest.raises(Forbidden):
            person_or_404(world.own_ids["person_id"], write=True)
    finally:
        ctx.pop()
    ctx = _as(app, users.admin)
    try:
        assert len(_names(db, people_query_for())) == 4
    finally:
        ctx.pop()


def test_person_moves_with_their_latest_assignment(app, db, users, world):
    from nq05.staff.models import Assignment

    person_id = world.foreign_ids["person_id"]
    first = db.session.execute(select(Assignment).where(Assignment.person_id == person_id)).scalar_one()
    first.end_date = first.start_date.replace(year=2014)
    db.session.add(
        Assignment(
            person_id=person_id,
            unit_id=users.units["HA"].id,
            category="DIST_CIVIL",
            position_id=first.position_id,
            start_date=first.start_date.replace(year=2015),
        )
    )
    db.session.commit()
    ctx = _as(app, users.head_a)
    try:
        assert person_or_404(person_id, write=True).id == person_id
    finally:
        ctx.pop()
    ctx = _as(app, users.head_b)
    try:
        with pytest.raises(NotFound):
            person_or_404(person_id)
    finally:
        ctx.pop()


def test_classes_and_enrolments(app, db, users, world):
    hidden, open_ = world.foreign_ids["class_id"], world.open_class_id
    ctx = _as(app, users.head_a)
    try:
        assert class_or_404(open_).id == open_
        with pytest.raises(Forbidden):
            class_or_404(open_, write=True)
        with pytest.raises(NotFound):
            class_or_404(hidden)
        assert enrolment_or_404(world.own_ids["enrolment_id"], write=True)
        with pytest.raises(NotFound):
            enrolment_or_404(world.foreign_ids["enrolment_id"])
    finally:
        ctx.pop()
    ctx = _as(app, users.centre_2)
    try:
        assert class_or_404(hidden, write=True).id == hidden
        assert enrolment_or_404(world.foreign_ids["enrolment_id"], write=True)
        with pytest.raises(NotFound):
            class_or_404(world.own_ids["class_id"])
    finally:
        ctx.pop()


def test_plans(app, db, users, world):
    ctx = _as(app, users.head_a)
    try:
        assert plan_or_404(world.own_ids["plan_id"], write=True)
        with pytest.raises(NotFound):
            plan_or_404(world.foreign_ids["plan_id"])
    finally:
        ctx.pop()
    ctx = _as(app, users.centre_1)
    try:
        with pytest.raises(NotFound):
            plan_or_404(world.own_ids["plan_id"])
    finally:
        ctx.pop()
    ctx = _as(app, users.head_b1)
    try:
        with pytest.raises(NotFound):
            plan_or_404(world.foreign_ids["plan_id"])  # the parent unit's plan
    finally:
        ctx.pop()
