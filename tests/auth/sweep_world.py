"""Two halves of a province for the route sweep: ours (unit HA, centre C1) and theirs (HB, C2).

Every kind of record exists on both sides. Their records carry marker strings that must never
appear in a response to someone outside their scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

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
    from nq05.classes.models import Enrolment, SessionDay, TrainingClass
    from nq05.notify.models import Reminder
    from nq05.plans.models import Plan, PlanEvent, PlanLine, PlanNominee
    from nq05.reference.models import Position, Programme
    from nq05.staff.models import Assignment, Person, Qualification

    position = Position(code="TP", name="Trưởng phòng", min_pro="bachelor", min_pol="intermediate")
    programme = Programme(
        code="TC_LLCT",
        name="Trung cấp lý luận chính trị",
        kind="degree",
        track="pol",
        level="intermediate",
        duration_months=8,
    )
    db.session.add_all([position, programme])
    db.session.flush()

    def person(code, name, unit):
        p = Person(code=code, full_name=name, gender="M", birth_date=date(1982, 3, 4))
        db.session.add(p)
        db.session.flush()
        a = Assignment(
            person_id=p.id,
            unit_id=unit.id,
            category="DIST_CIVIL",
            position_id=position.id,
            start_date=date(2008, 1, 1),
        )
        q = Qualification(person_id=p.id, track="pro", level="bachelor", awarded_on=date(2004, 6, 1))
        db.session.add_all([a, q])
        db.session.flush()
        return p, a, q

    def training_class(code, centre, published):
        c = TrainingClass(
            code=code,
            programme_id=programme.id,
            centre_id=centre.id,
            year=2015,
            start_date=date(2015, 3, 1),
            end_date=date(2015, 10, 31),
            capacity=30,
            is_published=published,
        )
        db.session.add(c)
        db.session.flush()
        day = SessionDay(class_id=c.id, day=date(2015, 3, 2))
        db.session.add(day)
        db.session.flush()
        return c, day

    def plan(unit, nominee):
        p = Plan(unit_id=unit.id, year=2015, version=1, status="submitted", submitted_on=date(2014, 11, 1))
        db.session.add(p)
        db.session.flush()
        line = PlanLine(plan_id=p.id, programme_id=programme.id, planned_count=1)
        db.session.add(line)
        db.session.flush()
        named = PlanNominee(line_id=line.id, person_id=nominee.id)
        event = PlanEvent(
            plan_id=p.id,
            action="submitted",
            from_status="draft",
            to_status="submitted",
            at=datetime(2014, 11, 1, 8, 0),
        )
        db.session.add_all([named, event])
        db.session.flush()
        return p, line, named

    def enrol(person_, class_):
        e = Enrolment(
            person_id=person_.id, class_id=class_.id, status="nominated", nominated_on=date(2015, 1, 5)
        )
        db.session.add(e)
        db.session.flush()
        return e

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
