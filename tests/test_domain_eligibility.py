from datetime import date

from nq05.domain.eligibility import PersonAtDate, ProgrammeRequirements, eligibility_reasons

MASTER = ProgrammeRequirements(
    track="pro",
    level="master",
    duration_months=24,
    prerequisites={"pro": "bachelor"},
    max_age=40,
    min_service_years=3,
)
R = date(2014, 1, 1)


def person(**kw):
    base = dict(
        birth_date=date(1980, 5, 1),
        gender="M",
        levels={"edu": "upper_secondary", "pro": "bachelor", "pol": "none", "sm": "none"},
        first_assignment_start=date(2005, 1, 1),
    )
    base.update(kw)
    return PersonAtDate(**base)


def reasons(p, prog=MASTER, at=R):
    return eligibility_reasons(p, prog, at, 60, 55)


def test_eligible_person_has_no_reason():
    assert reasons(person()) == []


def test_over_age_is_strictly_above_the_maximum():
    assert reasons(person(birth_date=date(1974, 1, 1))) == []  # 40 on R: not above
    assert reasons(person(birth_date=date(1973, 1, 2))) == []  # still 40, 41 tomorrow
    assert reasons(person(birth_date=date(1973, 1, 1))) == ["over_age"]  # 41 on R


def test_each_reason_in_spec_order():
    p = person(
        in_scope=False,
        levels={"edu": "upper_secondary", "pro": "doctor", "pol": "none", "sm": "none"},
        birth_date=date(1955, 1, 1),
        first_assignment_start=date(2012, 1, 1),
        enrolled_elsewhere=True,
    )
    prog = ProgrammeRequirements(
        track="pro",
        level="master",
        duration_months=24,
        prerequisites={"pol": "intermediate"},
        max_age=40,
        min_service_years=3,
    )
    assert reasons(p, prog) == [
        "not_in_scope",
        "already_qualified",
        "prerequisite",
        "over_age",
        "insufficient_service",
        "retiring",
        "already_enrolled",
    ]


def test_retiring_compares_with_the_end_of_the_programme():
    # retires 2016-01-01; programme ends 2016-01-01: not before, so eligible
    assert "retiring" not in reasons(
        person(birth_date=date(1956, 1, 1)), ProgrammeRequirements(duration_months=24)
    )
    assert "retiring" in reasons(
        person(birth_date=date(1955, 12, 31)), ProgrammeRequirements(duration_months=24)
    )
    # a woman retires at 55
    assert "retiring" in reasons(
        person(birth_date=date(1959, 1, 15), gender="F"), ProgrammeRequirements(duration_months=1)
    )


def test_refresher_confers_nothing_so_never_already_qualified():
    assert reasons(person(), ProgrammeRequirements(duration_months=1)) == []
