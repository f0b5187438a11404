"""The units of the demo province: Lai Châu's departments, 8 districts and 108 communes.

``scale`` multiplies the number of departments and districts (a district brings its communes);
past the real list the units repeat with a number after the name ("Huyện Tam Đường 2").
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROOT_CODE = "TINH"
ROOT_NAME = "Ban Tổ chức Tỉnh ủy Lai Châu"

#: (code, name, kind): kind "party" units are led by a Trưởng ban, "gov" ones by a Giám đốc.
DEPARTMENTS: tuple[tuple[str, str, str], ...] = (
    ("SNV", "Sở Nội vụ", "gov"),
    ("VPTU", "Văn phòng Tỉnh ủy", "party"),
    ("BTG", "Ban Tuyên giáo Tỉnh ủy", "party"),
    ("BDV", "Ban Dân vận Tỉnh ủy", "party"),
    ("UBKT", "Ủy ban Kiểm tra Tỉnh ủy", "party"),
    ("VPUB", "Văn phòng UBND tỉnh", "gov"),
    ("STC", "Sở Tài chính", "gov"),
    ("SKHDT", "Sở Kế hoạch và Đầu tư", "gov"),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "gov"),
    ("SYT", "Sở Y tế", "gov"),
    ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "gov"),
    ("STNMT", "Sở Tài nguyên và Môi trường", "gov"),
    ("SXD", "Sở Xây dựng", "gov"),
    ("SGTVT", "Sở Giao thông vận tải", "gov"),
    ("SCT", "Sở Công Thương", "gov"),
    ("STP", "Sở Tư pháp", "gov"),
    ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "gov"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "gov"),
    ("BDT", "Ban Dân tộc tỉnh", "gov"),
    ("MTTQ", "Ủy ban MTTQ Việt Nam tỉnh", "party"),
)

#: Lai Châu's districts and their communes, wards and townships (108 in all).
DISTRICTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Thành phố Lai Châu",
        "thành phố",
        (
            "Phường Tân Phong",
            "Phường Đoàn Kết",
            "Phường Quyết Thắng",
            "Phường Quyết Tiến",
            "Phường Đông Phong",
            "Xã San Thàng",
            "Xã Nậm Loỏng",
        ),
    ),
    (
        "Huyện Tam Đường",
        "huyện",
        (
            "Thị trấn Tam Đường",
            "Xã Bình Lư",
            "Xã Bản Bo",
            "Xã Bản Giang",
            "Xã Bản Hon",
            "Xã Nà Tăm",
            "Xã Nùng Nàng",
            "Xã Sơn Bình",
            "Xã Khun Há",
            "Xã Hồ Thầu",
            "Xã Giang Ma",
            "Xã Tả Lèng",
            "Xã Thèn Sin",
            "Xã Sùng Phài",
        ),
    ),
    (
        "Huyện Phong Thổ",
        "huyện",
        (
            "Thị trấn Phong Thổ",
            "Xã Mường So",
            "Xã Khổng Lào",
            "Xã Hoang Thèn",
            "Xã Bản Lang",
            "Xã Nậm Xe",
            "Xã Sin Suối Hồ",
            "Xã Mồ Sì San",
            "Xã Pa Vây Sử",
            "Xã Vàng Ma Chải",
            "Xã Tông Qua Lìn",
            "Xã Mù Sang",
            "Xã Dào San",
            "Xã Sì Lở Lầu",
            "Xã Ma Ly Pho",
            "Xã Lản Nhì Thàng",
            "Xã Huổi Luông",
            "Xã Ma Ly Chải",
        ),
    ),
    (
        "Huyện Sìn Hồ",
        "huyện",
        (
            "Thị trấn Sìn Hồ",
            "Xã Chăn Nưa",
            "Xã Pa Tần",
            "Xã Phìn Hồ",
            "Xã Hồng Thu",
            "Xã Phăng Sô Lin",
            "Xã Ma Quai",
            "Xã Tả Phìn",
            "Xã Xà Dề Phìn",
            "Xã Nậm Tăm",
            "Xã Tả Ngảo",
            "Xã Pu Sam Cáp",
            "Xã Nậm Cha",
            "Xã Làng Mô",
            "Xã Noong Hẻo",
            "Xã Nậm Mạ",
            "Xã Căn Co",
            "Xã Tủa Sín Chải",
            "Xã Nậm Cuổi",
            "Xã Nậm Hăn",
            "Xã Lùng Thàng",
            "Xã Pa Khóa",
        ),
    ),
    (
        "Huyện Mường Tè",
        "huyện",
        (
            "Thị trấn Mường Tè",
            "Xã Mường Tè",
            "Xã Thu Lũm",
            "Xã Ka Lăng",
            "Xã Pa Ủ",
            "Xã Mù Cả",
            "Xã Tà Tổng",
            "Xã Bum Tở",
            "Xã Nậm Khao",
            "Xã Kan Hồ",
            "Xã Bum Nưa",
            "Xã Vàng San",
            "Xã Pa Vệ Sử",
            "Xã Tá Bạ",
        ),
    ),
    (
        "Huyện Than Uyên",
        "huyện",
        (
            "Thị trấn Than Uyên",
            "Xã Phúc Than",
            "Xã Mường Than",
            "Xã Mường Mít",
            "Xã Pha Mu",
            "Xã Mường Cang",
            "Xã Hua Nà",
            "Xã Tà Hừa",
            "Xã Mường Kim",
            "Xã Tà Mung",
            "Xã Tà Gia",
            "Xã Khoen On",
        ),
    ),
    (
        "Huyện Tân Uyên",
        "huyện",
        (
            "Thị trấn Tân Uyên",
            "Xã Mường Khoa",
            "Xã Phúc Khoa",
            "Xã Thân Thuộc",
            "Xã Trung Đồng",
            "Xã Hố Mít",
            "Xã Nậm Cần",
            "Xã Nậm Sỏ",
            "Xã Pắc Ta",
            "Xã Tà Mít",
        ),
    ),
    (
        "Huyện Nậm Nhùn",
        "huyện",
        (
            "Thị trấn Nậm Nhùn",
            "Xã Mường Mô",
            "Xã Nậm Chà",
            "Xã Nậm Manh",
            "Xã Nậm Hàng",
            "Xã Lê Lợi",
            "Xã Pú Đao",
            "Xã Nậm Pì",
            "Xã Nậm Ban",
            "Xã Trung Chải",
            "Xã Hua Bum",
        ),
    ),
)

#: Ethnic make-up of the staff recruited locally, by district (weights, roughly the population's).
DISTRICT_ETHNICITIES: dict[str, dict[str, int]] = {
    "Thành phố Lai Châu": {"Kinh": 55, "Thái": 15, "Giáy": 10, "Mông": 10, "Dao": 10},
    "Huyện Tam Đường": {"Kinh": 15, "Thái": 20, "Mông": 25, "Dao": 20, "Giáy": 20},
    "Huyện Phong Thổ": {"Kinh": 10, "Thái": 15, "Mông": 25, "Dao": 30, "Giáy": 15, "Hà Nhì": 5},
    "Huyện Sìn Hồ": {"Kinh": 8, "Thái": 25, "Mông": 40, "Dao": 20, "Khơ Mú": 4, "Hà Nhì": 3},
    "Huyện Mường Tè": {
        "Kinh": 10,
        "Thái": 12,
        "Hà Nhì": 30,
        "La Hủ": 20,
        "Cống": 8,
        "Mông": 10,
        "Dao": 5,
        "Mảng": 5,
    },
    "Huyện Than Uyên": {"Kinh": 20, "Thái": 55, "Mông": 18, "Khơ Mú": 7},
    "Huyện Tân Uyên": {"Kinh": 18, "Thái": 50, "Mông": 20, "Khơ Mú": 7, "Lự": 5},
    "Huyện Nậm Nhùn": {"Kinh": 10, "Thái": 25, "Mông": 25, "Hà Nhì": 15, "Mảng": 15, "Cống": 10},
}
PROVINCE_ETHNICITIES: dict[str, int] = {
    "Kinh": 52,
    "Thái": 20,
    "Mông": 8,
    "Dao": 7,
    "Giáy": 5,
    "Hà Nhì": 3,
    "Lự": 2,
    "Khơ Mú": 2,
    "La Hủ": 1,
}


@dataclass
class DemoUnit:
    """A unit row plus what the generators need to know about it."""

    id: int
    code: str
    name: str
    level: str
    parent_id: int | None
    #: root | party | gov | district | commune
    kind: str
    #: ethnic weights of the staff recruited for it
    ethnicities: dict[str, int] = field(default_factory=dict)
    #: the district a commune belongs to (itself for a district)
    district_id: int | None = None

    def row(self) -> dict:
        return {
            "id": self.id,
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "parent_id": self.parent_id,
        }


def scaled_count(base: int, scale: float) -> int:
    """``base`` times ``scale``, at least one."""
    return max(1, round(base * scale))


def _numbered(name: str, replica: int) -> str:
    return name if replica == 0 else f"{name} {replica + 1}"


def generate_units(scale: float) -> list[DemoUnit]:
    """The unit tree: the root, departments, districts, then their communes."""
    units = [DemoUnit(1, ROOT_CODE, ROOT_NAME, "province", None, "root", PROVINCE_ETHNICITIES)]
    for i in range(scaled_count(len(DEPARTMENTS), scale)):
        code, name, kind = DEPARTMENTS[i % len(DEPARTMENTS)]
        replica = i // len(DEPARTMENTS)
        units.append(
            DemoUnit(
                len(units) + 1,
                code if replica == 0 else f"{code}{replica + 1}",
                _numbered(name, replica),
                "province",
                1,
                kind,
                PROVINCE_ETHNICITIES,
            )
        )
    districts = []
    for i in range(scaled_count(len(DISTRICTS), scale)):
        name, _, communes = DISTRICTS[i % len(DISTRICTS)]
        replica = i // len(DISTRICTS)
        unit = DemoUnit(
            len(units) + 1,
            f"H{i + 1:02d}",
            _numbered(name, replica),
            "district",
            1,
            "district",
            DISTRICT_ETHNICITIES[name],
        )
        unit.district_id = unit.id
        units.append(unit)
        districts.append((unit, communes, replica))
    number = 0
    for district, communes, replica in districts:
        for commune in communes:
            number += 1
            units.append(
                DemoUnit(
                    len(units) + 1,
                    f"X{number:03d}",
                    _numbered(commune, replica),
                    "commune",
                    district.id,
                    "commune",
                    district.ethnicities,
                    district.id,
                )
            )
    return units
