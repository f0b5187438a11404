"""Nominations: published class, before the deadline, eligible at the class start, once, no overlap."""

from __future__ import annotations

from datetime import date

import pytest

from nq05.classes import operations as ops
from nq05.classes.errors import RosterRefused
from tests import factories as f

BEFORE = date(2015, 1, 10)


def refusal(training_class, person, unit_id, today=BEFORE) -> RosterRefused:
    with pytest.raises(RosterRefused) as refused:
        ops.nominate(training_class, person.id, unit_id=unit_id, today=today)
    return refused.value


@pytest.fixture()
def setting(db):
    unit = f.unit()
    programme = f.programme()
    return unit, programme, f.training_class(programme)


def test_an_eligible_person_is_nominated(db, setting):
    unit, _, klass = setting
    person = f.person(unit)
    enrolment = ops.nominate(klass, person.id, unit_id=unit.id, today=BEFORE)
    assert (enrolment.status, enrolment.nominated_on, enrolment.class_id) == ("nominated", BEFORE, klass.id)


def test_not_in_scope_when_in_another_unit(db, setting):
    unit, _, klass = setting
    other = f.person(f.unit())
    refused = refusal(klass, other, unit.id)
    assert (refused.code, refused.reasons) == ("not_eligible", ["not_in_scope"])
    assert "không công tác tại đơn vị vào ngày khai giảng" in refused.message


def test_not_in_scope_when_leaving_the_unit_before_the_start(db, setting):
    unit, _, klass = setting
    leaving = f.person(unit, end=date(2015, 2, 28))
    assert refusal(klass, leaving, unit.id).reasons == ["not_in_scope"]


def test_already_qualified(db, setting):
    unit, _, klass = setting
    person = f.person(unit, qualifications=[("pol", "advanced", date(2010, 1, 1))])
    refused = refusal(klass, person, unit.id)
    assert refused.reasons == ["already_qualified"]
    assert "đã có trình độ" in refused.message


def test_prerequisite(db):
    unit = f.unit()
    klass = f.training_class(f.programme(pre_pro="bachelor"))
    person = f.person(unit, qualifications=[("pro", "college", None)])
    refused = refusal(klass, person, unit.id)
    assert refused.reasons == ["prerequisite"]
    assert "chưa đạt trình độ tối thiểu" in refused.message


def test_over_age(db):
    unit = f.unit()
    klass = f.training_class(f.programme(max_age=40))
    person = f.person(unit, born=date(1974, 2, 28))  # 41 on 1 March 2015
    refused = refusal(klass, person, unit.id)
    assert refused.reasons == ["over_age"]
    assert "quá tuổi" in refused.message
    young_enough = f.person(unit, born=date(1974, 3, 2))  # still 40
    assert ops.nominate(klass, young_enough.id, unit_id=unit.id, today=BEFORE).status == "nominated"


def test_insufficient_service(db):
    unit = f.unit()
    klass = f.training_class(f.programme(min_service_years=5))
    person = f.person(unit, start=date(2010, 3, 2))  # 4 whole years on 1 March 2015
    refused = refusal(klass, person, unit.id)
    assert refused.reasons == ["insufficient_service"]
    assert "chưa đủ số năm công tác" in refused.message


def test_retiring(db, setting):
    unit, _, klass = setting
    person = f.person(unit, born=date(1956, 1, 1), gender="M")  # retires 1 Jan 2016 < 1 Mar 2016
    refused = refusal(klass, person, unit.id)
    assert refused.reasons == ["retiring"]
    assert "nghỉ hưu" in refused.message


def test_already_enrolled_in_another_class_of_the_programme(db, setting):
    unit, programme, klass = setting
    later = f.training_class(programme, start=date(2016, 1, 10), end=date(2016, 6, 30))
    person = f.person(unit)
    ops.nominate(later, person.id, unit_id=unit.id, today=BEFORE)
    refused = refusal(klass, person, unit.id)
    assert refused.reasons == ["already_enrolled"]
    assert "lớp khác của chương trình này" in refused.message


def test_several_reasons_in_spec_order(db):
    unit = f.unit()
    klass = f.training_class(f.programme(max_age=40, min_service_years=30))
    person = f.person(f.unit(), born=date(1956, 1, 1), qualifications=[("pol", "advanced", None)])
    assert refusal(klass, person, unit.id).reasons == [
        "not_in_scope",
        "already_qualified",
        "over_age",
        "insufficient_service",
        "retiring",
    ]


def test_an_admin_nomination_skips_the_unit_check(db, setting):
    _, _, klass = setting
    person = f.person(f.unit())
    assert ops.nominate(klass, person.id, unit_id=None, today=BEFORE).status == "nominated"


def test_unpublished_class_refuses(db):
    unit = f.unit()
    klass = f.training_class(f.programme(), published=False)
    assert refusal(klass, f.person(unit), unit.id).code == "class_not_published"


def test_deadline(db):
    unit = f.unit()
    klass = f.training_class(f.programme(), deadline=date(2015, 2, 1))
    person = f.person(unit)
    refused = refusal(klass, person, unit.id, today=date(2015, 2, 2))
    assert refused.code == "deadline_passed"
    assert "01/02/2015" in refused.message
    assert ops.nominate(klass, person.id, unit_id=unit.id, today=date(2015, 2, 1)).status == "nominated"


def test_without_deadline_nominations_close_when_the_class_starts(db, setting):
    unit, _, klass = setting
    person = f.person(unit)
    assert refusal(klass, person, unit.id, today=klass.start_date).code == "deadline_passed"
    assert ops.nominate(klass, person.id, unit_id=unit.id, today=date(2015, 2, 28)).status == "nominated"


def test_not_twice_to_the_same_class(db, setting):
    unit, _, klass = setting
    person = f.person(unit)
    ops.nominate(klass, person.id, unit_id=unit.id, today=BEFORE)
    assert refusal(klass, person, unit.id).code == "already_nominated"


def test_not_to_two_overlapping_classes(db, setting):
    unit, _, klass = setting
    other = f.training_class(
        f.programme(track="sm", level="specialist"), start=date(2015, 12, 1), end=date(2016, 2, 1)
    )
    person = f.person(unit)
    ops.nominate(other, person.id, unit_id=unit.id, today=BEFORE)
    refused = refusal(klass, person, unit.id)
    assert refused.code == "overlapping_class"
    assert other.code in refused.message


def test_a_withdrawn_nomination_does_not_block_an_overlapping_class(db, setting):
    unit, _, klass = setting
    other = f.training_class(
        f.programme(track="sm", level="specialist"), start=date(2015, 12, 1), end=date(2016, 2, 1)
    )
    person = f.person(unit)
    ops.withdraw(ops.nominate(other, person.id, unit_id=unit.id, today=BEFORE), today=BEFORE)
    assert ops.nominate(klass, person.id, unit_id=unit.id, today=BEFORE).status == "nominated"
