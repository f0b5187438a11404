"""The reference data as one .xlsx: the download holds what the pages show (names, not codes,
where a reader reads them); a filled workbook loads every row or none, with located errors."""

from __future__ import annotations

import html
import io
from datetime import datetime

from openpyxl import load_workbook
from sqlalchemy import select

from nq05.audit.models import AuditEntry
from nq05.reference.models import Centre, Period, Target
from nq05.reference.settings import load_settings
from tests import factories as f
from tests.progress.web.pages import rows
from tests.web.helpers import login


def world(db, users):
    programme = f.programme(code="TC_LLCT", name="Trung cấp lý luận chính trị", pre_edu="upper_secondary")
    f.position("TP", "Trưởng phòng", min_pro="bachelor", min_pol="intermediate")
    period = f.period()
    f.target(period, "pro", "master", 10)
    f.target(period, "pol", "intermediate", 12.5, unit=users.units["HA"])
    f.target(period, "edu", "upper_secondary", 100, kind="share", category="COMM_CIVIL")
    f.indicator(1, category="PROV_CIVIL", track="pro", min_level="bachelor")
    f.indicator(2, of_programme=programme)
    f.setting("plan_due_month_day", "10-15")
    # the notices' keys share the table but not the workbook (the installation's, not the province's)
    f.setting("notice_sender", "Sở Nội vụ tỉnh Lai Châu")
    db.session.commit()


def download(client) -> object:
    response = client.get("/admin/reference/export.xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.data))


def upload(client, book):
    out = io.BytesIO()
    book.save(out)
    return client.post(
        "/admin/reference/import", data={"workbook": (io.BytesIO(out.getvalue()), "danh-muc.xlsx")}
    )


def sheet_rows(book, name) -> list[list]:
    return [list(r) for r in book[name].iter_rows(values_only=True)]


def audit_count(db) -> int:
    return db.session.query(AuditEntry).count()


def test_the_download_reads_as_the_pages_do(client, db, users):
    world(db, users)
    login(client, users.admin)
    book = download(client)
    assert book.sheetnames == [
        "Cơ sở đào tạo",
        "Chức danh",
        "Chương trình",
        "Giai đoạn",
        "Chỉ tiêu",
        "Chỉ số",
        "Thiết lập",
    ]
    targets = sheet_rows(book, "Chỉ tiêu")
    assert targets[0] == ["Giai đoạn", "Loại chỉ tiêu", "Trình độ", "Đối tượng", "Mã đơn vị", "Giá trị"]
    assert ["2011-2015", "Số người", "Lý luận chính trị: Trung cấp", None, "HA", 12.5] in targets
    assert any(r[1] == "Tỷ lệ" and r[3] == "Công chức cấp xã" and r[5] == 100 for r in targets)
    periods = sheet_rows(book, "Giai đoạn")
    assert periods[1][:1] == ["2011-2015"] and isinstance(periods[1][1], datetime)
    assert book["Giai đoạn"]["B2"].number_format == "DD/MM/YYYY"
    positions = sheet_rows(book, "Chức danh")
    assert positions[1][:2] == ["TP", "Trưởng phòng"] and "Đại học" in positions[1]
    settings = dict(sheet_rows(book, "Thiết lập")[1:])
    assert settings["Hạn gửi kế hoạch năm sau (ngày/tháng)"] == "15/10"
    assert settings["Ngưỡng tỷ lệ thực hiện thấp (%)"] == "50"
    assert len(settings) == 6 and "Sở Nội vụ tỉnh Lai Châu" not in settings.values()


def test_the_same_workbook_loaded_back_changes_nothing(client, db, users):
    world(db, users)
    login(client, users.admin)
    before = audit_count(db)
    response = upload(client, download(client))
    assert response.status_code == 302, html.unescape(response.get_data(as_text=True))[-3000:]
    assert audit_count(db) == before


def test_a_filled_workbook_changes_and_adds_records(client, db, users):
    world(db, users)
    login(client, users.admin)
    book = download(client)
    ws = book["Chỉ tiêu"]
    for row in ws.iter_rows(min_row=2):
        if row[4].value == "HA":
            row[5].value = 20
    ws.append(["2016-2020", "Số người", "Chuyên môn: Thạc sĩ", None, "HB", 4])
    book["Giai đoạn"].append(["2016-2020", "01/01/2016", "31/12/2020"])
    book["Cơ sở đào tạo"].append(["C9", "Trường Chính trị mới"])
    settings = book["Thiết lập"]
    for row in settings.iter_rows(min_row=2):
        if row[0].value == "Tuổi nghỉ hưu của nữ":
            row[1].value = 58
    response = upload(client, book)
    assert response.status_code == 302
    assert db.session.scalar(select(Target.value).where(Target.unit_id == users.units["HA"].id)) == 20
    new = db.session.scalars(select(Target).join(Period).where(Period.code == "2016-2020")).one()
    assert (new.track, new.level, new.unit_id, new.value) == ("pro", "master", users.units["HB"].id, 4)
    assert db.session.scalar(select(Centre.name).where(Centre.code == "C9")) == "Trường Chính trị mới"
    assert load_settings().retirement_age_female == 58
    actions = sorted(db.session.scalars(select(AuditEntry.action)))
    assert actions == [
        "centre.create",
        "period.create",
        "setting.update",
        "target.create",
        "target.update",
    ]


def test_one_bad_row_loads_nothing_and_says_where(client, db, users):
    world(db, users)
    login(client, users.admin)
    book = download(client)
    book["Cơ sở đào tạo"].append(["C9", "Trường Chính trị mới"])
    book["Chỉ tiêu"].append(["2011-2015", "Tỷ lệ", "Chuyên môn: Thạc sĩ", None, None, 120])
    book["Chỉ tiêu"].append(["2099", "Số người", "Chuyên môn: Thạc sĩ", None, None, 1])
    book["Chức danh"].append(["PP", "Phó phòng", None, "Giáo sư", None, None])
    book["Giai đoạn"].append(["2014-2018", "01/01/2014", "31/12/2018"])
    before = audit_count(db)
    response = upload(client, book)
    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    found = [
        (r["fields"]["sheet"], r["fields"]["row"], r["fields"]["column"], r["fields"]["message"])
        for r in rows(page, "data-error")
    ]
    assert ("Chỉ tiêu", "5", "Giá trị", "Chỉ tiêu tỷ lệ là phần trăm: từ 0 đến 100.") in found
    assert ("Chỉ tiêu", "6", "Giai đoạn", "Không có giai đoạn mã “2099”.") in found
    assert ("Chức danh", "3", "Tối thiểu: Chuyên môn", "Trình độ không hợp lệ.") in found
    assert any(r[0] == "Giai đoạn" and r[1] == "3" and "Trùng thời gian" in r[3] for r in found)
    assert "Chưa nhập gì: tệp có 4 lỗi." in page
    assert db.session.scalar(select(Centre.id).where(Centre.code == "C9")) is None
    assert audit_count(db) == before


def test_a_file_that_is_not_a_workbook_is_refused(client, db, users):
    login(client, users.admin)
    response = client.post(
        "/admin/reference/import", data={"workbook": (io.BytesIO(b"PK\x03\x04 not a zip"), "x.xlsx")}
    )
    assert "Tệp tải lên không phải bảng tính Excel (.xlsx)." in html.unescape(response.get_data(as_text=True))


def test_the_workbook_is_the_admins(client, db, users):
    for who in (users.head_a, users.centre_1):
        login(client, who)
        assert client.get("/admin/reference/export.xlsx").status_code == 403
        assert client.get("/admin/reference/import").status_code == 403


def test_a_workbook_downloaded_in_vietnamese_loads_on_the_english_pages(client, db, users):
    world(db, users)
    login(client, users.admin)
    book = download(client)
    for row in book["Chỉ tiêu"].iter_rows(min_row=2):
        if row[4].value == "HA":
            row[5].value = 30
    client.get("/lang/en")
    response = upload(client, book)
    assert response.status_code == 302, html.unescape(response.get_data(as_text=True))[-2000:]
    assert db.session.scalar(select(Target.value).where(Target.unit_id == users.units["HA"].id)) == 30
    english = load_workbook(io.BytesIO(client.get("/admin/reference/export.xlsx").data))
    assert "Targets" in english.sheetnames


def test_a_sheet_longer_than_the_upload_limit_is_refused_unread(client, db, users):
    from openpyxl import Workbook

    login(client, users.admin)
    book = Workbook()
    sheet = book.active
    sheet.title = "Cơ sở đào tạo"
    sheet.append(["Mã", "Tên"])
    sheet["A10001"] = "C9"  # one cell far down: the rows between are not filled in, nor read
    response = upload(client, book)
    page = html.unescape(response.get_data(as_text=True))
    assert "Trang tính có quá 10000 dòng." in page
    assert db.session.scalar(select(Centre.id).where(Centre.code == "C9")) is None
