"""The demo's sign-in accounts: one per role, and a second unit head to try scoping with."""

from __future__ import annotations

from dataclasses import dataclass

from nq05.demo.units import DemoUnit


@dataclass(frozen=True)
class DemoLogin:
    email: str
    full_name: str
    role: str
    password: str
    #: what the account is for, in Vietnamese
    note: str
    unit_code: str | None = None
    centre_code: str | None = None


def demo_logins(units: list[DemoUnit]) -> list[DemoLogin]:
    districts = [u for u in units if u.level == "district"]
    district = districts[1] if len(districts) > 1 else districts[0]
    department = next(u for u in units if u.kind in ("gov", "party"))
    return [
        DemoLogin(
            "admin@laichau.example.org",
            "Quản trị hệ thống",
            "admin",
            "admin-demo",
            "Ban Tổ chức / Sở Nội vụ: toàn quyền",
        ),
        DemoLogin(
            "thutruong.huyen@laichau.example.org",
            "Lò Văn Chung",
            "unit_head",
            "unit-demo",
            f"Thủ trưởng đơn vị: {district.name} ({district.code})",
            unit_code=district.code,
        ),
        DemoLogin(
            "thutruong.so@laichau.example.org",
            "Nguyễn Thị Hồng Nhung",
            "unit_head",
            "unit-demo",
            f"Thủ trưởng đơn vị khác: {department.name} ({department.code})",
            unit_code=department.code,
        ),
        DemoLogin(
            "daotao.tct@laichau.example.org",
            "Đèo Thị Thắm",
            "centre_staff",
            "centre-demo",
            "Cơ sở đào tạo: Trường Chính trị tỉnh Lai Châu (TCT)",
            centre_code="TCT",
        ),
    ]
