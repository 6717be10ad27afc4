"""Placeholder: replaced by the tokenization stage."""

from __future__ import annotations

from arnews.types import Token


def tokenize(text: str) -> list[Token]:
    """Placeholder."""
    raise NotImplementedError
