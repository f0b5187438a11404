"""/progress/units/<id>: one unit's report and funnel, the figures of ``nq05 report --unit``, and
who may open which unit's (worked example: TINH > SNV, H1 > X1, H2)."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from nq05.staff.models import Assignment, Person, Unit
from tests.progress.web.fixtures import ADMIN, AS_OF, CENTRE, HEAD_H1, HEAD_H2, HEAD_X1, sign_in
from tests.progress.web.pages import rows, text_of, visible_text, vn_number

QUERY = "?period=2011-2015&as_of=01/03/2014"


def _ids(db) -> dict[str, int]:
    return dict(db.session.execute(select(Unit.code, Unit.id)).all())


def test_a_unit_head_sees_their_units_report_and_funnel_with_the_cli_figures(client, mini, db):
    ids = _ids(db)
    sign_in(client, HEAD_H1)
    response = client.get("/progress/units/")
    assert response.status_code == 302 and response.location.endswith(f"/progress/units/{ids['H1']}")
    page = text_of(client.get(f"/progress/units/{ids['H1']}{QUERY}"))
    text = visible_text(page)
    assert "Tiến độ: Huyện Tam Đường" in text
    assert "đơn vị và 1 đơn vị trực thuộc, đến ngày 01/03/2014" in text
    cli = mini.cli_json(
        "report", "--baseline", "2010-12-31", "--as-of", AS_OF, "--period", "2011-2015", "--unit", "H1"
    )
    shown = rows(page, "data-gap-row")
    assert len(shown) == len(cli["gaps"]["rows"]) == 2
    for row, expected in zip(shown, cli["gaps"]["rows"], strict=True):
        assert row["fields"]["target"] == vn_number(expected["target"])
        assert row["fields"]["pct"] == vn_number(expected["pct"]) + "%"
        assert ("gap" in row["fields"]) == (expected["gap"] is not None)
    quota = next(r for r in shown if "Chỉ tiêu của Huyện Tam Đường" in r["text"])
    assert quota["fields"]["gap"] == vn_number(
        next(r for r in cli["gaps"]["rows"] if r["unit"] == "H1")["gap"]
    )
    assert "Phần của đơn vị trong chỉ tiêu toàn tỉnh" in text
    populated = [i for i in cli["indicators"] if i["as_of"]["population"] or i["baseline"]["population"]]
    assert len(rows(page, "data-indicator")) == len(populated) > 0
    # a sub-unit's page is theirs too, and links back up
    sub = visible_text(text_of(client.get(f"/progress/units/{ids['X1']}")))
    assert "Tiến độ: Xã Bình Lư" in sub and "Đơn vị cấp trên: Huyện Tam Đường" in sub


def test_nobody_sees_another_units_progress(client, mini, db):
    ids = _ids(db)
    sign_in(client, HEAD_H1)
    for code in ("H2", "SNV", "TINH"):
        assert client.get(f"/progress/units/{ids[code]}").status_code == 404, code
    sign_in(client, HEAD_H2)
    assert client.get(f"/progress/units/{ids['H1']}").status_code == 404
    sign_in(client, HEAD_X1)  # a commune's head: not its district's
    assert client.get(f"/progress/units/{ids['H1']}").status_code == 404
    page = visible_text(text_of(client.get(f"/progress/units/{ids['X1']}")))
    assert "Đơn vị cấp trên" not in page
    sign_in(client, CENTRE)
    assert client.get("/progress/units/").status_code == 403
    assert client.get(f"/progress/units/{ids['X1']}").status_code == 403


def test_the_admin_picks_any_unit(client, mini, db):
    ids = _ids(db)
    sign_in(client, ADMIN)
    page = visible_text(text_of(client.get("/progress/units/")))
    assert "Sở Nội vụ" in page and "Huyện Phong Thổ" in page
    response = client.get(f"/progress/units/?unit={ids['H2']}")
    assert response.status_code == 302 and response.location.endswith(f"/progress/units/{ids['H2']}")
    assert "Tiến độ: Huyện Phong Thổ" in visible_text(text_of(client.get(response.location)))
    assert client.get("/progress/units/?unit=999999").status_code == 404
    assert client.get("/progress/units/999999").status_code == 404
    province = visible_text(text_of(client.get(f"/progress/units/{ids['TINH']}{QUERY}")))
    assert "đơn vị và 4 đơn vị trực thuộc" in province


@pytest.mark.parametrize("by", ["", "&by=gender", "&by=minority"])
def test_the_page_costs_the_same_statements_for_a_commune_a_district_and_the_province(client, mini, db, by):
    ids = _ids(db)
    sign_in(client, ADMIN)
    client.get(f"/progress/units/{ids['X1']}{QUERY}{by}")  # the first request loads what every page does
    costs = {}
    for code in ("X1", "H1", "TINH"):
        statements = []

        def count(conn, cursor, statement, *args, seen=statements):
            seen.append(statement)

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get(f"/progress/units/{ids[code]}{QUERY}{by}").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        costs[code] = len(statements)
    # set-based: no statement per unit, per person or per group, however many the unit holds (the
    # province has no parent unit to look up)
    assert costs["X1"] == costs["H1"] == costs["TINH"] + 1 < 30, costs


def test_the_home_dashboard_links_to_the_units_progress(client, mini, db):
    ids = _ids(db)
    sign_in(client, HEAD_H1)
    page = text_of(client.get("/"))
    assert f'href="/progress/units/{ids["H1"]}"' in page
    assert "Huyện Tam Đường và các đơn vị trực thuộc" in visible_text(page)
    assert "Tiến độ: Huyện Tam Đường" in visible_text(text_of(client.get(f"/progress/units/{ids['H1']}")))
    # a commune's head: their own commune's, not their district's
    sign_in(client, HEAD_X1)
    page = text_of(client.get("/"))
    assert f'href="/progress/units/{ids["X1"]}"' in page and f'href="/progress/units/{ids["H1"]}"' not in page
    # the admin has no unit of their own: the province, and the page that picks a unit
    sign_in(client, ADMIN)
    page = text_of(client.get("/"))
    panel = page[page.index("Tiến độ thực hiện chỉ tiêu</h2>") :]
    assert 'href="/progress/units/">Từng đơn vị và các đơn vị trực thuộc</a>' in panel
    assert 'href="/progress/">Toàn tỉnh</a>' in panel
    # centre staff have no progress pages, and no link to them
    sign_in(client, CENTRE)
    assert "/progress/units/" not in text_of(client.get("/"))


# --- by gender, by ethnic group (issue 16): as on the province's report page ------------------------

from tests.progress.web.test_report_breakdowns import GROUP_NAMES, figures_of, shown_figures  # noqa: E402


def _mixed_h1(db) -> None:
    """The worked example's people are all Thái men: make H1's a woman, a Kinh and one not recorded."""
    people = db.session.scalars(
        select(Person).join(Assignment).join(Unit).where(Unit.code == "H1").order_by(Person.code)
    ).all()
    people[0].gender, people[0].ethnicity = "F", "Kinh"
    people[1].gender = "F"
    people[2].ethnicity = None
    db.session.commit()


@pytest.mark.parametrize("by", ["gender", "minority"])
def test_a_units_report_has_a_row_per_group_with_the_cli_figures(client, mini, db, by):
    ids = _ids(db)
    _mixed_h1(db)
    sign_in(client, HEAD_H1)
    page = text_of(client.get(f"/progress/units/{ids['H1']}{QUERY}&by={by}"))
    cli = mini.cli_json(
        "report",
        "--baseline",
        "2010-12-31",
        "--as-of",
        AS_OF,
        "--period",
        "2011-2015",
        "--unit",
        "H1",
        "--by",
        by,
    )
    shown = rows(page, "data-indicator")
    populated = {
        i: ind
        for i, ind in enumerate(cli["indicators"])
        if ind["as_of"]["population"] or ind["baseline"]["population"]
    }
    assert [r["attrs"]["data-indicator"] for r in shown] == [str(i) for i in populated]
    assert [shown_figures(r) for r in shown] == [figures_of(ind) for ind in populated.values()]
    sub_rows = rows(page, "data-group-of")
    assert [(r["attrs"]["data-group-of"], r["fields"]["group"], shown_figures(r)) for r in sub_rows] == [
        (str(i), GROUP_NAMES[g["group"]], figures_of(g))
        for i, ind in populated.items()
        for g in ind["groups"]
    ]
    # every group has someone somewhere (the figures are not all of one group)
    for group in cli["indicators"][0]["groups"]:
        assert any(
            g["as_of"]["population"]
            for ind in populated.values()
            for g in ind["groups"]
            if g["group"] == group["group"]
        ), group["group"]
    assert f'value="{by}" selected' in page or f'selected value="{by}"' in page
    # the period and the date are kept beside the breakdown: the filter form carries all three
    plain = text_of(client.get(f"/progress/units/{ids['H1']}{QUERY}"))
    assert rows(plain, "data-group-of") == [] and len(rows(plain, "data-indicator")) == len(shown)


def test_the_units_groups_are_worded_and_an_unknown_breakdown_is_refused(client, mini, db):
    ids = _ids(db)
    _mixed_h1(db)
    sign_in(client, HEAD_H1)
    page = text_of(client.get(f"/progress/units/{ids['H1']}{QUERY}&by=minority"))
    groups = [r["fields"]["group"] for r in rows(page, "data-group-of")]
    assert groups[:3] == ["Dân tộc thiểu số", "Dân tộc Kinh", "Chưa rõ"]
    assert "số người của các nhóm cộng lại bằng số người của chỉ số" in visible_text(page)
    odd = text_of(client.get(f"/progress/units/{ids['H1']}{QUERY}&by=age"))
    assert rows(odd, "data-group-of") == [] and rows(odd, "data-indicator")  # the plain report, and why
    assert '<p class="error" id="by-error">Lựa chọn không hợp lệ.</p>' in odd
