"""The tests import their shared helpers one way: plain module names from tests/ (on sys.path via
pyproject's `pythonpath`), never `conftest`, `tests.x`, importlib tricks or bench/ scripts."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
FORBIDDEN = [
    (re.compile(r"^\s*from conftest import|^\s*import conftest", re.M), "helpers come from helpers.py"),
    (re.compile(r"^\s*from tests(\.|\s)|^\s*import tests\b", re.M), "import helpers by plain name"),
    (re.compile(r"importlib\.util|spec_from_file_location"), "no importlib workaround"),
    (re.compile(r"sys\.path\.(insert|append)"), "tests/ is on sys.path already"),
    (re.compile(r"[\"']bench[\"']|/\s*\"bench\"|^\s*import province", re.M), "nothing from bench/"),
]


def test_helpers_are_imported_one_way():
    problems = []
    for f in sorted(TESTS.rglob("*.py")):
        if f == Path(__file__).resolve():
            continue
        text = f.read_text(encoding="utf-8")
        for pattern, why in FORBIDDEN:
            for m in pattern.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                problems.append(f"{f.relative_to(TESTS)}:{line}: {m.group(0).strip()} ({why})")
    assert not problems, "\n".join(problems)


def test_shared_helper_modules_sit_at_the_top_of_tests():
    # A helper module (not a test, not a conftest) inside a subfolder would only import because
    # pytest happens to put that folder on sys.path while collecting it.
    nested = [
        str(f.relative_to(TESTS))
        for f in TESTS.rglob("*.py")
        if f.parent != TESTS
        and not f.name.startswith("test_")
        and f.name not in ("conftest.py", "__init__.py")
    ]
    assert not nested, nested
