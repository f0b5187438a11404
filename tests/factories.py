"""The one set of factories every test world is built with: a row of each model, made with the
models directly, added and flushed (the caller commits).

Every argument has a sensible default, so a test names only what it is about::

    from tests import factories as f

    unit = f.unit("HA", "Huyện An Hòa")
    person = f.person(unit, name="Nguyễn Văn An", born="1980-05-01", qualifications=[("pro", "bachelor")])
    klass = f.training_class(f.programme(pre_pro="bachelor"), capacity=5)

Dates are ``date`` objects or ISO strings ("2015-03-01"). Codes left out are made unique. The
worlds of the feature tests (``users``, the sweep's two halves, the reminders' province, the
progress ``World``) are built from these.
"""

from __future__ import annotations

from datetime import date
from itertools import count

from werkzeug.security import generate_password_hash

from nq05.auth.models import User
from nq05.classes.models import Enrolment, SessionDay, TrainingClass
from nq05.extensions import db
from nq05.plans.models import Plan, PlanLine, PlanNominee
from nq05.reference.models import Centre, Indicator, Period, Position, Programme, Setting, Target
from nq05.staff.models import Assignment, Person, Qualification, Unit

#: the password of every user a factory makes
PASSWORD = "mat-khau-thu-nghiem-05"
#: the users' stored hash: a sign-in checks a password with the method its stored hash names, and
#: the app's own (scrypt) costs a tenth of a second a check, hundreds of times a run; the app still
#: hashes every password it is given with scrypt (a new user, a changed password, an import)
TEST_HASH_METHOD = "pbkdf2:sha256:1000"
_PASSWORD_HASH = generate_password_hash(PASSWORD, method=TEST_HASH_METHOD)

_sequence = count(1)


def d(value: date | str | None) -> date | None:
    """A date from a date or an ISO string (None stays None)."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _code(prefix: str) -> str:
    return f"{prefix}{next(_sequence):04d}"


def add(row):
    """Add ``row`` to the session, flush, and return it."""
    db.session.add(row)
    db.session.flush()
    return row


# --- reference data -----------------------------------------------------------------------------


def setting(key: str, value) -> Setting:
    return add(Setting(key=key, value=str(value)))


def position(code: str | None = None, name: str = "Chuyên viên", **minimums) -> Position:
    """A position; its title standard as ``min_pro="bachelor"`` and so on."""
    return add(Position(code=code or _code("CV"), name=name, **minimums))


def programme(
    code: str | None = None,
    name: str = "Trung cấp lý luận chính trị",
    *,
    kind: str | None = None,
    track: str | None = "pol",
    level: str | None = "intermediate",
    duration: int = 12,
    **fields,
) -> Programme:
    """A programme conferring (track, level), a refresher when ``track`` is None; ``fields``:
    ``pre_pro="bachelor"``, ``max_age``, ``min_service_years``..."""
    kind = kind or ("refresher" if track is None else "certificate")
    return add(
        Programme(
            code=code or _code("PG"),
            name=name,
            kind=kind,
            track=track,
            level=level,
            duration_months=duration,
            **fields,
        )
    )


def centre(code: str | None = None, name: str = "Trường Chính trị tỉnh") -> Centre:
    return add(Centre(code=code or _code("C"), name=name))


def period(code: str = "2011-2015", start="2011-01-01", end="2015-12-31") -> Period:
    return add(Period(code=code, start_date=d(start), end_date=d(end)))


def target(
    in_period: Period, track: str, level: str, value, *, kind: str = "count", category=None, unit=None
) -> Target:
    return add(
        Target(
            period_id=in_period.id,
            kind=kind,
            track=track,
            level=level,
            category=category,
            unit_id=unit.id if unit else None,
            value=value,
        )
    )


def indicator(position_in_report: int, *, category=None, track=None, min_level=None, of_programme=None):
    return add(
        Indicator(
            position=position_in_report,
            category=category,
            track=track,
            min_level=min_level,
            programme_id=of_programme.id if of_programme else None,
        )
    )


# --- staff --------------------------------------------------------------------------------------


def unit(code: str | None = None, name: str | None = None, *, level: str = "district", parent=None) -> Unit:
    code = code or _code("U")
    return add(Unit(code=code, name=name or code, level=level, parent_id=parent.id if parent else None))


def person(
    in_unit: Unit | None = None,
    *,
    code: str | None = None,
    name: str | None = None,
    gender: str = "M",
    born="1980-05-01",
    category: str = "DIST_CIVIL",
    start="2005-01-01",
    end=None,
    at_position: Position | None = None,
    planned_position: Position | None = None,
    qualifications=(),
    email: str | None = None,
    ethnicity: str | None = None,
) -> Person:
    """A person with an assignment in ``in_unit`` (none without it) and ``qualifications``:
    (track, level) pairs, held at every date, or (track, level, awarded on) triples."""
    code = code or _code("P")
    person_ = add(
        Person(
            code=code,
            full_name=name or f"Nguyễn Văn {code}",
            gender=gender,
            birth_date=d(born),
            email=email,
            ethnicity=ethnicity,
            planned_position_id=planned_position.id if planned_position else None,
        )
    )
    if in_unit is not None:
        assign(person_, in_unit, category=category, start=start, end=end, at_position=at_position)
    for track, level, *awarded in qualifications:
        qualify(person_, track, level, awarded[0] if awarded else None)
    return person_


def assign(
    person_: Person, in_unit: Unit, *, category="DIST_CIVIL", start="2005-01-01", end=None, at_position=None
) -> Assignment:
    return add(
        Assignment(
            person_id=person_.id,
            unit_id=in_unit.id,
            category=category,
            position_id=(at_position or position()).id,
            start_date=d(start),
            end_date=d(end),
        )
    )


def qualify(person_: Person, track: str, level: str, awarded=None, enrolment=None) -> Qualification:
    return add(
        Qualification(
            person_id=person_.id,
            track=track,
            level=level,
            awarded_on=d(awarded),
            source_enrolment_id=enrolment.id if enrolment else None,
        )
    )


# --- classes ------------------------------------------------------------------------------------


def training_class(
    of: Programme,
    at: Centre | None = None,
    *,
    code: str | None = None,
    start="2015-03-01",
    end="2015-12-31",
    year: int | None = None,
    capacity: int = 5,
    deadline=None,
    published: bool = True,
    place: str | None = None,
) -> TrainingClass:
    start = d(start)
    return add(
        TrainingClass(
            code=code or _code("CL"),
            programme_id=of.id,
            centre_id=(at or centre()).id,
            year=year or start.year,
            start_date=start,
            end_date=d(end),
            capacity=capacity,
            enrol_deadline=d(deadline),
            is_published=published,
            place=place,
        )
    )


def session_day(of: TrainingClass, day) -> SessionDay:
    return add(SessionDay(class_id=of.id, day=d(day)))


def enrol(person_: Person, to: TrainingClass, status: str = "nominated", **fields) -> Enrolment:
    """An enrolment; ``fields``: ``nominated_on``, ``decided_on``, ``completed_on`` (dates or ISO
    strings), ``waitlisted_at``. A completed enrolment confers its programme's level, as the
    roster does."""
    for key in ("nominated_on", "decided_on", "completed_on", "withdrawn_on"):
        if key in fields:
            fields[key] = d(fields[key])
    enrolment = add(Enrolment(person_id=person_.id, class_id=to.id, status=status, **fields))
    if status == "completed":
        conferred = db.session.get(Programme, to.programme_id)
        if conferred.track:
            qualify(person_, conferred.track, conferred.level, enrolment.completed_on, enrolment=enrolment)
    return enrolment


# --- plans --------------------------------------------------------------------------------------


def plan(
    of_unit: Unit,
    year: int,
    version: int = 1,
    status: str = "approved",
    *,
    submitted="2013-11-15",
    decided="2013-12-10",
    comment: str | None = None,
    lines=(),
) -> Plan:
    """A plan version; ``lines``: (programme, planned number, [named people], category) tuples
    (the category may be left out)."""
    plan_ = add(
        Plan(
            unit_id=of_unit.id,
            year=year,
            version=version,
            status=status,
            submitted_on=d(submitted) if status != "draft" else None,
            decided_on=d(decided) if status in ("approved", "returned") else None,
            review_comment=comment,
        )
    )
    for position_in_plan, (of_programme, planned, named, *category) in enumerate(lines):
        line(
            plan_,
            of_programme,
            planned,
            named,
            category=category[0] if category else None,
            at=position_in_plan,
        )
    return plan_


def line(
    of_plan: Plan, of_programme: Programme, planned: int, named=(), *, category=None, at: int = 0
) -> PlanLine:
    plan_line = add(
        PlanLine(
            plan_id=of_plan.id,
            programme_id=of_programme.id,
            category=category,
            planned_count=planned,
            position=at,
        )
    )
    for position_in_line, person_ in enumerate(named):
        add(PlanNominee(line_id=plan_line.id, person_id=person_.id, position=position_in_line))
    return plan_line


# --- users --------------------------------------------------------------------------------------


def user(email: str, role: str, *, name: str | None = None, unit=None, centre=None, active=True) -> User:
    """A user who signs in with ``PASSWORD``."""
    return add(
        User(
            email=email,
            full_name=name or email.split("@")[0],
            role=role,
            unit_id=unit.id if unit else None,
            centre_id=centre.id if centre else None,
            password_hash=_PASSWORD_HASH,
            active=active,
        )
    )


class World:
    """A province built row by row for the engine's tests, remembering its rows by code; each
    method makes a row with the factories above and returns it."""

    def __init__(self):
        self.units: dict[str, Unit] = {}
        self.people: dict[str, Person] = {}
        self.programmes: dict[str, Programme] = {}
        self.classes: dict[str, TrainingClass] = {}
        self.positions: dict[str, Position] = {}
        self._centre = None

    add = staticmethod(add)
    setting = staticmethod(setting)
    period = staticmethod(period)
    plan = staticmethod(plan)
    qualify = staticmethod(qualify)

    def unit(self, code, level="district", parent=None):
        self.units[code] = unit(code, level=level, parent=parent)
        return self.units[code]

    def position(self, code="CV", **minimums):
        self.positions[code] = position(code, code, **{f"min_{k}": v for k, v in minimums.items()})
        return self.positions[code]

    def _default_position(self):
        return self.positions.get("CV") or self.position("CV")

    def person(
        self,
        code,
        in_unit=None,
        *,
        born="1980-05-01",
        gender="M",
        ethnicity="Thái",
        category="DIST_CIVIL",
        start="2005-01-01",
        end=None,
        position=None,
        planned_position=None,
        quals=(("edu", "upper_secondary", None), ("pro", "bachelor", None)),
    ):
        self.people[code] = person(
            name=code,
            code=code,
            gender=gender,
            ethnicity=ethnicity,
            born=born,
            planned_position=planned_position,
            qualifications=quals,
        )
        if in_unit is not None:
            self.assign(
                self.people[code], in_unit, category=category, start=start, end=end, position=position
            )
        return self.people[code]

    def assign(self, person_, in_unit, *, category="DIST_CIVIL", start="2005-01-01", end=None, position=None):
        return assign(
            person_,
            in_unit,
            category=category,
            start=start,
            end=end,
            at_position=position or self._default_position(),
        )

    def programme(
        self, code, track=None, level=None, *, kind=None, duration=0, max_age=None, service=None, **pre
    ):
        self.programmes[code] = programme(
            code,
            code,
            kind=kind,
            track=track,
            level=level,
            duration=duration,
            max_age=max_age,
            min_service_years=service,
            **{f"pre_{k}": v for k, v in pre.items()},
        )
        return self.programmes[code]

    def centre(self):
        if self._centre is None:
            self._centre = centre("C", "C")
        return self._centre

    def training_class(self, code, of, year, start, end, capacity=10):
        self.classes[code] = training_class(
            of, self.centre(), code=code, year=year, start=start, end=end, capacity=capacity
        )
        return self.classes[code]

    def enrol(self, person_, to, status="nominated", completed_on=None):
        return enrol(person_, to, status, **({"completed_on": completed_on} if completed_on else {}))

    def target(self, in_period, track, level, value, kind="count", category=None, unit=None):
        return target(in_period, track, level, value, kind=kind, category=category, unit=unit)

    def indicator(self, position_in_report, category=None, track=None, min_level=None, programme=None):
        return indicator(
            position_in_report, category=category, track=track, min_level=min_level, of_programme=programme
        )
