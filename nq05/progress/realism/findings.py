"""A realism finding, its order and its JSON form (realism.md, "JSON output")."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from nq05.domain.levels import track_order
from nq05.progress.realism.messages import finding_fix, finding_message

#: severity of each rule, in the order of realism.md
SEVERITIES: dict[str, str] = {
    "MISSING_PLAN": "error",
    "OVER_POOL": "error",
    "INELIGIBLE_NOMINEE": "error",
    "OVER_CAPACITY": "warning",
    "UNCOVERED_STANDARD_GAP": "warning",
    "BEHIND_PACE": "warning",
    "LOW_EXECUTION": "warning",
    "NO_NAMED_SOURCE": "warning",
    "STALE_PLAN": "warning",
    "SUCCESSION_UNLINKED": "info",
}
RULE_CODES = tuple(SEVERITIES)


@dataclass
class Finding:
    """One thing wrong with a unit's plan for a year, with the numbers that show it."""

    code: str
    unit: str | None
    year: int
    programme: str | None = None
    category: str | None = None
    person: str | None = None
    #: the class code (``class`` in JSON)
    class_code: str | None = None
    figures: dict = field(default_factory=dict)
    # Row ids for the web pages (links, attaching a finding to its plan line); not in the JSON.
    unit_id: int | None = None
    plan_id: int | None = None
    line_id: int | None = None
    person_id: int | None = None
    class_id: int | None = None
    #: the person's full name, for messages
    person_name: str | None = None
    #: what the wording needs beyond the figures (names, the numbers behind a reason, the years
    #: looked at; nq05.progress.realism.details): JSON values, never in the JSON output
    details: dict = field(default_factory=dict)

    @property
    def severity(self) -> str:
        return SEVERITIES[self.code]

    def message(self) -> str:
        """What is wrong, with its numbers, in the current language."""
        return finding_message(self)

    def fix(self) -> str | None:
        """A hint for the plan page: what change would clear the finding."""
        return finding_fix(self)

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "unit": self.unit,
            "year": self.year,
            "programme": self.programme,
            "category": self.category,
            "person": self.person,
            "class": self.class_code,
            "figures": self.figures_json(),
            "message": self.message(),
        }

    def figures_json(self) -> dict:
        """The figures as in the JSON output (dates as YYYY-MM-DD)."""
        return {k: _json_value(v) for k, v in self.figures.items()}


def _json_value(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return value


def _nulls_first(value):
    return (0, "") if value is None else (1, value)


def sort_key(f: Finding):
    """unit, code, programme, category, person, class, then figures.track in domain order; nulls first."""
    return (
        _nulls_first(f.unit),
        f.code,
        _nulls_first(f.programme),
        _nulls_first(f.category),
        _nulls_first(f.person),
        _nulls_first(f.class_code),
        track_order(f.figures.get("track")),
    )


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=sort_key)


def findings_json(year: int, as_of: date, findings: list[Finding]) -> dict:
    return {
        "year": year,
        "as_of": as_of.isoformat(),
        "findings": [f.to_json() for f in sorted_findings(findings)],
    }
