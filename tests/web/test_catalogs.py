"""The catalogs: every Vietnamese msgid has an English translation, none fuzzy or empty, and the
installed package carries them compiled (the build compiles them; the app never does)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from flask_babel import force_locale, gettext

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "check_translations", ROOT / "scripts" / "check_translations.py"
)
check_translations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_translations)


def test_every_message_has_an_english_translation():
    missing = check_translations.without_english()
    assert not missing, "no English for (run scripts/update-translations <feature>):\n" + "\n".join(missing)


def test_no_catalog_entry_is_empty_or_fuzzy():
    assert check_translations.untranslated_or_fuzzy() == []


def test_every_catalog_is_compiled_and_current():
    stale = [
        str(po.relative_to(ROOT))
        for po in check_translations.catalogs()
        if not po.with_suffix(".mo").exists() or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    assert not stale, "catalogs not compiled since they changed (run python3 dev.py setup): " + ", ".join(
        stale
    )


def test_messages_outside_a_request_speak_the_language_asked_for(app):
    with app.app_context():
        assert gettext("Lưu") == "Lưu"
        with force_locale("en"):
            assert gettext("Lưu") == "Save"
