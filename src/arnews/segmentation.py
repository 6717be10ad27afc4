"""Split Arabic (and mixed Arabic–Latin) news text into sentences, as offset spans.

:func:`split_sentences` reads the text once, left to right, and cuts it:

* after a run of final punctuation (``. ! ? ؟ …`` and runs such as ``?!``, ``؟!``), with the
  closing quotes and brackets that follow it (``" ” » ' ) ] }``), when whitespace follows;
* at every line break (a headline, dateline, caption or list item needs no final
  punctuation), so also at every paragraph break, except a single line break after a line
  that stops mid-sentence (a final comma or ``في``, ``من``, ``و``…) before a line that does
  not start a sentence.

A dot does not end a sentence when it belongs to a number, a date, a time, a URL, an
e-mail address, a file name or a version (no space follows it: ``3.5``, ``2.12.2025``,
``www.bbc.com``); glued to the next Arabic word it does (``أمس.وأضاف``), unless the words
around it are an abbreviation, an initial or the letters of an acronym (``د.أحمد``,
``سي.إن.إن``). Nor does it end one when it belongs to an abbreviation listed in
``data/abbreviations.txt`` (``د.``, ``ق.م.``, ``Dr.``, ``U.S.``), to a single-letter
initial (``ج. و. بوش``), to a dotted letter group (``أ.د.``, ``Ph.D.``), to a list number
at the start of a line (``1. البند الأول``), or to an acronym spelled with spaced dots
(``بي . آوت . كيو``).

An ellipsis (``…``, ``..`` or ``...``) followed by more words on the same line is a pause,
unless a new sentence visibly starts after it: a sentence-opening word (``هل``, ``إن``,
``لقد``, ``فلا``, ``وقال``…, listed in ``data/sentence_cues.txt``), ``و`` + a verb
(``ارتفعت الأسعار.. ويرى خبراء``), a first-person future verb (``سأخرج``), a one-word
question (``... حقا؟``) or a word glued to it (``ضدّي..تصرّفت``; ``SegmentConfig.double_dot``
sets how ``..`` is read where outlets disagree). Inside quoted speech that runs to
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
from typing import Literal, get_args

from arnews._resources import read_lines
from arnews._validation import ensure_text
from arnews.chars import DIACRITICS, INVISIBLE, TATWEEL
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
_LOOKBACK = 64
"""How far back (in characters) the word before a dot is read: longer words are not
abbreviations, which keeps the work per dot constant."""
_QUOTE_WINDOW = 400
"""How far back the opening quote or bracket of an embedded quotation is looked for."""
DoubleDot = Literal["auto", "stop", "pause"]
"""How ``..`` followed by more words is read (:attr:`SegmentConfig.double_dot`)."""
_DOUBLE_DOT_MODES: tuple[str, ...] = get_args(DoubleDot)
_AFTER_CLOSING_QUOTE = ".،,؛;:!?؟…)]}»”"
"""A straight quote followed by one of these closes a quotation; it never opens one."""
_VERB_PREFIXES = "أتينس"
"""After ``و``, the first letter of an imperfect verb (``ويرى``, ``وتابع``, ``ونفى``), of a
first-person or causative past verb (``وأعلنت``) or of a future (``وسنناضل``)."""


@dataclass(frozen=True, slots=True)
class SegmentConfig:
    """Options of :func:`split_sentences`.

    ``abbreviations`` adds entries to the packaged list (written with their dots, e.g.
    ``"ك.م."``); ``split_lines=False`` treats a single line break inside a paragraph as a
    space (for hard-wrapped text): a blank line and a bulleted line still start a new
    sentence. ``join_wrapped_lines`` (on by default) joins a line that visibly stops
    mid-sentence (after a comma or a word such as ``في``, ``من``, ``و``) to the next one,
    unless that line starts a sentence; it matters only when ``split_lines`` is on.
    ``double_dot`` says what ``..`` followed by more words means, where outlets disagree:
    ``"auto"`` (default) weighs what follows (a sentence opener, ``و`` + verb, a quotation
    that runs to the end of its sentence, a word glued to the dots), ``"stop"`` reads it as
    a full stop (much Gulf, Levant and Maghreb news), ``"pause"`` as an ellipsis.

    >>> SegmentConfig(abbreviations=frozenset({"ك.م."})).split_lines
    True
    >>> SegmentConfig(abbreviations={"ك.م."})
    Traceback (most recent call last):
    TypeError: abbreviations must be a frozenset of str, not set
    >>> SegmentConfig(double_dot="full")
    Traceback (most recent call last):
    ValueError: double_dot must be one of 'auto', 'stop', 'pause', not 'full'
    """

    abbreviations: frozenset[str] = field(default_factory=frozenset)
    split_lines: bool = True
    join_wrapped_lines: bool = True
    double_dot: DoubleDot = "auto"

    def __post_init__(self) -> None:
        if not isinstance(self.abbreviations, frozenset) or not all(
            isinstance(a, str) for a in self.abbreviations
        ):
            kind = type(self.abbreviations).__name__
            raise TypeError(f"abbreviations must be a frozenset of str, not {kind}")
        for name in ("split_lines", "join_wrapped_lines"):
            value = getattr(self, name)
            if not isinstance(value, bool):
                raise TypeError(f"{name} must be bool, not {type(value).__name__}")
        if self.double_dot not in _DOUBLE_DOT_MODES:
            modes = ", ".join(repr(m) for m in _DOUBLE_DOT_MODES)
            raise ValueError(f"double_dot must be one of {modes}, not {self.double_dot!r}")


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
    wrapping: frozenset[str]

    def opens(self, word: str) -> bool:
        """Whether ``word`` starts a new sentence after an ellipsis."""
        return word in self.openers or any(
            word.startswith(p) and len(word) >= len(p) + 2 for p in self.prefixes
        )

    def goes_on(self, word: str) -> bool:
        """Whether ``word`` continues the sentence before it (a relative, a reporting word)."""
        return word in self.continuing or word in self.reporting


@cache
def _cues() -> _Cues:
    """Read ``data/sentence_cues.txt`` (once)."""
    roles: dict[str, set[str]] = {
        "opener": set(),
        "reporting": set(),
        "continuing": set(),
        "wrapping": set(),
    }
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
        frozenset(roles["wrapping"]),
    )


@cache
def _drop_invisible() -> dict[int, None]:
    """A ``str.translate`` table that deletes the invisible marks."""
    return dict.fromkeys(map(ord, INVISIBLE))


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
            if _line_break_ends(text, match.start(), end, line_start, config):
                cuts.append(match.start())
                sentence_start = end
                quote = _Quote(seen=end)
            line_start = end
            continue
        start, end = match.span()
        end = _spaced_closers_end(text, start, end)
        place = _Place(start, end, line_start, sentence_start, quote)
        if _ends_sentence(text, place, abbreviations, config):
            cuts.append(end)
            sentence_start = end
    return cuts


def _spaced_closers_end(text: str, start: int, end: int) -> int:
    """The end of a ``!``/``?`` run, with the closing brackets and quotes set apart from it
    by a space or two (``!! )``, ``؟ »``) when whitespace follows them; else ``end``."""
    ahead = text[end : end + 3].lstrip(" \t\u00a0")
    if not ahead or ahead[0] not in _CLOSERS or ahead == text[end : end + 3]:
        return end  # the usual case: no bracket or quote set apart after the run
    if not any(c in _STRONG for c in text[start:end]):
        return end
    n = len(text)
    j = end
    while j < n and j < end + 2 and text[j] in " \t\u00a0":
        j += 1
    if j in (end, n) or text[j] not in _CLOSERS or text[j] in "\"'":
        return end
    k = j
    while k < n and text[k] in _CLOSERS:
        k += 1
    return k if k == n or text[k].isspace() else end


def _line_break_ends(
    text: str, brk: int, after: int, line_start: int, config: SegmentConfig
) -> bool:
    """Whether the line break ``text[brk:after]`` ends a sentence.

    A blank line or a bulleted line always does. Otherwise it does when ``split_lines`` is on,
    unless ``join_wrapped_lines`` is on too and the line visibly stops mid-sentence: it ends
    with a comma or a word that cannot end a sentence (``wrapping`` in
    ``data/sentence_cues.txt``), and the next line does not start a sentence (an opener,
    ``و`` + verb, a list number).
    """
    if _starts_block(text, after):
        return True
    if not config.split_lines:
        return False
    if not config.join_wrapped_lines:
        return True
    words = text[max(line_start, brk - 24) : brk].split()
    last = words[-1].strip(INVISIBLE) if words else ""
    cues = _cues()
    if not last or (last[-1] not in "،," and last not in cues.wrapping):
        return True
    nxt = after
    while nxt < len(text) and text[nxt].isspace():
        nxt += 1
    if nxt == len(text) or text[nxt].isdigit():
        return True  # the text ends, or a list number or a figure starts the line
    word = _word_at(text, nxt)
    return cues.opens(word) or _starts_with_conjunction(word)


@dataclass(slots=True)
class _Quote:
    """The quotation open on the current line, read lazily up to where it is asked about
    (one level: a quote inside it is ignored)."""

    seen: int = 0
    """Offset up to which the quotation marks have been read."""
    closer: str = ""
    """The mark that closes the open quotation; empty when none is open."""

    def track(self, text: str, upto: int) -> None:
        """Read the quotation marks of ``text[seen:upto]`` (each character once in all).

        A straight quote after a non-space and before punctuation (``العلاقة".``) only
        closes; one after a space and before a word (``أن "الحس``) only opens; any other
        toggles. So one stray closing quote does not turn the rest of the line inside out.
        """
        for mark in _quote_marks().finditer(text, self.seen, upto):
            char = mark.group()
            if char == '"':
                at = mark.start()
                before = text[at - 1] if at else " "
                after = text[at + 1] if at + 1 < len(text) else "."
                closes_only = not before.isspace() and (
                    after in _AFTER_CLOSING_QUOTE or after in _LINE_BREAKS
                )
                opens_only = before.isspace() and not after.isspace()
                if self.closer == '"':
                    if not opens_only:
                        self.closer = ""
                elif not self.closer and not closes_only:
                    self.closer = '"'
            elif not self.closer:
                self.closer = {"«": "»", "“": "”"}.get(char, "")
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


def _ends_sentence(
    text: str, at: _Place, abbreviations: Abbreviations, config: SegmentConfig
) -> bool:
    """Whether the final-punctuation run ``text[at.start:at.end]`` ends a sentence."""
    start, end, line_start = at.start, at.end, at.line_start
    n = len(text)
    if end < n and not text[end].isspace():
        return _glued_ends(text, at, abbreviations, config)
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
        if following in _QUOTES and _blank_to_line_end(text, nxt + 1):
            return False  # a stray closing quote after the sentence: "… لها. \""
    else:
        return True  # the line or the text ends here
    run = text[start:end]
    marks = run.rstrip(_CLOSERS + INVISIBLE + " \t\u00a0")
    closers = "".join(c for c in run[len(marks) :] if c in _CLOSERS)
    cues = _cues()
    if closers and closers[-1] in _QUOTES and word in cues.reporting:
        return False  # «هل ستأتي؟» سأل أحمد
    if marks.strip(_FINAL + INVISIBLE):
        return True  # a closer inside the run: a full stop after it ("… والتنمية..". وكان)
    strong = any(c in _STRONG for c in marks) or _after_strong(text, start, line_start)
    if strong or "…" in marks or marks.count(".") > 1:
        if word in cues.continuing:
            return False  # 94!! والذي ... (a full stop is the writer's: "Wi-Fi. حيث")
        if closers:
            return not _closes_embedded(text, start, at.sentence_start, closers[-1])
        if strong or cues.opens(word) or _is_short_question(text, nxt):
            return True
        return _pause_ends(text, at, marks.strip(INVISIBLE) == "..", word, config)
    return _dot_ends_sentence(text, start, line_start, abbreviations, word)


def _pause_ends(text: str, at: _Place, double: bool, word: str, config: SegmentConfig) -> bool:
    """Whether an ellipsis followed by more words on the line (``word`` first) ends a sentence.

    In ``"stop"`` mode ``..`` always does (before a word that goes on with the sentence it
    does not). Otherwise an ellipsis inside a quotation that the sentence goes on after
    never does; ``..`` inside a quotation that runs to the end of its sentence is written as
    a full stop (``"auto"`` mode); and ``و`` + verb after any ellipsis starts a new sentence
    (``ارتفعت الأسعار.. ويرى خبراء``) except in ``"pause"`` mode.
    """
    cues = _cues()
    if double and config.double_dot == "stop":
        return not cues.goes_on(word)
    if config.double_dot == "pause" and double:
        return False
    at.quote.track(text, at.start)
    if at.quote.closer and not _quote_ends_sentence(text, at.end, at.quote.closer):
        return False
    if _starts_with_verb(word):
        return True
    return double and bool(at.quote.closer)


def _glued_ends(text: str, at: _Place, abbreviations: Abbreviations, config: SegmentConfig) -> bool:
    """Whether final punctuation glued to the next word ends a sentence (``أمس.وأضاف``).

    Only before an Arabic letter (``3.5``, ``www.bbc.com`` and ``end.Next`` never end one),
    and not before a word that goes on with the sentence (``؟؟والتي``, ``..مضيفا``). A
    ``!``/``?`` run always does; an ellipsis does before an opener or ``و`` + verb, and
    otherwise unless it lies inside a quotation that the sentence goes on after (``..`` in
    ``"pause"`` mode: only before an opener; in ``"stop"`` mode always); a single dot does
    between two words that are neither an abbreviation nor a letter of an acronym
    (``سي.إن.إن``, ``د.أحمد``, ``م.د``).
    """
    start, end = at.start, at.end
    if not _is_arabic_letter(text[end]):
        return False
    word = _word_at(text, end)
    cues = _cues()
    if cues.goes_on(word):
        return False
    marks = text[start:end].strip(INVISIBLE)
    if any(c in _STRONG for c in marks):
        return True  # "لماذا؟ولكن" is a typo
    if marks.count(".") > 1 or "…" in marks:
        if marks == ".." and config.double_dot != "auto":
            return config.double_dot == "stop" or cues.opens(word)
        if cues.opens(word) or _starts_with_verb(word):
            return True
        at.quote.track(text, start)
        return not at.quote.closer or _quote_ends_sentence(text, end, at.quote.closer)
    if marks != ".":
        return False
    return _glued_dot_ends(text, start, at.line_start, abbreviations)


def _glued_dot_ends(text: str, dot: int, line_start: int, abbreviations: Abbreviations) -> bool:
    """Whether a single dot glued to an Arabic word at ``dot + 1`` ends a sentence."""
    n = len(text)
    j = dot + 1
    stop = min(n, j + _LOOKBACK)
    while j < stop and _is_word_char(text[j]):
        j += 1
    follow = text[dot + 1 : j]
    if j < stop and text[j] == ".":
        return False  # another dot: a dotted acronym or a domain (بي.بي.أس)
    if len(follow) < 3 and not (follow in ("و", "ف") and j < n and text[j].isspace()):
        return False  # محمد.ر / أم.ب
    prev = text[dot - 1] if dot > line_start else " "
    if prev in _CLOSERS or prev.isdigit():
        return True  # "… المجلس".واعتبر" / "… عام 2017.وقال"
    i = dot
    while i > max(line_start, dot - _LOOKBACK) and _is_word_char(text[i - 1]):
        i -= 1
    before = text[i:dot]
    chained = i > line_start and text[i - 1] in ".@"
    if chained and before.isascii():
        return True  # a web address or an e-mail address: "… www.jawhara.tn.وأضاف"
    if len(before.rstrip(TATWEEL)) < 3 or chained:
        return False  # د.أحمد / م.د / أ.د.محمد
    return before + "." not in abbreviations.plain


def _is_word_char(char: str) -> bool:
    """A letter, an Arabic diacritic or a tatweel."""
    return char.isalpha() or char in DIACRITICS or char == TATWEEL


def _starts_with_conjunction(word: str) -> bool:
    """Whether ``word`` is ``و`` or ``ف`` glued to a word that is not a definite noun
    (``ووصف``, ``وأوضح``; not ``والنواب``): the start of a new clause at the start of a line."""
    return len(word) >= 3 and word[0] in "وف" and not word.startswith(("وال", "فال"))


def _starts_with_verb(word: str) -> bool:
    """Whether ``word`` looks like ``و`` + verb (``ويرى``, ``وأعلنت``, ``وسنناضل``), which
    opens a news sentence after an ellipsis (not ``وسط``, ``وأن``: too short or listed as
    continuing)."""
    return len(word) >= 4 and word[0] == "و" and word[1] in _VERB_PREFIXES


def _blank_to_line_end(text: str, at: int) -> bool:
    """Whether only spaces (at most a few) lie between ``at`` and the end of its line."""
    stop = min(len(text), at + 8)
    i = at
    while i < stop and text[i].isspace() and text[i] not in _LINE_BREAKS:
        i += 1
    return i == len(text) or text[i] in _LINE_BREAKS


def _quote_ends_sentence(text: str, end: int, closer: str) -> bool:
    """Whether the quotation open at ``end`` runs to the end of its sentence.

    It does when ``closer`` does not close it on this line (within a window), or when final
    punctuation or the end of the line follows its closing mark; it does not when more of
    the sentence follows (``"...السعوديات.. كل على حسب قدرته"، قال``).
    """
    stop = min(len(text), end + _QUOTE_WINDOW)
    at = text.find(closer, end, stop)
    if at < 0 or _line_break().search(text, end, at) or text[at - 1] in _FINAL:
        return True  # unclosed on this line, or closed after final punctuation: «… لخبطة."»
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


def _dot_ends_sentence(
    text: str, dot: int, line_start: int, abbreviations: Abbreviations, following: str = ""
) -> bool:
    """Whether a single dot at ``dot`` (followed by whitespace, then the word ``following``)
    ends a sentence."""
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
    core = word.translate(_drop_invisible())
    core = core[max(map(core.rfind, _OPENERS)) + 1 :]  # مدارس"St. → St
    if not core:
        return True
    glued = _number_then_letters().fullmatch(core)
    if glued is not None and glued.group(1) + "." in abbreviations.after_number:
        return True  # 1950م. / 1441هـ.
    entry = core + "."
    if entry in abbreviations.plain or entry.lower() in abbreviations.lower:
        if entry in abbreviations.after_number:
            # a unit after a number ends a sentence, unless the sentence visibly goes on
            # ("… 355 م د. حسب أرقام الوزارة")
            return _follows_number(text, word_start, line_start) and not _cues().goes_on(following)
        if core in abbreviations.letters:
            return not _next_to_letter(text, word_start, dot, line_start, abbreviations.letters)
        return False
    bare = core.rstrip(TATWEEL)
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
    """Whether a number (then optional spaces, and at most one one-letter unit such as the
    ``م`` of ``2،9 م د.``) comes right before ``word_start``."""
    i = _skip_spaces_back(text, word_start - 1, line_start)
    if i >= line_start + 1 and text[i].isalpha() and text[i - 1] in " \t\u00a0":
        i = _skip_spaces_back(text, i - 1, line_start)
    return i >= line_start and text[i].isdigit()


def _skip_spaces_back(text: str, i: int, line_start: int) -> int:
    """The offset of the last non-space at or before ``i`` (at most three spaces back)."""
    stop = i - 3
    while i >= line_start and i > stop and text[i] in " \t\u00a0":
        i -= 1
    return i


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
