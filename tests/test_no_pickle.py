"""Nothing in arnews deserializes pickles: models and data are plain files in safe formats.

Pickle loading runs arbitrary code from the file (NLTK's CVE-2024-39705 came from exactly
that). An AST scan of every module under ``src/`` refuses the pickle family of modules,
the calls that unpickle (``joblib.load``, ``pandas.read_pickle``, ``torch.load`` without
``weights_only=True``, ``numpy.load(allow_pickle=True)``, ``yaml.load`` without a safe
loader), and the package data folder may hold no pickled files.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE_DATA = SRC / "arnews" / "data"

PICKLE_MODULES = frozenset(
    {
        "pickle",
        "cPickle",
        "_pickle",
        "pickletools",
        "dill",
        "cloudpickle",
        "shelve",
        "joblib",
        "marshal",
    }
)
PICKLE_SUFFIXES = (".pkl", ".pickle", ".joblib", ".pt", ".pth", ".bin", ".npy", ".sav")
"""Suffixes of files that may hold pickles. ``.npz`` archives are allowed in package data
only when every array in them loads without pickle (checked below)."""


def _dotted(node: ast.expr) -> str:
    """``a.b.c`` for a Name/Attribute chain, ``""`` for anything else."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


def _keyword_is(call: ast.Call, name: str, value: object) -> bool:
    return any(
        k.arg == name and isinstance(k.value, ast.Constant) and k.value.value == value
        for k in call.keywords
    )


def unsafe_loads(source: str) -> list[str]:
    """What in ``source`` could unpickle, as ``"line: reason"`` (empty when nothing).

    >>> unsafe_loads("import json\\njson.loads('1')")
    []
    >>> unsafe_loads("from pickle import loads")
    ['1: imports pickle']
    >>> unsafe_loads("import torch\\ntorch.load('m.pt')")
    ['2: torch.load without weights_only=True']
    """
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in PICKLE_MODULES:
                    found.append(f"{line}: imports {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            module = (node.module or "").split(".")[0]
            if module in PICKLE_MODULES:
                found.append(f"{line}: imports {node.module}")
            for alias in node.names:
                if alias.name in ("read_pickle", "load_pickle"):
                    found.append(f"{line}: imports {alias.name}")
        elif isinstance(node, ast.Call):
            name = _dotted(node.func)
            last = name.rsplit(".", 1)[-1]
            if last in ("read_pickle", "load_pickle", "Unpickler"):
                found.append(f"{line}: calls {name}")
            elif name.endswith("torch.load") and not _keyword_is(node, "weights_only", True):
                found.append(f"{line}: torch.load without weights_only=True")
            elif (
                name.endswith(("np.load", "numpy.load"))
                and any(k.arg == "allow_pickle" for k in node.keywords)
                and not _keyword_is(node, "allow_pickle", False)
            ):
                found.append(f"{line}: numpy.load with allow_pickle")
            elif name.endswith("yaml.load") and not any(
                k.arg == "Loader" and "Safe" in _dotted(k.value) for k in node.keywords
            ):
                found.append(f"{line}: yaml.load without a safe loader")
            elif (
                name in ("eval", "exec")
                and node.args
                and not isinstance(node.args[0], ast.Constant)
            ):
                found.append(f"{line}: {name} of a computed string")
    return found


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_the_scan_sees_the_source() -> None:
    names = {p.name for p in _modules()}
    assert {"__init__.py", "pipeline.py", "normalization.py"} <= names


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import pickle\npickle.load(f)", "imports pickle"),
        ("import joblib\nmodel = joblib.load('m.joblib')", "imports joblib"),
        ("import pandas as pd\npd.read_pickle('x')", "calls pd.read_pickle"),
        ("import torch\ntorch.load(p, weights_only=False)", "torch.load without"),
        ("import numpy as np\nnp.load(p, allow_pickle=True)", "allow_pickle"),
        ("import yaml\nyaml.load(s)", "yaml.load without"),
        ("import dill as d", "imports dill"),
        ("from cloudpickle import loads", "imports cloudpickle"),
    ],
)
def test_the_scan_catches_unpickling(source: str, expected: str) -> None:
    assert any(expected in hit for hit in unsafe_loads(source))


@pytest.mark.parametrize(
    "source",
    [
        "import torch\ntorch.load(p, weights_only=True)",
        "import numpy as np\nnp.load(p)",
        "import yaml\nyaml.load(s, Loader=yaml.SafeLoader)",
        "import json\njson.load(f)",
        "import pycrfsuite\npycrfsuite.Tagger().open(path)",
    ],
)
def test_the_scan_lets_safe_loading_through(source: str) -> None:
    assert unsafe_loads(source) == []


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_unpickles(path: Path) -> None:
    assert unsafe_loads(path.read_text(encoding="utf-8")) == []


def test_package_data_holds_no_pickled_file() -> None:
    files = [p for p in PACKAGE_DATA.rglob("*") if p.is_file()]
    assert files
    pickled = [p for p in files if p.name.endswith(PICKLE_SUFFIXES)]
    assert pickled == []
    for path in files:
        with path.open("rb") as f:
            head = f.read(2)
        assert not (head[:1] == b"\x80" and head[1:2] in b"\x02\x03\x04\x05"), (
            f"{path} starts like a pickle"
        )


def test_package_npz_archives_hold_plain_arrays_only() -> None:
    """An ``.npz`` may carry object arrays (pickles); the shipped ones must not: every
    member loads with ``allow_pickle=False`` and has a numeric or byte dtype."""
    import numpy as np

    archives = sorted(PACKAGE_DATA.rglob("*.npz"))
    for path in archives:
        with np.load(path, allow_pickle=False) as data:
            for name in data.files:
                array = data[name]  # raises ValueError on an object array
                assert array.dtype.kind in "biuf", (path.name, name, array.dtype)
