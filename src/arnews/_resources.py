"""Package data files (``arnews/data/``), read lazily and cached for the process."""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["read_lines", "read_text"]


@cache
def read_text(name: str) -> str:
    """Return the text of the data file ``name`` (a path relative to ``arnews/data``).

    >>> read_text("README.md").startswith("#")
    True
    """
    return resources.files("arnews").joinpath("data", name).read_text(encoding="utf-8")


@cache
def read_lines(name: str) -> tuple[str, ...]:
    """Return the entries of a one-entry-a-line data file.

    Blank lines and lines starting with ``#`` are comments; entries are stripped.

    >>> "README.md" and isinstance(read_lines("README.md"), tuple)
    True
    """
    entries = (line.strip() for line in read_text(name).splitlines())
    return tuple(e for e in entries if e and not e.startswith("#"))
