"""A second, deliberately naive reading of shared/spec/realism.md and reports.md.

Person by person, in plain Python over rows loaded once, written from the spec without looking
at the engine. It is far too slow for the app; its only use is as an oracle: the tests run it and
the set-based engine on the same data and expect identical JSON.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import text

from nq05.domain.codes import SETTING_DEFAULTS
from nq05.domain.levels import TRACK_LEVELS, TRACKS
from nq05.domain.people import add_months, add_years

OPEN = ("nominated", "accepted", "waitlisted")
SEVERITY = {
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


def rnd(value, places: int) -> float:
    q = Decimal(1).scaleb(-places)
    return float(
        Decimal(repr(value) if isinstance(value, float) else value).quantize(q, rounding=ROUND_HALF_UP)
    )


def rank(track, level):
    return TRACK_LEVELS[track].index(level)


def _d(v):
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])


@dataclass
class World:
    units: dict
    people: dict
    assignments: dict  # person -> list
    quals: dict  # person -> list of (track, level, awarded, source_enrolment)
    programmes: dict
    classes: dict
    enrolments: list
    plans: list
    lines: dict  # plan id -> list
    periods: list
    targets: list
    indicators: list
    settings: dict
    positions: dict


def load(session) -> World:
    def rows(sql):
        return [dict(r._mapping) for r in session.execute(text(sql))]

    units = {r["id"]: r for r in rows("SELECT id, code, level, parent_id FROM units")}
    positions = {r["id"]: r for r in rows("SELECT * FROM positions")}
    people = {
        r["id"]: r
        for r in rows("SELECT id, code, gender, ethnicity, birth_date, planned_position_id FROM people")
    }
    for p in people.values():
        p["birth_date"] = _d(p["birth_date"])
    assignments = defaultdict(list)
    for r in rows("SELECT * FROM assignments"):
        r["start_date"], r["end_date"] = _d(r["start_date"]), _d(r["end_date"])
        assignments[r["person_id"]].append(r)
    quals = defaultdict(list)
    for r in rows("SELECT * FROM qualifications"):
        quals[r["person_id"]].append((r["track"], r["level"], _d(r["awarded_on"]), r["source_enrolment_id"]))
    programmes = {r["id"]: r for r in rows("SELECT * FROM programmes")}
    classes = {r["id"]: r for r in rows("SELECT * FROM classes")}
    for c in classes.values():
        c["start_date"], c["end_date"] = _d(c["start_date"]), _d(c["end_date"])
    enrolments = rows("SELECT * FROM enrolments")
    for e in enrolments:
        for k in ("nominated_on", "decided_on", "completed_on"):
            e[k] = _d(e[k])
    plans = rows("SELECT * FROM plans")
    for p in plans:
        p["submitted_on"], p["decided_on"] = _d(p["submitted_on"]), _d(p["decided_on"])
    lines = defaultdict(list)
    noms = defaultdict(list)
    for r in rows("SELECT line_id, person_id FROM plan_nominees"):
        noms[r["line_id"]].append(r["person_id"])
    for r in rows("SELECT * FROM plan_lines"):
        r["named"] = noms[r["id"]]
        lines[r["plan_id"]].append(r)
    periods = rows("SELECT * FROM periods")
    for p in periods:
        p["start_date"], p["end_date"] = _d(p["start_date"]), _d(p["end_date"])
    targets = rows("SELECT * FROM targets ORDER BY id")
    indicators = rows("SELECT * FROM indicators ORDER BY position")
    settings = {**SETTING_DEFAULTS, **{r["key"]: r["value"] for r in rows("SELECT key, value FROM settings")}}
    return World(
        units,
        people,
        assignments,
        quals,
        programmes,
        classes,
        enrolments,
        plans,
        lines,
        periods,
        targets,
        indicators,
        settings,
        positions,
    )


class Oracle:
    def __init__(self, w: World):
        self.w = w
        s = w.settings
        self.ret_m, self.ret_f = int(s["retirement_age_male"]), int(s["retirement_age_female"])
        self.unit_code = {u["id"]: u["code"] for u in w.units.values()}
        self.person_code = {p["id"]: p["code"] for p in w.people.values()}

    # ---- person facts
    def level(self, pid, track, at):
        best = 0
        for t, lv, awarded, _ in self.w.quals.get(pid, []):
            if t == track and (awarded is None or awarded <= at):
                best = max(best, rank(t, lv))
        return best

    def assignment_at(self, pid, at, unit=None, category=None):
        for a in self.w.assignments.get(pid, []):
            if a["start_date"] <= at and (a["end_date"] is None or at <= a["end_date"]):
                if (unit is None or a["unit_id"] == unit) and (category is None or a["category"] == category):
                    return a
        return None

    def staff(self, unit, at, category=None):
        return sorted(pid for pid in self.w.people if self.assignment_at(pid, at, unit, category))

    def age(self, pid, at):
        b = self.w.people[pid]["birth_date"]
        return at.year - b.year - ((at.month, at.day) < (b.month, b.day))

    def retirement(self, pid):
        p = self.w.people[pid]
        return add_years(p["birth_date"], self.ret_m if p["gender"] == "M" else self.ret_f)

    def service(self, pid, at):
        starts = [a["start_date"] for a in self.w.assignments.get(pid, [])]
        if not starts:
            return 0
        s = min(starts)
        return at.year - s.year - ((at.month, at.day) < (s.month, s.day))

    def reasons(
        self,
        pid,
        prog_id,
        at,
        unit=None,
        category=None,
        plan_year=None,
        skip_unit=False,
        exclude_enrolment=None,
    ):
        g = self.w.programmes[prog_id]
        out = []
        if not skip_unit and not self.assignment_at(pid, at, unit, category):
            out.append("not_in_scope")
        if skip_unit and not self.assignment_at(pid, at):
            out.append("not_in_scope")
        if g["track"] and g["level"] and self.level(pid, g["track"], at) >= rank(g["track"], g["level"]):
            out.append("already_qualified")
        if any(g[f"pre_{t}"] and self.level(pid, t, at) < rank(t, g[f"pre_{t}"]) for t in TRACKS):
            out.append("prerequisite")
        if g["max_age"] is not None and self.age(pid, at) > g["max_age"]:
            out.append("over_age")
        if g["min_service_years"] is not None and self.service(pid, at) < g["min_service_years"]:
            out.append("insufficient_service")
        if self.retirement(pid) < add_months(at, g["duration_months"]):
            out.append("retiring")
        for e in self.w.enrolments:
            if e["person_id"] != pid or e["id"] == exclude_enrolment or e["status"] not in OPEN:
                continue
            c = self.w.classes[e["class_id"]]
            if c["programme_id"] != prog_id or not c["end_date"] > at:
                continue
            if plan_year is not None and c["year"] == plan_year:
                continue
            out.append("already_enrolled")
            break
        return out

    # ---- plans
    def in_force(self, unit, year):
        cands = [
            p
            for p in self.w.plans
            if p["unit_id"] == unit and p["year"] == year and p["status"] in ("submitted", "approved")
        ]
        return max(cands, key=lambda p: p["version"], default=None)

    def confers(self, prog_id):
        g = self.w.programmes[prog_id]
        return (g["track"], g["level"]) if g["track"] else None

    def serves(self, line, target):
        if self.confers(line["programme_id"]) != (target["track"], target["level"]):
            return False
        return target["category"] is None or line["category"] in (None, target["category"])

    def period_of(self, year):
        for p in sorted(self.w.periods, key=lambda p: p["start_date"]):
            if p["start_date"].year <= year <= p["end_date"].year:
                return p
        return None

    # ---- realism
    def realism(self, year, as_of, unit_code=None):
        w = self.w
        R = date(year, 1, 1)
        F = []

        def add(code, unit, figures, programme=None, category=None, person=None, klass=None):
            F.append(
                {
                    "code": code,
                    "severity": SEVERITY[code],
                    "unit": self.unit_code[unit] if unit is not None else None,
                    "year": year,
                    "programme": w.programmes[programme]["code"] if programme else None,
                    "category": category,
                    "person": self.person_code[person] if person else None,
                    "class": klass,
                    "figures": figures,
                }
            )

        month, day = (int(x) for x in w.settings["plan_due_month_day"].split("-"))
        try:
            due = date(year - 1, month, day)
        except ValueError:
            due = date(year - 1, month, 28)
        force = {u: self.in_force(u, year) for u in w.units}
        for u in w.units:
            if as_of > due and self.staff(u, R) and force[u] is None:
                add("MISSING_PLAN", u, {"due": due.isoformat()})
        for u, plan in force.items():
            if not plan:
                continue
            for ln in w.lines[plan["id"]]:
                g = ln["programme_id"]
                pool = sum(
                    1
                    for pid in self.staff(u, R, ln["category"])
                    if not self.reasons(pid, g, R, u, ln["category"], plan_year=year)
                )
                if ln["planned_count"] > pool:
                    add("OVER_POOL", u, {"planned": ln["planned_count"], "pool": pool}, g, ln["category"])
                for pid in ln["named"]:
                    rs = self.reasons(pid, g, R, u, ln["category"], plan_year=year)
                    if rs:
                        add("INELIGIBLE_NOMINEE", u, {"reasons": rs}, g, ln["category"], pid)
        for e in w.enrolments:
            c = w.classes[e["class_id"]]
            if e["status"] not in OPEN or c["year"] != year:
                continue
            pid, at = e["person_id"], c["start_date"]
            rs = self.reasons(pid, c["programme_id"], at, skip_unit=True, exclude_enrolment=e["id"])
            if not rs:
                continue
            a = self.assignment_at(pid, at)
            if a:
                unit = a["unit_id"]
            else:
                before = [x for x in w.assignments.get(pid, []) if x["start_date"] < at]
                # nobody to put it under: the finding stays, with no unit (docs/realism.md)
                unit = max(before, key=lambda x: x["start_date"])["unit_id"] if before else None
            add("INELIGIBLE_NOMINEE", unit, {"reasons": rs}, c["programme_id"], None, pid, c["code"])
        # OVER_CAPACITY
        demand = defaultdict(int)
        units_for = defaultdict(set)
        for u, plan in force.items():
            if plan:
                for ln in w.lines[plan["id"]]:
                    demand[ln["programme_id"]] += ln["planned_count"]
                    units_for[ln["programme_id"]].add(u)
        for g, dem in demand.items():
            cap = sum(
                c["capacity"] for c in w.classes.values() if c["programme_id"] == g and c["year"] == year
            )
            if dem > cap:
                for u in units_for[g]:
                    add("OVER_CAPACITY", u, {"demand": dem, "capacity": cap}, g)
        # UNCOVERED_STANDARD_GAP
        for u, plan in force.items():
            if not plan:
                continue
            for t in TRACKS:
                below = 0
                for pid in self.staff(u, R):
                    pos = w.positions[self.assignment_at(pid, R, u)["position_id"]]
                    if pos[f"min_{t}"] and self.level(pid, t, R) < rank(t, pos[f"min_{t}"]):
                        below += 1
                covered = any(w.programmes[ln["programme_id"]]["track"] == t for ln in w.lines[plan["id"]])
                if below and not covered:
                    add("UNCOVERED_STANDARD_GAP", u, {"track": t, "below": below})
        # BEHIND_PACE
        period = self.period_of(year)
        if period:
            years = list(range(period["start_date"].year, period["end_date"].year + 1))
            k = year - years[0] + 1
            for t in w.targets:
                if t["kind"] != "count" or t["unit_id"] is None or t["period_id"] != period["id"]:
                    continue
                u = t["unit_id"]
                planned = 0
                for y in years[:k]:
                    plan = self.in_force(u, y)
                    if plan:
                        planned += sum(
                            ln["planned_count"] for ln in w.lines[plan["id"]] if self.serves(ln, t)
                        )
                expected = Decimal(repr(t["value"])) * k / len(years)
                if planned < expected:
                    value = t["value"]
                    add(
                        "BEHIND_PACE",
                        u,
                        {
                            "quota": int(value) if float(value).is_integer() else value,
                            "expected": rnd(expected, 1),
                            "planned": planned,
                        },
                    )
        # LOW_EXECUTION
        if period:
            threshold = Decimal(w.settings["low_execution_threshold"])
            for u, plan in force.items():
                if not plan:
                    continue
                prior = [self.in_force(u, y) for y in range(period["start_date"].year, year)]
                prior = [p for p in prior if p and p["status"] == "approved"]
                planned_prior = sum(ln["planned_count"] for p in prior for ln in w.lines[p["id"]])
                if planned_prior < 5:
                    continue
                # "a class of those years whose programme is on a line of those plans":
                # any prior year's class, any prior plan's programme, not paired by year
                prior_years = range(period["start_date"].year, year)
                progs = {ln["programme_id"] for p in prior for ln in w.lines[p["id"]]}
                done = set()
                for e in w.enrolments:
                    c = w.classes[e["class_id"]]
                    if (
                        e["status"] == "completed"
                        and c["year"] in prior_years
                        and c["programme_id"] in progs
                        and self.assignment_at(e["person_id"], c["start_date"], u)
                    ):
                        done.add(e["person_id"])
                last = self.in_force(u, year - 1)
                last_n = sum(ln["planned_count"] for ln in w.lines[last["id"]]) if last else 0
                this_n = sum(ln["planned_count"] for ln in w.lines[plan["id"]])
                if len(done) < threshold * planned_prior and this_n >= last_n:
                    add(
                        "LOW_EXECUTION",
                        u,
                        {
                            "rate": rnd(Decimal(len(done)) / planned_prior, 2),
                            "planned_prior": planned_prior,
                            "completed_prior": len(done),
                        },
                    )
        # NO_NAMED_SOURCE
        window = int(w.settings["source_window_days"])
        for u, plan in force.items():
            if not plan:
                continue
            for ln in w.lines[plan["id"]]:
                starts = [
                    c["start_date"]
                    for c in w.classes.values()
                    if c["programme_id"] == ln["programme_id"] and c["year"] == year
                ]
                if (
                    len(ln["named"]) < ln["planned_count"]
                    and starts
                    and min(starts) <= as_of + timedelta(days=window)
                ):
                    add(
                        "NO_NAMED_SOURCE",
                        u,
                        {
                            "named": len(ln["named"]),
                            "planned": ln["planned_count"],
                            "class_start": min(starts).isoformat(),
                        },
                        ln["programme_id"],
                        ln["category"],
                    )
        # STALE_PLAN
        grace = int(w.settings["stale_grace_days"])
        for u, plan in force.items():
            if not plan or plan["status"] != "approved":
                continue
            later = [
                p["submitted_on"]
                for p in w.plans
                if p["unit_id"] == u
                and p["year"] == year
                and p["version"] > plan["version"]
                and p["submitted_on"] is not None
            ]
            for ln in w.lines[plan["id"]]:
                conf = self.confers(ln["programme_id"])
                for pid in ln["named"]:
                    events = []
                    for a in w.assignments.get(pid, []):
                        if a["unit_id"] == u and a["end_date"] is not None:
                            follows = any(
                                b["unit_id"] == u and b["start_date"] > a["end_date"]
                                for b in w.assignments[pid]
                            )
                            if not follows:
                                events.append((a["end_date"], "left_unit"))
                    if conf:
                        for t, lv, awarded, src in w.quals.get(pid, []):
                            if t != conf[0] or rank(t, lv) < rank(*conf) or awarded is None:
                                continue
                            if src is not None:
                                e = next(x for x in w.enrolments if x["id"] == src)
                                c = w.classes[e["class_id"]]
                                if c["programme_id"] == ln["programme_id"] and c["year"] == year:
                                    continue
                            events.append((awarded, "qualified_elsewhere"))
                    events.append((self.retirement(pid), "retired"))
                    ok = [
                        (d, ev)
                        for d, ev in events
                        if d > plan["decided_on"]
                        and d <= as_of - timedelta(days=grace)
                        and not any(s >= d for s in later)
                    ]
                    if ok:
                        d, ev = min(ok)
                        add(
                            "STALE_PLAN",
                            u,
                            {"event": ev, "event_date": d.isoformat()},
                            ln["programme_id"],
                            ln["category"],
                            pid,
                        )
        # SUCCESSION_UNLINKED
        for u, plan in force.items():
            if not plan:
                continue
            named_anywhere = {pid for ln in w.lines[plan["id"]] for pid in ln["named"]}
            for ln in w.lines[plan["id"]]:
                conf = self.confers(ln["programme_id"])
                if not conf or not ln["named"]:
                    continue
                t, L = conf
                for pid in self.staff(u, R):
                    pp = w.people[pid]["planned_position_id"]
                    if pp is None or pid in named_anywhere:
                        continue
                    m = w.positions[pp][f"min_{t}"]
                    if not m or not (self.level(pid, t, R) < rank(t, m) <= rank(t, L)):
                        continue
                    if self.reasons(pid, ln["programme_id"], R, u, ln["category"], plan_year=year):
                        continue
                    add(
                        "SUCCESSION_UNLINKED",
                        u,
                        {"planned_position": w.positions[pp]["code"]},
                        ln["programme_id"],
                        ln["category"],
                        pid,
                    )
        if unit_code:
            F = [f for f in F if f["unit"] == unit_code]

        def key(f):
            def n(v):
                return (0, "") if v is None else (1, v)

            tr = f["figures"].get("track")
            return (
                n(f["unit"]),
                f["code"],
                n(f["programme"]),
                n(f["category"]),
                n(f["person"]),
                n(f["class"]),
                -1 if tr is None else TRACKS.index(tr),
            )

        return {"year": year, "as_of": as_of.isoformat(), "findings": sorted(F, key=key)}

    # ---- gaps
    def completed_people(self, t, period, as_of):
        end = min(as_of, period["end_date"])
        completed = set()
        for pid, qs in self.w.quals.items():
            for tr, lv, awarded, _ in qs:
                if (tr, lv) != (t["track"], t["level"]) or awarded is None:
                    continue
                if not (period["start_date"] <= awarded <= end):
                    continue
                if (t["unit_id"] or t["category"]) and not self.assignment_at(
                    pid, awarded, t["unit_id"], t["category"]
                ):
                    continue
                completed.add(pid)
        return completed

    def gap_rows(self, period_code, as_of):
        w = self.w
        period = next(p for p in w.periods if p["code"] == period_code)
        years = range(period["start_date"].year, period["end_date"].year + 1)
        rows = []
        for t in w.targets:
            if t["period_id"] != period["id"] or t["kind"] != "count":
                continue
            planned, named = 0, set()
            for y in years:
                for u in w.units:
                    if t["unit_id"] is not None and u != t["unit_id"]:
                        continue
                    plan = self.in_force(u, y)
                    if plan:
                        for ln in w.lines[plan["id"]]:
                            if self.serves(ln, t):
                                planned += ln["planned_count"]
                                named.update(ln["named"])
            nominated = set()
            for e in w.enrolments:
                c = w.classes[e["class_id"]]
                if e["status"] in ("rejected", "withdrawn") or c["year"] not in years:
                    continue
                if self.confers(c["programme_id"]) != (t["track"], t["level"]):
                    continue
                if (t["unit_id"] or t["category"]) and not self.assignment_at(
                    e["person_id"], c["start_date"], t["unit_id"], t["category"]
                ):
                    continue
                nominated.add(e["person_id"])
            completed = self.completed_people(t, period, as_of)
            value = t["value"]
            target = int(value) if float(value).is_integer() else value
            days = (period["end_date"] - period["start_date"]).days + 1
            f = min(1, max(0, ((as_of - period["start_date"]).days + 1) / days))
            c = len(completed)
            status = (
                "exceeded"
                if c > value
                else "met"
                if c == value
                else "on_track"
                if c >= Decimal(repr(value)) * Decimal(f)
                else "behind"
            )
            rows.append(
                {
                    "track": t["track"],
                    "level": t["level"],
                    "category": t["category"],
                    "unit": self.unit_code[t["unit_id"]] if t["unit_id"] else None,
                    "target": target,
                    "planned": planned,
                    "named": len(named),
                    "nominated": len(nominated),
                    "completed": c,
                    "gap": target - c,
                    "pct": None if value == 0 else rnd(Decimal(c) * 100 / Decimal(repr(value)), 1),
                    "status": status,
                }
            )

        def key(r):
            return (
                r["unit"] is not None,
                r["unit"] or "",
                r["category"] is not None,
                r["category"] or "",
                TRACKS.index(r["track"]),
                rank(r["track"], r["level"]),
            )

        return sorted(rows, key=key)

    def gaps(self, period_code, as_of):
        return {"period": period_code, "as_of": as_of.isoformat(), "rows": self.gap_rows(period_code, as_of)}

    # ---- report
    GROUPS = {"gender": ("F", "M"), "minority": ("minority", "kinh", "unknown")}

    def group(self, pid, by):
        """reports.md, "Breakdowns": people.gender; or the ethnicity, trimmed, compared in any case."""
        p = self.w.people[pid]
        if by == "gender":
            return p["gender"]
        ethnicity = (p["ethnicity"] or "").strip()
        if ethnicity == "":
            return "unknown"
        return "kinh" if ethnicity.lower() == "kinh" else "minority"

    def report(self, baseline, as_of, period_code=None, by=None):
        w = self.w
        period = next((p for p in w.periods if p["code"] == period_code), None) if period_code else None

        def measure(ind, at, group=None):
            pop = [
                pid
                for pid in w.people
                if self.assignment_at(pid, at, None, ind["category"])
                and (group is None or self.group(pid, by) == group)
            ]
            if ind["programme_id"] is not None:
                holders = [
                    pid
                    for pid in pop
                    if any(
                        e["person_id"] == pid
                        and e["status"] == "completed"
                        and e["completed_on"] <= at
                        and w.classes[e["class_id"]]["programme_id"] == ind["programme_id"]
                        for e in w.enrolments
                    )
                ]
            else:
                holders = [
                    pid
                    for pid in pop
                    if self.level(pid, ind["track"], at) >= rank(ind["track"], ind["min_level"])
                ]
            share = Decimal(len(holders)) * 100 / len(pop) if pop else Decimal(0)
            return {"population": len(pop), "holders": len(holders), "share": share}

        def rounded(b, d):
            return {
                "baseline": {**b, "share": rnd(b["share"], 1)},
                "as_of": {**d, "share": rnd(d["share"], 1)},
                "delta_pp": rnd(d["share"] - b["share"], 1),
            }

        out = []
        for ind in w.indicators:
            b, d = measure(ind, baseline), measure(ind, as_of)
            target = None
            if period and ind["track"]:
                for t in w.targets:
                    if (
                        t["period_id"] == period["id"]
                        and t["kind"] == "share"
                        and t["category"] == ind["category"]
                        and t["track"] == ind["track"]
                        and t["level"] == ind["min_level"]
                    ):
                        target = float(t["value"])
            line = {
                "category": ind["category"],
                "track": ind["track"],
                "min_level": ind["min_level"],
                "programme": w.programmes[ind["programme_id"]]["code"] if ind["programme_id"] else None,
                **rounded(b, d),
                "target": target,
            }
            if by:
                line["groups"] = [
                    {"group": g, **rounded(measure(ind, baseline, g), measure(ind, as_of, g))}
                    for g in self.GROUPS[by]
                ]
            out.append(line)
        counts = []
        if period:
            for r in self.gap_rows(period_code, as_of):
                if r["category"] is None and r["unit"] is None:
                    t, a = r["target"], r["completed"]
                    row = {
                        "track": r["track"],
                        "level": r["level"],
                        "target": t,
                        "achieved": a,
                        "pct": r["pct"],
                        "status": "exceeded" if a > t else "met" if a == t else "below",
                    }
                    if by:
                        target = next(
                            x
                            for x in w.targets
                            if x["period_id"] == period["id"]
                            and x["kind"] == "count"
                            and x["unit_id"] is None
                            and x["category"] is None
                            and (x["track"], x["level"]) == (r["track"], r["level"])
                        )
                        people = self.completed_people(target, period, as_of)
                        row["groups"] = [
                            {"group": g, "achieved": sum(1 for pid in people if self.group(pid, by) == g)}
                            for g in self.GROUPS[by]
                        ]
                    counts.append(row)
        return {
            "baseline": baseline.isoformat(),
            "as_of": as_of.isoformat(),
            "indicators": out,
            "counts": counts,
        }
