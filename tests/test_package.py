"""Package-level guarantees: import cost, what importing pulls in, the public names."""

from __future__ import annotations

import json
import subprocess
import sys

import arnews

HEAVY = ("torch", "transformers", "camel_tools.ner", "camel_tools.data", "pycrfsuite")


def _run_python(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout


def test_import_pulls_in_no_heavy_module() -> None:
    out = _run_python("import json, sys, arnews; print(json.dumps(sorted(sys.modules)))")
    loaded = set(json.loads(out))
    assert not [m for m in HEAVY if m in loaded]


def test_public_names_exist() -> None:
    for name in arnews.__all__:
        assert hasattr(arnews, name), name
