"""Suite-wide setup: no test reaches the network.

The guard (``tests/netguard/sitecustomize.py``) is installed before collection, kept in
place by an autouse session fixture, and inherited by every Python subprocess the tests
start (its folder goes first on ``PYTHONPATH``, with ``ARNEWS_BLOCK_NETWORK=1``). Loopback
addresses (127.0.0.1, ::1, ``localhost``) and Unix sockets stay usable, so a dask
``LocalCluster`` works; anything else raises ``NetworkBlockedError`` (an ``OSError``).
Attempts that some library caught and swallowed are listed at the end of the run.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

GUARD_DIR = Path(__file__).resolve().parent / "netguard"


def _load_guard() -> ModuleType:
    name = "arnews_tests_netguard"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, GUARD_DIR / "sitecustomize.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


netguard = _load_guard()


def _guard_subprocesses() -> None:
    os.environ["ARNEWS_BLOCK_NETWORK"] = "1"
    paths = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    if str(GUARD_DIR) not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([str(GUARD_DIR), *filter(None, paths)])


def pytest_configure(config: pytest.Config) -> None:
    netguard.install()
    _guard_subprocesses()


@pytest.fixture(autouse=True, scope="session")
def block_network() -> Iterator[None]:
    """Every test runs with the network blocked (loopback and Unix sockets allowed)."""
    netguard.install()
    _guard_subprocesses()
    yield
    assert netguard.installed(), "something removed the network guard during the tests"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if netguard.BLOCKED:
        terminalreporter.section("network access blocked")
        for attempt in netguard.BLOCKED:
            terminalreporter.write_line(attempt)
