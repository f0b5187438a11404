"""Typed access to the province's settings, with the defaults of domain.md."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from nq05.domain.codes import SETTING_DEFAULTS
from nq05.extensions import db
from nq05.reference.models import Setting


@dataclass(frozen=True)
class ProvinceSettings:
    retirement_age_male: int
    retirement_age_female: int
    plan_due_month_day: tuple[int, int]
    low_execution_threshold: float
    source_window_days: int
    stale_grace_days: int

    def plan_due_date(self, year: int) -> date:
        """The date a plan for ``year`` is due: a day of the year before."""
        month, day = self.plan_due_month_day
        try:
            return date(year - 1, month, day)
        except ValueError:  # 29 February in a common year
            return date(year - 1, month, 28)

    @classmethod
    def from_mapping(cls, values: dict[str, str]) -> ProvinceSettings:
        merged = {**SETTING_DEFAULTS, **values}
        month, day = (int(x) for x in merged["plan_due_month_day"].split("-"))
        return cls(
            retirement_age_male=int(merged["retirement_age_male"]),
            retirement_age_female=int(merged["retirement_age_female"]),
            plan_due_month_day=(month, day),
            low_execution_threshold=float(merged["low_execution_threshold"]),
            source_window_days=int(merged["source_window_days"]),
            stale_grace_days=int(merged["stale_grace_days"]),
        )


#: The official notices' keys (docs/dev/notify.md, "Official notices"): the body that signs every
#: e-mail, the contact it gives (name, phone, e-mail; empty parts are left out), and how many days a
#: unit has to resubmit a returned plan. Stored in the same ``settings`` table as domain.md's keys,
#: but not part of the bundle (domain.md's keys only travel in settings.csv).
NOTICE_SETTING_DEFAULTS: dict[str, str] = {
    "notice_sender": "Sở Nội vụ",
    "notice_contact_name": "Phòng Công chức, viên chức",
    "notice_contact_phone": "",
    "notice_contact_email": "",
    "notice_resubmit_days": "15",
}


@dataclass(frozen=True)
class NoticeSettings:
    """Who signs the official notices and whom to contact (keys ``notice_*``)."""

    sender: str
    contact_name: str
    contact_phone: str
    contact_email: str
    resubmit_days: int

    @classmethod
    def from_mapping(cls, values: dict[str, str]) -> NoticeSettings:
        merged = {
            **NOTICE_SETTING_DEFAULTS,
            **{k: v for k, v in values.items() if k in NOTICE_SETTING_DEFAULTS},
        }
        try:
            days = max(1, int(merged["notice_resubmit_days"]))
        except ValueError:
            days = int(NOTICE_SETTING_DEFAULTS["notice_resubmit_days"])
        return cls(
            sender=merged["notice_sender"].strip() or NOTICE_SETTING_DEFAULTS["notice_sender"],
            contact_name=merged["notice_contact_name"].strip(),
            contact_phone=merged["notice_contact_phone"].strip(),
            contact_email=merged["notice_contact_email"].strip(),
            resubmit_days=days,
        )


def load_notice_settings() -> NoticeSettings:
    """The notices' signature and contact, defaults filled in."""
    rows = db.session.execute(
        select(Setting.key, Setting.value).where(Setting.key.in_(NOTICE_SETTING_DEFAULTS))
    ).all()
    return NoticeSettings.from_mapping({k: v for k, v in rows})


def load_settings() -> ProvinceSettings:
    """The settings stored in the database, defaults filled in."""
    rows = db.session.execute(
        select(Setting.key, Setting.value).where(Setting.key.in_(SETTING_DEFAULTS))
    ).all()
    return ProvinceSettings.from_mapping({k: v for k, v in rows})
