"""Changing plans: start, edit lines and names, submit, review, supplement.

Every function changes rows in the plan's session and flushes; the caller commits. A step the
rules refuse raises ``PlanRefused`` whose ``message`` is ready to show. Writes on a draft take
the ``lock_version`` the editor's form was rendered with: if someone saved the plan since, the
save is refused (``code == "stale"``) instead of silently overwriting their work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from nq05 import clock
from nq05.audit.operations import record
from nq05.domain import plan_workflow
from nq05.domain.codes import CATEGORIES
from nq05.extensions import db
from nq05.plans import district, findings, notices, queries
from nq05.plans.messages import refusal_message
from nq05.plans.models import Plan, PlanEvent, PlanLine, PlanNominee, PlanSetting
from nq05.reference.models import Programme
from nq05.staff.models import Unit


class PlanRefused(Exception):
    """A change the rules do not allow; ``message`` says why in the user's language."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code

    @property
    def message(self) -> str:
        return refusal_message(self.code)


def _role(actor) -> str:
    # No actor: the command line or a bundle import, which act for the province.
    return actor.role if actor is not None else "admin"


def _session(obj) -> Session:
    return object_session(obj) or db.session


def _now() -> datetime:
    """Now in UTC, as every DateTime column stores it (pages show it in Vietnam time)."""
    return clock.utcnow().replace(microsecond=0)


def _step(rule, *args):
    try:
        return rule(*args)
    except plan_workflow.StepRefused as exc:
        raise PlanRefused(exc.code) from None


def _check_fresh(plan: Plan, lock_version: int | None) -> None:
    if lock_version is not None and plan.lock_version != int(lock_version):
        raise PlanRefused("stale")


def flush_or_refuse(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        raise PlanRefused("stale") from None


def mark_changed(plan: Plan) -> None:
    """Mark the plan changed, so its lock_version moves on even when only its lines changed."""
    plan.updated_at = datetime.now()
    # even within the same clock tick: the UPDATE is what moves lock_version and checks it
    flag_modified(plan, "updated_at")


def _record_audit(action: str, plan: Plan, actor, details: dict) -> None:
    record(
        action,
        plan,
        {"year": plan.year, "version": plan.version, **details},
        unit_id=plan.unit_id,
        user=actor,
    )


def record_event(
    plan: Plan,
    action: str,
    from_status: str | None,
    actor,
    comment: str | None = None,
    *,
    errors: int | None = None,
) -> PlanEvent:
    event = PlanEvent(
        action=action,
        from_status=from_status,
        to_status=plan.status,
        actor_id=actor.id if actor is not None else None,
        actor_name=actor.full_name if actor is not None else None,
        at=_now(),
        comment=comment,
        errors=errors,
    )
    plan.events.append(event)
    details = {"from": from_status, "to": plan.status, "comment": comment}
    if errors is not None:
        # how many error findings the plan had when it was decided (approved despite them)
        details["errors"] = errors
    _record_audit(f"plan.{action}", plan, actor, details)
    return event


# --- starting a plan -------------------------------------------------------------------------


def start_plan(unit: Unit, year: int, actor, *, copy_last_year: bool = False) -> Plan:
    """Version 1 of the unit's plan for ``year``: empty, or a copy of last year's plan in force."""
    _step(plan_workflow.check_may_write, _role(actor))
    session = _session(unit)
    if queries.latest_version(unit.id, year, session) is not None:
        raise PlanRefused("plan_exists")
    source = None
    if copy_last_year:
        source = queries.plan_in_force(unit.id, year - 1, session=session)
        if source is None:
            raise PlanRefused("no_plan_last_year")
    plan = Plan(unit_id=unit.id, year=year, version=1, status="draft", updated_at=_now())
    session.add(plan)
    if source is not None:
        _copy_content(source, plan)
        record_event(plan, "copied", None, actor, f"{source.year} v{source.version}")
    else:
        record_event(plan, "created", None, actor)
    flush_or_refuse(session)
    return plan


def _copy_content(source: Plan, target: Plan) -> None:
    for position, line in enumerate(source.lines):
        copy = PlanLine(
            programme_id=line.programme_id,
            category=line.category,
            planned_count=line.planned_count,
            position=position,
        )
        copy.nominees = [PlanNominee(person_id=n.person_id, position=n.position) for n in line.nominees]
        target.lines.append(copy)


def start_next_version(plan: Plan, actor, *, action: str = "supplemented") -> Plan:
    """A supplement or correction (bổ sung, điều chỉnh): a draft copy of the latest version."""
    session = _session(plan)
    latest = queries.latest_version(plan.unit_id, plan.year, session)
    _step(plan_workflow.start_next_version, plan.status, _role(actor), latest.id == plan.id)
    new = Plan(
        unit_id=plan.unit_id, year=plan.year, version=plan.version + 1, status="draft", updated_at=_now()
    )
    session.add(new)
    _copy_content(plan, new)
    record_event(new, action, None, actor, f"v{plan.version}")
    flush_or_refuse(session)
    return new


# --- editing a draft -------------------------------------------------------------------------


@dataclass(frozen=True)
class LineValues:
    """What the editor says about a line."""

    programme_id: int
    category: str | None
    planned_count: int


def _check_line_values(plan: Plan, values: LineValues, *, except_line: PlanLine | None = None) -> None:
    session = _session(plan)
    if values.category is not None and values.category not in CATEGORIES:
        raise PlanRefused("unknown_category")
    if values.planned_count is None or int(values.planned_count) < 0:
        raise PlanRefused("negative_count")
    if session.get(Programme, values.programme_id) is None:
        raise PlanRefused("unknown_programme")
    for line in plan.lines:
        if line is not except_line and (line.programme_id, line.category) == (
            values.programme_id,
            values.category,
        ):
            raise PlanRefused("duplicate_line")


def ensure_editable(plan: Plan, actor, lock_version: int | None) -> None:
    _step(plan_workflow.check_editable, plan.status, _role(actor))
    _check_fresh(plan, lock_version)


def add_line(plan: Plan, values: LineValues, actor, lock_version: int | None) -> PlanLine:
    ensure_editable(plan, actor, lock_version)
    _check_line_values(plan, values)
    line = PlanLine(
        programme_id=values.programme_id,
        category=values.category,
        planned_count=int(values.planned_count),
        position=max((ln.position for ln in plan.lines), default=-1) + 1,
    )
    plan.lines.append(line)
    mark_changed(plan)
    _record_audit("plan.line_add", plan, actor, _line_details(line))
    flush_or_refuse(_session(plan))
    return line


def _line_details(line: PlanLine) -> dict:
    return {"programme_id": line.programme_id, "category": line.category, "planned": line.planned_count}


def _line_of(plan: Plan, line_id: int) -> PlanLine:
    for line in plan.lines:
        if line.id == line_id:
            return line
    raise PlanRefused("line_not_in_plan")


def change_line(plan: Plan, line_id: int, values: LineValues, actor, lock_version: int | None) -> PlanLine:
    ensure_editable(plan, actor, lock_version)
    line = _line_of(plan, line_id)
    _check_line_values(plan, values, except_line=line)
    line.programme_id = values.programme_id
    line.category = values.category
    line.planned_count = int(values.planned_count)
    mark_changed(plan)
    _record_audit("plan.line_change", plan, actor, _line_details(line))
    flush_or_refuse(_session(plan))
    return line


def remove_line(plan: Plan, line_id: int, actor, lock_version: int | None) -> None:
    ensure_editable(plan, actor, lock_version)
    line = _line_of(plan, line_id)
    plan.lines.remove(line)
    mark_changed(plan)
    _record_audit("plan.line_remove", plan, actor, _line_details(line))
    flush_or_refuse(_session(plan))


def set_named_people(
    plan: Plan,
    line_id: int,
    person_ids: list[int],
    actor,
    lock_version: int | None,
    *,
    today: date | None = None,
) -> PlanLine:
    """Name exactly these people on the line (the unit's staff only); keeps the order they were named."""
    ensure_editable(plan, actor, lock_version)
    line = _line_of(plan, line_id)
    wanted = list(dict.fromkeys(int(p) for p in person_ids))
    staff = queries.nameable_person_ids(
        plan.unit_id, plan.year, today or clock.today(), actor, _session(plan)
    )
    if any(p not in staff for p in wanted):
        raise PlanRefused("not_unit_staff")
    kept = [n for n in line.nominees if n.person_id in wanted]
    have = {n.person_id for n in kept}
    next_position = max((n.position for n in kept), default=-1) + 1
    for person_id in wanted:
        if person_id not in have:
            kept.append(PlanNominee(person_id=person_id, position=next_position))
            next_position += 1
    line.nominees = kept
    mark_changed(plan)
    _record_audit("plan.names", plan, actor, {**_line_details(line), "named": [n.person_id for n in kept]})
    flush_or_refuse(_session(plan))
    return line


def name_person(plan: Plan, line_id: int, person_id: int, actor, lock_version: int | None, **kw) -> PlanLine:
    line = _line_of(plan, line_id)
    current = [n.person_id for n in line.nominees]
    return set_named_people(plan, line_id, [*current, person_id], actor, lock_version, **kw)


def unname_person(
    plan: Plan, line_id: int, person_id: int, actor, lock_version: int | None, **kw
) -> PlanLine:
    line = _line_of(plan, line_id)
    current = [n.person_id for n in line.nominees if n.person_id != person_id]
    return set_named_people(plan, line_id, current, actor, lock_version, **kw)


# --- the workflow ----------------------------------------------------------------------------


def submit(plan: Plan, actor, lock_version: int | None = None, *, today: date | None = None) -> None:
    before = plan.status
    after = _step(plan_workflow.submit, plan.status, _role(actor), len(plan.lines))
    _check_fresh(plan, lock_version)
    plan.status = after
    plan.submitted_on = today or clock.today()
    reviewer = district.reviewing_district(plan.unit, _session(plan))
    plan.reviewer_unit_id = reviewer.id if reviewer is not None else None
    plan.forwarded_on = None
    mark_changed(plan)
    record_event(plan, "submitted", before, actor, reviewer.name if reviewer is not None else None)
    flush_or_refuse(_session(plan))


def approve(
    plan: Plan,
    actor,
    comment: str | None = None,
    *,
    today: date | None = None,
    as_of: date | None = None,
) -> None:
    """Approve a submitted plan. A plan with error findings (at ``as_of``, default today) is
    approved only with a comment saying why: refused with ``errors_need_comment`` otherwise."""
    _step(plan_workflow.approve, plan.status, _role(actor))
    _check_not_at_district(plan)
    found = findings.findings_by_plan([plan], as_of or today or clock.today())[plan.id]
    _approve(plan, actor, comment, today, findings.severity_counts(found)["error"])


def _approve(plan: Plan, actor, comment: str | None, today: date | None, errors: int) -> None:
    before = plan.status
    comment = (comment or "").strip() or None
    after = _step(plan_workflow.approve, plan.status, _role(actor))
    if errors and comment is None:
        raise PlanRefused("errors_need_comment")
    plan.status = after
    plan.decided_on = today or clock.today()
    plan.review_comment = comment
    mark_changed(plan)
    record_event(plan, "approved", before, actor, plan.review_comment, errors=errors)
    notices.plan_decided(plan)
    flush_or_refuse(_session(plan))


def return_for_correction(plan: Plan, actor, comment: str | None, *, today: date | None = None) -> None:
    before = plan.status
    after = _step(plan_workflow.return_for_correction, plan.status, _role(actor), comment)
    _check_not_at_district(plan)
    plan.status = after
    plan.decided_on = today or clock.today()
    plan.review_comment = comment.strip()
    mark_changed(plan)
    record_event(plan, "returned", before, actor, plan.review_comment)
    notices.plan_decided(plan)
    flush_or_refuse(_session(plan))


def approve_clean(plans: list[Plan], actor, as_of: date, *, today: date | None = None):
    """Approve every plan without an error finding; return (approved, [(plan, refusal code)])."""
    _step(plan_workflow.approve, "submitted", _role(actor))
    submitted = [p for p in plans if p.status == "submitted"]
    found = findings.findings_by_plan(submitted, as_of)
    approved, skipped = [], []
    for plan in plans:
        if plan.status != "submitted":
            skipped.append((plan, "not_submitted"))
        elif plan.reviewer_unit_id is not None:
            skipped.append((plan, "awaiting_district"))
        elif not findings.is_clean(found[plan.id]):
            skipped.append((plan, "has_errors"))
        else:
            _approve(plan, actor, None, today, 0)
            approved.append(plan)
    return approved, skipped


# --- two-level review: the district (nq05/plans/district.py) ---------------------------------


def _check_not_at_district(plan: Plan) -> None:
    """The province decides only on what the district forwarded."""
    if plan.status == "submitted" and plan.reviewer_unit_id is not None:
        raise PlanRefused("awaiting_district")


def _check_district_reviewer(plan: Plan, actor) -> None:
    if plan.status != "submitted" or plan.reviewer_unit_id is None:
        raise PlanRefused("not_at_district")
    if actor is None or actor.role != "unit_head" or actor.unit_id != plan.reviewer_unit_id:
        raise PlanRefused("not_the_district")


def forward(plans: list[Plan], actor, *, today: date | None = None):
    """The district's head sends commune plans on to the province; return (forwarded,
    [(plan, refusal code)]): a plan not waiting for this district is left as it was."""
    forwarded, skipped = [], []
    for plan in plans:
        try:
            _check_district_reviewer(plan, actor)
        except PlanRefused as exc:
            skipped.append((plan, exc.code))
            continue
        plan.reviewer_unit_id = None
        plan.forwarded_on = today or clock.today()
        mark_changed(plan)
        record_event(plan, "forwarded", plan.status, actor)
        forwarded.append(plan)
    if plans:
        flush_or_refuse(_session(plans[0]))
    return forwarded, skipped


def district_return(plan: Plan, actor, comment: str | None, *, today: date | None = None) -> None:
    """The district's head returns a commune's plan to the commune, always saying why."""
    _check_district_reviewer(plan, actor)
    if not (comment or "").strip():
        raise PlanRefused("comment_required")
    before = plan.status
    plan.status = "returned"
    plan.reviewer_unit_id = None
    plan.decided_on = today or clock.today()
    plan.review_comment = comment.strip()
    mark_changed(plan)
    record_event(plan, "returned", before, actor, plan.review_comment)
    notices.plan_decided(plan)
    flush_or_refuse(_session(plan))


def set_district_review(choice: str, actor, *, today: date | None = None) -> int:
    """Store the admin's choice (``district.CHOICES``). Turning two-level review off sends every
    plan waiting for a district on to the province (recorded as forwarded by the admin); returns
    how many were sent on."""
    if _role(actor) != "admin":
        raise PlanRefused("not_a_reviewer")
    if choice not in district.CHOICES:
        raise PlanRefused("unknown_choice")
    session = db.session
    before = district.stored_choice(session)
    row = session.get(PlanSetting, district.SETTING)
    if choice == "default":
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(PlanSetting(key=district.SETTING, value=choice))
    else:
        row.value = choice
    session.flush()
    now_on = district.is_on(session)
    moved = 0
    if not now_on:
        waiting = list(session.scalars(select(Plan).where(Plan.reviewer_unit_id.is_not(None))))
        for plan in waiting:
            plan.reviewer_unit_id = None
            plan.forwarded_on = today or clock.today()
            mark_changed(plan)
            record_event(plan, "forwarded", plan.status, actor)
        moved = len(waiting)
    # a transient row names the setting in the log (the stored one is gone for "default")
    record(
        "plan.district_review",
        PlanSetting(key=district.SETTING, value=choice),
        {"from": before, "to": choice, "on": now_on, "sent_on": moved},
        user=actor,
    )
    flush_or_refuse(session)
    return moved
