"""In a browser: a unit head nominates, the centre accepts and records completion, and the person's
page shows the qualification the class conferred."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from nq05 import clock
from nq05.classes.models import Enrolment, TrainingClass
from nq05.sqlite import writing
from tests import factories as f
from tests.browser.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.service]


def sign_out(page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(re.compile(r".*/login.*"))


def test_nominate_accept_complete_and_see_the_qualification(page, live_server, db, users):
    today = clock.today()
    programme = f.programme(code="TCLLCT", name="Trung cấp lý luận chính trị - hành chính")
    klass = f.training_class(
        programme, users.centres["C1"], start=today + timedelta(days=1), end=today + timedelta(days=90)
    )
    hoa = f.person(users.units["HA"], name="Nguyễn Thị Hoa", gender="F", born=date(1985, 4, 2))
    f.person(users.units["HA"], name="Trần Văn Đạt", qualifications=[("pol", "advanced", None)])
    db.session.commit()
    class_id, code = klass.id, klass.code

    # the unit head picks an eligible person; the ineligible one shows why
    sign_in(page, live_server, users.head_a.email, users.password)
    page.goto(
        live_server + "/classes/?all=1"
    )  # the unit has no plan: "all classes", not only those of its plan
    page.get_by_role("link", name=code).click()
    page.get_by_role("link", name="Cử người đi học").click()
    picker = page.locator("table.picker")
    assert "đã có trình độ mà chương trình cấp" in picker.locator("tr", has_text="Trần Văn Đạt").inner_text()
    assert "Đủ điều kiện" in picker.locator("tr", has_text="Nguyễn Thị Hoa").inner_text()
    screenshot(page, "nominate-picker")
    page.get_by_label("Nguyễn Thị Hoa").check()
    page.get_by_role("button", name="Cử những người đã chọn").click()
    page.wait_for_url(f"{live_server}/classes/{class_id}")
    assert "Đã cử 1 người" in page.locator(".flashes").inner_text()
    row = page.locator("table.roster tr", has_text="Nguyễn Thị Hoa")
    assert "Được cử" in row.inner_text()
    sign_out(page)

    # the centre accepts
    sign_in(page, live_server, users.centre_1.email, users.password)
    page.goto(f"{live_server}/classes/{class_id}")
    assert "0/5 chỗ" in page.locator(".capacity").inner_text()
    screenshot(page, "roster-pending")
    page.locator("table.roster tr", has_text="Nguyễn Thị Hoa").get_by_role("button", name="Nhận").click()
    expect(page.locator("table.roster tr", has_text="Nguyễn Thị Hoa")).to_contain_text("Được nhận")
    expect(page.locator(".capacity")).to_contain_text("1/5 chỗ")

    # three months later the class is over: the centre records the result. The test's own read
    # transaction began before the server's writes: on SQLite it must end before this one writes.
    db.session.rollback()
    with writing():
        db.session.execute(
            TrainingClass.__table__.update()
            .where(TrainingClass.id == class_id)
            .values(start_date=today - timedelta(days=90), end_date=today - timedelta(days=1))
        )
        db.session.commit()
    page.reload()
    row = page.locator("table.roster tr", has_text="Nguyễn Thị Hoa")
    row.get_by_text("Ghi kết quả…").click()
    row.get_by_label("Kết quả", exact=True).select_option("completed")
    row.get_by_role("button", name="Ghi kết quả").click()
    expect(page.locator(".flashes")).to_contain_text("được công nhận trình độ mới")
    expect(page.locator("table.roster tr", has_text="Nguyễn Thị Hoa")).to_contain_text("Hoàn thành")
    screenshot(page, "roster-completed")
    sign_out(page)

    # the person's page shows the new level
    sign_in(page, live_server, users.head_a.email, users.password)
    page.goto(f"{live_server}/staff/{hoa.id}")
    qualifications = page.locator("#qualifications").inner_text()
    assert "Lý luận chính trị" in qualifications and "Trung cấp" in qualifications
    assert (today - timedelta(days=1)).strftime("%d/%m/%Y") in qualifications
    history = page.locator("section.training-history").inner_text()
    assert code in history and "Hoàn thành" in history and "Trung cấp" in history
    screenshot(page, "person-after-class")
    db.session.expire_all()
    assert db.session.scalars(select(Enrolment.status)).all() == ["completed"]
