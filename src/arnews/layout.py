"""Line evidence and the body region of a whole page's text (jusText-like, without markup).

Scraped text often holds a whole page: menus, outlet lists, "most read" headlines,
footers and comments around the article. Each line gets :class:`Evidence` (length,
share of Arabic letters, function-word density, sentence punctuation, digits) and a
*kind*: ``prose`` (a paragraph of running text), ``sentence`` (a short sentence),
``headline`` (a few words without final punctuation), ``short`` (one to three words: a
menu item, a label). The body is then found as one coherent region:

1. prose lines that are not chrome are grouped into clusters (a gap of up to
   :data:`MAX_GAP` lines, of little text, joins two of them; so does a longer gap of
   short lines and captions with no chrome in it: a photo gallery inside the article);
2. each cluster scores its prose characters, less when its lines are a list (most
   lines starting alike: rules, "if the comment…"), more when a date or title line sits
   just above it; the best cluster wins;
3. the region grows back to the title and forward over sentence lines that touch it.

>>> evidence("قال الوزير إن الحكومة ستطلق برنامجا جديدا لدعم الفلاحين في المناطق الجبلية.").kind
'prose'
>>> evidence("الرئيسية").kind, evidence("وزير الرى يشهد توقيع عقد دراسة جديدة").kind
('short', 'headline')
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex

from arnews._resources import read_lines
from arnews.chars import fold

__all__ = ["MAX_GAP", "Evidence", "choose_region", "evidence", "function_words"]

MAX_GAP = 6
"""At most this many non-prose lines between two prose lines of one cluster."""
_MAX_GAP_CHARS = 700  # ... holding at most this much text
_MAX_INSERT_LINES = 16  # a longer gap of captions and counters ("3 / 8") still joins...
_MAX_INSERT_CHARS = 400  # ... when it holds no chrome and at most this much text
_TERMINAL = ".!?؟…:"
_CLOSERS = "\"'»”’)]}›"


@cache
def _pattern(name: str) -> regex.Pattern[str]:
    """The regexes of this module, compiled on first use (importing arnews stays cheap).

    Words are possessive runs (``++``) and URLs end at the first space: a long line never
    makes them backtrack.
    """
    return regex.compile(_PATTERNS[name])


_PATTERNS = {
    "word": r"[\p{L}\p{M}\p{N}']++",
    "arabic": r"\p{Arabic}",
    "letter": r"\p{L}",
    "digit": r"\p{Nd}",
    "url": r"(?:https?://|www\.)\S++",
}


@cache
def function_words() -> frozenset[str]:
    """Function words of Arabic, French and English (``data/boilerplate/function_words.txt``).

    >>> "التي" in function_words() and "the" in function_words()
    True
    """
    return frozenset(fold(w).casefold() for w in read_lines("boilerplate/function_words.txt"))


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the layout pass knows about one line (all of it shown by ``explain``)."""

    text: str
    words: int
    function: float
    """Share of the words that are function words (في، من، التي، the, de…)."""
    sentence_end: bool
    """Ends in . ! ? ؟ … or : (closing quotes and brackets allowed after it)."""
    inner: int
    """Commas and semicolons inside the line."""
    kind: str
    """``prose``, ``sentence``, ``headline`` or ``short``."""
    opening: str = ""
    """The first two words (folded): lines of a list start alike."""

    @property
    def chars(self) -> int:
        return len(self.text)

    @property
    def arabic(self) -> float:
        """Share of the letters that are Arabic (computed on demand)."""
        letters = len(_pattern("letter").findall(self.text))
        return len(_pattern("arabic").findall(self.text)) / letters if letters else 0.0

    @property
    def digits(self) -> float:
        """Share of the visible characters that are digits (computed on demand)."""
        visible = sum(1 for c in self.text if not c.isspace())
        return len(_pattern("digit").findall(self.text)) / visible if visible else 0.0

    def as_dict(self) -> dict[str, object]:
        """The evidence as plain values (for ``explain`` and JSON)."""
        return {
            "kind": self.kind,
            "words": self.words,
            "chars": self.chars,
            "function_words": round(self.function, 2),
            "sentence_end": self.sentence_end,
            "inner_punctuation": self.inner,
            "arabic": round(self.arabic, 2),
            "digits": round(self.digits, 2),
        }


def evidence(line: str, folded: str | None = None) -> Evidence:
    """Measure one line and give it a kind (see the module docstring).

    ``folded`` is the line already folded for matching (alef forms, ى, ة, case), if known.
    """
    words = _pattern("word").findall(
        _pattern("url").sub(" ", folded if folded is not None else fold(line).casefold())
    )
    n = len(words)
    fw = function_words()
    hits = 0
    for f in words:
        if f in fw or (len(f) > 2 and f[0] in "وف" and f[1:] in fw):
            hits += 1
    function = hits / n if n else 0.0
    stripped = line.rstrip(_CLOSERS + " ")
    sentence_end = bool(stripped) and stripped[-1] in _TERMINAL
    inner = line.count("،") + line.count(",") + line.count("؛") + line.count(";")
    if n <= 3:
        kind = "short"
    elif (n >= 10 and (sentence_end or inner or n >= 20) and hits) or n >= 30:
        kind = "prose"
    elif sentence_end and n >= 4 and not stripped.endswith(":"):
        kind = "sentence"
    else:
        kind = "headline"
    return Evidence(line, n, function, sentence_end, inner, kind, " ".join(words[:2]))


def _insert(lines: Sequence[Evidence], chrome: Sequence[bool], gap: range) -> bool:
    """A gallery or embed between two parts of the body: short lines and captions only,
    none of them chrome, little text (a related list has a header; a menu is chrome)."""
    if len(gap) > _MAX_INSERT_LINES:
        return False
    if any(chrome[j] or lines[j].kind not in ("short", "headline") for j in gap):
        return False
    return sum(lines[j].chars for j in gap) <= _MAX_INSERT_CHARS


def choose_region(
    lines: Sequence[Evidence],
    chrome: Sequence[bool],
    anchors: Sequence[bool],
) -> tuple[int, int, dict[str, float]] | None:
    """The body region ``(first, last)`` (inclusive line indexes) and the winning score.

    ``chrome`` marks lines already judged chrome by a phrase rule (never prose);
    ``anchors`` marks date and title lines (a cluster just below one is favoured).

    >>> ev = [evidence(x) for x in ["الرئيسية", "سياسة",
    ...       "قال الوزير إن الحكومة ستطلق برنامجا جديدا لدعم الفلاحين في المناطق الجبلية.",
    ...       "وأضاف أن البرنامج يشمل قروضا صغيرة بلا فوائد للأسر الريفية في عدة جهات.",
    ...       "اتصل بنا"]]
    >>> choose_region(ev, [False] * 5, [False] * 5)[:2]
    (2, 3)
    """
    good = [i for i, e in enumerate(lines) if e.kind == "prose" and not chrome[i]]
    if not good:
        return None
    clusters: list[list[int]] = [[good[0]]]
    for prev, nxt in itertools.pairwise(good):
        gap = range(prev + 1, nxt)
        gap_chars = sum(lines[j].chars for j in gap if not chrome[j])
        near = len(gap) <= MAX_GAP and gap_chars <= _MAX_GAP_CHARS
        if near or _insert(lines, chrome, gap):
            clusters[-1].append(nxt)
        else:
            clusters.append([nxt])
    best: tuple[float, int, int, dict[str, float]] | None = None
    for members in clusters:
        chars = float(sum(lines[i].chars for i in members))
        openings = [lines[i].opening for i in members]
        seen = Counter(openings)  # linear: a 10 MB page may hold one huge cluster
        repeated = sum(seen[o] > 1 for o in openings) / len(members)
        listy = 0.3 if len(members) >= 4 and repeated >= 0.4 else 1.0
        first = members[0]
        near = any(anchors[j] for j in range(max(0, first - 10), first))
        score = chars * listy * (1.5 if near else 1.0)
        facts = {
            "prose_chars": chars,
            "list_share": round(repeated, 2),
            "anchor_above": float(near),
        }
        if best is None or score > best[0]:
            best = (score, first, members[-1], facts | {"score": round(score, 1)})
    assert best is not None
    return best[1], best[2], best[3]
