"""The bundle's files, their columns and keys (shared/spec/bundle.md), described once.

The reader, the validator, the loader and the writer all walk this table, so a column added here
is read, checked and written everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from nq05.domain.codes import (
    CATEGORIES,
    ENROLMENT_STATUSES,
    GENDERS,
    PLAN_STATUSES,
    PROGRAMME_KINDS,
    ROLES,
    SETTING_DEFAULTS,
    TARGET_KINDS,
    UNIT_LEVELS,
)
from nq05.domain.fields import (
    BIRTH_DATE,
    CODE,
    COUNT,
    DURATION_MONTHS,
    EMAIL,
    MAX_AGE,
    MIN_SERVICE_YEARS,
    NAME,
    PASSWORD,
    SHORT_TEXT,
    TARGET_VALUE,
    VERSION,
    YEAR,
)
from nq05.domain.levels import TRACKS

# Column kinds: how a cell's text becomes a value.
TEXT = "text"
DATE = "date"
INT = "int"  # a whole number, not negative
NUMBER = "number"  # a decimal number, not negative
CHOICE = "choice"  # one of ``choices``
LEVEL = "level"  # a level of ``track`` (a fixed track, or the value of the column ``track_column``)
REF = "ref"  # the key of a row of the file ``ref``
REF_LIST = "ref_list"  # ';'-separated keys of rows of the file ``ref``


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    track: str | None = None
    track_column: str | None = None
    ref: str | None = None
    #: compared and stored in lower case (e-mail addresses, as the sign-in form does)
    lowercase: bool = False
    #: the shared field rule (nq05.domain.fields) the value must pass, as on the web
    rule: object = None


@dataclass(frozen=True)
class BundleFile:
    #: the file name without ``.csv``, also the sheet name in a workbook
    name: str
    columns: tuple[Column, ...]
    #: the columns whose values identify a row (a repeated key is an error)
    key: tuple[str, ...]

    @property
    def csv_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _req(name: str, kind: str = TEXT, **kw) -> Column:
    return Column(name, kind, required=True, **kw)


def _levels(prefix: str) -> tuple[Column, ...]:
    return tuple(Column(f"{prefix}_{t}", LEVEL, track=t) for t in TRACKS)


#: Every file of a bundle, in the order they are loaded (a file only refers to files before it).
FILES: tuple[BundleFile, ...] = (
    BundleFile(
        "settings",
        (_req("key", CHOICE, choices=tuple(SETTING_DEFAULTS)), _req("value", rule=NAME)),
        ("key",),
    ),
    BundleFile(
        "units",
        (
            _req("code", rule=CODE),
            _req("name", rule=NAME),
            _req("level", CHOICE, choices=UNIT_LEVELS),
            Column("parent_code", REF, ref="units"),
        ),
        ("code",),
    ),
    BundleFile("positions", (_req("code", rule=CODE), _req("name", rule=NAME), *_levels("min")), ("code",)),
    BundleFile(
        "people",
        (
            _req("id", rule=CODE),
            _req("full_name", rule=NAME),
            _req("gender", CHOICE, choices=GENDERS),
            _req("birth_date", DATE, rule=BIRTH_DATE),
            Column("ethnicity", rule=SHORT_TEXT),
            Column("email", rule=EMAIL),
            Column("planned_position", REF, ref="positions"),
        ),
        ("id",),
    ),
    BundleFile(
        "assignments",
        (
            _req("person_id", REF, ref="people"),
            _req("unit_code", REF, ref="units"),
            _req("category", CHOICE, choices=CATEGORIES),
            _req("position_code", REF, ref="positions"),
            _req("start_date", DATE),
            Column("end_date", DATE),
        ),
        # overlapping assignments of one person are refused, which covers a repeated start
        (),
    ),
    BundleFile(
        "qualifications",
        (
            _req("person_id", REF, ref="people"),
            _req("track", CHOICE, choices=TRACKS),
            _req("level", LEVEL, track_column="track"),
            Column("awarded_on", DATE),
        ),
        ("person_id", "track", "level"),
    ),
    BundleFile(
        "programmes",
        (
            _req("code", rule=CODE),
            _req("name", rule=NAME),
            _req("kind", CHOICE, choices=PROGRAMME_KINDS),
            Column("track", CHOICE, choices=TRACKS),
            Column("level", LEVEL, track_column="track"),
            _req("duration_months", INT, rule=DURATION_MONTHS),
            *_levels("pre"),
            Column("max_age", INT, rule=MAX_AGE),
            Column("min_service_years", INT, rule=MIN_SERVICE_YEARS),
        ),
        ("code",),
    ),
    BundleFile("centres", (_req("code", rule=CODE), _req("name", rule=NAME)), ("code",)),
    BundleFile(
        "classes",
        (
            _req("code", rule=CODE),
            _req("programme_code", REF, ref="programmes"),
            _req("centre_code", REF, ref="centres"),
            _req("year", INT, rule=YEAR),
            _req("start_date", DATE),
            _req("end_date", DATE),
            _req("capacity", INT, rule=COUNT),
            Column("enrol_deadline", DATE),
        ),
        ("code",),
    ),
    BundleFile(
        "periods", (_req("code", rule=CODE), _req("start_date", DATE), _req("end_date", DATE)), ("code",)
    ),
    BundleFile(
        "targets",
        (
            _req("period_code", REF, ref="periods"),
            _req("kind", CHOICE, choices=TARGET_KINDS),
            _req("track", CHOICE, choices=TRACKS),
            _req("level", LEVEL, track_column="track"),
            Column("category", CHOICE, choices=CATEGORIES),
            Column("unit_code", REF, ref="units"),
            _req("value", NUMBER, rule=TARGET_VALUE),
        ),
        ("period_code", "kind", "track", "level", "category", "unit_code"),
    ),
    BundleFile(
        "indicators",
        (
            Column("category", CHOICE, choices=CATEGORIES),
            Column("track", CHOICE, choices=TRACKS),
            Column("min_level", LEVEL, track_column="track"),
            Column("programme_code", REF, ref="programmes"),
        ),
        ("category", "track", "min_level", "programme_code"),
    ),
    BundleFile(
        "plans",
        (
            _req("unit_code", REF, ref="units"),
            _req("year", INT, rule=YEAR),
            _req("version", INT, rule=VERSION),
            _req("status", CHOICE, choices=PLAN_STATUSES),
            Column("submitted_on", DATE),
            Column("decided_on", DATE),
        ),
        ("unit_code", "year", "version"),
    ),
    BundleFile(
        "plan_lines",
        (
            _req("unit_code", REF, ref="units"),
            _req("year", INT, rule=YEAR),
            _req("version", INT, rule=VERSION),
            _req("programme_code", REF, ref="programmes"),
            Column("category", CHOICE, choices=CATEGORIES),
            _req("planned_count", INT, rule=COUNT),
            Column("nominees", REF_LIST, ref="people"),
        ),
        ("unit_code", "year", "version", "programme_code", "category"),
    ),
    BundleFile(
        "enrollments",
        (
            _req("person_id", REF, ref="people"),
            _req("class_code", REF, ref="classes"),
            _req("status", CHOICE, choices=ENROLMENT_STATUSES),
            Column("nominated_on", DATE),
            Column("decided_on", DATE),
            Column("completed_on", DATE),
        ),
        ("person_id", "class_code"),
    ),
    BundleFile(
        "users",
        (
            _req("email", lowercase=True, rule=EMAIL),
            _req("full_name", rule=NAME),
            _req("role", CHOICE, choices=ROLES),
            Column("unit_code", REF, ref="units"),
            Column("centre_code", REF, ref="centres"),
            Column("password", rule=PASSWORD),
        ),
        ("email",),
    ),
)

FILES_BY_NAME: dict[str, BundleFile] = {f.name: f for f in FILES}
REQUIRED_FILES = ("units",)


def file_order(name: str) -> int:
    """Sort key: the place of a file in FILES (unknown files last)."""
    names = list(FILES_BY_NAME)
    return names.index(name) if name in FILES_BY_NAME else len(names)
