"""Split Arabic (and mixed Arabic–Latin) news text into sentences, as offset spans.

:func:`split_sentences` reads the text once, left to right, and cuts it:

* after a run of final punctuation (``. ! ? ؟ …`` and runs such as ``?!``, ``؟!``), with the
  closing quotes and brackets that follow it (``" ” » ' ) ] }``), when whitespace follows;
* at every line break (a headline, dateline, caption or list item needs no final
  punctuation), so also at every paragraph break.

A dot does not end a sentence when it belongs to a number, a date, a time, a URL, an
e-mail address, a file name or a version (no space follows it: ``3.5``, ``2.12.2025``,
``www.bbc.com``), to an abbreviation listed in ``data/abbreviations.txt`` (``د.``,
``ق.م.``, ``Dr.``, ``U.S.``), to a single-letter initial (``ج. و. بوش``), to a dotted
letter group (``أ.د.``, ``Ph.D.``), or to a list number at the start of a line
(``1. البند الأول``), or to an acronym spelled with spaced dots (``بي . آوت . كيو``).

An ellipsis (``…``, ``..`` or ``...``) followed by more words on the same line is a pause,
unless a new sentence visibly starts after it: a sentence-opening word (``هل``, ``إن``,
``لقد``, ``فلا``, ``وقال``…, listed in ``data/sentence_cues.txt``), a first-person future
verb (``سأخرج``) or a one-word question (``... حقا؟``). Inside quoted speech that runs to
the end of its sentence, ``..`` is written as a full stop and ends a sentence
(``"لم يقدم لي أي شيء.. ذهبت إلى الخارج".``). ``!``, ``?`` and ellipses followed by a
relative pronoun (``94!! والذي``) continue the sentence, and an ellipsis set apart after
``!!`` (``!! ...``) belongs to the run. A ``?``/``!``/ellipsis that closes a quotation or a
bracket opened in the middle of a sentence (``سأل "لماذا؟" ثم غادر``) does not end the
enclosing sentence, and neither does a quotation followed by a reporting word
(``"هل ستأتي؟" سأل أحمد``). Invisible direction marks around punctuation are transparent
(``د‪.‬ ديفيد``). Commas, semicolons and colons never end a sentence, and neither does any
punctuation followed by a comma, a closing bracket or a lower-case Latin word.

Every sentence satisfies ``text[s.start:s.end] == s.text``, has no leading or trailing
whitespace, and every character of the input that is not whitespace lies in exactly one
sentence (a stretch made only of invisible marks joins the sentence before it). The work is
linear in the length of the text.

>>> for s in split_sentences("قال د. أحمد إن النمو بلغ 3.5 في المائة. وأضاف: لا."):
...     print(s.text)
قال د. أحمد إن النمو بلغ 3.5 في المائة.
وأضاف: لا.
>>> print(" | ".join(s.text for s in split_sentences("«هل انتهى؟» سأل. نعم!\\nعاجل\\n\\nفقرة")))
«هل انتهى؟» سأل. | نعم! | عاجل | فقرة
>>> print(" | ".join(s.text for s in split_sentences('قال: "تعبنا.. سنعود". وغادر… إلى بيته.')))
قال: "تعبنا.. | سنعود". | وغادر… إلى بيته.
>>> split_sentences("مرحبا. أهلا")
[Sentence(text='مرحبا.', start=0, end=6), Sentence(text='أهلا', start=7, end=11)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from arnews._resources import read_lines
from arnews._validation import ensure_text
from arnews.chars import INVISIBLE
from arnews.types import Sentence

__all__ = ["Abbreviations", "SegmentConfig", "load_abbreviations", "split_sentences"]

_FINAL = ".!?؟…‼⁇⁈⁉⸮۔"
"""Characters that can end a sentence."""
_STRONG = "!?؟‼⁇⁈⁉⸮"
"""Final characters that end a sentence whatever word precedes them."""
_CLOSERS = "\"'”’»›)]}﴾"
"""Closing quotes and brackets that stay with the sentence they close."""
_OPENERS = "\"'“‘«‹([{﴿"
_QUOTES = "\"'”’»›"
_MATCHING_OPENER = {
    '"': '"',
    "'": "'",
    "”": "“",
    "’": "‘",
    "»": "«",
    "›": "‹",
    ")": "(",
    "]": "[",
    "}": "{",
    "﴾": "﴿",
}
_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_NO_START = "،,;؛:" + _CLOSERS.replace('"', "").replace("'", "") + _FINAL
"""A sentence never starts with one of these: punctuation before them ends nothing (straight
quotes open as often as they close, so they are not here)."""
_BULLETS = "•·▪▫‣◦○●■□►▶➢✓✔-–—*"
_TATWEEL = "\u0640"
_LOOKBACK = 64
"""How far back (in characters) the word before a dot is read: longer words are not
abbreviations, which keeps the work per dot constant."""
_QUOTE_WINDOW = 400
"""How far back the opening quote or bracket of an embedded quotation is looked for."""


@dataclass(frozen=True, slots=True)
class SegmentConfig:
    """Options of :func:`split_sentences`.

    ``abbreviations`` adds entries to the packaged list (written with their dots, e.g.
    ``"ك.م."``); ``split_lines=False`` treats a single line break inside a paragraph as a
    space (for hard-wrapped text): a blank line and a bulleted line still start a new
    sentence.

    >>> SegmentConfig(abbreviations=frozenset({"ك.م."})).split_lines
    True
    >>> SegmentConfig(abbreviations={"ك.م."})
    Traceback (most recent call last):
    TypeError: abbreviations must be a frozenset of str, not set
    """

    abbreviations: frozenset[str] = field(default_factory=frozenset)
    split_lines: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.abbreviations, frozenset) or not all(
            isinstance(a, str) for a in self.abbreviations
        ):
            kind = type(self.abbreviations).__name__
            raise TypeError(f"abbreviations must be a frozenset of str, not {kind}")
        if not isinstance(self.split_lines, bool):
            raise TypeError(f"split_lines must be bool, not {type(self.split_lines).__name__}")


@dataclass(frozen=True, slots=True)
class Abbreviations:
    """The abbreviation list in use: entries with their dots, and the flagged subsets."""

    plain: frozenset[str]
    lower: frozenset[str]
    after_number: frozenset[str]
    letters: frozenset[str]
    """Spelled Latin letters (``سي``, ``إن``), without their dot."""


DEFAULT_CONFIG = SegmentConfig()


@cache
def _scanner() -> re.Pattern[str]:
    """A final-punctuation run (with closers and invisible marks) or one line break."""
    final = re.escape(_FINAL)
    tail = re.escape(_FINAL + _CLOSERS + INVISIBLE)
    breaks = re.escape(_LINE_BREAKS)
    return re.compile(f"(\\r\\n|[{breaks}])|[{final}][{tail}]*")


@cache
def _dotted_letters() -> re.Pattern[str]:
    """Letter groups of one or two letters joined by dots: أ.د, U.S.A, Ph.D, تي.آى."""
    letters = r"[^\W\d_]\u0640?"
    return re.compile(f"(?:{letters}){{1,2}}(?:\\.(?:{letters}){{1,2}})+")


@cache
def _number_then_letters() -> re.Pattern[str]:
    """A number with a unit or era glued to it: 1950م, 1441هـ, 300ق.م."""
    return re.compile(r"\d[\d.,٫٬]*(\D+)")


@dataclass(frozen=True, slots=True)
class _Cues:
    """The word lists of ``data/sentence_cues.txt``, by role."""

    openers: frozenset[str]
    reporting: frozenset[str]
    continuing: frozenset[str]
    prefixes: tuple[str, ...]

    def opens(self, word: str) -> bool:
        """Whether ``word`` starts a new sentence after an ellipsis."""
        return word in self.openers or any(
            word.startswith(p) and len(word) >= len(p) + 2 for p in self.prefixes
        )


@cache
def _cues() -> _Cues:
    """Read ``data/sentence_cues.txt`` (once)."""
    roles: dict[str, set[str]] = {"opener": set(), "reporting": set(), "continuing": set()}
    prefixes: list[str] = []
    for line in read_lines("sentence_cues.txt"):
        word, _, role = line.partition(" ")
        if role.strip() == "prefix":
            prefixes.append(word)
        else:
            roles[role.strip()].add(word)
    return _Cues(
        frozenset(roles["opener"]),
        frozenset(roles["reporting"]),
        frozenset(roles["continuing"]),
        tuple(prefixes),
    )


@cache
def _line_break() -> re.Pattern[str]:
    return re.compile(f"[{re.escape(_LINE_BREAKS)}]")


@cache
def _quote_marks() -> re.Pattern[str]:
    return re.compile('["«»“”]')


@cache
def load_abbreviations(extra: frozenset[str] = frozenset()) -> Abbreviations:
    """Read ``data/abbreviations.txt`` (once) and add ``extra`` entries.

    >>> abbr = load_abbreviations()
    >>> "د." in abbr.plain, "ق.م." in abbr.after_number, "e.g." in abbr.lower
    (True, True, True)
    """
    plain: set[str] = set()
    flagged: dict[str, set[str]] = {"after-number": set(), "letter": set()}
    for line in read_lines("abbreviations.txt"):
        entry, _, flag = line.partition(" ")
        plain.add(entry)
        if flag.strip() in flagged:
            flagged[flag.strip()].add(entry)
    plain.update(extra)
    lower = {e for e in plain if e == e.lower() and e != e.upper()}
    letters = {e.rstrip(".") for e in flagged["letter"]}
    return Abbreviations(
        frozenset(plain), frozenset(lower), frozenset(flagged["after-number"]), frozenset(letters)
    )


def split_sentences(text: str, config: SegmentConfig = DEFAULT_CONFIG) -> list[Sentence]:
    """Split ``text`` into sentences; each one's offsets index ``text``.

    >>> def show(text):
    ...     print(" | ".join(s.text for s in split_sentences(text)))
    >>> show("ولد عام 1950م. ودرس في ق.م. ثم رحل… إلى باريس.")
    ولد عام 1950م. | ودرس في ق.م. ثم رحل… إلى باريس.
    >>> show("Mr. Smith met U.S. officials. They left!")
    Mr. Smith met U.S. officials. | They left!
    >>> split_sentences("")
    []
    """
    text = ensure_text(text, "text")
    if not isinstance(config, SegmentConfig):
        raise TypeError(f"config must be SegmentConfig, not {type(config).__name__}")
    if not text:
        return []
    cuts = _find_cuts(text, config)
    return _assemble(text, cuts)


def _find_cuts(text: str, config: SegmentConfig) -> list[int]:
    """Offsets where a sentence ends (the next one starts after the whitespace there)."""
    abbreviations = load_abbreviations(config.abbreviations)
    cuts: list[int] = []
    line_start = 0
    sentence_start = 0
    quote = _Quote()
    for match in _scanner().finditer(text):
        if match.group(1) is not None:
            end = match.end()
            if config.split_lines or _starts_block(text, end):
                cuts.append(match.start())
                sentence_start = end
            line_start = end
            quote = _Quote(seen=end)
            continue
        start, end = match.span()
        if _ends_sentence(
            text, _Place(start, end, line_start, sentence_start, quote), abbreviations
        ):
            cuts.append(end)
            sentence_start = end
    return cuts


@dataclass(slots=True)
class _Quote:
    """The quotation open on the current line, read lazily up to where it is asked about
    (one level: a quote inside it is ignored)."""

    seen: int = 0
    """Offset up to which the quotation marks have been read."""
    closer: str = ""
    """The mark that closes the open quotation; empty when none is open."""

    def track(self, text: str, upto: int) -> None:
        """Read the quotation marks of ``text[seen:upto]`` (each character once in all)."""
        for mark in _quote_marks().finditer(text, self.seen, upto):
            char = mark.group()
            if not self.closer:
                self.closer = {"«": "»", "“": "”", '"': '"'}.get(char, "")
            elif char == self.closer or (char == "“" and self.closer == "”"):
                self.closer = ""  # “…“ is also written
        self.seen = max(self.seen, upto)


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a final-punctuation run stands: its span, its line, its sentence, its quote."""

    start: int
    end: int
    line_start: int
    sentence_start: int
    quote: _Quote


def _starts_block(text: str, after: int) -> bool:
    """Whether a paragraph break or a bulleted line begins at the line break before ``after``."""
    i = after
    n = len(text)
    while i < n and text[i].isspace():
        if text[i] in _LINE_BREAKS:
            return True
        i += 1
    return i < n and text[i] in _BULLETS


def _ends_sentence(text: str, at: _Place, abbreviations: Abbreviations) -> bool:
    """Whether the final-punctuation run ``text[at.start:at.end]`` ends a sentence."""
    start, end, line_start = at.start, at.end, at.line_start
    n = len(text)
    if end < n and not text[end].isspace():
        # 3.5, www.bbc.com, "end.Next": no space, no end; but "لماذا؟ولكن" is a typo
        return _is_arabic_letter(text[end]) and any(c in _STRONG for c in text[start:end])
    nxt = end
    while nxt < n and text[nxt].isspace() and text[nxt] not in _LINE_BREAKS:
        nxt += 1
    if nxt < n and text[nxt] not in _LINE_BREAKS:
        following = text[nxt]
        word = _word_at(text, nxt)
        if following in _NO_START or following.islower():
            return False
        if following.isdigit() and text[max(0, start - 3) : start].rstrip()[-1:].isdigit():
            return False  # a list of numbers: 82 . 87 . 2001
    else:
        return True  # the line or the text ends here
    run = text[start:end]
    marks = run.rstrip(_CLOSERS + INVISIBLE)
    closers = run[len(marks) :].strip(INVISIBLE)
    cues = _cues()
    if closers and closers[-1] in _QUOTES and word in cues.reporting:
        return False  # «هل ستأتي؟» سأل أحمد
    strong = any(c in _STRONG for c in marks) or _after_strong(text, start, line_start)
    if strong or "…" in marks or marks.count(".") > 1:
        if word in cues.continuing:
            return False  # 94!! والذي ... (a full stop is the writer's: "Wi-Fi. حيث")
        if closers:
            return not _closes_embedded(text, start, at.sentence_start, closers[-1])
        # an ellipsis followed by more words on the line is a pause, unless a new
        # sentence visibly starts after it, or it is a ".." inside quoted speech that
        # ends its sentence (where ".." is written as a full stop)
        if strong or cues.opens(word) or _is_short_question(text, nxt):
            return True
        if marks.strip(INVISIBLE) != "..":
            return False
        at.quote.track(text, start)
        return bool(at.quote.closer) and _quote_ends_sentence(text, end, at.quote.closer)
    return _dot_ends_sentence(text, start, line_start, abbreviations)


def _quote_ends_sentence(text: str, end: int, closer: str) -> bool:
    """Whether the quotation open at ``end`` runs to the end of its sentence.

    It does when ``closer`` does not close it on this line (within a window), or when final
    punctuation or the end of the line follows its closing mark; it does not when more of
    the sentence follows (``"...السعوديات.. كل على حسب قدرته"، قال``).
    """
    stop = min(len(text), end + _QUOTE_WINDOW)
    at = text.find(closer, end, stop)
    if at < 0 or _line_break().search(text, end, at):
        return True
    rest = text[at + 1 : at + 33].lstrip(_CLOSERS + INVISIBLE)
    following = rest.lstrip()
    return (
        not following
        or rest[0] in _FINAL
        or bool(_line_break().search(rest, 0, len(rest) - len(following)))
    )


def _after_strong(text: str, start: int, line_start: int) -> bool:
    """Whether spaces and a ``!``/``?`` run come right before ``start`` (``!! ...``)."""
    before = text[max(line_start, start - 4) : start]
    return before[-1:].isspace() and before.rstrip()[-1:] in tuple(_STRONG)


def _is_short_question(text: str, at: int) -> bool:
    """Whether a one-word question starts at ``at`` (``... حقا؟``)."""
    words = text[at : at + 24].split(maxsplit=1)
    if not words:
        return False
    word = words[0].lstrip(_OPENERS)
    bare = word.rstrip(_FINAL + _CLOSERS + INVISIBLE)
    return bool(bare) and bare.isalpha() and word[len(bare) : len(bare) + 1] in ("?", "؟")


def _word_at(text: str, at: int) -> str:
    """The word starting at ``at``, without quotes before it or punctuation after it."""
    words = text[at : at + 32].split(maxsplit=1)
    if not words:
        return ""
    return words[0].lstrip(_OPENERS + INVISIBLE).rstrip(_NO_START + _CLOSERS + INVISIBLE)


def _is_arabic_letter(char: str) -> bool:
    """Whether ``char`` is a letter of the Arabic block (U+0621–U+064A, U+0671–U+06D3)."""
    return "\u0621" <= char <= "\u064a" or "\u0671" <= char <= "\u06d3"


def _closes_embedded(text: str, start: int, sentence_start: int, closer: str) -> bool:
    """Whether ``closer`` closes a quotation or bracket opened inside the sentence."""
    opener = _MATCHING_OPENER.get(closer)
    if opener is None:
        return False
    lo = max(sentence_start, start - _QUOTE_WINDOW)
    at = text.rfind(opener, lo, start)
    if at < 0:
        return False
    before = text[max(sentence_start, at - _LOOKBACK) : at]
    return bool(before.strip().strip(INVISIBLE + _BULLETS).strip())


def _dot_ends_sentence(text: str, dot: int, line_start: int, abbreviations: Abbreviations) -> bool:
    """Whether a single dot at ``dot`` (followed by whitespace) ends a sentence."""
    lo = max(line_start, dot - _LOOKBACK)
    window = text[lo:dot]
    if not window or window[-1].isspace():
        # "في عام 2017 . وقال": a dot set apart by a space, unless it spells out an
        # acronym letter by letter ("بي . آوت . كيو")
        return not _in_spaced_acronym(text, dot, line_start)
    words = window.split()
    word = words[-1]
    if len(words) == 1 and lo > line_start and not (window[0].isspace() or text[lo - 1].isspace()):
        return True  # a word longer than any abbreviation
    word_start = dot - len(word)
    core = "".join(c for c in word if c not in INVISIBLE)
    core = core[max(core.rfind(o) for o in _OPENERS) + 1 :]  # مدارس"St. → St
    if not core:
        return True
    glued = _number_then_letters().fullmatch(core)
    if glued is not None and glued.group(1) + "." in abbreviations.after_number:
        return True  # 1950م. / 1441هـ.
    entry = core + "."
    if entry in abbreviations.plain or entry.lower() in abbreviations.lower:
        if entry in abbreviations.after_number:
            return _follows_number(text, word_start, line_start)
        if core in abbreviations.letters:
            return not _next_to_letter(text, word_start, dot, line_start, abbreviations.letters)
        return False
    bare = core.rstrip(_TATWEEL)
    if len(bare) == 1 and bare.isalpha():
        return False  # an initial: ج. و. بوش
    if _dotted_letters().fullmatch(core):
        return False  # أ.د. / U.S.A. / Ph.D.
    # "1. " numbering a list item, at the start of a line or after a sentence
    return not (core.isdigit() and len(core) <= 3 and _starts_item(text, line_start, word_start))


def _in_spaced_acronym(text: str, dot: int, line_start: int) -> bool:
    """Whether the spaced dot at ``dot`` joins short words in a chain ``ب . آ . ك``."""
    before = text[max(line_start, dot - 16) : dot].split()
    after = text[dot + 1 : dot + 16].split()
    if not before or not after:
        return False
    left = before[-1].lstrip(_OPENERS)
    right = after[0].rstrip(_CLOSERS + _NO_START)
    if not (_is_short_word(left) and _is_short_word(right)):
        return False
    chained_after = len(after) > 1 and after[1] == "."
    chained_before = (
        len(before) > 2 and before[-2] == "." and _is_short_word(before[-3].lstrip(_OPENERS))
    )
    return chained_after or chained_before


def _is_short_word(word: str) -> bool:
    """Whether ``word`` is one to three letters (an acronym letter spelled out)."""
    return 0 < len(word) <= 3 and word.isalpha()


def _next_to_letter(
    text: str, word_start: int, dot: int, line_start: int, letters: frozenset[str]
) -> bool:
    """Whether a spelled letter follows the dot, or a dotted spelled letter precedes the word."""
    after = text[dot + 1 : dot + 24].split(maxsplit=1)
    if after and after[0].lstrip(_OPENERS).rstrip(_NO_START + _CLOSERS) in letters:
        return True
    before = text[max(line_start, word_start - 12) : word_start].rstrip()
    if not before.endswith("."):
        return False
    words = before[:-1].split()
    return bool(words) and words[-1].lstrip(_OPENERS) in letters


def _follows_number(text: str, word_start: int, line_start: int) -> bool:
    """Whether a number (then optional spaces) comes right before ``word_start``."""
    i = word_start - 1
    while i >= line_start and i > word_start - 4 and text[i] in " \t\u00a0":
        i -= 1
    return i >= line_start and text[i].isdigit()


def _starts_item(text: str, line_start: int, word_start: int) -> bool:
    """Whether ``word_start`` opens a list item: only spaces or a bullet before it on its
    line, or the end of a sentence just before it (``... السحابية. 12. ناشونال``)."""
    before = text[max(line_start, word_start - 8) : word_start].rstrip()
    if not before.strip(_BULLETS).strip() and word_start - line_start <= 8:
        return True
    return bool(before) and before[-1] in _FINAL + _CLOSERS + INVISIBLE


def _assemble(text: str, cuts: list[int]) -> list[Sentence]:
    """Turn cut offsets into trimmed sentences; invisible-only stretches join a neighbour."""
    spans: list[list[int]] = []
    pending_start = -1  # an invisible-only stretch before the first real sentence
    prev = 0
    for cut in [*cuts, len(text)]:
        if cut <= prev:
            continue
        chunk = text[prev:cut]
        body = chunk.strip()
        if body:
            start = prev + (len(chunk) - len(chunk.lstrip()))
            end = start + len(body)
            if body.strip(INVISIBLE).strip():
                if pending_start >= 0:
                    start, pending_start = pending_start, -1
                spans.append([start, end])
            elif spans:
                spans[-1][1] = end
            elif pending_start < 0:
                pending_start = start
        prev = cut
    if pending_start >= 0:
        spans.append([pending_start, len(text.rstrip())])
    return [Sentence(text[start:end], start, end) for start, end in spans]
