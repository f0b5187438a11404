"""/progress/report: the review's table with the figures of ``nq05 report``, in Vietnamese, and .xlsx."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from tests.progress_web.fixtures import ADMIN, CENTRE, HEAD_H1, sign_in
from tests.progress_web.pages import rows, text_of, visible_text, vn_number

REPORT = "/progress/report?baseline=31/12/2010&as_of=01/03/2014&period=2011-2015"


def test_the_table_shows_the_cli_figures(client, mini):
    cli = mini.report()
    page = text_of(sign_in(client, ADMIN).get(REPORT))
    shown = rows(page, "data-indicator")
    assert len(shown) == len(cli["indicators"])
    for row, ind in zip(shown, cli["indicators"], strict=True):
        cells = row["fields"]
        assert cells["baseline-share"] == vn_number(ind["baseline"]["share"]) + "%"
        assert cells["as_of-share"] == vn_number(ind["as_of"]["share"]) + "%"
        assert (
            cells["baseline-count"] == f"{ind['baseline']['holders']}/{ind['baseline']['population']} người"
        )
        assert cells["as_of-count"] == f"{ind['as_of']['holders']}/{ind['as_of']['population']} người"
        target = "—" if ind["target"] is None else vn_number(ind["target"]) + "%"
        assert cells["target"] == target
    counts = rows(page, "data-count-row")
    assert [(c["fields"]["target"], c["fields"]["achieved"], c["fields"]["pct"]) for c in counts] == [
        (vn_number(c["target"]), vn_number(c["achieved"]), vn_number(c["pct"])) for c in cli["counts"]
    ]


def test_changes_and_counts_are_written_the_vietnamese_way(client, mini):
    page = text_of(sign_in(client, ADMIN).get(REPORT))
    changes = [r["fields"]["change"] for r in rows(page, "data-indicator")]
    # PROV_CIVIL 88,9% -> 87,5%: the unrounded shares differ by 1,39 points
    assert changes == ["giảm 1,4 điểm phần trăm", "tăng 16,7 điểm phần trăm", "tăng 76 điểm phần trăm"]
    assert [r["text"] for r in rows(page, "data-count")] == ["1 thạc sĩ, đạt 10%"]
    text = visible_text(page)
    assert "Công chức cấp xã" in text and "Trình độ giáo dục phổ thông từ Trung học phổ thông trở lên" in text
    assert "Ngày gốc 31/12/2010" in text and "Đến 01/03/2014" in text


def test_a_chart_per_category(client, mini):
    cli = mini.report()
    page = text_of(sign_in(client, ADMIN).get(REPORT))
    categories = list(dict.fromkeys(i["category"] or "" for i in cli["indicators"]))
    charts = [r["attrs"]["data-chart-category"] for r in rows(page, "data-chart-category")]
    assert charts == categories
    assert page.count('<svg class="chart shares"') == len(categories)
    assert page.count('class="target-mark"') == 1  # only COMM_CIVIL has a share target


def test_without_a_period_there_are_no_targets(client, mini):
    cli = mini.report(period=None)
    page = text_of(
        sign_in(client, ADMIN).get("/progress/report?baseline=31/12/2010&as_of=01/03/2014&period=")
    )
    assert [r["fields"]["target"] for r in rows(page, "data-indicator")] == ["—"] * len(cli["indicators"])
    assert rows(page, "data-count-row") == []


def test_other_dates(client, mini):
    cli = mini.report(baseline="2012-01-01", as_of="2013-12-31")
    page = text_of(
        sign_in(client, ADMIN).get("/progress/report?baseline=01/01/2012&as_of=31/12/2013&period=2011-2015")
    )
    assert [r["fields"]["as_of-share"] for r in rows(page, "data-indicator")] == [
        vn_number(i["as_of"]["share"]) + "%" for i in cli["indicators"]
    ]


def test_bad_dates_are_explained(client, mini):
    sign_in(client, ADMIN)
    page = text_of(client.get("/progress/report?baseline=2010/31/12&as_of=01/03/2014"))
    assert "Ngày phải viết theo dạng ngày/tháng/năm" in page and rows(page, "data-indicator") == []
    page = text_of(client.get("/progress/report?baseline=01/03/2014&as_of=31/12/2010"))
    assert "Ngày tính đến phải sau ngày gốc." in page


def test_default_report_uses_the_current_period(client, mini):
    page = text_of(sign_in(client, ADMIN).get("/progress/report"))
    assert len(rows(page, "data-indicator")) == 3
    assert 'value="31/12/2010"' in page  # the eve of the only period


def test_xlsx_export_holds_the_same_table(client, mini):
    cli = mini.report()
    response = sign_in(client, ADMIN).get(REPORT.replace("/report?", "/report.xlsx?"))
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(BytesIO(response.data)).active
    values = list(sheet.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(values) if r[0] == "Đối tượng")
    table = values[header + 1 : header + 1 + len(cli["indicators"])]
    for line, ind in zip(table, cli["indicators"], strict=True):
        assert line[2:9] == (
            ind["baseline"]["population"],
            ind["baseline"]["holders"],
            ind["baseline"]["share"],
            ind["as_of"]["population"],
            ind["as_of"]["holders"],
            ind["as_of"]["share"],
            ind["delta_pp"],
        )
        assert line[10] == ind["target"]
    assert [line[9] for line in table] == [
        "giảm 1,4 điểm phần trăm",
        "tăng 16,7 điểm phần trăm",
        "tăng 76 điểm phần trăm",
    ]
    counts = next(i for i, r in enumerate(values) if r[0] == "Trình độ")
    assert values[counts + 1][1:4] == (10, 1, 10.0) and values[counts + 1][5] == "1 thạc sĩ, đạt 10%"


def test_english(client, mini):
    sign_in(client, ADMIN)
    client.get("/lang/en")
    page = text_of(client.get(REPORT))
    assert [r["fields"]["change"] for r in rows(page, "data-indicator")] == [
        "down 1.4 points",
        "up 16.7 points",
        "up 76 points",
    ]
    assert [r["text"] for r in rows(page, "data-count")] == ["1 master's degree, 10% of the target"]
    assert "Baseline Dec 31, 2010" in visible_text(page)


def test_who_may_see_the_report(client, mini):
    assert client.get("/progress/report").status_code == 302
    assert sign_in(client, CENTRE).get(REPORT).status_code == 403
    assert sign_in(client, CENTRE).get(REPORT.replace("/report?", "/report.xlsx?")).status_code == 403
    assert sign_in(client, HEAD_H1).get(REPORT).status_code == 200
