"""The readable tables of ``nq05 report`` and ``nq05 gaps`` (without --json) say names and words:
no 'pro ≥ bachelor', no 'Còn thiếu -82', a change of shares in percentage points."""

from __future__ import annotations

import json

from tests.progress.web.fixtures import mini  # noqa: F401  (the fixture)
from tests.progress.web.pages import text_of, visible_text
from tests.web.fixtures import users  # noqa: F401  (the fixture)
from tests.web.helpers import login

REPORT = ["report", "--baseline", "2010-12-31", "--as-of", "2014-03-01", "--period", "2011-2015"]


def test_the_report_table_names_indicators_and_says_the_change_in_points(mini, runner):  # noqa: F811
    out = runner.invoke(args=REPORT, env={"NQ05_LOCALE": "vi"}).stdout
    assert "Trình độ chuyên môn từ Đại học trở lên" in out and "pro ≥ bachelor" not in out
    assert "Công chức cấp xã" in out and "COMM_CIVIL" not in out
    assert "giảm 1,4 điểm phần trăm" in out and "tăng 16,7 điểm phần trăm" in out
    assert "Đã học xong: Học tập, quán triệt Nghị quyết 05" in out and "NQ05_STUDY" not in out
    assert "Thạc sĩ (Chuyên môn)" in out and "pro:master" not in out
    english = runner.invoke(args=REPORT, env={"NQ05_LOCALE": "en"}).stdout
    assert "down 1.4 points" in english and "pro ≥ bachelor" not in english


def exceed_the_province_target(world):
    g = world.programme("MASTER", "pro", "master", kind="degree", duration=24)
    period = world.period()
    world.target(period, "pro", "master", 1)
    u = world.unit("U")
    c = world.training_class("M12", g, 2012, "2012-09-01", "2014-08-31", capacity=5)
    for code in ("A", "B", "C"):
        world.enrol(world.person(code, u), c, "completed", completed_on="2014-08-31")


def test_an_exceeded_target_is_exceeded_not_missing_minus(world, db, runner, client, users):  # noqa: F811
    exceed_the_province_target(world)
    db.session.commit()
    data = json.loads(
        runner.invoke(args=["gaps", "--period", "2011-2015", "--as-of", "2014-12-31", "--json"]).stdout
    )
    assert data["rows"][0]["gap"] == -2  # the JSON keeps the figure
    out = runner.invoke(
        args=["gaps", "--period", "2011-2015", "--as-of", "2014-12-31"], env={"NQ05_LOCALE": "vi"}
    )
    assert "vượt 2" in out.stdout and " -2 " not in out.stdout
    assert "Toàn tỉnh" in out.stdout and "Thạc sĩ (Chuyên môn)" in out.stdout
    login(client, users.admin)
    page = visible_text(text_of(client.get("/progress/?as_of=31/12/2014&period=2011-2015")))
    assert "Vượt chỉ tiêu 2" in page and "vượt 2" in page and " -2 " not in page


def test_the_dashboard_names_the_unit_of_a_target(mini, client):  # noqa: F811
    from tests.progress.web.fixtures import ADMIN, sign_in

    page = text_of(sign_in(client, ADMIN).get("/progress/?as_of=01/03/2014&period=2011-2015"))
    row = page[page.index('data-gap-row data-track="pol"') :].split("</tr>", 1)[0]
    assert "Huyện Tam Đường" in visible_text(row) and ">H1<" not in row
