"""The reference data as one .xlsx: written formula-safe (nq05.spreadsheets.writing), read within
bounds (nq05.spreadsheets.reading), loaded all or nothing.

A row is checked by the very form the page uses for one record (its fields, with the import's
rules of nq05.domain.fields), then saved by the same operation (the checks that need the database,
the audit entry, the recompute outbox). The cells hold what a reader reads: names of levels,
categories and kinds, dates as dates, decimals as numbers; codes only where a record is known by
its code (positions, programmes, centres, periods, units).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from nq05.domain.codes import CATEGORIES, PROGRAMME_KINDS, SETTING_DEFAULTS, TARGET_KINDS
from nq05.domain.levels import TRACK_LEVELS, TRACKS
from nq05.extensions import db
from nq05.labels import label, level_label
from nq05.reference import operations as ops
from nq05.reference.forms import (
    CentreForm,
    IndicatorForm,
    PeriodForm,
    PositionForm,
    ProgrammeForm,
    ProvinceSettingsForm,
    TargetForm,
    typed_decimal,
)
from nq05.reference.models import Centre, Indicator, Period, Position, Programme, Setting, Target
from nq05.spreadsheets.reading import UPLOAD_LIMITS, BoundedWorkbook, SpreadsheetRefused
from nq05.spreadsheets.writing import Workbook, append_row, date_cell, workbook_bytes

UNITS = "units"


# --- cells <-> the forms' values -----------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _qualification_label(track: str | None, level: str | None) -> str:
    return f"{label('track_short', track)}: {level_label(track, level)}" if track and level else ""


#: a workbook is read in either language, whichever it was downloaded in
LANGUAGES = ("vi", "en")


def in_each_language(make: Callable) -> list:
    """``make()`` in each language of the app (a workbook's words may be in either)."""
    found = []
    for language in LANGUAGES:
        with force_locale(language):
            found.append(make())
    return found


def _by_label(make_pairs: Callable[[], dict[str, str]], text: str) -> str:
    """The code a cell names (by its label in either language, or the code itself); unknown
    text stays as typed, for the form to refuse."""
    folded = text.casefold()
    for pairs in in_each_language(make_pairs):
        for code, name in pairs.items():
            if folded in (name.casefold(), code.casefold()):
                return code
    return text


def _level_of(track: str) -> Callable[[object], str]:
    def read(value) -> str:
        text = _text(value)
        return (
            _by_label(lambda: {lv: level_label(track, lv) for lv in TRACK_LEVELS[track]}, text)
            if text
            else ""
        )

    return read


def _qualification(value) -> str:
    text = _text(value)
    if not text:
        return ""
    return _by_label(
        lambda: {f"{t}:{lv}": _qualification_label(t, lv) for t in TRACKS for lv in TRACK_LEVELS[t]}, text
    )


def _choice(kind: str, codes) -> Callable[[object], str]:
    def read(value) -> str:
        text = _text(value)
        return _by_label(lambda: {c: label(kind, c) for c in codes}, text) if text else ""

    return read


def _date(value) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    text = _text(value)
    day, month, year = (text.split("/") + ["", "", ""])[:3]
    if day.isdigit() and month.isdigit() and year.isdigit():
        return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    return text


def _decimal(value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return typed_decimal(float(value))
    return _text(value)


@dataclass(frozen=True)
class Column:
    header: object
    #: the form field it fills
    field: str
    #: record -> the cell's value
    write: Callable
    #: cell -> the form's text
    read: Callable = _text
    #: a date column (written as a date cell)
    is_date: bool = False

    def title(self) -> str:
        """The header in the current language (``header`` may be a function making it)."""
        return str(self.header() if callable(self.header) else self.header)


@dataclass
class Sheet:
    name: object
    columns: tuple[Column, ...]
    #: the records, in the order written
    rows: Callable
    #: (form data, context) -> the record of the same key, or None
    find: Callable
    #: (record or None, form, context) -> saved record; raises ReferenceRefused
    save: Callable
    form: Callable
    #: (form data, context) -> extra (field, message) problems before the form's own
    resolve: Callable = field(default=lambda data, ctx: [])


def _track_header(header, track: str) -> Callable[[], str]:
    return lambda: str(_l("%(header)s: %(track)s", header=str(header), track=label("track_short", track)))


def _level_cell(prefix: str, track: str) -> Callable:
    return lambda record: level_label(track, getattr(record, f"{prefix}_{track}"))


def _levels_columns(prefix: str, header) -> tuple[Column, ...]:
    return tuple(
        Column(
            _track_header(header, t),
            f"{prefix}_{t}",
            _level_cell(prefix, t),
            _level_of(t),
        )
        for t in TRACKS
    )


def _by_code(model):
    def find(data, ctx):
        return db.session.execute(select(model).where(model.code == data.get("code", ""))).scalar()

    return find


def _simple_save(operation):
    def save(record, form, ctx):
        return operation(record, form.data, ctx["actor"])

    return save


def _unit_codes() -> dict[str, int]:
    table = db.metadata.tables[UNITS]
    return {code: unit_id for unit_id, code in db.session.execute(select(table.c.id, table.c.code))}


def _resolve_target(data, ctx):
    problems = []
    period = db.session.execute(select(Period).where(Period.code == data.get("period", ""))).scalar()
    if period is None:
        problems.append(("period", _l("Không có giai đoạn mã “%(code)s”.", code=data.get("period", ""))))
    ctx["period"] = period
    code = data.get("unit_code", "")
    if code:
        if code not in ctx["units"]:
            problems.append(("unit_code", _l("Không có đơn vị mã “%(code)s”.", code=code)))
        else:
            data["unit_id"] = str(ctx["units"][code])
    return problems


def _find_target(data, ctx):
    period = ctx.get("period")
    track, _sep, level = data.get("level", "").partition(":")
    if period is None or not track:
        return None
    unit_id = int(data["unit_id"]) if data.get("unit_id") else None
    category = data.get("category") or None
    return db.session.execute(
        select(Target).where(
            Target.period_id == period.id,
            Target.kind == data.get("kind"),
            Target.track == track,
            Target.level == level,
            Target.category.is_(None) if category is None else Target.category == category,
            Target.unit_id.is_(None) if unit_id is None else Target.unit_id == unit_id,
        )
    ).scalar()


def _save_target(record, form, ctx):
    track, _sep, level = form.level.data.partition(":")
    values = ops.TargetValues(
        form.kind.data, track, level, form.category.data, form.unit_id.data, form.value.data
    )
    return ops.save_target(ctx["period"], record, values, ctx["actor"])


def _resolve_indicator(data, ctx):
    code = data.get("programme_code", "")
    if code:
        programme_id = db.session.execute(select(Programme.id).where(Programme.code == code)).scalar()
        if programme_id is None:
            return [("programme_code", _l("Không có chương trình mã “%(code)s”.", code=code))]
        data["programme_id"] = str(programme_id)
    return []


def _find_indicator(data, ctx):
    track, _sep, level = data.get("level", "").partition(":")
    programme_id = int(data["programme_id"]) if data.get("programme_id") else None
    category = data.get("category") or None
    return db.session.execute(
        select(Indicator).where(
            Indicator.category.is_(None) if category is None else Indicator.category == category,
            Indicator.track.is_(None) if not track else Indicator.track == track,
            Indicator.min_level.is_(None) if not level else Indicator.min_level == level,
            Indicator.programme_id.is_(None)
            if programme_id is None
            else Indicator.programme_id == programme_id,
        )
    ).scalar()


def _programme_choices(ctx) -> list:
    """The programmes, read once per load (after the programmes' sheet, which is loaded first)."""
    if "programmes" not in ctx:
        ctx["programmes"] = [(p.id, p.name) for p in db.session.execute(select(Programme.id, Programme.name))]
    return ctx["programmes"]


def _all(model, *order):
    return lambda: db.session.execute(select(model).order_by(*order)).scalars().all()


def _units_by_id() -> dict[int, str]:
    return {v: k for k, v in _unit_codes().items()}


def sheets() -> list[Sheet]:
    """The sheets, in the order they are loaded (what a row refers to comes first)."""
    units_by_id = {}

    def unit_code(target):
        if not units_by_id:
            units_by_id.update(_units_by_id())
        return units_by_id.get(target.unit_id, "") if target.unit_id else ""

    code, name = Column(_l("Mã"), "code", lambda r: r.code), Column(_l("Tên"), "name", lambda r: r.name)
    return [
        Sheet(
            _l("Cơ sở đào tạo"),
            (code, name),
            _all(Centre, Centre.code),
            _by_code(Centre),
            _simple_save(ops.save_centre),
            lambda data, ctx: CentreForm(formdata=data, meta={"csrf": False}),
        ),
        Sheet(
            _l("Chức danh"),
            (code, name, *_levels_columns("min", _l("Tối thiểu"))),
            _all(Position, Position.code),
            _by_code(Position),
            _simple_save(ops.save_position),
            lambda data, ctx: PositionForm(formdata=data, meta={"csrf": False}),
        ),
        Sheet(
            _l("Chương trình"),
            (
                code,
                name,
                Column(
                    _l("Loại"),
                    "kind",
                    lambda r: label("programme_kind", r.kind),
                    _choice("programme_kind", PROGRAMME_KINDS),
                ),
                Column(
                    _l("Trình độ được cấp"),
                    "confers",
                    lambda r: _qualification_label(r.track, r.level),
                    _qualification,
                ),
                Column(_l("Thời gian (tháng)"), "duration_months", lambda r: r.duration_months),
                Column(_l("Tuổi tối đa"), "max_age", lambda r: r.max_age),
                Column(_l("Số năm công tác tối thiểu"), "min_service_years", lambda r: r.min_service_years),
                *_levels_columns("pre", _l("Điều kiện")),
            ),
            _all(Programme, Programme.code),
            _by_code(Programme),
            _simple_save(ops.save_programme),
            lambda data, ctx: ProgrammeForm(formdata=data, meta={"csrf": False}),
        ),
        Sheet(
            _l("Giai đoạn"),
            (
                code,
                Column(_l("Từ ngày"), "start_date", lambda r: r.start_date, _date, is_date=True),
                Column(_l("Đến ngày"), "end_date", lambda r: r.end_date, _date, is_date=True),
            ),
            _all(Period, Period.start_date),
            _by_code(Period),
            _simple_save(ops.save_period),
            lambda data, ctx: PeriodForm(formdata=data, meta={"csrf": False}),
        ),
        Sheet(
            _l("Chỉ tiêu"),
            (
                Column(_l("Giai đoạn"), "period", lambda r: r.period.code),
                Column(
                    _l("Loại chỉ tiêu"),
                    "kind",
                    lambda r: label("target_kind", r.kind),
                    _choice("target_kind", TARGET_KINDS),
                ),
                Column(
                    _l("Trình độ"), "level", lambda r: _qualification_label(r.track, r.level), _qualification
                ),
                Column(
                    _l("Đối tượng"),
                    "category",
                    lambda r: label("category", r.category),
                    _choice("category", CATEGORIES),
                ),
                Column(_l("Mã đơn vị"), "unit_code", unit_code),
                Column(_l("Giá trị"), "value", lambda r: r.value, _decimal),
            ),
            lambda: (
                db.session.execute(
                    select(Target)
                    .join(Period, Period.id == Target.period_id)
                    .order_by(Period.start_date, Target.id)
                )
                .scalars()
                .all()
            ),
            _find_target,
            _save_target,
            lambda data, ctx: TargetForm(
                formdata=data, meta={"csrf": False}, units=[(v, k) for k, v in ctx["units"].items()]
            ),
            _resolve_target,
        ),
        Sheet(
            _l("Chỉ số"),
            (
                Column(_l("Thứ tự trong báo cáo"), "position", lambda r: r.position),
                Column(
                    _l("Đối tượng"),
                    "category",
                    lambda r: label("category", r.category),
                    _choice("category", CATEGORIES),
                ),
                Column(
                    _l("Trình độ tối thiểu"),
                    "level",
                    lambda r: _qualification_label(r.track, r.min_level),
                    _qualification,
                ),
                Column(
                    _l("Mã chương trình"), "programme_code", lambda r: r.programme.code if r.programme else ""
                ),
            ),
            _all(Indicator, Indicator.position, Indicator.id),
            _find_indicator,
            _simple_save(ops.save_indicator),
            lambda data, ctx: IndicatorForm(
                formdata=data, meta={"csrf": False}, programmes=_programme_choices(ctx)
            ),
            _resolve_indicator,
        ),
    ]


SETTINGS_SHEET = _l("Thiết lập")
DATE_FORMAT = "DD/MM/YYYY"


# --- writing -------------------------------------------------------------------------------------


def export_bytes() -> bytes:
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets():
        ws = book.create_sheet(str(sheet.name))
        append_row(ws, [c.title() for c in sheet.columns])
        for record in sheet.rows():
            values = []
            for column in sheet.columns:
                value = column.write(record)
                values.append(date_cell(ws, value, DATE_FORMAT) if column.is_date and value else value)
            append_row(ws, values)
    ws = book.create_sheet(str(SETTINGS_SHEET))
    append_row(ws, [str(_l("Thiết lập")), str(_l("Giá trị"))])
    form = ProvinceSettingsForm(formdata=None, meta={"csrf": False})
    stored = {**SETTING_DEFAULTS, **dict(db.session.execute(select(Setting.key, Setting.value)).all())}
    form.fill(stored)
    for key in SETTING_DEFAULTS:
        append_row(ws, [str(getattr(form, key).label.text), getattr(form, key).data])
    return workbook_bytes(book)


# --- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadError:
    sheet: str
    row: int | None
    column: str | None
    message: str


class LoadRefused(Exception):
    def __init__(self, errors: list[LoadError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


#: more errors than this: the rest are not listed
MAX_ERRORS = 200


def _refusal_message(refused: SpreadsheetRefused) -> str:
    messages = {
        "too_many_rows": _l("Trang tính có quá %(max)s dòng.", **refused.params),
        "too_slow": _l("Đọc tệp quá %(seconds)s giây: tệp quá lớn hoặc bị lỗi.", **refused.params),
        "member_too_large": _l("Tệp quá lớn khi giải nén (quá %(mb)s MB một phần).", **refused.params),
        "too_large": _l("Tệp quá lớn khi giải nén (quá %(mb)s MB).", **refused.params),
        "too_many_members": _l("Tệp có quá nhiều thành phần để là một bảng tính."),
    }
    return str(messages.get(refused.key) or _l("Tệp tải lên không phải bảng tính Excel (.xlsx)."))


def load(data: bytes, actor) -> dict[str, int]:
    """Create or change the records of every sheet the workbook holds (a record is known by its
    key: the code, or a target's period, kind, level, category and unit); nothing is deleted.
    Raises LoadRefused with every located error, having changed nothing (the caller rolls back).
    Returns the number of rows read per sheet."""
    try:
        with BoundedWorkbook(data, UPLOAD_LIMITS) as book:
            return _load(book, actor)
    except SpreadsheetRefused as refused:
        raise LoadRefused(
            [LoadError(refused.sheet or "", refused.row, None, _refusal_message(refused))]
        ) from None


def _header_map(book, name: str, columns) -> tuple[dict[int, Column], list[LoadError]]:
    rows = book.rows(name)
    first = next(rows, None)
    if first is None:
        return {}, []
    number, cells = first
    by_header = {}
    for headers in in_each_language(lambda: {c.title().casefold(): c for c in columns}):
        by_header.update(headers)
    found, errors = {}, []
    for index, cell in enumerate(cells):
        text = _text(cell)
        if not text:
            continue
        column = by_header.get(text.casefold())
        if column is None:
            errors.append(LoadError(name, number, text, str(_l("Cột không được biết."))))
        else:
            found[index] = column
    missing = [c.title() for c in columns if c not in found.values()]
    for header in missing:
        errors.append(LoadError(name, number, header, str(_l("Thiếu cột."))))
    return found, errors


def _load(book: BoundedWorkbook, actor) -> dict[str, int]:
    errors: list[LoadError] = []
    counts: dict[str, int] = {}
    ctx = {"actor": actor, "units": _unit_codes()}
    known = set(book.sheetnames)
    for sheet in sheets():
        name = next((n for n in in_each_language(lambda sheet=sheet: str(sheet.name)) if n in known), None)
        if name is None:
            continue
        header, header_errors = _header_map(book, name, sheet.columns)
        errors.extend(header_errors)
        if header_errors:
            continue
        by_field = {c.field: c.title() for c in sheet.columns}
        counts[name] = 0
        for number, cells in book.rows(name):
            if number == 1:
                continue
            counts[name] += 1
            data = {column.field: column.read(cells[index]) for index, column in header.items()}
            errors.extend(_load_row(sheet, name, number, data, by_field, ctx))
            if len(errors) > MAX_ERRORS:
                raise LoadRefused(errors)
    settings_name = next((n for n in in_each_language(lambda: str(SETTINGS_SHEET)) if n in known), None)
    if settings_name is not None:
        counts[settings_name] = _load_settings(book, settings_name, ctx, errors)
    if errors:
        raise LoadRefused(errors)
    return counts


def _load_row(sheet: Sheet, name: str, number: int, data: dict, by_field: dict, ctx) -> list[LoadError]:
    def located(field_name, message):
        return LoadError(name, number, by_field.get(field_name), str(message))

    problems = sheet.resolve(data, ctx)
    if problems:
        return [located(f, m) for f, m in problems]
    form = sheet.form(MultiDict(data), ctx)
    record = sheet.find(data, ctx)
    if not form.validate():
        return [located(f, " ".join(str(m) for m in messages)) for f, messages in form.errors.items()]
    try:
        sheet.save(record, form, ctx)
    except ops.ReferenceRefused as refused:
        return [located(refused.field, refused.message)]
    return []


def _load_settings(book: BoundedWorkbook, name: str, ctx, errors: list[LoadError]) -> int:
    form = ProvinceSettingsForm(formdata=None, meta={"csrf": False})
    labels = {}
    for named in in_each_language(
        lambda: {str(getattr(form, key).label.text).casefold(): key for key in SETTING_DEFAULTS}
    ):
        labels.update(named)
    stored = {**SETTING_DEFAULTS, **dict(db.session.execute(select(Setting.key, Setting.value)).all())}
    form.fill(stored)
    typed = {key: getattr(form, key).data for key in SETTING_DEFAULTS}
    rows_of: dict[str, int] = {}
    count = 0
    for number, cells in book.rows(name):
        if number == 1:
            continue
        count += 1
        key = labels.get(_text(cells[0]).casefold()) or (
            _text(cells[0]) if _text(cells[0]) in SETTING_DEFAULTS else None
        )
        if key is None:
            errors.append(
                LoadError(
                    name,
                    number,
                    str(_l("Thiết lập")),
                    str(_l("Không có thiết lập “%(name)s”.", name=_text(cells[0]))),
                )
            )
            continue
        typed[key] = _decimal(cells[1]) if key == "low_execution_threshold" else _text(cells[1])
        rows_of[key] = number
    checked = ProvinceSettingsForm(formdata=MultiDict(typed), meta={"csrf": False})
    if not checked.validate():
        for key, messages in checked.errors.items():
            errors.append(
                LoadError(name, rows_of.get(key), str(_l("Giá trị")), " ".join(str(m) for m in messages))
            )
        return count
    ops.save_settings({key: checked.stored_value(key) for key in SETTING_DEFAULTS}, ctx["actor"])
    return count
