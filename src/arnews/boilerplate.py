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
from arnews.chars import INVISIBLE
from arnews.dates import find_dates, weekday_names
from arnews.layout import Evidence, choose_region, evidence
from arnews.linekeys import fold_line, words_key
from arnews.templates import BoilerplateModel
from arnews.types import Cleaned, LineDecision, Removed, Span

__all__ = [
    "METADATA_REASONS",
    "REASONS",
    "BoilerplateConfig",
    "arabic_ratio",
    "html_to_text",
    "looks_like_html",
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
    "outside_body",
    "template",
)
"""Reason codes for removed chrome; earlier codes win ties between phrase matches."""

METADATA_REASONS: tuple[str, ...] = ("title", "date", "source")
"""Reason codes of metadata lines (moved to ``Cleaned.title/published/source``)."""

_PHRASE_FILES = ("boilerplate/ar.txt", "boilerplate/fr.txt", "boilerplate/en.txt")
_KINDS = frozenset(
    {"line", "prefix", "short", "marker", "cookie", "cue", "section", "agency", "policy"}
)
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
_MAX_TITLE_CANDIDATES = 20  # headline-like lines checked for a repeat further down
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
    learn_templates: bool = True
    """``process_many`` learns the site template (lines repeated across its documents) and
    removes it (reason ``template``). An article then depends on the documents read before
    it: ``process_many`` equals ``process`` one by one only where no line repeats across
    enough documents, or with ``learn_templates=False``."""
    template: BoilerplateModel | None = field(default=None, compare=False)
    """Site template lines learnt from other pages of the source (``BoilerplateModel.fit``);
    they go first, with the reason ``template``. ``process_many`` learns one as it reads."""

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
    policy: bool = False  # holds a comment-policy / disclaimer phrase
    agency: bool = False
    published: _dt.date | None = None
    verdict: str | None = None  # a reason code once the line is removed
    anchor: bool = False
    key: str | None = None  # words of the folded line, for comparing with the title
    evidence: Evidence | None = None  # the layout pass's measurements
    region: bool = False  # inside the body region chosen by the layout pass
    rule: str | None = None  # the rule that removed the line, when not a phrase rule


def _fold(text: str) -> str:
    """Fold a line for phrase matching: diacritics, tatweel, alef/ya/ta forms, case, spaces.

    >>> _fold("اقرأ أيضاً")
    'اقرا ايضا'
    """
    return fold_line(text)


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
        elif p.kind == "policy":
            line.policy = True
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
    return words_key(folded)


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
    for i in candidates[:_MAX_TITLE_CANDIDATES]:  # a page of 10,000 headlines stays linear
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
    # another comments *header* ("أضف تعليقك" twice) is no sign: a reply link or a time is
    return any(
        (x.full == "comments" and x.section is None) or _TIME_AGO().match(x.folded) for x in after
    )


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
    if cfg.template is not None and cfg.template.lines:
        _mark_template(lines, cfg.template)
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
    _apply_layout(lines, title_at)
    published = next((x.published for x in lines if x.verdict == "date"), None)
    return title, published, source


_PAGE_OUTSIDE_LINES = 8  # this many unjudged lines outside the body region: a whole page
_PAGE_CHROME_LINES = 15  # ... or this many chrome lines (any reason) outside it
_PAGE_SHORT_RUN = 5  # ... or a run of this many short lines (a menu) outside it
_TITLE_REACH = 10  # the region grows back to a title this close above it


def _apply_layout(lines: list[_Line], title_at: int | None) -> None:
    """Whole-page text: remove what lies outside the body region (see :mod:`arnews.layout`).

    Only when the text holds a page's chrome (many unjudged lines, or a menu-like run of
    short lines, outside the region); a copy-pasted article is left to the phrase rules.
    """
    if sum(x.verdict is None for x in lines) < _PAGE_SHORT_RUN:
        return  # too few unjudged lines to hold a page's chrome
    for line in lines:
        line.evidence = evidence(line.text, line.folded)
    ev = [x.evidence for x in lines if x.evidence is not None]
    chrome = [x.verdict is not None or bool(x.full or x.strong or x.policy) for x in lines]
    anchors = [x.verdict in ("title", "date") for x in lines]
    found = choose_region(ev, chrome, anchors)
    if found is None:
        return
    first, last, _ = found
    if title_at is not None and 0 <= first - title_at <= _TITLE_REACH:
        first = title_at + 1
    else:
        while first > 0 and lines[first - 1].verdict is None and ev[first - 1].kind != "short":
            if ev[first - 1].kind not in ("prose", "sentence") or lines[first - 1].policy:
                break
            first -= 1
    while last + 1 < len(lines) and lines[last + 1].verdict is None:
        if ev[last + 1].kind not in ("prose", "sentence") or lines[last + 1].policy:
            break
        last += 1
    outside = [i for i, x in enumerate(lines) if (i < first or i > last) and x.verdict is None]
    run = longest = 0
    outside_set = set(outside)
    for i in outside:
        run = run + 1 if ev[i].kind == "short" and i - 1 in outside_set else 1
        if ev[i].kind != "short":
            run = 0
        longest = max(longest, run)
    chrome_outside = sum(
        1 for i, x in enumerate(lines) if (i < first or i > last) and x.verdict in REASONS
    )
    small = len(outside) < _PAGE_OUTSIDE_LINES and chrome_outside < _PAGE_CHROME_LINES
    if small and longest < _PAGE_SHORT_RUN:
        return
    for i in range(first, last + 1):
        lines[i].region = True
    for i in outside:
        kind = ev[i].kind
        if lines[i].policy:
            lines[i].verdict = "comments"
            lines[i].rule = "layout: a comment policy or disclaimer outside the body region"
            continue
        lines[i].verdict = (
            "navigation"
            if kind == "short"
            else "related_list"
            if kind == "headline"
            else "outside_body"
        )
        lines[i].rule = f"layout: {kind} line outside the body region"


def _mark_template(lines: list[_Line], model: BoilerplateModel) -> None:
    """Lines of the site template (seen on many pages of the source) go first.

    A template never takes the whole body: when every prose line of the page is a
    template line (the same article in many records), the prose stays.
    """
    marked: list[tuple[_Line, bool]] = []
    prose_lines = 0
    for i, line in enumerate(lines):
        if line.verdict is not None or len(line.text) > _MAX_MATCHED_CHARS:
            continue
        if line.full or line.strong:
            continue  # a phrase rule already names it (share_follow…): that reason stays
        kind = evidence(line.text, line.folded).kind
        prose = kind in ("prose", "sentence")
        prose_lines += prose
        key = _key(line)
        if key not in model.lines:
            continue
        if prose and key not in model.common:
            continue  # a paragraph that a few other pages quote: keep it
        if kind == "headline" and _date_distance(lines, i) <= 2:
            continue  # this page's headline, listed as "most read" on other pages
        marked.append((line, prose))
    whole_body = prose_lines > 0 and sum(prose for _, prose in marked) == prose_lines
    unjudged = sum(1 for x in lines if x.verdict is None)
    if len(marked) == unjudged:
        return  # nothing but template lines: a copy of an article, not a page of the site
    rule = f"template: the line repeats across pages of the source ({model.documents} seen)"
    for line, prose in marked:
        if not (prose and whole_body):
            line.verdict = "template"
            line.rule = rule


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


def _strip_text(
    text: str, cfg: BoilerplateConfig, known_title: str | None = None, explain: bool = False
) -> Cleaned:
    lines = _split_lines(text, cfg)
    title, published, source = _classify(lines, cfg, known_title)
    body, kept, removed = _assemble(text, lines, cfg)
    decisions = _explain(lines, cfg) if explain else ()
    return Cleaned(
        body, kept, removed, title, published, source, decisions, arabic_ratio=arabic_ratio(body)
    )


_METADATA_RULES = {
    "title": "metadata: the headline (moved to .title)",
    "date": "metadata: a date line (moved to .published)",
    "source": "metadata: a source or dateline line (moved to .source)",
    "repeated_title": "metadata: the headline again",
}


def _rule_of(line: _Line, cfg: BoilerplateConfig) -> str:
    """The rule behind a line's decision, in words."""
    reason = line.verdict
    if reason is None or reason in cfg.keep:
        if reason is not None:
            return f"kept: {reason} is in keep"
        if line.region:
            return "layout: inside the body region"
        if line.anchor:
            return "kept: a prose paragraph"
        return "kept: no rule removed it"
    if reason in _METADATA_RULES:
        return _METADATA_RULES[reason]
    if line.rule is not None:
        return line.rule
    if line.full == reason:
        return f"phrase: the whole line is {reason} phrases"
    if line.strong == reason:
        return f"phrase: a {reason} phrase opens or marks a short line"
    if line.weak == reason:
        return f"phrase: a {reason} phrase, outside the article core"
    return f"list: under a {reason} header"


def _explain(lines: list[_Line], cfg: BoilerplateConfig) -> tuple[LineDecision, ...]:
    out = []
    for line in lines:
        ev = line.evidence or evidence(line.text, line.folded)
        facts: dict[str, object] = ev.as_dict()
        facts.update(
            phrase_whole_line=line.full,
            phrase_strong=line.strong,
            phrase_weak=line.weak,
            policy_phrase=line.policy,
            body_region=line.region,
        )
        kept = line.verdict is None or line.verdict in cfg.keep
        reason = None if kept else line.verdict
        out.append(
            LineDecision(line.text, line.start, line.end, kept, reason, _rule_of(line, cfg), facts)
        )
    return tuple(out)


# letters outside the Arabic blocks (few in Arabic text, so the list stays short)
_OTHER_LETTER = _lazy(r"[^\W\d_\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
_MIN_LETTERS_FOR_LANGUAGE = 20
_RATIO_SAMPLE = 2000
_MIN_ARABIC_RATIO = 0.5


def arabic_ratio(text: str) -> float:
    """Share of the letters of ``text`` that are Arabic (1.0 when it has no letters).

    Only the first :data:`_RATIO_SAMPLE` characters are read: the ratio tells the language.

    >>> arabic_ratio("قال الوزير"), arabic_ratio("Le ministre a dit"), arabic_ratio("2025")
    (1.0, 0.0, 1.0)
    """
    sample = text[:_RATIO_SAMPLE]
    letters = sum(map(str.isalpha, sample))
    if not letters:
        return 1.0
    return 1.0 - len(_OTHER_LETTER().findall(sample)) / letters


_MARKUP = _lazy(
    r"<(?:!doctype\s+html|html|head|body|div|p|span|a|script|style|meta|link|br|li|ul|table"
    r"|article|section|header|footer|nav|h[1-6]|img|iframe)(?=[\s>/])",
    re.I,
)
_SNIFF_CHARS = 100_000
_MIN_TAGS = 3


def looks_like_html(text: str) -> bool:
    """True when ``text`` reads as a web page (a doctype or ``<html>``, or several tags).

    >>> looks_like_html("<html><body><p>نص</p></body></html>"), looks_like_html("أ < ب > ج")
    (True, False)
    """
    head = text[:_SNIFF_CHARS]
    if "<" not in head:
        return False
    for count, m in enumerate(_MARKUP().finditer(head), 1):
        if count >= _MIN_TAGS or m.group().lower().startswith(("<!doctype", "<html")):
            return True
    return False


def html_to_text(html: str) -> str:
    """The text that ``strip_boilerplate(html, html=True)`` works on (its offsets index it).

    Paragraphs come out one a line: trafilatura's text output, or the page's own visible
    text when that is more body-like (see ``strip_boilerplate``). Input without any markup
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


def _trafilatura(html: str, *, favor_recall: bool) -> Any:
    trafilatura = require("trafilatura", "html", "strip_boilerplate(..., html=True)")

    try:
        doc = trafilatura.bare_extraction(
            html, include_comments=False, with_metadata=True, favor_recall=favor_recall
        )
    except Exception:  # lxml and trafilatura raise many kinds on garbage
        return None
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        return None
    return doc


def _extract_html(html: str) -> tuple[str, str | None, _dt.date | None, str | None, str]:
    """(text, title, date, site name, candidate): the most body-like text of the page.

    Candidates: trafilatura's extraction (its recall mode when the default finds nothing)
    and the page's own visible text, each run through the text rules; see
    :func:`_choose_candidate`.
    """
    if not _TAG().search(html):
        return html, None, None, None, "text"
    require("trafilatura", "html", "strip_boilerplate(..., html=True)")
    from arnews.pagetext import visible_text

    safe = html.encode("utf-8", "replace").decode("utf-8")  # lone surrogates break lxml
    if "\x00" in safe:
        safe = safe.replace("\x00", "")
    doc = _trafilatura(safe, favor_recall=False)
    candidates: list[tuple[str, str]] = []
    if doc is not None:
        candidates.append(("trafilatura", str(doc.text)))
    else:
        doc = _trafilatura(safe, favor_recall=True)
        if doc is not None:
            candidates.append(("trafilatura recall", str(doc.text)))
    page = visible_text(safe)
    if page:
        candidates.append(("page text", page))
    published = _html_date(safe)
    if not candidates:
        return _crude_text(safe), None, published, None, "tag stripper"
    if published is None and doc is not None and doc.date:
        try:
            published = _dt.date.fromisoformat(str(doc.date)[:10])
        except ValueError:
            published = None
    name, chosen = _choose_candidate(candidates)
    title = (doc.title or None) if doc is not None else None
    site = (doc.sitename or None) if doc is not None else None
    return chosen, title, published, site, name


_MIN_COVER = 0.8  # the page text must hold this share of trafilatura's prose characters
_MAX_GROWTH = 1.5  # ... and keep at most this many times its characters (plus a little)
_MIN_ADDED = 50  # ... and add this much prose (a lead trafilatura missed) or drop some


def _body_profile(text: str) -> tuple[list[str], int, str]:
    """(kept prose lines, kept characters, kept text) of one candidate after the text rules."""
    kept = _strip_text(text, BoilerplateConfig()).text
    lines = [" ".join(x.split()) for x in kept.split("\n")]
    prose = [x for x in lines if x and evidence(x).kind == "prose"]
    return prose, len(kept), "\n".join(lines)


def _choose_candidate(candidates: list[tuple[str, str]]) -> tuple[str, str]:
    """The most body-like candidate, never losing trafilatura's article.

    When trafilatura found prose, the page's own text replaces it only if it keeps at
    least 80% of trafilatura's prose characters, loses none of its inner paragraphs (only
    leading or trailing ones: a comment policy, a widget), does not grow much, and either
    adds prose (a lead trafilatura missed) or drops some of trafilatura's edge prose.
    Otherwise the candidate with the most prose, weighted by its share
    of prose, wins.
    """
    profiles = [_body_profile(text) for _, text in candidates]
    first_name = candidates[0][0]
    if first_name.startswith("trafilatura") and len(candidates) > 1 and profiles[0][0]:
        prose, kept, _ = profiles[0]
        page_prose, page_kept, page_text = profiles[-1]
        found = [line in page_text for line in prose]
        covered = sum(len(x) for x, f in zip(prose, found, strict=True) if f)
        share = covered / sum(len(x) for x in prose)
        inside = [i for i, f in enumerate(found) if f]
        holes = bool(inside) and not all(found[inside[0] : inside[-1] + 1])
        grows = page_kept <= _MAX_GROWTH * kept + 300
        adds = sum(map(len, page_prose)) >= covered + _MIN_ADDED
        if share >= _MIN_COVER and not holes and grows and (adds or share < 1.0):
            return candidates[-1]
        return candidates[0]

    def weight(profile: tuple[list[str], int, str]) -> float:
        prose_chars = sum(map(len, profile[0]))
        return prose_chars * prose_chars / max(profile[1], 1)

    best = max(range(len(candidates)), key=lambda i: weight(profiles[i]))
    return candidates[best]


def strip_boilerplate(
    text: str,
    *,
    html: bool | None = None,
    config: BoilerplateConfig | None = None,
    keep: Iterable[str] | None = None,
    explain: bool = False,
    template: BoilerplateModel | None = None,
) -> Cleaned:
    """Split a scraped article into body, metadata and removed chrome (each with a reason).

    ``kept`` spans are blocks of consecutive kept lines (a blank or removed line ends a
    block); ``text`` joins their exact input characters with ``"\\n\\n"``. ``removed``
    holds one entry per removed line. ``html=None`` (the default) reads the input as a web
    page when it holds markup (see :func:`looks_like_html`; ``input_kind`` and ``notes``
    of the result record it); ``html=False`` never does. ``explain=True`` fills
    ``lines`` with every non-blank line's decision, the rule behind it and its evidence.
    ``arabic_ratio`` is the share of Arabic letters in the kept text; below 0.5 a warning
    says the text is mostly not Arabic. With ``html=True`` the input is a web page: its
    text is extracted first (see :func:`html_to_text`; every offset then indexes that
    text) and the page's own title/date/site name fill metadata the text lacks.
    ``keep`` adds reason codes to ``config.keep``; ``template`` (a
    :class:`arnews.templates.BoilerplateModel`) sets ``config.template``.

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
    if template is not None:
        if not isinstance(template, BoilerplateModel):
            raise TypeError(f"template must be a BoilerplateModel, not {type(template).__name__}")
        cfg = replace(cfg, template=template)
    notes: list[str] = []
    if html is None:
        html = looks_like_html(text)
        if html:
            notes.append("markup found: the input was read as HTML (pass html=False to keep it)")
    if not html:
        cleaned = _strip_text(text, cfg, explain=explain)
        return _with_notes(cleaned, "text", notes)
    body, title, published, site, candidate = _extract_html(text)
    notes.append(f"html: main text taken from the {candidate}")
    cleaned = _strip_text(body, cfg, known_title=title, explain=explain)
    cleaned = replace(
        cleaned,
        title=cleaned.title or title,
        published=cleaned.published or published,
        source=cleaned.source or site,
    )
    return _with_notes(cleaned, "html", notes)


def _with_notes(cleaned: Cleaned, kind: str, notes: list[str]) -> Cleaned:
    ratio = cleaned.arabic_ratio
    letters = sum(map(str.isalpha, cleaned.text[:_RATIO_SAMPLE]))
    if letters >= _MIN_LETTERS_FOR_LANGUAGE and ratio < _MIN_ARABIC_RATIO:
        notes.append(f"the text is mostly not Arabic (arabic_ratio={ratio:.2f})")
    return replace(cleaned, input_kind=kind, notes=tuple(notes))
