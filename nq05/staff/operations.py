"""Changing staff records. Each operation checks the rules, changes rows and records an audit entry;
the caller commits. A broken rule raises StaffError with a code (messages.py words it)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, or_, select

from nq05.audit.operations import changes, record, save_and_record
from nq05.extensions import db
from nq05.staff.access import unit_and_descendants
from nq05.staff.messages import refusal_message
from nq05.staff.models import Assignment, Person, Qualification, Unit

PERSON_FIELDS = ("code", "full_name", "gender", "birth_date", "ethnicity", "email", "planned_position_id")
ASSIGNMENT_FIELDS = ("unit_id", "category", "position_id", "start_date", "end_date")


class StaffError(ValueError):
    """A rule of the staff records was broken: ``code`` says which, ``field`` names the form field
    to show it on, ``params`` are the facts the message names."""

    def __init__(self, code: str, field: str | None = None, /, **params):
        super().__init__(code)
        self.code, self.field, self.params = code, field, params

    @property
    def message(self) -> str:
        return refusal_message(self.code, self.params)


def _clean(data: dict, fields) -> dict:
    cleaned = {f: data.get(f) for f in fields}
    for key in ("ethnicity", "email"):
        if key in cleaned:
            cleaned[key] = (cleaned[key] or "").strip() or None
    for key in ("code", "full_name"):
        if key in cleaned and cleaned[key]:
            cleaned[key] = " ".join(cleaned[key].split())
    return cleaned


def _check_code_free(code: str, person_id: int | None) -> None:
    existing = db.session.execute(select(Person.id).where(Person.code == code)).scalar()
    if existing is not None and existing != person_id:
        raise StaffError("person_code_taken", "code", code=code)


def overlapping(
    person_id: int, start: date, end: date | None, ignore_id: int | None = None
) -> Assignment | None:
    """An assignment of the person sharing a day with [start, end] (both included; None = open)."""
    query = select(Assignment).where(
        Assignment.person_id == person_id,
        or_(Assignment.end_date.is_(None), Assignment.end_date >= start),
    )
    if end is not None:
        query = query.where(Assignment.start_date <= end)
    if ignore_id is not None:
        query = query.where(Assignment.id != ignore_id)
    return db.session.execute(query.order_by(Assignment.start_date).limit(1)).scalar()


def _check_no_overlap(person_id: int, start: date, end: date | None, ignore_id: int | None = None) -> None:
    other = overlapping(person_id, start, end, ignore_id)
    if other is not None:
        raise StaffError(
            "overlapping_assignment",
            "start_date",
            start=other.start_date,
            end=other.end_date,
            unit=other.unit.name,
        )


def create_person(data: dict, actor) -> Person:
    """A new person with their first assignment (from the new-person form's data)."""
    fields = _clean(data, PERSON_FIELDS)
    _check_code_free(fields["code"], None)
    person = Person(**fields)
    db.session.add(person)
    db.session.flush()
    assignment = Assignment(person_id=person.id, **_clean(data, ASSIGNMENT_FIELDS[:-1]))
    db.session.add(assignment)
    db.session.flush()
    record(
        "person.create",
        person,
        {k: v for k, v in fields.items() if v is not None},
        unit_id=assignment.unit_id,
        user=actor,
    )
    record("assignment.add", assignment, _clean(data, ASSIGNMENT_FIELDS[:-1]), user=actor)
    return person


def update_person(person: Person, data: dict, actor) -> dict:
    fields = _clean(data, PERSON_FIELDS)
    _check_code_free(fields["code"], person.id)
    diff = changes(person, fields)
    for key, value in fields.items():
        setattr(person, key, value)
    if diff:
        record("person.update", person, diff, user=actor)
    return diff


def add_assignment(person: Person, data: dict, actor) -> Assignment:
    fields = _clean(data, ASSIGNMENT_FIELDS)
    _check_no_overlap(person.id, fields["start_date"], fields["end_date"])
    assignment = Assignment(person_id=person.id, **fields)
    db.session.add(assignment)
    db.session.flush()
    record("assignment.add", assignment, fields, user=actor)
    return assignment


def update_assignment(assignment: Assignment, data: dict, actor) -> dict:
    fields = _clean(data, ASSIGNMENT_FIELDS)
    _check_no_overlap(assignment.person_id, fields["start_date"], fields["end_date"], ignore_id=assignment.id)
    diff = changes(assignment, fields)
    for key, value in fields.items():
        setattr(assignment, key, value)
    if diff:
        db.session.flush()
        record("assignment.update", assignment, diff, user=actor)
    return diff


def delete_assignment(assignment: Assignment, actor) -> None:
    person_id = assignment.person_id
    remaining = db.session.execute(
        select(Assignment.id)
        .where(Assignment.person_id == person_id, Assignment.id != assignment.id)
        .limit(1)
    ).scalar()
    if remaining is None:
        raise StaffError("only_assignment")
    record(
        "assignment.delete",
        assignment,
        {k: getattr(assignment, k) for k in ASSIGNMENT_FIELDS},
        unit_id=assignment.unit_id,
        user=actor,
    )
    db.session.delete(assignment)


def add_qualification(
    person: Person, track: str, level: str, awarded_on: date | None, actor
) -> Qualification:
    if awarded_on is not None and awarded_on < person.birth_date:
        raise StaffError("awarded_before_birth", "awarded_on")
    duplicate = db.session.execute(
        select(Qualification.id).where(
            and_(
                Qualification.person_id == person.id,
                Qualification.track == track,
                Qualification.level == level,
                Qualification.source_enrolment_id.is_(None),
            )
        )
    ).scalar()
    if duplicate is not None:
        raise StaffError("qualification_held", "qualification")
    qualification = Qualification(person_id=person.id, track=track, level=level, awarded_on=awarded_on)
    db.session.add(qualification)
    db.session.flush()
    record(
        "qualification.add",
        qualification,
        {"track": track, "level": level, "awarded_on": awarded_on},
        user=actor,
    )
    return qualification


def delete_qualification(qualification: Qualification, actor) -> None:
    if qualification.source_enrolment_id is not None:
        raise StaffError("conferred_by_class")
    record(
        "qualification.delete",
        qualification,
        {"track": qualification.track, "level": qualification.level, "awarded_on": qualification.awarded_on},
        user=actor,
    )
    db.session.delete(qualification)


def save_unit(unit: Unit | None, data: dict, actor) -> Unit:
    """Create (unit None) or change a unit from the admin's form; its parent may not be below it."""
    parent_id = data.get("parent_id")
    if unit is not None and parent_id is not None and parent_id in unit_and_descendants(unit.id):
        raise StaffError("parent_cycle", "parent_id")
    fields = {
        "code": data["code"].strip(),
        "name": " ".join(data["name"].split()),
        "level": data["level"],
        "parent_id": parent_id,
    }
    taken = db.session.execute(select(Unit.id).where(Unit.code == fields["code"])).scalar()
    if taken is not None and (unit is None or taken != unit.id):
        raise StaffError("unit_code_taken", "code", code=fields["code"])
    return save_and_record(Unit, unit, fields, "unit", user=actor)
