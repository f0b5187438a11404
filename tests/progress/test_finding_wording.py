"""Each of the ten findings as a unit head reads it: names instead of codes, percentages, whole
people, the numbers behind a reason, one next step; on the plan page, the findings page and in
``nq05 realism`` without --json (docs/realism-rules.md, "Wording")."""

from __future__ import annotations

import json

import pytest

from nq05.progress.realism import evaluate
from nq05.progress.store import recompute
from tests.factories import World, d
from tests.progress.web.pages import text_of, visible_text
from tests.web.fixtures import users  # noqa: F401  (the fixture)
from tests.web.helpers import login

AS_OF = "2014-03-01"


@pytest.fixture()
def world(db, users):  # noqa: F811
    w = World()
    w.users = users
    w.unit_a = users.units["HA"]
    return w


def person(world, code, name, **kw):
    p = world.person(code, world.unit_a, **kw)
    p.full_name = name
    return p


def programme(world, code, name, *args, **kw):
    g = world.programme(code, *args, **kw)
    g.name = name
    return g


def master(world):
    return programme(
        world,
        "MASTER_PA",
        "Thạc sĩ Quản lý công",
        "pro",
        "master",
        duration=24,
        max_age=40,
        service=5,
        pol="intermediate",
    )


def pol_int(world):
    return programme(world, "POL_INT", "Trung cấp lý luận chính trị", "pol", "intermediate", duration=8)


def missing_plan(world):
    person(world, "P1", "Nguyễn Văn An")
    return None, [
        "Huyện An Hòa chưa trình kế hoạch đào tạo, bồi dưỡng năm 2014: hạn trình là 30/11/2013, đã quá hạn 91 ngày",
        "Lập (hoặc hoàn thiện dự thảo) và trình kế hoạch năm 2014 ngay",
    ]


def over_pool(world):
    g = master(world)
    world.training_class("M14", g, 2014, "2014-09-01", "2016-08-31", capacity=50)
    person(world, "P1", "Nguyễn Văn An", quals=(("pro", "bachelor", None), ("pol", "intermediate", None)))
    plan = world.plan(world.unit_a, 2014, lines=[(g, 3, [], "DIST_CIVIL")])
    return plan, [
        "Kế hoạch cử 3 người đi học Thạc sĩ Quản lý công (đối tượng: công chức cơ quan Đảng, chính quyền, "
        "MTTQ và các đoàn thể cấp huyện) nhưng đơn vị chỉ có 1 người đủ điều kiện, tính đến ngày 01/01/2014",
        "Giảm số người của dòng này xuống 1 (bớt 2 người)",
    ]


def ineligible_nominee(world):
    g = master(world)
    world.training_class("M14", g, 2014, "2014-09-01", "2016-08-31", capacity=50)
    dung = person(world, "P1", "Lò Văn Dũng", born="1966-06-01", start="2011-06-01")
    plan = world.plan(world.unit_a, 2014, lines=[(g, 1, [dung])])
    return plan, [
        "Lò Văn Dũng không đủ điều kiện học Thạc sĩ Quản lý công: chưa có trung cấp lý luận chính trị; "
        "47 tuổi, tối đa 40; có 2 năm công tác, cần 5",
        "Bỏ tên Lò Văn Dũng khỏi dòng này và chọn người khác đủ điều kiện",
    ]


def over_capacity_no_class_yet(world):
    g = pol_int(world)
    world.training_class("P15", g, 2015, "2015-03-01", "2015-10-31", capacity=40)
    plan = world.plan(world.unit_a, 2014, lines=[(g, 2, [])])
    return plan, [
        "Các kế hoạch năm 2014 cần 2 chỗ học Trung cấp lý luận chính trị nhưng chưa có lớp nào năm 2014",
        "Chưa cần sửa dòng này: theo dõi thông báo chiêu sinh các lớp năm 2014 và cử người ngay khi có lớp",
    ]


def over_capacity(world):
    g = pol_int(world)
    world.training_class("P14", g, 2014, "2014-09-01", "2015-04-30", capacity=1)
    plan = world.plan(world.unit_a, 2014, lines=[(g, 3, [])])
    return plan, [
        "Các kế hoạch năm 2014 cần 3 chỗ học Trung cấp lý luận chính trị nhưng các lớp năm 2014 chỉ có 1 chỗ "
        "(thiếu 2 chỗ); đơn vị dự kiến cử 3 người",
        "Chuyển một số người sang kế hoạch năm 2015 hoặc giảm số người của dòng này: toàn tỉnh còn thiếu 2 chỗ",
    ]


def uncovered_standard_gap(world):
    head = world.position("TP", pro="bachelor")
    person(world, "P1", "Nguyễn Văn An", position=head, quals=(("pro", "college", None),))
    skill = programme(world, "SKILL", "Bồi dưỡng kỹ năng lãnh đạo")
    law = programme(world, "LAW", "Đại học Luật", "pro", "bachelor", kind="degree", duration=48)
    world.training_class("L14", law, 2014, "2014-09-01", "2018-06-30", capacity=30)
    plan = world.plan(world.unit_a, 2014, lines=[(skill, 0, [])])
    return plan, [
        "1 người của đơn vị chưa đạt tiêu chuẩn chức danh về trình độ chuyên môn nhưng kế hoạch không có "
        "dòng nào nâng trình độ chuyên môn (Nguyễn Văn An)",
        "Thêm một dòng cử những người này đi học về trình độ chuyên môn, ví dụ Đại học Luật (có lớp năm 2014)",
    ]


def behind_pace(world):
    g = master(world)
    period = world.period()
    world.target(period, "pro", "master", 27, unit=world.unit_a)
    plan = world.plan(world.unit_a, 2014, lines=[(g, 3, [])])
    return plan, [
        "Chỉ tiêu giai đoạn 2011–2015: 27 người đạt trình độ thạc sĩ; đến năm 2014 các kế hoạch phải cử "
        "ít nhất 22 người đi học nhưng mới cử 3 người",  # 27 × 4/5 = 21,6: 22 people
        "Thêm 19 người vào kế hoạch năm 2014, ở dòng chương trình đào tạo trình độ thạc sĩ",
    ]


def low_execution(world):
    g = pol_int(world)
    world.period()
    world.plan(world.unit_a, 2013, lines=[(g, 6, [])])
    plan = world.plan(world.unit_a, 2014, lines=[(g, 6, [])])
    return plan, [
        "Trong các năm 2011–2013, các kế hoạch đã phê duyệt cử 6 người nhưng chưa ai học xong (0%, dưới "
        "mức 50%); kế hoạch năm 2014 vẫn cử 6 người, không ít hơn năm 2013 (6 người)",
        "Giảm tổng số người của kế hoạch năm 2014 xuống còn tối đa 5 người, chỉ giữ những người chắc chắn "
        "cử đi học được",
    ]


def no_named_source(world):
    g = pol_int(world)
    world.training_class("P14", g, 2014, "2014-03-15", "2014-10-31", capacity=40)
    an = person(world, "P1", "Nguyễn Văn An")
    plan = world.plan(world.unit_a, 2014, lines=[(g, 3, [an])])
    return plan, [
        "Kế hoạch cử 3 người đi học Trung cấp lý luận chính trị nhưng mới nêu tên 1 người; lớp đầu tiên "
        "năm 2014 khai giảng ngày 15/03/2014 (còn 14 ngày)",
        "Nêu tên thêm 2 người, hoặc giảm số người của dòng xuống 1",
    ]


def stale_plan(world):
    g = pol_int(world)
    world.training_class("P14", g, 2014, "2014-09-01", "2015-04-30", capacity=40)
    em = person(world, "P1", "Tòng Văn Em", end="2014-01-15")
    world.assign(em, world.users.units["HB"], start="2014-01-16")
    plan = world.plan(world.unit_a, 2014, lines=[(g, 1, [em])])
    return plan, [
        "Tòng Văn Em có tên trong dòng Trung cấp lý luận chính trị nhưng đã chuyển khỏi đơn vị từ ngày "
        "15/01/2014; kế hoạch đã phê duyệt chưa được điều chỉnh",
        "Lập kế hoạch bổ sung, điều chỉnh (lần 2) để thay Tòng Văn Em bằng người khác",
    ]


def succession_unlinked(world):
    g = pol_int(world)
    world.training_class("P14", g, 2014, "2014-09-01", "2015-04-30", capacity=40)
    deputy = world.position("PCT", pol="intermediate")
    deputy.name = "Phó Chủ tịch UBND huyện"
    an = person(world, "P1", "Nguyễn Văn An")
    person(world, "P2", "Hà Thị Giang", gender="F", planned_position=deputy)
    plan = world.plan(world.unit_a, 2014, lines=[(g, 1, [an])])
    return plan, [
        "Hà Thị Giang trong quy hoạch chức danh Phó Chủ tịch UBND huyện, chức danh cần trung cấp lý luận chính "
        "trị; đủ điều kiện học Trung cấp lý luận chính trị nhưng chưa có tên trong kế hoạch",
        "Nêu tên Hà Thị Giang trong dòng Trung cấp lý luận chính trị (tăng số người của dòng nếu cần)",
    ]


SCENARIOS = {
    "MISSING_PLAN": missing_plan,
    "OVER_POOL": over_pool,
    "INELIGIBLE_NOMINEE": ineligible_nominee,
    "OVER_CAPACITY": over_capacity,
    "OVER_CAPACITY (no class yet)": over_capacity_no_class_yet,
    "UNCOVERED_STANDARD_GAP": uncovered_standard_gap,
    "BEHIND_PACE": behind_pace,
    "LOW_EXECUTION": low_execution,
    "NO_NAMED_SOURCE": no_named_source,
    "STALE_PLAN": stale_plan,
    "SUCCESSION_UNLINKED": succession_unlinked,
}


WITH_A_PLAN = [rule for rule in SCENARIOS if rule != "MISSING_PLAN"]


def _build(request, world, db):
    plan, sentences = SCENARIOS[request.param](world)
    db.session.commit()
    return request.param.split()[0], plan, sentences


@pytest.fixture(params=list(SCENARIOS))
def scenario(request, world, db):
    return _build(request, world, db)


@pytest.fixture(params=WITH_A_PLAN)
def scenario_with_plan(request, world, db):
    return _build(request, world, db)


def test_the_command_line_table_says_it_in_words(scenario, runner):
    code, _plan, (message, fix) = scenario
    args = ["realism", "--year", "2014", "--as-of", AS_OF, "--unit", "HA"]
    result = runner.invoke(args=args, env={"NQ05_LOCALE": "vi"})
    assert result.exit_code == 0, result.output
    assert message in result.stdout and fix in result.stdout
    assert code not in result.stdout  # the codes are --json's
    printed = json.loads(runner.invoke(args=[*args, "--json"], env={"NQ05_LOCALE": "vi"}).stdout)
    assert message in [f["message"] for f in printed["findings"] if f["code"] == code]


def test_the_findings_page_says_it_in_words_from_the_stored_findings(scenario, client, world):
    code, _plan, (message, fix) = scenario
    recompute(as_of=d(AS_OF))
    login(client, world.users.head_a)
    page = visible_text(text_of(client.get("/progress/findings?year=2014&as_of=01/03/2014")))
    assert message in page and fix in page
    assert "Huyện An Hòa" in page and f">{code}<" not in page


def test_the_plan_page_says_it_in_words(scenario_with_plan, client, world):
    code, plan, (message, fix) = scenario_with_plan
    login(client, world.users.head_a)
    page = visible_text(text_of(client.get(f"/plans/{plan.id}?as_of={AS_OF}")))
    assert message in page and fix in page
    assert "như thể" not in page and "Thông tin:" not in page  # no calque; severities lỗi / cảnh báo / lưu ý


def test_the_english_command_line_speaks_english(world, db, runner):
    SCENARIOS["INELIGIBLE_NOMINEE"](world)
    db.session.commit()
    result = runner.invoke(
        args=["realism", "--year", "2014", "--as-of", AS_OF, "--unit", "HA"], env={"NQ05_LOCALE": "en"}
    )
    assert "Lò Văn Dũng is not eligible for Thạc sĩ Quản lý công: lacks political theory intermediate" in (
        one_line(result.stdout)
    )
    assert "aged 47, at most 40; 2 years of service, 5 required" in one_line(result.stdout)


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_every_ineligibility_reason_says_its_numbers(world, db):
    g = pol_int(world)
    world.training_class("P13", g, 2013, "2013-09-01", "2014-04-30", capacity=40)
    world.training_class("P14", g, 2014, "2014-09-01", "2015-04-30", capacity=40)
    cat = person(world, "CAT", "Lê Văn Cường", category="DIST_LEAD")
    out = world.person("OUT", world.users.units["HB"])
    out.full_name = "Vi Văn Ngoại"
    has = person(world, "HAS", "Đỗ Thị Hà", quals=(("pol", "intermediate", "2010-01-01"),))
    old = person(world, "OLD", "Hoàng Văn Lão", born="1954-08-31")
    enrolled = person(world, "ENR", "Sầm Thị Én")
    world.enrol(enrolled, world.classes["P13"], "accepted")
    left = person(world, "LEFT", "Lường Văn Khuyết", end="2014-08-31")
    world.enrol(left, world.classes["P14"], "nominated")
    world.plan(world.unit_a, 2014, lines=[(g, 5, [cat, out, has, old, enrolled], "DIST_CIVIL")])
    db.session.commit()
    said = {f.person: f.message() for f in evaluate(2014, d(AS_OF), "HA") if f.code == "INELIGIBLE_NOMINEE"}
    course = "Trung cấp lý luận chính trị"
    assert said == {
        "CAT": f"Lê Văn Cường không đủ điều kiện học {course}: thuộc đối tượng trưởng, phó phòng và tương "
        "đương cấp huyện, còn dòng này dành cho công chức cơ quan Đảng, chính quyền, MTTQ và các đoàn thể cấp huyện",
        "OUT": f"Vi Văn Ngoại không đủ điều kiện học {course}: không công tác tại đơn vị vào ngày 01/01/2014",
        "HAS": f"Đỗ Thị Hà không đủ điều kiện học {course}: đã có trung cấp lý luận chính trị",
        "OLD": f"Hoàng Văn Lão không đủ điều kiện học {course}: nghỉ hưu từ ngày 31/08/2014, trước khi khóa "
        "học 8 tháng kết thúc (01/09/2014)",
        "ENR": f"Sầm Thị Én không đủ điều kiện học {course}: đang có tên trong một lớp khác của chương trình "
        "này (khai giảng 01/09/2013)",
        "LEFT": f"Lường Văn Khuyết, có tên trong lớp {course} khai giảng 01/09/2014, không đủ điều kiện: "
        "không công tác ở đơn vị nào vào ngày khai giảng 01/09/2014",
    }


def test_a_finding_stored_before_the_details_still_reads(app):
    """Rows stored before progress_findings.details existed have figures only: every rule still
    words them (with the codes it has) until the next recompute."""
    from datetime import date

    from nq05.progress.realism.findings import Finding

    figures = {
        "MISSING_PLAN": {"due": date(2013, 11, 30)},
        "OVER_POOL": {"planned": 8, "pool": 3},
        "INELIGIBLE_NOMINEE": {"reasons": ["over_age", "retiring"]},
        "OVER_CAPACITY": {"demand": 8, "capacity": 4},
        "UNCOVERED_STANDARD_GAP": {"track": "pro", "below": 2},
        "BEHIND_PACE": {"quota": 27, "expected": 21.6, "planned": 3},
        "LOW_EXECUTION": {"rate": 0.29, "planned_prior": 17, "completed_prior": 5},
        "NO_NAMED_SOURCE": {"named": 1, "planned": 3, "class_start": date(2014, 3, 15)},
        "STALE_PLAN": {"event": "retired", "event_date": date(2014, 1, 15)},
        "SUCCESSION_UNLINKED": {"planned_position": "PCT"},
    }
    with app.test_request_context():
        for code, numbers in figures.items():
            f = Finding(code, "H1", 2014, programme="POL_INT", person="P1", figures=numbers, person_name="An")
            assert f.message() and f.message() != code, code
        pace = Finding("BEHIND_PACE", "H1", 2014, figures=figures["BEHIND_PACE"]).message()
        assert "22" in pace and "21,6" not in pace  # whole people, rounded up
        low = Finding("LOW_EXECUTION", "H1", 2014, figures=figures["LOW_EXECUTION"]).message()
        assert "29%" in low and "0,29" not in low


def test_nobody_is_not_zero_people(world, db):
    g = pol_int(world)
    world.training_class("P14", g, 2014, "2014-03-15", "2014-10-31", capacity=40)
    period = world.period()
    world.target(period, "pol", "intermediate", 5, unit=world.unit_a)
    other = programme(world, "SKILL", "Bồi dưỡng kỹ năng")
    world.plan(world.unit_a, 2014, lines=[(g, 0, []), (other, 2, [])])
    world.training_class("S14", other, 2014, "2014-03-20", "2014-03-21", capacity=40)
    db.session.commit()
    said = {f.code: f.message() for f in evaluate(2014, d(AS_OF), "HA")}
    assert "Bồi dưỡng kỹ năng nhưng chưa nêu tên ai;" in said["NO_NAMED_SOURCE"]
    assert said["BEHIND_PACE"].endswith("phải cử ít nhất 4 người đi học nhưng chưa cử ai")


def test_no_code_in_any_finding_of_the_demo(runner, db, client):
    """Every finding of a demo province, on the findings page and in the command line's table:
    names of programmes, categories and positions, never their codes."""
    import re

    from sqlalchemy import select

    from nq05.auth.models import User
    from nq05.reference.models import Position, Programme
    from nq05.staff.models import Unit

    assert runner.invoke(args=["demo", "--seed", "5", "--scale", "0.1"]).exit_code == 0
    codes = set(db.session.scalars(select(Programme.code))) | set(db.session.scalars(select(Position.code)))
    codes |= {"TU", "PROV_LEAD", "PROV_CIVIL", "DIST_LEAD", "DIST_CIVIL", "COMM_CADRE", "COMM_CIVIL"}
    codes |= {c for c in db.session.scalars(select(Unit.code)) if not c.isdigit()}
    pattern = re.compile(
        r"(?<![\w/])(" + "|".join(sorted(map(re.escape, codes), key=len, reverse=True)) + r")(?![\w/])"
    )
    for year, as_of in (("2013", "2013-06-30"), ("2016", "2016-05-15")):
        out = runner.invoke(
            args=["realism", "--year", year, "--as-of", as_of], env={"NQ05_LOCALE": "vi"}
        ).stdout
        body = out.split("\n", 3)[-1]  # below the title and the header
        assert body.strip() and not pattern.findall(body), pattern.findall(body)[:5]
    admin = db.session.scalar(select(User).where(User.role == "admin"))
    client.post("/login", data={"email": admin.email, "password": "admin-demo"})
    page = text_of(client.get("/progress/findings?year=2016&as_of=15/05/2016"))
    messages = " ".join(re.findall(r'<span class="finding-(?:message|fix)">(.*?)</span>', page, flags=re.S))
    assert messages and not pattern.findall(messages), pattern.findall(messages)[:5]
