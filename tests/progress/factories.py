"""Small builders for progress tests: rows made directly with the models."""

from __future__ import annotations

from datetime import date

from nq05.classes.models import Centre, Enrolment, Programme, TrainingClass
from nq05.extensions import db
from nq05.plans.models import Plan, PlanLine, PlanNominee
from nq05.staff.models import Assignment, Person, Position, Qualification, Unit
from nq05.targets.models import Indicator, Period, Setting, Target


def d(text: str) -> date:
    return date.fromisoformat(text)


class World:
    """A province built row by row; every method flushes and returns the row."""

    def __init__(self):
        self.units: dict[str, Unit] = {}
        self.people: dict[str, Person] = {}
        self.programmes: dict[str, Programme] = {}
        self.classes: dict[str, TrainingClass] = {}
        self.positions: dict[str, Position] = {}
        self._centre = None

    def add(self, row):
        db.session.add(row)
        db.session.flush()
        return row

    def setting(self, key, value):
        return self.add(Setting(key=key, value=str(value)))

    def unit(self, code, level="district", parent=None):
        u = self.add(Unit(code=code, name=code, level=level, parent_id=parent.id if parent else None))
        self.units[code] = u
        return u

    def position(self, code="CV", **minimums):
        pos = self.add(Position(code=code, name=code, **{f"min_{k}": v for k, v in minimums.items()}))
        self.positions[code] = pos
        return pos

    def _default_position(self):
        return self.positions.get("CV") or self.position("CV")

    def person(
        self,
        code,
        unit=None,
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
        p = self.add(
            Person(
                code=code,
                full_name=code,
                gender=gender,
                ethnicity=ethnicity,
                birth_date=d(born),
                planned_position_id=planned_position.id if planned_position else None,
            )
        )
        self.people[code] = p
        if unit is not None:
            self.assign(p, unit, category=category, start=start, end=end, position=position)
        for track, level, awarded in quals:
            self.qualify(p, track, level, awarded)
        return p

    def assign(self, person, unit, *, category="DIST_CIVIL", start="2005-01-01", end=None, position=None):
        position = position or self._default_position()
        return self.add(
            Assignment(
                person_id=person.id,
                unit_id=unit.id,
                category=category,
                position_id=position.id,
                start_date=d(start),
                end_date=d(end) if end else None,
            )
        )

    def qualify(self, person, track, level, awarded=None, enrolment=None):
        return self.add(
            Qualification(
                person_id=person.id,
                track=track,
                level=level,
                awarded_on=d(awarded) if awarded else None,
                source_enrolment_id=enrolment.id if enrolment else None,
            )
        )

    def programme(
        self, code, track=None, level=None, *, kind=None, duration=0, max_age=None, service=None, **pre
    ):
        kind = kind or ("refresher" if track is None else "certificate")
        g = self.add(
            Programme(
                code=code,
                name=code,
                kind=kind,
                track=track,
                level=level,
                duration_months=duration,
                max_age=max_age,
                min_service_years=service,
                **{f"pre_{k}": v for k, v in pre.items()},
            )
        )
        self.programmes[code] = g
        return g

    def centre(self):
        if self._centre is None:
            self._centre = self.add(Centre(code="C", name="C"))
        return self._centre

    def training_class(self, code, programme, year, start, end, capacity=10):
        c = self.add(
            TrainingClass(
                code=code,
                programme_id=programme.id,
                centre_id=self.centre().id,
                year=year,
                start_date=d(start),
                end_date=d(end),
                capacity=capacity,
            )
        )
        self.classes[code] = c
        return c

    def enrol(self, person, training_class, status="nominated", completed_on=None):
        e = self.add(
            Enrolment(
                person_id=person.id,
                class_id=training_class.id,
                status=status,
                completed_on=d(completed_on) if completed_on else None,
            )
        )
        if status == "completed":
            g = db.session.get(Programme, training_class.programme_id)
            if g.track:
                self.qualify(person, g.track, g.level, completed_on, enrolment=e)
        return e

    def plan(
        self, unit, year, version=1, status="approved", submitted="2013-11-15", decided="2013-12-10", lines=()
    ):
        """``lines``: (programme, planned, [people], category) tuples."""
        plan = self.add(
            Plan(
                unit_id=unit.id,
                year=year,
                version=version,
                status=status,
                submitted_on=d(submitted) if status != "draft" and submitted else None,
                decided_on=d(decided) if status in ("approved", "returned") and decided else None,
            )
        )
        for i, line in enumerate(lines):
            programme, planned, named, *rest = line
            category = rest[0] if rest else None
            pl = self.add(
                PlanLine(
                    plan_id=plan.id,
                    programme_id=programme.id,
                    category=category,
                    planned_count=planned,
                    position=i,
                )
            )
            for j, person in enumerate(named):
                self.add(PlanNominee(line_id=pl.id, person_id=person.id, position=j))
        return plan

    def period(self, code="2011-2015", start="2011-01-01", end="2015-12-31"):
        return self.add(Period(code=code, start_date=d(start), end_date=d(end)))

    def target(self, period, track, level, value, kind="count", category=None, unit=None):
        return self.add(
            Target(
                period_id=period.id,
                kind=kind,
                track=track,
                level=level,
                category=category,
                unit_id=unit.id if unit else None,
                value=value,
            )
        )

    def indicator(self, position, category=None, track=None, min_level=None, programme=None):
        return self.add(
            Indicator(
                position=position,
                category=category,
                track=track,
                min_level=min_level,
                programme_id=programme.id if programme else None,
            )
        )
