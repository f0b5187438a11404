"""The folded form names are searched in, the same in Python, SQLite and PostgreSQL."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from sqlalchemy import literal, select

from nq05.search import FOLD_FROM, FOLD_TO, fold, folded

NAMES = ["Nguyễn Văn An", "ĐỖ THỊ BÌNH", "Lò Văn Châu", "Hoàng Thị Ưng", "Giàng A Pháo", "Nguye\u0302\u0303n"]


def test_fold_strips_vietnamese_marks_and_lowers():
    assert [fold(n) for n in NAMES] == [
        "nguyen van an",
        "do thi binh",
        "lo van chau",
        "hoang thi ung",
        "giang a phao",
        "nguyen",
    ]


def test_the_database_folds_like_python(db):
    got = [db.session.scalar(select(folded(literal(n)))) for n in NAMES]
    assert got == [fold(n) for n in NAMES]


def test_migration_keeps_the_same_letter_table():
    path = Path(__file__).parents[2] / "migrations" / "versions" / "0003_fold_function.py"
    spec = importlib.util.spec_from_file_location("fold_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (module.FOLD_FROM, module.FOLD_TO) == (FOLD_FROM, FOLD_TO)
