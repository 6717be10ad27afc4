#!/usr/bin/env python3
"""Project tasks that need nothing but Python 3.11+: ``python3 tasks.py demo|test|lint|docs|ci``.

``setup`` (run by every other task) creates ``.venv`` and installs arnews with its ``dev``
extra into it, once: it reinstalls only when ``pyproject.toml`` changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
EXAMPLE = ROOT / "docs" / "examples" / "rabat-water-summit.txt"


def run(*cmd: str | Path) -> None:
    """Run a command from the project root; stop with its exit status if it fails."""
    print("+", " ".join(str(c) for c in cmd), flush=True)
    status = subprocess.call([str(c) for c in cmd], cwd=ROOT)
    if status:
        sys.exit(status)


def setup() -> None:
    """Create the virtual environment and install the project into it (idempotent)."""
    if not (BIN / "python").exists():
        run(sys.executable, "-m", "venv", VENV)
    stamp = VENV / ".arnews-installed"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    stamp.write_text(digest)


def demo() -> None:
    """Run the whole pipeline on the bundled example article and print what it finds."""
    setup()
    run(BIN / "arnews", "process", EXAMPLE, "--format", "pretty")


def test() -> None:
    """Run the full test suite (unit, golden, property and quality-floor tests, doctests)."""
    setup()
    run(BIN / "python", "-m", "pytest", "-q", "src", "tests")


def lint() -> None:
    """Ruff lint and format check, and mypy in strict mode."""
    setup()
    run(BIN / "ruff", "check", "src", "tests", "benchmarks", "training", "fuzz", "tasks.py")
    run(
        BIN / "ruff",
        "format",
        "--check",
        "src",
        "tests",
        "benchmarks",
        "training",
        "fuzz",
        "tasks.py",
    )
    run(BIN / "mypy", "--strict", "src")


def docs() -> None:
    """Build the documentation site; any warning fails the build."""
    setup()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life banner is not a build warning
    run(BIN / "mkdocs", "build", "--strict", "--site-dir", ROOT / "site")


def ci() -> None:
    """Everything CI checks."""
    test()
    lint()
    docs()


TASKS = {"setup": setup, "demo": demo, "test": test, "lint": lint, "docs": docs, "ci": ci}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in TASKS:
        sys.exit(f"usage: python3 tasks.py {{{'|'.join(TASKS)}}}")
    TASKS[sys.argv[1]]()
