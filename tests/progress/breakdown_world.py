"""A hand-made province for the report's breakdowns, with every group figure worked out by hand.

Two units: U (district staff, DIST_CIVIL) and V (commune cadres, COMM_CADRE). Baseline 31/12/2010,
as of 01/03/2014, period 2011-2015.

| who | gender | ethnicity | where, when | pol | pro | NQ completed |
|---|---|---|---|---|---|---|
| A | F | Thái | U 2005- | intermediate 2009 | bachelor (undated) | 11/05/2012 |
| B | F | " kinh " | U 2005- | intermediate 2012 | - | |
| C | M | Kinh | U 2005- | - | master 2011 | 11/05/2012 |
| D | M | (none) | U 2005- | advanced 2013 | bachelor 2009 | |
| E | F | Mông | U 2012- | intermediate (undated) | college (undated) | 11/05/2012 and 10/05/2013 |
| F | M | Dao | U 2005-2012 | elementary 2008 | bachelor (undated) | 11/05/2012 (left before D) |
| G | M | "" | U 2005- | intermediate 2010 | - | |
| H | F | Thái | V 2005- | elementary 2011 | bachelor 2013 | 02/03/2014 (after D) |
| I | M | KINH | V 2005- | - | - | |
| J | F | Thái | no assignment | - | master 2012 | |

Indicators, in order: DIST_CIVIL pol >= intermediate; all staff pro >= bachelor; all staff
completed NQ; COMM_CADRE pol >= elementary. Count targets: pro master 3, pol intermediate 2,
pol advanced 1 (province-wide), and a unit quota and a category target that the report leaves out.
"""

from __future__ import annotations

from datetime import date

BASELINE = date(2010, 12, 31)
AS_OF = date(2014, 3, 1)
PERIOD = "2011-2015"


def build(world) -> dict:
    """The province above; returns its units by code."""
    u = world.unit("U")
    v = world.unit("V", level="commune")
    period = world.period(PERIOD)
    nq = world.programme("NQ")
    nq12 = world.training_class("NQ12", nq, 2012, "2012-05-10", "2012-05-11")
    nq13 = world.training_class("NQ13", nq, 2013, "2013-05-09", "2013-05-10")
    nq14 = world.training_class("NQ14", nq, 2014, "2014-03-01", "2014-03-02")

    def civil(code, gender, ethnicity, quals, start="2005-01-01", end=None):
        return world.person(code, u, gender=gender, ethnicity=ethnicity, quals=quals, start=start, end=end)

    a = civil("A", "F", "Thái", (("pol", "intermediate", "2009-03-01"), ("pro", "bachelor", None)))
    civil("B", "F", " kinh ", (("pol", "intermediate", "2012-07-01"),))
    c = civil("C", "M", "Kinh", (("pro", "master", "2011-06-01"),))
    civil("D", "M", None, (("pol", "advanced", "2013-01-15"), ("pro", "bachelor", "2009-01-01")))
    e = civil("E", "F", "Mông", (("pol", "intermediate", None), ("pro", "college", None)), start="2012-01-01")
    f = civil(
        "F", "M", "Dao", (("pol", "elementary", "2008-01-01"), ("pro", "bachelor", None)), end="2012-12-31"
    )
    civil("G", "M", "", (("pol", "intermediate", "2010-06-01"),))
    h = world.person(
        "H",
        v,
        gender="F",
        ethnicity="Thái",
        category="COMM_CADRE",
        quals=(("pol", "elementary", "2011-05-01"), ("pro", "bachelor", "2013-01-01")),
    )
    world.person("I", v, gender="M", ethnicity="KINH", category="COMM_CADRE", quals=())
    world.person("J", None, gender="F", ethnicity="Thái", quals=(("pro", "master", "2012-02-01"),))
    for person in (a, c, e, f):
        world.enrol(person, nq12, "completed", "2012-05-11")
    world.enrol(e, nq13, "completed", "2013-05-10")
    world.enrol(h, nq14, "completed", "2014-03-02")

    world.indicator(1, "DIST_CIVIL", "pol", "intermediate")
    world.indicator(2, None, "pro", "bachelor")
    world.indicator(3, None, None, None, nq)
    world.indicator(4, "COMM_CADRE", "pol", "elementary")
    world.target(period, "pro", "master", 3)
    world.target(period, "pol", "intermediate", 2)
    world.target(period, "pol", "advanced", 1)
    world.target(period, "pro", "master", 1, unit=u)
    world.target(period, "pol", "intermediate", 1, category="DIST_CIVIL")
    world.target(period, "pol", "intermediate", 90, kind="share", category="DIST_CIVIL")
    return {"U": u, "V": v}


def side(population, holders, share):
    return {"population": population, "holders": holders, "share": share}


def line(baseline, as_of, delta_pp, group=None):
    figures = {"baseline": side(*baseline), "as_of": side(*as_of), "delta_pp": delta_pp}
    return figures if group is None else {"group": group, **figures}


#: (population, holders, share) at the baseline and now, and delta_pp, counted by hand above
INDICATORS = [
    {
        "category": "DIST_CIVIL",
        "track": "pol",
        "min_level": "intermediate",
        "programme": None,
        # then A B C D F G, holders A G; now A B C D E G, holders A B D E G
        **line((6, 2, 33.3), (6, 5, 83.3), 50.0),
        "target": 90.0,
    },
    {
        "category": None,
        "track": "pro",
        "min_level": "bachelor",
        "programme": None,
        # then A B C D F G H I, holders A D F; now A B C D E G H I, holders A C D H
        **line((8, 3, 37.5), (8, 4, 50.0), 12.5),
        "target": None,
    },
    {
        "category": None,
        "track": None,
        "min_level": None,
        "programme": "NQ",
        # now holders A C E (F has left, H completed after D)
        **line((8, 0, 0.0), (8, 3, 37.5), 37.5),
        "target": None,
    },
    {
        "category": "COMM_CADRE",
        "track": "pol",
        "min_level": "elementary",
        "programme": None,
        **line((2, 0, 0.0), (2, 1, 50.0), 50.0),
        "target": None,
    },
]

GROUPS = {
    "gender": [
        [  # F: then A B, now A B E; M: then C D F G, now C D G
            line((2, 1, 50.0), (3, 3, 100.0), 50.0, "F"),
            line((4, 1, 25.0), (3, 2, 66.7), 41.7, "M"),
        ],
        [  # F: then A B H, now A B E H; M: then C D F G I, now C D G I
            line((3, 1, 33.3), (4, 2, 50.0), 16.7, "F"),
            line((5, 2, 40.0), (4, 2, 50.0), 10.0, "M"),
        ],
        [
            line((3, 0, 0.0), (4, 2, 50.0), 50.0, "F"),
            line((5, 0, 0.0), (4, 1, 25.0), 25.0, "M"),
        ],
        [
            line((1, 0, 0.0), (1, 1, 100.0), 100.0, "F"),
            line((1, 0, 0.0), (1, 0, 0.0), 0.0, "M"),
        ],
    ],
    "minority": [
        [  # minority: then A F, now A E; kinh: B C; unknown: D G
            line((2, 1, 50.0), (2, 2, 100.0), 50.0, "minority"),
            line((2, 0, 0.0), (2, 1, 50.0), 50.0, "kinh"),
            line((2, 1, 50.0), (2, 2, 100.0), 50.0, "unknown"),
        ],
        [  # minority: then A F H, now A E H; kinh: B C I; unknown: D G
            line((3, 2, 66.7), (3, 2, 66.7), 0.0, "minority"),
            line((3, 0, 0.0), (3, 1, 33.3), 33.3, "kinh"),
            line((2, 1, 50.0), (2, 1, 50.0), 0.0, "unknown"),
        ],
        [
            line((3, 0, 0.0), (3, 2, 66.7), 66.7, "minority"),
            line((3, 0, 0.0), (3, 1, 33.3), 33.3, "kinh"),
            line((2, 0, 0.0), (2, 0, 0.0), 0.0, "unknown"),
        ],
        [  # nobody of unknown ethnicity among the commune cadres: listed all the same
            line((1, 0, 0.0), (1, 1, 100.0), 100.0, "minority"),
            line((1, 0, 0.0), (1, 0, 0.0), 0.0, "kinh"),
            line((0, 0, 0.0), (0, 0, 0.0), 0.0, "unknown"),
        ],
    ],
}

#: master: C (M, Kinh) in 2011 and J (F, Thái, no post) in 2012; intermediate: B (F, " kinh ");
#: advanced: D (M, no ethnicity recorded). A (2009), E (undated), G (2010) reached it before.
COUNTS = [
    {"track": "pro", "level": "master", "target": 3, "achieved": 2, "pct": 66.7, "status": "below"},
    {"track": "pol", "level": "intermediate", "target": 2, "achieved": 1, "pct": 50.0, "status": "below"},
    {"track": "pol", "level": "advanced", "target": 1, "achieved": 1, "pct": 100.0, "status": "met"},
]
COUNT_GROUPS = {
    "gender": [{"F": 1, "M": 1}, {"F": 1, "M": 0}, {"F": 0, "M": 1}],
    "minority": [
        {"minority": 1, "kinh": 1, "unknown": 0},
        {"minority": 0, "kinh": 1, "unknown": 0},
        {"minority": 0, "kinh": 0, "unknown": 1},
    ],
}


def expected(by: str | None) -> dict:
    """The whole ``nq05 report --json`` object for the province above."""
    indicators = [dict(ind) for ind in INDICATORS]
    counts = [dict(c) for c in COUNTS]
    if by:
        for ind, groups in zip(indicators, GROUPS[by], strict=True):
            ind["groups"] = groups
        for count, groups in zip(counts, COUNT_GROUPS[by], strict=True):
            count["groups"] = [{"group": g, "achieved": n} for g, n in groups.items()]
    return {
        "baseline": BASELINE.isoformat(),
        "as_of": AS_OF.isoformat(),
        "indicators": indicators,
        "counts": counts,
    }
