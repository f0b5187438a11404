"""The qualifications a person brings: general education, a degree, political theory, state
management, each with its award date, in proportions typical of a mountain province around 2010.

Commune staff are often below their post's standard (lower secondary school only, no political
theory); provincial staff mostly hold a bachelor's degree; leaders advanced political theory.
"""

from __future__ import annotations

import random
from datetime import date

from nq05.demo.timeline import BASELINE, random_date, shared
from nq05.domain.levels import rank
from nq05.domain.people import add_years

Qual = tuple[str, str, "date | None"]

#: category -> track -> {level: weight}: the levels a person of that category holds on joining
LEVEL_WEIGHTS: dict[str, dict[str, dict[str, int]]] = {
    "TU": {
        "edu": {"upper_secondary": 100},
        "pro": {"intermediate": 2, "college": 3, "bachelor": 62, "master": 31, "doctor": 2},
        "pol": {"elementary": 3, "intermediate": 25, "advanced": 72},
        "sm": {"none": 6, "specialist": 32, "principal": 54, "senior": 8},
    },
    "PROV_LEAD": {
        "edu": {"upper_secondary": 100},
        "pro": {"intermediate": 3, "college": 4, "bachelor": 78, "master": 15},
        "pol": {"none": 14, "elementary": 16, "intermediate": 55, "advanced": 15},
        "sm": {"none": 20, "specialist": 60, "principal": 20},
    },
    "PROV_CIVIL": {
        "edu": {"lower_secondary": 1, "upper_secondary": 99},
        "pro": {"none": 1, "elementary": 1, "intermediate": 10, "college": 10, "bachelor": 72, "master": 6},
        "pol": {"none": 40, "elementary": 35, "intermediate": 20, "advanced": 5},
        "sm": {"none": 40, "specialist": 55, "principal": 5},
    },
    "DIST_LEAD": {
        "edu": {"lower_secondary": 2, "upper_secondary": 98},
        "pro": {"intermediate": 15, "college": 12, "bachelor": 70, "master": 3},
        "pol": {"none": 10, "elementary": 25, "intermediate": 55, "advanced": 10},
        "sm": {"none": 40, "specialist": 55, "principal": 5},
    },
    "DIST_CIVIL": {
        "edu": {"lower_secondary": 5, "upper_secondary": 95},
        "pro": {"none": 2, "elementary": 3, "intermediate": 25, "college": 20, "bachelor": 50},
        "pol": {"none": 45, "elementary": 35, "intermediate": 18, "advanced": 2},
        "sm": {"none": 55, "specialist": 45},
    },
    "COMM_CADRE": {
        "edu": {"primary": 10, "lower_secondary": 35, "upper_secondary": 55},
        "pro": {"none": 30, "elementary": 20, "intermediate": 38, "college": 5, "bachelor": 7},
        "pol": {"none": 15, "elementary": 40, "intermediate": 43, "advanced": 2},
        "sm": {"none": 95, "specialist": 5},
    },
    "COMM_CIVIL": {
        "edu": {"primary": 5, "lower_secondary": 25, "upper_secondary": 70},
        "pro": {"none": 12, "elementary": 13, "intermediate": 55, "college": 8, "bachelor": 12},
        "pol": {"none": 55, "elementary": 35, "intermediate": 10},
        "sm": {"none": 90, "specialist": 10},
    },
}
#: ethnic groups whose commune staff more often finished only lower secondary school
REMOTE_GROUPS = ("Mông", "Hà Nhì", "La Hủ", "Dao", "Cống", "Mảng")
YOUNG_HIRE = {"pol": {"none": 85, "elementary": 15}, "sm": {"none": 80, "specialist": 20}}


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def initial_levels(rng: random.Random, category: str, ethnicity: str, veteran: bool) -> dict[str, str]:
    """The levels a person holds on joining, consistent across tracks."""
    weights = dict(LEVEL_WEIGHTS[category])
    if category.startswith("COMM") and ethnicity in REMOTE_GROUPS:
        weights["edu"] = {"primary": 13, "lower_secondary": 42, "upper_secondary": 45}
    if not veteran and category in ("PROV_CIVIL", "DIST_CIVIL", "COMM_CIVIL"):
        weights.update(YOUNG_HIRE)
    levels = {track: _pick(rng, w) for track, w in weights.items()}
    if rank("pro", levels["pro"]) >= rank("pro", "college"):
        levels["edu"] = "upper_secondary"
    elif levels["pro"] == "intermediate" and levels["edu"] == "primary":
        levels["edu"] = "lower_secondary"
    if levels["pol"] == "advanced" and rank("pro", levels["pro"]) < rank("pro", "bachelor"):
        levels["pol"] = "intermediate"
    return levels


def initial_qualifications(
    rng: random.Random, levels: dict[str, str], birth: date, joined: date, veteran: bool
) -> list[Qual]:
    """Dated qualification rows reaching ``levels``: school at 15 or 18, a degree in the early
    twenties, political theory and state management during the career (before 2011 for staff
    already in post in 2005, before joining for the others). Old records sometimes lack a date."""
    cap = BASELINE if veteran else joined
    quals: list[Qual] = []

    def add(track: str, level: str, first: date, last: date) -> date:
        day = random_date(rng, first, min(last, cap))
        quals.append((track, level, None if veteran and rng.random() < 0.05 else shared(day)))
        return day

    edu = levels["edu"]
    if edu == "upper_secondary":
        add("edu", edu, add_years(birth, 18), add_years(birth, 18))
    elif edu == "lower_secondary":
        add("edu", edu, add_years(birth, 15), add_years(birth, 15))

    pro = levels["pro"]
    if pro in ("elementary", "intermediate"):
        add("pro", pro, add_years(birth, 19), add_years(birth, 22))
    elif pro in ("college", "bachelor", "master", "doctor"):
        if pro != "college" and rng.random() < 0.25:
            add("pro", "intermediate", add_years(birth, 19), add_years(birth, 21))
        first = "college" if pro == "college" else "bachelor"
        day = add("pro", first, add_years(birth, 21), add_years(birth, 26))
        if pro in ("master", "doctor"):
            day = add("pro", "master", add_years(day, 2), add_years(day, 8))
        if pro == "doctor":
            add("pro", "doctor", add_years(day, 3), add_years(day, 6))

    career_start = max(add_years(birth, 23), add_years(joined, -10))
    for track, chain in (
        ("pol", ("elementary", "intermediate", "advanced")),
        ("sm", ("specialist", "principal", "senior")),
    ):
        level = levels[track]
        if level == "none":
            continue
        day = career_start
        for lower in chain[: chain.index(level)]:
            if rng.random() < 0.4:
                day = add(track, lower, day, add_years(day, 4))
        add(track, level, day, add_years(day, 8))
    return quals


#: later upgrades people earn on their own (outside the province's classes): track -> from -> to
SELF_STUDY: dict[str, dict[str, str]] = {
    "edu": {"primary": "lower_secondary", "lower_secondary": "upper_secondary"},
    "pro": {
        "none": "elementary",
        "elementary": "intermediate",
        "intermediate": "college",
        "college": "bachelor",
        "bachelor": "master",
    },
}
