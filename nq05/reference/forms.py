"""Admin forms for reference data: positions (title standards), programmes, centres."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.validators import DataRequired, InputRequired, Optional, ValidationError

from nq05.domain.fields import ATTENDANCE_MINIMUM, DURATION_MONTHS, MAX_AGE, MIN_SERVICE_YEARS, SCORE_SCALE
from nq05.domain.levels import TRACK_LEVELS, TRACKS
from nq05.labels import TRACK_LABELS, choices, level_choices, qualification_choices
from nq05.web.forms import Form, IntegerField, code_field, name_field
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
