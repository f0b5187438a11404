"""An unexpected error is logged with its traceback and a request id the user sees on the page."""

from __future__ import annotations

import logging

from flask import Blueprint

from tests.web.helpers import sign_in_session


def _served_with_a_broken_page(app):
    from nq05 import create_app

    broken = Blueprint("broken", __name__)

    @broken.route("/broken")
    def page():
        raise ValueError("giá trị hỏng")

    served = create_app({**app.config, "TESTING": False})
    served.register_blueprint(broken)
    return served


def test_an_unexpected_error_is_logged_with_the_id_the_page_shows(app, db, users, caplog):
    served = _served_with_a_broken_page(app)
    client = served.test_client()
    sign_in_session(client, users.head_a)
    caplog.set_level(logging.ERROR, logger="nq05.web.errors")

    response = client.get("/broken?tab=1")

    assert response.status_code == 500
    request_id = response.headers["X-Request-ID"]
    assert len(request_id) == 8
    page = response.get_data(as_text=True)
    assert "Lỗi hệ thống" in page and f"Mã lỗi để báo cho quản trị viên: {request_id}" in page
    assert "được lưu" not in page  # a page that only reads says nothing about saving
    (record,) = [r for r in caplog.records if r.name == "nq05.web.errors"]
    message = record.getMessage()
    assert f"[request {request_id}] GET /broken?tab=1 user={users.head_a.id}: ValueError" in message
    assert isinstance(record.exc_info[1], ValueError)
    assert "giá trị hỏng" in caplog.text and "Traceback" in caplog.text


def test_every_answer_carries_a_request_id(client, users):
    first, second = client.get("/login"), client.get("/login")
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]
