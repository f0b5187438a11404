"""Check constraints built from the spec's code lists, shared by the models."""

from __future__ import annotations

from sqlalchemy import CheckConstraint

from nq05.domain.levels import TRACK_LEVELS


def one_of(column: str, values: tuple[str, ...], name: str) -> CheckConstraint:
    """A check constraint: ``column`` is NULL or one of ``values``."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IS NULL OR {column} IN ({quoted})", name=name)


def level_of_track(column: str, track: str, name: str) -> CheckConstraint:
    """A check constraint: ``column`` is NULL or a level of ``track``."""
    return one_of(column, TRACK_LEVELS[track], name)


def level_in_its_track(track_column: str, level_column: str, name: str) -> CheckConstraint:
    """A check constraint: the level belongs to the track given in the same row (both may be NULL)."""
    parts = [f"({track_column} IS NULL AND {level_column} IS NULL)"]
    for track, levels in TRACK_LEVELS.items():
        quoted = ", ".join(f"'{v}'" for v in levels)
        parts.append(f"({track_column} = '{track}' AND {level_column} IN ({quoted}))")
    return CheckConstraint(" OR ".join(parts), name=name)
