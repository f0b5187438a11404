"""What changed between two versions of a plan: lines and names added, removed, changed.

Pure: a plan version is given as plain values, a mapping from the line key (programme code,
category or None) to ``LineContent``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LineKey = tuple[str, str | None]


@dataclass(frozen=True)
class LineContent:
    """What a line says: the planned number and who is named on it (person codes)."""

    planned: int
    named: frozenset[str] = frozenset()


@dataclass(frozen=True)
class LineChange:
    key: LineKey
    #: None when the line is new
    before: LineContent | None
    #: None when the line was removed
    after: LineContent | None

    @property
    def kind(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed"

    @property
    def names_added(self) -> list[str]:
        before = self.before.named if self.before else frozenset()
        after = self.after.named if self.after else frozenset()
        return sorted(after - before)

    @property
    def names_removed(self) -> list[str]:
        before = self.before.named if self.before else frozenset()
        after = self.after.named if self.after else frozenset()
        return sorted(before - after)

    @property
    def planned_changed(self) -> bool:
        return (
            self.before is not None and self.after is not None and self.before.planned != self.after.planned
        )


@dataclass(frozen=True)
class PlanDiff:
    changes: list[LineChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.changes

    def of_kind(self, kind: str) -> list[LineChange]:
        return [c for c in self.changes if c.kind == kind]


def _sort_key(key: LineKey) -> tuple[str, str]:
    programme, category = key
    return (programme, category or "")


def diff_plans(before: dict[LineKey, LineContent], after: dict[LineKey, LineContent]) -> PlanDiff:
    """The changes from ``before`` (the version in force, or {} when none) to ``after``."""
    changes = []
    for key in sorted(set(before) | set(after), key=_sort_key):
        old, new = before.get(key), after.get(key)
        if old != new:
            changes.append(LineChange(key, old, new))
    return PlanDiff(changes)
