#!/usr/bin/env python3
"""Print which nq05 package imports which (module-level imports, as the code has them today).

    .venv/bin/python scripts/package_map.py          # package -> the packages it imports
    .venv/bin/python scripts/package_map.py --check  # compare with docs/architecture.md's table

A "package" is a feature (nq05/<feature>/) or a core module (nq05/<module>.py). docs/architecture.md
holds the rules ("may import"); tests/test_architecture.py fails when the code breaks them.
"""

from __future__ import annotations

import ast
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "nq05"
DOC = ROOT / "docs" / "architecture.md"


def package_of(module: str) -> str | None:
    """nq05.plans.access -> plans; nq05.cli -> cli; nq05 -> nq05."""
    parts = module.split(".")
    if parts[0] != "nq05":
        return None
    return parts[1] if len(parts) > 1 else "nq05"


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.is_dir() or path.with_suffix(".py").exists()


def _imported_modules(node) -> list[str]:
    """The nq05 modules an import statement loads (``from nq05 import create_app`` is ``nq05``)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        modules = [f"{node.module}.{a.name}" for a in node.names if _is_module(f"{node.module}.{a.name}")]
        return modules or [node.module]
    return []


def imports() -> dict[str, dict[str, set[str]]]:
    """package -> imported module (``plans.models``, or ``cli`` for a core module) -> the modules
    of the package that import it."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        source = package_of(module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for name in _imported_modules(node):
                target = package_of(name)
                if target and target != source:
                    found[source][".".join(name.split(".")[1:3]) or "nq05"].add(module)
    return found


def allowed() -> dict[str, set[str]]:
    """The table of docs/architecture.md: package -> the packages it may import."""
    rules = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| `(\w+)` \|[^|]*\|([^|]*)\|$", line.strip())
        if match:
            rules[match.group(1)] = set(re.findall(r"`([\w.]+)`", match.group(2)))
    return rules


def violations() -> list[str]:
    rules = allowed()
    problems = []
    for source, targets in sorted(imports().items()):
        if source not in rules:
            problems.append(f"{source}: not in the table of docs/architecture.md")
            continue
        for target, modules in sorted(targets.items()):
            if target not in rules[source] and target.split(".")[0] not in rules[source]:
                problems.append(f"{source} imports {target} ({', '.join(sorted(modules))})")
    return problems


def main() -> int:
    if "--check" in sys.argv:
        problems = violations()
        print("\n".join(problems) or "the code follows docs/architecture.md")
        return 1 if problems else 0
    for source, targets in sorted(imports().items()):
        packages = sorted({t.split(".")[0] for t in targets})
        print(f"{source}: {', '.join(packages)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
