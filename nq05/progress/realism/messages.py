"""Plain-language findings, Vietnamese first: what is wrong, and one concrete next step (docs/realism-rules.md).

A message names the programme, position, category, target and people (never their codes), gives
shares as percentages, counts whole people (rounding up what must be reached) and the numbers
behind every reason. A fix says the one change that would clear the finding. Both are worded in
the current language: the reader's on a page, the command line's in ``nq05 realism``. The names
and numbers come from the finding's figures and ``details`` (nq05.progress.realism.details); a
finding stored before the details existed falls back to its codes.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from nq05.i18n import in_sentence
from nq05.labels import label, level_label
from nq05.web.formatting import date_vn, number

#: what happened to a named person (STALE_PLAN)
EVENT_LABELS = {
    "left_unit": _l("đã chuyển khỏi đơn vị"),
    "qualified_elsewhere": _l("đã đạt trình độ mà chương trình cấp theo đường khác"),
    "retired": _l("đã đến tuổi nghỉ hưu"),
}


def level_phrase(track: str, level: str) -> str:
    """A level inside a sentence: 'trung cấp lý luận chính trị', 'trình độ đại học'."""
    name = level_label(track, level).lower()
    if track == "pol":
        return _("%(level)s lý luận chính trị", level=name)
    if track == "sm":
        return _("chứng chỉ quản lý nhà nước ngạch %(level)s", level=name)
    return _("trình độ %(level)s", level=name)


#: a track inside a sentence: "chưa đạt tiêu chuẩn về trình độ lý luận chính trị"
TRACK_IN_SENTENCE = {
    "edu": _l("trình độ giáo dục phổ thông"),
    "pro": _l("trình độ chuyên môn"),
    "pol": _l("trình độ lý luận chính trị"),
    "sm": _l("trình độ quản lý nhà nước"),
}


def _people(n) -> str:
    return number(n, 0)


def _years(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _in_years(first: int, last: int) -> str:
    """'năm 2013' or 'các năm 2011–2013'."""
    if first == last:
        return _("năm %(year)s", year=first)
    return _("các năm %(years)s", years=_years(first, last))


def _programme(f) -> str:
    return f.details.get("programme_name") or f.programme or ""


def _person(f) -> str:
    return f.person_name or f.person or ""


def _unit(f) -> str:
    return f.details.get("unit_name") or f.unit or ""


def _category(f) -> str:
    """' (đối tượng: công chức cấp xã)' for a line of one category, '' for every category."""
    if not f.category:
        return ""
    return _(" (đối tượng: %(category)s)", category=in_sentence(label("category", f.category)))


def _reason(code: str, f) -> str:
    """One reason with its numbers: '47 tuổi, tối đa 40', 'chưa có trung cấp lý luận chính trị'."""
    d = f.details
    if code == "not_in_scope":
        if f.class_id is not None:
            return _("không công tác ở đơn vị nào vào ngày khai giảng %(day)s", day=date_vn(d.get("at")))
        if d.get("person_category"):
            return _(
                "thuộc đối tượng %(has)s, còn dòng này dành cho %(wants)s",
                has=in_sentence(label("category", d["person_category"])),
                wants=in_sentence(label("category", f.category)),
            )
        if "in_unit" in d:
            return _("không công tác tại đơn vị vào ngày %(day)s", day=date_vn(d.get("at")))
    if code == "already_qualified" and d.get("held"):
        return _("đã có %(level)s", level=level_phrase(*d["held"]))
    if code == "prerequisite" and d.get("missing"):
        return "; ".join(_("chưa có %(level)s", level=level_phrase(t, lv)) for t, lv in d["missing"])
    if code == "over_age" and "age" in d:
        return _("%(age)s tuổi, tối đa %(max)s", age=d["age"], max=d["max_age"])
    if code == "insufficient_service" and "service_years" in d:
        return _(
            "có %(years)s năm công tác, cần %(min)s",
            years=d["service_years"],
            min=d["min_service_years"],
        )
    if code == "retiring" and "retires" in d:
        return _(
            "nghỉ hưu từ ngày %(retires)s, trước khi khóa học %(months)s tháng kết thúc (%(ends)s)",
            retires=date_vn(d["retires"]),
            months=d["months"],
            ends=date_vn(d["ends"]),
        )
    if code == "already_enrolled" and d.get("other_class_start"):
        return _(
            "đang có tên trong một lớp khác của chương trình này (khai giảng %(day)s)",
            day=date_vn(d["other_class_start"]),
        )
    return in_sentence(label("reason", code))


def _missing_plan(f):
    late = f.details.get("days_late")
    due = date_vn(f.figures["due"])
    if late is None:
        message = _(
            "%(unit)s chưa trình kế hoạch đào tạo, bồi dưỡng năm %(year)s; hạn trình là %(due)s",
            unit=_unit(f),
            year=f.year,
            due=due,
        )
    else:
        message = _(
            "%(unit)s chưa trình kế hoạch đào tạo, bồi dưỡng năm %(year)s: hạn trình là %(due)s, "
            "đã quá hạn %(days)s ngày",
            unit=_unit(f),
            year=f.year,
            due=due,
            days=_people(late),
        )
    fix = _("Lập (hoặc hoàn thiện dự thảo) và trình kế hoạch năm %(year)s ngay", year=f.year)
    return message, fix


def _over_pool(f):
    planned, pool = f.figures["planned"], f.figures["pool"]
    message = _(
        "Kế hoạch cử %(planned)s người đi học %(programme)s%(category)s nhưng đơn vị chỉ có "
        "%(pool)s người đủ điều kiện, tính đến ngày 01/01/%(year)s",
        planned=_people(planned),
        programme=_programme(f),
        category=_category(f),
        pool=_people(pool),
        year=f.year,
    )
    if pool == 0:
        fix = _("Bỏ dòng này: đơn vị không có ai đủ điều kiện học chương trình này")
    else:
        fix = _(
            "Giảm số người của dòng này xuống %(pool)s (bớt %(excess)s người)",
            pool=_people(pool),
            excess=_people(planned - pool),
        )
    return message, fix


def _ineligible(f):
    reasons = "; ".join(_reason(code, f) for code in f.figures["reasons"])
    if f.class_code is not None:
        message = _(
            "%(person)s, có tên trong lớp %(programme)s khai giảng %(day)s, không đủ điều kiện: %(reasons)s",
            person=_person(f),
            programme=_programme(f),
            day=date_vn(f.details.get("at")) or f.class_code,
            reasons=reasons,
        )
        fix = _(
            "Đề nghị cơ sở đào tạo rút tên %(person)s khỏi lớp này, hoặc cử người khác đủ điều kiện",
            person=_person(f),
        )
    else:
        message = _(
            "%(person)s không đủ điều kiện học %(programme)s: %(reasons)s",
            person=_person(f),
            programme=_programme(f),
            reasons=reasons,
        )
        fix = _("Bỏ tên %(person)s khỏi dòng này và chọn người khác đủ điều kiện", person=_person(f))
    return message, fix


def _over_capacity(f):
    demand, capacity = f.figures["demand"], f.figures["capacity"]
    own = f.details.get("own")
    if f.details.get("classes") == 0:
        message = _(
            "Các kế hoạch năm %(year)s cần %(demand)s chỗ học %(programme)s nhưng chưa có lớp nào "
            "năm %(year)s",
            year=f.year,
            demand=_people(demand),
            programme=_programme(f),
        )
        fix = _(
            "Chưa cần sửa dòng này: theo dõi thông báo chiêu sinh các lớp năm %(year)s và cử người "
            "ngay khi có lớp",
            year=f.year,
        )
        return message, fix
    message = _(
        "Các kế hoạch năm %(year)s cần %(demand)s chỗ học %(programme)s nhưng các lớp năm %(year)s "
        "chỉ có %(capacity)s chỗ (thiếu %(excess)s chỗ)",
        year=f.year,
        demand=_people(demand),
        programme=_programme(f),
        capacity=_people(capacity),
        excess=_people(demand - capacity),
    )
    if own is not None:
        message += _("; đơn vị dự kiến cử %(own)s người", own=_people(own))
    fix = _(
        "Chuyển một số người sang kế hoạch năm %(next)s hoặc giảm số người của dòng này: toàn tỉnh "
        "còn thiếu %(excess)s chỗ",
        next=f.year + 1,
        excess=_people(demand - capacity),
    )
    return message, fix


def _uncovered(f):
    track = str(TRACK_IN_SENTENCE.get(f.figures["track"]) or in_sentence(label("track", f.figures["track"])))
    message = _(
        "%(below)s người của đơn vị chưa đạt tiêu chuẩn chức danh về %(track)s nhưng kế hoạch không "
        "có dòng nào nâng %(track)s",
        below=_people(f.figures["below"]),
        track=track,
    )
    people = f.details.get("people")
    if people:
        names = ", ".join(people)
        others = f.figures["below"] - len(people)
        if others > 0:
            names = _("%(names)s và %(n)s người khác", names=names, n=_people(others))
        message += f" ({names})"
    offered = f.details.get("programmes")
    if offered:
        fix = _(
            "Thêm một dòng cử những người này đi học về %(track)s, ví dụ %(programmes)s (có lớp năm %(year)s)",
            track=track,
            programmes=_(" hoặc ").join(offered),
            year=f.year,
        )
    else:
        fix = _("Thêm một dòng cử những người này đi học một chương trình về %(track)s", track=track)
    return message, fix


def _target(f) -> str:
    d = f.details
    if "track" not in d:
        return ""
    text = level_phrase(d["track"], d["level"])
    if d.get("target_category"):
        text += _(" (đối tượng: %(category)s)", category=in_sentence(label("category", d["target_category"])))
    return text


def _behind_pace(f):
    d = f.details
    fig = f.figures
    if "needed" not in d:  # stored before the details: the figures only
        message = _(
            "Chỉ tiêu %(quota)s người; đến năm %(year)s cần lập kế hoạch ít nhất %(expected)s người "
            "nhưng mới có %(planned)s",
            quota=number(fig["quota"]),
            year=f.year,
            expected=_people(-(-fig["expected"] // 1)),
            planned=_people(fig["planned"]),
        )
        return message, None
    if fig["planned"]:
        planned = _("mới cử %(planned)s người", planned=_people(fig["planned"]))
    else:
        planned = _("chưa cử ai")
    message = _(
        "Chỉ tiêu giai đoạn %(period)s: %(quota)s người đạt %(target)s; đến năm %(year)s các kế "
        "hoạch phải cử ít nhất %(needed)s người đi học nhưng %(planned)s",
        period=_years(d["first_year"], d["last_year"]),
        quota=number(fig["quota"]),
        target=_target(f),
        year=f.year,
        needed=_people(d["needed"]),
        planned=planned,
    )
    fix = _(
        "Thêm %(missing)s người vào kế hoạch năm %(year)s, ở dòng chương trình đào tạo %(level)s",
        missing=_people(d["needed"] - fig["planned"]),
        year=f.year,
        level=level_phrase(d["track"], d["level"]),
    )
    return message, fix


def _low_execution(f):
    d = f.details
    fig = f.figures
    pct = number(fig["rate"] * 100, 0) + "%"
    if "first_year" not in d:
        message = _(
            "Các năm trước kế hoạch cử %(planned)s người nhưng chỉ %(completed)s người học xong (%(pct)s)",
            planned=_people(fig["planned_prior"]),
            completed=_people(fig["completed_prior"]),
            pct=pct,
        )
        return message, None
    if fig["completed_prior"]:
        done = _("chỉ %(completed)s người học xong", completed=_people(fig["completed_prior"]))
    else:
        done = _("chưa ai học xong")
    message = _(
        "Trong %(years)s, các kế hoạch đã phê duyệt cử %(planned)s người nhưng %(done)s (%(pct)s, "
        "dưới mức %(threshold)s); kế hoạch năm %(year)s vẫn cử %(now)s người, không ít hơn năm "
        "%(previous)s (%(before)s người)",
        years=_in_years(d["first_year"], d["last_year"]),
        planned=_people(fig["planned_prior"]),
        done=done,
        pct=pct,
        threshold=number(d["threshold"] * 100) + "%",
        year=f.year,
        now=_people(d["planned_now"]),
        previous=f.year - 1,
        before=_people(d["planned_before"]),
    )
    if d["planned_before"] > 0:
        fix = _(
            "Giảm tổng số người của kế hoạch năm %(year)s xuống còn tối đa %(most)s người, chỉ giữ "
            "những người chắc chắn cử đi học được",
            year=f.year,
            most=_people(d["planned_before"] - 1),
        )
    else:
        fix = _("Chỉ giữ trong kế hoạch năm %(year)s những người chắc chắn cử đi học được", year=f.year)
    return message, fix


def _no_named_source(f):
    fig = f.figures
    days = f.details.get("days_left")
    if fig["named"]:
        named = _("mới nêu tên %(named)s người", named=_people(fig["named"]))
    else:
        named = _("chưa nêu tên ai")
    message = _(
        "Kế hoạch cử %(planned)s người đi học %(programme)s%(category)s nhưng %(named)s; lớp đầu "
        "tiên năm %(year)s khai giảng ngày %(start)s",
        planned=_people(fig["planned"]),
        programme=_programme(f),
        category=_category(f),
        named=named,
        year=f.year,
        start=date_vn(fig["class_start"]),
    )
    if days is not None and days >= 0:
        message += _(" (còn %(days)s ngày)", days=_people(days))
    elif days is not None:
        message += _(" (đã khai giảng)")
    fix = _(
        "Nêu tên thêm %(missing)s người, hoặc giảm số người của dòng xuống %(named)s",
        missing=_people(fig["planned"] - fig["named"]),
        named=_people(fig["named"]),
    )
    return message, fix


def _stale(f):
    fig = f.figures
    message = _(
        "%(person)s có tên trong dòng %(programme)s nhưng %(event)s từ ngày %(day)s; kế hoạch đã "
        "phê duyệt chưa được điều chỉnh",
        person=_person(f),
        programme=_programme(f),
        event=str(EVENT_LABELS[fig["event"]]),
        day=date_vn(fig["event_date"]),
    )
    version = f.details.get("next_version")
    if version:
        fix = _(
            "Lập kế hoạch bổ sung, điều chỉnh (lần %(n)s) để thay %(person)s bằng người khác",
            n=version,
            person=_person(f),
        )
    else:
        fix = _("Lập kế hoạch bổ sung, điều chỉnh để thay %(person)s bằng người khác", person=_person(f))
    return message, fix


def _succession(f):
    d = f.details
    position = d.get("position_name") or f.figures["planned_position"]
    if d.get("required"):
        message = _(
            "%(person)s trong quy hoạch chức danh %(position)s, chức danh cần %(level)s; đủ điều kiện "
            "học %(programme)s nhưng chưa có tên trong kế hoạch",
            person=_person(f),
            position=position,
            level=level_phrase(*d["required"]),
            programme=_programme(f),
        )
    else:
        message = _(
            "%(person)s trong quy hoạch chức danh %(position)s, đủ điều kiện học %(programme)s nhưng "
            "chưa có tên trong kế hoạch",
            person=_person(f),
            position=position,
            programme=_programme(f),
        )
    fix = _(
        "Nêu tên %(person)s trong dòng %(programme)s (tăng số người của dòng nếu cần)",
        person=_person(f),
        programme=_programme(f),
    )
    return message, fix


WORDING = {
    "MISSING_PLAN": _missing_plan,
    "OVER_POOL": _over_pool,
    "INELIGIBLE_NOMINEE": _ineligible,
    "OVER_CAPACITY": _over_capacity,
    "UNCOVERED_STANDARD_GAP": _uncovered,
    "BEHIND_PACE": _behind_pace,
    "LOW_EXECUTION": _low_execution,
    "NO_NAMED_SOURCE": _no_named_source,
    "STALE_PLAN": _stale,
    "SUCCESSION_UNLINKED": _succession,
}


def finding_message(finding) -> str:
    """What is wrong, with its names and numbers."""
    return WORDING[finding.code](finding)[0]


def finding_fix(finding) -> str | None:
    """The one change that would clear it."""
    return WORDING[finding.code](finding)[1]
