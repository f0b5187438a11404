"""The route × role sweep: every URL rule of the app, for every role, with the other side's ids.

New routes are covered automatically: the rules come from ``app.url_map``. A URL parameter is
filled with the id of the other unit's (or centre's) record of the same name (``person_id``,
``plan_id``, ``class_id``, ...); a parameter the sweep does not know is tried with every foreign
id. For each response:

- nothing is a server error;
- no response (body or redirect) shows the other side's marker strings (names, codes);
- a unit head or centre's staff asking for the other side's record gets 403 or 404, GET or POST;
- anonymous users get only the public pages and are otherwise sent to sign in;
- afterwards the other side's records are unchanged and nothing was audited against them.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import func, select

from tests.auth.sweep_world import OPEN_CLASS, build, markers_for
from tests.web.helpers import sign_in_session

#: endpoints anyone may open
PUBLIC = {"auth.login", "auth.logout", "web.set_language"}
ROLES = ("anonymous", "head_a", "head_a1", "centre_1", "admin")


def _readable_text(response) -> str:
    """The response as text; a zip file (an .xlsx export) as the text of its parts."""
    data = response.get_data()
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return data.decode("utf-8", "replace")


def _sign_in_as(client, user) -> None:
    sign_in_session(client, user)


def _rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue
        yield rule


def _urls(rule, world, role_key):
    """(url, targeted) pairs: targeted means the URL names a record outside the role's scope."""
    known = {name: world.foreign_ids[name] for name in rule.arguments if name in world.foreign_ids}
    unknown = [name for name in rule.arguments if name not in known]
    found = []
    if not unknown:
        found.append((known, bool(known)))
    else:
        converters = rule._converters
        for name in unknown:
            is_int = type(converters[name]).__name__ in ("IntegerConverter", "NumberConverter")
            candidates = sorted(world.all_foreign_ids) if is_int else ["HB", "NGOAI-HB-01", OPEN_CLASS]
            for value in candidates:
                values = dict(known)
                for other in unknown:
                    other_int = type(converters[other]).__name__ in ("IntegerConverter", "NumberConverter")
                    values[other] = (
                        value if other == name else (min(world.all_foreign_ids) if other_int else "HB")
                    )
                found.append((values, False))
    if "class_id" in rule.arguments:
        # The published class of centre C2: readable by unit heads (but its roster must not show
        # HB's people), out of scope for centre C1's staff.
        values = {name: value for name, value in found[0][0].items()}
        values["class_id"] = world.open_class_id
        found.append((values, role_key == "centre_1"))
    urls = []
    for values, targeted in found:
        built = rule.build(values, append_unknown=False)
        if built is not None:
            urls.append((built[1], targeted))
    return urls


def _snapshot(db, world):
    """The other side's records as rows, to show that nothing changed them."""
    from nq05.classes.models import Enrolment, TrainingClass
    from nq05.plans.models import Plan, PlanLine, PlanNominee
    from nq05.staff.models import Assignment, Person, Qualification

    db.session.expire_all()
    ids = world.foreign_ids
    return {
        "person": db.session.execute(
            select(Person.full_name, Person.code).where(Person.id == ids["person_id"])
        ).all(),
        "assignments": db.session.execute(
            select(Assignment.id, Assignment.unit_id, Assignment.start_date, Assignment.end_date).where(
                Assignment.person_id == ids["person_id"]
            )
        ).all(),
        "qualifications": db.session.execute(
            select(Qualification.id, Qualification.level).where(Qualification.person_id == ids["person_id"])
        ).all(),
        "enrolments": db.session.execute(select(Enrolment.id, Enrolment.status).order_by(Enrolment.id)).all(),
        "classes": db.session.execute(
            select(TrainingClass.id, TrainingClass.is_published, TrainingClass.capacity).order_by(
                TrainingClass.id
            )
        ).all(),
        "plan": db.session.execute(
            select(Plan.status, Plan.lock_version, func.count(PlanLine.id))
            .outerjoin(PlanLine, PlanLine.plan_id == Plan.id)
            .where(Plan.id == ids["plan_id"])
            .group_by(Plan.status, Plan.lock_version)
        ).all(),
        "nominees": db.session.execute(
            select(func.count()).select_from(PlanNominee).where(PlanNominee.line_id == ids["line_id"])
        ).scalar(),
    }


def sweep(app, client, db, users, world, role_key) -> tuple[list[str], int]:
    """Walk every rule as ``role_key``; return the problems found and the number of requests."""
    user = None if role_key == "anonymous" else getattr(users, role_key)
    markers = markers_for(role_key)
    methods = ("GET",) if role_key == "admin" else ("GET", "POST")
    problems, checked = [], 0
    for rule in _rules(app):
        for method in methods:
            if method not in rule.methods:
                continue
            for url, targeted in _urls(rule, world, role_key):
                _sign_in_as(client, user)
                checked += 1
                try:
                    response = client.open(url, method=method, data={})
                except Exception as exc:  # the test app propagates errors: report them all at once
                    problems.append(f"{method} {url} ({rule.endpoint}) as {role_key}: server error {exc!r}")
                    db.session.rollback()
                    continue
                problems.extend(_judge(rule, method, url, role_key, targeted, markers, response))
    return problems, checked


def _judge(rule, method, url, role_key, targeted, markers, response) -> list[str]:
    where = f"{method} {url} ({rule.endpoint}) as {role_key}: {response.status_code}"
    status = response.status_code
    if status >= 500:
        return [f"{where} server error"]
    found = []
    if role_key != "admin":
        shown = _readable_text(response) + response.headers.get("Location", "")
        leaked = [m for m in markers if m in shown]
        if leaked:
            found.append(f"{where} shows {leaked}")
    if role_key == "anonymous" and rule.endpoint not in PUBLIC:
        if status == 302 and "/login" not in response.headers.get("Location", ""):
            found.append(f"{where} redirects anonymous users elsewhere than sign-in")
        elif status not in (302, 401, 403, 404):
            found.append(f"{where} is open to anonymous users")
    elif role_key in ("head_a", "head_a1", "centre_1") and targeted and status not in (403, 404):
        found.append(f"{where} expected 403 or 404 for another unit's/centre's record")
    return found


@pytest.mark.parametrize("role_key", ROLES)
def test_no_route_leaks_the_other_side(app, client, db, users, role_key):
    from nq05.audit.models import AuditEntry

    world = build(db, users)
    before = _snapshot(db, world)
    problems, checked = sweep(app, client, db, users, world, role_key)
    assert checked > 50, "the sweep found too few routes"
    assert not problems, "\n".join(problems)
    assert _snapshot(db, world) == before, "the other side's records changed"
    if role_key != "admin":
        foreign_audit = db.session.execute(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.unit_id == users.units["HB"].id)
        ).scalar()
        assert foreign_audit == 0


def test_the_sweep_catches_a_leaky_route(app, db, users):
    """A route that loads a person without the scoping helpers is caught, twice over."""
    from flask import Blueprint

    from nq05 import create_app
    from nq05.extensions import db as _db
    from nq05.staff.models import Person

    leaky = Blueprint("leaky", __name__)

    @leaky.route("/leaky/<int:person_id>")
    def show(person_id):
        return _db.session.get(Person, person_id).full_name

    other = create_app({**app.config, "SERVER_NAME": None})
    other.register_blueprint(leaky)
    world = build(db, users)
    with other.app_context():
        problems, _ = sweep(other, other.test_client(), _db, users, world, "head_a")
    leaky_problems = [p for p in problems if "leaky.show" in p]
    assert any("shows ['Ngoại Văn Lộ']" in p for p in leaky_problems)
    assert any("expected 403 or 404" in p for p in leaky_problems)


def test_sweep_covers_every_feature_rule(app):
    """Every rule with a record id in its URL has a parameter the sweep knows by name, so it is
    checked for the 403/404 answer and not only for leaks. A new parameter name: add it to
    tests/auth/sweep_world.py (``foreign``)."""
    from tests.auth.sweep_world import KNOWN_PARAMS

    unknown = sorted(
        f"{rule.rule} <{name}>"
        for rule in _rules(app)
        for name in rule.arguments
        if name.endswith("_id")
        and name not in KNOWN_PARAMS
        # reference data: the same for everyone, and the admin's only (periods, their targets)
        and name not in ("position_id", "programme_id", "period_id", "target_id", "indicator_id")
    )
    assert not unknown, "URL parameters the sweep does not know: " + ", ".join(unknown)


def _rule_problems(app) -> list[str]:
    """Routes no feature's rule covers: no ``require_roles`` (nor ``public``), or a record id in the
    URL that no feature's loader guards (``@guards``), unless only the admin may open the route."""
    from nq05.auth.access import ADMIN, allowed_roles, guarded_parameters, is_public

    guarded = guarded_parameters()
    problems = []
    for rule in _rules(app):
        view = app.view_functions[rule.endpoint]
        roles = allowed_roles(view)
        if is_public(view):
            continue
        if roles is None:
            problems.append(f"{rule.rule} ({rule.endpoint}): neither require_roles nor public")
            continue
        if roles == (ADMIN,):
            continue
        for name in sorted(rule.arguments):
            if name.endswith("_id") and name not in guarded:
                problems.append(f"{rule.rule} ({rule.endpoint}): no feature's access rule guards <{name}>")
    return problems


def test_every_route_is_covered_by_a_feature_rule(app):
    """Every route says who may open it, and every record it names is loaded through the access
    rule of the feature that owns it; the public pages are exactly the sweep's."""
    from nq05.auth.access import is_public

    assert _rule_problems(app) == []
    public = {rule.endpoint for rule in _rules(app) if is_public(app.view_functions[rule.endpoint])}
    assert public == PUBLIC


def test_the_rule_check_catches_an_unguarded_route(app):
    from flask import Blueprint

    from nq05 import create_app
    from nq05.auth.access import require_roles

    careless = Blueprint("careless", __name__)

    @careless.route("/careless/<int:widget_id>")
    @require_roles("unit_head")
    def widget(widget_id):
        return str(widget_id)

    @careless.route("/careless/open")
    def anyone():
        return "open"

    other = create_app({**app.config, "SERVER_NAME": None})
    other.register_blueprint(careless)
    assert sorted(p for p in _rule_problems(other) if "careless" in p) == [
        "/careless/<int:widget_id> (careless.widget): no feature's access rule guards <widget_id>",
        "/careless/open (careless.anyone): neither require_roles nor public",
    ]
