"""``nq05 demo`` on a real database: what someone trying the app sees."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime

from sqlalchemy import func, select, text

from nq05.auth.models import User
from nq05.demo.build import generate
from nq05.staff.models import Assignment, Person, Qualification, Unit

SEED, SCALE = "3", "0.2"


def _demo(runner, *extra: str):
    return runner.invoke(args=["demo", "--seed", SEED, "--scale", SCALE, *extra])


def _database_fingerprint(db) -> str:
    digest = hashlib.sha256()
    for stmt in (
        select(Unit.code, Unit.name, Unit.level).order_by(Unit.code),
        select(Person.code, Person.full_name, Person.gender, Person.birth_date, Person.email).order_by(
            Person.code
        ),
        select(Assignment.person_id, Assignment.unit_id, Assignment.start_date, Assignment.end_date).order_by(
            Assignment.person_id, Assignment.start_date
        ),
        select(
            Qualification.person_id, Qualification.track, Qualification.level, Qualification.awarded_on
        ).order_by(Qualification.id),
    ):
        for row in db.session.execute(stmt):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_demo_fills_an_empty_database_and_prints_counts_and_logins(runner, db):
    started = datetime.now(UTC)
    result = _demo(runner)
    assert result.exit_code == 0, result.output
    expected = generate(int(SEED), float(SCALE)).counts()
    assert db.session.scalar(select(func.count()).select_from(Person)) == expected["people"]
    assert db.session.scalar(select(func.count()).select_from(Qualification)) == expected["qualifications"]
    assert "Đơn vị: " in result.output and "Lượt cử đi học" in result.output
    assert re.search(r"trong \d+,\d giây", result.output), result.output  # 12,6 giây, not 12.6
    for login, password in (
        ("admin@laichau.example.org", "admin-demo"),
        ("thutruong.huyen@laichau.example.org", "unit-demo"),
        ("thutruong.so@laichau.example.org", "unit-demo"),
        ("daotao.tct@laichau.example.org", "centre-demo"),
    ):
        assert f"{login} / {password}" in result.output
        user = db.session.scalar(select(User).where(User.email == login))
        assert user.check_password(password) and user.password_hash != password
    roles = dict(db.session.execute(select(User.email, User.role)).all())
    assert sorted(roles.values()) == ["admin", "centre_staff", "unit_head", "unit_head"]
    head = db.session.scalar(select(User).where(User.email == "thutruong.huyen@laichau.example.org"))
    assert head.unit.level == "district"
    assert f"Thủ trưởng đơn vị: {head.unit.name} ({head.unit.code})" in result.output
    if db.engine.dialect.name == "postgresql":  # the planner has statistics of the new rows at once
        analyzed = db.session.scalar(
            text("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'qualifications'")
        )
        assert analyzed is not None and analyzed >= started


def test_demo_speaks_english_when_asked(runner, db):
    result = runner.invoke(args=["demo", "--seed", SEED, "--scale", SCALE], env={"NQ05_LOCALE": "en"})
    assert result.exit_code == 0, result.output
    assert "Sign-in accounts (email / password):" in result.output
    assert "admin@laichau.example.org / admin-demo  — Organisation Board (admin): everything" in result.output
    assert "Training centre: Trường Chính trị tỉnh Lai Châu (TCT)" in result.output
    people = db.session.scalar(select(func.count()).select_from(Person))
    assert f"Staff (incl. those who left): {people:,}" in result.output
    assert "Thủ trưởng" not in result.output


def test_demo_refuses_a_database_with_data_unless_replace(runner, db):
    assert _demo(runner).exit_code == 0
    first = _database_fingerprint(db)
    refused = _demo(runner)
    assert refused.exit_code == 1
    assert "--replace" in refused.output and "units" in refused.output
    replaced = _demo(runner, "--replace")
    assert replaced.exit_code == 0, replaced.output
    db.session.expire_all()
    assert _database_fingerprint(db) == first, "same seed, same data"
    other = runner.invoke(args=["demo", "--seed", "4", "--scale", SCALE, "--replace"])
    assert other.exit_code == 0, other.output
    assert _database_fingerprint(db) != first


def test_rows_added_after_the_demo_get_fresh_ids(runner, db):
    assert _demo(runner).exit_code == 0
    top = db.session.scalar(select(func.max(Unit.id)))
    unit = Unit(code="NEW", name="Đơn vị mới", level="commune", parent_id=1)
    db.session.add(unit)
    db.session.commit()
    assert unit.id > top


def test_the_demo_has_findings_of_most_realism_rules(runner, db, app):
    assert _demo(runner).exit_code == 0
    codes = set()
    for year, as_of in ((2013, "2013-03-01"), (2014, "2014-03-01"), (2016, "2016-05-15")):
        result = runner.invoke(args=["realism", "--year", str(year), "--as-of", as_of, "--json"])
        assert result.exit_code == 0, result.output
        codes |= {f["code"] for f in json.loads(result.output)["findings"]}
    assert {"MISSING_PLAN", "OVER_POOL", "INELIGIBLE_NOMINEE", "UNCOVERED_STANDARD_GAP"} <= codes
    assert len(codes) >= 7, codes


def test_the_printed_logins_sign_in_to_the_web_app(runner, client, db):
    result = _demo(runner)
    assert result.exit_code == 0, result.output
    signed_in = 0
    for line in result.output.splitlines():
        if "@laichau.example.org / " not in line:
            continue
        email, password = line.split("—")[0].strip().split(" / ")
        response = client.post("/login", data={"email": email, "password": password})
        assert response.status_code == 302, f"{email} could not sign in"
        signed_in += 1
        client.post("/logout")
    assert signed_in == 4
    wrong = client.post("/login", data={"email": "admin@laichau.example.org", "password": "nope"})
    assert wrong.status_code == 200


PAGES = (
    "/",
    "/units/",
    "/staff/",
    "/plans/",
    "/classes/",
    "/progress/",
    "/progress/report",
    "/progress/findings",
)


def test_every_demo_user_can_browse_the_demo_province(runner, client, db):
    """The main pages render the demo's data for each role (what they may not see is refused, not broken)."""
    assert _demo(runner).exit_code == 0
    for email, password in (
        ("admin@laichau.example.org", "admin-demo"),
        ("thutruong.huyen@laichau.example.org", "unit-demo"),
        ("daotao.tct@laichau.example.org", "centre-demo"),
    ):
        assert client.post("/login", data={"email": email, "password": password}).status_code == 302
        assert client.get("/").status_code == 200
        for page in PAGES:
            assert client.get(page).status_code in (200, 403), f"{email} {page}"
        client.post("/logout")
