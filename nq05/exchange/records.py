"""A bundle's typed rows, and the outcome of checking them (what validate.py and rules.py share)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nq05.domain.fields import Problem
from nq05.exchange.errors import BundleError


@dataclass
class Record:
    """A typed row: from the bundle (with its line) or already in the database (line None)."""

    file: str
    line: int | None
    values: dict[str, Any]

    def __getitem__(self, column: str) -> Any:
        return self.values[column]

    @property
    def in_database(self) -> bool:
        return self.line is None


@dataclass
class Checked:
    """The outcome of validation: the bundle's records by file, and the faults."""

    records: dict[str, list[Record]] = field(default_factory=dict)
    errors: list[BundleError] = field(default_factory=list)
    #: how errors name each file (``units.csv`` or the sheet ``units``)
    display: dict[str, str] = field(default_factory=dict)
    #: files whose rows could not be read: references to them are not checked
    broken: set[str] = field(default_factory=set)
    #: the day birth dates are checked against
    today: date = field(default_factory=date.today)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, record: Record, column: str, message_key: str, **values) -> None:
        self.errors.append(BundleError(self.display[record.file], record.line, column, message_key, values))

    def problem(self, record: Record, column: str, problem: Problem) -> None:
        self.error(record, column, problem.key, **problem.params)
