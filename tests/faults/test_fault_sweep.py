"""The fault sweep: every POST route, with the database failing at the first, a middle and the last
statement of the action, and at its COMMIT.

The routes come from ``app.url_map``; each needs a case in tests/faults/cases.py (a new route fails
``test_every_post_route_has_a_case`` until it has one). For each case the action is posted once
with the COMMIT failing: that run counts the action's statements (and proves the case reaches its
writes), then once per failure point. Each time:

- the user gets the error page in Vietnamese, with a request id, saying nothing was saved;
- nothing of the action is in the database (every table is as before);
- the failure is in the log, with its traceback and the same request id.

Every action fails, so the one world serves every case.
"""

from __future__ import annotations

import logging
import re
from types import SimpleNamespace

from sqlalchemy import event, select

from nq05.sqlite import writing
from tests.faults.cases import CASES, Case
from tests.faults.forms import form_values
from tests.faults.world import build
from tests.web.helpers import sign_in_session

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
ERROR_LOGGER = "nq05.web.errors"


class InjectedFault(Exception):
    """The database failure the sweep injects."""


class Faults:
    """Engine listeners that count the statements and COMMITs of one request and fail the chosen one.

    ``fail_at`` is a statement number (1 = the first) or ``("commit", n)`` for the n-th COMMIT.
    """

    def __init__(self, engine) -> None:
        self.engine = engine
        self.armed = False
        self.fail_at: int | tuple | None = None
        self.statements = 0
        self.writes = 0
        #: the number of statements run before each COMMIT
        self.commits: list[int] = []
        self.injected: InjectedFault | None = None

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._statement)
        event.listen(self.engine, "commit", self._commit)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._statement)
        event.remove(self.engine, "commit", self._commit)

    def arm(self, fail_at: int | tuple | None) -> None:
        self.armed, self.fail_at = True, fail_at
        self.statements = self.writes = 0
        self.commits = []
        self.injected = None

    def disarm(self) -> None:
        self.armed = False

    def _fail(self, where: str) -> None:
        self.injected = InjectedFault(f"lỗi cơ sở dữ liệu giả lập ({where})")
        raise self.injected

    def _statement(self, conn, cursor, statement, parameters, context, executemany):
        if not self.armed or self.injected is not None:
            return
        self.statements += 1
        if WRITE.match(statement):
            self.writes += 1
        if self.statements == self.fail_at:
            self._fail(f"câu lệnh {self.statements}: {statement.split()[0]}")

    def _commit(self, conn):
        if not self.armed or self.injected is not None:
            return
        self.commits.append(self.statements)
        if self.fail_at == ("commit", len(self.commits)):
            self._fail(f"COMMIT {len(self.commits)}")


def _engine_of(app):
    from nq05.extensions import db

    with app.app_context():
        return db.engine


def _post_endpoints(app) -> set[str]:
    return {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods and not rule.endpoint.endswith("static")
    }


def test_every_post_route_has_a_case(app):
    missing = sorted(_post_endpoints(app) - set(CASES))
    gone = sorted(set(CASES) - _post_endpoints(app))
    assert not missing, f"POST routes without a fault case (add them to tests/faults/cases.py): {missing}"
    assert not gone, f"fault cases for routes that no longer exist: {gone}"


def _snapshot(engine) -> dict:
    """Every row of every table."""
    from nq05.extensions import db

    with engine.connect() as conn:
        return {
            table: conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            for table in db.metadata.sorted_tables
        }


def _changed(before: dict, after: dict) -> list[str]:
    return [table.name for table in before if before[table] != after[table]]


def _restore(engine, snapshot: dict) -> None:
    """Put every table back as it was (after a case that did, or kept, part of its work)."""
    with writing(), engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        for table in reversed(snapshot):
            conn.execute(table.delete())
        for table, rows in snapshot.items():
            if rows:
                conn.execute(table.insert(), [dict(row._mapping) for row in rows])


def _detached(users) -> SimpleNamespace:
    """The users' ids, addresses and sign-in ids, usable in any app context."""

    def copy(user) -> SimpleNamespace:
        signed_in = user.get_id()
        return SimpleNamespace(id=user.id, email=user.email, get_id=lambda: signed_in)

    roles = ("admin", "head_a", "head_a1", "head_b", "centre_1")
    return SimpleNamespace(**{r: copy(getattr(users, r)) for r in roles})


def _request(app, client, users, world, endpoint: str, case: Case):
    """(url, form data, files maker) of the case."""
    values = {name: world[key] for name, key in case.url.items()}
    url = app.url_map.bind("localhost").build(endpoint, values)
    data: dict = {}
    if case.from_page:
        page = client.get(url)
        assert page.status_code == 200, f"{endpoint}: its page answered {page.status_code}"
        data.update(form_values(page.text, url))
    data.update(case.data(world, users))
    return url, data


def _judge(where: str, response, faults: Faults, caplog, before, after) -> list[str]:
    problems = []
    text = response.get_data(as_text=True)
    request_id = response.headers.get("X-Request-ID", "")
    if response.status_code != 500 or "Lỗi hệ thống" not in text:
        problems.append(f"{where}: answered {response.status_code}, not the error page")
    elif "không có thay đổi nào được lưu" not in text:
        problems.append(f"{where}: the error page does not say that nothing was saved")
    if not request_id or request_id not in text:
        problems.append(f"{where}: the error page does not show the request id")
    logged = [
        r
        for r in caplog.records
        if r.name == ERROR_LOGGER
        and r.exc_info
        and r.exc_info[1] is faults.injected
        and request_id in r.getMessage()
    ]
    if not logged:
        problems.append(f"{where}: the failure is not in the log with its traceback and request id")
    changed = _changed(before, after)
    if changed:
        problems.append(f"{where}: the database kept part of the action (tables {changed})")
    return problems


def _run_case(app, client, users, world, endpoint, case, faults, caplog) -> list[str]:
    user = getattr(users, case.role) if case.role else None
    sign_in_session(client, user)
    url, data = _request(app, client, users, world, endpoint, case)
    before = _snapshot(faults.engine)

    def post(fail_at):
        sign_in_session(client, user)
        payload = dict(data)
        if case.files is not None:
            payload.update(case.files(client, world))
        caplog.clear()
        faults.arm(fail_at)
        try:
            return client.post(url, data=payload, content_type="multipart/form-data")
        finally:
            faults.disarm()

    # once without a fault: what the action does (then the world is put back)
    response = post(None)
    done = _snapshot(faults.engine)
    statements, writes, commits = faults.statements, faults.writes, list(faults.commits)
    if done != before:
        _restore(faults.engine, before)
    if response.status_code >= 500:
        return [f"{endpoint}: fails without any fault ({response.status_code}); fix the case"]
    if not case.writes:
        if writes or commits or done != before:
            return [f"{endpoint}: now writes to the database: give it a fault case (tests/faults/cases.py)"]
        points = sorted({1, (statements + 1) // 2, statements} - {0})
    elif not writes or done == before:
        where = response.headers.get("Location", "")
        return [f"{endpoint}: the case changes nothing ({response.status_code} {where}); fix the case"]
    else:
        last = commits[-1]  # the action's statements end with its last COMMIT
        points = sorted({1, (last + 1) // 2, last}) + [("commit", n) for n in range(1, len(commits) + 1)]

    problems = []
    for point in points:
        response = post(point)
        after = _snapshot(faults.engine)
        where = f"{endpoint} failing at " + (
            f"COMMIT {point[1]}" if isinstance(point, tuple) else f"statement {point} of {statements}"
        )
        problems += _judge(where, response, faults, caplog, before, after)
        if after != before:
            _restore(faults.engine, before)
    return problems


def test_a_database_failure_anywhere_in_an_action_leaves_nothing_and_says_so(app, db, users, caplog):
    from nq05 import create_app

    world = build(db, users)
    users = _detached(users)
    db.session.remove()
    caplog.set_level(logging.ERROR, logger=ERROR_LOGGER)
    # the app as it runs in production: unexpected errors become the error page, not a traceback
    served = create_app({**app.config, "TESTING": False})
    problems: list[str] = []
    # each request pushes the app context of its own, as in production (its teardown ends the
    # request's transaction)
    with Faults(_engine_of(served)) as faults:
        client = served.test_client()
        for endpoint, case in sorted(CASES.items()):
            problems += _run_case(served, client, users, world, endpoint, case, faults, caplog)
        faults.engine.dispose()
    assert not problems, "\n".join(problems)


def test_the_sweep_catches_an_action_that_commits_half_of_its_work(app, db, users, caplog):
    """A route that commits one change, then makes another: failing the second COMMIT keeps the first."""
    from flask import Blueprint

    from nq05 import create_app
    from nq05.extensions import db as _db
    from nq05.staff.models import Unit

    half = Blueprint("half", __name__)
    unit_id = users.units["HA"].id

    @half.route("/half", methods=["POST"])
    def two_commits():
        unit = _db.session.get(Unit, unit_id)
        unit.name = "Một nửa"
        _db.session.commit()
        unit.code = "NUA"
        _db.session.commit()
        return "ok"

    users = _detached(users)
    db.session.remove()
    served = create_app({**app.config, "TESTING": False})
    served.register_blueprint(half)
    caplog.set_level(logging.ERROR, logger=ERROR_LOGGER)
    with Faults(_engine_of(served)) as faults:
        client = served.test_client()
        problems = _run_case(served, client, users, {}, "half.two_commits", Case("admin"), faults, caplog)
        _db.engine.dispose()
    kept = "the database kept part of the action (tables ['units'])"
    assert f"half.two_commits failing at COMMIT 2: {kept}" in problems
