"""/progress/report broken down by gender or ethnic group: the CLI's figures, per group, on the page
and in the .xlsx (the hand-made province of tests/progress/breakdown_world.py)."""

from __future__ import annotations

import json
from io import BytesIO

import pytest
from openpyxl import load_workbook

from nq05.extensions import db as _db
from tests.progress import breakdown_world as hand
from tests.progress.factories import World
from tests.progress_web.pages import rows, text_of, visible_text, vn_number
from tests.web.fixtures import users  # noqa: F401  (the fixture)
from tests.web.helpers import login

REPORT = "/progress/report?baseline=31/12/2010&as_of=01/03/2014&period=2011-2015"
GROUP_NAMES = {
    "F": "Nữ",
    "M": "Nam",
    "minority": "Dân tộc thiểu số",
    "kinh": "Dân tộc Kinh",
    "unknown": "Chưa rõ",
}


@pytest.fixture()
def province(db, users):  # noqa: F811  (the fixture imported above)
    hand.build(World())
    _db.session.commit()
    return users


def cli_report(runner, by):
    args = ["report", "--baseline", "2010-12-31", "--as-of", "2014-03-01", "--period", "2011-2015"]
    result = runner.invoke(args=[*args, "--by", by, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def change_words(delta) -> str:
    if delta == 0:
        return "không đổi"
    return f"{'tăng' if delta > 0 else 'giảm'} {vn_number(abs(delta))} điểm phần trăm"


def shown_figures(row) -> tuple:
    cells = row["fields"]
    return (
        cells["baseline-share"],
        cells["baseline-count"],
        cells["as_of-share"],
        cells["as_of-count"],
        cells["change"],
    )


def figures_of(figures) -> tuple:
    b, a = figures["baseline"], figures["as_of"]
    return (
        vn_number(b["share"]) + "%",
        f"{b['holders']}/{b['population']} người",
        vn_number(a["share"]) + "%",
        f"{a['holders']}/{a['population']} người",
        change_words(figures["delta_pp"]),
    )


@pytest.mark.parametrize("by", ["gender", "minority"])
def test_each_indicator_has_a_row_per_group_with_the_cli_figures(client, runner, province, by):
    cli = cli_report(runner, by)
    login(client, province.admin)
    page = text_of(client.get(f"{REPORT}&by={by}"))
    indicators = rows(page, "data-indicator")
    assert [shown_figures(r) for r in indicators] == [figures_of(i) for i in cli["indicators"]]
    sub_rows = rows(page, "data-group-of")
    assert [(r["attrs"]["data-group-of"], r["fields"]["group"], shown_figures(r)) for r in sub_rows] == [
        (str(i), GROUP_NAMES[g["group"]], figures_of(g))
        for i, ind in enumerate(cli["indicators"])
        for g in ind["groups"]
    ]
    counts = rows(page, "data-count-group-of")
    assert [(r["fields"]["group"], r["fields"]["achieved"]) for r in counts] == [
        (GROUP_NAMES[g["group"]], str(g["achieved"])) for c in cli["counts"] for g in c["groups"]
    ]
    assert 'selected value="' + by + '"' in page or f'value="{by}" selected' in page


def test_the_page_words_the_groups_the_glossary_s_way(client, province):
    login(client, province.admin)
    page = text_of(client.get(f"{REPORT}&by=minority"))
    first_group = rows(page, "data-group-of")[0]
    assert first_group["text"] == "Dân tộc thiểu số 50% 1/2 người 100% 2/2 người tăng 50 điểm phần trăm"
    phrases = [r["text"] for r in rows(page, "data-count")]
    assert phrases[0] == "2 thạc sĩ, đạt 66,7% (Dân tộc thiểu số: 1 · Dân tộc Kinh: 1 · Chưa rõ: 0)"
    gender = text_of(client.get(f"{REPORT}&by=gender"))
    assert [r["fields"]["group"] for r in rows(gender, "data-group-of")][:2] == ["Nữ", "Nam"]
    assert "Nam 25% 1/4 người 66,7% 2/3 người tăng 41,7 điểm phần trăm" in visible_text(gender)


def test_a_chart_per_category_compares_the_groups_then_and_now(client, province):
    login(client, province.admin)
    page = text_of(client.get(f"{REPORT}&by=gender"))
    charts = [r["attrs"]["data-chart-category"] for r in rows(page, "data-chart-category")]
    assert charts == ["DIST_CIVIL", "", "COMM_CADRE"]
    assert page.count('<svg class="chart shares"') == 3
    # every indicator: a labelled pair of bars for each group, beside the one for everyone
    assert page.count('<g class="pair" data-group="F">') == 4
    assert page.count('<g class="pair" data-group="M">') == 4
    assert page.count('<g class="pair" data-group="">') == 4
    assert "<title>Nam · Hiện tại: 66,7%</title>" in page
    # a group nobody belongs to is drawn as nobody, not as 0% (the commune cadres' unknown group)
    minority = text_of(client.get(f"{REPORT}&by=minority"))
    assert minority.count("<title>Chưa rõ · Hiện tại: không có ai</title>") == 1
    assert "<title>Chưa rõ · Hiện tại: 100%</title>" in minority
    plain = text_of(client.get(REPORT))
    assert "data-group=" not in plain and rows(plain, "data-group-of") == []


def test_the_xlsx_has_a_block_of_columns_per_group(client, runner, province):
    cli = cli_report(runner, "minority")
    login(client, province.admin)
    response = client.get(f"{REPORT.replace('/report?', '/report.xlsx?')}&by=minority")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.data)).active
    values = list(sheet.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(values) if r[0] == "Đối tượng")
    band = values[header - 1]
    assert [band[c] for c in (2, 11, 18, 25)] == ["Tất cả", "Dân tộc thiểu số", "Dân tộc Kinh", "Chưa rõ"]
    assert values[header][11:18] == values[header][2:9]
    for line, ind in zip(values[header + 1 :], cli["indicators"], strict=False):
        blocks = [line[2:9]] + [line[11 + 7 * i : 18 + 7 * i] for i in range(3)]
        assert blocks == [
            (
                f["baseline"]["population"],
                f["baseline"]["holders"],
                f["baseline"]["share"],
                f["as_of"]["population"],
                f["as_of"]["holders"],
                f["as_of"]["share"],
                f["delta_pp"],
            )
            for f in [ind, *ind["groups"]]
        ]
        assert line[9] == change_words(ind["delta_pp"])
    counts = next(i for i, r in enumerate(values) if r[0] == "Trình độ")
    assert values[counts][6:9] == ("Dân tộc thiểu số: đã đạt", "Dân tộc Kinh: đã đạt", "Chưa rõ: đã đạt")
    assert [values[counts + 1 + i][6:9] for i in range(3)] == [
        tuple(g["achieved"] for g in c["groups"]) for c in cli["counts"]
    ]


def test_an_unknown_breakdown_is_explained(client, province):
    login(client, province.admin)
    page = text_of(client.get(f"{REPORT}&by=age"))
    assert rows(page, "data-indicator") == [] and "Chia theo nhóm" in page
    assert client.get(f"{REPORT.replace('/report?', '/report.xlsx?')}&by=age").status_code == 400


def test_in_english(client, province):
    login(client, province.admin)
    client.get("/lang/en")
    page = text_of(client.get(f"{REPORT}&by=minority"))
    assert [r["fields"]["group"] for r in rows(page, "data-group-of")][:3] == [
        "Ethnic minorities",
        "Kinh",
        "Not recorded",
    ]
    assert rows(page, "data-group-of")[0]["fields"]["change"] == "up 50 points"
