"""The demo generator on its own (no database): deterministic, scalable, and coherent data."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import unicodedata
from collections import defaultdict
from datetime import date

import pytest

from nq05.demo.build import RETIREMENT_AGES, generate
from nq05.demo.programmes import PROGRAMMES
from nq05.demo.staff import generate_staff
from nq05.demo.units import generate_units
from nq05.demo.world import World
from nq05.domain.eligibility import PersonAtDate, eligibility_reasons
from nq05.domain.levels import TRACK_LEVELS, rank

SMALL = 0.15


@pytest.fixture(scope="module")
def small():
    return generate(5, SMALL)


def test_same_seed_gives_the_same_data_and_another_seed_other_data(small):
    assert generate(5, SMALL).fingerprint() == small.fingerprint()
    assert generate(6, SMALL).fingerprint() != small.fingerprint()


def test_the_data_does_not_depend_on_the_string_hash_seed(small):
    """Two interpreters with different PYTHONHASHSEED (set iteration order) give the same data."""
    code = f"from nq05.demo.build import generate; print(generate(5, {SMALL!r}).fingerprint())"
    outputs = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(done.stdout.strip())
    assert outputs == {small.fingerprint()}


def test_scale_multiplies_units_and_staff():
    one, three = generate_units(1), generate_units(3)
    assert len(one) == 1 + 20 + 8 + 108  # root, departments, Lai Châu's 8 districts and 108 communes
    assert len(three) == 1 + 3 * (len(one) - 1)
    assert len({u.code for u in three}) == len(three)
    staff_one = len(generate_staff(random.Random(1), one, RETIREMENT_AGES))
    staff_three = len(generate_staff(random.Random(1), three, RETIREMENT_AGES))
    assert 2.7 < staff_three / staff_one < 3.3


def test_lai_chau_size_at_scale_one():
    """About 5,000 people in post at a time, in all seven categories."""
    people = generate_staff(random.Random(3), generate_units(1), RETIREMENT_AGES)
    day = date(2014, 1, 1)
    in_post = defaultdict(int)
    for person in people:
        for a in person.assignments:
            if a.start_date <= day and (a.end_date is None or day <= a.end_date):
                in_post[a.category] += 1
    assert 4000 < sum(in_post.values()) < 6000
    assert set(in_post) == {
        "TU",
        "PROV_LEAD",
        "PROV_CIVIL",
        "DIST_LEAD",
        "DIST_CIVIL",
        "COMM_CADRE",
        "COMM_CIVIL",
    }
    assert in_post["TU"] < in_post["PROV_LEAD"] < in_post["PROV_CIVIL"]


def test_assignment_histories_never_overlap(small):
    by_person = defaultdict(list)
    for a in small.tables["assignments"]:
        by_person[a["person_id"]].append(a)
    assert any(len(history) > 1 for history in by_person.values()), "somebody moved"
    assert any(a["end_date"] is not None for a in small.tables["assignments"]), "somebody left"
    for history in by_person.values():
        history.sort(key=lambda a: a["start_date"])
        for a in history:
            assert a["end_date"] is None or a["end_date"] >= a["start_date"]
            assert a["start_date"] >= date(2005, 1, 1)
        for before, after in zip(history, history[1:], strict=False):
            assert before["end_date"] is not None and before["end_date"] < after["start_date"]


def test_every_level_belongs_to_its_track(small):
    t = small.tables
    for q in t["qualifications"]:
        assert q["level"] in TRACK_LEVELS[q["track"]]
    for p in t["positions"]:
        for track in TRACK_LEVELS:
            assert p[f"min_{track}"] is None or p[f"min_{track}"] in TRACK_LEVELS[track]
    for p in t["programmes"]:
        assert (p["track"] is None) == (p["level"] is None)
        assert p["level"] is None or p["level"] in TRACK_LEVELS[p["track"]]
        for track in TRACK_LEVELS:
            assert p[f"pre_{track}"] is None or p[f"pre_{track}"] in TRACK_LEVELS[track]
    for target in t["targets"]:
        assert target["level"] in TRACK_LEVELS[target["track"]]


def test_hand_recorded_qualifications_are_unique_and_completions_confer_theirs(small):
    t = small.tables
    manual = [
        (q["person_id"], q["track"], q["level"]) for q in t["qualifications"] if not q["source_enrolment_id"]
    ]
    assert len(manual) == len(set(manual))
    conferred = {q["source_enrolment_id"]: q for q in t["qualifications"] if q["source_enrolment_id"]}
    classes = {c["id"]: c for c in t["classes"]}
    programmes = {p["id"]: p for p in t["programmes"]}
    completed = 0
    for e in t["enrolments"]:
        programme = programmes[classes[e["class_id"]]["programme_id"]]
        if e["status"] == "completed" and programme["track"]:
            completed += 1
            q = conferred[e["id"]]
            assert (q["person_id"], q["track"], q["level"]) == (
                e["person_id"],
                programme["track"],
                programme["level"],
            )
            assert q["awarded_on"] == e["completed_on"]
        else:
            assert e["id"] not in conferred
    assert completed > 0


def test_enrolments_use_every_status_and_never_overfill_a_class(small):
    t = small.tables
    statuses = {e["status"] for e in t["enrolments"]}
    assert statuses == {"nominated", "accepted", "waitlisted", "rejected", "withdrawn", "completed", "failed"}
    seats = defaultdict(int)
    for e in t["enrolments"]:
        if e["status"] in ("accepted", "completed", "failed"):
            seats[e["class_id"]] += 1
        if e["status"] in ("completed", "failed"):
            assert e["completed_on"] is not None
    for c in t["classes"]:
        assert seats[c["id"]] <= c["capacity"]
        assert 2011 <= c["year"] <= 2016


def test_names_are_vietnamese_with_diacritics(small):
    names = [p["full_name"] for p in small.tables["people"]]
    assert all(unicodedata.is_normalized("NFC", n) and len(n.split()) >= 3 for n in names)
    with_marks = [n for n in names if any(ord(ch) > 127 for ch in n)]
    assert len(with_marks) / len(names) > 0.95
    ethnicities = {p["ethnicity"] for p in small.tables["people"]}
    assert {"Kinh", "Thái", "Mông", "Dao"} <= ethnicities
    assert all("@" in p["email"] and p["email"].isascii() for p in small.tables["people"])


def test_plans_have_every_status_versions_and_the_flaws_the_rules_look_for(small):
    t = small.tables
    plans = t["plans"]
    assert {p["status"] for p in plans} == {"draft", "submitted", "approved", "returned"}
    assert any(p["version"] > 1 for p in plans)
    for p in plans:
        assert (p["submitted_on"] is None) == (p["status"] == "draft")
        assert (p["decided_on"] is not None) == (p["status"] in ("approved", "returned"))
    # some units with staff have no plan in force for some year
    in_force = {(p["unit_id"], p["year"]) for p in plans if p["status"] in ("submitted", "approved")}
    units = {u["id"] for u in t["units"]}
    assert any((u, y) not in in_force for u in units for y in range(2011, 2017))
    # lines naming fewer people than planned
    named = defaultdict(int)
    for n in t["plan_nominees"]:
        named[n["line_id"]] += 1
    assert any(named[line["id"]] < line["planned_count"] for line in t["plan_lines"])
    keys = [(line["plan_id"], line["programme_id"], line["category"]) for line in t["plan_lines"]]
    assert len(keys) == len(set(keys))


def test_many_commune_staff_are_below_their_post_standard(small):
    t = small.tables
    positions = {p["id"]: p for p in t["positions"]}
    levels = defaultdict(dict)
    for q in t["qualifications"]:
        held = levels[q["person_id"]].get(q["track"])
        if held is None or rank(q["track"], q["level"]) > rank(q["track"], held):
            levels[q["person_id"]][q["track"]] = q["level"]
    commune = {u["id"] for u in t["units"] if u["level"] == "commune"}
    below = total = 0
    for a in t["assignments"]:
        if a["unit_id"] in commune and a["end_date"] is None:
            total += 1
            minimum = positions[a["position_id"]]["min_edu"]
            held = levels[a["person_id"]].get("edu", "primary")
            below += rank("edu", held) < rank("edu", minimum)
    assert 0.1 < below / total < 0.6


def test_the_generator_eligibility_agrees_with_the_domain_rule():
    rng = random.Random(9)
    units = generate_units(SMALL)
    people = generate_staff(rng, units, RETIREMENT_AGES)
    world = World(units, people, RETIREMENT_AGES)
    for person in rng.sample(people, 200):
        for programme in PROGRAMMES:
            day = date(rng.randint(2011, 2016), 1, 1)
            expected = eligibility_reasons(
                PersonAtDate(
                    person.birth_date,
                    person.gender,
                    world.levels(person, day),
                    person.assignments[0].start_date,
                ),
                world.requirements[programme.code],
                day,
                *RETIREMENT_AGES,
            )
            assert world.reasons(person, programme.code, day) == expected
