"""``nq05 --help`` and every project command's help speak one language, the command line's
(NQ05_LOCALE, then LC_ALL, LC_MESSAGES, LANG; Vietnamese by default), through the catalogs: no
"vi / en" line, the glossary's words, every option explained."""

from __future__ import annotations

import re

import click
import pytest

from nq05.cli import main

#: Click's and Flask's English that a Vietnamese help must not show
ENGLISH = (
    "Usage:",
    "Options:",
    "Commands:",
    "[OPTIONS]",
    "COMMAND [ARGS]",
    "Show this message",
    "default:",
    "[required]",
    "Set debug",
)
#: a letter only Vietnamese has (the English help names no place but Lai Châu)
VIETNAMESE_LETTER = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)


def project_commands(app) -> list[tuple[str, ...]]:
    """Every command the features add (not Flask-Migrate's ``db``), sub-commands included."""
    found = []
    for name, command in sorted(app.cli.commands.items()):
        if name == "db":
            continue
        found.append((name,))
        if isinstance(command, click.Group):
            found.extend((name, sub) for sub in sorted(command.commands))
    return found


def help_of(runner, path: tuple[str, ...], **env) -> str:
    result = runner.invoke(
        main, [*path, "--help"], prog_name="nq05", env={"NQ05_LOCALE": "", "LC_ALL": "", **env}
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_the_commands_are_all_there(app):
    paths = project_commands(app)
    assert {("report",), ("realism",), ("gaps",), ("import",), ("export",), ("demo",), ("run",)} <= set(paths)
    assert ("notify", "scan") in paths and ("notify", "recompute") in paths


def test_every_help_is_vietnamese_by_default_with_no_english_beside_it(app, runner):
    for path in [(), *project_commands(app)]:
        text = help_of(runner, path, LANG="")
        assert "Cách dùng: nq05" in text and "Tùy chọn:" in text, path
        # no "vi / en" line (a flag's "--tasks / --no-tasks" is not one)
        assert not re.search(r" / [^-]", text), (path, text)
        for english in ENGLISH:
            assert english not in text, (path, english, text)
        # every option says what it does
        options = text.split("Tùy chọn:")[1].split("Lệnh:")[0]
        for line in options.splitlines():
            if line.strip().startswith("-"):
                assert re.search(r"\S\s{2,}\S", line) or line.strip().endswith("..."), (path, line)


def test_the_command_list_and_the_built_in_options_are_worded_too(runner):
    text = help_of(runner, ())
    assert "nq05: kế hoạch đào tạo, bồi dưỡng cán bộ, công chức." in text
    assert "Cách dùng: nq05 [TÙY CHỌN] LỆNH [THAM SỐ]..." in text
    assert "Lệnh:" in text and "Hiện hướng dẫn này rồi thoát." in text
    assert re.search(r"report\s+Báo cáo tiến độ thực hiện chỉ tiêu\.", text)
    assert re.search(r"db\s+Nâng cấp và kiểm tra lược đồ cơ sở dữ liệu", text)
    run = help_of(runner, ("run",))
    assert "[mặc định: 5000]" in run
    assert "[bắt buộc]" in help_of(runner, ("report",))


def test_the_glossarys_words(runner):
    realism = " ".join(help_of(runner, ("realism",)).split())
    assert "tính sát thực tế của kế hoạch" in realism and "tính thực tế của" not in realism
    demo = " ".join(help_of(runner, ("demo",)).split())
    assert "Tạo dữ liệu mẫu" in demo and "Số khởi tạo ngẫu nhiên" in demo and "hạt giống" not in demo
    assert "cán bộ, công chức" in demo and "nhân viên" not in demo


@pytest.mark.parametrize("env", [{"NQ05_LOCALE": "en"}, {"LANG": "en_US.UTF-8"}, {"LC_ALL": "en_GB.UTF-8"}])
def test_english_when_the_command_line_asks_for_it(app, runner, env):
    for path in [(), *project_commands(app)]:
        text = help_of(runner, path, **env)
        assert "Usage: nq05" in text and "Options:" in text and "[OPTIONS]" in text, path
        assert "Cách dùng" not in text and "Tùy chọn" not in text, path
        assert not VIETNAMESE_LETTER.search(text.replace("Lai Châu", "")), (path, text)
    text = help_of(runner, ("report",), **env)
    assert "Progress report on the targets." in text and "[required]" in text
    assert "Show this message and exit." in help_of(runner, (), **env)


def test_a_bad_date_is_refused_in_the_command_lines_language(runner):
    result = runner.invoke(
        main, ["gaps", "--period", "X", "--as-of", "31/12/2015"], env={"NQ05_LOCALE": "vi"}
    )
    assert result.exit_code == 2 and "'31/12/2015' không phải là ngày dạng YYYY-MM-DD." in result.output
    result = runner.invoke(
        main, ["gaps", "--period", "X", "--as-of", "31/12/2015"], env={"NQ05_LOCALE": "en"}
    )
    assert "'31/12/2015' is not a date YYYY-MM-DD." in result.output
