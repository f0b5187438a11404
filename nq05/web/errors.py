"""Error pages in the user's language (Vietnamese by default), and the log of unexpected errors.

Every request gets a short id (``g.request_id``, also the ``X-Request-ID`` response header). An
unexpected exception is logged with its traceback, the request's method, path, user id and that
id; the 500 page shows the id so the user can quote it to the administrator, and says whether the
action's changes were saved (nothing is, unless the request had already committed).
"""

from __future__ import annotations

import logging
import secrets

from flask import current_app, g, has_request_context, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import event
from werkzeug.exceptions import HTTPException, InternalServerError

from nq05.extensions import db
from nq05.sqlite import SAFE_METHODS

log = logging.getLogger("nq05.web.errors")


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


def request_id() -> str | None:
    """This request's short id (made on first use, so that it exists even if a hook failed)."""
    if not has_request_context():
        return None
    if "request_id" not in g:
        g.request_id = secrets.token_hex(4)
    return g.request_id


def _start_request() -> None:
    # g outlives a request when an app context is held around several (tests, scripts)
    g.request_id = secrets.token_hex(4)
    g.committed = False


def _tag_response(response):
    if "request_id" in g:
        response.headers["X-Request-ID"] = g.request_id
    return response


def _note_commit(session) -> None:
    if has_request_context() and not session.in_nested_transaction():  # a savepoint is no COMMIT
        g.committed = True


def _saved_note() -> str | None:
    """What the 500 page says about the action's changes (None for a page that only reads)."""
    if not has_request_context() or request.method in SAFE_METHODS:
        return None
    if g.get("committed"):
        return _("Một phần thao tác có thể đã được lưu: hãy tải lại trang để kiểm tra trước khi làm lại.")
    return _("Thao tác chưa được thực hiện: không có thay đổi nào được lưu. Bạn có thể thử lại.")


def render_error(code: int):
    title, text = _messages().get(code, _messages()[500] if code >= 500 else _messages()[400])
    context = {"code": code, "title": title, "text": text}
    if code >= 500:
        context.update(request_id=request_id(), saved_note=_saved_note())
    return render_template("error.html", **context), code


def log_unexpected(exc: BaseException) -> None:
    """One log line with the traceback and what identifies the request."""
    user_id = None
    try:
        if current_user and current_user.is_authenticated:
            user_id = current_user.id  # not get_id(): that carries the session token
    except Exception:  # noqa: BLE001 - the user lookup itself may be what failed
        user_id = "?"
    log.error(
        "unexpected error [request %s] %s %s user=%s: %s: %s",
        request_id(),
        request.method,
        request.full_path.rstrip("?"),
        user_id,
        type(exc).__name__,
        exc,
        exc_info=(type(exc), exc, exc.__traceback__),
    )


def handle_http_exception(exc: HTTPException):
    if exc.code is None or exc.code < 400:
        return exc
    if exc.code >= 500:
        log_unexpected(exc)
    return render_error(exc.code)


def handle_unexpected(exc: Exception):
    if isinstance(exc, HTTPException):
        return handle_http_exception(exc)
    db.session.rollback()
    log_unexpected(exc)
    return render_error(500)


def _render_internal_error(exc: InternalServerError):
    # testing or debug: Flask already logged the exception (or the test sees it raised)
    return render_error(500)


def init_errors(app) -> None:
    app.before_request(_start_request)
    app.after_request(_tag_response)
    if not event.contains(db.session, "after_commit", _note_commit):
        event.listen(db.session, "after_commit", _note_commit)
    app.register_error_handler(HTTPException, handle_http_exception)
    if not app.testing and not app.debug:
        app.register_error_handler(Exception, handle_unexpected)
    else:
        app.register_error_handler(500, _render_internal_error)
