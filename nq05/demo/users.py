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
    #: what the account is for: the key of a ``demo_login_*`` CLI message, and the unit or centre
    purpose: str
    place: str = ""
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
            "admin",
        ),
        DemoLogin(
            "thutruong.huyen@laichau.example.org",
            "Lò Văn Chung",
            "unit_head",
            "unit-demo",
            "unit_head",
            f"{district.name} ({district.code})",
            unit_code=district.code,
        ),
        DemoLogin(
            "thutruong.so@laichau.example.org",
            "Nguyễn Thị Hồng Nhung",
            "unit_head",
            "unit-demo",
            "other_unit_head",
            f"{department.name} ({department.code})",
            unit_code=department.code,
        ),
        DemoLogin(
            "daotao.tct@laichau.example.org",
            "Đèo Thị Thắm",
            "centre_staff",
            "centre-demo",
            "centre",
            "Trường Chính trị tỉnh Lai Châu (TCT)",
            centre_code="TCT",
        ),
    ]
