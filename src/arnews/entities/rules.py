"""Name rules applied to the tagger's labels before the document pass.

A statistical tagger (the CRF or the neural model) labels tokens one sentence at a time;
a few mistakes it makes are about how names are *written*, and are fixed here the same
way for every model:

- **chains stay whole**: a person's name goes on over a hyphen written without spaces
  (``كيم جونغ-أون``) and over ``بن``/``بنت``/``ابن``/``آل`` + a name
  (``حمدان بن محمد بن راشد آل مكتوم``);
- **a proclitic split never makes a name**: when the tokenizer took a leading ب/ل/ك/و/ف
  off a word that is far more common whole (``بديلا`` → ب + ``ديلا``), the remainder is not
  an entity on its own; nor is a function word no person list holds (``لي``, ``له``);
- **listed names keep their class and their length**:
  - a name the tagger calls a person although it is listed as an organisation or a place
    and not as a person (``سان جرمان``, ``بي بي سي``) takes the listed class, and so does
    a one-word name listed only as an ambiguous organisation or place (``ليل``: Lille, or
    night; tagged as a name, it is not the common word);
  - a listed name of several words grows over one shorter name tagged inside it when it
    adds words after it (``مكتب [الأمم المتحدة] لمكافحة الإرهاب``), and becomes one name
    where several tagged names tile it exactly (``[بوركينا] [فاسو]``; ``[باريس] [سان
    جرمان]``, an organisation named after a place);
  - a listed place of several words, or a listed organisation of one word (``الناتو``),
    is tagged where nothing of it was; a listed place glued by a conjunction to the name
    before it is split from it (``الصحراء`` / ``والقرن الإفريقي``), and any name that runs
    over «و» into a listed name is cut there (``[أرسنال] [وموناكو]``);
  - a word starting with و ف ب ل ك before a listed name gives that letter back as a
    proclitic (``لسان جرمان``); the other way round, a word the tokenizer split gets its
    first letter back when the whole word starts a longer listed name than the rest does
    (``بيراميدز``, ``بيونغ يانغ``, ``لوكاس``; ``وجدة`` stays و + ``جدة``);
  - a Latin-script name listed as an organisation (``CNN``, ``FIFA``) is always a name of
    its own;
- **family names**: a person whose name ends with a listed given name takes a rare
  ``ال``-word after it (``عبد الحكيم الواعر``);
- **titles and nationalities**: a person's name starts after a title or a nationality
  written with the article (``الجنرال سكوت ميلر``, ``الكولومبي غاليغو``), and either alone
  is no name (without the article, ``سلطان`` and ``كيني`` are given names too);
- **run-on words**: a person named alone at least twice in the text loses a word the
  tagger once ran the name on into, when no person list holds it and no other name of the
  text uses it (``[نيمار هدفين]`` → ``[نيمار] هدفين``).

Each rule was kept for what it adds on the development sets (docs/evaluation.md).

>>> from arnews.entities.tagger import TaggedToken
>>> from arnews.types import Token
>>> text = "كيم جونغ-أون"
>>> toks = [Token("كيم", 0, 3), Token("جونغ", 4, 8), Token("-", 8, 9, "punct"),
...         Token("أون", 9, 12)]
>>> tagged = [TaggedToken(t, l, 0.9) for t, l in zip(toks, ["B-PER", "I-PER", "O", "B-PER"])]
>>> [t.label for t in join_name_chains(tagged, text)]
['B-PER', 'I-PER', 'I-PER', 'I-PER']
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final

from arnews.chars import fold
from arnews.entities.features import Lexicon, stem_keys
from arnews.entities.spans import bio_spans
from arnews.entities.tagger import TaggedToken
from arnews.layout import function_words
from arnews.types import Token

if TYPE_CHECKING:
    from arnews.entities.gazetteer import StemGazetteer

__all__ = [
    "LIST_STEPS",
    "apply_name_rules",
    "is_split_fragment",
    "join_listed_clitics",
    "join_name_chains",
    "split_listed_clitics",
]


class Listed(dict[tuple[int, int], tuple[str, ...]]):
    """Gazetteer matches of a text: ``(first, stop)`` token range → the classes listing
    it; ``stems`` holds the text's stem keys (:func:`stem_keys`), built once for all rules;
    ``added`` holds the ranges of names in ``names_added.txt`` (their classes are in the
    dict too) with the classes given there, chosen by hand, which outrank the others."""

    def __init__(
        self,
        found: dict[tuple[int, int], tuple[str, ...]],
        stems: list[str],
        added: dict[tuple[int, int], tuple[str, ...]] | None = None,
    ) -> None:
        super().__init__(found)
        self.stems = stems
        self.added = added or {}


_HYPHENS: Final = frozenset("-‐‑")
_LINKS: Final = frozenset(fold(w) for w in ("بن", "بنت", "ابن", "آل"))
_SPLIT_RATIO: Final = 1.0
"""A split word is a fragment when the whole word is at least this many times as common
as its remainder."""


def _relabel(tagged: Sequence[TaggedToken], labels: Sequence[str]) -> list[TaggedToken]:
    return [
        t if t.label == lab else TaggedToken(t.token, lab, t.score)
        for t, lab in zip(tagged, labels, strict=True)
    ]


def join_name_chains(tagged: Sequence[TaggedToken], text: str) -> list[TaggedToken]:
    """Extend each person over ``-word`` (no spaces) and ``بن``/``آل`` + word links.

    >>> from arnews.types import Token
    >>> words = "حمدان بن محمد آل مكتوم".split()
    >>> toks, pos = [], 0
    >>> for w in words:
    ...     toks.append(Token(w, pos, pos + len(w)))
    ...     pos += len(w) + 1
    >>> labels = ["B-PER", "I-PER", "I-PER", "O", "B-LOC"]
    >>> tagged = [TaggedToken(t, l, 0.9) for t, l in zip(toks, labels)]
    >>> [t.label for t in join_name_chains(tagged, " ".join(words))]
    ['B-PER', 'I-PER', 'I-PER', 'I-PER', 'I-PER']
    """
    labels = [t.label for t in tagged]
    toks = [t.token for t in tagged]
    n = len(toks)
    for _first, stop, kind in bio_spans(labels):
        if kind != "PER":
            continue
        end = stop
        while end + 1 < n:
            link, word = toks[end], toks[end + 1]
            if word.kind != "word" or word.proclitic:
                break
            hyphen = (
                link.kind == "punct"
                and link.text in _HYPHENS
                and link.start == toks[end - 1].end
                and word.start == link.end
            )
            named = link.kind == "word" and not link.proclitic and fold(link.text) in _LINKS
            if not (hyphen or named):
                break
            labels[end] = labels[end + 1] = "I-PER"
            end += 2
            while end < n and labels[end] == "I-PER":  # a name the tagger had started there
                end += 1
    return _relabel(tagged, labels)


def is_split_fragment(token: Token) -> bool:
    """True when ``token``'s proclitic was taken off a word that is common as a whole.

    >>> is_split_fragment(Token("بديلا", 0, 5, proclitic="ب"))
    True
    >>> is_split_fragment(Token("بنيمار", 0, 6, proclitic="ب"))
    False
    >>> is_split_fragment(Token("الرباط", 0, 6, article="ال"))
    False
    """
    if not token.proclitic or token.article or token.kind != "word":
        return False
    from arnews.tokenization import word_count

    whole = word_count(token.text)
    return whole > 0 and whole >= _SPLIT_RATIO * word_count(token.base)


def _drop_fragments(labels: list[str], toks: Sequence[Token], listed: Listed) -> None:
    """A one-word name that is a proclitic fragment (``ديلا`` of ``بديلا``), a function
    word no person list holds as a name (``لي``, ``له``; ``علي`` is a name too), or an
    adjective of nationality with the article that no list holds as a name (``السورية``,
    ``القطري``) is none."""
    common = function_words()
    for first, stop, _ in bio_spans(labels):
        if stop - first != 1:
            continue
        kinds = set(listed.get((first, stop), ()))
        named = kinds & (_KEEP_PER | {"PER_AMBIGUOUS"})
        whole = fold(toks[first].text)  # as written: الله is not ال + له
        adjective = toks[first].article == "ال" and kinds == {"NATIONALITY"}
        if is_split_fragment(toks[first]) or (whole in common and not named) or adjective:
            labels[first] = "O"


_LETTER_NAME: Final = 3
"""Longest word read as a spelt-out letter of an acronym (``إيه``, ``بي``, ``إس``)."""


def _join_dotted(labels: list[str], toks: Sequence[Token]) -> None:
    """Letters spelt out and joined by dots with no space (``إيه.تي.آر``, ``بي.بي.سي``:
    words of at most ``_LETTER_NAME`` letters) are one name when the tagger saw a name of
    one type in them; ending in ``كوم`` (.com) they are an organisation (``بيت.كوم``).
    (Longer words are not joined: scraped text often lacks the space after a full stop,
    ``القاهرة.وقال``.)"""
    n = len(toks)
    i = 0
    for dot in [k for k in range(1, n - 1) if toks[k].text == "."]:  # most texts: none
        if dot - 1 < i:
            continue  # inside the chain just read
        i = dot - 1
        stop = i + 1  # the chain: word (. word)*, no spaces
        while (
            stop + 1 < n
            and toks[stop].text == "."
            and toks[stop - 1].end == toks[stop].start
            and toks[stop].end == toks[stop + 1].start
            and toks[stop + 1].kind == "word"
            and len(toks[stop + 1].text) <= _LETTER_NAME
        ):
            stop += 2
        kinds = {labels[j][2:] for j in range(i, stop) if labels[j] != "O"}
        if toks[stop - 1].text == "كوم":
            kinds = {"ORG"}  # a web site: بيت.كوم
        short = toks[i].kind == "word" and len(toks[i].text) <= _LETTER_NAME
        if stop - i > 1 and short and len(kinds) == 1:
            kind = kinds.pop()
            if labels[i] != "I-" + kind:  # else it continues the name before it
                labels[i] = "B-" + kind
            labels[i + 1 : stop] = ["I-" + kind] * (stop - i - 1)  # what follows may go on
        i = stop


def _drop_letterless(labels: list[str], toks: Sequence[Token]) -> None:
    """A name has a letter: a span of punctuation or digits alone (``...``) is none."""
    for first, stop, _ in bio_spans(labels):
        if not any(c.isalpha() for tok in toks[first:stop] for c in tok.text):
            labels[first:stop] = ["O"] * (stop - first)


_KEEP_PER: Final = frozenset({"PER_FIRST", "PER_LAST", "PER_FULL", "PER_TOKEN"})
_AMBIGUOUS: Final = {"ORG_AMBIGUOUS": "ORG", "LOC_AMBIGUOUS": "LOC"}
"""Names that are also common words (ليل: Lille, night): a class once tagged as a name."""
_STRONG: Final = {"ORG": "ORG", "ORG_SPORTS": "ORG", "LOC": "LOC", "MISC": "MISC"}


def _listed_classes(toks: Sequence[Token], lexicon: Lexicon) -> Listed:
    from arnews.entities.gazetteer import StemGazetteer

    stems = stem_keys(toks)
    found: dict[tuple[int, int], tuple[str, ...]] = {}
    added: dict[tuple[int, int], tuple[str, ...]] = {}
    for gazetteer in (lexicon.gazetteer, lexicon.added):
        if isinstance(gazetteer, StemGazetteer):
            for first, stop, kinds in gazetteer.matches(stems):
                found[first, stop] = found.get((first, stop), ()) + kinds
                if gazetteer is lexicon.added:
                    added[first, stop] = added.get((first, stop), ()) + kinds
    return Listed(found, stems, added)


def _first_of(kinds: set[str]) -> str:
    """The class a name listed under several takes: organisation, then place, then other
    (``سان جرمان`` is a town and a club; news names the club)."""
    return next(k for k in ("ORG", "LOC", "MISC") if k in kinds)


def _set(labels: list[str], first: int, stop: int, kind: str) -> None:
    labels[first] = "B-" + kind
    for j in range(first + 1, stop):
        labels[j] = "I-" + kind
    if stop < len(labels) and labels[stop].startswith("I-"):
        labels[stop] = "B-" + labels[stop][2:]  # what followed inside becomes its own name


_CLITICS: Final = frozenset("وفبلك")


def split_listed_clitics(tagged: Sequence[TaggedToken], lexicon: Lexicon) -> list[TaggedToken]:
    """Read a word's first letter as a proclitic when what follows it starts a listed name
    of several words that the tagger saw part of: ``لسان جرمان`` → ل + ``سان جرمان``.

    The tokenizer keeps ``لسان`` whole (a common word); here the token gets its proclitic
    back so that the name's span starts after it.
    """
    from arnews.entities.gazetteer import StemGazetteer

    gazetteer = lexicon.gazetteer
    if not isinstance(gazetteer, StemGazetteer) or len(tagged) < 2:
        return list(tagged)
    out = list(tagged)
    for i in range(len(tagged) - 1):
        tok = tagged[i].token
        if (
            tok.kind != "word"
            or tok.proclitic
            or tok.article
            or len(tok.text) < 4
            or tok.text[0] not in _CLITICS
            or tagged[i + 1].label == "O"
        ):
            continue
        window = [fold(tok.text[1:])]
        window += [fold(t.token.stem or t.token.text) for t in tagged[i + 1 : i + 6]]
        if window[0].startswith("ال") and len(window[0]) > 3:
            window[0] = window[0][2:]
        for first, stop, kinds in gazetteer.matches(window, remember=False):
            if first == 0 and stop >= 2 and {_STRONG.get(k) for k in kinds} & {"ORG", "LOC"}:
                article = "ال" if tok.text[1:3] == "ال" and len(tok.text) > 4 else ""
                split = Token(tok.text, tok.start, tok.end, tok.kind, tok.text[0], article)
                out[i] = TaggedToken(split, tagged[i].label, tagged[i].score)
                break
    return out


def _listed_from_start(gazetteer: StemGazetteer, words: list[str]) -> int:
    """How many of ``words`` the longest listed name that starts at the first covers."""
    found = gazetteer.matches(words, remember=False)
    return max((stop for start, stop, _ in found if start == 0), default=0)


def join_listed_clitics(tagged: Sequence[TaggedToken], lexicon: Lexicon) -> list[TaggedToken]:
    """Give a word back the first letter the tokenizer read as a proclitic when the whole
    word starts a listed name longer than any the rest starts: ``بيراميدز`` (the club) is
    not ب + ``يراميدز``, ``بيونغ يانغ`` is not ب + ``يونغ يانغ``. Only words the tagger saw
    as part of a name are looked at; ``وجدة`` stays و + ``جدة`` (both are listed, as one
    word each).

    >>> from arnews.entities.gazetteer import StemGazetteer
    >>> lex = Lexicon(gazetteer=StemGazetteer.from_names([("بيونغ يانغ", "LOC")]))
    >>> toks = [TaggedToken(Token("بيونغ", 0, 5, proclitic="ب"), "B-LOC", 0.9),
    ...         TaggedToken(Token("يانغ", 6, 10), "I-LOC", 0.9)]
    >>> [t.token.proclitic for t in join_listed_clitics(toks, lex)]
    ['', '']
    """
    from arnews.entities.gazetteer import StemGazetteer

    gazetteer = lexicon.gazetteer
    if not isinstance(gazetteer, StemGazetteer):
        return list(tagged)
    out = list(tagged)
    for i, t in enumerate(tagged):
        tok = t.token
        if t.label == "O" or len(tok.proclitic) != 1 or tok.article or tok.kind != "word":
            continue
        after = [fold(x.token.stem or x.token.text) for x in tagged[i + 1 : i + 6]]
        as_one = _listed_from_start(gazetteer, [fold(tok.text), *after])
        if as_one > _listed_from_start(gazetteer, [fold(tok.stem), *after]):
            whole = Token(tok.text, tok.start, tok.end, tok.kind)
            out[i] = TaggedToken(whole, t.label, t.score)
    return out


def _listed_over_person(labels: list[str], toks: Sequence[Token], listed: Listed) -> None:
    """A listed organisation or place that the tagger took for a person."""
    if "B-PER" not in labels and "I-PER" not in labels:
        return
    spans = bio_spans(labels)
    keys = listed.stems
    # words of the text's people named in full (براد بيت: بيت alone is then Pitt)
    in_full_names = {keys[j] for a, b, k in spans if k == "PER" and b - a > 1 for j in range(a, b)}
    for first, stop, kind in spans:
        if kind != "PER":
            continue
        chosen = {_STRONG[k] for k in listed.added.get((first, stop), ()) if k in _STRONG}
        if chosen:  # chosen by hand: outranks the person lists, which hold بايرن
            _set(labels, first, stop, _first_of(chosen))
            continue
        kinds = listed.get((first, stop), ())
        if _KEEP_PER & set(kinds):
            continue
        strong = {_STRONG[k] for k in kinds if k in _STRONG}
        weak = {_AMBIGUOUS[k] for k in kinds if k in _AMBIGUOUS}
        if keys[first] in in_full_names or "PER_AMBIGUOUS" in kinds:
            weak = set()  # a person's name as well (كريم: Karim, or Careem)
        if strong and stop - first > 1:
            _set(labels, first, stop, _first_of(strong))
        elif stop - first > 1 or toks[first].text.isascii():
            continue
        elif len(strong) == 1:
            _set(labels, first, stop, strong.pop())
        elif weak and not strong and keys[first] not in function_words():
            _set(labels, first, stop, _first_of(weak))  # a name, not the common word: ليل


def _grow_listed(labels: list[str], toks: Sequence[Token], listed: Listed) -> None:
    """A listed name of several words around one shorter name, the rest of it untagged:
    ``مكتب [الأمم المتحدة] لمكافحة الإرهاب``, ``سان [جرمان]``.

    Around a name of its own class the listed one must add words after it, and not only
    a nationality (news annotation keeps ``حركة [حماس]``, ``قطاع [غزة]``, ``[حزب الله]
    اللبناني`` short); around a name tagged as a person any listed name grows.
    """
    longer = [(span, kinds) for span, kinds in listed.items() if span[1] - span[0] > 1]
    if not longer or all(lab == "O" for lab in labels):
        return
    spans = bio_spans(labels)
    for (first, stop), kinds in sorted(longer, key=lambda x: x[0][0] - x[0][1]):
        strong = {_STRONG[k] for k in kinds if k in _STRONG}
        if not strong or _KEEP_PER & set(kinds):
            continue
        listed_kind = _first_of(strong)
        inside = [sp for sp in spans if first <= sp[0] and sp[1] <= stop]
        if not inside or inside[0][:2] == (first, stop):
            continue
        if len(inside) > 1:  # names that tile it: [بوركينا] [فاسو], [باريس] [سان جرمان]
            tiled = inside[0][0] == first and inside[-1][1] == stop
            tiled = tiled and all(a[1] == b[0] for a, b in itertools.pairwise(inside))
            kinds_inside = {k for _, _, k in inside}
            # all of the listed class; or an organisation named after a place
            fits = kinds_inside == {listed_kind} or listed_kind == "ORG" in kinds_inside
            if tiled and fits:
                _set(labels, first, stop, listed_kind)
                spans = bio_spans(labels)
            continue
        _, inner_stop, inner_kind = inside[0]
        if inner_kind not in (listed_kind, "PER"):
            continue
        if inner_kind != "PER" and all(
            "NATIONALITY" in listed.get((j, j + 1), ()) for j in range(inner_stop, stop)
        ):
            continue  # nothing after it, or only a nationality
        covered = set(range(inside[0][0], inner_stop))
        if all(labels[j] == "O" for j in range(first, stop) if j not in covered) and (
            first == 0 or not labels[first].startswith("I-")
        ):
            _set(labels, first, stop, listed_kind)
            spans = bio_spans(labels)


def _whole_listed(labels: list[str], toks: Sequence[Token], listed: Listed) -> None:
    """A listed place of several words or a listed organisation of one word (``الناتو``,
    ``داعش``; classes in ``WHOLE_LISTED``), nothing of it tagged, or glued by a
    conjunction to the name before it. (Organisations of several words are often generic
    in news, ``مجلس الوزراء``, which ANERcorp leaves untagged.)"""
    for (first, stop), kinds in sorted(listed.items(), key=lambda x: x[0][0] - x[0][1]):
        strong = {_STRONG[k] for k in kinds if k in _STRONG}
        if len(strong) != 1 or not strong <= WHOLE_LISTED:
            continue
        if (stop - first > 1) != (strong == {"LOC"}):
            continue  # places of several words; organisations of one word (الناتو)
        if set(kinds) & _KEEP_PER or any(k.endswith("AMBIGUOUS") for k in kinds):
            continue
        if stop < len(labels) and labels[stop].startswith("I-"):
            continue
        if all(labels[j] == "O" for j in range(first, stop)):
            _set(labels, first, stop, next(iter(strong)))
        elif (
            toks[first].proclitic.startswith("و")
            and labels[first].startswith("I-")
            and all(labels[j] == "O" or labels[j].startswith("I-") for j in range(first, stop))
        ):  # a conjunction glued two names: الصحراء [والقرن الإفريقي]
            _set(labels, first, stop, next(iter(strong)))


def _split_conjoined(labels: list[str], toks: Sequence[Token], listed: Listed) -> None:
    """A name that runs over «و» into a listed name is two names: ``[أرسنال] [وموناكو]``,
    ``[المنظمة الدولية] [والاتحاد الأفريقي]`` (a person's name never is)."""
    starts: dict[int, dict[int, str]] = {}  # first token -> stop -> listed class
    for (a, b), kinds in listed.items():
        strong = {_STRONG[k] for k in kinds if k in _STRONG}
        if strong and not _KEEP_PER & set(kinds):
            starts.setdefault(a, {})[b] = _first_of(strong)
    for first, stop, kind in bio_spans(labels):
        if kind == "PER":
            continue
        for j in range(first + 1, stop):
            found = starts.get(j)
            if found and toks[j].proclitic.startswith("و"):
                _set(labels, j, stop, found.get(stop, kind))  # the listed class if it ends here
                break


def _latin_organisations(labels: list[str], toks: Sequence[Token], listed: Listed) -> None:
    """Listed Latin-script organisations (CNN, FIFA): always a name of their own."""
    for (first, stop), kinds in listed.items():
        if "ORG" not in kinds or not all(toks[j].text.isascii() for j in range(first, stop)):
            continue
        if first > 0 and toks[first - 1].text.isascii() and labels[first].startswith("I-"):
            continue  # part of a longer Latin name
        _set(labels, first, stop, "ORG")


LIST_STEPS: tuple[Callable[[list[str], Sequence[Token], Listed], None], ...] = (
    _listed_over_person,
    _grow_listed,
    _whole_listed,
    _split_conjoined,
    _latin_organisations,
)
"""The gazetteer rules, in the order they run (each kept for what it adds on the
development sets; see docs/entities.md)."""

WHOLE_LISTED: frozenset[str] = frozenset({"LOC", "ORG"})
"""Classes whose listed names are tagged even where the tagger saw nothing: places of two
words or more, organisations of one word (measured on the development sets; see
docs/evaluation.md)."""

_FAMILY_MAX_COUNT: Final = 50
"""A word after a given name is read as the family name only when it is this rare."""


def _add_family_names(
    labels: list[str],
    toks: Sequence[Token],
    lexicon: Lexicon,
    listed: Listed,
) -> None:
    """A person whose name ends with a given name takes the rare ال-word after it:
    ``عبد الحكيم`` + ``الواعر``."""
    from arnews.tokenization import word_count

    first_names = {stop for (_, stop), kinds in listed.items() if "PER_FIRST" in kinds}
    named = {j for (a, b) in listed for j in range(a, b)}
    for _, stop, kind in bio_spans(labels):
        if kind != "PER" or stop not in first_names or stop >= len(toks):
            continue
        nxt = toks[stop]
        if (
            labels[stop] == "O"
            and nxt.kind == "word"
            and nxt.article == "ال"
            and not nxt.proclitic
            and stop not in named
            and fold(nxt.base) not in lexicon.triggers
            and word_count(nxt.text) < _FAMILY_MAX_COUNT
        ):
            labels[stop] = "I-PER"


def _drop_titles_and_nationalities(
    labels: list[str], toks: Sequence[Token], lexicon: Lexicon, listed: Listed
) -> None:
    """A person's name starts after a title or a nationality written with the article
    (``الجنرال``, ``الكولومبي``; without it, ``سلطان`` and ``كيني`` are also given names);
    a person of only that is no name."""
    for first, stop, kind in bio_spans(labels):
        if kind != "PER":
            continue
        while first < stop and toks[first].article == "ال":
            kinds = set(listed.get((first, first + 1), ()))
            title = lexicon.triggers.get(fold(toks[first].base)) == "per_title"
            if title or "TITLE" in kinds:
                named = kinds & (_KEEP_PER - {"PER_TOKEN"})  # the token list holds جنرال
            elif "NATIONALITY" in kinds:
                named = kinds & _KEEP_PER
            else:
                break
            if named:
                break
            labels[first] = "O"
            first += 1
        if first < stop:
            labels[first] = "B-PER"


def _trim_person_tails(labels: list[str], toks: Sequence[Token], listed: Listed) -> None:
    """A person named alone at least twice in the text keeps that name where the tagger
    once ran it on into a word that no person list holds and no other name of the text
    uses: ``[نيمار هدفين]`` → ``[نيمار] هدفين``."""
    spans = [(a, b) for a, b, kind in bio_spans(labels) if kind == "PER"]
    if len(spans) < 3:
        return
    keys = listed.stems
    counts = Counter(tuple(keys[a:b]) for a, b in spans)
    person_words = {
        j for (a, b), kinds in listed.items() if _KEEP_PER & set(kinds) for j in range(a, b)
    }
    in_names = Counter(key for a, b in spans for key in keys[a:b])
    for a, b in spans:
        name = tuple(keys[a:b])
        run_on = b - a > 1 and counts[name] == 1 and counts[name[:-1]] >= 2
        if run_on and b - 1 not in person_words and in_names[keys[b - 1]] == 1:
            labels[b - 1] = "O"


def _surnames_of_people(labels: list[str], listed: Listed, heads: frozenset[str]) -> None:
    """A one-word name of another type that is the last word of a person named in full
    in the text is that person, named by surname as news does (``ميركل`` after ``أنغيلا
    ميركل``), unless a list holds it as a place or organisation (``واشنطن`` after ``جورج
    واشنطن``) or as the first word of one (``أتلتيكو`` after a run-on ``ظهير أتلتيكو``).
    ``heads`` holds those first words."""
    spans = bio_spans(labels)
    keys = listed.stems
    surnames = {keys[b - 1] for a, b, kind in spans if kind == "PER" and b - a > 1}
    surnames -= heads  # أتلتيكو starts أتلتيكو مدريد: no surname
    for a, b, kind in spans:
        if b - a > 1 or kind == "PER" or keys[a] not in surnames or len(keys[a]) < 3:
            continue
        if not any(k in _STRONG or k.endswith("AMBIGUOUS") for k in listed.get((a, b), ())):
            labels[a] = "B-PER"


def _name_heads(lexicon: Lexicon) -> frozenset[str]:
    from arnews.entities.gazetteer import StemGazetteer

    gazetteer = lexicon.gazetteer
    if not isinstance(gazetteer, StemGazetteer):
        return frozenset()
    return gazetteer.first_words(frozenset(_STRONG))


def apply_name_rules(
    tagged: Sequence[TaggedToken], text: str, lexicon: Lexicon
) -> list[TaggedToken]:
    """All the rules of this module, in order: lists, family names, fragments, chains.

    (Steps that need a person, or any name, are skipped when the tagger found none.)
    """
    tagged = join_listed_clitics(split_listed_clitics(tagged, lexicon), lexicon)
    labels = [t.label for t in tagged]
    toks = [t.token for t in tagged]
    listed = _listed_classes(toks, lexicon)
    if listed:
        for step in LIST_STEPS:
            step(labels, toks, listed)
    if "B-PER" in labels or "I-PER" in labels:
        _add_family_names(labels, toks, lexicon, listed)
        _drop_titles_and_nationalities(labels, toks, lexicon, listed)
        _trim_person_tails(labels, toks, listed)
        _surnames_of_people(labels, listed, _name_heads(lexicon))
    if any(lab != "O" for lab in labels):
        _drop_fragments(labels, toks, listed)
        _join_dotted(labels, toks)
        _drop_letterless(labels, toks)
    out = _relabel(tagged, labels)
    if "B-PER" in labels or "I-PER" in labels:
        out = join_name_chains(out, text)
    return out
