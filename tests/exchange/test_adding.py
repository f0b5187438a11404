"""Importing into a database that holds data adds to it; --replace replaces everything."""

from __future__ import annotations

from sqlalchemy import func, select

from nq05.plans.models import Plan, PlanLine
from nq05.staff.models import Person, Qualification, Unit
from tests.exchange.conftest import failed_import, row_counts


def _ok(runner, *args):
    result = runner.invoke(args=list(args))
    assert result.exit_code == 0, result.output + (result.stderr or "")


def _write(folder, files: dict[str, str]):
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_key_that_exists_is_an_error_and_nothing_is_added(runner, db, mini_bundle, tmp_path):
    _ok(runner, "import", str(mini_bundle))
    extra = _write(
        tmp_path / "extra",
        {
            "units.csv": "code,name,level,parent_code\nH3,Huyện Mường Tè,district,TINH\nH1,Huyện Tam Đường,district,TINH\n",
            "people.csv": "id,full_name,gender,birth_date,ethnicity,email,planned_position\nM1,Mới,F,1990-01-01,,,\n",
        },
    )

    assert failed_import(runner, extra) == [
        "units.csv:3: code: khóa (H1) đã có trong cơ sở dữ liệu (dùng --replace để thay toàn bộ)"
    ]
    assert row_counts(db) == (5, 26)


def test_a_bundle_may_refer_to_rows_already_in_the_database(runner, db, mini_bundle, tmp_path):
    _ok(runner, "import", str(mini_bundle))
    extra = _write(
        tmp_path / "extra",
        {
            "units.csv": "code,name,level,parent_code\nX2,Xã Nậm Loỏng,commune,H1\n",
            "people.csv": "id,full_name,gender,birth_date,ethnicity,email,planned_position\nM1,Lò Thị Mới,F,1990-01-01,Thái,,TP\n",
            "assignments.csv": "person_id,unit_code,category,position_code,start_date,end_date\n"
            "M1,X2,COMM_CIVIL,CC_XA,2012-01-01,\nS3,H2,DIST_CIVIL,CV,2014-01-16,\n",
            "plans.csv": "unit_code,year,version,status,submitted_on,decided_on\nH2,2014,1,draft,,\n",
            "plan_lines.csv": "unit_code,year,version,programme_code,category,planned_count,nominees\n"
            "H2,2014,1,POL_INT,DIST_CIVIL,2,K1;K2\nSNV,2014,1,POL_INT,,1,S9\n",
            "enrollments.csv": "person_id,class_code,status,nominated_on,decided_on,completed_on\n"
            "K1,POL_INT_2014,completed,,,2014-11-15\n",
        },
    )

    _ok(runner, "import", str(extra))

    assert row_counts(db) == (6, 27)
    assert db.session.scalar(select(Unit).where(Unit.code == "X2")).parent.code == "H1"
    snv_2014 = db.session.scalar(
        select(Plan).join(Unit, Unit.id == Plan.unit_id).where(Unit.code == "SNV", Plan.year == 2014)
    )
    assert [(line.programme.code, line.position) for line in snv_2014.lines] == [
        ("MASTER", 0),
        ("POL_INT", 1),
    ]
    assert [n.person.code for n in snv_2014.lines[1].nominees] == ["S9"]
    k1 = db.session.scalar(select(Person).where(Person.code == "K1"))
    conferred = db.session.scalar(
        select(Qualification).where(
            Qualification.person_id == k1.id, Qualification.source_enrolment_id.is_not(None)
        )
    )
    assert (conferred.track, conferred.level, conferred.awarded_on.isoformat()) == (
        "pol",
        "intermediate",
        "2014-11-15",
    )


def test_an_assignment_overlapping_one_in_the_database(runner, db, mini_bundle, tmp_path):
    _ok(runner, "import", str(mini_bundle))
    extra = _write(
        tmp_path / "extra",
        {
            "units.csv": "code,name,level,parent_code\n",
            "assignments.csv": "person_id,unit_code,category,position_code,start_date,end_date\n"
            "S3,H2,DIST_CIVIL,CV,2014-01-15,\n",
        },
    )

    assert failed_import(runner, extra) == [
        "assignments.csv:2: start_date: trùng thời gian với bản ghi bắt đầu 2005-01-01 đã có trong cơ sở dữ liệu"
    ]


def test_a_period_overlapping_one_in_the_database(runner, db, mini_bundle, tmp_path):
    _ok(runner, "import", str(mini_bundle))
    extra = _write(
        tmp_path / "extra",
        {
            "units.csv": "code,name,level,parent_code\n",
            "periods.csv": "code,start_date,end_date\nP2,2015-06-01,2020-12-31\n",
        },
    )

    assert failed_import(runner, extra) == [
        "periods.csv:2: start_date: trùng thời gian với bản ghi bắt đầu 2011-01-01 đã có trong cơ sở dữ liệu"
    ]


def test_replace_replaces_the_whole_database(runner, db, mini_bundle, tmp_path):
    _ok(runner, "import", str(mini_bundle))
    small = _write(
        tmp_path / "small", {"units.csv": "code,name,level,parent_code\nTINH,Tỉnh mới,province,\n"}
    )

    _ok(runner, "import", "--replace", str(small))

    assert db.session.scalars(select(Unit.name)).all() == ["Tỉnh mới"]
    assert row_counts(db) == (1, 0)
    assert db.session.scalar(select(func.count()).select_from(PlanLine)) == 0


def test_replace_with_a_faulty_bundle_keeps_the_database(runner, db, mini_bundle, tmp_path):
    _ok(runner, "import", str(mini_bundle))
    bad = _write(tmp_path / "bad", {"units.csv": "code,name,level,parent_code\nTINH,,province,\n"})

    assert failed_import(runner, bad, "--replace") == ["units.csv:2: name: thiếu giá trị bắt buộc"]
    assert row_counts(db) == (5, 26)


def test_an_import_is_recorded_in_the_audit_log_and_replace_keeps_the_log(runner, db, mini_bundle):
    from nq05.audit.models import AuditEntry

    _ok(runner, "import", str(mini_bundle))
    _ok(runner, "import", "--replace", str(mini_bundle))

    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.object_type, e.object_label) for e in entries] == [
        ("bundle.import", "bundle", "bundle"),
        ("bundle.import", "bundle", "bundle"),
    ]
    assert [e.details["replace"] for e in entries] == [False, True]
    assert entries[1].details["rows"]["people"] == 26
