"""/progress/: every count target from plan to result, exactly the figures of ``nq05 gaps``."""

from __future__ import annotations

from tests.progress.web.fixtures import ADMIN, CENTRE, HEAD_H1, HEAD_H2, sign_in
from tests.progress.web.pages import rows, text_of, visible_text, vn_number

FIELDS = ("target", "planned", "named", "nominated", "completed", "gap", "pct")
STATUS_TEXT = {
    "behind": "Chậm tiến độ",
    "on_track": "Đúng tiến độ",
    "met": "Đạt chỉ tiêu",
    "exceeded": "Vượt chỉ tiêu",
}
DASHBOARD = "/progress/?as_of=01/03/2014&period=2011-2015&year=2014"


def gap_rows_on(page_html: str) -> list[dict]:
    return rows(page_html, "data-gap-row")


def expected_cells(cli_row: dict) -> dict:
    return {field: vn_number(cli_row[field]) for field in FIELDS}


def test_admin_sees_every_target_with_the_cli_figures(client, mini):
    cli = mini.gaps()
    page = text_of(sign_in(client, ADMIN).get(DASHBOARD))
    shown = gap_rows_on(page)
    assert [(r["attrs"]["data-track"], r["attrs"]["data-level"], r["attrs"]["data-unit"]) for r in shown] == [
        (row["track"], row["level"], row["unit"] or "") for row in cli["rows"]
    ]
    for row, cli_row in zip(shown, cli["rows"], strict=True):
        assert {f: row["fields"][f] for f in FIELDS} == expected_cells(cli_row)
        assert row["fields"]["status"] == STATUS_TEXT[cli_row["status"]]
    # the funnel of each target, drawn as SVG in the page (no script)
    assert page.count('<svg class="chart funnel"') == len(cli["rows"])
    assert "16,7" in page and "<script>" not in page


def test_figures_follow_the_as_of_date(client, mini):
    cli = mini.gaps(as_of="2012-06-30")
    page = text_of(sign_in(client, ADMIN).get("/progress/?as_of=30/06/2012&period=2011-2015"))
    for row, cli_row in zip(gap_rows_on(page), cli["rows"], strict=True):
        assert {f: row["fields"][f] for f in FIELDS} == expected_cells(cli_row)
    assert 'value="30/06/2012"' in page


def test_unit_and_category_filters(client, mini):
    sign_in(client, ADMIN)
    only_h1 = gap_rows_on(text_of(client.get(DASHBOARD + "&unit=H1")))
    assert [r["attrs"]["data-unit"] for r in only_h1] == ["H1"]
    assert gap_rows_on(text_of(client.get(DASHBOARD + "&category=COMM_CIVIL"))) == []
    page = text_of(client.get(DASHBOARD + "&category=COMM_CIVIL"))
    assert "Không có chỉ tiêu số lượng nào phù hợp với bộ lọc." in page
    assert client.get(DASHBOARD + "&unit=NOPE").status_code == 404


def test_findings_summary_counts_by_severity(client, mini):
    cli = mini.realism()
    page = text_of(sign_in(client, ADMIN).get(DASHBOARD))
    summary = {r["attrs"]["data-severity"]: r["text"] for r in rows(page, "data-severity")}
    errors = sum(1 for f in cli["findings"] if f["severity"] == "error")
    warnings = sum(1 for f in cli["findings"] if f["severity"] == "warning")
    assert summary["error"].startswith(str(errors)) and summary["warning"].startswith(str(warnings))
    assert "/progress/findings?" in page


def test_unit_head_sees_their_units_and_the_province_rows(client, mini):
    page = text_of(sign_in(client, HEAD_H1).get(DASHBOARD))
    assert [r["attrs"]["data-unit"] for r in gap_rows_on(page)] == ["", "H1"]
    page = text_of(sign_in(client, HEAD_H2).get(DASHBOARD))
    assert [r["attrs"]["data-unit"] for r in gap_rows_on(page)] == [""]
    # their findings only: H2 has no plan in force (MISSING_PLAN), nothing else
    summary = {r["attrs"]["data-severity"]: r["text"] for r in rows(page, "data-severity")}
    assert summary["error"].startswith("1") and summary["warning"].startswith("0")
    assert [r["attrs"]["data-rule"] for r in rows(page, "data-rule")] == ["MISSING_PLAN"]
    # another unit's quota is not theirs to see, even when asked for by code
    assert client.get(DASHBOARD + "&unit=H1").status_code == 404


def test_who_may_open_the_dashboard(client, mini):
    assert client.get("/progress/").status_code == 302  # to the sign-in page
    assert sign_in(client, CENTRE).get("/progress/").status_code == 403
    assert sign_in(client, HEAD_H1).get("/progress/").status_code == 200


def test_says_when_the_figures_were_computed(client, mini):
    page = visible_text(text_of(sign_in(client, ADMIN).get(DASHBOARD)))
    assert "số liệu vừa được tính trực tiếp lúc" in page or "Số liệu tính lúc" in page


def test_english_numbers(client, mini):
    sign_in(client, ADMIN)
    client.get("/lang/en")
    page = text_of(client.get(DASHBOARD))
    h1 = next(r for r in gap_rows_on(page) if r["attrs"]["data-unit"] == "H1")
    assert h1["fields"]["pct"] == "16.7"


def test_home_dashboard_panel(client, mini):
    page = text_of(sign_in(client, ADMIN).get("/"))
    assert "/progress/findings?" in page and "/progress/" in page
    assert sign_in(client, CENTRE).get("/").status_code == 200


def test_odd_parameters_are_refused_politely(client, mini):
    sign_in(client, ADMIN)
    for query in (
        "as_of=31/02/2014",
        "as_of=01/01/99999",
        "as_of=01/01/0001",
        "year=99999",
        "year=abc",
        "period=NOPE",
    ):
        response = client.get("/progress/?" + query)
        assert response.status_code in (200, 404), query
    page = text_of(client.get("/progress/?as_of=31/02/2014"))
    assert "Ngày phải viết theo dạng ngày/tháng/năm" in page
    for query in ("year=99999", "as_of=01/01/99999", "severity=nope&rule=nope"):
        assert client.get("/progress/findings?" + query).status_code == 200, query
    assert client.get("/progress/report?baseline=01/01/0001&as_of=01/01/2014").status_code == 200
