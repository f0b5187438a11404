"""``nq05 export`` writes into a new or empty folder or a new .xlsx, never through a symlink, and
overwrites only with --force."""

from __future__ import annotations

import os


def _export(runner, *args):
    return runner.invoke(args=["export", *[str(a) for a in args]])


def test_a_folder_that_holds_files_is_left_alone_without_force(runner, db, tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "ghi-chu.txt").write_text("của tôi")

    refused = _export(runner, target)

    assert refused.exit_code == 2
    assert "không rỗng" in refused.stderr and "--force" in refused.stderr
    assert os.listdir(target) == ["ghi-chu.txt"]

    assert _export(runner, target, "--force").exit_code == 0
    assert (target / "units.csv").exists() and (target / "ghi-chu.txt").read_text() == "của tôi"


def test_an_empty_or_new_folder_is_fine(runner, db, tmp_path):
    (tmp_path / "empty").mkdir()
    assert _export(runner, tmp_path / "empty").exit_code == 0
    assert _export(runner, tmp_path / "new" / "deeper").exit_code == 0


def test_symlinks_are_never_followed(runner, db, tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "secret.txt").write_text("giữ nguyên")
    (tmp_path / "link").symlink_to(victim)

    refused = _export(runner, tmp_path / "link", "--force")
    assert refused.exit_code == 2 and "symlink" in refused.stderr
    assert os.listdir(victim) == ["secret.txt"]

    # a link planted where a bundle file goes, in a folder exported before
    target = tmp_path / "out"
    assert _export(runner, target).exit_code == 0
    (target / "units.csv").unlink()
    (target / "units.csv").symlink_to(victim / "secret.txt")
    refused = _export(runner, target, "--force")
    assert refused.exit_code == 2 and "symlink" in refused.stderr
    assert (victim / "secret.txt").read_text() == "giữ nguyên"

    (tmp_path / "book.xlsx").symlink_to(victim / "secret.txt")
    assert _export(runner, tmp_path / "book.xlsx", "--force").exit_code == 2
    assert (victim / "secret.txt").read_text() == "giữ nguyên"


def test_an_existing_workbook_is_overwritten_only_with_force(runner, db, tmp_path):
    book = tmp_path / "bundle.xlsx"
    book.write_bytes(b"an older export")

    refused = _export(runner, book)
    assert refused.exit_code == 2 and "đã có" in refused.stderr
    assert book.read_bytes() == b"an older export"

    assert _export(runner, book, "--force").exit_code == 0
    assert book.read_bytes()[:2] == b"PK"
