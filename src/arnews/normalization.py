"""Placeholder: replaced by the normalization stage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NormalizeConfig:
    """Placeholder."""


@dataclass(frozen=True)
class Normalized:
    """Placeholder."""

    text: str
    offsets: tuple[int, ...]


def normalize(text: str, **options: Any) -> str:
    """Placeholder."""
    raise NotImplementedError


def normalize_with_map(text: str, **options: Any) -> Normalized:
    """Placeholder."""
    raise NotImplementedError
