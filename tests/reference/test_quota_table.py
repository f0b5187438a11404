"""The quota table of a period: units down, levels across, one form saving the whole grid or
nothing, totals against the province's target and a warning when they differ."""

from __future__ import annotations

import html

from sqlalchemy import select

from nq05.audit.models import AuditEntry
from nq05.notify.models import RecomputeRequest
from nq05.reference.models import Target
from tests import factories as f
from tests.progress.web.pages import rows
from tests.web.helpers import login


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def quotas(db) -> dict:
    found = db.session.execute(
        select(Target.unit_id, Target.track, Target.level, Target.value).where(Target.unit_id.is_not(None))
    ).all()
    return {(u, t, lv): v for u, t, lv, v in found}


def world(db, users):
    period = f.period()
    f.target(period, "pro", "master", 10)
    f.target(period, "pro", "master", 6, unit=users.units["HA"])
    f.target(period, "pol", "intermediate", 12, unit=users.units["HB"])
    # a category's target is not a unit quota of the table
    f.target(period, "pro", "bachelor", 4, category="COMM_CIVIL", unit=users.units["XA1"])
    db.session.commit()
    db.session.execute(RecomputeRequest.__table__.delete())
    db.session.commit()
    return period


def cell(unit, track, level):
    return f"q-{unit.id}-{track}-{level}"


def test_the_table_shows_the_quotas_totals_and_the_warnings(client, db, users):
    period = world(db, users)
    login(client, users.admin)
    page = text(client.get(f"/admin/periods/{period.id}/quotas"))
    # units down in the tree's order, the levels of the period's count targets across
    assert [r["attrs"]["data-unit"] for r in rows(page, "data-unit")] == ["P00", "HA", "XA1", "HB", "XB1"]
    assert 'data-column="pol:intermediate"' in page and 'data-column="pro:master"' in page
    assert 'data-column="pro:bachelor"' not in page
    assert (
        f'name="{cell(users.units["HA"], "pro", "master")}" id="{cell(users.units["HA"], "pro", "master")}" value="6"'
        in page
    )
    assert "Thạc sĩ: tổng chỉ tiêu của các đơn vị là 6, chưa bằng chỉ tiêu của tỉnh 10 (còn thiếu 4)." in page
    assert "Trung cấp: chưa có chỉ tiêu số người của tỉnh để đối chiếu." in page


def test_the_admin_saves_the_grid_and_the_warning_goes(client, db, users):
    period = world(db, users)
    ha, hb, xa1 = users.units["HA"], users.units["HB"], users.units["XA1"]
    login(client, users.admin)
    data = {
        "column": ["pro:master", "pol:intermediate"],
        cell(ha, "pro", "master"): "6",
        cell(xa1, "pro", "master"): "4",
        cell(hb, "pol", "intermediate"): "",  # cleared: HB's quota goes
        cell(ha, "pol", "intermediate"): "7,5",
    }
    response = client.post(f"/admin/periods/{period.id}/quotas", data=data, follow_redirects=True)
    page = text(response)
    assert "Đã lưu 3 thay đổi." in page
    assert quotas(db) == {
        (ha.id, "pro", "master"): 6.0,
        (xa1.id, "pro", "master"): 4.0,
        (ha.id, "pol", "intermediate"): 7.5,
        (xa1.id, "pro", "bachelor"): 4.0,  # the category's target is untouched
    }
    assert "chưa bằng chỉ tiêu của tỉnh" not in page
    foot = {r["attrs"]["data-row"]: r["fields"] for r in rows(page, "data-row")}
    assert foot["total"] == {"pro:master": "10", "pol:intermediate": "7,5"}
    assert foot["province"] == {"pro:master": "10", "pol:intermediate": "—"}
    actions = sorted(db.session.scalars(select(AuditEntry.action)))
    assert actions == ["target.create", "target.create", "target.delete"]
    # only the units whose quotas changed are recomputed
    assert set(db.session.scalars(select(RecomputeRequest.unit_code))) == {"HA", "XA1", "HB"}


def test_one_bad_cell_saves_nothing_and_keeps_what_was_typed(client, db, users):
    period = world(db, users)
    ha, hb, xa1 = users.units["HA"], users.units["HB"], users.units["XA1"]
    login(client, users.admin)
    before = quotas(db)
    data = {
        "column": ["pro:master", "pol:intermediate"],
        cell(ha, "pro", "master"): "9",
        cell(xa1, "pro", "master"): "bốn",
        cell(hb, "pol", "intermediate"): "-2",
    }
    response = client.post(f"/admin/periods/{period.id}/quotas", data=data)
    page = text(response)
    assert response.status_code == 200
    assert "Chưa lưu gì: vui lòng sửa các ô có lỗi (2 ô)." in page
    assert "Cần nhập một số (phần thập phân sau dấu phẩy, ví dụ 13,5)." in page
    assert "Giá trị không được âm." in page
    assert 'value="bốn"' in page and 'value="9"' in page
    assert quotas(db) == before
    assert db.session.scalars(select(AuditEntry)).all() == []


def test_a_column_is_added_for_a_level_without_targets(client, db, users):
    period = world(db, users)
    login(client, users.admin)
    page = text(client.get(f"/admin/periods/{period.id}/quotas?column=pro:master&add=sm:specialist"))
    assert 'data-column="sm:specialist"' in page
    hb = users.units["HB"]
    data = {"column": ["pro:master", "sm:specialist"], cell(hb, "sm", "specialist"): "3"}
    client.post(f"/admin/periods/{period.id}/quotas", data=data)
    assert quotas(db)[(hb.id, "sm", "specialist")] == 3.0


def _statements_of_a_one_cell_change(client, db, users, communes: int) -> int:
    from sqlalchemy import event

    period = f.period(f"P{communes}", f"{2000 + communes}-01-01", f"{2000 + communes}-12-31")
    for n in range(communes):
        f.unit(f"XM{communes}_{n}", f"Xã Mới {n}", level="commune", parent=users.units["HA"])
    db.session.flush()
    table = db.metadata.tables["units"]
    unit_ids = list(db.session.scalars(select(table.c.id).order_by(table.c.id)))
    data = {"column": ["pro:master", "pol:intermediate"]}
    for unit_id in unit_ids:
        db.session.add(
            Target(period_id=period.id, kind="count", track="pro", level="master", unit_id=unit_id, value=2)
        )
        data[f"q-{unit_id}-pro-master"] = "2"
        data[f"q-{unit_id}-pol-intermediate"] = ""
    db.session.commit()
    data[f"q-{unit_ids[-1]}-pro-master"] = "3"
    statements = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        response = client.post(f"/admin/periods/{period.id}/quotas", data=data)
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
    assert response.status_code == 302
    assert "Đã lưu 1 thay đổi." in text(client.get(response.location))
    return len(statements)


def test_saving_the_grid_costs_what_changed_not_the_number_of_units(client, db, users):
    """The table is read with a query per kind of row, and only the changed cells are written."""
    login(client, users.admin)
    few = _statements_of_a_one_cell_change(client, db, users, 2)
    many = _statements_of_a_one_cell_change(client, db, users, 60)
    assert many == few, (few, many)
