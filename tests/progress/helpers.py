from __future__ import annotations

from nq05.progress.realism import evaluate
from tests.factories import d


def findings(year, as_of, unit=None, code=None):
    """(code, unit, programme, category, person, class, figures) of the findings, JSON-like."""
    out = []
    for f in evaluate(year, d(as_of) if isinstance(as_of, str) else as_of, unit):
        j = f.to_json()
        if code is None or j["code"] == code:
            out.append(
                (j["code"], j["unit"], j["programme"], j["category"], j["person"], j["class"], j["figures"])
            )
    return out


def codes(year, as_of, unit=None):
    return [f[0] for f in findings(year, as_of, unit)]
