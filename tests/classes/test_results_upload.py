"""Results uploaded from the roster .xlsx: the exported roster with its result columns filled in,
recorded all or none, with errors located by sheet, row and column."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from nq05 import clock
from nq05.classes import operations as ops
from nq05.classes.models import Enrolment
from nq05.staff.models import Qualification
from tests import factories as f
from tests.web.helpers import login

TODAY = clock.today()
YESTERDAY = TODAY - timedelta(days=1)


@pytest.fixture()
def running(db, users):
    """A class of centre C1 that started 60 days ago: three accepted people of HA, one nominated."""
    klass = f.training_class(
        f.programme(), users.centres["C1"], start=TODAY - timedelta(days=60), end=TODAY + timedelta(days=30)
    )
    ha = users.units["HA"]
    people = [
        f.person(ha, name=n) for n in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung")
    ]
    enrolments = [ops.nominate(klass, p.id, unit_id=ha.id, today=TODAY - timedelta(days=90)) for p in people]
    for e in enrolments[:3]:
        ops.accept(e)
    db.session.commit()
    return klass, enrolments


def exported(client, klass):
    response = client.get(f"/classes/{klass.id}/roster.xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.data))


def columns(sheet) -> tuple[int, dict[str, int]]:
    for row in sheet.iter_rows():
        names = [c.value for c in row]
        if "Mã cán bộ" in names:
            return row[0].row, {n: i + 1 for i, n in enumerate(names) if n}
    raise AssertionError("no header row")


def fill(book, results: dict[str, dict]) -> bytes:
    """Write ``results`` (person code -> {header: value}) into the roster workbook."""
    sheet = book.active
    header_row, cols = columns(sheet)
    for row in range(header_row + 1, sheet.max_row + 1):
        code = sheet.cell(row, cols["Mã cán bộ"]).value
        for name, value in results.get(code, {}).items():
            sheet.cell(row, cols[name]).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, klass, data: bytes, **form):
    return client.post(
        f"/classes/{klass.id}/results",
        data={"workbook": (io.BytesIO(data), "ket-qua.xlsx"), **form},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def statuses(db, enrolments):
    db.session.expire_all()
    return [db.session.get(Enrolment, e.id).status for e in enrolments]


def test_the_roster_exports_result_columns_and_reads_them_back(client, users, db, running):
    klass, (a, b, c, d) = running
    login(client, users.centre_1)
    book = exported(client, klass)
    _, cols = columns(book.active)
    assert {"Kết quả", "Ngày có kết quả", "Xếp loại hoặc điểm", "Số chứng chỉ, văn bằng", "Ngày cấp"} <= set(
        cols
    )
    data = fill(
        book,
        {
            a.person.code: {
                "Kết quả": "Hoàn thành",
                "Ngày có kết quả": YESTERDAY,
                "Xếp loại hoặc điểm": "Giỏi",
                "Số chứng chỉ, văn bằng": "17/CC-TCT",
                "Ngày cấp": YESTERDAY.strftime("%d/%m/%Y"),
            },
            b.person.code: {"Kết quả": "không đạt", "Ngày có kết quả": YESTERDAY, "Xếp loại hoặc điểm": 4.5},
        },
    )
    page = upload(client, klass, data)
    assert (
        "2 người có kết quả mới hoặc được sửa" in page.text
        and "1 người được công nhận trình độ mới" in page.text
    )
    assert statuses(db, [a, b, c, d]) == ["completed", "failed", "accepted", "nominated"]
    a_now = db.session.get(Enrolment, a.id)
    assert (a_now.grade, a_now.certificate_no, a_now.certificate_on) == ("good", "17/CC-TCT", YESTERDAY)
    assert str(db.session.get(Enrolment, b.id).score) in ("4.5", "4.50")
    # the exported roster now shows them, and uploading it again changes nothing
    again = upload(client, klass, fill(exported(client, klass), {}))
    assert "0 người có kết quả mới hoặc được sửa, 2 người không thay đổi" in again.text
    assert db.session.scalars(select(Qualification).where(Qualification.person_id == a.person_id)).one()


def test_errors_are_located_and_nothing_is_saved(client, users, db, running):
    klass, (a, b, c, d) = running
    login(client, users.centre_1)
    book = exported(client, klass)
    header_row, cols = columns(book.active)
    data = fill(
        book,
        {
            a.person.code: {"Kết quả": "Hoàn thành", "Ngày có kết quả": YESTERDAY},  # valid, but not kept
            b.person.code: {"Kết quả": "Đạt", "Ngày có kết quả": "31/02/2026"},
            c.person.code: {"Kết quả": "Hoàn thành", "Ngày có kết quả": TODAY + timedelta(days=5)},
            d.person.code: {"Kết quả": "Hoàn thành", "Ngày có kết quả": YESTERDAY},
        },
    )
    response = upload(client, klass, data)
    assert response.status_code == 422
    text = response.text
    assert "không có kết quả nào được lưu" in text
    assert "Kết quả «Đạt» không hợp lệ" in text and "Ngày «31/02/2026» không hợp lệ" in text
    assert "không có chỗ trong lớp" in text
    assert statuses(db, [a, b, c, d]) == ["accepted", "accepted", "accepted", "nominated"]
    # the row of each error, and the letter of its column
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[cols["Kết quả"] - 1]
    assert f"<td>{letter}</td>" in text
    # the date in the future is checked by the same operation as the form, after the reading
    only_future = fill(
        exported(client, klass),
        {c.person.code: {"Kết quả": "Hoàn thành", "Ngày có kết quả": TODAY + timedelta(days=5)}},
    )
    future = upload(client, klass, only_future)
    assert future.status_code == 422 and "không được sau hôm nay" in future.text


def test_a_correction_from_the_spreadsheet_needs_its_reason(client, users, db, running):
    klass, (a, *_rest) = running
    ops.record_result(a, "completed", YESTERDAY)
    db.session.commit()
    login(client, users.centre_1)
    failed = {"Kết quả": "Không hoàn thành khóa học", "Ngày có kết quả": YESTERDAY}
    refused = upload(client, klass, fill(exported(client, klass), {a.person.code: failed}))
    assert refused.status_code == 422 and "Sửa kết quả đã ghi cần ghi lý do." in refused.text
    done = upload(
        client,
        klass,
        fill(exported(client, klass), {a.person.code: {**failed, "Lý do sửa kết quả": "Bỏ học từ tuần 3"}}),
    )
    assert done.status_code == 200
    db.session.expire_all()
    assert (db.session.get(Enrolment, a.id).status, db.session.get(Enrolment, a.id).result) == (
        "failed",
        "unfinished",
    )
    assert db.session.scalars(select(Qualification).where(Qualification.person_id == a.person_id)).all() == []


def test_not_a_workbook_another_class_or_too_many_rows(client, users, db, running):
    klass, _ = running
    login(client, users.centre_1)
    assert "không phải bảng tính Excel" in upload(client, klass, b"PK\x03\x04 not really").text
    other = Workbook()
    other.active.title = "LOP-KHAC"
    out = io.BytesIO()
    other.save(out)
    assert "Thiếu trang tính" in upload(client, klass, out.getvalue()).text
    book = exported(client, klass)
    book.active.cell(6000, 2).value = "P9999"
    huge = io.BytesIO()
    book.save(huge)
    assert "quá 5000 dòng" in upload(client, klass, huge.getvalue()).text


def test_only_the_centre_of_the_class_uploads_results(client, users, db, running):
    klass, (a, *_rest) = running
    login(client, users.centre_1)
    data = fill(
        exported(client, klass), {a.person.code: {"Kết quả": "Hoàn thành", "Ngày có kết quả": YESTERDAY}}
    )
    for user in (users.head_a, users.centre_2):
        login(client, user)
        response = client.post(
            f"/classes/{klass.id}/results",
            data={"workbook": (io.BytesIO(data), "ket-qua.xlsx")},
            content_type="multipart/form-data",
        )
        assert response.status_code in (403, 404)
    assert statuses(db, [a]) == ["accepted"]
