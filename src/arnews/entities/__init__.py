"""Placeholder: replaced by the named-entity stage."""

from __future__ import annotations

from arnews.types import Entity


def extract_entities(text: str, *, backend: str = "default") -> list[Entity]:
    """Placeholder."""
    raise NotImplementedError
