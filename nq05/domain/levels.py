"""Qualification tracks and the order of their levels (domain.md, lowest first)."""

from __future__ import annotations

TRACK_LEVELS: dict[str, tuple[str, ...]] = {
    "edu": ("primary", "lower_secondary", "upper_secondary"),
    "pro": ("none", "elementary", "intermediate", "college", "bachelor", "master", "doctor"),
    "pol": ("none", "elementary", "intermediate", "advanced"),
    "sm": ("none", "specialist", "principal", "senior"),
}
TRACKS: tuple[str, ...] = tuple(TRACK_LEVELS)


def is_level(track: str, level: str) -> bool:
    """True when ``level`` is one of ``track``'s levels."""
    return level in TRACK_LEVELS.get(track, ())


def rank(track: str, level: str) -> int:
    """Position of ``level`` on ``track``: 0 for the lowest level."""
    try:
        return TRACK_LEVELS[track].index(level)
    except (KeyError, ValueError):
        raise ValueError(f"{level!r} is not a level of track {track!r}") from None


def lowest(track: str) -> str:
    """The level a person holds on ``track`` with no qualification."""
    return TRACK_LEVELS[track][0]


def track_order(track: str | None) -> int:
    """Sort key for tracks in the order of domain.md (unknown or None first)."""
    return -1 if track is None else TRACKS.index(track)


def highest(track: str, levels: list[str] | tuple[str, ...]) -> str:
    """The highest of ``levels`` on ``track``, or the track's lowest level when there is none."""
    return max(levels, key=lambda lv: rank(track, lv), default=lowest(track))
