"""The exchange feature's command-line messages: key -> (Vietnamese, English)."""

from __future__ import annotations

from nq05.i18n_cli import register_messages

_UNKNOWN = {
    "units": ("đơn vị", "unit"),
    "positions": ("chức danh", "position"),
    "people": ("cán bộ", "person"),
    "programmes": ("chương trình", "programme"),
    "centres": ("cơ sở đào tạo", "training centre"),
    "classes": ("lớp", "class"),
    "periods": ("giai đoạn", "period"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    # reading
    "bundle_not_found": (
        "không phải thư mục tệp CSV hay tệp .xlsx",
        "not a folder of CSV files or an .xlsx workbook",
    ),
    "unknown_file": ("tệp không thuộc bộ dữ liệu", "unknown file"),
    "unknown_sheet": ("trang tính không thuộc bộ dữ liệu", "unknown sheet"),
    "not_utf8": ("tệp không được mã hóa UTF-8", "the file is not UTF-8"),
    "bad_csv": ("tệp CSV không đọc được: {detail}", "the CSV file cannot be read: {detail}"),
    "xlsx_not_a_workbook": (
        "không đọc được tệp .xlsx: {detail}",
        "the .xlsx workbook cannot be read: {detail}",
    ),
    "xlsx_too_many_members": (
        "tệp .xlsx có hơn {max} thành phần: không phải bảng tính thông thường",
        "the .xlsx file has more than {max} parts: not an ordinary workbook",
    ),
    "xlsx_member_too_large": (
        "phần {member} của tệp .xlsx vượt quá {mb} MB khi giải nén",
        "the part {member} of the .xlsx file is over {mb} MB uncompressed",
    ),
    "xlsx_too_large": (
        "tệp .xlsx vượt quá {mb} MB khi giải nén",
        "the .xlsx file is over {mb} MB uncompressed",
    ),
    "xlsx_too_many_rows": ("trang tính có hơn {max} dòng", "the sheet has more than {max} rows"),
    "xlsx_too_slow": (
        "đọc tệp quá {seconds} giây: dừng ở dòng này",
        "reading took over {seconds} seconds: stopped at this row",
    ),
    "no_header": ("thiếu dòng tiêu đề (tệp hoặc trang tính rỗng)", "no header row (empty file or sheet)"),
    "file_required": ("thiếu tệp bắt buộc", "this file is required"),
    "column_repeated": ("cột bị lặp lại", "column repeated"),
    "unknown_column": ("cột không được biết", "unknown column"),
    "missing_column": ("thiếu cột", "missing column"),
    "too_many_values": (
        "dòng có {got} giá trị, tiêu đề chỉ có {expected} cột",
        "the row has {got} values, the header only {expected} columns",
    ),
    # cells
    "required": ("thiếu giá trị bắt buộc", "a value is required"),
    "bad_date": ("ngày '{value}' không hợp lệ (cần YYYY-MM-DD)", "bad date '{value}' (expected YYYY-MM-DD)"),
    "not_whole_number": ("'{value}' không phải là số nguyên", "'{value}' is not a whole number"),
    "not_a_number": ("'{value}' không phải là số", "'{value}' is not a number"),
    "negative": ("giá trị '{value}' không được âm", "'{value}' must not be negative"),
    "out_of_range": (
        "giá trị '{value}' phải từ {min} đến {max}",
        "'{value}' must be from {min} to {max}",
    ),
    "too_long": ("dài {length} ký tự, tối đa {max}", "{length} characters long, at most {max}"),
    "control_character": ("có ký tự điều khiển {char}", "holds the control character {char}"),
    "forbidden_character": ("không được có ký tự '{char}'", "must not hold the character '{char}'"),
    "bad_email": ("thư điện tử '{value}' không hợp lệ", "'{value}' is not an e-mail address"),
    "password_too_short": (
        "mật khẩu phải có ít nhất {min} ký tự",
        "the password needs at least {min} characters",
    ),
    "date_out_of_range": (
        "ngày phải trong các năm {min}-{max}",
        "the date must be within the years {min}-{max}",
    ),
    "birth_in_future": ("ngày sinh sau hôm nay", "the birth date is after today"),
    "birth_too_early": (
        "ngày sinh trước năm {year} (quá 100 tuổi)",
        "the birth date is before {year} (over 100 years old)",
    ),
    "unknown_choice": (
        "giá trị '{value}' không hợp lệ; cần một trong: {allowed}",
        "unknown value '{value}'; expected one of: {allowed}",
    ),
    "bad_level": (
        "'{value}' không phải là trình độ của lĩnh vực {track}",
        "'{value}' is not a level of track {track}",
    ),
    "level_without_track": ("trình độ '{value}' mà không có lĩnh vực", "level '{value}' without a track"),
    # rows
    "duplicate_key": (
        "khóa ({code}) bị lặp, đã có ở dòng {first}",
        "duplicate key ({code}), first on line {first}",
    ),
    "exists_in_database": (
        "khóa ({code}) đã có trong cơ sở dữ liệu (dùng --replace để thay toàn bộ)",
        "key ({code}) already exists in the database (use --replace to replace everything)",
    ),
    "bad_setting_whole": (
        "giá trị '{value}' của {setting} phải là số nguyên từ {min} đến {max}",
        "the value '{value}' of {setting} must be a whole number from {min} to {max}",
    ),
    "bad_setting_share": (
        "giá trị '{value}' của {setting} phải là số từ 0 đến 1",
        "the value '{value}' of {setting} must be a number from 0 to 1",
    ),
    "bad_setting_month_day": (
        "giá trị '{value}' của {setting} phải là tháng-ngày MM-DD",
        "the value '{value}' of {setting} must be a month-day MM-DD",
    ),
    "parent_cycle": ("đơn vị {value} nằm trong vòng lặp đơn vị cấp trên", "unit {value} is its own ancestor"),
    "end_before_start": (
        "ngày kết thúc {end} trước ngày bắt đầu {start}",
        "end date {end} is before start date {start}",
    ),
    "overlaps": ("trùng thời gian với dòng {other}", "overlaps line {other}"),
    "overlaps_database": (
        "trùng thời gian với bản ghi bắt đầu {start} đã có trong cơ sở dữ liệu",
        "overlaps the record starting {start} already in the database",
    ),
    "refresher_confers": (
        "chương trình bồi dưỡng (refresher) không cấp trình độ",
        "a refresher programme confers no level",
    ),
    "indicator_level_or_programme": (
        "chỉ tiêu báo cáo cần hoặc track,min_level hoặc programme_code (không cả hai)",
        "an indicator has either track,min_level or programme_code (not both)",
    ),
    "version_positive": ("phiên bản phải từ 1 trở lên", "version must be 1 or more"),
    "submitted_on_required": (
        "kế hoạch ở trạng thái {status} phải có ngày gửi",
        "a {status} plan needs submitted_on",
    ),
    "decided_on_required": (
        "kế hoạch ở trạng thái {status} phải có ngày quyết định",
        "a {status} plan needs decided_on",
    ),
    "decided_before_submitted": ("ngày quyết định trước ngày gửi", "decided_on is before submitted_on"),
    "line_without_plan": ("không có kế hoạch ({plan}) cho dòng này", "no plan ({plan}) for this line"),
    "nominee_repeated": ("cán bộ {value} được nêu tên hai lần", "person {value} is named twice"),
    "completed_on_required": (
        "đăng ký đã hoàn thành phải có ngày hoàn thành",
        "a completed enrolment needs completed_on",
    ),
    "unit_required": ("người dùng unit_head phải có mã đơn vị", "a unit_head user needs unit_code"),
    "centre_required": (
        "người dùng centre_staff phải có mã cơ sở đào tạo",
        "a centre_staff user needs centre_code",
    ),
    "database_refused": (
        "cơ sở dữ liệu không nhận bộ dữ liệu: {detail}",
        "the database refused the bundle: {detail}",
    ),
    # commands
    "import_failed": (
        "Không nhập gì: bộ dữ liệu có {count} lỗi.",
        "Nothing was imported: the bundle has {count} errors.",
    ),
    "import_done": ("Đã nhập {path}:", "Imported {path}:"),
    "export_done": ("Đã xuất ra {path}:", "Exported to {path}:"),
    "export_symlink": (
        "Không xuất: {path} là liên kết tượng trưng (symlink); hãy chọn đường dẫn khác.",
        "Nothing exported: {path} is a symbolic link; choose another path.",
    ),
    "export_exists": (
        "Không xuất: tệp {path} đã có (dùng --force để ghi đè).",
        "Nothing exported: {path} exists (use --force to overwrite it).",
    ),
    "export_not_a_folder": (
        "Không xuất: {path} đã có và không phải thư mục.",
        "Nothing exported: {path} exists and is not a folder.",
    ),
    "export_not_empty": (
        "Không xuất: thư mục {path} không rỗng (dùng --force để ghi đè các tệp của bộ dữ liệu).",
        "Nothing exported: the folder {path} is not empty (use --force to overwrite the bundle's files).",
    ),
    "rows_line": ("  {file}: {count} dòng", "  {file}: {count} rows"),
}
for _file, (_vi, _en) in _UNKNOWN.items():
    MESSAGES[f"unknown_{_file}"] = (f"không có {_vi} nào mã '{{value}}'", f"unknown {_en} '{{value}}'")


def register() -> None:
    register_messages(MESSAGES)


register()
