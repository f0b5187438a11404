"""The demo command's messages (Vietnamese, English)."""

from __future__ import annotations

from nq05.i18n_cli import register_messages

MESSAGES = {
    "demo_not_empty": (
        "Cơ sở dữ liệu đã có dữ liệu (bảng: {tables}). Dùng --replace để xóa hết và tạo dữ liệu mẫu.",
        "The database already holds data (tables: {tables}). Use --replace to empty it and build the demo.",
    ),
    "demo_building": (
        "Đang tạo dữ liệu mẫu (hạt giống {seed}, quy mô {scale})...",
        "Building the demo data (seed {seed}, scale {scale})...",
    ),
    "demo_done": ("Đã tạo xong dữ liệu mẫu trong {seconds} giây:", "Demo data built in {seconds} s:"),
    "demo_logins": ("Tài khoản đăng nhập (email / mật khẩu):", "Sign-in accounts (email / password):"),
    "demo_login_admin": ("Ban Tổ chức / Sở Nội vụ: toàn quyền", "Organisation Board (admin): everything"),
    "demo_login_unit_head": ("Thủ trưởng đơn vị: {place}", "Unit head: {place}"),
    "demo_login_other_unit_head": ("Thủ trưởng đơn vị khác: {place}", "Head of another unit: {place}"),
    "demo_login_centre": ("Cơ sở đào tạo: {place}", "Training centre: {place}"),
    "demo_units": ("Đơn vị", "Units"),
    "demo_people": ("Cán bộ, công chức (kể cả đã nghỉ, chuyển đi)", "Staff (incl. those who left)"),
    "demo_assignments": ("Quá trình công tác", "Assignments"),
    "demo_qualifications": ("Văn bằng, chứng chỉ", "Qualifications"),
    "demo_programmes": ("Chương trình đào tạo, bồi dưỡng", "Programmes"),
    "demo_centres": ("Cơ sở đào tạo", "Training centres"),
    "demo_classes": ("Lớp học", "Classes"),
    "demo_enrolments": ("Lượt cử đi học", "Enrolments"),
    "demo_plans": ("Kế hoạch (các phiên bản)", "Plans (versions)"),
    "demo_plan_lines": ("Dòng kế hoạch", "Plan lines"),
    "demo_targets": ("Chỉ tiêu", "Targets"),
    "demo_indicators": ("Chỉ số báo cáo", "Report indicators"),
}

#: table -> message key of its label in the summary
TABLE_LABELS = {
    "units": "demo_units",
    "people": "demo_people",
    "assignments": "demo_assignments",
    "qualifications": "demo_qualifications",
    "programmes": "demo_programmes",
    "centres": "demo_centres",
    "classes": "demo_classes",
    "enrolments": "demo_enrolments",
    "plans": "demo_plans",
    "plan_lines": "demo_plan_lines",
    "targets": "demo_targets",
    "indicators": "demo_indicators",
}

register_messages(MESSAGES)
