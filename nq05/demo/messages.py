"""The words of ``nq05 demo``'s summary: what each table holds, and who each sign-in is for."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

#: table -> what its rows are, in the summary
TABLE_LABELS = {
    "units": _l("Đơn vị"),
    "people": _l("Cán bộ, công chức (kể cả đã nghỉ, chuyển đi)"),
    "assignments": _l("Quá trình công tác"),
    "qualifications": _l("Văn bằng, chứng chỉ"),
    "programmes": _l("Chương trình đào tạo, bồi dưỡng"),
    "centres": _l("Cơ sở đào tạo"),
    "classes": _l("Lớp học"),
    "enrolments": _l("Lượt cử đi học"),
    "plans": _l("Kế hoạch (kể cả các lần bổ sung, điều chỉnh)"),
    "plan_lines": _l("Dòng kế hoạch"),
    "targets": _l("Chỉ tiêu"),
    "indicators": _l("Chỉ số báo cáo"),
}

#: a demo sign-in's purpose -> what it is for, naming its unit or centre
LOGIN_PURPOSES = {
    "admin": _l("Ban Tổ chức / Sở Nội vụ: toàn quyền"),
    "unit_head": _l("Thủ trưởng đơn vị: %(place)s"),
    "other_unit_head": _l("Thủ trưởng đơn vị khác: %(place)s"),
    "centre": _l("Cơ sở đào tạo: %(place)s"),
}
