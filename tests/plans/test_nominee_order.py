"""The people a head may name on a plan line, in Vietnamese order: given name, then middle and
family name (docs/dev/sorting.md); the people already named first."""

from __future__ import annotations

from nq05.plans import operations as ops
from nq05.plans import picker
from nq05.plans.queries import unit_staff
from tests import factories as f
from tests.plans.test_operations import YEAR
from tests.plans.test_scope_edges import LATER


def test_the_plan_picker_offers_the_units_staff_by_given_name(db, province):
    cv = province.staff[0].assignments[0].position
    for name in ("Đặng Văn Đông", "Hoàng Thị Dung", "Vũ Văn Anh", "Lò Văn Ánh"):
        f.person(province.unit, at_position=cv, name=name, qualifications=[("pro", "bachelor", "2000-01-01")])
    plan = ops.start_plan(province.unit, YEAR, province.head)
    line = ops.add_line(plan, ops.LineValues(province.master.id, None, 2), province.head, plan.lock_version)
    db.session.commit()
    expected = [
        "Nguyễn Văn An",
        "Vũ Văn Anh",
        "Lò Văn Ánh",
        "Trần Thị Bình",
        "Lê Văn Cường",
        "Hoàng Thị Dung",
        "Đặng Văn Đông",
    ]
    assert [p.full_name for p in unit_staff(province.unit.id, YEAR, LATER, province.head)] == expected
    # the line's picker: eligible people by name (Lê Văn Cường holds a master's already: last)
    offered = [c.person.full_name for c in picker.candidates(plan, line, LATER, province.head)]
    assert offered == [n for n in expected if n != "Lê Văn Cường"] + ["Lê Văn Cường"]
    ops.set_named_people(
        plan, line.id, [province.staff[2].id, province.staff[1].id], province.head, None, today=LATER
    )
    named_first = [c.person.full_name for c in picker.candidates(plan, line, LATER, province.head)][:2]
    assert named_first == ["Trần Thị Bình", "Lê Văn Cường"]
