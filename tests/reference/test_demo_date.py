"""The province's today in a demo database: the demo's date, on every page and command, and the
admin moving it forward; a real province's database lives on the real date."""

from __future__ import annotations

import json
import shutil
from datetime import date

from sqlalchemy import event, select

from nq05 import clock
from nq05.audit.models import AuditEntry
from nq05.notify.models import ALL_UNITS, RecomputeRequest, Reminder
from nq05.reference.today import DemoClock, start_demo_clock
from tests.web.helpers import login

DEMO_DAY = date(2016, 5, 15)
BANNER = "Dữ liệu mẫu — ngày giả định 15/05/2016"


def _make_demo(db, day: date = DEMO_DAY) -> None:
    start_demo_clock(day)
    db.session.commit()


def test_outside_an_app_context_today_is_the_real_date(app):
    # no app context pushed here: the clock asks no database
    assert clock.demo_date() is None
    assert clock.today() == clock.real_today()


def test_a_real_province_lives_on_the_real_date(db):
    assert clock.today() == clock.real_today()
    assert clock.today().year >= 2026


def test_a_demo_database_lives_on_its_date_with_one_query_per_context(app, db):
    _make_demo(db)
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with app.app_context():  # a task or a command: one read of the demo's date, then kept
            assert [clock.today() for _ in range(5)] == [DEMO_DAY] * 5
        with app.app_context():
            assert clock.today() == DEMO_DAY
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert sum("demo_clock" in s for s in statements) == 2, statements


def test_nq05_demo_records_its_date_and_the_commands_default_to_it(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo", "--seed", "3", "--scale", "0.2"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(DemoClock.today)) == DEMO_DAY
    realism = runner.invoke(args=["realism", "--year", "2016", "--unit", "H01", "--json"])
    assert realism.exit_code == 0, realism.output
    assert json.loads(realism.output)["as_of"] == "2016-05-15"
    gaps = runner.invoke(args=["gaps", "--period", "2016-2020", "--json"])
    assert json.loads(gaps.output)["as_of"] == "2016-05-15"
    report = runner.invoke(args=["report", "--baseline", "2010-12-31", "--json"])
    assert json.loads(report.output)["as_of"] == "2016-05-15"
    scan = runner.invoke(args=["notify", "scan"])
    assert scan.exit_code == 0, scan.output
    assert "(ngày 15/05/2016)" in scan.output
    # the reminders are about 2016's classes, none about a date years away
    events = db.session.scalars(select(Reminder.event_date)).all()
    assert events and all(date(2016, 1, 1) <= day <= date(2016, 12, 31) for day in events)


def test_an_import_over_a_demo_makes_a_real_province(app, db, mini_bundle, tmp_path):
    _make_demo(db)
    # a person born after the demo's date: checked against the real date, not 2016's
    bundle = tmp_path / "bundle"
    shutil.copytree(mini_bundle, bundle)
    people = bundle / "people.csv"
    people.write_text(
        people.read_text(encoding="utf-8").replace(
            "S1,Trần Văn An,M,1980-05-01", "S1,Trần Văn An,M,2017-05-01"
        ),
        encoding="utf-8",
    )
    result = app.test_cli_runner().invoke(args=["import", str(bundle), "--replace"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(DemoClock.today)) is None
    with app.app_context():
        assert clock.today() == clock.real_today()


def test_every_page_of_a_demo_carries_the_banner_and_a_real_province_none(client, db, users):
    assert BANNER not in client.get("/login").get_data(as_text=True)
    login(client, users.admin)
    assert "/admin/demo-date" not in client.get("/").get_data(as_text=True)  # no date to move
    _make_demo(db)
    admin_page = client.get("/").get_data(as_text=True)
    assert BANNER in admin_page and 'href="/admin/demo-date"' in admin_page
    client.post("/logout")
    assert BANNER in client.get("/login").get_data(as_text=True)
    login(client, users.head_a)
    page = client.get("/").get_data(as_text=True)
    assert BANNER in page
    assert "/admin/demo-date" not in page  # only the admin moves the date


def test_the_admin_moves_the_date_forward_audited_never_back(client, db, users):
    _make_demo(db)
    login(client, users.admin)
    page = client.get("/admin/demo-date").get_data(as_text=True)
    assert 'value="15/05/2016"' in page  # typed and shown dd/mm/yyyy
    response = client.post("/admin/demo-date", data={"today": "2016-11-20"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Đã chuyển ngày giả định sang 20/11/2016." in page
    assert "Dữ liệu mẫu — ngày giả định 20/11/2016" in page
    assert db.session.scalar(select(DemoClock.today)) == date(2016, 11, 20)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "demo_date.update"))
    assert entry.user_id == users.admin.id
    assert entry.details == {"today": ["2016-05-15", "2016-11-20"]}
    # every "as of today" figure is out of date: the task queue recomputes everything
    assert db.session.scalar(select(RecomputeRequest.unit_code)) == ALL_UNITS

    page = client.post("/admin/demo-date", data={"today": "2016-06-01"}).get_data(as_text=True)
    assert "Chỉ chuyển được ngày giả định về sau ngày 20/11/2016." in page
    assert db.session.scalar(select(DemoClock.today)) == date(2016, 11, 20)
    page = client.post("/admin/demo-date", data={"today": "31/02/2017"}).get_data(as_text=True)
    assert "Ngày phải viết theo dạng ngày/tháng/năm, ví dụ 01/03/2014." in page


def test_only_the_admin_of_a_demo_may_move_its_date(client, db, users):
    login(client, users.admin)
    assert client.get("/admin/demo-date").status_code == 404  # a real province: no demo date
    _make_demo(db)
    for user in (users.head_a, users.centre_1):
        login(client, user)
        assert client.post("/admin/demo-date", data={"today": "2016-12-01"}).status_code == 403
    assert db.session.scalar(select(DemoClock.today)) == DEMO_DAY
