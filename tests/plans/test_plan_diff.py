"""The diff of a version against the version in force, over plain values."""

from nq05.domain.plan_diff import LineContent, diff_plans


def test_identical_versions_have_no_changes():
    plan = {("MASTER", None): LineContent(2, frozenset({"P1"}))}
    assert diff_plans(plan, dict(plan)).is_empty


def test_lines_added_removed_and_changed_with_their_names():
    before = {
        ("MASTER", None): LineContent(2, frozenset({"P1", "P2"})),
        ("REFRESH", "DIST_CIVIL"): LineContent(5),
    }
    after = {
        ("MASTER", None): LineContent(3, frozenset({"P2", "P3"})),
        ("POL_ADV", "DIST_LEAD"): LineContent(1, frozenset({"P4"})),
    }
    diff = diff_plans(before, after)
    kinds = {c.key: c.kind for c in diff.changes}
    assert kinds == {
        ("MASTER", None): "changed",
        ("POL_ADV", "DIST_LEAD"): "added",
        ("REFRESH", "DIST_CIVIL"): "removed",
    }
    changed = diff.of_kind("changed")[0]
    assert changed.planned_changed
    assert changed.names_added == ["P3"]
    assert changed.names_removed == ["P1"]
    assert diff.of_kind("added")[0].names_added == ["P4"]
    assert diff.of_kind("removed")[0].after is None


def test_a_name_change_alone_is_a_change_but_not_of_the_number():
    before = {("MASTER", None): LineContent(2, frozenset({"P1"}))}
    after = {("MASTER", None): LineContent(2, frozenset({"P1", "P2"}))}
    (change,) = diff_plans(before, after).changes
    assert change.kind == "changed" and not change.planned_changed and change.names_added == ["P2"]


def test_against_no_plan_in_force_everything_is_added():
    after = {("A", None): LineContent(1), ("B", "TU"): LineContent(2)}
    assert [c.kind for c in diff_plans({}, after).changes] == ["added", "added"]
