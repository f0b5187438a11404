"""/progress/findings: the findings of ``nq05 realism`` across units, filtered, linked to plans."""

from __future__ import annotations

from sqlalchemy import select

from tests.progress.web.fixtures import ADMIN, CENTRE, HEAD_H1, HEAD_H2, HEAD_X1, sign_in
from tests.progress.web.pages import rows, text_of, visible_text

FINDINGS = "/progress/findings?year=2014&as_of=01/03/2014"


def shown(page_html: str) -> list[tuple]:
    return [
        (
            r["attrs"]["data-code"],
            r["attrs"]["data-unit"],
            r["attrs"]["data-programme"],
            r["attrs"]["data-person"],
        )
        for r in rows(page_html, "data-finding")
    ]


def keys(findings: list[dict]) -> list[tuple]:
    return [(f["code"], f["unit"], f["programme"] or "", f["person"] or "") for f in findings]


def test_admin_sees_the_cli_findings_in_its_order_with_its_messages(client, mini):
    cli = mini.realism()
    page = text_of(sign_in(client, ADMIN).get(FINDINGS))
    assert shown(page) == keys(cli["findings"])
    # the message names the numbers (the engine's wording, in Vietnamese)
    assert "cần 8 chỗ học Trung cấp lý luận chính trị nhưng các lớp năm 2014 chỉ có 4 chỗ" in page
    assert "POL_INT" not in visible_text(page)  # the programme's name, not its code


def test_filters_by_severity_rule_and_unit(client, mini):
    cli = mini.realism()["findings"]
    sign_in(client, ADMIN)
    errors = shown(text_of(client.get(FINDINGS + "&severity=error")))
    assert errors == keys([f for f in cli if f["severity"] == "error"]) and errors
    capacity = shown(text_of(client.get(FINDINGS + "&rule=OVER_CAPACITY")))
    assert capacity == keys([f for f in cli if f["code"] == "OVER_CAPACITY"]) and len(capacity) == 3
    snv = shown(text_of(client.get(FINDINGS + "&unit=SNV")))
    assert snv == keys([f for f in cli if f["unit"] == "SNV"]) and len(snv) == 3
    both = shown(text_of(client.get(FINDINGS + "&unit=SNV&severity=warning")))
    assert [k[0] for k in both] == ["OVER_CAPACITY", "STALE_PLAN"]


def test_each_finding_links_to_the_plan_in_force(client, mini, db):
    from nq05.plans.models import Plan
    from nq05.staff.models import Unit

    plan_of = dict(
        db.session.execute(
            select(Unit.code, Plan.id).join(Plan, Plan.unit_id == Unit.id).where(Plan.year == 2014)
        ).all()
    )
    page = text_of(sign_in(client, ADMIN).get(FINDINGS))
    for row in rows(page, "data-finding"):
        unit = row["attrs"]["data-unit"]
        if unit == "H2":  # MISSING_PLAN: no plan to link to
            assert "Chưa có kế hoạch" in row["text"]
        else:
            assert f'href="/plans/{plan_of[unit]}"' in page
    assert client.get(f"/plans/{plan_of['SNV']}").status_code == 200


def test_unit_heads_see_their_units_findings_only(client, mini):
    cli = mini.realism()["findings"]
    page = text_of(sign_in(client, HEAD_H1).get(FINDINGS))
    assert shown(page) == keys([f for f in cli if f["unit"] in ("H1", "X1")])  # X1 is a commune of H1
    assert client.get(FINDINGS + "&unit=SNV").status_code == 404
    assert shown(text_of(sign_in(client, HEAD_X1).get(FINDINGS))) == keys(
        [f for f in cli if f["unit"] == "X1"]
    )
    assert shown(text_of(sign_in(client, HEAD_H2).get(FINDINGS))) == keys(
        [f for f in cli if f["unit"] == "H2"]
    )
    assert sign_in(client, CENTRE).get(FINDINGS).status_code == 403


def test_english_messages(client, mini):
    sign_in(client, ADMIN)
    client.get("/lang/en")
    page = text_of(client.get(FINDINGS + "&rule=OVER_CAPACITY"))
    assert "need 8 seats in Trung cấp lý luận chính trị but the 2014 classes have only 4 (4 short)" in page


def test_long_lists_are_paged(client, mini, monkeypatch):
    from nq05.progress.web import dashboard_views

    monkeypatch.setattr(dashboard_views, "FINDINGS_PER_PAGE", 4)
    cli = keys(mini.realism()["findings"])
    sign_in(client, ADMIN)
    first = text_of(client.get(FINDINGS))
    assert shown(first) == cli[:4] and "Trang 1 / 3" in first and "9 phát hiện" in first
    assert shown(text_of(client.get(FINDINGS + "&page=3"))) == cli[8:]
