"""Positions (chức danh) with their title standards, and how many of each a unit has.

Standards follow the usual rules for the posts: a provincial director needs a bachelor's
degree, advanced political theory and principal state management; a commune chairman upper
secondary school, an intermediate professional and political qualification.
"""

from __future__ import annotations

import random

U = "upper_secondary"

#: code -> (name, min_edu, min_pro, min_pol, min_sm)
POSITIONS: dict[str, tuple[str, str | None, str | None, str | None, str | None]] = {
    "GD_SO": ("Giám đốc Sở", U, "bachelor", "advanced", "principal"),
    "PGD_SO": ("Phó Giám đốc Sở", U, "bachelor", "advanced", "principal"),
    "TRUONG_BAN": ("Trưởng ban (cơ quan Đảng, đoàn thể tỉnh)", U, "bachelor", "advanced", "principal"),
    "PHO_BAN": ("Phó Trưởng ban (cơ quan Đảng, đoàn thể tỉnh)", U, "bachelor", "advanced", "principal"),
    "BT_HU": ("Bí thư Huyện ủy", U, "bachelor", "advanced", "principal"),
    "PBT_HU": ("Phó Bí thư Huyện ủy", U, "bachelor", "advanced", "principal"),
    "CT_UBND_H": ("Chủ tịch UBND huyện", U, "bachelor", "advanced", "principal"),
    "PCT_UBND_H": ("Phó Chủ tịch UBND huyện", U, "bachelor", "advanced", "specialist"),
    "TP_TINH": ("Trưởng phòng (cấp tỉnh)", U, "bachelor", "intermediate", "specialist"),
    "PP_TINH": ("Phó Trưởng phòng (cấp tỉnh)", U, "bachelor", "intermediate", "specialist"),
    "TP_HUYEN": ("Trưởng phòng (cấp huyện)", U, "bachelor", "intermediate", "specialist"),
    "PP_HUYEN": ("Phó Trưởng phòng (cấp huyện)", U, "bachelor", "intermediate", "specialist"),
    "CVC": ("Chuyên viên chính", U, "bachelor", "intermediate", "principal"),
    "CV": ("Chuyên viên", U, "bachelor", None, "specialist"),
    "CS": ("Cán sự", U, "intermediate", None, None),
    "BT_DU": ("Bí thư Đảng ủy xã", U, "intermediate", "intermediate", None),
    "PBT_DU": ("Phó Bí thư Đảng ủy xã", U, "intermediate", "intermediate", None),
    "CT_HDND_XA": ("Chủ tịch HĐND xã", U, "intermediate", "intermediate", None),
    "PCT_HDND_XA": ("Phó Chủ tịch HĐND xã", U, "intermediate", "intermediate", None),
    "CT_UBND_XA": ("Chủ tịch UBND xã", U, "intermediate", "intermediate", None),
    "PCT_UBND_XA": ("Phó Chủ tịch UBND xã", U, "intermediate", "intermediate", None),
    "CT_MTTQ_XA": ("Chủ tịch Ủy ban MTTQ xã", U, "elementary", "elementary", None),
    "BT_DOAN_XA": ("Bí thư Đoàn TNCS Hồ Chí Minh xã", U, "elementary", "elementary", None),
    "CT_HPN_XA": ("Chủ tịch Hội Liên hiệp Phụ nữ xã", U, "elementary", "elementary", None),
    "CT_HND_XA": ("Chủ tịch Hội Nông dân xã", U, "elementary", "elementary", None),
    "CT_HCCB_XA": ("Chủ tịch Hội Cựu chiến binh xã", U, "elementary", "elementary", None),
    "CC_VPTK": ("Công chức Văn phòng - Thống kê xã", U, "intermediate", None, None),
    "CC_DCXD": ("Công chức Địa chính - Xây dựng xã", U, "intermediate", None, None),
    "CC_TCKT": ("Công chức Tài chính - Kế toán xã", U, "intermediate", None, None),
    "CC_TPHT": ("Công chức Tư pháp - Hộ tịch xã", U, "intermediate", None, None),
    "CC_VHXH": ("Công chức Văn hóa - Xã hội xã", U, "intermediate", None, None),
    "CHT_QS": ("Chỉ huy trưởng Quân sự xã", U, "intermediate", "elementary", None),
    "TRUONG_CA_XA": ("Trưởng Công an xã", U, "intermediate", "elementary", None),
}

#: unit kind -> [(category, position, low, high)]: a unit has low..high people in that post.
STAFFING: dict[str, list[tuple[str, str, int, int]]] = {
    "root": [
        ("TU", "TRUONG_BAN", 1, 1),
        ("TU", "PHO_BAN", 2, 3),
        ("PROV_LEAD", "TP_TINH", 3, 4),
        ("PROV_LEAD", "PP_TINH", 3, 5),
        ("PROV_CIVIL", "CVC", 3, 5),
        ("PROV_CIVIL", "CV", 15, 22),
        ("PROV_CIVIL", "CS", 1, 3),
    ],
    "party": [
        ("TU", "TRUONG_BAN", 1, 1),
        ("TU", "PHO_BAN", 1, 3),
        ("PROV_LEAD", "TP_TINH", 2, 4),
        ("PROV_LEAD", "PP_TINH", 2, 5),
        ("PROV_CIVIL", "CVC", 2, 5),
        ("PROV_CIVIL", "CV", 18, 34),
        ("PROV_CIVIL", "CS", 1, 4),
    ],
    "gov": [
        ("TU", "GD_SO", 1, 1),
        ("TU", "PGD_SO", 2, 3),
        ("PROV_LEAD", "TP_TINH", 4, 7),
        ("PROV_LEAD", "PP_TINH", 4, 8),
        ("PROV_CIVIL", "CVC", 3, 8),
        ("PROV_CIVIL", "CV", 30, 60),
        ("PROV_CIVIL", "CS", 3, 8),
    ],
    "district": [
        ("TU", "BT_HU", 1, 1),
        ("TU", "PBT_HU", 1, 1),
        ("TU", "CT_UBND_H", 1, 1),
        ("TU", "PCT_UBND_H", 2, 2),
        ("DIST_LEAD", "TP_HUYEN", 12, 14),
        ("DIST_LEAD", "PP_HUYEN", 12, 18),
        ("DIST_CIVIL", "CV", 90, 110),
        ("DIST_CIVIL", "CS", 14, 24),
    ],
    "commune": [
        ("COMM_CADRE", "BT_DU", 1, 1),
        ("COMM_CADRE", "PBT_DU", 1, 1),
        ("COMM_CADRE", "CT_HDND_XA", 1, 1),
        ("COMM_CADRE", "PCT_HDND_XA", 1, 1),
        ("COMM_CADRE", "CT_UBND_XA", 1, 1),
        ("COMM_CADRE", "PCT_UBND_XA", 1, 2),
        ("COMM_CADRE", "CT_MTTQ_XA", 1, 1),
        ("COMM_CADRE", "BT_DOAN_XA", 1, 1),
        ("COMM_CADRE", "CT_HPN_XA", 1, 1),
        ("COMM_CADRE", "CT_HND_XA", 1, 1),
        ("COMM_CADRE", "CT_HCCB_XA", 1, 1),
        ("COMM_CIVIL", "CC_VPTK", 1, 2),
        ("COMM_CIVIL", "CC_DCXD", 1, 2),
        ("COMM_CIVIL", "CC_TCKT", 1, 2),
        ("COMM_CIVIL", "CC_TPHT", 1, 2),
        ("COMM_CIVIL", "CC_VHXH", 1, 2),
        ("COMM_CIVIL", "CHT_QS", 1, 1),
        ("COMM_CIVIL", "TRUONG_CA_XA", 1, 1),
    ],
}

#: the post a person in a post is being prepared for (succession planning), by unit level
NEXT_POST: dict[tuple[str, str], str] = {
    ("province", "CV"): "PP_TINH",
    ("province", "CVC"): "PP_TINH",
    ("province", "PP_TINH"): "TP_TINH",
    ("province", "TP_TINH"): "PGD_SO",
    ("province", "PGD_SO"): "GD_SO",
    ("province", "PHO_BAN"): "TRUONG_BAN",
    ("district", "CV"): "PP_HUYEN",
    ("district", "PP_HUYEN"): "TP_HUYEN",
    ("district", "TP_HUYEN"): "PCT_UBND_H",
    ("district", "PCT_UBND_H"): "CT_UBND_H",
    ("district", "PBT_HU"): "BT_HU",
    ("commune", "CC_VPTK"): "PCT_UBND_XA",
    ("commune", "CC_DCXD"): "PCT_UBND_XA",
    ("commune", "CC_TCKT"): "PCT_UBND_XA",
    ("commune", "CC_TPHT"): "PCT_UBND_XA",
    ("commune", "CC_VHXH"): "PCT_UBND_XA",
    ("commune", "BT_DOAN_XA"): "PBT_DU",
    ("commune", "PCT_UBND_XA"): "CT_UBND_XA",
    ("commune", "PBT_DU"): "BT_DU",
    ("commune", "PCT_HDND_XA"): "CT_HDND_XA",
}

#: women's share by post (default 0.45)
FEMALE_SHARE: dict[str, float] = {
    "GD_SO": 0.12,
    "PGD_SO": 0.2,
    "TRUONG_BAN": 0.15,
    "PHO_BAN": 0.25,
    "BT_HU": 0.05,
    "PBT_HU": 0.15,
    "CT_UBND_H": 0.05,
    "PCT_UBND_H": 0.2,
    "TP_TINH": 0.3,
    "PP_TINH": 0.35,
    "TP_HUYEN": 0.25,
    "PP_HUYEN": 0.35,
    "BT_DU": 0.08,
    "PBT_DU": 0.15,
    "CT_HDND_XA": 0.1,
    "PCT_HDND_XA": 0.25,
    "CT_UBND_XA": 0.08,
    "PCT_UBND_XA": 0.15,
    "CT_MTTQ_XA": 0.2,
    "BT_DOAN_XA": 0.4,
    "CT_HPN_XA": 1.0,
    "CT_HND_XA": 0.1,
    "CT_HCCB_XA": 0.0,
    "CHT_QS": 0.0,
    "TRUONG_CA_XA": 0.0,
    "CC_DCXD": 0.2,
    "CC_TCKT": 0.55,
    "CC_VPTK": 0.55,
}


def position_rows() -> list[dict]:
    return [
        {"id": i, "code": code, "name": name, "min_edu": edu, "min_pro": pro, "min_pol": pol, "min_sm": sm}
        for i, (code, (name, edu, pro, pol, sm)) in enumerate(POSITIONS.items(), start=1)
    ]


def staffing(rng: random.Random, kind: str) -> list[tuple[str, str]]:
    """The (category, position) of every post of a unit of ``kind``."""
    posts = []
    for category, position, low, high in STAFFING[kind]:
        posts.extend([(category, position)] * rng.randint(low, high))
    return posts
