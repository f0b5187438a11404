"""``nq05 --help`` lists every command without building the app (no feature, engine or Celery
module imported), from a table the app's own commands are held to here."""

from __future__ import annotations

import json
import subprocess
import sys

from nq05.cli import FEATURE_COMMANDS

PROBE = """
import contextlib, io, json, sys
from nq05.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
print(json.dumps({"help": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def _nq05(*args: str) -> dict:
    """Run the console script's group with ``args`` in a fresh process: its output and modules."""
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_help_lists_every_command_without_loading_the_features():
    result = _nq05("--help")
    listed = result["help"].split("Lệnh:")[1]
    for name in [*FEATURE_COMMANDS, "routes", "shell"]:
        assert f"\n  {name} " in listed, name
    assert "Tạo dữ liệu mẫu: một tỉnh giả lập cỡ tỉnh Lai Châu" in listed
    loaded = set(result["modules"])
    for heavy in ("nq05.features", "nq05.progress", "nq05.staff", "nq05.notify", "celery", "openpyxl"):
        assert heavy not in loaded, heavy


def test_the_table_is_the_apps_commands(app):
    commands = app.cli.commands
    assert set(commands) == set(FEATURE_COMMANDS)
    for name, command in commands.items():
        assert " ".join((command.help or "").split("\n\n")[0].split()) == FEATURE_COMMANDS[name], name


def test_a_command_is_loaded_with_the_app_when_asked_for():
    result = _nq05("recompute", "--help")
    assert "--unit" in result["help"] and "nq05.features" in result["modules"]
