"""In a browser, a centre's term on one class: it is scheduled with a weekly pattern over National
Day (02/09, skipped as a public holiday) and announced; of 8 nominations, 5 are accepted at once
into 3 seats (2 go to the waiting list, in order), a withdrawal promotes the first waiting, the
attendance of a past session day is taken, results come from the roster .xlsx, one is corrected,
and the person's qualification follows."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlalchemy import select

from nq05 import clock
from nq05.classes import operations as ops
from nq05.classes.models import Enrolment, SessionDay, TrainingClass
from nq05.sqlite import writing
from nq05.staff.models import Qualification
from tests import factories as f
from tests.browser.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.service]

NAMES = ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khoa", "Lan")
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def roster_row(page, name: str):
    return page.locator("table.roster tbody tr", has_text=name)


def next_national_day(after: date) -> date:
    """The first 02/09 (Quốc khánh) at least three weeks after ``after``."""
    day = date(after.year, 9, 2)
    return day if day >= after + timedelta(days=21) else date(after.year + 1, 9, 2)


def test_a_term_scheduled_announced_decided_attended_with_results_and_a_correction(
    page, live_server, db, users
):
    today = clock.today()
    programme = f.programme(code="TCLLCT", name="Trung cấp lý luận chính trị - hành chính")
    ha = users.units["HA"]
    people = [f.person(ha, name=f"Nguyễn Văn {n}") for n in NAMES]
    db.session.commit()
    names = [p.full_name for p in people]

    # the centre schedules the class: four weeks around National Day, which is still to come
    holiday = next_national_day(today)
    start, end = holiday - timedelta(days=14), holiday + timedelta(days=14)
    sign_in(page, live_server, users.centre_1.email, users.password)
    page.goto(f"{live_server}/classes/new")
    page.locator('select[name="programme_id"]').select_option(str(programme.id))
    page.locator('input[name="start_date"]').fill(start.strftime("%d/%m/%Y"))
    page.locator('input[name="end_date"]').fill(end.strftime("%d/%m/%Y"))
    page.locator('input[name="capacity"]').fill("3")
    page.get_by_role("button", name="Tạo lớp").click()
    page.wait_for_url(re.compile(r".*/classes/\d+$"))
    class_id = int(page.url.rsplit("/", 1)[1])
    expect(page.locator(".flashes")).to_contain_text("chưa thông báo chiêu sinh")

    # a weekly pattern on the holiday's weekday, from a week before it to a week after: the
    # holiday itself is skipped, and named
    page.get_by_role("link", name="Ngày học", exact=True).click()
    page.get_by_label(WEEKDAYS[holiday.weekday()], exact=True).check()
    page.locator('input[name="pattern_from"]').fill((holiday - timedelta(days=7)).strftime("%d/%m/%Y"))
    page.locator('input[name="pattern_to"]').fill((holiday + timedelta(days=7)).strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".flashes")).to_contain_text("Đã lưu 2 ngày học.")
    expect(page.locator(".flashes")).to_contain_text(
        f"Đã bỏ qua 1 ngày nghỉ lễ: {holiday:%d/%m/%Y} (Quốc khánh"
    )
    pattern_days = [holiday - timedelta(days=7), holiday + timedelta(days=7)]
    expect(page.locator("table.attendance-grid thead th.num")).to_have_text(
        [d.strftime("%d/%m") for d in pattern_days]
    )
    screenshot(page, "term-scheduled")

    # announced: units may nominate
    page.get_by_role("button", name="Thông báo chiêu sinh lớp này").click()
    expect(page.locator(".flashes")).to_contain_text("Đã thông báo chiêu sinh; các đơn vị có thể cử người.")
    expect(page.locator("dl.facts")).to_contain_text("Đã thông báo chiêu sinh")
    expect(page.get_by_role("button", name="Thông báo chiêu sinh lớp này")).to_have_count(0)

    # the unit's 8 nominations, in this order (the test's read transaction ends before it writes)
    db.session.rollback()
    with writing():
        klass = db.session.get(TrainingClass, class_id)
        assert klass.is_published and klass.code.startswith("TCLLCT")
        for person in people:
            ops.nominate(klass, person.id, unit_id=ha.id, actor=users.head_a)
        db.session.commit()

    page.goto(f"{live_server}/classes/{class_id}")
    # the first five are ticked, last first: seats still go in nomination order
    for name in reversed(names[:5]):
        page.get_by_label(f"Chọn {name}").check()
    bulk = page.locator("form#bulk")
    bulk.get_by_label("Quyết định").select_option("accept")
    bulk.get_by_role("button", name="Áp dụng cho người đã chọn").click()
    expect(page.locator(".flashes")).to_contain_text(
        "Đã nhận 3 người; 2 người vào danh sách chờ vì lớp hết chỗ."
    )
    for name in names[:3]:
        expect(roster_row(page, name)).to_contain_text("Được nhận")
    expect(roster_row(page, names[3])).to_contain_text("thứ 1")
    expect(roster_row(page, names[4])).to_contain_text("thứ 2")
    # a full class offers no "Nhận" on the waiting rows
    expect(roster_row(page, names[3]).get_by_role("button", name="Nhận", exact=True)).to_have_count(0)
    expect(page.locator(".capacity")).to_contain_text("3/3 chỗ")
    screenshot(page, "term-bulk-accepted")

    # one accepted person is withdrawn: the first waiting gets the seat
    page.once("dialog", lambda dialog: dialog.accept())
    roster_row(page, names[1]).get_by_role("button", name="Rút tên khỏi lớp").click()
    expect(page.locator(".flashes")).to_contain_text(f"Đã rút tên {names[1]} khỏi lớp.")
    expect(roster_row(page, names[3])).to_contain_text("Được nhận")
    expect(roster_row(page, names[4])).to_contain_text("thứ 1")

    # the class is over: its dates and session days move back by whole weeks (weekdays kept)
    weeks = timedelta(weeks=(end - today).days // 7 + 1)
    db.session.rollback()
    with writing():
        db.session.execute(
            TrainingClass.__table__.update()
            .where(TrainingClass.id == class_id)
            .values(start_date=start - weeks, end_date=end - weeks)
        )
        for day in sorted(pattern_days):
            db.session.execute(
                SessionDay.__table__.update()
                .where(SessionDay.class_id == class_id, SessionDay.day == day)
                .values(day=day - weeks)
            )
        db.session.commit()
    first_day = pattern_days[0] - weeks
    page.reload()

    # attendance of the first session day: one of the three was absent, ill
    page.locator("table.attendance-grid thead").get_by_role("link", name=first_day.strftime("%d/%m")).click()
    expect(page.locator("h1")).to_contain_text(f"ngày {first_day:%d/%m/%Y}")
    expect(page.locator("form tbody tr")).to_have_count(3)
    for name in (names[0], names[2], names[3]):
        expect(page.get_by_label(name)).to_be_checked()
    page.get_by_label(names[2]).uncheck()
    page.locator("form tbody tr", has_text=names[2]).get_by_label("Ghi chú").fill("Ốm, có giấy xin phép")
    page.get_by_role("button", name="Lưu điểm danh").click()
    expect(page.locator(".flashes")).to_contain_text(f"Đã lưu điểm danh ngày {first_day:%d/%m/%Y}.")
    grid = page.locator("table.attendance-grid")
    expect(grid.locator("tr", has_text=names[2]).locator(".absent")).to_have_count(1)
    expect(grid.locator("tr", has_text=names[0])).to_contain_text("✓")
    expect(roster_row(page, names[0]).locator("td.num")).to_have_text("100%")
    expect(roster_row(page, names[2]).locator("td.num .absent")).to_have_text("0%")
    screenshot(page, "term-attendance")

    # results from the roster .xlsx: downloaded, filled in, uploaded
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải danh sách (.xlsx)").click()
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    sheet = book.active
    header = next(r for r in sheet.iter_rows() if any(c.value == "Mã cán bộ" for c in r))
    col = {c.value: c.column for c in header if c.value}
    codes = {p.code: p.full_name for p in people}
    result_day = today - timedelta(days=2)
    grades = {names[0]: "Giỏi", names[2]: "Khá", names[3]: "8,5"}
    for r in range(header[0].row + 1, sheet.max_row + 1):
        name = codes.get(sheet.cell(r, col["Mã cán bộ"]).value)
        if name in grades:
            sheet.cell(r, col["Kết quả"]).value = "Hoàn thành"
            sheet.cell(r, col["Ngày có kết quả"]).value = result_day.strftime("%d/%m/%Y")
            sheet.cell(r, col["Xếp loại hoặc điểm"]).value = grades[name]
            sheet.cell(r, col["Số chứng chỉ, văn bằng"]).value = f"{r}/CC-TCT"
    filled = io.BytesIO()
    book.save(filled)
    workbook = [{"name": "ket-qua.xlsx", "mimeType": "application/octet-stream", "buffer": filled.getvalue()}]
    page.get_by_text("Nhập kết quả từ tệp danh sách (.xlsx)…").click()
    page.set_input_files("input[name=workbook]", files=workbook)
    page.get_by_role("button", name="Tải kết quả lên").click()
    # Chi missed the only day taken so far: the file is refused at Chi's row, nothing is saved
    expect(page.get_by_role("alert")).to_contain_text("không có kết quả nào được lưu")
    expect(page.locator("#upload-errors tbody tr")).to_have_count(1)
    expect(page.locator("#upload-errors tbody tr")).to_contain_text("Tỷ lệ chuyên cần 0%")
    page.get_by_role("link", name="Quay lại").click()
    expect(roster_row(page, names[0]).locator("td.result")).to_have_text("")
    # the centre confirms: Chi completes all the same
    page.get_by_text("Nhập kết quả từ tệp danh sách (.xlsx)…").click()
    page.set_input_files("input[name=workbook]", files=workbook)
    page.get_by_label("Vẫn ghi hoàn thành cho người có tỷ lệ chuyên cần thấp hơn mức tối thiểu").check()
    page.get_by_role("button", name="Tải kết quả lên").click()
    expect(page.locator(".flashes")).to_contain_text("3 người có kết quả mới hoặc được sửa")
    expect(page.locator(".flashes")).to_contain_text("3 người được công nhận trình độ mới")
    expect(roster_row(page, names[0])).to_contain_text("Xếp loại: Giỏi")
    expect(roster_row(page, names[3])).to_contain_text("Xếp loại: 8,5")
    screenshot(page, "term-results-uploaded")

    # one result was wrong: corrected with a reason, the qualification is withdrawn
    row = roster_row(page, names[2])
    row.get_by_text("Sửa kết quả…").click()
    row.get_by_label("Kết quả", exact=True).select_option("failed")
    row.get_by_label("Xếp loại hoặc điểm").fill("")
    row.get_by_label("Số chứng chỉ, văn bằng").fill("")
    row.get_by_label("Lý do sửa").fill("Nhầm với học viên khác")
    row.get_by_role("button", name="Lưu kết quả").click()
    expect(page.locator(".flashes")).to_contain_text("đã bị hủy")
    expect(roster_row(page, names[2])).to_contain_text("Không đạt")

    # the people's pages (their unit head): the level conferred stays for one, is gone for the other
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(re.compile(r".*/login.*"))
    sign_in(page, live_server, users.head_a.email, users.password)
    page.goto(f"{live_server}/staff/{people[0].id}")
    assert "Trung cấp" in page.locator("#qualifications").inner_text()
    assert result_day.strftime("%d/%m/%Y") in page.locator("#qualifications").inner_text()
    page.goto(f"{live_server}/staff/{people[2].id}")
    expect(page.locator("section.training-history")).to_contain_text("Không đạt")
    assert "Trung cấp" not in page.locator("#qualifications").inner_text()
    screenshot(page, "term-corrected-person")

    db.session.rollback()  # the test's read began before the server's writes: read them afresh
    held = set(db.session.scalars(select(Qualification.person_id)))
    assert held == {people[0].id, people[3].id}
    assert [
        db.session.scalar(select(Enrolment.status).where(Enrolment.person_id == p.id)) for p in people
    ] == [
        "completed",
        "withdrawn",
        "failed",
        "completed",
        "waitlisted",
        "nominated",
        "nominated",
        "nominated",
    ]
    assert re.search(
        r"\d+/CC-TCT",
        db.session.scalar(select(Enrolment.certificate_no).where(Enrolment.person_id == people[0].id)),
    )
