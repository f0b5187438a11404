"""A fault found in a bundle, reported as ``file:line: column: message``."""

from __future__ import annotations

from dataclasses import dataclass, field

from nq05.domain.fields import escaped
from nq05.exchange import messages  # noqa: F401  (registers the message texts)
from nq05.i18n_cli import cli_text

#: the column shown for a fault of a whole file or row rather than of one cell
NO_COLUMN = "-"


@dataclass(frozen=True)
class BundleError:
    #: the file as the user sees it: ``units.csv``, or the sheet name ``units`` in a workbook
    file: str
    #: physical line of the CSV file (header = 1), or row of the sheet
    line: int
    column: str
    #: key of the message in messages.py
    message_key: str
    values: dict = field(default_factory=dict, compare=False)

    def message(self) -> str:
        return cli_text(self.message_key, **self.values)

    def __str__(self) -> str:
        # names and values come from the file: a newline in a sheet name must not forge a line
        return escaped(f"{self.file}:{self.line}: {self.column}: {self.message()}")
