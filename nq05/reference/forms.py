"""Admin forms for reference data: positions (title standards), programmes, centres, the settings,
periods and targets. Every value is checked by the bundle import's rules (nq05.domain.fields)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Optional, StopValidation, ValidationError

from nq05.domain.codes import SETTING_DEFAULTS
from nq05.domain.fields import (
    ATTENDANCE_MINIMUM,
    COUNT,
    DURATION_MONTHS,
    EMAIL,
    MAX_AGE,
    MIN_SERVICE_YEARS,
    NAME,
    PHONE,
    RESUBMIT_DAYS,
    SCORE_SCALE,
    TARGET_VALUE,
    WHOLE_SETTINGS,
    setting_problem,
    target_problem,
)
from nq05.domain.levels import TRACK_LEVELS, TRACKS
from nq05.labels import TRACK_LABELS, choices, level_choices, qualification_choices
from nq05.reference.settings import NOTICE_SETTING_DEFAULTS
from nq05.web.forms import DateField, Form, IntegerField, code_field, name_field
from nq05.web.validators import FieldRule


def _optional_int(value):
    return int(value) if value not in (None, "", "None") else None


def _none_if_blank(value):
    return value or None


def _minimum_fields(cls, prefix: str, make_label):
    """One select per track (``<prefix>_edu`` ...): a minimum level, or none."""
    for track in TRACKS:
        field = SelectField(make_label(TRACK_LABELS[track]), coerce=_none_if_blank, validate_choice=False)
        setattr(cls, f"{prefix}_{track}", field)
    return cls


def fill_level_choices(form, prefix: str) -> None:
    for track in TRACKS:
        field = getattr(form, f"{prefix}_{track}")
        field.choices = level_choices(track, blank=str(_l("— Không yêu cầu —")))


def check_levels(form, prefix: str) -> None:
    for track in TRACKS:
        field = getattr(form, f"{prefix}_{track}")
        if field.data and field.data not in TRACK_LEVELS[track]:
            field.errors = [*field.errors, _l("Trình độ không hợp lệ.")]


class PositionForm(Form):
    code = code_field()
    name = name_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fill_level_choices(self, "min")

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        check_levels(self, "min")
        return ok and not self.errors


class ProgrammeForm(Form):
    code = code_field()
    name = name_field()
    kind = SelectField(_l("Loại"), validators=[DataRequired(_l("Vui lòng chọn loại."))])
    confers = SelectField(_l("Trình độ được cấp"), coerce=_none_if_blank, validate_choice=False)
    duration_months = IntegerField(
        _l("Thời gian (tháng)"),
        validators=[InputRequired(_l("Vui lòng nhập số tháng.")), FieldRule(DURATION_MONTHS)],
        default=0,
    )
    max_age = IntegerField(_l("Tuổi tối đa"), validators=[Optional(), FieldRule(MAX_AGE)])
    min_service_years = IntegerField(
        _l("Số năm công tác tối thiểu"), validators=[Optional(), FieldRule(MIN_SERVICE_YEARS)]
    )
    score_scale = IntegerField(
        _l("Thang điểm"),
        validators=[Optional(), FieldRule(SCORE_SCALE)],
        description=_l("Điểm cao nhất của kết quả học tập; để trống: thang điểm 10."),
    )
    min_attendance = IntegerField(
        _l("Tỷ lệ chuyên cần tối thiểu (%)"),
        validators=[Optional(), FieldRule(ATTENDANCE_MINIMUM)],
        description=_l("Thấp hơn mức này, ghi «hoàn thành» phải xác nhận; để trống: 80%."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices("programme_kind")
        self.confers.choices = {"": [("", str(_l("— Không cấp trình độ —")))], **qualification_choices()}
        fill_level_choices(self, "pre")

    def validate_confers(self, field):
        if field.data:
            track, _, level = field.data.partition(":")
            if level not in TRACK_LEVELS.get(track, ()):
                raise ValidationError(_l("Trình độ không hợp lệ."))
        if self.kind.data == "refresher" and field.data:
            raise ValidationError(_l("Chương trình bồi dưỡng, cập nhật kiến thức không cấp trình độ."))
        if self.kind.data in ("degree", "certificate") and not field.data:
            raise ValidationError(_l("Chương trình đào tạo hoặc cấp chứng chỉ phải ghi trình độ được cấp."))

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        check_levels(self, "pre")
        return ok and not self.errors


_minimum_fields(PositionForm, "min", lambda track: _l("Tối thiểu: %(track)s", track=track))
_minimum_fields(ProgrammeForm, "pre", lambda track: _l("Điều kiện: %(track)s", track=track))


class CentreForm(Form):
    code = code_field()
    name = name_field()


# --- decimals as the province writes them: 13,5 ----------------------------------------------------

#: the web's messages for the problems of a typed decimal (the rule is nq05.domain.fields')
DECIMAL_MESSAGES = {
    "not_a_number": _l("Cần nhập một số (phần thập phân sau dấu phẩy, ví dụ 13,5)."),
    "negative": _l("Giá trị không được âm."),
    "out_of_range": _l("Giá trị phải từ %(min)s đến %(max)s."),
}


def parse_decimal(text: str, rule=TARGET_VALUE) -> tuple[float | None, str | None]:
    """A number typed on a page, ``13,5`` (a comma before the decimals; no thousands separator:
    ``1.234`` is refused rather than read as 1,234): the value, or the message of its fault."""
    text = (text or "").strip()
    if "." in text:
        return None, str(DECIMAL_MESSAGES["not_a_number"])
    value, problem = rule.parse(text.replace(",", "."))
    if problem is not None:
        message = DECIMAL_MESSAGES.get(problem.key, DECIMAL_MESSAGES["not_a_number"])
        return None, str(message) % {
            **problem.params,
            "min": _plain(rule.minimum),
            "max": _plain(rule.maximum),
        }
    return value, None


def _plain(number: float) -> str:
    return f"{number:,.0f}".replace(",", ".") if float(number).is_integer() else str(number).replace(".", ",")


def typed_decimal(value: float | None) -> str:
    """How a stored number is shown in an input: ``12``, ``13,5``."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value)).replace(".", ",")


class DecimalText(StringField):
    """A decimal written the Vietnamese way (13,5); ``data`` is the float (None when blank)."""

    def __init__(self, label=None, validators=None, rule=TARGET_VALUE, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.rule = rule

    def process_formdata(self, valuelist):
        self.typed = valuelist[0] if valuelist else ""
        self.data = None
        if self.typed.strip():
            self.data, message = parse_decimal(self.typed, self.rule)
            if message:
                raise ValueError(message)

    def _value(self):
        if getattr(self, "typed", None) is not None:
            return self.typed
        return typed_decimal(self.data)


# --- the province's settings ---------------------------------------------------------------------

SETTING_MESSAGES = {
    "bad_setting_whole": _l("Cần một số nguyên từ %(min)s đến %(max)s."),
    "bad_setting_month_day": _l("Cần một ngày trong năm dạng ngày/tháng, ví dụ 30/11."),
    "bad_setting_share": _l("Cần một tỷ lệ từ 0 đến 100%%."),
}


class SettingRule:
    """The import's rule for one setting (nq05.domain.fields.setting_problem), on the stored text
    the field's ``stored()`` gives."""

    def __init__(self, key: str):
        self.key = key

    def __call__(self, form, field):
        stored = form.stored_value(self.key)
        if stored is None:
            raise StopValidation(str(SETTING_MESSAGES[_setting_message_key(self.key)]) % _bounds(self.key))
        problem = setting_problem(self.key, stored)
        if problem is not None:
            raise StopValidation(str(SETTING_MESSAGES[problem.key]) % _bounds(self.key))


def _setting_message_key(key: str) -> str:
    if key in WHOLE_SETTINGS:
        return "bad_setting_whole"
    return "bad_setting_month_day" if key == "plan_due_month_day" else "bad_setting_share"


def _bounds(key: str) -> dict:
    rule = WHOLE_SETTINGS.get(key)
    return {"min": int(rule.minimum), "max": int(rule.maximum)} if rule else {}


class ProvinceSettingsForm(Form):
    """The province's settings as the admin reads them: ages in years, the plan deadline as a day
    of the year (30/11), the low-execution threshold as a percentage; stored as domain.md's text.
    The reference workbook reads and writes these (not the notices' keys: SettingsForm)."""

    #: the stored keys this form shows, in the page's order
    keys = tuple(SETTING_DEFAULTS)

    retirement_age_male = StringField(
        _l("Tuổi nghỉ hưu của nam"), validators=[SettingRule("retirement_age_male")]
    )
    retirement_age_female = StringField(
        _l("Tuổi nghỉ hưu của nữ"), validators=[SettingRule("retirement_age_female")]
    )
    plan_due_month_day = StringField(
        _l("Hạn gửi kế hoạch năm sau (ngày/tháng)"),
        validators=[SettingRule("plan_due_month_day")],
        description=_l("Kế hoạch năm Y phải gửi trước ngày này của năm Y-1, ví dụ 30/11."),
    )
    low_execution_threshold = StringField(
        _l("Ngưỡng tỷ lệ thực hiện thấp (%)"),
        validators=[SettingRule("low_execution_threshold")],
        description=_l("Kế hoạch năm trước thực hiện dưới tỷ lệ này thì bị cảnh báo."),
    )
    source_window_days = StringField(
        _l("Thời hạn lập danh sách cử đi học (ngày)"),
        validators=[SettingRule("source_window_days")],
        description=_l("Số ngày trước khi lớp khai giảng mà dòng kế hoạch phải có người được cử đi học."),
    )
    stale_grace_days = StringField(
        _l("Thời gian cho phép trước khi kế hoạch không còn sát thực tế (ngày)"),
        validators=[SettingRule("stale_grace_days")],
    )

    def stored_value(self, key: str) -> str | None:
        """The text to store for ``key`` from what was typed (None: not readable at all)."""
        data = getattr(self, key).data
        typed = (data if isinstance(data, str) else "" if data is None else str(data)).strip()
        if key == "plan_due_month_day":
            day, sep, month = typed.partition("/")
            if not sep or not day.isdigit() or not month.isdigit() or len(day) > 2 or len(month) > 2:
                return None
            return f"{int(month):02d}-{int(day):02d}"
        if key == "low_execution_threshold":
            if "." in typed:
                return None
            try:
                share = Decimal(typed.replace(",", ".")) / 100
            except InvalidOperation:
                return None
            return format(share.normalize(), "f") if share.is_finite() else None
        return typed

    def fill(self, settings: dict[str, str]) -> None:
        """Show the stored ``settings`` (defaults filled in) the way the form reads them."""
        for key, value in settings.items():
            if key not in self.keys:
                continue
            field = getattr(self, key)
            if key == "plan_due_month_day":
                month, day = value.split("-")
                field.data = f"{int(day):02d}/{int(month):02d}"
            elif key == "low_execution_threshold":
                field.data = format((Decimal(value) * 100).normalize(), "f").replace(".", ",")
            else:
                field.data = value


class SettingsForm(ProvinceSettingsForm):
    """The settings page: domain.md's settings, then who signs the official notices and whom they
    give as contact (``notice_*``, docs/dev/notify.md), checked by nq05.domain.fields' rules. The
    notices' keys change no figure: saving only them recomputes nothing."""

    notice_keys = tuple(NOTICE_SETTING_DEFAULTS)
    keys = (*ProvinceSettingsForm.keys, *notice_keys)

    notice_sender = StringField(
        _l("Cơ quan gửi thông báo"),
        validators=[DataRequired(_l("Vui lòng nhập tên cơ quan gửi thông báo.")), FieldRule(NAME)],
        description=_l("Ký tên dưới mọi thư điện tử thông báo, ví dụ Sở Nội vụ."),
    )
    notice_contact_name = StringField(
        _l("Đầu mối liên hệ"),
        validators=[Optional(), FieldRule(NAME)],
        description=_l("Người hoặc phòng ban mà đơn vị liên hệ khi cần hỏi; để trống: không ghi."),
    )
    notice_contact_phone = StringField(
        _l("Điện thoại liên hệ"),
        validators=[Optional(), FieldRule(PHONE)],
        description=_l("Ví dụ 0213 3876 543 hoặc +84 213 3876 543; để trống: không ghi."),
    )
    notice_contact_email = StringField(
        _l("Thư điện tử liên hệ"),
        validators=[Optional(), FieldRule(EMAIL)],
        description=_l("Địa chỉ nhận thư trả lời của đầu mối liên hệ; để trống: không ghi."),
    )
    notice_resubmit_days = IntegerField(
        _l("Thời hạn trình lại kế hoạch bị trả lại (ngày)"),
        validators=[InputRequired(_l("Vui lòng nhập số ngày.")), FieldRule(RESUBMIT_DAYS)],
        description=_l(
            "Thông báo trả lại kế hoạch đề nghị trình lại trong số ngày này, tính từ ngày trả lại."
        ),
    )


# --- periods and targets -------------------------------------------------------------------------


class PeriodForm(Form):
    code = code_field()
    start_date = DateField(
        _l("Từ ngày"), validators=[InputRequired(_l("Vui lòng nhập ngày bắt đầu hợp lệ."))]
    )
    end_date = DateField(
        _l("Đến ngày"), validators=[InputRequired(_l("Vui lòng nhập ngày kết thúc hợp lệ."))]
    )


class TargetForm(Form):
    kind = SelectField(_l("Loại chỉ tiêu"), validators=[DataRequired(_l("Vui lòng chọn loại chỉ tiêu."))])
    level = SelectField(
        _l("Trình độ"), validators=[DataRequired(_l("Vui lòng chọn trình độ."))], validate_choice=False
    )
    category = SelectField(_l("Đối tượng"), coerce=_none_if_blank)
    unit_id = SelectField(_l("Đơn vị (chỉ tiêu giao cho đơn vị)"), coerce=_optional_int)
    value = DecimalText(
        _l("Giá trị"),
        validators=[InputRequired(_l("Vui lòng nhập giá trị."))],
        description=_l("Số người (chỉ tiêu số người) hoặc phần trăm (chỉ tiêu tỷ lệ), ví dụ 12 hoặc 13,5."),
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices("target_kind")
        self.level.choices = {"": [("", "—")], **qualification_choices()}
        self.category.choices = choices("category", blank=str(_l("— Mọi đối tượng —")))
        self.unit_id.choices = [("", str(_l("— Toàn tỉnh —")))] + list(units)

    def validate_level(self, field):
        track, _, level = (field.data or "").partition(":")
        if level not in TRACK_LEVELS.get(track, ()):
            raise ValidationError(_l("Trình độ không hợp lệ."))

    def validate_value(self, field):
        if field.data is not None and target_problem(self.kind.data, field.data) is not None:
            raise ValidationError(_l("Chỉ tiêu tỷ lệ là phần trăm: từ 0 đến 100."))


class IndicatorForm(Form):
    """A line of the progress report: a minimum level on a track, or a programme completed."""

    position = IntegerField(
        _l("Thứ tự trong báo cáo"),
        validators=[InputRequired(_l("Vui lòng nhập thứ tự.")), FieldRule(COUNT)],
    )
    category = SelectField(_l("Đối tượng"), coerce=_none_if_blank)
    level = SelectField(_l("Trình độ tối thiểu"), coerce=_none_if_blank, validate_choice=False)
    programme_id = SelectField(_l("hoặc: đã học xong chương trình"), coerce=_optional_int)

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = choices("category", blank=str(_l("— Mọi đối tượng —")))
        self.level.choices = {"": [("", "—")], **qualification_choices()}
        self.programme_id.choices = [("", "—")] + list(programmes)

    def validate_level(self, field):
        if field.data:
            track, _, level = field.data.partition(":")
            if level not in TRACK_LEVELS.get(track, ()):
                raise ValidationError(_l("Trình độ không hợp lệ."))

    def validate_programme_id(self, field):
        if bool(field.data) == bool(self.level.data):
            raise ValidationError(
                _l("Chọn một trình độ tối thiểu hoặc một chương trình (không chọn cả hai).")
            )


class WorkbookUploadForm(Form):
    workbook = FileField(
        _l("Tệp Excel (.xlsx)"),
        validators=[FileRequired(_l("Vui lòng chọn tệp.")), FileAllowed(["xlsx"], _l("Chỉ nhận tệp .xlsx."))],
    )
