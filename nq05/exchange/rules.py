"""Checks across rows and files: keys, references, date order, overlaps, statuses.

Pure functions over records; rows already in the database take part as records with no line, so
that a bundle added to a database is checked against what is there. Faults are reported on bundle
rows only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from nq05.domain.fields import setting_problem, target_problem
from nq05.exchange.files import FILES, REF, REF_LIST, BundleFile
from nq05.exchange.validate import Checked, Record


def check_rules(checked: Checked, existing: dict[str, list[Record]]) -> None:
    every = {bf.name: existing.get(bf.name, []) + checked.records.get(bf.name, []) for bf in FILES}
    for bf in FILES:
        if bf.name in checked.records:
            _check_keys(bf, checked, existing.get(bf.name, []))
            _check_references(bf, checked, every)
    records = checked.records
    _check_settings(records.get("settings", []), checked)
    _check_targets(records.get("targets", []), checked)
    _check_unit_cycles(records.get("units", []), every["units"], checked)
    for name in ("assignments", "classes", "periods"):
        _check_dates_in_order(records.get(name, []), checked)
    _check_overlaps(every["assignments"], "person_id", checked)
    _check_overlaps(every["periods"], None, checked)
    _check_programmes(records.get("programmes", []), checked)
    _check_indicators(records.get("indicators", []), checked)
    _check_plans(records.get("plans", []), checked)
    _check_plan_lines(records.get("plan_lines", []), every["plans"], checked)
    _check_enrolments(records.get("enrollments", []), checked)
    _check_users(records.get("users", []), checked)


def key_of(bf: BundleFile, record: Record) -> tuple:
    return tuple(record.values.get(c) for c in bf.key)


def _complete(bf: BundleFile, record: Record) -> bool:
    """False when a required part of the key is missing or unreadable (already reported)."""
    return all(record.values.get(c) is not None for c in bf.key if bf.column(c).required)


def _check_keys(bf: BundleFile, checked: Checked, existing: list[Record]) -> None:
    if not bf.key:
        return
    column = ",".join(bf.key)
    seen: dict[tuple, Record] = {key_of(bf, r): r for r in existing}
    for record in checked.records[bf.name]:
        if not _complete(bf, record):
            continue
        key = key_of(bf, record)
        first = seen.get(key)
        if first is None:
            seen[key] = record
        elif first.in_database:
            checked.error(record, column, "exists_in_database", code=_show(key))
        else:
            checked.error(record, column, "duplicate_key", code=_show(key), first=first.line)


def _show(key: tuple) -> str:
    return ", ".join("" if v is None else str(v) for v in key)


def _check_references(bf: BundleFile, checked: Checked, every: dict[str, list[Record]]) -> None:
    for column in bf.columns:
        if column.kind not in (REF, REF_LIST) or column.ref in checked.broken:
            continue
        target = next(f for f in FILES if f.name == column.ref)
        known = {r.values.get(target.key[0]) for r in every[target.name]}
        for record in checked.records[bf.name]:
            value = record.values[column.name]
            for code in value if column.kind == REF_LIST else [value]:
                if code is not None and code not in known:
                    checked.error(record, column.name, f"unknown_{target.name}", value=code)


def _check_settings(records: list[Record], checked: Checked) -> None:
    for record in records:
        key, value = record["key"], record["value"]
        if key is None or value is None:
            continue
        problem = setting_problem(key, value)
        if problem is not None:
            checked.error(record, "value", problem.key, value=value, setting=key, **problem.params)


def _check_targets(records: list[Record], checked: Checked) -> None:
    for record in records:
        if record["kind"] is not None and record["value"] is not None:
            problem = target_problem(record["kind"], record["value"])
            if problem is not None:
                checked.problem(record, "value", problem)


def _check_unit_cycles(records: list[Record], every: list[Record], checked: Checked) -> None:
    parent = {r["code"]: r["parent_code"] for r in every if r["code"] is not None}
    for record in records:
        code = record["code"]
        seen = set()
        current = record["parent_code"]
        while current is not None and current not in seen and current in parent:
            if current == code:
                checked.error(record, "parent_code", "parent_cycle", value=code)
                break
            seen.add(current)
            current = parent[current]


def _check_dates_in_order(records: list[Record], checked: Checked) -> None:
    for record in records:
        start, end = record["start_date"], record["end_date"]
        if start is not None and end is not None and end < start:
            checked.error(record, "end_date", "end_before_start", start=start, end=end)


def _check_overlaps(records: Iterable[Record], group_by: str | None, checked: Checked) -> None:
    """Intervals (start_date..end_date, both included; no end = open) of one group must not overlap."""
    groups: dict[object, list[Record]] = defaultdict(list)
    for r in records:
        start, end = r["start_date"], r["end_date"]
        if start is None or (end is not None and end < start):
            continue
        groups[r[group_by] if group_by else None].append(r)
    for group in groups.values():
        group.sort(key=lambda r: (r["start_date"], r.line or 0))
        reach: Record | None = None  # the interval reaching furthest so far
        for r in group:
            if reach is not None and (reach["end_date"] is None or reach["end_date"] >= r["start_date"]):
                culprit, other = (reach, r) if r.in_database else (r, reach)
                if not culprit.in_database:
                    if other.in_database:
                        checked.error(culprit, "start_date", "overlaps_database", start=other["start_date"])
                    else:
                        checked.error(culprit, "start_date", "overlaps", other=other.line)
            if reach is None or (
                reach["end_date"] is not None and (r["end_date"] is None or r["end_date"] > reach["end_date"])
            ):
                reach = r


def _check_programmes(records: list[Record], checked: Checked) -> None:
    for r in records:
        if r["kind"] == "refresher" and (r["track"] or r["level"]):
            checked.error(r, "track", "refresher_confers")
        elif (r["track"] is None) != (r["level"] is None) and r["track"] is not None:
            checked.error(r, "level", "required")


def _check_indicators(records: list[Record], checked: Checked) -> None:
    for r in records:
        by_level = r["track"] is not None or r["min_level"] is not None
        if by_level == (r["programme_code"] is not None):
            checked.error(r, "programme_code", "indicator_level_or_programme")
        elif r["track"] is not None and r["min_level"] is None:
            checked.error(r, "min_level", "required")


def _check_plans(records: list[Record], checked: Checked) -> None:
    for r in records:
        status = r["status"]
        if r["version"] == 0:
            checked.error(r, "version", "version_positive")
        if status in ("submitted", "approved", "returned") and r["submitted_on"] is None:
            checked.error(r, "submitted_on", "submitted_on_required", status=status)
        if status in ("approved", "returned") and r["decided_on"] is None:
            checked.error(r, "decided_on", "decided_on_required", status=status)
        if r["submitted_on"] and r["decided_on"] and r["decided_on"] < r["submitted_on"]:
            checked.error(r, "decided_on", "decided_before_submitted")


def _check_plan_lines(records: list[Record], plans: list[Record], checked: Checked) -> None:
    plan_keys = {(p["unit_code"], p["year"], p["version"]) for p in plans}
    for r in records:
        key = (r["unit_code"], r["year"], r["version"])
        if None not in key and key not in plan_keys and "plans" not in checked.broken:
            checked.error(r, "unit_code,year,version", "line_without_plan", plan=_show(key))
        seen = set()
        for code in r["nominees"]:
            if code in seen:
                checked.error(r, "nominees", "nominee_repeated", value=code)
            seen.add(code)
        if r["version"] == 0:
            checked.error(r, "version", "version_positive")


def _check_enrolments(records: list[Record], checked: Checked) -> None:
    for r in records:
        if r["status"] == "completed" and r["completed_on"] is None:
            checked.error(r, "completed_on", "completed_on_required")


def _check_users(records: list[Record], checked: Checked) -> None:
    for r in records:
        if r["role"] == "unit_head" and r["unit_code"] is None:
            checked.error(r, "unit_code", "unit_required")
        if r["role"] == "centre_staff" and r["centre_code"] is None:
            checked.error(r, "centre_code", "centre_required")
