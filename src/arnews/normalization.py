"""Normalize Arabic text for search and NER without losing meaning, with an offset map.

`normalize` applies a fixed set of character rules chosen by a frozen
`NormalizeConfig`; keyword options override the config's fields.
`normalize_with_map` returns the same text together with, for every output
character, the index of the input character it came from (a `Normalized`), so
spans found on the normalized text can be pointed back into the original.

What the default does (each step has a flag that turns it off):

* ``fold_presentation_forms`` — Arabic presentation forms and ligatures (U+FB50–U+FDFF,
  U+FE70–U+FEFF) become base letters through NFKC applied to those characters only
  (``ﻻ`` → ``لا``, ``ﷲ`` → ``الله``, ``ﻷ`` → ``لأ`` keeps its hamza); the phrase
  ligatures NFKC leaves alone (``﷽``, ``﷾``, ``﷿``, ``﷏``) are spelled out, ``﷼`` becomes
  ``ريال``, and the isolated diacritic forms (``ﹰ``) lose the space NFKC puts before them.
* ``strip_diacritics`` — tashkeel is removed: tanwin, harakat, shadda, sukun (U+064B–U+065F),
  superscript alef U+0670, Quranic marks U+0610–U+061A and U+06D6–U+06ED (but not the
  symbols ``۞`` and ``۩``), and the Arabic Extended-A marks U+08CA–U+08FF. A hamza or madda
  written as a separate mark (U+0653–U+0655) after a letter is first merged into it, as
  Unicode canonical composition does, so ``ا`` + U+0654 becomes ``أ`` rather than ``ا``.
* ``strip_tatweel`` — the tatweel (kashida) U+0640 is removed.
* ``remove_invisible`` — zero-width and direction characters are removed: soft hyphen,
  ALM U+061C, U+180E, ZWSP/ZWNJ/ZWJ/LRM/RLM (U+200B–U+200F), bidi embeddings U+202A–U+202E,
  word joiner and invisible operators U+2060–U+2064, isolates and deprecated format
  characters U+2066–U+206F, and the BOM U+FEFF.
* ``fold_persian`` — Persian and Urdu look-alikes become the Arabic letter: ``ک ڪ`` → ``ك``,
  ``ی`` → ``ي``, ``ہ ە ھ`` → ``ه``, ``ۀ ۂ ۃ`` → ``ة``. Letters that are not look-alikes
  (``پ چ ژ گ ڤ``) are kept; ``ى`` stays ``ى``.
* ``normalize_whitespace`` — tabs, NBSP and every other Unicode space become a space, runs
  of spaces become one, each line is trimmed, ``\\r\\n`` and ``\\r`` become ``\\n``, at most
  one blank line is kept between paragraphs (three or more line breaks become two), and the
  text is trimmed at both ends. Line-separator characters (``\\v \\f``, U+001C–U+001E, NEL,
  U+2028) become ``\\n`` and U+2029 (paragraph separator) ``\\n\\n``; every other C0/C1
  control character becomes a space.

Off by default, because they change what a word says:

* ``unify_alef`` — ``أ إ آ ٱ`` (and the wavy-hamza alefs U+0672, U+0673) → ``ا``;
* ``unify_alef_maksura`` — ``ى`` → ``ي``;
* ``unify_teh_marbuta`` — ``ة`` → ``ه``;
* ``digits`` — ``"keep"``; ``"ascii"`` turns Arabic-Indic ``٠–٩`` and Persian ``۰–۹`` digits
  into ``0–9`` (and the Arabic decimal, thousands and percent signs ``٫ ٬ ٪`` into
  ``. , %``); ``"arabic"`` turns Persian digits into Arabic-Indic ones (ASCII digits are left
  alone: they also live in URLs, codes and Latin text);
* ``ascii_punctuation`` — ``، ؛ ؟`` → ``, ; ?``.

Lone surrogates, private-use characters and everything not named above pass through
unchanged; the result of `normalize` is a fixed point (``normalize(normalize(x)) ==
normalize(x)``) for every input and every config.

>>> normalize("العَرَبِيّـــة")
'العربية'
>>> normalize("ﻻ  ﻷ\\u00a0ﷲ")
'لا لأ الله'
>>> normalize("إلى مدرسة", unify_alef=True, unify_alef_maksura=True, unify_teh_marbuta=True)
'الي مدرسه'
>>> normalize("عام ٢٠١٨؟", digits="ascii", ascii_punctuation=True)
'عام 2018?'
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from functools import cache
from typing import Any, Literal

from arnews._validation import ensure_text
from arnews.chars import (
    ALEFS,
    ARABIC_INDIC_DIGITS,
    DIACRITICS,
    INVISIBLE,
    PERSIAN_DIGITS,
    TATWEEL,
    ranges_text,
)

__all__ = ["DigitsMode", "NormalizeConfig", "Normalized", "normalize", "normalize_with_map"]

DigitsMode = Literal["keep", "ascii", "arabic"]
"""What `normalize` does with digits: keep them, make them ASCII, or Arabic-Indic."""

_DIGITS_MODES = ("keep", "ascii", "arabic")


@dataclass(frozen=True, slots=True)
class NormalizeConfig:
    """Which normalization rules to apply; the default is safe for search and NER.

    See the module documentation for what each flag does. Keyword options given to
    `normalize` override these fields.

    >>> NormalizeConfig().unify_alef
    False
    >>> NormalizeConfig(digits="roman")
    Traceback (most recent call last):
    ValueError: digits must be one of 'keep', 'ascii', 'arabic', not 'roman'
    """

    strip_diacritics: bool = True
    strip_tatweel: bool = True
    remove_invisible: bool = True
    fold_presentation_forms: bool = True
    fold_persian: bool = True
    normalize_whitespace: bool = True
    unify_alef: bool = False
    unify_alef_maksura: bool = False
    unify_teh_marbuta: bool = False
    digits: DigitsMode = "keep"
    ascii_punctuation: bool = False

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "digits":
                if value not in _DIGITS_MODES:
                    allowed = ", ".join(repr(m) for m in _DIGITS_MODES)
                    raise ValueError(f"digits must be one of {allowed}, not {value!r}")
            elif not isinstance(value, bool):
                raise TypeError(f"{f.name} must be a bool, not {type(value).__name__}")


_OPTIONS = frozenset(f.name for f in fields(NormalizeConfig))
_DEFAULT = NormalizeConfig()


@dataclass(frozen=True)
class Normalized:
    """A normalized text and where each of its characters came from.

    ``offsets[i]`` is the index in ``source`` of the character that produced ``text[i]``
    (an ``array.array`` of ints, typecode ``"i"``: 4 bytes per character, ``"q"`` for texts
    of 2**31 characters or more; treat it as read-only). Characters produced by one source
    character (the letters of a ligature, the two line breaks of U+2029) share its index;
    a collapsed run of spaces points at its first space; a hamza merged into its letter
    points at the letter.

    >>> n = normalize_with_map("قالَ  ﻻ")
    >>> n.text, list(n.offsets)
    ('قال لا', [0, 1, 2, 4, 6, 6])
    >>> n.original_span(4, 5)  # the lam of the ligature: the whole ligature
    (6, 7)
    >>> n.original_span(0, 3)  # the word with its fatha
    (0, 4)
    """

    text: str
    offsets: array[int] = field(repr=False)
    source: str = field(repr=False)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span ``text[start:end]`` back to a half-open span of ``source``.

        The span starts where the first character's source starts and ends after the last
        character's source, including the diacritics and tatweel removed after it (and the
        whole run of collapsed whitespace after a space or line break). An empty span maps
        to an empty span at the source of the character at ``start`` (or the end of the
        source).

        >>> n = normalize_with_map("\\u200fمحمّد ﷺ")
        >>> n.text
        'محمد صلى الله عليه وسلم'
        >>> n.original_span(0, 4), n.original_span(5, 8)
        ((1, 6), (7, 8))
        """
        size = len(self.text)
        if not 0 <= start <= end <= size:
            raise ValueError(f"span ({start}, {end}) is not within 0..{size}")
        offsets, source = self.offsets, self.source
        if start == end:
            at = offsets[start] if start < size else len(source)
            return at, at
        limit = offsets[end] if end < size else len(source)
        stop = offsets[end - 1] + 1
        attached = _is_space_source if self.text[end - 1] in " \n" else _is_mark_source
        while stop < limit and attached(source[stop]):
            stop += 1
        return offsets[start], stop


def normalize(text: str, *, config: NormalizeConfig | None = None, **options: Any) -> str:
    """Return ``text`` normalized by ``config`` (the default if None) and ``options``.

    Args:
        text: any string; lone surrogates and control characters are handled, never fatal.
        config: the rules to apply; the default `NormalizeConfig()` when None.
        **options: fields of `NormalizeConfig` that override ``config``.

    Raises:
        TypeError: ``text`` is not a str, an option is not a config field, or a flag is not
            a bool.
        ValueError: ``digits`` is not one of ``"keep"``, ``"ascii"``, ``"arabic"``.

    >>> normalize("  السَّلامُ\\tعليكم \\r\\n\\r\\n\\r\\n\\u200bمرحباً ")
    'السلام عليكم\\n\\nمرحبا'
    >>> normalize("تـــونس", strip_tatweel=False)
    'تـــونس'
    >>> normalize("x", colour=True)
    Traceback (most recent call last):
    TypeError: normalize() got an unknown option 'colour'
    """
    text = ensure_text(text, "text")
    tables = _tables(_resolve(config, options, "normalize"))
    if tables.compose is not None and _has_mark(text):
        text = tables.compose.sub(tables.compose_text, text)
    if tables.changed is not None:
        text = _translate(text, tables)
    if tables.whitespace:
        if _needs_whitespace_pass(text):
            text = _WHITESPACE_RUN.sub(_whitespace_text, text)
        text = text.strip(" \n")
    return text


def normalize_with_map(
    text: str, *, config: NormalizeConfig | None = None, **options: Any
) -> Normalized:
    """Normalize like `normalize` and keep, for each output character, its source index.

    ``normalize_with_map(x, **o).text == normalize(x, **o)`` for every input.

    >>> n = normalize_with_map("هٰذا  الكِتابُ")
    >>> n.text
    'هذا الكتاب'
    >>> start, end = n.original_span(4, 10)
    >>> n.source[start:end]
    'الكِتابُ'
    """
    source = ensure_text(text, "text")
    tables = _tables(_resolve(config, options, "normalize_with_map"))
    text = source
    offsets = array(_typecode(len(source)), range(len(source)))
    if tables.compose is not None and _has_mark(text):
        text, offsets = _rewrite(text, offsets, tables.compose, tables.compose_piece)
    if tables.changed is not None:
        assert tables.changed_runs is not None
        text, offsets = _rewrite(text, offsets, tables.changed_runs, tables.translate_piece)
    if tables.whitespace:
        if _needs_whitespace_pass(text):
            text, offsets = _rewrite(text, offsets, _WHITESPACE_RUN, _whitespace_piece)
        body = text.strip(" \n")
        if len(body) != len(text):
            lead = len(text) - len(text.lstrip(" \n"))
            offsets = offsets[lead : lead + len(body)]
            text = body
    return Normalized(text, offsets, source)


# --------------------------------------------------------------------------- options


def _resolve(
    config: NormalizeConfig | None, options: dict[str, Any], caller: str
) -> NormalizeConfig:
    """Return the config to use: ``config`` (or the default) with ``options`` applied."""
    if config is None:
        config = _DEFAULT
    elif not isinstance(config, NormalizeConfig):
        raise TypeError(f"config must be a NormalizeConfig, not {type(config).__name__}")
    if not options:
        return config
    for name in options:
        if name not in _OPTIONS:
            raise TypeError(f"{caller}() got an unknown option {name!r}")
    return replace(config, **options)


# --------------------------------------------------------------------------- character sets

# The rules are our own tables rather than calls into camel-tools or pyarabic: importing
# camel_tools.utils costs ~400 ms, its normalize_unicode runs NFKC over the whole text and
# CharMapper('arclean') deletes every character it does not know (€, emoji); pyarabic's
# helpers each handle one rule (and normalize_alef is wrong for us, see ALEFS).
#
# Diacritics, tatweel, invisible controls, alef forms and digits: arnews.chars. Camel-tools'
# AR_DIAC_CHARSET and pyarabic's TASHKEEL hold only U+064B-U+0652 and U+0670, which leaves
# Quranic marks and the rarer vowel signs behind.
_HAMZA_MADDA_MARKS = "\u0653\u0654\u0655"
_PRESENTATION_RANGES = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
# Phrase ligatures NFKC does not decompose, and the rial sign, which NFKC spells with a
# Persian yeh (camel-tools' normalize_unicode makes the same two fixes for U+FDFC/U+FDFD).
_PHRASE_LIGATURES = {
    "\ufdcf": "سلامه علينا",
    "\ufdfc": "ريال",
    "\ufdfd": "بسم الله الرحمن الرحيم",
    "\ufdfe": "سبحانه وتعالى",
    "\ufdff": "عز وجل",
}
_PERSIAN = {
    "\u06a9": "\u0643",  # ک keheh -> ك
    "\u06aa": "\u0643",  # ڪ swash kaf -> ك
    "\u06cc": "\u064a",  # ی Farsi yeh -> ي (its final form looks like ى; it is still yeh)
    "\u06c1": "\u0647",  # ہ heh goal -> ه
    "\u06be": "\u0647",  # ھ heh doachashmee -> ه
    "\u06d5": "\u0647",  # ە ae -> ه
    "\u06c0": "\u0629",  # ۀ heh with yeh above -> ة
    "\u06c2": "\u0629",  # ۂ heh goal with hamza above -> ة
    "\u06c3": "\u0629",  # ۃ teh marbuta goal -> ة
}
# pyarabic's normalize_alef would also turn ى into ا (على -> علا): we map alefs only.
_SPACES = "\t\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_LINE_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028"


def _is_mark_source(char: str) -> bool:
    """True for a removed character that belongs to the letter before it."""
    return char == TATWEEL or unicodedata.category(char) in ("Mn", "Me") or char in "ۥۦ"


def _is_space_source(char: str) -> bool:
    """True for a character that a collapsed whitespace run may have swallowed."""
    return char.isspace() or unicodedata.category(char) == "Cc"


def _controls() -> dict[str, str]:
    """C0/C1 control characters other than tab, line feed and carriage return."""
    out = {}
    for cp in [*range(0x00, 0x20), *range(0x7F, 0xA0)]:
        char = chr(cp)
        if char not in "\t\n\r":
            out[char] = "\n" if char in _LINE_BREAKS else " "
    return out


def _presentation_forms() -> dict[str, str]:
    """NFKC of each presentation form that has one, restricted to those two blocks."""
    out = {}
    for char in ranges_text(_PRESENTATION_RANGES):
        folded = _PHRASE_LIGATURES.get(char) or unicodedata.normalize("NFKC", char)
        if folded == char:
            continue
        if len(folded) > 1 and folded[0] == " " and unicodedata.combining(folded[1]):
            folded = folded[1:]  # isolated diacritic form: the space is NFKC's, not the text's
        out[char] = folded
    return out


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class _Tables:
    """Everything one config needs at run time, built once per config."""

    chars: dict[int, str]
    by_char: dict[str, str]
    changed: re.Pattern[str] | None
    changed_runs: re.Pattern[str] | None
    compose: re.Pattern[str] | None
    composed: dict[str, str]
    whitespace: bool

    def translate_piece(self, match: re.Match[str]) -> tuple[str, list[int]]:
        parts: list[str] = []
        where: list[int] = []
        get = self.by_char.get
        for i, char in enumerate(match.group()):
            new = get(char)
            if new is None:
                parts.append(char)
                where.append(i)
            elif new:
                parts.append(new)
                where.extend([i] * len(new))
        return "".join(parts), where

    def translate_text(self, match: re.Match[str]) -> str:
        return self.by_char[match.group()]

    def compose_text(self, match: re.Match[str]) -> str:
        return self.composed.get(match.group(1) + match.group(2), match.group())

    def compose_piece(self, match: re.Match[str]) -> tuple[str, list[int]]:
        new = self.composed.get(match.group(1) + match.group(2))
        if new is None:
            return match.group(), list(range(len(match.group())))
        return new, [0] * len(new)


def _char_map(config: NormalizeConfig) -> dict[str, str]:
    """One step of every rule the config asks for (before closing over chains)."""
    rules: dict[str, str] = {}
    if config.normalize_whitespace:
        rules.update(_controls())
        rules.update(dict.fromkeys(_SPACES, " "))
        rules.update(dict.fromkeys(_LINE_BREAKS, "\n"))
        rules["\u2029"] = "\n\n"
    if config.fold_presentation_forms:
        rules.update(_presentation_forms())
    if config.fold_persian:
        rules.update(_PERSIAN)
    if config.unify_alef:
        rules.update(dict.fromkeys(ALEFS, "\u0627"))
    if config.unify_alef_maksura:
        rules["\u0649"] = "\u064a"
    if config.unify_teh_marbuta:
        rules["\u0629"] = "\u0647"
    if config.digits == "ascii":
        rules.update(zip(ARABIC_INDIC_DIGITS, "0123456789", strict=True))
        rules.update(zip(PERSIAN_DIGITS, "0123456789", strict=True))
        rules.update({"\u066b": ".", "\u066c": ",", "\u066a": "%"})
    elif config.digits == "arabic":
        rules.update(zip(PERSIAN_DIGITS, ARABIC_INDIC_DIGITS, strict=True))
    if config.ascii_punctuation:
        rules.update({"\u060c": ",", "\u061b": ";", "\u061f": "?"})
    if config.strip_diacritics:
        rules.update(dict.fromkeys(DIACRITICS, ""))
    if config.strip_tatweel:
        rules[TATWEEL] = ""
    if config.remove_invisible:
        rules.update(dict.fromkeys(INVISIBLE, ""))
    return rules


def _close(rules: dict[str, str], text: str) -> str:
    """Apply ``rules`` to ``text`` until nothing changes (chains such as ﻷ → لأ → لا)."""
    for _ in range(8):
        new = "".join(rules.get(c, c) for c in text)
        if new == text:
            return new
        text = new
    raise AssertionError(f"normalization rules loop on {text!r}")  # pragma: no cover


def _char_class(chars: Iterable[str]) -> str:
    """A regex character class for ``chars``, as ranges of escaped code points."""
    points = sorted({ord(c) for c in chars})
    parts = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        first, last = points[i], points[j]
        parts.append(f"\\U{first:08x}" if first == last else f"\\U{first:08x}-\\U{last:08x}")
        i = j + 1
    return "[" + "".join(parts) + "]"


@cache
def _tables(config: NormalizeConfig) -> _Tables:
    """Build (once per config, on first use) the tables that apply ``config``."""
    rules = _char_map(config)
    chars = {}
    for char in rules:
        new = _close(rules, char)
        if new != char:
            chars[ord(char)] = new
    by_char = {chr(cp): new for cp, new in chars.items()}
    changed = changed_runs = None
    if chars:
        one = _char_class(by_char)
        changed = re.compile(one)
        # Stretches where changed characters are at most one apart (a vocalized word is one
        # match); possessive, so the scan stays linear.
        changed_runs = re.compile(f"{one}++(?:[^{one[1:-1]}]{one}++)*+")
    compose = None
    composed: dict[str, str] = {}
    if config.strip_diacritics:
        # A separate hamza/madda merges into the letter before it (through other marks, which
        # go anyway) so that stripping it does not lose the hamza: ا + U+0654 -> أ.
        candidates = [chr(cp) for cp in range(0x0600, 0x0700)]
        if config.fold_presentation_forms:
            candidates += list(ranges_text(_PRESENTATION_RANGES))
        for base in candidates:
            for mark in _HAMZA_MADDA_MARKS:
                if base >= "\ufb50":
                    merged = unicodedata.normalize("NFKC", base + mark)
                else:
                    merged = unicodedata.normalize("NFC", base + mark)
                if mark not in merged:
                    composed[base + mark] = _close(rules, merged)
        others = [c for c in DIACRITICS if c not in _HAMZA_MADDA_MARKS]
        bases = _char_class(k[0] for k in composed)
        compose = re.compile(f"({bases}){_char_class(others)}*+([{_HAMZA_MADDA_MARKS}])")
    return _Tables(
        chars, by_char, changed, changed_runs, compose, composed, config.normalize_whitespace
    )


# --------------------------------------------------------------------------- passes


def _has_mark(text: str) -> bool:
    return "\u0654" in text or "\u0653" in text or "\u0655" in text


def _translate(text: str, tables: _Tables) -> str:
    """Apply the character table: regex over runs of changed characters when they are sparse
    (news text: a few per thousand), ``str.translate`` when they are dense (vocalized text)."""
    assert tables.changed is not None
    sample = text[:4096]
    if len(tables.changed.findall(sample)) * 8 > len(sample):
        return text.translate(tables.chars)
    return tables.changed.sub(tables.translate_text, text)


# Runs the whitespace pass must look at: two or more spaces/line breaks, or a lone \r.
_WHITESPACE_RUN = re.compile(r"[ \r\n]{2,}|\r")


def _needs_whitespace_pass(text: str) -> bool:
    return "  " in text or " \n" in text or "\n " in text or "\r" in text or "\n\n\n" in text


def _first_line_breaks(run: str) -> list[int]:
    """Where the first two line breaks of a whitespace run start (``\\r\\n`` is one break)."""
    where: list[int] = []
    at = 0
    while len(where) < 2:
        found = [i for i in (run.find("\r", at), run.find("\n", at)) if i >= 0]
        if not found:
            break
        first = min(found)
        where.append(first)
        at = first + 2 if run.startswith("\r\n", first) else first + 1
    return where


def _whitespace_piece(match: re.Match[str]) -> tuple[str, list[int]]:
    """A run of spaces becomes one space; a run with line breaks, one or two line breaks."""
    breaks = _first_line_breaks(match.group())
    if not breaks:
        return " ", [0]
    return "\n" * len(breaks), breaks


def _whitespace_text(match: re.Match[str]) -> str:
    return _whitespace_piece(match)[0]


def _typecode(size: int) -> str:
    return "i" if size < 2**31 - 1 else "q"


def _rewrite(
    text: str,
    offsets: array[int],
    pattern: re.Pattern[str],
    piece: Callable[[re.Match[str]], tuple[str, list[int]]],
) -> tuple[str, array[int]]:
    """Replace each match of ``pattern`` by ``piece(match)`` and carry the offsets along.

    ``piece`` returns the replacement and, for each of its characters, the index within the
    match of the character it comes from.
    """
    parts: list[str] = []
    out = array(offsets.typecode)
    done = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        if start > done:
            parts.append(text[done:start])
            out.extend(offsets[done:start])
        new, where = piece(match)
        parts.append(new)
        out.extend([offsets[start + i] for i in where])
        done = end
    if done == 0:
        return text, offsets
    parts.append(text[done:])
    out.extend(offsets[done:])
    return "".join(parts), out
