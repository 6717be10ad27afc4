"""Temporary stand-ins for normalize_with_map/tokenize while those stages land (dev only)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from arnews.types import Token

_WORD = re.compile(r"\w+(?:[.,]\d+)*|[^\w\s]", re.UNICODE)
_CLITIC = re.compile(r"^(?:(و|ف)?(ب|ك)?(ال)?|(و|ف)?(ل)(ل)?)")


@dataclass(frozen=True)
class Ident:
    text: str

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return start, end


def analyze(text: str) -> tuple[str, list[Token], Ident]:
    import arnews

    norm = arnews.normalize_with_map(text)
    text = norm.text
    toks = []
    for m in _WORD.finditer(text):
        w = m.group()
        kind = "word" if w[0].isalpha() else ("number" if w[0].isdigit() else "punct")
        pro, art = "", ""
        if kind == "word" and "\u0600" <= w[0] <= "\u06ff":
            if w.startswith(("وال", "فال", "بال", "كال", "ال", "وبال", "وكال")):
                k = w.index("ال")
                if len(w) - k - 2 >= 2:
                    pro, art = w[:k], "ال"
            elif w.startswith(("لل", "ولل", "فلل")) and len(w) >= 5:
                k = w.index("لل")
                pro, art = w[: k + 1], "ل"
            elif w[0] in "وفبل" and len(w) >= 5:
                pro = w[0]
        toks.append(Token(w, m.start(), m.end(), kind, pro, art))
    return text, toks, norm
