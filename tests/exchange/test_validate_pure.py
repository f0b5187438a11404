"""The checks are pure functions over rows: no Flask, no database."""

from __future__ import annotations

from datetime import date

from flask_babel import force_locale

from nq05.exchange.readers import RawBundle, Row, Sheet
from nq05.exchange.validate import validate

UNITS = Sheet(
    "units",
    "units.csv",
    ["code", "name", "level", "parent_code"],
    [Row(2, {"code": "T", "name": "Tỉnh", "level": "province", "parent_code": None})],
)


def _bundle(*sheets: Sheet) -> RawBundle:
    raw = RawBundle()
    for sheet in (UNITS, *sheets):
        raw.sheets[sheet.name] = sheet
    return raw


def _people(*rows: dict) -> Sheet:
    header = ["id", "full_name", "gender", "birth_date", "ethnicity", "email", "planned_position"]
    return Sheet(
        "people",
        "people.csv",
        header,
        [Row(i + 2, {c: r.get(c) for c in header}) for i, r in enumerate(rows)],
    )


def test_values_are_typed():
    checked = validate(
        _bundle(_people({"id": "A", "full_name": "An", "gender": "M", "birth_date": "1980-05-01"}))
    )

    assert checked.ok
    assert checked.records["people"][0].values["birth_date"] == date(1980, 5, 1)


def test_errors_carry_file_line_column_and_message(app):
    checked = validate(
        _bundle(_people({"id": "A", "full_name": "An", "gender": "M", "birth_date": "1980-02-30"}))
    )

    assert [str(e) for e in checked.errors] == [
        "people.csv:2: birth_date: ngày '1980-02-30' không hợp lệ (cần YYYY-MM-DD)"
    ]
    with app.app_context(), force_locale("en"):  # worded when shown, in the reader's language
        assert (
            str(checked.errors[0]) == "people.csv:2: birth_date: bad date '1980-02-30' (expected YYYY-MM-DD)"
        )
    error = checked.errors[0]
    assert (error.file, error.line, error.column, error.message_key) == (
        "people.csv",
        2,
        "birth_date",
        "bad_date",
    )


def test_rows_in_the_database_count_for_keys_and_references():
    existing = {"units": [{"code": "H", "name": "Huyện", "level": "district", "parent_code": None}]}
    units = Sheet(
        "units",
        "units.csv",
        ["code", "name", "level", "parent_code"],
        [
            Row(2, {"code": "X", "name": "Xã", "level": "commune", "parent_code": "H"}),
            Row(3, {"code": "H", "name": "Huyện", "level": "district", "parent_code": None}),
        ],
    )
    raw = RawBundle(sheets={"units": units})

    checked = validate(raw, existing)

    assert [(e.line, e.column, e.message_key) for e in checked.errors] == [(3, "code", "exists_in_database")]


def test_user_emails_are_compared_in_lower_case():
    header = ["email", "full_name", "role", "unit_code", "centre_code", "password"]
    users = Sheet(
        "users",
        "users.csv",
        header,
        [
            Row(2, {"email": "Admin@Example.org", "full_name": "A", "role": "admin"}),
            Row(3, {"email": "admin@example.org", "full_name": "B", "role": "admin"}),
        ],
    )

    checked = validate(_bundle(users))

    assert [(e.line, e.message_key) for e in checked.errors] == [(3, "duplicate_key")]
