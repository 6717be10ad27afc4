"""Placeholder: replaced by the sentence segmentation stage."""

from __future__ import annotations

from arnews.types import Sentence


def split_sentences(text: str) -> list[Sentence]:
    """Placeholder."""
    raise NotImplementedError
