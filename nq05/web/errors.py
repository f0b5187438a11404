"""Error pages in the user's language (Vietnamese by default)."""

from __future__ import annotations

from flask import current_app, render_template
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from nq05.extensions import db


def _messages():
    return {
        400: (
            _("Yêu cầu không hợp lệ"),
            _("Yêu cầu gửi lên không hợp lệ. Vui lòng tải lại trang và thử lại."),
        ),
        403: (
            _("Không có quyền truy cập"),
            _("Tài khoản của bạn không được phép xem hoặc thay đổi nội dung này."),
        ),
        404: (
            _("Không tìm thấy trang"),
            _("Trang hoặc hồ sơ bạn tìm không tồn tại, hoặc bạn không có quyền xem."),
        ),
        405: (_("Thao tác không được hỗ trợ"), _("Trang này không nhận thao tác vừa gửi.")),
        413: (
            _("Tệp quá lớn"),
            _(
                "Tệp hoặc dữ liệu gửi lên lớn hơn %(mb)s MB, mức tối đa được nhận. Không có gì được lưu.",
                mb=(current_app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024),
            ),
        ),
        429: (_("Quá nhiều yêu cầu"), _("Bạn đã thử quá nhiều lần. Vui lòng đợi một lát rồi thử lại.")),
        500: (_("Lỗi hệ thống"), _("Đã xảy ra lỗi. Vui lòng thử lại sau hoặc báo cho quản trị viên.")),
    }


def render_error(code: int):
    title, text = _messages().get(code, _messages()[500] if code >= 500 else _messages()[400])
    return render_template("error.html", code=code, title=title, text=text), code


def handle_http_exception(exc: HTTPException):
    if exc.code is None or exc.code < 400:
        return exc
    return render_error(exc.code)


def handle_unexpected(exc: Exception):
    db.session.rollback()
    if isinstance(exc, HTTPException):
        return handle_http_exception(exc)
    return render_error(500)


def init_errors(app) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)
    if not app.testing and not app.debug:
        app.register_error_handler(Exception, handle_unexpected)
    else:
        app.register_error_handler(500, lambda exc: render_error(500))
