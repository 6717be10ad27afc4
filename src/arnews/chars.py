"""Character classes every stage agrees on: one definition each, imported everywhere.

Normalization removes them, the tokenizer skips them, canonical names and lexicon keys
drop them, boilerplate and feature folds ignore them: all from the tables here, so the
stages cannot disagree about what a diacritic or an invisible control is.

* :data:`DIACRITICS` — harakat, tanwin, shadda, sukun, superscript alef, Quranic marks and
  the extended-Arabic vowel signs (U+06DE and U+06E9 are symbols, not marks: not here);
* :data:`TATWEEL` — the kashida U+0640;
* :data:`INVISIBLE` — zero-width and bidi format controls, soft hyphen, BOM, Arabic letter
  mark, Mongolian vowel separator, invisible operators;
* :data:`VARIATION_SELECTORS` — U+FE00–U+FE0F: they shape the emoji or letter before them,
  so normalization keeps them and only the tokenizer steps over them;
* :data:`ALEFS` and :func:`fold` — the spelling variants news text mixes freely.

>>> "\\u064e" in DIACRITICS, "\\u200f" in INVISIBLE, "\\ufe0f" in INVISIBLE
(True, True, False)
>>> fold("إسرائيليّة")
'اسراييليه'
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Final

import regex

__all__ = [
    "ALEFS",
    "ARABIC_INDIC_DIGITS",
    "DIACRITICS",
    "INVISIBLE",
    "PERSIAN_DIGITS",
    "TATWEEL",
    "VARIATION_SELECTORS",
    "arabic_share",
    "fold",
    "has_surrogates",
    "ranges_text",
    "replace_surrogates",
    "surrogates",
]


def ranges_text(ranges: Iterable[tuple[int, int]]) -> str:
    """Every character of the inclusive code-point ranges, in order.

    >>> ranges_text([(0x61, 0x63), (0x7A, 0x7A)])
    'abcz'
    """
    return "".join(chr(cp) for first, last in ranges for cp in range(first, last + 1))


DIACRITICS: Final = ranges_text(
    (
        (0x0610, 0x061A),
        (0x064B, 0x065F),
        (0x0670, 0x0670),
        (0x06D6, 0x06DD),
        (0x06DF, 0x06E8),
        (0x06EA, 0x06ED),
        (0x08CA, 0x08E1),
        (0x08E3, 0x08FF),
    )
)
TATWEEL: Final = "\u0640"
INVISIBLE: Final = ranges_text(
    (
        (0x00AD, 0x00AD),
        (0x061C, 0x061C),
        (0x180E, 0x180E),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x2064),
        (0x2066, 0x206F),
        (0xFEFF, 0xFEFF),
    )
)
VARIATION_SELECTORS: Final = ranges_text(((0xFE00, 0xFE0F),))
ALEFS: Final = "\u0623\u0625\u0622\u0671\u0672\u0673"
"""Alef with hamza above/below, madda, wasla and the wavy-hamza forms: all read as ا."""
ARABIC_INDIC_DIGITS: Final = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS: Final = "۰۱۲۳۴۵۶۷۸۹"

_FOLD: Final = str.maketrans(
    {
        **dict.fromkeys(ALEFS, "ا"),
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        **dict.fromkeys(DIACRITICS + TATWEEL + INVISIBLE),
    }
)


def fold(text: str) -> str:
    """Fold spelling variants for comparing words (a key, never output).

    Diacritics, tatweel and invisible controls go; alef forms become ا, ى ي, ة ه, ؤ و and
    ئ ي; Latin letters are lower-cased.

    >>> fold("مُصْطَفَى"), fold("Paris"), fold("الأمم\\u200f")
    ('مصطفي', 'paris', 'الامم')
    """
    return text.translate(_FOLD).lower()


@cache
def surrogates() -> regex.Pattern[str]:
    """The pattern of one lone surrogate (Unicode category Cs), compiled once."""
    return regex.compile(r"\p{Cs}")


def has_surrogates(text: str) -> bool:
    """True when ``text`` holds a lone surrogate (a ``str`` can; UTF-8 cannot).

    >>> has_surrogates("a\\ud800b"), has_surrogates("نص")
    (True, False)
    """
    return surrogates().search(text) is not None


def replace_surrogates(text: str, by: str = "\ufffd") -> str:
    """``text`` with each lone surrogate replaced by ``by`` (U+FFFD keeps offsets).

    >>> replace_surrogates("a\\udc80b")
    'a�b'
    """
    return surrogates().sub(by, text) if has_surrogates(text) else text


@cache
def _letters() -> regex.Pattern[str]:
    return regex.compile(r"\p{L}")


@cache
def _arabic_letters() -> regex.Pattern[str]:
    return regex.compile(r"[\p{Arabic}&&\p{L}]", regex.VERSION1)


def arabic_share(text: str) -> float:
    """The share of ``text``'s letters that are Arabic-script letters (0.0 with no letters).

    >>> arabic_share("قال Reuters"), arabic_share("2025"), arabic_share("وكالة")
    (0.3, 0.0, 1.0)
    """
    letters = len(text) - len(_letters().sub("", text))
    if not letters:
        return 0.0
    return (len(text) - len(_arabic_letters().sub("", text))) / letters
