"""Folded forms of a line, shared by the boilerplate rules and the site-template learner.

>>> fold_line("  اقرأ   أيضاً ")
'اقرا ايضا'
>>> line_key("Home | News: «اقرأ أيضاً»")
'home news اقرا ايضا'
"""

from __future__ import annotations

import re
from functools import cache

from arnews.chars import fold

__all__ = ["fold_line", "line_key", "words_key"]

_APOSTROPHES = str.maketrans("’‘ʼ", "'''")


@cache
def _pattern(name: str) -> re.Pattern[str]:
    return re.compile({"spaces": r"\s+", "word": r"[^\W_]+"}[name])


def fold_line(text: str) -> str:
    """Fold a line for matching: diacritics, tatweel, alef/ya/ta forms, case, spaces."""
    return _pattern("spaces").sub(" ", fold(text).translate(_APOSTROPHES).casefold()).strip()


@cache
def words_key(folded: str) -> str:
    """Words only of an already folded line: what two spellings of one line share."""
    return " ".join(_pattern("word").findall(folded))


def line_key(text: str) -> str:
    """The words of a line, folded (:func:`fold_line` then :func:`words_key`)."""
    return words_key(fold_line(text))
