"""Placeholder: replaced by the boilerplate stage."""

from __future__ import annotations

from dataclasses import dataclass

from arnews.types import Cleaned


@dataclass(frozen=True)
class BoilerplateConfig:
    """Placeholder."""


def strip_boilerplate(text: str, *, html: bool = False) -> Cleaned:
    """Placeholder."""
    raise NotImplementedError
