"""The stored results as written: a finding's or a target row's columns, as a dict or as a line of
PostgreSQL's COPY text format, and the bulk insert of many rows."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import JSON

from nq05.extensions import db
from nq05.progress.gaps import GapRow
from nq05.progress.realism.findings import Finding

#: rows per executemany where there is no COPY (bounds the memory of the bound parameters)
INSERT_BATCH = 5_000


def stored_finding(f: Finding, position: int, as_of, now, fingerprint) -> dict:
    return dict(
        year=f.year,
        code=f.code,
        unit_id=f.unit_id,
        unit_code=f.unit,
        programme=f.programme,
        category=f.category,
        person=f.person,
        person_name=f.person_name,
        class_code=f.class_code,
        figures=f.figures_json(),
        details=f.details,
        plan_id=f.plan_id,
        line_id=f.line_id,
        person_id=f.person_id,
        class_id=f.class_id,
        position=position,
        as_of=as_of,
        computed_at=now,
        fingerprint=fingerprint,
    )


class CopyLines(list):
    """Rows already written as lines of COPY's text format (``copy_line``), in ``columns``."""

    def __init__(self, columns):
        super().__init__()
        self.columns = tuple(columns)


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text(value, as_json: bool = False) -> str:
    """One value in COPY's text format, as psycopg's ``write_row`` sends it."""
    if value is None:
        return "\\N"
    if as_json:
        value = json.dumps(value)
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    if isinstance(value, date):  # and datetime
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"no COPY text for {value!r}")


def copy_line(row: dict, as_json: frozenset) -> str:
    return "\t".join(copy_text(value, name in as_json) for name, value in row.items()) + "\n"


def _text(value: str | None) -> str:
    """``copy_text`` of a str or None, without translating the (nearly all) strings that need no
    escape."""
    if value is None:
        return "\\N"
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.translate(_COPY_ESCAPES)
    return value


def _number(value: int | None) -> str:
    return "\\N" if value is None else str(value)


def _json(value) -> str:
    """``copy_text(value, as_json=True)``: ``json.dumps`` writes non-ASCII and control characters
    as escapes, so a backslash is the one character to escape."""
    if value is None:
        return "\\N"
    return json.dumps(value).replace("\\", "\\\\")


def finding_line(f: Finding, position: int, tail: str) -> str:
    """``copy_line(stored_finding(f, position, ...))`` without the dict: a recompute writes one
    per finding (190,000 at national size). ``tail``: the last columns' text (``finding_tail``)."""
    return "\t".join(
        (
            str(f.year),
            _text(f.code),
            _number(f.unit_id),
            _text(f.unit),
            _text(f.programme),
            _text(f.category),
            _text(f.person),
            _text(f.person_name),
            _text(f.class_code),
            _json(f.figures_json()),
            _json(f.details),
            _number(f.plan_id),
            _number(f.line_id),
            _number(f.person_id),
            _number(f.class_id),
            str(position),
            tail,
        )
    )


def finding_tail(as_of, now, fingerprint) -> str:
    """The text of a stored finding's last columns (as of, computed at, fingerprint) and the end
    of its line: the same for every finding of a recompute."""
    return "\t".join(copy_text(v) for v in (as_of, now, fingerprint)) + "\n"


#: the columns of ``stored_finding``'s rows, in order
FINDING_COLUMNS = tuple(stored_finding(Finding("", None, 0), 0, None, None, None))


def stored_gap(period_id: int, row: GapRow, position: int, as_of, now, fingerprint) -> dict:
    return dict(
        period_id=period_id,
        target_id=row.target_id,
        track=row.track,
        level=row.level,
        category=row.category,
        unit_id=row.unit_id,
        unit_code=row.unit,
        target=float(row.target),
        planned=row.planned,
        named=row.named,
        nominated=row.nominated,
        completed=row.completed,
        gap=float(row.gap),
        pct=row.pct,
        status=row.status,
        position=position,
        as_of=as_of,
        computed_at=now,
        fingerprint=fingerprint,
    )


def insert_rows(model, rows: list[dict]) -> None:
    """Write many rows in the session's transaction, in a few large batches: PostgreSQL's COPY;
    elsewhere one executemany per ``INSERT_BATCH`` rows. Not the ORM's bulk insert: it leaves out
    a row's None columns and batches only rows with the same columns left, so 80,000 findings
    went out in 15,000 statements."""
    if not rows:
        return
    table = model.__table__
    connection = db.session.connection()
    if isinstance(rows, CopyLines):
        copy_sql = f"COPY {table.name} ({', '.join(rows.columns)}) FROM STDIN"
        with connection.connection.driver_connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
            for start in range(0, len(rows), INSERT_BATCH):
                copy.write("".join(rows[start : start + INSERT_BATCH]))
        return
    columns = list(rows[0])
    if connection.dialect.name != "postgresql":
        for start in range(0, len(rows), INSERT_BATCH):
            connection.execute(table.insert(), rows[start : start + INSERT_BATCH])
        return
    as_json = {name for name in columns if isinstance(table.c[name].type, JSON)}
    copy_sql = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
    with connection.connection.driver_connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
        for row in rows:
            copy.write_row([json.dumps(row[c]) if c in as_json else row[c] for c in columns])
