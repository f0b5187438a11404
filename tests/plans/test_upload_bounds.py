"""A plan upload is bounded: the request's size (a Vietnamese 413 page), the workbook's inflated
size and its rows; each refusal is named on the page, and nothing is saved."""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook

from nq05.plans import operations as ops
from nq05.plans.models import Plan
from nq05.plans.spreadsheet import NAMES_SHEET, export_plan
from tests.plans.pages import make_world, text_of
from tests.web.fixtures import users  # noqa: F401  (the fixture)
from tests.web.helpers import login

YEAR = 2016


def _draft(db, users):  # noqa: F811
    world = make_world(db, users)
    plan = ops.start_plan(world.ha, YEAR, users.head_a)
    ops.add_line(plan, ops.LineValues(world.master.id, None, 1), users.head_a, None)
    db.session.commit()
    return plan


def _upload(client, plan, data: bytes):
    return client.post(
        f"/plans/{plan.id}/upload",
        data={"workbook": (io.BytesIO(data), "ke-hoach.xlsx"), "lock_version": plan.lock_version},
        content_type="multipart/form-data",
    )


def _lines(db, plan) -> list[int]:
    db.session.expire_all()
    return [line.planned_count for line in db.session.get(Plan, plan.id).lines]


def test_a_request_over_20_mb_gets_a_vietnamese_413(client, db, users):  # noqa: F811
    plan = _draft(db, users)
    login(client, users.head_a)

    response = _upload(client, plan, b"PK" + b"\0" * (21 * 1024 * 1024))

    assert response.status_code == 413
    page = text_of(response)
    assert "Tệp quá lớn" in page and "lớn hơn 20 MB" in page
    assert _lines(db, plan) == [1]


def test_a_workbook_that_inflates_past_8_mb_is_refused(client, db, users):  # noqa: F811
    plan = _draft(db, users)
    login(client, users.head_a)
    data = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(export_plan(plan))) as source,
        zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            out.writestr(item, source.read(item.filename))
        out.writestr("xl/media/image1.png", b"\0" * (9 * 1024 * 1024))  # 9 MB, ~9 KB compressed

    response = _upload(client, plan, data.getvalue())

    assert response.status_code == 422
    assert "Tệp quá lớn khi giải nén (quá 8 MB một phần)." in text_of(response)


def test_a_sheet_longer_than_a_plan_can_be_is_refused_at_its_row(client, db, users):  # noqa: F811
    plan = _draft(db, users)
    login(client, users.head_a)
    book = load_workbook(io.BytesIO(export_plan(plan)))
    book[NAMES_SHEET].cell(row=10_500, column=3, value="A01")
    data = io.BytesIO()
    book.save(data)

    response = _upload(client, plan, data.getvalue())

    assert response.status_code == 422
    page = text_of(response)
    assert "Trang tính có quá 10000 dòng." in page and "10500" in page
