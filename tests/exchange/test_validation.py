"""Each fault a bundle can have is reported as file:line: column: message, and nothing is written.

Every case spoils one file of the worked example; the expected lines are the whole error output.
"""

from __future__ import annotations

import pytest

from tests.exchange.conftest import append, edit, failed_import, row_counts

# (id, [(file, old text, new text) ...] or [(file, None, line to append)], expected error lines)
CASES = [
    (
        "unknown column",
        [("units.csv", "code,name,level,parent_code", "code,name,level,parent_code,colour")],
        ["units.csv:1: colour: cột không được biết"],
    ),
    (
        "missing required column",
        [("people.csv", "birth_date,ethnicity", "ethnicity")],
        ["people.csv:1: birth_date: thiếu cột"],
    ),
    (
        "bad date",
        [("people.csv", "S7,Phạm Văn An,M,1965-09-09", "S7,Phạm Văn An,M,1965-09-31")],
        ["people.csv:8: birth_date: ngày '1965-09-31' không hợp lệ (cần YYYY-MM-DD)"],
    ),
    (
        "date not in YYYY-MM-DD",
        [("people.csv", "S7,Phạm Văn An,M,1965-09-09", "S7,Phạm Văn An,M,09/09/1965")],
        ["people.csv:8: birth_date: ngày '09/09/1965' không hợp lệ (cần YYYY-MM-DD)"],
    ),
    (
        "assignment ends before it starts",
        [("assignments.csv", "2005-01-01,2014-01-15", "2005-01-01,2004-01-15")],
        ["assignments.csv:4: end_date: ngày kết thúc 2004-01-15 trước ngày bắt đầu 2005-01-01"],
    ),
    (
        "class ends before it starts",
        [("classes.csv", "2012-05-10,2012-05-11", "2012-05-10,2012-05-09")],
        ["classes.csv:6: end_date: ngày kết thúc 2012-05-09 trước ngày bắt đầu 2012-05-10"],
    ),
    (
        "period ends before it starts",
        [("periods.csv", "2011-01-01,2015-12-31", "2011-01-01,2010-12-31")],
        ["periods.csv:2: end_date: ngày kết thúc 2010-12-31 trước ngày bắt đầu 2011-01-01"],
    ),
    (
        "unknown parent unit",
        [("units.csv", "X1,Xã Bình Lư,commune,H1", "X1,Xã Bình Lư,commune,H9")],
        ["units.csv:6: parent_code: không có đơn vị nào mã 'H9'"],
    ),
    (
        "unknown unit in an assignment",
        [("assignments.csv", "K3,H2,DIST_CIVIL", "K3,H3,DIST_CIVIL")],
        ["assignments.csv:21: unit_code: không có đơn vị nào mã 'H3'"],
    ),
    (
        "unknown person in an assignment",
        [("assignments.csv", "K3,H2,DIST_CIVIL", "K4,H2,DIST_CIVIL")],
        ["assignments.csv:21: person_id: không có cán bộ nào mã 'K4'"],
    ),
    (
        "unknown position in an assignment",
        [("assignments.csv", "X6,X1,COMM_CIVIL,CC_XA", "X6,X1,COMM_CIVIL,CC_XB")],
        ["assignments.csv:27: position_code: không có chức danh nào mã 'CC_XB'"],
    ),
    (
        "unknown planned position",
        [("people.csv", "s1@example.org,", "s1@example.org,GD")],
        ["people.csv:2: planned_position: không có chức danh nào mã 'GD'"],
    ),
    (
        "unknown programme of a class",
        [("classes.csv", "MASTER_2014,MASTER,", "MASTER_2014,MASTERS,")],
        ["classes.csv:3: programme_code: không có chương trình nào mã 'MASTERS'"],
    ),
    (
        "unknown centre of a class",
        [("classes.csv", "MASTER_2014,MASTER,DH", "MASTER_2014,MASTER,DHQG")],
        ["classes.csv:3: centre_code: không có cơ sở đào tạo nào mã 'DHQG'"],
    ),
    (
        "unknown class of an enrolment",
        [("enrollments.csv", "X4,NQ05_1,", "X4,NQ05_2,")],
        ["enrollments.csv:25: class_code: không có lớp nào mã 'NQ05_2'"],
    ),
    (
        "unknown period of a target",
        [("targets.csv", "2011-2015,count,pro", "2016-2020,count,pro")],
        ["targets.csv:2: period_code: không có giai đoạn nào mã '2016-2020'"],
    ),
    (
        "unknown programme of an indicator",
        [("indicators.csv", ",,,NQ05_STUDY", ",,,NQ06_STUDY")],
        ["indicators.csv:4: programme_code: không có chương trình nào mã 'NQ06_STUDY'"],
    ),
    (
        "unknown unit of a user",
        [("users.csv", "unit_head,H1,", "unit_head,H7,")],
        ["users.csv:3: unit_code: không có đơn vị nào mã 'H7'"],
    ),
    (
        "unknown centre of a user",
        [("users.csv", "centre_staff,,TCT", "centre_staff,,TCX")],
        ["users.csv:4: centre_code: không có cơ sở đào tạo nào mã 'TCX'"],
    ),
    (
        "named person who does not exist",
        [("plan_lines.csv", "S3;S7", "S3;S77")],
        ["plan_lines.csv:3: nominees: không có cán bộ nào mã 'S77'"],
    ),
    (
        "qualification level not of its track",
        [("qualifications.csv", "S8,pro,college", "S8,pro,advanced")],
        ["qualifications.csv:17: level: 'advanced' không phải là trình độ của lĩnh vực pro"],
    ),
    (
        "position minimum not of its track",
        [
            (
                "positions.csv",
                "PGD,Phó Giám đốc Sở,,bachelor,advanced,principal",
                "PGD,Phó Giám đốc Sở,,bachelor,advanced,master",
            )
        ],
        ["positions.csv:4: min_sm: 'master' không phải là trình độ của lĩnh vực sm"],
    ),
    (
        "programme prerequisite not of its track",
        [
            (
                "programmes.csv",
                "EDU_HS,Bổ túc THPT,degree,edu,upper_secondary,24,lower_secondary",
                "EDU_HS,Bổ túc THPT,degree,edu,upper_secondary,24,bachelor",
            )
        ],
        ["programmes.csv:5: pre_edu: 'bachelor' không phải là trình độ của lĩnh vực edu"],
    ),
    (
        "target level not of its track",
        [("targets.csv", "share,edu,upper_secondary", "share,edu,master")],
        ["targets.csv:4: level: 'master' không phải là trình độ của lĩnh vực edu"],
    ),
    (
        "unknown category",
        [("assignments.csv", "X6,X1,COMM_CIVIL", "X6,X1,COMM_LEAD")],
        [
            "assignments.csv:27: category: giá trị 'COMM_LEAD' không hợp lệ; cần một trong: "
            "TU, PROV_LEAD, PROV_CIVIL, DIST_LEAD, DIST_CIVIL, COMM_CADRE, COMM_CIVIL"
        ],
    ),
    (
        "unknown plan status",
        [("plans.csv", "X1,2014,1,approved", "X1,2014,1,accepted")],
        [
            "plans.csv:6: status: giá trị 'accepted' không hợp lệ; cần một trong: draft, submitted, approved, returned"
        ],
    ),
    (
        "unknown enrolment status",
        [("enrollments.csv", "X4,NQ05_1,completed", "X4,NQ05_1,done")],
        [
            "enrollments.csv:25: status: giá trị 'done' không hợp lệ; cần một trong: "
            "nominated, accepted, waitlisted, rejected, withdrawn, completed, failed"
        ],
    ),
    (
        "unknown programme kind",
        [
            (
                "programmes.csv",
                "SKILL,Bồi dưỡng kỹ năng lãnh đạo,refresher",
                "SKILL,Bồi dưỡng kỹ năng lãnh đạo,course",
            )
        ],
        [
            "programmes.csv:9: kind: giá trị 'course' không hợp lệ; cần một trong: degree, certificate, refresher"
        ],
    ),
    (
        "unknown target kind",
        [("targets.csv", "2011-2015,count,pro", "2011-2015,number,pro")],
        ["targets.csv:2: kind: giá trị 'number' không hợp lệ; cần một trong: count, share"],
    ),
    (
        "unknown gender",
        [("people.csv", "S9,Lường Văn An,M", "S9,Lường Văn An,Nam")],
        ["people.csv:10: gender: giá trị 'Nam' không hợp lệ; cần một trong: M, F"],
    ),
    (
        "unknown unit level",
        [("units.csv", "X1,Xã Bình Lư,commune", "X1,Xã Bình Lư,village")],
        ["units.csv:6: level: giá trị 'village' không hợp lệ; cần một trong: province, district, commune"],
    ),
    (
        "unknown role",
        [("users.csv", "Quản trị,admin", "Quản trị,superuser")],
        [
            "users.csv:2: role: giá trị 'superuser' không hợp lệ; cần một trong: admin, unit_head, centre_staff"
        ],
    ),
    (
        "unknown track",
        [("qualifications.csv", "S8,pro,college", "S8,law,college")],
        ["qualifications.csv:17: track: giá trị 'law' không hợp lệ; cần một trong: edu, pro, pol, sm"],
    ),
    (
        "duplicate unit code",
        [("units.csv", None, "H1,Huyện khác,district,TINH")],
        ["units.csv:7: code: khóa (H1) bị lặp, đã có ở dòng 4"],
    ),
    (
        "duplicate person id",
        [("people.csv", None, "S1,Người khác,F,1990-01-01,,,")],
        ["people.csv:28: id: khóa (S1) bị lặp, đã có ở dòng 2"],
    ),
    (
        "duplicate enrolment",
        [("enrollments.csv", None, "S1,MASTER_2013,nominated,2013-05-01,,")],
        ["enrollments.csv:26: person_id,class_code: khóa (S1, MASTER_2013) bị lặp, đã có ở dòng 2"],
    ),
    (
        "duplicate qualification",
        [("qualifications.csv", None, "S9,pro,master,2013-01-01")],
        ["qualifications.csv:56: person_id,track,level: khóa (S9, pro, master) bị lặp, đã có ở dòng 20"],
    ),
    (
        "duplicate plan",
        [("plans.csv", None, "SNV,2013,1,draft,,")],
        ["plans.csv:7: unit_code,year,version: khóa (SNV, 2013, 1) bị lặp, đã có ở dòng 2"],
    ),
    (
        "duplicate plan line (empty category is one value)",
        [("plan_lines.csv", None, "SNV,2013,1,MASTER,,1,")],
        [
            "plan_lines.csv:7: unit_code,year,version,programme_code,category: "
            "khóa (SNV, 2013, 1, MASTER, ) bị lặp, đã có ở dòng 2"
        ],
    ),
    (
        "duplicate target",
        [("targets.csv", None, "2011-2015,count,pro,master,,,12")],
        [
            "targets.csv:5: period_code,kind,track,level,category,unit_code: "
            "khóa (2011-2015, count, pro, master, , ) bị lặp, đã có ở dòng 2"
        ],
    ),
    (
        "duplicate indicator",
        [("indicators.csv", None, ",,,NQ05_STUDY")],
        [
            "indicators.csv:5: category,track,min_level,programme_code: khóa (, , , NQ05_STUDY) bị lặp, đã có ở dòng 4"
        ],
    ),
    (
        "duplicate user email",
        [("users.csv", None, "admin@example.org,Người khác,admin,,,")],
        ["users.csv:5: email: khóa (admin@example.org) bị lặp, đã có ở dòng 2"],
    ),
    (
        "duplicate setting",
        [("settings.csv", None, "key,value\nretirement_age_male,60\nretirement_age_male,62")],
        ["settings.csv:3: key: khóa (retirement_age_male) bị lặp, đã có ở dòng 2"],
    ),
    (
        "two overlapping assignments of one person",
        [("assignments.csv", None, "S3,H1,DIST_LEAD,TP,2014-01-15,")],
        ["assignments.csv:28: start_date: trùng thời gian với dòng 4"],
    ),
    (
        "overlapping periods",
        [("periods.csv", None, "2016-2020,2015-12-31,2020-12-31")],
        ["periods.csv:3: start_date: trùng thời gian với dòng 2"],
    ),
    (
        "plan line without its plan",
        [("plan_lines.csv", "X1,2014,1,", "X1,2015,1,")],
        ["plan_lines.csv:6: unit_code,year,version: không có kế hoạch (X1, 2015, 1) cho dòng này"],
    ),
    (
        "negative capacity",
        [("classes.csv", "2014-11-15,4,", "2014-11-15,-4,")],
        ["classes.csv:5: capacity: giá trị '-4' không được âm"],
    ),
    (
        "non-numeric capacity",
        [("classes.csv", "2014-11-15,4,", "2014-11-15,bốn,")],
        ["classes.csv:5: capacity: 'bốn' không phải là số nguyên"],
    ),
    (
        "negative planned count",
        [("plan_lines.csv", "H1,2014,1,POL_INT,,6,", "H1,2014,1,POL_INT,,-6,")],
        ["plan_lines.csv:5: planned_count: giá trị '-6' không được âm"],
    ),
    (
        "negative target value",
        [("targets.csv", "H1,12", "H1,-12")],
        ["targets.csv:3: value: giá trị '-12' không được âm"],
    ),
    (
        "non-numeric target value",
        [("targets.csv", "H1,12", "H1,mười hai")],
        ["targets.csv:3: value: 'mười hai' không phải là số"],
    ),
    (
        "non-numeric duration",
        [("programmes.csv", "refresher,,,1,", "refresher,,,1.5,")],
        ["programmes.csv:9: duration_months: '1.5' không phải là số nguyên"],
    ),
    (
        "negative year",
        [("classes.csv", "NQ05_STUDY,TCT,2012", "NQ05_STUDY,TCT,-2012")],
        ["classes.csv:6: year: giá trị '-2012' không được âm"],
    ),
    (
        "non-numeric plan version",
        [
            ("plans.csv", "X1,2014,1,", "X1,2014,v1,"),
            ("plan_lines.csv", "X1,2014,1,", "X1,2014,v1,"),
        ],
        [
            "plans.csv:6: version: 'v1' không phải là số nguyên",
            "plan_lines.csv:6: version: 'v1' không phải là số nguyên",
        ],
    ),
    (
        "submitted plan without submitted_on",
        [("plans.csv", "X1,2014,1,approved,2013-11-15,2013-12-10", "X1,2014,1,submitted,,")],
        ["plans.csv:6: submitted_on: kế hoạch ở trạng thái submitted phải có ngày gửi"],
    ),
    (
        "approved plan without submitted_on or decided_on",
        [("plans.csv", "X1,2014,1,approved,2013-11-15,2013-12-10", "X1,2014,1,approved,,")],
        [
            "plans.csv:6: submitted_on: kế hoạch ở trạng thái approved phải có ngày gửi",
            "plans.csv:6: decided_on: kế hoạch ở trạng thái approved phải có ngày quyết định",
        ],
    ),
    (
        "returned plan without decided_on",
        [("plans.csv", "X1,2014,1,approved,2013-11-15,2013-12-10", "X1,2014,1,returned,2013-11-15,")],
        ["plans.csv:6: decided_on: kế hoạch ở trạng thái returned phải có ngày quyết định"],
    ),
    (
        "completed enrolment without completed_on",
        [("enrollments.csv", "X4,NQ05_1,completed,,,2012-05-11", "X4,NQ05_1,completed,,,")],
        ["enrollments.csv:25: completed_on: đăng ký đã hoàn thành phải có ngày hoàn thành"],
    ),
    (
        "unit without a name",
        [("units.csv", "H2,Huyện Phong Thổ,", "H2,,")],
        ["units.csv:5: name: thiếu giá trị bắt buộc"],
    ),
    (
        "person without a birth date",
        [("people.csv", "S7,Phạm Văn An,M,1965-09-09", "S7,Phạm Văn An,M,")],
        ["people.csv:8: birth_date: thiếu giá trị bắt buộc"],
    ),
    (
        "unit_head user without unit_code",
        [("users.csv", "unit_head,H1,", "unit_head,,")],
        ["users.csv:3: unit_code: người dùng unit_head phải có mã đơn vị"],
    ),
    (
        "centre_staff user without centre_code",
        [("users.csv", "centre_staff,,TCT", "centre_staff,,")],
        ["users.csv:4: centre_code: người dùng centre_staff phải có mã cơ sở đào tạo"],
    ),
    (
        "unit parent cycle",
        [("units.csv", "TINH,Ban Tổ chức Tỉnh ủy,province,", "TINH,Ban Tổ chức Tỉnh ủy,province,X1")],
        [
            "units.csv:2: parent_code: đơn vị TINH nằm trong vòng lặp đơn vị cấp trên",
            "units.csv:4: parent_code: đơn vị H1 nằm trong vòng lặp đơn vị cấp trên",
            "units.csv:6: parent_code: đơn vị X1 nằm trong vòng lặp đơn vị cấp trên",
        ],
    ),
    (
        "unit that is its own parent",
        [("units.csv", "H2,Huyện Phong Thổ,district,TINH", "H2,Huyện Phong Thổ,district,H2")],
        ["units.csv:5: parent_code: đơn vị H2 nằm trong vòng lặp đơn vị cấp trên"],
    ),
    (
        "unknown setting key",
        [("settings.csv", None, "key,value\nretirement_age,60")],
        [
            "settings.csv:2: key: giá trị 'retirement_age' không hợp lệ; cần một trong: retirement_age_male, "
            "retirement_age_female, plan_due_month_day, low_execution_threshold, source_window_days, stale_grace_days"
        ],
    ),
    (
        "setting values of the wrong type",
        [
            (
                "settings.csv",
                None,
                "key,value\nretirement_age_male,sixty\nplan_due_month_day,02-30\nlow_execution_threshold,1.5",
            )
        ],
        [
            "settings.csv:2: value: giá trị 'sixty' của retirement_age_male phải là số nguyên từ 40 đến 80",
            "settings.csv:3: value: giá trị '02-30' của plan_due_month_day phải là tháng-ngày MM-DD",
            "settings.csv:4: value: giá trị '1.5' của low_execution_threshold phải là số từ 0 đến 1",
        ],
    ),
    (
        "indicator with both a level and a programme",
        [("indicators.csv", "COMM_CIVIL,edu,upper_secondary,", "COMM_CIVIL,edu,upper_secondary,NQ05_STUDY")],
        [
            "indicators.csv:3: programme_code: chỉ tiêu báo cáo cần hoặc track,min_level hoặc programme_code "
            "(không cả hai)"
        ],
    ),
    (
        "refresher that confers a level",
        [("programmes.csv", "refresher,,,1,", "refresher,pol,elementary,1,")],
        [
            "programmes.csv:9: track: chương trình bồi dưỡng, cập nhật kiến thức không cấp trình độ: để trống "
            "track và level"
        ],
    ),
    (
        "a row with more values than the header",
        [("centres.csv", "DH,Đại học Thái Nguyên", "DH,Đại học Thái Nguyên,Thái Nguyên")],
        ["centres.csv:3: -: dòng có 3 giá trị, tiêu đề chỉ có 2 cột"],
    ),
    (
        "non-numeric planned count",
        [("plan_lines.csv", "H1,2014,1,POL_INT,,6,", "H1,2014,1,POL_INT,,sáu,")],
        ["plan_lines.csv:5: planned_count: 'sáu' không phải là số nguyên"],
    ),
    (
        "negative duration",
        [("programmes.csv", "refresher,,,1,", "refresher,,,-1,")],
        ["programmes.csv:9: duration_months: giá trị '-1' không được âm"],
    ),
    (
        "non-numeric year",
        [("classes.csv", "NQ05_STUDY,TCT,2012", "NQ05_STUDY,TCT,năm 2012")],
        ["classes.csv:6: year: 'năm 2012' không phải là số nguyên"],
    ),
    (
        "negative and zero plan versions",
        [
            ("plans.csv", "X1,2014,1,", "X1,2014,-1,"),
            ("plans.csv", "H1,2014,1,", "H1,2014,0,"),
            ("plan_lines.csv", "H1,2014,1,", "H1,2014,0,"),
        ],
        [
            "plans.csv:5: version: lần của kế hoạch phải từ 1 trở lên",
            "plans.csv:6: version: giá trị '-1' không được âm",
            "plan_lines.csv:5: version: lần của kế hoạch phải từ 1 trở lên",
            "plan_lines.csv:6: unit_code,year,version: không có kế hoạch (X1, 2014, 1) cho dòng này",
        ],
    ),
    (
        "unknown programme of a plan line",
        [("plan_lines.csv", "H1,2014,1,POL_INT", "H1,2014,1,POL_ADV2")],
        ["plan_lines.csv:5: programme_code: không có chương trình nào mã 'POL_ADV2'"],
    ),
    (
        "unknown unit of a plan",
        [("plans.csv", "X1,2014,1,", "X9,2014,1,")],
        [
            "plans.csv:6: unit_code: không có đơn vị nào mã 'X9'",
            "plan_lines.csv:6: unit_code,year,version: không có kế hoạch (X1, 2014, 1) cho dòng này",
        ],
    ),
    (
        "unknown unit of a target",
        [("targets.csv", "H1,12", "H5,12")],
        ["targets.csv:3: unit_code: không có đơn vị nào mã 'H5'"],
    ),
    (
        "duplicate position, programme, centre, class and period codes",
        [
            ("positions.csv", None, "CV,Chuyên viên 2,,,,"),
            ("programmes.csv", None, "SKILL,Kỹ năng 2,refresher,,,1,,,,,,"),
            ("centres.csv", None, "DH,Đại học 2"),
            ("classes.csv", None, "NQ05_1,NQ05_STUDY,TCT,2012,2012-06-10,2012-06-11,100,"),
            ("periods.csv", None, "2011-2015,2016-01-01,2020-12-31"),
        ],
        [
            "positions.csv:7: code: khóa (CV) bị lặp, đã có ở dòng 2",
            "programmes.csv:11: code: khóa (SKILL) bị lặp, đã có ở dòng 9",
            "centres.csv:4: code: khóa (DH) bị lặp, đã có ở dòng 3",
            "classes.csv:7: code: khóa (NQ05_1) bị lặp, đã có ở dòng 6",
            "periods.csv:3: code: khóa (2011-2015) bị lặp, đã có ở dòng 2",
        ],
    ),
    (
        "level without its track",
        [
            ("qualifications.csv", "S8,pro,college", "S8,,college"),
            ("indicators.csv", "PROV_CIVIL,pro,bachelor,", "PROV_CIVIL,,bachelor,"),
        ],
        [
            "qualifications.csv:17: track: thiếu giá trị bắt buộc",
            "indicators.csv:2: min_level: trình độ 'bachelor' mà không có lĩnh vực",
        ],
    ),
    (
        "unknown file",
        [("notes.csv", None, "note\nhello")],
        ["notes.csv:1: -: tệp không thuộc bộ dữ liệu"],
    ),
    (
        "empty file",
        [("centres.csv", "code,name\nTCT,Trường Chính trị tỉnh\nDH,Đại học Thái Nguyên\n", "")],
        ["centres.csv:1: -: thiếu dòng tiêu đề (tệp hoặc trang tính rỗng)"],
    ),
]


def _spoil(bundle, changes) -> None:
    for name, old, new in changes:
        if old is None:
            if (bundle / name).exists():
                append(bundle, name, new)
            else:
                (bundle / name).write_text(new + "\n", encoding="utf-8")
        else:
            edit(bundle, name, old, new)


@pytest.mark.parametrize(("changes", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_fault_is_reported_and_nothing_written(runner, db, bundle, changes, expected):
    _spoil(bundle, changes)

    assert failed_import(runner, bundle) == expected
    assert row_counts(db) == (0, 0)


def test_file_that_is_not_utf8(runner, db, bundle):
    text = (bundle / "units.csv").read_text(encoding="utf-8")
    # a legacy 8-bit encoding (TCVN3/Windows-1258 style bytes) on line 3
    (bundle / "units.csv").write_bytes(
        text.encode("utf-8").replace("Sở Nội vụ".encode(), b"S\xf5 N\xe9i v\xf9")
    )

    assert failed_import(runner, bundle) == ["units.csv:3: -: tệp không được mã hóa UTF-8"]
    assert row_counts(db) == (0, 0)


def test_units_csv_is_required(runner, db, bundle):
    (bundle / "units.csv").unlink()

    errors = failed_import(runner, bundle)

    assert errors[0] == "units.csv:1: -: thiếu tệp bắt buộc"
    assert "assignments.csv:2: unit_code: không có đơn vị nào mã 'SNV'" in errors
    assert row_counts(db) == (0, 0)


def test_several_faults_in_several_files_are_all_listed(runner, db, bundle):
    _spoil(
        bundle,
        [
            ("units.csv", "X1,Xã Bình Lư,commune,H1", "X1,Xã Bình Lư,village,H1"),
            ("people.csv", "S7,Phạm Văn An,M,1965-09-09", "S7,Phạm Văn An,X,1965-19-09"),
            ("classes.csv", "2014-11-15,4,", "2014-11-15,-4,"),
            ("enrollments.csv", "X4,NQ05_1,completed,,,2012-05-11", "X4,NQ05_1,completed,,,"),
            ("users.csv", "unit_head,H1,", "unit_head,,"),
        ],
    )

    assert failed_import(runner, bundle) == [
        "units.csv:6: level: giá trị 'village' không hợp lệ; cần một trong: province, district, commune",
        "people.csv:8: gender: giá trị 'X' không hợp lệ; cần một trong: M, F",
        "people.csv:8: birth_date: ngày '1965-19-09' không hợp lệ (cần YYYY-MM-DD)",
        "classes.csv:5: capacity: giá trị '-4' không được âm",
        "enrollments.csv:25: completed_on: đăng ký đã hoàn thành phải có ngày hoàn thành",
        "users.csv:3: unit_code: người dùng unit_head phải có mã đơn vị",
    ]
    assert row_counts(db) == (0, 0)


def test_messages_in_english_when_the_locale_says(runner, db, bundle, monkeypatch):
    monkeypatch.setenv("NQ05_LOCALE", "en")
    edit(bundle, "people.csv", "S7,Phạm Văn An,M,1965-09-09", "S7,Phạm Văn An,M,")

    result = runner.invoke(args=["import", str(bundle)])

    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "people.csv:8: birth_date: a value is required",
        "Nothing was imported: the bundle has 1 errors.",
    ]
