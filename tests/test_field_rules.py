"""One validation: the bundle import refuses what the web forms refuse, with the same rules
(nq05.domain.fields), each refusal a located ``file:line: column: message`` and exit 2."""

from __future__ import annotations

import pytest
from sqlalchemy import String

from nq05.auth.forms import UserForm
from nq05.auth.models import User
from nq05.classes.forms import ScheduleForm
from nq05.classes.models import Centre, Programme, TrainingClass
from nq05.domain.fields import Text
from nq05.exchange.files import FILES_BY_NAME
from nq05.plans.forms import LineForm, StartPlanForm
from nq05.staff.forms import PersonForm
from nq05.staff.models import Person, Position, Unit
from nq05.staff.reference_forms import ProgrammeForm, UnitForm
from nq05.targets.models import Period, Setting
from tests.exchange.conftest import bundle, edit, failed_import, vietnamese  # noqa: F401  (fixtures)

FULLWIDTH_FOUR = "\uff14"

#: (what, bundle file, text in it, replacement, the error line, web form, field, value typed there)
CASES = [
    ("a name over the column", "people.csv", "S1,Trần Văn An,", "S1," + "A" * 256 + ",",
     "people.csv:2: full_name: dài 256 ký tự, tối đa 255", PersonForm, "full_name", "A" * 256),
    ("a NUL byte", "people.csv", "S1,Trần Văn An,", "S1,Trần\x00Văn An,",
     "people.csv:2: full_name: có ký tự điều khiển \\x00", PersonForm, "full_name", "Trần\x00Văn An"),
    ("an e-mail", "people.csv", "s1@example.org", "s1(a)example.org",
     "people.csv:2: email: thư điện tử 's1(a)example.org' không hợp lệ", PersonForm, "email", "s1(a)example.org"),
    ("a birth in 2999", "people.csv", "M,1965-09-09", "M,2999-09-09",
     "people.csv:8: birth_date: ngày sinh sau hôm nay", PersonForm, "birth_date", "2999-09-09"),
    ("a birth 130 years ago", "people.csv", "M,1978-02-02", "M,1890-02-02",
     "people.csv:10: birth_date: ngày sinh trước năm", PersonForm, "birth_date", "1890-02-02"),
    ("Unicode digits", "classes.csv", "2014-11-15,4,", f"2014-11-15,{FULLWIDTH_FOUR},",
     f"classes.csv:5: capacity: '{FULLWIDTH_FOUR}' không phải là số nguyên", ScheduleForm, "capacity", FULLWIDTH_FOUR),
    ("a capacity of 10^23", "classes.csv", "2014-11-15,4,", "2014-11-15,100000000000000000000000,",
     "classes.csv:5: capacity: giá trị '100000000000000000000000' phải từ 0 đến 1000000000",
     ScheduleForm, "capacity", "100000000000000000000000"),
    ("a planned count of 2*10^9", "plan_lines.csv", "SNV,2013,1,MASTER,,2,", "SNV,2013,1,MASTER,,2000000000,",
     "plan_lines.csv:2: planned_count: giá trị '2000000000' phải từ 0 đến 1000000000",
     LineForm, "planned_count", "2000000000"),
    ("a year of 99999", "classes.csv", "NQ05_STUDY,TCT,2012", "NQ05_STUDY,TCT,99999",
     "classes.csv:6: year: giá trị '99999' phải từ 1900 đến 2100", StartPlanForm, "year", "99999"),
    ("a maximum age of 200", "programmes.csv", "bachelor,,,40,3", "bachelor,,,200,3",
     "programmes.csv:2: max_age: giá trị '200' phải từ 18 đến 80", ProgrammeForm, "max_age", "200"),
    ("a password of one character", "users.csv", ",,admin-demo", ",,1",
     "users.csv:2: password: mật khẩu phải có ít nhất 8 ký tự", UserForm, "password", "1"),
    ("a user's e-mail", "users.csv", "admin@example.org,", "admin@example..org,",
     "users.csv:2: email: thư điện tử 'admin@example..org' không hợp lệ", UserForm, "email", "admin@example..org"),
    ("a unit name over the column", "units.csv", "SNV,Sở Nội vụ,", "SNV," + "S" * 300 + ",",
     "units.csv:3: name: dài 300 ký tự, tối đa 255", UnitForm, "name", "S" * 300),
    ("a target of 400 nines", "targets.csv", "H1,12", "H1," + "9" * 400,
     "targets.csv:3: value: giá trị '999999999999999999999999999...' phải từ 0 đến 1000000000", None, None, None),
    ("a share over 100%", "targets.csv", "COMM_CIVIL,,100", "COMM_CIVIL,,150",
     "targets.csv:4: value: giá trị '150' phải từ 0 đến 100", None, None, None),
]  # fmt: skip


def _web_errors(app, form_class, field: str, value: str) -> list[str]:
    with app.test_request_context(method="POST", data={field: value}):
        form = form_class()
        checked = getattr(form, field)
        checked.validate(form)
        return [str(e) for e in checked.errors]


@pytest.mark.parametrize(
    ("what", "file", "old", "new", "line", "form", "field", "typed"), CASES, ids=[c[0] for c in CASES]
)
def test_the_import_refuses_what_the_web_refuses(
    app,
    runner,
    db,
    bundle,  # noqa: F811  (the fixture imported above)
    what,
    file,
    old,
    new,
    line,
    form,
    field,
    typed,  # noqa: F811  (the fixture)
):
    edit(bundle, file, old, new)

    errors = failed_import(runner, bundle)

    assert len(errors) == 1 and errors[0].startswith(line), errors
    if form is not None:
        assert _web_errors(app, form, field, typed), f"the web form takes {what}"


def test_lengths_are_the_columns_lengths():
    """A text rule's length is its database column's, for every bundle column that has one."""
    columns = {
        "units": (Unit, {"code": "code", "name": "name"}),
        "positions": (Position, {"code": "code", "name": "name"}),
        "people": (
            Person,
            {"id": "code", "full_name": "full_name", "ethnicity": "ethnicity", "email": "email"},
        ),
        "programmes": (Programme, {"code": "code", "name": "name"}),
        "centres": (Centre, {"code": "code", "name": "name"}),
        "classes": (TrainingClass, {"code": "code"}),
        "periods": (Period, {"code": "code"}),
        "settings": (Setting, {"value": "value"}),
        "users": (User, {"email": "email", "full_name": "full_name"}),
    }
    checked = 0
    for name, bundle_file in FILES_BY_NAME.items():
        for column in bundle_file.columns:
            if isinstance(column.rule, Text):
                model, names = columns[name]
                db_type = model.__table__.c[names[column.name]].type
                assert isinstance(db_type, String) and db_type.length == column.rule.max_length, (
                    name,
                    column.name,
                )
                checked += 1
    assert checked == 17
