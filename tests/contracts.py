"""The contracts every public function keeps, written once as checks.

Each ``check_*`` takes the input and what the function returned and raises
``AssertionError`` (with the broken promise in its message) when a promise is broken.
``tests/test_invariants.py``, ``tests/test_reliability.py`` and the fuzz harnesses in
``fuzz/`` all use them; run them with ``python -O`` and they would check nothing, so they
raise explicitly instead of using ``assert``.

>>> check_sentences("أ. ب", [])
Traceback (most recent call last):
AssertionError: split_sentences: non-space character 'أ' at 0 is in no sentence
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from arnews import (
    Article,
    Cleaned,
    Entity,
    Normalized,
    Sentence,
    Token,
    extract_entities,
    normalize,
    normalize_with_map,
    process,
    split_sentences,
    strip_boilerplate,
    tokenize,
)
from arnews.boilerplate import html_to_text
from arnews.chars import VARIATION_SELECTORS

__all__ = [
    "LABELS",
    "TARGETS",
    "TOKEN_KINDS",
    "check_article",
    "check_cleaned",
    "check_entities",
    "check_normalize",
    "check_normalized",
    "check_sentences",
    "check_spans",
    "check_tokens",
    "fail_unless",
    "skippable_by_tokenizer",
]

LABELS = frozenset({"PER", "ORG", "LOC", "MISC"})
TOKEN_KINDS = frozenset({"word", "number", "punct", "url", "email", "hashtag", "mention", "symbol"})


def fail_unless(condition: object, message: str) -> None:
    """Raise ``AssertionError(message)`` unless ``condition`` holds (works under ``-O``)."""
    if not condition:
        raise AssertionError(message)


def _show(text: str, at: int) -> str:
    return f"{text[at]!r} at {at}"


def check_spans(where: str, text: str, spans: Sequence[Any], *, overlap: bool = False) -> None:
    """Every span is ``text[start:end] == span.text``, non-empty, in order; none overlap."""
    previous_end = 0
    previous_start = -1
    for i, span in enumerate(spans):
        s, e = span.start, span.end
        fail_unless(isinstance(s, int) and isinstance(e, int), f"{where}: span {i} offsets not int")
        fail_unless(0 <= s < e <= len(text), f"{where}: span {i} ({s}, {e}) out of 0..{len(text)}")
        fail_unless(
            text[s:e] == span.text,
            f"{where}: span {i}: text[{s}:{e}] == {text[s:e]!r} but span.text == {span.text!r}",
        )
        fail_unless(s >= previous_start, f"{where}: span {i} at {s} starts before span {i - 1}")
        if not overlap:
            fail_unless(s >= previous_end, f"{where}: span {i} at {s} overlaps the one before")
        previous_start, previous_end = s, max(previous_end, e)


def _gaps(text: str, spans: Sequence[Any]) -> Iterator[tuple[int, str]]:
    """``(start, text)`` of each stretch of ``text`` outside the sorted, disjoint ``spans``."""
    at = 0
    for span in spans:
        if span.start > at:
            yield at, text[at : span.start]
        at = max(at, span.end)
    if at < len(text):
        yield at, text[at:]


def _first_visible(gap: str, skippable: Callable[[str], bool]) -> int:
    """Index of the first character of ``gap`` that may not be skipped, or -1."""
    if not gap or gap.isspace():
        return -1
    return next((i for i, c in enumerate(gap) if not skippable(c)), -1)


# --------------------------------------------------------------------------- normalize


def check_normalize(text: str, result: str) -> None:
    """``normalize`` returns a str that is its own normal form and matches the offset map."""
    fail_unless(isinstance(result, str), "normalize: result is not a str")
    again = normalize(result)
    fail_unless(again == result, f"normalize is not idempotent: {result!r} -> {again!r}")
    mapped = normalize_with_map(text)
    fail_unless(mapped.text == result, "normalize_with_map(x).text != normalize(x)")


def check_normalized(text: str, n: Normalized) -> None:
    """The offset map has one in-range, non-decreasing source index per output character."""
    fail_unless(n.source == text, "normalize_with_map: source is not the input")
    fail_unless(len(n.offsets) == len(n.text), "normalize_with_map: one offset per character")
    offsets = n.offsets.tolist()
    if offsets:
        low, high = min(offsets), max(offsets)
        fail_unless(low >= 0 and high < len(text), "normalize_with_map: an offset is out of range")
        fail_unless(offsets == sorted(offsets), "normalize_with_map: offsets go back")
    if n.text:
        start, end = n.original_span(0, len(n.text))
        fail_unless(0 <= start < end <= len(text), "original_span of the whole text is out")


# --------------------------------------------------------------------------- tokenize


def skippable_by_tokenizer(char: str) -> bool:
    """Whitespace, invisible characters (format, control) and variation selectors may fall
    between tokens (a selector with no character before it selects nothing)."""
    return (
        char.isspace()
        or char in VARIATION_SELECTORS
        or unicodedata.category(char) in ("Cf", "Cc", "Zs", "Zl", "Zp")
    )


def check_tokens(text: str, tokens: Sequence[Token]) -> None:
    """Valid spans in order; known kinds; clitics are a prefix; no visible text skipped."""
    check_spans("tokenize", text, tokens)
    for t in tokens:
        fail_unless(t.kind in TOKEN_KINDS, f"tokenize: unknown kind {t.kind!r}")
        cut = len(t.proclitic) + len(t.article)
        fail_unless(
            t.text.startswith(t.proclitic + t.article) and cut < len(t.text),
            f"tokenize: clitics {t.proclitic!r}+{t.article!r} are not a proper prefix of "
            f"{t.text!r}",
        )
    for at, gap in _gaps(text, tokens):
        i = _first_visible(gap, skippable_by_tokenizer)
        if i >= 0:
            raise AssertionError(
                f"tokenize: visible character {_show(text, at + i)} is in no token"
            )


# --------------------------------------------------------------------------- sentences


def check_sentences(
    text: str, sentences: Sequence[Sentence], where: str = "split_sentences"
) -> None:
    """Valid, trimmed spans in order; every non-space character in exactly one sentence."""
    check_spans(where, text, sentences)
    for s in sentences:
        fail_unless(
            s.text == s.text.strip() and s.text,
            f"{where}: sentence {s.text[:40]!r} has leading/trailing whitespace or is empty",
        )
    for at, gap in _gaps(text, sentences):
        i = _first_visible(gap, str.isspace)
        if i >= 0:
            raise AssertionError(
                f"{where}: non-space character {_show(text, at + i)} is in no sentence"
            )


# --------------------------------------------------------------------------- boilerplate


def _blank(char: str) -> bool:
    """A line of whitespace and invisible format characters (RLM, ZWSP…) is a blank line."""
    return char.isspace() or unicodedata.category(char) == "Cf"


def check_cleaned(source: str, cleaned: Cleaned, where: str = "strip_boilerplate") -> None:
    """Kept and removed spans index ``source``, never overlap and cover its non-blank lines.

    A line of nothing but whitespace and invisible format characters counts as blank.
    ``source`` is what the offsets index: the input, or ``html_to_text(input)`` for a page.
    The body is the kept spans joined by blank lines, so no character is invented.
    """
    fail_unless(isinstance(cleaned, Cleaned), f"{where}: result is not a Cleaned")
    check_spans(f"{where} (kept)", source, cleaned.kept)
    check_spans(f"{where} (removed)", source, cleaned.removed)
    for r in cleaned.removed:
        fail_unless(isinstance(r.reason, str) and r.reason, f"{where}: removed without a reason")
    body = "\n\n".join(k.text for k in cleaned.kept)
    fail_unless(cleaned.text == body, f"{where}: text is not the kept spans joined")
    both = sorted([*cleaned.kept, *cleaned.removed], key=lambda s: (s.start, s.end))
    check_spans(f"{where} (kept+removed)", source, both)
    for at, gap in _gaps(source, both):
        i = _first_visible(gap, _blank)
        if i >= 0:
            raise AssertionError(
                f"{where}: input character {_show(source, at + i)} is neither kept nor removed"
            )
    for name in ("title", "source"):
        value = getattr(cleaned, name)
        fail_unless(value is None or isinstance(value, str), f"{where}: {name} is not str")


# --------------------------------------------------------------------------- entities


def check_entities(text: str, entities: Sequence[Entity], where: str = "extract_entities") -> None:
    """Valid, trimmed, non-overlapping spans with a known label and a score in [0, 1]."""
    check_spans(where, text, entities)
    for e in entities:
        fail_unless(e.label in LABELS, f"{where}: unknown label {e.label!r}")
        fail_unless(
            isinstance(e.score, float) and 0.0 <= e.score <= 1.0,
            f"{where}: score {e.score!r} of {e.text!r} is not a float in [0, 1]",
        )
        fail_unless(e.text == e.text.strip(), f"{where}: entity {e.text!r} is not trimmed")
        fail_unless(
            isinstance(e.canonical, str) and e.canonical, f"{where}: empty canonical for {e.text!r}"
        )


# --------------------------------------------------------------------------- process


def check_article(
    source: str, article: Article, *, html: bool | None = None, cleaned: Cleaned | None = None
) -> None:
    """The article keeps every stage's contract, over ``Article.text``.

    Its text is the boilerplate stage's body; its sentences cover that text; its body
    entities lie each inside one sentence, its title entities (first) inside the title;
    its removed blocks index the input (or the page's text);
    ``to_dict`` is JSON-ready and ``from_dict`` reads it back. ``cleaned``: what
    ``strip_boilerplate(source, html=html)`` returns, if the caller has it already.
    """
    fail_unless(isinstance(article, Article), "process: result is not an Article")
    if cleaned is None:
        cleaned = strip_boilerplate(source, html=html)
    fail_unless(article.text == cleaned.text, "process: text is not strip_boilerplate's body")
    fail_unless(article.removed == cleaned.removed, "process: removed differs from the stage's")
    check_sentences(article.text, article.sentences, "process (sentences)")
    fail_unless(
        article.entities == article.title_entities + article.body_entities,
        "process: title entities do not come first",
    )
    fail_unless(
        {e.field for e in article.entities} <= {"title", "body"}, "process: unknown entity field"
    )
    fail_unless(
        not article.title_entities or article.title is not None, "process: entities in no title"
    )
    check_entities(article.title or "", article.title_entities, "process (title entities)")
    check_entities(article.text, article.body_entities, "process (entities)")
    sentences = article.sentences
    k = 0
    for e in article.body_entities:
        while k < len(sentences) and sentences[k].end <= e.start:
            k += 1
        fail_unless(
            k < len(sentences) and sentences[k].start <= e.start and e.end <= sentences[k].end,
            f"process: entity {e.text!r} ({e.start}, {e.end}) is not inside one sentence",
        )
    data = article.to_dict()
    encoded = json.dumps(data, sort_keys=True, ensure_ascii=False)
    fail_unless(isinstance(encoded, str), "process: to_dict is not JSON-ready")
    fail_unless(Article.from_dict(data) == article, "process: from_dict(to_dict()) differs")


# --------------------------------------------------------------------------- targets


def _check_tokenize(text: str) -> None:
    check_tokens(text, tokenize(text))
    check_tokens(text, tokenize(text, clitics=False))


def _check_normalization(text: str) -> None:
    check_normalize(text, normalize(text))
    check_normalized(text, normalize_with_map(text))


def _check_sniffed(text: str) -> None:
    """``html=None``: markup is read as a page, and the offsets index its extracted text."""
    cleaned = strip_boilerplate(text)
    source = html_to_text(text) if cleaned.input_kind == "html" else text
    check_cleaned(source, cleaned)


TARGETS: dict[str, Callable[[str], None]] = {
    "normalize": _check_normalization,
    "tokenize": _check_tokenize,
    "sentences": lambda t: check_sentences(t, split_sentences(t)),
    "boilerplate": _check_sniffed,
    "boilerplate_text": lambda t: check_cleaned(t, strip_boilerplate(t, html=False)),
    "boilerplate_html": lambda t: check_cleaned(html_to_text(t), strip_boilerplate(t, html=True)),
    "entities": lambda t: check_entities(t, extract_entities(t)),
    "process": lambda t: check_article(t, process(t)),
}
"""Each public target, run on one input with its contract checked (fuzz/ and the tests)."""
