"""What the exchange says about a bundle: message key -> Vietnamese msgid (English in the catalog).

``BundleError`` keeps the key and the values; the message is worded in the reader's language
when it is shown (``message()``), so the checks themselves stay pure.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

MESSAGES = {
    # reading
    "bundle_not_found": _l("không phải thư mục tệp CSV hay tệp .xlsx"),
    "unknown_file": _l("tệp không thuộc bộ dữ liệu"),
    "unknown_sheet": _l("trang tính không thuộc bộ dữ liệu"),
    "not_utf8": _l("tệp không được mã hóa UTF-8"),
    "bad_csv": _l("tệp CSV không đọc được: %(detail)s"),
    "xlsx_not_a_workbook": _l("không đọc được tệp .xlsx: %(detail)s"),
    "xlsx_too_many_members": _l("tệp .xlsx có hơn %(max)s thành phần: không phải bảng tính thông thường"),
    "xlsx_member_too_large": _l("phần %(member)s của tệp .xlsx vượt quá %(mb)s MB khi giải nén"),
    "xlsx_too_large": _l("tệp .xlsx vượt quá %(mb)s MB khi giải nén"),
    "xlsx_too_many_rows": _l("trang tính có hơn %(max)s dòng"),
    "xlsx_too_slow": _l("đọc tệp quá %(seconds)s giây: dừng ở dòng này"),
    "no_header": _l("thiếu dòng tiêu đề (tệp hoặc trang tính rỗng)"),
    "file_required": _l("thiếu tệp bắt buộc"),
    "column_repeated": _l("cột bị lặp lại"),
    "unknown_column": _l("cột không được biết"),
    "missing_column": _l("thiếu cột"),
    "too_many_values": _l("dòng có %(got)s giá trị, tiêu đề chỉ có %(expected)s cột"),
    # cells
    "required": _l("thiếu giá trị bắt buộc"),
    "bad_date": _l("ngày '%(value)s' không hợp lệ (cần YYYY-MM-DD)"),
    "not_whole_number": _l("'%(value)s' không phải là số nguyên"),
    "not_a_number": _l("'%(value)s' không phải là số"),
    "negative": _l("giá trị '%(value)s' không được âm"),
    "out_of_range": _l("giá trị '%(value)s' phải từ %(min)s đến %(max)s"),
    "too_long": _l("dài %(length)s ký tự, tối đa %(max)s"),
    "control_character": _l("có ký tự điều khiển %(char)s"),
    "forbidden_character": _l("không được có ký tự '%(char)s'"),
    "bad_email": _l("thư điện tử '%(value)s' không hợp lệ"),
    "password_too_short": _l("mật khẩu phải có ít nhất %(min)s ký tự"),
    "date_out_of_range": _l("ngày phải trong các năm %(min)s-%(max)s"),
    "birth_in_future": _l("ngày sinh sau hôm nay"),
    "birth_too_early": _l("ngày sinh trước năm %(year)s (quá 100 tuổi)"),
    "unknown_choice": _l("giá trị '%(value)s' không hợp lệ; cần một trong: %(allowed)s"),
    "bad_level": _l("'%(value)s' không phải là trình độ của lĩnh vực %(track)s"),
    "level_without_track": _l("trình độ '%(value)s' mà không có lĩnh vực"),
    # rows
    "duplicate_key": _l("khóa (%(code)s) bị lặp, đã có ở dòng %(first)s"),
    "exists_in_database": _l("khóa (%(code)s) đã có trong cơ sở dữ liệu (dùng --replace để thay toàn bộ)"),
    "bad_setting_whole": _l("giá trị '%(value)s' của %(setting)s phải là số nguyên từ %(min)s đến %(max)s"),
    "bad_setting_share": _l("giá trị '%(value)s' của %(setting)s phải là số từ 0 đến 1"),
    "bad_setting_month_day": _l("giá trị '%(value)s' của %(setting)s phải là tháng-ngày MM-DD"),
    "parent_cycle": _l("đơn vị %(value)s nằm trong vòng lặp đơn vị cấp trên"),
    "end_before_start": _l("ngày kết thúc %(end)s trước ngày bắt đầu %(start)s"),
    "overlaps": _l("trùng thời gian với dòng %(other)s"),
    "overlaps_database": _l("trùng thời gian với bản ghi bắt đầu %(start)s đã có trong cơ sở dữ liệu"),
    "refresher_confers": _l(
        "chương trình bồi dưỡng, cập nhật kiến thức không cấp trình độ: để trống track và level"
    ),
    "indicator_level_or_programme": _l(
        "chỉ tiêu báo cáo cần hoặc track,min_level hoặc programme_code (không cả hai)"
    ),
    "version_positive": _l("lần của kế hoạch phải từ 1 trở lên"),
    "submitted_on_required": _l("kế hoạch ở trạng thái %(status)s phải có ngày gửi"),
    "decided_on_required": _l("kế hoạch ở trạng thái %(status)s phải có ngày quyết định"),
    "decided_before_submitted": _l("ngày quyết định trước ngày gửi"),
    "line_without_plan": _l("không có kế hoạch (%(plan)s) cho dòng này"),
    "nominee_repeated": _l("cán bộ %(value)s được nêu tên hai lần"),
    "completed_on_required": _l("đăng ký đã hoàn thành phải có ngày hoàn thành"),
    "unit_required": _l("người dùng unit_head phải có mã đơn vị"),
    "centre_required": _l("người dùng centre_staff phải có mã cơ sở đào tạo"),
    "database_refused": _l("cơ sở dữ liệu không nhận bộ dữ liệu: %(detail)s"),
    "export_symlink": _l("Không xuất: %(path)s là liên kết tượng trưng (symlink); hãy chọn đường dẫn khác."),
    "export_exists": _l("Không xuất: tệp %(path)s đã có (dùng --force để ghi đè)."),
    "export_not_a_folder": _l("Không xuất: %(path)s đã có và không phải thư mục."),
    "export_not_empty": _l(
        "Không xuất: thư mục %(path)s không rỗng (dùng --force để ghi đè các tệp của bộ dữ liệu)."
    ),
    # a reference to a code that does not exist
    "unknown_units": _l("không có đơn vị nào mã '%(value)s'"),
    "unknown_positions": _l("không có chức danh nào mã '%(value)s'"),
    "unknown_people": _l("không có cán bộ nào mã '%(value)s'"),
    "unknown_programmes": _l("không có chương trình nào mã '%(value)s'"),
    "unknown_centres": _l("không có cơ sở đào tạo nào mã '%(value)s'"),
    "unknown_classes": _l("không có lớp nào mã '%(value)s'"),
    "unknown_periods": _l("không có giai đoạn nào mã '%(value)s'"),
}


def message(key: str, values: dict) -> str:
    """The message ``key`` with its ``values``, in the current language."""
    return str(MESSAGES[key]) % values
