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


def load_settings() -> ProvinceSettings:
    """The settings stored in the database, defaults filled in."""
    rows = db.session.execute(select(Setting.key, Setting.value)).all()
    return ProvinceSettings.from_mapping({k: v for k, v in rows})
