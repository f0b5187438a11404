"""The worked example (tests/data/mini) imported through the CLI, and its demo sign-ins.

Use the ``mini`` fixture from a conftest or test module: ``from tests.progress.web.fixtures import mini``.
"""

from __future__ import annotations

import atexit
import csv
import functools
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.security import generate_password_hash

from tests.factories import TEST_HASH_METHOD

AS_OF = "2014-03-01"
#: the demo logins of the mini bundle's users.csv, plus unit heads made here for H2 and X1
ADMIN = ("admin@example.org", "admin-demo")
HEAD_H1 = ("truongphong@h1.example.org", "unit-demo")
CENTRE = ("daotao@tct.example.org", "centre-demo")
HEAD_H2 = ("truongphong@h2.example.org", "unit-demo-h2")
HEAD_X1 = ("chutich@x1.example.org", "unit-demo-x1")


@dataclass
class Mini:
    runner: object

    def cli_json(self, *args: str) -> dict:
        result = self.runner.invoke(args=[*args, "--json"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def gaps(self, period="2011-2015", as_of=AS_OF) -> dict:
        return self.cli_json("gaps", "--period", period, "--as-of", as_of)

    def realism(self, year="2014", as_of=AS_OF) -> dict:
        return self.cli_json("realism", "--year", year, "--as-of", as_of)

    def report(self, baseline="2010-12-31", as_of=AS_OF, period="2011-2015") -> dict:
        args = ["report", "--baseline", baseline, "--as-of", as_of]
        if period:
            args += ["--period", period]
        return self.cli_json(*args)


@functools.cache
def _bundle_without_passwords(bundle: Path) -> Path:
    """A copy of ``bundle`` with users.csv's passwords left empty (removed when the run ends): the
    import would hash each with the app's scrypt, a tenth of a second apiece in every test."""
    copy = Path(tempfile.mkdtemp(prefix="nq05-mini-")) / "bundle"
    atexit.register(shutil.rmtree, copy.parent, True)
    shutil.copytree(bundle, copy)
    with (bundle / "users.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {(r["email"], r["password"]) for r in rows} == {ADMIN, HEAD_H1, CENTRE}
    with (copy / "users.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows({**row, "password": ""} for row in rows)
    return copy


@pytest.fixture()
def mini(runner, mini_bundle, db):
    result = runner.invoke(args=["import", str(_bundle_without_passwords(mini_bundle))])
    assert result.exit_code == 0, result.output
    from sqlalchemy import select

    from nq05.auth.models import User
    from nq05.staff.models import Unit

    # the bundle's passwords, hashed as the factories hash theirs (tests/factories.py)
    for email, password in (ADMIN, HEAD_H1, CENTRE):
        user = db.session.scalar(select(User).where(User.email == email))
        user.password_hash = generate_password_hash(password, method=TEST_HASH_METHOD)
    for (email, password), code in ((HEAD_H2, "H2"), (HEAD_X1, "X1")):
        unit_id = db.session.scalar(select(Unit.id).where(Unit.code == code))
        db.session.add(
            User(
                email=email,
                full_name=f"Thủ trưởng {code}",
                role="unit_head",
                unit_id=unit_id,
                password_hash=generate_password_hash(password, method=TEST_HASH_METHOD),
            )
        )
    db.session.commit()
    return Mini(runner)


def sign_in(client, who: tuple[str, str]):
    client.post("/logout")
    response = client.post("/login", data={"email": who[0], "password": who[1]})
    assert response.status_code == 302, f"sign-in failed for {who[0]}"
    return client
