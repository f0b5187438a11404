"""Periods, targets, unit quotas, the report's indicators and the settings, after the review of
the resolution (e.g. 200 master's degrees and 5 doctorates in 2011-2015)."""

from __future__ import annotations

import random
from datetime import date

from nq05.demo.plans import Quota
from nq05.demo.programmes import NQ05
from nq05.demo.units import DemoUnit
from nq05.domain.codes import SETTING_DEFAULTS

PERIODS = (
    ("2011-2015", date(2011, 1, 1), date(2015, 12, 31)),
    ("2016-2020", date(2016, 1, 1), date(2020, 12, 31)),
)

#: province-wide count targets: (period, track, level, category, value at scale 1)
COUNT_TARGETS = (
    ("2011-2015", "pro", "master", None, 200),
    ("2011-2015", "pro", "doctor", None, 5),
    ("2011-2015", "pol", "advanced", None, 120),
    ("2011-2015", "sm", "principal", None, 350),
    ("2011-2015", "pol", "intermediate", "COMM_CADRE", 250),
    ("2011-2015", "edu", "upper_secondary", "COMM_CADRE", 150),
    ("2016-2020", "pro", "master", None, 150),
    ("2016-2020", "pro", "doctor", None, 8),
    ("2016-2020", "pol", "advanced", None, 150),
)

#: (category, track, min level, share target 2011-2015, share target 2016-2020): the review's table
INDICATORS = (
    ("TU", "pro", "bachelor", 100, 100),
    ("TU", "pol", "advanced", 100, 100),
    ("TU", "sm", "principal", 90, 100),
    ("PROV_LEAD", "pro", "bachelor", 100, 100),
    ("PROV_LEAD", "pol", "intermediate", 90, 100),
    ("PROV_LEAD", "sm", "specialist", 90, 100),
    ("PROV_CIVIL", "pro", "bachelor", 90, 95),
    ("PROV_CIVIL", "pol", "intermediate", None, None),
    ("PROV_CIVIL", "sm", "specialist", 80, 90),
    ("DIST_LEAD", "pro", "bachelor", 95, 100),
    ("DIST_LEAD", "pol", "intermediate", 90, 100),
    ("DIST_LEAD", "sm", "specialist", None, None),
    ("DIST_CIVIL", "pro", "bachelor", 80, 90),
    ("DIST_CIVIL", "pol", "intermediate", None, None),
    ("DIST_CIVIL", "sm", "specialist", 70, 80),
    ("COMM_CADRE", "edu", "upper_secondary", 80, 90),
    ("COMM_CADRE", "pro", "intermediate", 70, 85),
    ("COMM_CADRE", "pol", "intermediate", 70, 85),
    ("COMM_CIVIL", "edu", "upper_secondary", 90, 100),
    ("COMM_CIVIL", "pro", "intermediate", 90, 100),
    ("COMM_CIVIL", "pol", "elementary", None, None),
    (None, "pro", "master", None, None),
)


def settings_rows() -> list[dict]:
    return [{"key": key, "value": value} for key, value in SETTING_DEFAULTS.items()]


def period_rows() -> list[dict]:
    return [
        {"id": i, "code": code, "start_date": start, "end_date": end}
        for i, (code, start, end) in enumerate(PERIODS, start=1)
    ]


def quotas(rng: random.Random, units: list[DemoUnit]) -> list[Quota]:
    """Unit quotas: every district a number of intermediate political theory graduates, a few
    departments a number of master's degrees, in each period."""
    found = []
    for _code, start, end in PERIODS:
        years = tuple(range(start.year, end.year + 1))
        for unit in units:
            if unit.kind == "district":
                found.append(Quota(unit.id, "POL_INT", years, rng.randint(20, 35)))
            elif unit.kind in ("gov", "party") and rng.random() < 0.3:
                found.append(Quota(unit.id, "MASTER", years, rng.randint(4, 10)))
    return found


QUOTA_LEVEL = {"POL_INT": ("pol", "intermediate"), "MASTER": ("pro", "master")}


def target_rows(scale: float, unit_quotas: list[Quota]) -> list[dict]:
    period_id = {code: i for i, (code, _, _) in enumerate(PERIODS, start=1)}
    rows = []
    for period, track, level, category, value in COUNT_TARGETS:
        rows.append(
            {
                "period_id": period_id[period],
                "kind": "count",
                "track": track,
                "level": level,
                "category": category,
                "unit_id": None,
                "value": float(max(1, round(value * scale))),
            }
        )
    for quota in unit_quotas:
        track, level = QUOTA_LEVEL[quota.programme]
        period = f"{quota.years[0]}-{quota.years[-1]}"
        rows.append(
            {
                "period_id": period_id[period],
                "kind": "count",
                "track": track,
                "level": level,
                "category": None,
                "unit_id": quota.unit_id,
                "value": float(quota.value),
            }
        )
    for category, track, level, first, second in INDICATORS:
        for period, value in (("2011-2015", first), ("2016-2020", second)):
            if value is not None and category is not None:
                rows.append(
                    {
                        "period_id": period_id[period],
                        "kind": "share",
                        "track": track,
                        "level": level,
                        "category": category,
                        "unit_id": None,
                        "value": float(value),
                    }
                )
    return [{"id": i, **row} for i, row in enumerate(rows, start=1)]


def indicator_rows(programme_ids: dict[str, int]) -> list[dict]:
    rows = [
        {"category": c, "track": t, "min_level": lv, "programme_id": None} for c, t, lv, _, _ in INDICATORS
    ]
    rows.append({"category": None, "track": None, "min_level": None, "programme_id": programme_ids[NQ05]})
    return [{"id": i, "position": i, **row} for i, row in enumerate(rows, start=1)]
