"""``nq05 notify scan --send`` without a mail server: one .eml file per reminder, and the path said."""

from __future__ import annotations

import email
import shutil
from email import policy
from pathlib import Path

from tests.notify.data import EXPECTED_TODAY, make_province


def test_scan_and_send_write_eml_files(app, runner, db, users, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")
    folder = Path(app.config["MAIL_FOLDER"])
    shutil.rmtree(folder, ignore_errors=True)
    make_province(db, users)

    result = runner.invoke(args=["notify", "scan", "--today", "2025-11-20", "--send"])
    assert result.exit_code == 0, result.output
    assert f"Đã tạo {len(EXPECTED_TODAY)} lời nhắc mới (ngày 20/11/2025)." in result.output
    assert str(folder) in result.output
    files = sorted(folder.glob("reminder-*.eml"))
    assert len(files) == len(EXPECTED_TODAY)
    messages = [email.message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]
    assert sorted((m["X-NQ05-Reminder"].split()[1], m["To"]) for m in messages) == sorted(EXPECTED_TODAY)
    returned = next(m for m in messages if "plan_returned" in m["X-NQ05-Reminder"])
    assert "Thiếu danh sách nguồn" in returned.get_body(("plain",)).get_content()

    again = runner.invoke(args=["notify", "scan", "--today", "2025-11-20", "--send"])
    assert "Đã tạo 0 lời nhắc mới" in again.output and "Đã xử lý 0 lời nhắc" in again.output
    assert len(list(folder.glob("reminder-*.eml"))) == len(EXPECTED_TODAY)

    status = runner.invoke(args=["notify", "status"])
    assert f"Đã gửi: {len(EXPECTED_TODAY)}" in status.output and "Chờ gửi: 0" in status.output
    assert "UTC" not in status.output and "reminders" not in status.output


def test_recompute_says_how_it_went_in_words(runner, db, users):
    result = runner.invoke(args=["notify", "recompute", "HA"])
    assert result.exit_code == 0, result.output
    assert "Đã tính lại: HA (hoàn tất)." in result.output
