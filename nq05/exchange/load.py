"""Write a checked bundle to the database in one transaction, with bulk inserts and id maps.

Also the database-aware half of validation: ``existing_records`` is what an added bundle is
checked against (codes that already exist, rows a bundle may refer to).
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, insert, inspect, select, update

from nq05.audit.models import AuditEntry
from nq05.auth.models import User
from nq05.classes.models import Centre, Enrolment, Programme, TrainingClass
from nq05.exchange import dump
from nq05.exchange.files import FILES
from nq05.exchange.validate import Record
from nq05.extensions import db
from nq05.plans.models import Plan, PlanLine, PlanNominee
from nq05.staff.models import Assignment, Person, Position, Qualification, Unit
from nq05.targets.models import Indicator, Period, Setting, Target


def existing_records() -> dict[str, list[dict]]:
    """What the database holds, as bundle records (for checking a bundle added to it)."""
    return dump.records()


#: what ``--replace`` keeps: the audit log outlives the records it names (by label and e-mail)
KEPT_TABLES = frozenset({AuditEntry.__tablename__})


def delete_everything() -> None:
    """Empty every table but the audit log, children before parents (in the caller's transaction)."""
    present = set(inspect(db.session.connection()).get_table_names())
    db.session.execute(update(Unit).values(parent_id=None))
    db.session.execute(update(AuditEntry).values(user_id=None))  # the users go; their e-mails stay
    for table in reversed(db.metadata.sorted_tables):
        if table.name in present and table.name not in KEPT_TABLES:
            db.session.execute(table.delete())


def _code_ids(model, code_column=None) -> dict[str, int]:
    column = code_column if code_column is not None else model.code
    return {code: id_ for code, id_ in db.session.execute(select(column, model.id))}


def _insert(model, rows: list[dict]) -> None:
    # render_nulls: without it the ORM groups rows by which values are None, one batch per change
    if rows:
        db.session.execute(insert(model).execution_options(render_nulls=True), rows)


def _insert_ids(model, rows: list[dict]) -> list[int]:
    """Insert rows and return their new ids, in the order of ``rows``."""
    if not rows:
        return []
    stmt = (
        insert(model).returning(model.id, sort_by_parameter_order=True).execution_options(render_nulls=True)
    )
    return list(db.session.scalars(stmt, rows))


class _Loader:
    def __init__(self, records: dict[str, list[Record]]):
        self.records = records
        self.counts: dict[str, int] = {}

    def rows(self, name: str) -> list[dict]:
        values = [r.values for r in self.records.get(name, [])]
        self.counts[name] = len(values)
        return values

    def load(self) -> dict[str, int]:
        _insert(Setting, [{"key": r["key"], "value": r["value"]} for r in self.rows("settings")])
        self.units()
        self.positions()
        self.people()
        self.assignments()
        self.programmes()
        self.centres()
        self.classes()
        self.qualifications()
        self.targets()
        self.plans()
        self.enrolments()
        self.users()
        return {bf.name: self.counts[bf.name] for bf in FILES if self.counts.get(bf.name)}

    def units(self) -> None:
        rows = self.rows("units")
        ids = _insert_ids(Unit, [{"code": r["code"], "name": r["name"], "level": r["level"]} for r in rows])
        self.unit_ids = _code_ids(Unit)
        parents = [
            {"id": id_, "parent_id": self.unit_ids[r["parent_code"]]}
            for id_, r in zip(ids, rows, strict=True)
            if r["parent_code"] is not None
        ]
        if parents:
            db.session.execute(update(Unit), parents)

    def positions(self) -> None:
        _insert(Position, self.rows("positions"))
        self.position_ids = _code_ids(Position)

    def people(self) -> None:
        rows = [
            {
                "code": r["id"],
                "full_name": r["full_name"],
                "gender": r["gender"],
                "birth_date": r["birth_date"],
                "ethnicity": r["ethnicity"],
                "email": r["email"],
                "planned_position_id": self.position_ids.get(r["planned_position"]),
            }
            for r in self.rows("people")
        ]
        _insert(Person, rows)
        self.person_ids = _code_ids(Person)

    def assignments(self) -> None:
        rows = [
            {
                "person_id": self.person_ids[r["person_id"]],
                "unit_id": self.unit_ids[r["unit_code"]],
                "category": r["category"],
                "position_id": self.position_ids[r["position_code"]],
                "start_date": r["start_date"],
                "end_date": r["end_date"],
            }
            for r in self.rows("assignments")
        ]
        _insert(Assignment, rows)

    def programmes(self) -> None:
        _insert(Programme, self.rows("programmes"))
        self.programme_ids = _code_ids(Programme)

    def centres(self) -> None:
        _insert(Centre, self.rows("centres"))
        self.centre_ids = _code_ids(Centre)

    def classes(self) -> None:
        rows = []
        for r in self.rows("classes"):
            row = {k: v for k, v in r.items() if k not in ("programme_code", "centre_code")}
            row["programme_id"] = self.programme_ids[r["programme_code"]]
            row["centre_id"] = self.centre_ids[r["centre_code"]]
            rows.append(row)
        _insert(TrainingClass, rows)
        self.class_ids = _code_ids(TrainingClass)

    def qualifications(self) -> None:
        rows = [
            {
                "person_id": self.person_ids[r["person_id"]],
                "track": r["track"],
                "level": r["level"],
                "awarded_on": r["awarded_on"],
            }
            for r in self.rows("qualifications")
        ]
        _insert(Qualification, rows)

    def targets(self) -> None:
        _insert(Period, self.rows("periods"))
        period_ids = _code_ids(Period)
        rows = [
            {
                "period_id": period_ids[r["period_code"]],
                "kind": r["kind"],
                "track": r["track"],
                "level": r["level"],
                "category": r["category"],
                "unit_id": self.unit_ids.get(r["unit_code"]),
                "value": r["value"],
            }
            for r in self.rows("targets")
        ]
        _insert(Target, rows)
        start = db.session.scalar(select(func.coalesce(func.max(Indicator.position), -1))) + 1
        rows = [
            {
                "position": start + i,
                "category": r["category"],
                "track": r["track"],
                "min_level": r["min_level"],
                "programme_id": self.programme_ids.get(r["programme_code"]),
            }
            for i, r in enumerate(self.rows("indicators"))
        ]
        _insert(Indicator, rows)

    def plans(self) -> None:
        rows = [
            {
                "unit_id": self.unit_ids[r["unit_code"]],
                "year": r["year"],
                "version": r["version"],
                "status": r["status"],
                "submitted_on": r["submitted_on"],
                "decided_on": r["decided_on"],
            }
            for r in self.rows("plans")
        ]
        _insert(Plan, rows)
        plan_ids = {
            (unit_id, year, version): id_
            for id_, unit_id, year, version in db.session.execute(
                select(Plan.id, Plan.unit_id, Plan.year, Plan.version)
            )
        }
        # New lines go after a plan's existing ones, in file order.
        next_position: dict[int, int] = defaultdict(int)
        for plan_id, top in db.session.execute(
            select(PlanLine.plan_id, func.max(PlanLine.position)).group_by(PlanLine.plan_id)
        ):
            next_position[plan_id] = top + 1
        lines, named = [], []
        for r in self.rows("plan_lines"):
            plan_id = plan_ids[(self.unit_ids[r["unit_code"]], r["year"], r["version"])]
            lines.append(
                {
                    "plan_id": plan_id,
                    "programme_id": self.programme_ids[r["programme_code"]],
                    "category": r["category"],
                    "planned_count": r["planned_count"],
                    "position": next_position[plan_id],
                }
            )
            next_position[plan_id] += 1
            named.append(r["nominees"])
        nominees = [
            {"line_id": line_id, "person_id": self.person_ids[code], "position": i}
            for line_id, codes in zip(_insert_ids(PlanLine, lines), named, strict=True)
            for i, code in enumerate(codes)
        ]
        _insert(PlanNominee, nominees)

    def enrolments(self) -> None:
        rows = self.rows("enrollments")
        ids = _insert_ids(
            Enrolment,
            [
                {
                    "person_id": self.person_ids[r["person_id"]],
                    "class_id": self.class_ids[r["class_code"]],
                    "status": r["status"],
                    "nominated_on": r["nominated_on"],
                    "decided_on": r["decided_on"],
                    "completed_on": r["completed_on"],
                }
                for r in rows
            ],
        )
        confers = {
            class_id: (track, level)
            for class_id, track, level in db.session.execute(
                select(TrainingClass.id, Programme.track, Programme.level).join(
                    Programme, TrainingClass.programme_id == Programme.id
                )
            )
            if track is not None and level is not None
        }
        conferred = []
        for id_, r in zip(ids, rows, strict=True):
            class_id = self.class_ids[r["class_code"]]
            if r["status"] == "completed" and class_id in confers:
                track, level = confers[class_id]
                conferred.append(
                    {
                        "person_id": self.person_ids[r["person_id"]],
                        "track": track,
                        "level": level,
                        "awarded_on": r["completed_on"],
                        "source_enrolment_id": id_,
                    }
                )
        _insert(Qualification, conferred)

    def users(self) -> None:
        rows = []
        for r in self.rows("users"):
            hasher = User()
            if r["password"]:
                hasher.set_password(r["password"])
            rows.append(
                {
                    "email": r["email"],
                    "full_name": r["full_name"],
                    "role": r["role"],
                    "unit_id": self.unit_ids.get(r["unit_code"]),
                    "centre_id": self.centre_ids.get(r["centre_code"]),
                    "password_hash": hasher.password_hash,
                }
            )
        _insert(User, rows)


def write_bundle(records: dict[str, list[Record]], replace: bool) -> dict[str, int]:
    """Insert the records (after emptying the database with ``replace``); the caller commits."""
    if replace:
        delete_everything()
    return _Loader(records).load()
