"""Placeholder: replaced by the pipeline stage."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from arnews.types import Article


def process(text: str) -> Article:
    """Placeholder."""
    raise NotImplementedError


def process_many(texts: Iterable[str], *, n_jobs: int = 1, progress: bool = False) -> Iterator[Article]:
    """Placeholder."""
    raise NotImplementedError
