"""Two halves of a province for the route sweep: ours (unit HA, centre C1) and theirs (HB, C2).

Every kind of record exists on both sides. Their records carry marker strings that must never
appear in a response to someone outside their scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from nq05.notify.models import Reminder
from nq05.plans.models import PlanEvent
from tests import factories as f

#: people of unit HB (another unit)
FOREIGN_PEOPLE = {"NGOAI-HB-01": "Ngoại Văn Lộ", "NGOAI-HB-02": "Ngoại Thị Hai"}
FOREIGN_UNITS = ("Huyện Bình Minh", "Xã Bình Yên")
#: an unpublished class of centre C2 (unit heads never see it) and a published one
HIDDEN_CLASS = "LOP-NGOAI-KIN"
OPEN_CLASS = "LOP-NGOAI-MO"
FOREIGN_CENTRE = "Trung tâm Chính trị huyện Bình Minh"
#: a person of HA nominated to no class of C1: centre C1's staff must not see them
UNNOMINATED = ("RIENG-HA-09", "Riêng Văn Tư")
#: people of unit HA (the parent of XA1)
OWN_PEOPLE = ("NHA-HA-01", "Nhà Văn Một")
#: URL parameters the sweep fills with the other side's record (see ``build``)
KNOWN_PARAMS = (
    "person_id",
    "assignment_id",
    "qualification_id",
    "unit_id",
    "plan_id",
    "line_id",
    "nominee_id",
    "class_id",
    "enrolment_id",
    "day_id",
    "session_day_id",
    "centre_id",
    "user_id",
    "reminder_id",
)


@dataclass
class SweepWorld:
    #: URL parameter name -> id of the other side's record (out of scope for head_a and centre_1)
    foreign_ids: dict[str, int] = field(default_factory=dict)
    #: every id of the other side's records, for parameters the sweep does not know by name
    all_foreign_ids: set[int] = field(default_factory=set)
    own_ids: dict[str, int] = field(default_factory=dict)


def markers_for(role_key: str) -> list[str]:
    """The strings a user must not see: other units' people and units, other centres' classes."""
    people = [*FOREIGN_PEOPLE, *FOREIGN_PEOPLE.values()]
    if role_key == "head_a":
        return [*people, *FOREIGN_UNITS, HIDDEN_CLASS]
    if role_key == "head_a1":  # a sub-unit's head: the parent unit HA is another unit too
        return [*people, *FOREIGN_UNITS, HIDDEN_CLASS, *OWN_PEOPLE, *UNNOMINATED]
    if role_key == "centre_1":
        return [*people, *FOREIGN_UNITS, HIDDEN_CLASS, OPEN_CLASS, FOREIGN_CENTRE, *UNNOMINATED]
    return [*people, *FOREIGN_UNITS, HIDDEN_CLASS, OPEN_CLASS, *UNNOMINATED]


def build(db, users) -> SweepWorld:
    position = f.position("TP", "Trưởng phòng", min_pro="bachelor", min_pol="intermediate")
    programme = f.programme("TC_LLCT", "Trung cấp lý luận chính trị", kind="degree", duration=8)

    def person(code, name, unit):
        p = f.person(unit, code=code, name=name, born="1982-03-04", start="2008-01-01", at_position=position)
        return p, p.assignments[0], f.qualify(p, "pro", "bachelor", "2004-06-01")

    def training_class(code, centre, published):
        c = f.training_class(programme, centre, code=code, end="2015-10-31", capacity=30, published=published)
        return c, f.session_day(c, "2015-03-02")

    def plan(unit, nominee):
        p = f.plan(unit, 2015, status="submitted", submitted="2014-11-01")
        line = f.line(p, programme, 1, [nominee])
        f.add(
            PlanEvent(
                plan_id=p.id,
                action="submitted",
                from_status="draft",
                to_status="submitted",
                at=datetime(2014, 11, 1, 8, 0),
            )
        )
        return p, line, line.nominees[0]

    def enrol(person_, class_):
        return f.enrol(person_, class_, nominated_on="2015-01-05")

    # ours
    own_person, own_assignment, own_q = person(*OWN_PEOPLE, users.units["HA"])
    person(*UNNOMINATED, users.units["HA"])
    own_class, own_day = training_class("LOP-NHA", users.centres["C1"], True)
    own_enrolment = enrol(own_person, own_class)
    own_plan, own_line, _ = plan(users.units["HA"], own_person)

    # theirs
    (code1, name1), (code2, name2) = FOREIGN_PEOPLE.items()
    their_person, their_assignment, their_q = person(code1, name1, users.units["HB"])
    second, _, _ = person(code2, name2, users.units["XB1"])
    hidden_class, hidden_day = training_class(HIDDEN_CLASS, users.centres["C2"], False)
    open_class, _ = training_class(OPEN_CLASS, users.centres["C2"], True)
    their_enrolment = enrol(their_person, hidden_class)
    open_enrolment = enrol(second, open_class)
    their_plan, their_line, their_nominee = plan(users.units["HB"], their_person)
    reminder = Reminder(
        kind="plan_returned",
        object_id=their_plan.id,
        recipient=users.head_b.email,
        event_date=date(2014, 11, 20),
        context={"unit": FOREIGN_UNITS[0]},
        created_at=datetime(2014, 11, 20, 7, 0),
    )
    db.session.add(reminder)
    db.session.commit()

    foreign = {
        "person_id": their_person.id,
        "assignment_id": their_assignment.id,
        "qualification_id": their_q.id,
        "unit_id": users.units["HB"].id,
        "plan_id": their_plan.id,
        "line_id": their_line.id,
        "nominee_id": their_nominee.id,
        "class_id": hidden_class.id,
        "enrolment_id": their_enrolment.id,
        "day_id": hidden_day.id,
        "session_day_id": hidden_day.id,
        "centre_id": users.centres["C2"].id,
        "user_id": users.head_b.id,
        "reminder_id": reminder.id,
    }
    assert set(foreign) == set(KNOWN_PARAMS)
    world = SweepWorld(foreign_ids=foreign)
    world.all_foreign_ids = set(foreign.values()) | {second.id, open_class.id, open_enrolment.id}
    world.own_ids = {
        "person_id": own_person.id,
        "assignment_id": own_assignment.id,
        "qualification_id": own_q.id,
        "class_id": own_class.id,
        "enrolment_id": own_enrolment.id,
        "plan_id": own_plan.id,
        "line_id": own_line.id,
        "day_id": own_day.id,
    }
    #: the published class of C2: unit heads may open it, but its roster must hide HB's people
    world.open_class_id = open_class.id
    return world
