"""What every harness shares: the contracts of ``tests/contracts.py`` and input decoding.

Fuzz inputs are bytes; :func:`text_of` reads them as UTF-8 and turns every byte that is not
valid UTF-8 into a lone surrogate (``surrogateescape``), so mutations produce broken
encodings, lone surrogates and control characters as well as Arabic text.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _load_contracts() -> ModuleType:
    spec = importlib.util.spec_from_file_location("contracts", ROOT / "tests" / "contracts.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["contracts"] = module
    spec.loader.exec_module(module)
    return module


contracts = _load_contracts()


def text_of(data: bytes) -> str:
    """The fuzz input as text: UTF-8, with undecodable bytes as lone surrogates."""
    return data.decode("utf-8", "surrogateescape")
