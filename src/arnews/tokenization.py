"""Tokens with offsets, and conservative proclitic segmentation for Arabic words.

:func:`tokenize` cuts a text into :class:`~arnews.types.Token` objects in one pass of one
compiled regular expression. Every character that is neither whitespace nor an invisible
format mark (ZWNJ, RLM, BOM…) belongs to exactly one token, and
``text[t.start:t.end] == t.text`` always holds.

Arabic words additionally expose the conjunctions and prepositions glued to their front
(و ف ب ل ك, stacked at most two deep as in وب or فل) and the definite article (ال, or ل
when لـ swallowed the article's alef), without cutting the token itself: the decision is
recorded in ``Token.proclitic`` and ``Token.article``.

Examples:
    >>> [(t.text, t.kind) for t in tokenize("ارتفع المؤشر 2,5% في 10:30.")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('ارتفع', 'word'), ('المؤشر', 'word'), ('2,5%', 'number'), ('في', 'word'),
     ('10:30', 'number'), ('.', 'punct')]
    >>> t = tokenize("وبالمغرب")[0]
    >>> t.proclitic, t.article, t.stem
    ('وب', 'ال', 'مغرب')
    >>> [t.proclitic for t in tokenize("وزير بيروت فلسطين وليد")]
    ['', '', '', '']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, partial
from importlib import resources
from typing import Literal

from arnews import chars
from arnews._cache import BoundedCache
from arnews._resources import read_lines
from arnews._validation import ensure_text
from arnews.types import Token, TokenKind

__all__ = ["tokenize", "word_count"]

# --- characters --------------------------------------------------------------------------

#: Characters that never form a token: the invisible controls of :mod:`arnews.chars` and
#: the variation selectors. Inside a word they stay in the word.
INVISIBLE = chars.INVISIBLE + chars.VARIATION_SELECTORS

_CLITIC_LETTERS = "وفبلك"
_CONJUNCTIONS = "وف"

_TLDS = (
    "com|net|org|edu|gov|int|info|biz|io|co|me|tv|news|online|site|ly|ma|tn|dz|eg|sa|ae|qa|"
    "kw|bh|om|jo|lb|sy|iq|ps|ye|sd|mr|fr|uk|de|ru|es|it|us|ca|ch|be|nl|tr|ir"
)


@cache
def _link_hint() -> re.Pattern[str]:
    """Find anything that could start a link; texts without one get the lighter pattern."""
    return re.compile(rf"@|://|www\.|\.(?:{_TLDS})\b", re.IGNORECASE)


# Each alternative is one capturing group, its kind given by _LINK_KINDS / _COMMON_KINDS.
# Links come first (they start like words) behind a one-character guard, so Arabic text
# pays nothing for them. Every quantifier is possessive or bounded: no backtracking blow-up.
_LINK_ALTERNATIVES = (
    # url: scheme or www., then anything up to whitespace, not ending on punctuation
    r"((?i:https?://|ftp://|www\.)[^\s<>\"«»]*[^\s<>\"«».,;:!?،؛؟'()\[\]{{}}{inv}])",
    # email: lengths bounded as in RFC 5321, which also keeps the search linear
    r"([A-Za-z0-9._%+-]{{1,64}}@(?:[A-Za-z0-9-]{{1,63}}\.){{1,8}}[A-Za-z]{{2,24}}(?![\w-]))",
    # bare domain with a known top-level domain, optional path: aljazeera.net/news
    r"((?:[A-Za-z0-9][A-Za-z0-9-]{{0,62}}\.){{1,8}}(?i:" + _TLDS + r")(?![\w-])"
    r"(?:/[^\s<>\"«»]*[^\s<>\"«».,;:!?،؛؟'()\[\]{{}}{inv}])?)",
)
_COMMON_ALTERNATIVES = (
    # Arabic word: Arabic letters, tatweel and marks, no digits (و20 is و + 20); invisibles
    # only between letters. Only these words get proclitic segmentation.
    r"([{arabic}][{arabic}{arabic_marks}]*+(?:[{inv}]++[{arabic}{arabic_marks}]++)*+)",
    # any other word: a letter, then letters, digits, _ and marks (G20, COVID19)
    r"([^\W\d_][\w{marks}]*+(?:[{inv}]++[\w{marks}]++)*+)",
    # number: 2,000 / 1.250.000 / 3.5 / ٣٫٥ / 12.5% ; or a clock time 10:30(:15)
    r"(\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?!\d)|\d++(?:[.,٫٬]\d++)*+[%٪‰]?)",
    r"([#＃](?:\w|[{marks}])++)",  # hashtag
    r"(@\w++)",  # mention
    # emoji: a flag (pair of regional indicators) or a pictograph with modifiers and ZWJ links
    r"([\U0001F1E6-\U0001F1FF]{{2}}|{emoji}{emod}*+(?:\u200d{emoji}{emod}*+)*+)",
    r"([!?؟]{{2,}}|\.{{2,}}|-{{2,}})",  # runs of punctuation: ?! ... --
    r"([^\s{inv}])",  # any other visible character: punct or symbol by Unicode category
)
_EMOJI = (
    "[\u2190-\u21ff\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf\u2900-\u297f\u2b00-\u2bff"
    "\U0001f000-\U0001faff]"
)
_EMOJI_MODIFIER = "[\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff]"
_COMMON_KINDS: tuple[TokenKind | None, ...] = (
    "word",
    "word",
    "number",
    "hashtag",
    "mention",
    "symbol",
    "punct",
    None,
)
_LINK_KINDS: tuple[TokenKind | None, ...] = ("url", "email", "url")


#: Arabic-script letters (with tatweel and presentation forms) and Arabic marks.
_ARABIC_LETTERS = (
    "\u0620-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06e5\u06e6\u06ee\u06ef\u06fa-\u06fc"
    "\u06ff\u0750-\u077f\u08a0-\u08c9\ufb50-\ufd3d\ufd50-\ufdfb\ufe70-\ufefc"
)
_ARABIC_MARKS = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
)

#: Combining marks common in Arabic news text (Latin accents, Arabic tashkeel): the fast
#: pattern knows only these; a text holding any other mark gets the full pattern.
_COMMON_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"


@cache
def _other_marks() -> str:
    """Return a character-class body of every combining mark (Unicode M*) not in _COMMON_MARKS."""
    common = re.compile(f"[{_COMMON_MARKS}]")
    ranges: list[str] = []
    start = -1
    for cp in range(0x30000):
        char = chr(cp)
        if unicodedata.category(char).startswith("M") and not common.match(char):
            if start < 0:
                start = cp
        elif start >= 0:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(cp - 1))}")
            start = -1
    ranges.append("\U000e0100-\U000e01ef")  # variation selectors supplement
    return "".join(ranges)


@cache
def _pattern(links: bool, all_marks: bool) -> tuple[re.Pattern[str], tuple[TokenKind | None, ...]]:
    """Compile the token regex and the kind of each of its groups.

    ``links`` adds URLs, e-mails and domains; ``all_marks`` lets words hold every combining
    mark rather than the common ones. Each match starts with the whitespace and invisibles
    before the token, so the regex engine never retries a failing search at every blank;
    the token is the one group that took part in the match.
    """
    other_marks = _other_marks() if all_marks else ""
    marks = _COMMON_MARKS + other_marks
    fields = {
        "marks": marks,
        "inv": INVISIBLE,
        "emoji": _EMOJI,
        "emod": _EMOJI_MODIFIER,
        "arabic": _ARABIC_LETTERS,
        "arabic_marks": _ARABIC_MARKS + other_marks,
    }
    common = "|".join(p.format(**fields) for p in _COMMON_ALTERNATIVES)
    if links:
        guarded = "|".join(p.format(**fields) for p in _LINK_ALTERNATIVES)
        common = f"(?=[A-Za-z0-9._%+-])(?:{guarded})|{common}"
    source = f"[\\s{INVISIBLE}]*+(?:{common})"
    kinds = (_LINK_KINDS if links else ()) + _COMMON_KINDS
    return re.compile(source), (None, *kinds)


@cache
def _blank() -> str:
    """Every whitespace and invisible character (what a text may end with, untokenized)."""
    spaces = (chr(cp) for cp in range(0x3001) if chr(cp).isspace())
    invisible = re.compile(f"[{INVISIBLE}]")
    return "".join(spaces) + "".join(c for c in map(chr, range(0x10000)) if invisible.match(c))


_CHAR_KINDS: dict[str, TokenKind | Literal["mark"]] = {}


def _char_kind(char: str) -> TokenKind | Literal["mark"]:
    """Classify a lone character: punctuation (Unicode P*), a symbol, or a combining mark
    the fast pattern does not know (``"mark"``: the text is tokenized again with all marks).
    """
    kind = _CHAR_KINDS.get(char)
    if kind is None:
        category = unicodedata.category(char)
        if category.startswith("P"):
            kind = "punct"
        elif category.startswith("M") and not re.match(f"[{_COMMON_MARKS}]", char):
            kind = "mark"
        else:
            kind = "symbol"
        if len(_CHAR_KINDS) < 4096:
            _CHAR_KINDS[char] = kind
    return kind


# --- lexicon and clitic decisions --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CliticRule:
    """Thresholds of the proclitic decision (see ``docs/tokenization.md``).

    A leading و ف ب ل ك is split off a word *w* leaving the remainder *r* only when *r* is
    attested (``min_count`` times, or ``unknown_min_count`` when *w* itself is not in the
    lexicon), is not much rarer than *w* (``split_ratio``), and *w* itself
    shows no sign of being a stem: the forms ``ال``+*w* and clitic+*w* that only a stem can
    take are rarer than ``stem_ratio`` × the count of *w*. A remainder that starts with ال
    only needs to be attested (the same floors) and not rarer than ``article_ratio`` × *w*.
    """

    min_count: int = 10
    unknown_min_count: int = 30
    split_ratio: float = 0.15
    stem_ratio: float = 0.15
    article_ratio: float = 0.005


RULE = CliticRule()

_KEY_TABLE = str.maketrans(
    {"ٱ": "ا"} | dict.fromkeys(chars.DIACRITICS + chars.TATWEEL + chars.INVISIBLE)
)


def lookup_key(word: str) -> str:
    """Return the form under which ``word`` is counted in the lexicon.

    Diacritics, tatweel and invisible marks go; alef wasla becomes a bare alef.

    >>> lookup_key("وَالأُمَمِ")
    'والأمم'
    """
    return word.translate(_KEY_TABLE)


@cache
def _lexicon() -> Mapping[str, int]:
    """Load ``data/tokenization/lexicon.tsv.gz``: lookup key -> corpus count."""
    import gzip  # only here: the lexicon is the one compressed file the tokenizer reads

    path = resources.files("arnews").joinpath("data", "tokenization", "lexicon.tsv.gz")
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    counts: dict[str, int] = {}
    for line in lines:
        if line and not line.startswith("#"):
            form, _, count = line.partition("\t")
            counts[form] = int(count)
    return counts


def word_count(word: str) -> int:
    """How often ``word`` (as written, proclitics included) occurs in the raw corpora the
    clitic decisions are based on (0 when unattested).

    >>> word_count("المغرب") > word_count("والمغرب") > 0
    True
    """
    return _lexicon().get(lookup_key(word), 0)


@cache
def _unsegmented() -> frozenset[str]:
    """Words never segmented: stem-initial و ف ب ل ك, and ال that is not the article."""
    return frozenset(lookup_key(w) for w in read_lines("tokenization/unsegmented.txt"))


def _stem_evidence(word: str, counts: Mapping[str, int]) -> int:
    """Count forms that only a stem can take: ال+word, and clitic+word where no stack fits."""
    hosts = _CLITIC_LETTERS if word[0] in _CONJUNCTIONS else "بلك"
    if word[0] == "ل":  # ل + لـ... reads as ل + the article (للدولة), not as a stack
        hosts = hosts.replace("ل", "")
    return counts.get("ال" + word, 0) + sum(counts.get(c + word, 0) for c in hosts)


def _remainder_count(rest: str, counts: Mapping[str, int], stacked: bool) -> int:
    """Corpus evidence that ``rest`` is a word (or, after و/ف, a preposition + a word)."""
    found = counts.get(rest, 0)
    if not stacked or rest[0] not in "بلك" or len(rest) < 3:
        return found
    inner = rest[1:]
    if rest[0] == "ل" and inner[0] == "ل":
        return max(found, counts.get(inner, 0), counts.get("ا" + inner, 0))
    return max(found, counts.get(inner, 0))


def _is_proclitic(word: str, rest: str, stacked: bool, rule: CliticRule) -> bool:
    """Decide whether ``word``'s first letter is a proclitic in front of ``rest``."""
    counts = _lexicon()
    whole = counts.get(word, 0)
    floor = rule.min_count if whole else rule.unknown_min_count
    if rest.startswith("ال") and len(rest) >= 4:
        seen = counts.get(rest, 0)
        return seen >= floor and seen >= rule.article_ratio * whole
    seen = _remainder_count(rest, counts, stacked)
    if rest in _unsegmented():  # a listed stem is a known word, however rare in the corpus
        seen = max(seen, floor)
    if seen < floor or seen < rule.split_ratio * whole:
        return False
    if _stem_evidence(word, counts) >= max(rule.min_count, rule.stem_ratio * whole):
        return False
    # a remainder that is itself clitic + word would make a stack Arabic does not allow
    # (كوفي is not ك + و + في): only و/ف may stand before ب/ل/ك
    may_stack = stacked and rest[0] not in _CONJUNCTIONS
    return may_stack or rest[0] not in _CLITIC_LETTERS or segment_key(rest, rule)[0] == 0


def _split_proclitic(word: str, stacked: bool, rule: CliticRule) -> tuple[int, int]:
    """Segment ``word`` whose first letter is a clitic letter: (proclitic, article) lengths."""
    counts = _lexicon()
    rest = word[1:]
    if word[0] == "ل" and rest[0] == "ل" and len(rest) >= 3:  # لل: ل + the article's lam
        definite = counts.get("ا" + rest, 0)  # any count: the lexicon keeps attested forms
        if definite > counts.get(rest, 0) and definite >= rule.article_ratio * counts.get(word, 0):
            return 1, 1
    if not _is_proclitic(word, rest, stacked, rule):
        return 0, 0
    if rest in _unsegmented():
        return 1, 0
    if rest.startswith("ال") and len(rest) >= 4:
        return 1, 2
    if stacked and rest[0] in "بلك" and len(rest) >= 3:
        inner, article = _split_proclitic(rest, False, rule)
        return 1 + inner, article
    return 1, 0


def segment_key(key: str, rule: CliticRule = RULE) -> tuple[int, int]:
    """Return the lengths of the proclitic and of the article at the front of ``key``.

    ``key`` is a lookup key (see :func:`lookup_key`).

    >>> segment_key("وللحكومة"), segment_key("لبنان"), segment_key("لليبيا")
    ((2, 1), (0, 0), (1, 0))
    """
    if len(key) < 3 or key in _unsegmented():
        return 0, 0
    if key.startswith("ال"):
        return (0, 2) if len(key) >= 4 else (0, 0)
    if key[0] not in _CLITIC_LETTERS:
        return 0, 0
    return _split_proclitic(key, key[0] in _CONJUNCTIONS, rule)


def _surface_lengths(word: str, key: str, counts: tuple[int, int]) -> tuple[int, int]:
    """Map key-letter counts onto ``word``, letting each letter keep its trailing marks."""
    if word == key or counts == (0, 0):
        return counts
    ends: list[int] = []  # ends[i]: end in `word` of the i-th key letter with its marks
    for i, char in enumerate(word):
        if lookup_key(char):
            ends.append(i + 1)
        elif ends:
            ends[-1] = i + 1
    proclitic, article = counts
    p_end = ends[proclitic - 1] if proclitic else 0
    a_end = ends[proclitic + article - 1] if article else p_end
    return p_end, a_end - p_end


_SEGMENTS: BoundedCache[str, tuple[str, str]] = BoundedCache(1 << 17)
"""Each word's proclitic and article, as :func:`_segment` found them."""
_UNSEGMENTED = ("", "")


def _segment(word: str) -> tuple[str, str]:
    """Return ``word``'s proclitic and article as they are written in it.

    >>> _segment("وللأمم"), _segment("فلسطين")
    (('ول', 'ل'), ('', ''))
    """
    if word[0] in _CLITIC_LETTERS or word[0] == "ا":
        key = lookup_key(word)
        proclitic, article = _surface_lengths(word, key, segment_key(key))
        if proclitic or article:
            return word[:proclitic], word[proclitic : proclitic + article]
    return _UNSEGMENTED


# --- tokenize ----------------------------------------------------------------------------


_new_token: Callable[[tuple[str, int, int, str, str, str]], Token] = partial(tuple.__new__, Token)
"""``Token._make`` without its Python-level length check: the fields come from ``_scan``."""


def tokenize(text: str, *, clitics: bool = True) -> list[Token]:
    """Cut ``text`` into tokens with offsets; expose proclitics of Arabic words.

    Kinds: ``word`` (letters of any script with their marks; digits only inside non-Arabic
    words),
    ``number`` (``3.5``, ``2,000``, ``1.250.000``, ``12.5%``, ``٣٫٥``, ``10:30``),
    ``punct`` (one character, or a run of ``?!؟``, of dots or of hyphens), ``url``,
    ``email``, ``hashtag``, ``mention`` and ``symbol`` (emoji, currency signs, any other
    visible character). Whitespace and invisible format characters between tokens are
    skipped; nothing else is. With ``clitics=False`` no proclitic/article is marked.

    Examples:
        >>> text = "زوروا www.arnews.org أو info@arnews.org #أخبار"
        >>> [(t.text, t.kind) for t in tokenize(text)]  # doctest: +NORMALIZE_WHITESPACE
        [('زوروا', 'word'), ('www.arnews.org', 'url'), ('أو', 'word'),
         ('info@arnews.org', 'email'), ('#أخبار', 'hashtag')]
        >>> [(t.text, t.proclitic, t.article, t.base) for t in tokenize("للأمم وكالة")]
        [('للأمم', 'ل', 'ل', 'الأمم'), ('وكالة', '', '', 'وكالة')]
        >>> tokenize(None)
        Traceback (most recent call last):
        TypeError: text must be str, not NoneType
    """
    text = ensure_text(text, "text")
    # the regex swallows blanks before each token; trailing blanks would make it rescan
    # from every one of them, so the search stops at the last visible character
    end = len(text.rstrip(_blank()))
    if not end:
        return []
    links = _link_hint().search(text) is not None
    tokens = _scan(text, end, links, False, clitics)
    if tokens is None:  # the text holds combining marks beyond the common ones
        return _scan(text, end, links, True, clitics) or []
    return tokens


def _scan(text: str, end: int, links: bool, all_marks: bool, clitics: bool) -> list[Token] | None:
    """Tokenize ``text[:end]``; None if a lone unknown mark asks for the ``all_marks`` pattern."""
    pattern, kinds = _pattern(links, all_marks)
    arabic_group = kinds.index("word")  # the Arabic word comes first; only it is segmented
    segments = _SEGMENTS.get
    segment = _SEGMENTS.put
    char_kinds = _CHAR_KINDS.get
    new = _new_token
    tokens: list[Token] = []
    append = tokens.append
    for match in pattern.finditer(text, 0, end):
        group: int = match.lastindex  # type: ignore[assignment]  # every branch is a group
        start, stop = match.span(group)
        value = text[start:stop]
        if group == arabic_group:
            if clitics:
                proclitic, article = segments(value) or segment(value, _segment(value))
                append(new((value, start, stop, "word", proclitic, article)))
            else:
                append(new((value, start, stop, "word", "", "")))
            continue
        kind = kinds[group] or char_kinds(value) or _char_kind(value)
        if kind == "mark":
            if not all_marks:
                return None
            kind = "symbol"
        append(new((value, start, stop, kind, "", "")))
    return tokens
