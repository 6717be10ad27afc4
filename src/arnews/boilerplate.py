"""Boilerplate stripping: the article body out of a scraped page, with title, date and source.

Each non-blank line of the input is classified on its own, then judged in context:

1. **phrases** (data files ``data/boilerplate/{ar,fr,en}.txt``, matched with one
   Aho-Corasick automaton on a folded copy of the line) say what a line *might* be;
2. **structure** decides: a line made of nothing but chrome phrases goes; a phrase at
   the start of a short line goes; a phrase inside a long, sentence-like line goes only
   outside the article core (the stretch between the first and the last body paragraph);
   cookie banners need a cookie word *and* words that banners use and reporting does not
   (نستخدم، موقعنا، تجربتك، بمواصلتك…);
3. **metadata**: the first headline-like line is the title (its repeats go), lines that
   are mostly a date give ``published``, short outlet/dateline lines give ``source``.

When unsure, a line is kept. Every removed line carries its reason code.

>>> page = "عنوان الخبر هنا\\n\\nالخميس 2 أكتوبر 2025\\n\\n" \\
...        "قال الوزير إن الحكومة ستطلق برنامجا جديدا لدعم الفلاحين الصغار.\\n\\nشارك المقال"
>>> c = strip_boilerplate(page)
>>> c.text
'قال الوزير إن الحكومة ستطلق برنامجا جديدا لدعم الفلاحين الصغار.'
>>> c.title, c.published
('عنوان الخبر هنا', datetime.date(2025, 10, 2))
>>> tuple(r.reason for r in c.removed)
('title', 'date', 'share_follow')
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from arnews._extras import require
from arnews._resources import read_lines
from arnews._validation import ensure_text
from arnews.chars import INVISIBLE, fold
from arnews.dates import find_dates, weekday_names
from arnews.types import Cleaned, Removed, Span

__all__ = [
    "METADATA_REASONS",
    "REASONS",
    "BoilerplateConfig",
    "html_to_text",
    "strip_boilerplate",
]


def _lazy(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A regex compiled on first use, so that importing arnews stays cheap."""
    return cache(lambda: re.compile(pattern, flags))


REASONS: tuple[str, ...] = (
    "cookie_consent",
    "read_more",
    "share_follow",
    "subscribe",
    "copyright",
    "navigation",
    "related_list",
    "repeated_title",
    "button",
    "advertisement",
    "comments",
    "byline_chrome",
)
"""Reason codes for removed chrome; earlier codes win ties between phrase matches."""

METADATA_REASONS: tuple[str, ...] = ("title", "date", "source")
"""Reason codes of metadata lines (moved to ``Cleaned.title/published/source``)."""

_PHRASE_FILES = ("boilerplate/ar.txt", "boilerplate/fr.txt", "boilerplate/en.txt")
_KINDS = frozenset({"line", "prefix", "short", "marker", "cookie", "cue", "section", "agency"})
_KINDS_BY_REASON = {"source": frozenset({"agency"}), "date": frozenset({"label"})}
_CLITIC_KINDS = frozenset({"cookie", "cue"})  # these match after a glued و ف ب ل too
_QUOTES = frozenset('"«»“”')
_METADATA = frozenset({"title", "date", "source", "repeated_title"})
_COVERING = frozenset({"line", "prefix", "short", "marker", "cookie", "section"})
_TERMINAL = ".!?؟…"
_CLOSERS = "\"'»”’)]}›"
_SEPARATORS = frozenset("›»>/|\\-–—•·")
_MAX_MATCHED_CHARS = 3000  # longer lines are prose: no phrase can make them chrome
_MAX_DATE_LINE_CHARS = 200
_LINE_BREAK = _lazy(r"\r\n|\r|\n")
_SPACES = _lazy(r"\s+")
_WORD = _lazy(r"[^\W_]+")
_TIME = _lazy(r"(?<!\d)\d{1,2}\s*[:hH]\s*\d{2}(?::\d{2})?(?!\d)")
_TIME_AGO = _lazy(r"^(?:منذ|il y a)\s\S+(?:\s\S+)?$|^\S+(?:\s\S+)?\sago$")
_CITY_AGENCY = _lazy(r"^[^\W\d_]{2,}(?:\s+[^\W\d_]{2,})?\s*\(\s*[^()]{1,25}\)$")
_DATELINE = _lazy(r"^[^\W\d_]{2,}\S*(?:\s+\S+){0,2}\s*[-–—_]\s*(?:\S+(?:\s+\S+){0,5})?$")
_PARENTHESIZED = _lazy(r"^\(\s*[^()]{1,40}\s*\)$")
_VISIBLE = _lazy(f"[^\\s{INVISIBLE}]")
_COUNT = _lazy(r"\d[\d.,]*[kmKM]\b")  # "1.2K مشاركة"
_YEAR = _lazy(r"\d{4}")  # every date form has a four-digit year
_APOSTROPHES = str.maketrans("’‘ʼ", "'''")


@dataclass(frozen=True)
class BoilerplateConfig:
    """Settings of the boilerplate stage (frozen; build a new one to change it).

    ``keep`` holds reason codes that are never removed: those lines stay in the text
    (metadata is still filled in for ``title``/``date``/``source``).

    >>> BoilerplateConfig(keep=frozenset({"read_more"})).keep
    frozenset({'read_more'})
    >>> BoilerplateConfig(keep=frozenset({"ads"}))
    Traceback (most recent call last):
    ValueError: unknown reason code(s) in keep: ads
    """

    keep: frozenset[str] = field(default_factory=frozenset)
    """Reason codes (see :data:`REASONS` and :data:`METADATA_REASONS`) never removed."""
    max_title_words: int = 30
    """A title is at most this many words long."""
    max_headline_words: int = 20
    """Short lines: a prefix phrase removes a line up to this long; list items too."""
    max_marker_words: int = 15
    """A marker phrase (©, جميع الحقوق محفوظة…) removes a line up to this long anywhere."""
    min_sentence_words: int = 6
    """A line ending in . ! ? ؟ with at least this many words is sentence-like."""
    long_block_words: int = 40
    """A line this long is never a comment; one after a comments header keeps the body."""

    def __post_init__(self) -> None:
        keep = frozenset(self.keep)
        object.__setattr__(self, "keep", keep)
        unknown = sorted(keep - set(REASONS) - set(METADATA_REASONS))
        if unknown:
            raise ValueError(f"unknown reason code(s) in keep: {', '.join(unknown)}")


@dataclass(frozen=True, slots=True)
class _Phrase:
    reason: str
    kind: str
    size: int


@dataclass(slots=True)
class _Line:
    """What the classifier knows about one non-blank input line."""

    start: int
    end: int
    text: str
    folded: str
    words: int
    sentence_like: bool
    full: str | None = None  # reason when the line is nothing but chrome phrases
    section: str | None = None  # "related_list" / "comments" when it opens a list
    strong: str | None = None
    weak: str | None = None
    body_cue: bool = False
    agency: bool = False
    published: _dt.date | None = None
    verdict: str | None = None  # a reason code once the line is removed
    anchor: bool = False
    key: str | None = None  # words of the folded line, for comparing with the title


def _fold(text: str) -> str:
    """Fold a line for phrase matching: diacritics, tatweel, alef/ya/ta forms, case, spaces.

    >>> _fold("اقرأ أيضاً")
    'اقرا ايضا'
    """
    return _SPACES().sub(" ", fold(text).translate(_APOSTROPHES).casefold()).strip()


@cache
def _phrases() -> dict[str, tuple[_Phrase, ...]]:
    table: dict[str, list[_Phrase]] = {}
    for name in _PHRASE_FILES:
        reason = kind = ""
        for entry in read_lines(name):
            if entry.startswith("[") and entry.endswith("]"):
                reason, _, kind = entry[1:-1].partition(":")
                allowed = _KINDS_BY_REASON.get(reason, _KINDS)
                if reason not in REASONS and reason not in ("source", "date", "body"):
                    raise ValueError(f"{name}: unknown reason {reason!r}")
                if kind not in allowed and not (reason == "body" and kind == "cue"):
                    raise ValueError(f"{name}: unknown kind {kind!r} for {reason!r}")
                continue
            if not reason:
                raise ValueError(f"{name}: phrase {entry!r} before any [reason:kind] header")
            key = _fold(entry)
            table.setdefault(key, []).append(_Phrase(reason, kind, len(key)))
    return {k: tuple(dict.fromkeys(v)) for k, v in table.items()}


@cache
def _automaton() -> Any:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for key, phrases in _phrases().items():
        matched = tuple(p for p in phrases if p.kind != "label")  # labels: date lines only
        if matched:
            automaton.add_word(key, matched)
    automaton.make_automaton()
    return automaton


@cache
def _date_words() -> frozenset[str]:
    words = {
        w for k, ps in _phrases().items() if any(p.reason == "date" for p in ps) for w in k.split()
    }
    return frozenset(words) | weekday_names()


def _matches(folded: str) -> list[tuple[int, int, _Phrase]]:
    """Phrase occurrences on word boundaries: (start, end, phrase) in the folded line."""
    found: list[tuple[int, int, _Phrase]] = []
    n = len(folded)
    for last, phrases in _automaton().iter(folded):
        end = last + 1
        after_ok = end >= n or not (folded[last].isalnum() and folded[end].isalnum())
        if not after_ok:
            continue
        for p in phrases:
            start = end - p.size
            if start > 0 and folded[start].isalnum() and folded[start - 1].isalnum():
                clitic = p.kind in _CLITIC_KINDS and folded[start - 1] in "وفبل"
                if not clitic or (start > 1 and folded[start - 2].isalnum()):
                    continue
            found.append((start, end, p))
    return found


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _TERMINAL


def _rank(reason: str) -> int:
    return REASONS.index(reason) if reason in REASONS else len(REASONS)


def _analyse(line: _Line, cfg: BoilerplateConfig) -> None:
    """Fill in the phrase-based facts about one line."""
    folded = line.folded
    if len(folded) > _MAX_MATCHED_CHARS:
        return
    found = _matches(folded)
    if not found:
        return
    first = next((i for i, c in enumerate(folded) if c.isalnum()), 0)
    covered: list[tuple[int, int]] = []
    best_full: tuple[int, int, str] | None = None  # (-size, rank, reason)
    cues = set()
    cookie = False
    strong: list[tuple[int, int, str]] = []
    weak: list[tuple[int, int, str]] = []
    markers: list[tuple[int, int, str]] = []
    for start, end, p in found:
        if p.kind in _COVERING:
            covered.append((start, end))
            key = (-p.size, _rank(p.reason), p.reason)
            if best_full is None or key < best_full:
                best_full = key
            if p.kind == "section" and line.words <= 6:
                line.section = p.reason
        if p.kind == "cue":
            if p.reason == "body":
                line.body_cue = True
            else:
                cues.add(folded[start:end])
        elif p.kind == "agency":
            line.agency = True
        elif p.kind == "cookie":
            cookie = True
        elif p.kind in ("prefix", "short") and start == first:
            navigation_ok = (
                p.reason != "navigation"
                or any(c in _SEPARATORS for c in folded)
                or folded[end:].lstrip().startswith(":")
            )
            if p.kind == "short":
                if line.words <= 6 and not _ends_sentence(folded) and _names_follow(line, end):
                    strong.append((-p.size, _rank(p.reason), p.reason))
            elif not navigation_ok:
                pass
            elif line.words <= cfg.max_headline_words and not (
                _ends_sentence(folded) and line.words > 12
            ):
                strong.append((-p.size, _rank(p.reason), p.reason))
            else:
                weak.append((-p.size, _rank(p.reason), p.reason))
        elif p.kind == "marker":
            markers.append((-p.size, _rank(p.reason), p.reason))
    # a marker (©, جميع الحقوق محفوظة) removes a short line, unless it reads as reporting
    reported = line.body_cue and line.sentence_like
    short_line = line.words <= cfg.max_marker_words and not reported
    (strong if short_line else weak).extend(markers)
    if best_full is not None and _fully_covered(folded, covered):
        line.full = best_full[2]
    elif line.section is not None:
        line.section = None
    if cookie:
        quoted = any(c in _QUOTES for c in line.text)
        if line.words <= 8 or (len(cues) >= 2 and not line.body_cue and not quoted):
            strong.append((0, 0, "cookie_consent"))
        elif cues:
            weak.append((0, 0, "cookie_consent"))
    if strong:
        line.strong = min(strong)[2]
    if weak:
        line.weak = min(weak)[2]


def _names_follow(line: _Line, end: int) -> bool:
    """After a byline word: a colon/dash, or (Latin script) capitalised name words."""
    rest = line.folded[end:].lstrip()
    if rest[:1] in (":", "-", "–", "|"):
        return True
    words = line.text.split()
    skip = len(line.folded[:end].split())
    names = words[skip:]
    return bool(names) and all(w[:1].isupper() for w in names)


def _fully_covered(folded: str, covered: list[tuple[int, int]]) -> bool:
    """True when no letter of ``folded`` lies outside the covered intervals."""
    pos = 0
    gaps = []
    for start, end in sorted(covered):
        if start > pos:
            gaps.append(folded[pos:start])
        pos = max(pos, end)
    gaps.append(folded[pos:])
    return not any(c.isalpha() for c in _COUNT().sub("", "".join(gaps)))


def _date_of_line(line: _Line) -> _dt.date | None:
    """The date if the line is mostly a date (a few label words around it allowed)."""
    if len(line.text) > _MAX_DATE_LINE_CHARS or not _YEAR().search(line.text):
        return None
    matches = find_dates(line.text)
    if not matches:
        return None
    rest, pos = [], 0
    for m in matches:
        rest.append(line.text[pos : m.start])
        pos = m.end
    rest.append(line.text[pos:])
    leftover = _TIME().sub(" ", " ".join(rest))
    labels = _date_words()
    extra = [w for w in _WORD().findall(_fold(leftover)) if not w.isdigit() and w not in labels]
    if len(extra) > 3:
        return None
    gregorian = [m.date for m in matches if m.calendar == "gregorian"]
    return gregorian[0] if gregorian else matches[0].date


def _title_key(text: str) -> str:
    return _folded_key(_fold(text))


def _folded_key(folded: str) -> str:
    """Words only: what two spellings of one headline share."""
    return " ".join(_WORD().findall(folded))


def _key(line: _Line) -> str:
    if line.key is None:
        line.key = _folded_key(line.folded)
    return line.key


def _is_repeat(key: str, title_key: str) -> bool:
    if not key or not title_key:
        return False
    if key == title_key:
        return True
    if key.startswith(title_key) and len(key.split()) - len(title_key.split()) <= 5:
        return True
    return title_key.startswith(key) and len(key) >= 0.8 * len(title_key)


def _split_lines(text: str, cfg: BoilerplateConfig) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for brk in (*_LINE_BREAK().finditer(text), None):
        stop = brk.start() if brk else len(text)
        raw = text[pos:stop]
        stripped = raw.strip()
        if stripped and _VISIBLE().search(stripped):
            start = pos + (len(raw) - len(raw.lstrip()))
            words = len(stripped.split())
            sentence_like = words >= 20 or (
                words >= cfg.min_sentence_words and _ends_sentence(stripped)
            )
            line = _Line(
                start, start + len(stripped), stripped, _fold(stripped), words, sentence_like
            )
            lines.append(line)
        if brk is None:
            break
        pos = brk.end()
    return lines


def _headline_like(line: _Line, cfg: BoilerplateConfig) -> bool:
    return 2 <= line.words <= cfg.max_title_words and not line.text.rstrip(_CLOSERS).endswith(
        (".", ":", "،", ",")
    )


def _find_title(lines: list[_Line], cfg: BoilerplateConfig, known: str | None) -> int | None:
    """Index of the title line: a headline-like line before the first prose paragraph.

    Among several candidates (a ticker before the headline…) the one next to the date
    line wins, then one repeated further down, then the first.
    """
    header_end = next(
        (
            i
            for i, x in enumerate(lines)
            if x.sentence_like
            and not (x.full or x.strong or x.verdict)
            and not _headline_like(x, cfg)
        ),
        len(lines),
    )
    if known:
        key = _title_key(known)
        return next(
            (
                i
                for i, x in enumerate(lines[:header_end])
                if x.verdict is None and _is_repeat(_key(x), key)
            ),
            None,
        )
    candidates = []
    seen_date = False
    for i, line in enumerate(lines[:header_end]):
        seen_date = seen_date or line.verdict == "date"
        if line.verdict is not None or line.full or line.words < 2:
            continue
        if (line.agency and line.words <= 5) or _PARENTHESIZED().match(line.text):
            continue
        if seen_date and _source_like(line):  # "الرباط - هسبريس" under the date
            continue
        if _headline_like(line, cfg) and not line.strong:
            candidates.append(i)
    if header_end == len(lines):
        return None
    if not candidates:  # a page may open with a headline that starts like chrome
        first = lines[0]
        opener = first.strong not in (None, "navigation") and first.full is None
        if opener and first.words >= 6 and _date_distance(lines, 0) <= 2:
            return 0
        return None
    close = [i for i in candidates if _date_distance(lines, i) <= 3]
    if close:  # the longest headline near the date: a byline or ticker item is shorter
        nearest = max(close, key=lambda i: (lines[i].words, -_date_distance(lines, i)))
        key = _key(lines[nearest])
        for j in candidates:  # "title", then "title | site" above the date: the first is it
            other = _key(lines[j])
            if j < nearest and (_is_repeat(key, other) or _is_repeat(other, key)):
                return j
        return nearest
    keys = [_key(x) for x in lines]
    for i in candidates:
        if any(_is_repeat(k, keys[i]) for j, k in enumerate(keys) if j != i):
            return i
    # no date or repeat to confirm it: only a short line without inner punctuation
    first = lines[candidates[0]]
    if 3 <= first.words <= 15 and not any(c in "،,؛;" for c in first.text):
        return candidates[0]
    return None


def _date_distance(lines: list[_Line], i: int) -> int:
    """How many lines after line ``i`` the next date line comes (1 if one directly precedes)."""
    if i > 0 and lines[i - 1].verdict == "date":
        return 1
    for j in range(i + 1, min(len(lines), i + 6)):
        if lines[j].verdict == "date":
            return j - i
    return 1 << 30


def _is_anchor(line: _Line) -> bool:
    if line.verdict is not None or line.full or line.strong or not line.sentence_like:
        return False
    if line.body_cue:
        return True
    if line.weak == "cookie_consent":  # banner-like, unless a long paragraph quotes one
        return line.words >= 25 and any(c in _QUOTES for c in line.text)
    return line.weak is None or line.words >= 15


def _mark_runs(lines: list[_Line], cfg: BoilerplateConfig, first_anchor: int) -> None:
    """Items under a related-headlines header, and comments under a comments header."""
    i = 0
    n = len(lines)
    while i < n:
        head = lines[i]
        i += 1
        if head.section is None or head.full is None:
            continue
        if head.section == "comments":
            after = lines[i:]
            if i - 1 <= first_anchor or not _comments_follow(after, cfg):
                continue
            for line in after:
                if line.verdict is None and not (line.full or line.strong):
                    line.verdict = "comments"
            return
        items = 0
        while i < n and items < 15:
            line = lines[i]
            if line.verdict in _METADATA or line.anchor:
                break
            if line.verdict is not None or line.full or line.strong:
                i += 1
                continue
            if line.words > cfg.max_headline_words or line.text.rstrip(_CLOSERS).endswith("."):
                break
            line.verdict = "related_list"
            items += 1
            i += 1


def _comments_follow(after: list[_Line], cfg: BoilerplateConfig) -> bool:
    """What follows a comments header looks like comments: widgets, reply links, "3 hours ago".

    Without such a sign (or with a long paragraph) the header was a stray widget and what
    follows is kept.
    """
    if any(x.words >= cfg.long_block_words for x in after):
        return False
    content = [x for x in after if not (x.full or x.strong or x.verdict)]
    if not content:
        return True
    return any(x.full == "comments" or _TIME_AGO().match(x.folded) for x in after)


def _source_like(line: _Line) -> bool:
    if line.words > 8 or len(line.text) > 120:
        return False
    if line.agency or _PARENTHESIZED().match(line.text) or _CITY_AGENCY().match(line.text):
        return True
    return line.words <= 6 and _DATELINE().match(line.text) is not None


def _classify(
    lines: list[_Line], cfg: BoilerplateConfig, known_title: str | None
) -> tuple[str | None, _dt.date | None, str | None]:
    for line in lines:
        _analyse(line, cfg)
        line.published = _date_of_line(line)
        if line.published is not None:
            line.verdict = "date"
    if any(x.full == "navigation" for x in lines):
        _soften_lone_navigation(lines)
    title_at = _find_title(lines, cfg, known_title)
    title = None
    if title_at is not None:
        title = lines[title_at].text
        lines[title_at].verdict = "title"
        key = _key(lines[title_at])
        for line in lines:
            if line.verdict is None and _is_repeat(_key(line), key):
                line.verdict = "repeated_title"
    anchors = [i for i, x in enumerate(lines) if _is_anchor(x)]
    _mark_runs(lines, cfg, anchors[0] if anchors else len(lines))
    anchors = [i for i, x in enumerate(lines) if _is_anchor(x)]
    for i in anchors:
        lines[i].anchor = True
    first = anchors[0] if anchors else 0
    last = anchors[-1] if anchors else len(lines) - 1
    source = None
    for i, line in enumerate(lines):
        if line.verdict is not None:
            continue
        if line.full or line.strong:
            line.verdict = line.full or line.strong
        elif line.weak and (i < first or i > last):
            line.verdict = line.weak
        elif (
            anchors
            and (i < first or i > last)
            and _source_like(line)
            and (i < first or line.agency or _PARENTHESIZED().match(line.text))
        ):
            line.verdict = "source"
            source = source or line.text
    published = next((x.published for x in lines if x.verdict == "date"), None)
    return title, published, source


def _soften_lone_navigation(lines: list[_Line]) -> None:
    """A lone one-word section name between body paragraphs may be a subheading: keep it."""
    body = [i for i, x in enumerate(lines) if x.sentence_like and not (x.full or x.strong)]
    if len(body) < 2:
        return
    for i in range(body[0] + 1, body[-1]):
        line = lines[i]
        if line.full == "navigation" and line.words == 1:
            prev_nav = i > 0 and lines[i - 1].full == "navigation"
            next_nav = i + 1 < len(lines) and lines[i + 1].full == "navigation"
            if not (prev_nav or next_nav):
                line.full = None


def _assemble(
    text: str, lines: list[_Line], cfg: BoilerplateConfig
) -> tuple[str, tuple[Span, ...], tuple[Removed, ...]]:
    kept: list[Span] = []
    removed: list[Removed] = []
    block: tuple[int, int] | None = None
    previous_end = -1
    for line in lines:
        reason = line.verdict
        if reason is not None and reason not in cfg.keep:
            removed.append(Removed(line.text, line.start, line.end, reason))
            if block:
                kept.append(Span(text[block[0] : block[1]], block[0], block[1]))
                block = None
            continue
        gap = text[previous_end : line.start] if block else ""
        if block and gap.count("\n") + gap.count("\r") - gap.count("\r\n") <= 1:
            block = (block[0], line.end)
        else:
            if block:
                kept.append(Span(text[block[0] : block[1]], block[0], block[1]))
            block = (line.start, line.end)
        previous_end = line.end
    if block:
        kept.append(Span(text[block[0] : block[1]], block[0], block[1]))
    return "\n\n".join(s.text for s in kept), tuple(kept), tuple(removed)


def _strip_text(text: str, cfg: BoilerplateConfig, known_title: str | None = None) -> Cleaned:
    lines = _split_lines(text, cfg)
    title, published, source = _classify(lines, cfg, known_title)
    body, kept, removed = _assemble(text, lines, cfg)
    return Cleaned(body, kept, removed, title, published, source)


def html_to_text(html: str) -> str:
    """The text that ``strip_boilerplate(html, html=True)`` works on (its offsets index it).

    Paragraphs come out one a line (trafilatura's text output). Input without any markup
    is returned unchanged; markup that trafilatura cannot read (unclosed ``<title>``…)
    falls back to a plain tag stripper. Needs the optional extra ``arnews[html]``.

    >>> html_to_text("نص بلا وسوم")
    'نص بلا وسوم'
    """
    return _extract_html(ensure_text(html, "html"))[0]


_TAG = _lazy(r"<[A-Za-z!/?]")
_HIDDEN = _lazy(r"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_BLOCK = _lazy(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|nav|aside"
    r"|main|title|head|body|html|blockquote|figure|figcaption|button|form|label|option)\b[^>]*>",
    re.I,
)
_ANY_TAG = _lazy(r"<[^>]*>")
_TEXT_NODE = _lazy(r">([^<>]{4,200})<")
_MAX_HTML_SCAN = 200_000


def _crude_text(html: str) -> str:
    """Tag stripper for markup that trafilatura gives up on: one block a line."""
    import html as html_module

    text = _ANY_TAG().sub("", _BLOCK().sub("\n", _HIDDEN().sub(" ", html)))
    lines = (" ".join(line.split()) for line in html_module.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


def _html_date(html: str) -> _dt.date | None:
    """The first text node of the page that is a date line (trafilatura often drops it)."""
    import html as html_module

    for m in _TEXT_NODE().finditer(html[:_MAX_HTML_SCAN]):
        node = " ".join(html_module.unescape(m.group(1)).split())
        if not node or not _YEAR().search(node):
            continue
        line = _Line(0, len(node), node, _fold(node), len(node.split()), False)
        found = _date_of_line(line)
        if found is not None:
            return found
    return None


def _extract_html(html: str) -> tuple[str, str | None, _dt.date | None, str | None]:
    if not _TAG().search(html):
        return html, None, None, None
    trafilatura = require("trafilatura", "html", "strip_boilerplate(..., html=True)")
    safe = html.encode("utf-8", "replace").decode("utf-8")  # lone surrogates break lxml
    if "\x00" in safe:
        safe = safe.replace("\x00", "")
    try:
        doc = trafilatura.bare_extraction(
            safe, include_comments=False, with_metadata=True, favor_recall=True
        )
    except Exception:  # lxml and trafilatura raise many kinds on garbage
        doc = None
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        return _crude_text(safe), None, _html_date(safe), None
    published = _html_date(safe)
    if published is None and doc.date:
        try:
            published = _dt.date.fromisoformat(str(doc.date)[:10])
        except ValueError:
            published = None
    return str(doc.text), doc.title or None, published, doc.sitename or None


def strip_boilerplate(
    text: str,
    *,
    html: bool = False,
    config: BoilerplateConfig | None = None,
    keep: Iterable[str] | None = None,
) -> Cleaned:
    """Split a scraped article into body, metadata and removed chrome (each with a reason).

    ``kept`` spans are blocks of consecutive kept lines (a blank or removed line ends a
    block); ``text`` joins their exact input characters with ``"\\n\\n"``. ``removed``
    holds one entry per removed line. With ``html=True`` the input is a web page: its
    text is extracted first (see :func:`html_to_text`; every offset then indexes that
    text) and the page's own title/date/site name fill metadata the text lacks.
    ``keep`` adds reason codes to ``config.keep``.

    >>> c = strip_boilerplate("اقرأ أيضا: عنوان آخر\\nنص المقال هنا وهو جملة طويلة بما يكفي.")
    >>> c.text, c.removed[0].reason
    ('نص المقال هنا وهو جملة طويلة بما يكفي.', 'read_more')
    >>> strip_boilerplate("اقرأ أيضا: عنوان آخر", keep=["read_more"]).text
    'اقرأ أيضا: عنوان آخر'
    >>> strip_boilerplate("")
    Cleaned(text='', kept=(), removed=(), title=None, published=None, source=None)
    """
    text = ensure_text(text)
    if config is not None and not isinstance(config, BoilerplateConfig):
        raise TypeError(f"config must be a BoilerplateConfig, not {type(config).__name__}")
    cfg = config or BoilerplateConfig()
    if keep is not None:
        if isinstance(keep, str):
            raise TypeError("keep must be a collection of reason codes, not str")
        cfg = replace(cfg, keep=cfg.keep | frozenset(keep))
    if not html:
        return _strip_text(text, cfg)
    body, title, published, site = _extract_html(text)
    cleaned = _strip_text(body, cfg, known_title=title)
    return Cleaned(
        cleaned.text,
        cleaned.kept,
        cleaned.removed,
        cleaned.title or title,
        cleaned.published or published,
        cleaned.source or site,
    )
