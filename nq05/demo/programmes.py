"""What the province trains its staff in, and where: degrees, political theory, state
management, general education, and refresher courses (the resolution's own study sessions)."""

from __future__ import annotations

from dataclasses import dataclass, field

from nq05.demo.units import DemoUnit

U = "upper_secondary"
ALL = ("TU", "PROV_LEAD", "PROV_CIVIL", "DIST_LEAD", "DIST_CIVIL", "COMM_CADRE", "COMM_CIVIL")
PROV_DIST = ("TU", "PROV_LEAD", "PROV_CIVIL", "DIST_LEAD", "DIST_CIVIL")
COMMUNE = ("COMM_CADRE", "COMM_CIVIL")


@dataclass(frozen=True)
class DemoProgramme:
    code: str
    name: str
    kind: str
    track: str | None
    level: str | None
    duration_months: int
    pre: dict[str, str] = field(default_factory=dict)
    max_age: int | None = None
    min_service_years: int | None = None
    #: the staff categories whose units plan it
    categories: tuple[str, ...] = ALL
    #: centre codes that run it ("district" = the district political centres)
    centres: tuple[str, ...] = ("TCT",)
    #: months a class may start in
    months: tuple[int, ...] = (3, 4, 5)
    #: seats of one class
    class_size: tuple[int, int] = (40, 60)
    #: the most seats the province gets in a year, whatever the plans ask
    max_seats: int | None = None

    def row(self, id_: int) -> dict:
        return {
            "id": id_,
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "track": self.track,
            "level": self.level,
            "duration_months": self.duration_months,
            "pre_edu": self.pre.get("edu"),
            "pre_pro": self.pre.get("pro"),
            "pre_pol": self.pre.get("pol"),
            "pre_sm": self.pre.get("sm"),
            "max_age": self.max_age,
            "min_service_years": self.min_service_years,
        }


NQ05 = "NQ05_STUDY"

PROGRAMMES: tuple[DemoProgramme, ...] = (
    DemoProgramme(
        "DOCTOR",
        "Đào tạo tiến sĩ",
        "degree",
        "pro",
        "doctor",
        36,
        {"pro": "master"},
        45,
        3,
        ("TU", "PROV_LEAD", "PROV_CIVIL"),
        ("HVCTQG", "DHQGHN"),
        (9, 10),
        (2, 4),
        3,
    ),
    DemoProgramme(
        "MASTER",
        "Đào tạo thạc sĩ",
        "degree",
        "pro",
        "master",
        24,
        {"pro": "bachelor"},
        40,
        3,
        PROV_DIST,
        ("HVHCQG", "DHTN", "DHLHN", "DHQGHN"),
        (9, 10),
        (15, 30),
    ),
    DemoProgramme(
        "BACHELOR",
        "Đào tạo đại học hệ vừa làm vừa học",
        "degree",
        "pro",
        "bachelor",
        48,
        {"edu": U, "pro": "intermediate"},
        45,
        2,
        ("DIST_LEAD", "DIST_CIVIL", "COMM_CADRE", "COMM_CIVIL"),
        ("DHTN", "DHLHN", "CDCD"),
        (8, 9),
        (40, 60),
    ),
    DemoProgramme(
        "PRO_INT",
        "Trung cấp chuyên môn (Hành chính, Luật, Kế toán)",
        "degree",
        "pro",
        "intermediate",
        24,
        {"edu": "lower_secondary"},
        45,
        None,
        COMMUNE,
        ("CDCD",),
        (9,),
        (40, 60),
    ),
    DemoProgramme(
        "EDU_HS",
        "Bổ túc văn hóa trung học phổ thông",
        "degree",
        "edu",
        U,
        24,
        {"edu": "lower_secondary"},
        45,
        None,
        COMMUNE,
        ("GDTX",),
        (9,),
        (35, 50),
    ),
    DemoProgramme(
        "POL_ELEM",
        "Sơ cấp lý luận chính trị",
        "certificate",
        "pol",
        "elementary",
        3,
        {},
        None,
        None,
        ("DIST_CIVIL", "COMM_CADRE", "COMM_CIVIL"),
        ("district",),
        (4, 5, 6),
        (40, 70),
    ),
    DemoProgramme(
        "POL_INT",
        "Trung cấp lý luận chính trị - hành chính",
        "certificate",
        "pol",
        "intermediate",
        8,
        {"edu": U},
        None,
        None,
        ALL,
        ("TCT",),
        (3, 4, 9),
        (45, 60),
    ),
    DemoProgramme(
        "POL_ADV",
        "Cao cấp lý luận chính trị",
        "certificate",
        "pol",
        "advanced",
        12,
        {"pro": "bachelor", "pol": "intermediate"},
        50,
        5,
        ("TU", "PROV_LEAD", "DIST_LEAD"),
        ("HVCTQG",),
        (3, 9),
        (30, 60),
    ),
    DemoProgramme(
        "SM_SPEC",
        "Bồi dưỡng ngạch chuyên viên",
        "certificate",
        "sm",
        "specialist",
        2,
        {"pro": "bachelor"},
        None,
        None,
        ("PROV_CIVIL", "DIST_LEAD", "DIST_CIVIL", "COMM_CIVIL"),
        ("TCT",),
        (5, 6),
        (50, 80),
    ),
    DemoProgramme(
        "SM_PRIN",
        "Bồi dưỡng ngạch chuyên viên chính",
        "certificate",
        "sm",
        "principal",
        3,
        {"pro": "bachelor", "sm": "specialist"},
        None,
        5,
        ("TU", "PROV_LEAD", "PROV_CIVIL", "DIST_LEAD"),
        ("HVHCQG", "TCT"),
        (6, 7),
        (30, 50),
    ),
    DemoProgramme(
        "SM_SENIOR",
        "Bồi dưỡng ngạch chuyên viên cao cấp",
        "certificate",
        "sm",
        "senior",
        4,
        {"pro": "bachelor", "pol": "advanced", "sm": "principal"},
        None,
        9,
        ("TU",),
        ("HVHCQG",),
        (8,),
        (5, 15),
    ),
    DemoProgramme(
        NQ05,
        "Học tập, quán triệt Nghị quyết 05-NQ/TU",
        "refresher",
        None,
        None,
        0,
        centres=("TCT", "district"),
        months=(3, 4, 5, 6),
        class_size=(80, 200),
    ),
    DemoProgramme(
        "SKILL_LEAD",
        "Bồi dưỡng kỹ năng lãnh đạo, quản lý",
        "refresher",
        None,
        None,
        1,
        categories=("TU", "PROV_LEAD", "DIST_LEAD"),
        months=(6, 7),
        class_size=(40, 60),
    ),
    DemoProgramme(
        "UPDATE_TU",
        "Cập nhật kiến thức cho cán bộ diện Ban Thường vụ Tỉnh ủy quản lý",
        "refresher",
        None,
        None,
        0,
        categories=("TU",),
        months=(11, 12),
        class_size=(60, 120),
    ),
    DemoProgramme(
        "COMM_SKILL",
        "Bồi dưỡng kiến thức, kỹ năng cho cán bộ, công chức cấp xã",
        "refresher",
        None,
        None,
        1,
        categories=COMMUNE,
        centres=("district",),
        months=(3, 4, 7, 8),
        class_size=(40, 80),
    ),
    DemoProgramme(
        "LANG_ETHNIC",
        "Bồi dưỡng tiếng dân tộc Thái, Mông",
        "refresher",
        None,
        None,
        3,
        categories=("PROV_CIVIL", "DIST_CIVIL"),
        centres=("district",),
        months=(7, 8),
        class_size=(30, 45),
    ),
)
PROGRAMME_BY_CODE = {p.code: p for p in PROGRAMMES}

#: (code, name, where its classes meet)
CENTRES: tuple[tuple[str, str, str], ...] = (
    ("TCT", "Trường Chính trị tỉnh Lai Châu", "Thành phố Lai Châu"),
    ("HVCTQG", "Học viện Chính trị quốc gia Hồ Chí Minh", "Hà Nội"),
    ("HVHCQG", "Học viện Hành chính Quốc gia", "Hà Nội"),
    ("DHTN", "Đại học Thái Nguyên", "Thành phố Lai Châu (lớp liên kết)"),
    ("DHLHN", "Trường Đại học Luật Hà Nội", "Hà Nội"),
    ("DHQGHN", "Đại học Quốc gia Hà Nội", "Hà Nội"),
    ("CDCD", "Trường Cao đẳng Cộng đồng Lai Châu", "Thành phố Lai Châu"),
    ("GDTX", "Trung tâm Giáo dục thường xuyên tỉnh Lai Châu", "Thành phố Lai Châu"),
)


def _district_centres(districts: list[DemoUnit]) -> list[tuple[str, str, str]]:
    found = []
    for district in districts:
        place = district.name.replace("Huyện ", "huyện ").replace("Thành phố ", "thành phố ")
        found.append((f"TTCT-{district.code}", f"Trung tâm Bồi dưỡng chính trị {place}", district.name))
    return found


def centre_rows(districts: list[DemoUnit]) -> list[dict]:
    """The centres: the fixed ones, then one political centre per district (code TTCT-Hnn)."""
    centres = list(CENTRES) + _district_centres(districts)
    return [{"id": i, "code": code, "name": name} for i, (code, name, _) in enumerate(centres, start=1)]


def centre_places(districts: list[DemoUnit]) -> dict[str, str]:
    """Where each centre's classes meet, by centre code."""
    return {code: place for code, _, place in list(CENTRES) + _district_centres(districts)}
