"""Skip a test module, with the reason in pytest's summary, when an optional extra is absent."""

from __future__ import annotations

from types import ModuleType

import pytest


def need(module: str, extra: str) -> ModuleType:
    """Import ``module`` or skip the calling test module, naming the extra that brings it."""
    return pytest.importorskip(
        module, reason=f"the {extra} extra is not installed: pip install 'arnews[{extra}]'"
    )
