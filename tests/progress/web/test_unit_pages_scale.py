"""A unit head's pages cost what the unit costs: with ten times as many other units (their staff,
plans and stored findings), the home page, the staff list, the plan page and the findings run
the same statements, and every statement that reads a table of per-unit
rows says which units it wants. (Statements are counted; timings belong in benchmarks/.)"""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from nq05 import clock
from tests import factories as f
from tests.web.helpers import login

#: tables whose rows grow with the number of units
PER_UNIT_TABLES = (
    "assignments",
    "qualifications",
    "persons",
    "plans",
    "plan_lines",
    "plan_nominees",
    "progress_findings",
    "enrolments",
    "units",
    "unit_revisions",
)
#: a statement reading one of them names the units (or the people, plans, lines of those units)
SCOPED = re.compile(
    r"unit_id IN|unit_id = |unit_code IN|units\.id = |units\.parent_id = |\.id IN|person_id IN|"
    r"person_id = |persons\.id = |plan_id = |plan_id IN|plans\.id = |line_id IN|users\.id = ",
)


@contextmanager
def statements_of(engine):
    seen: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _enclosing_select(text: str, at: int) -> str:
    """The parenthesised (sub)query around position ``at`` (the whole statement at top level)."""
    depth, start = 0, 0
    for i in range(at, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            if depth == 0:
                start = i
                break
            depth -= 1
    depth, end = 0, len(text)
    for i in range(start + 1 if start else at, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            if depth == 0:
                end = i
                break
            depth -= 1
    return text[start:end]


def unscoped_reads(statement: str) -> list[str]:
    """The (sub)queries of ``statement`` that read a per-unit table without naming the units."""
    text = " ".join(statement.split())
    found = []
    for table in PER_UNIT_TABLES:
        for match in re.finditer(rf"\b(?:FROM|JOIN) {table}\b", text, flags=re.IGNORECASE):
            query = _enclosing_select(text, match.start())
            if not SCOPED.search(query):
                found.append(query)
    return found


def _units(prefix: str, count: int, parent, chief, programme, year: int, with_plans: bool = True):
    """``count`` units under ``parent``, each with a sub-unit, staff (some below standard) and a
    plan for ``year`` naming one of them."""
    made = []
    for i in range(count):
        unit = f.unit(f"{prefix}{i:03d}", f"Huyện {prefix} {i}", parent=parent)
        sub = f.unit(f"{prefix}{i:03d}X", f"Xã {prefix} {i}", level="commune", parent=unit)
        staff = [
            f.person(
                unit,
                code=f"{prefix}{i:03d}P{k}",
                at_position=chief,
                qualifications=[("pro", "bachelor" if k % 2 else "college")],
            )
            for k in range(4)
        ]
        f.person(sub, code=f"{prefix}{i:03d}S", at_position=chief, qualifications=[("pro", "bachelor")])
        if with_plans:
            f.plan(unit, year, status="submitted", lines=[(programme, 3, [staff[0]])])
        made.append(unit)
    return made


def _visit(client, urls, db):
    engine = db.engine
    db.session.remove()
    client.get("/")  # a fresh session's first request loads what later ones have cached
    counts = {}
    unscoped = []
    for url in urls:
        client.get(url)  # a page's first view may fill the process's caches (the plan's pools query)
        with statements_of(engine) as seen:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[url] = len(seen)
        unscoped += [(url, query) for s in seen for query in unscoped_reads(s)]
    return counts, unscoped


@pytest.fixture()
def province(db):
    from nq05.progress.store import recompute

    year = clock.today().year
    chief = f.position("TP", "Trưởng phòng", min_pro="bachelor")
    programme = f.programme()
    root = f.unit("P00", "Tỉnh Mẫu", level="province")
    (mine,) = _units("H", 1, root, chief, programme, year)
    head = f.user("truongphong@h.example.org", "unit_head", unit=mine)
    db.session.commit()
    recompute()

    ids = (type(root), root.id), (type(chief), chief.id), (type(programme), programme.id)

    def grow(count: int) -> None:
        again = [db.session.get(model, pk) for model, pk in ids]
        _units(f"O{count}", count, *again, year)
        db.session.commit()
        recompute()

    plan_id = db.session.scalar(db.select(db.text("id")).select_from(db.text("plans")).limit(1))
    return head, plan_id, grow


def test_a_unit_heads_pages_do_not_grow_with_other_units(client, db, province):
    head, plan_id, grow = province
    today = clock.today()
    as_of = today.strftime("%d/%m/%Y")
    urls = [
        "/",
        "/staff/",
        "/staff/?below=y",
        f"/plans/{plan_id}",
        f"/progress/findings?year={today.year}&as_of={as_of}",
    ]
    login(client, head)
    small, unscoped = _visit(client, urls, db)
    assert not unscoped, unscoped
    grow(3)
    grow(30)
    large, unscoped = _visit(client, urls, db)
    assert not unscoped, unscoped
    assert large == small


def test_the_findings_page_reads_its_units_stored_findings(client, db, province):
    """Stored and fresh: the page shows the stored findings of the head's units (no live
    evaluation of the province); an edit in another unit does not make them stale."""
    from nq05.progress.models import StoredFinding
    from nq05.progress.store import freshness
    from nq05.staff.models import Unit

    head, _plan_id, grow = province
    grow(3)
    today = clock.today()
    mine = {u.code for u in db.session.scalars(db.select(Unit).where(Unit.code.like("H%")))}
    other = db.session.scalar(db.select(Unit).where(Unit.code == "O3000"))
    f.person(other, code="NEWCOMER")  # an edit elsewhere: that unit's figures are out of date
    db.session.commit()
    assert freshness().stale and not freshness(mine).stale
    # a finding the engine would not make: shown, so the page read the stored rows
    marker = StoredFinding(
        year=today.year,
        code="STALE_PLAN",
        unit_id=head.unit_id,
        unit_code="H000",
        figures={"event": "retired", "event_date": "2014-01-01"},
        as_of=today,
        computed_at=clock.utcnow(),
        fingerprint="x",
        position=0,
    )
    db.session.add(marker)
    db.session.commit()
    login(client, head)
    page = client.get(f"/progress/findings?year={today.year}&as_of={today:%d/%m/%Y}").get_data(as_text=True)
    assert 'data-code="STALE_PLAN"' in page
    # an edit of the head's own unit: stale, so the page computes (and the marker is gone)
    f.person(db.session.get(Unit, head.unit_id), code="NEWCOMER2")
    db.session.commit()
    assert freshness(mine).stale
    page = client.get(f"/progress/findings?year={today.year}&as_of={today:%d/%m/%Y}").get_data(as_text=True)
    assert 'data-code="STALE_PLAN"' not in page
