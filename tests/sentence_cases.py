"""Read sentence-segmentation case files and score boundaries (used by tests and benchmarks).

A case file holds cases separated by a line ``===``. A case is: optional label lines
starting with ``# ``, the input text (one or more lines; blank lines allowed), a line
``---``, then the expected sentences, one a line, in order. Anything else is malformed and
raises :class:`MalformedCaseError`: no ``---`` or two of them, an empty input or an empty
sentence, a sentence with spaces around it, a sentence that is not found in the input
after the previous one, or text of the input that no sentence covers.

>>> cases = parse_cases("# label\\nأ. ب. ج\\nقال. نعم\\n---\\nأ. ب. ج\\nقال.\\nنعم\\n")
>>> cases[0].label, cases[0].boundaries
('label', (7, 12))
>>> try:
...     parse_cases("x\\n---\\ny\\n")
... except MalformedCaseError as error:
...     print(error)
case 1 (line 1): sentence 'y' is not in the input after offset 0
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Case",
    "MalformedCaseError",
    "Score",
    "boundaries_of",
    "parse_cases",
    "read_cases",
    "score",
]


class MalformedCaseError(ValueError):
    """A case file entry that does not follow the format."""


@dataclass(frozen=True)
class Case:
    """One case: its input, the expected sentences and their boundaries in the input."""

    label: str
    text: str
    sentences: tuple[str, ...]
    boundaries: tuple[int, ...]
    """End offsets of every expected sentence but the last (boundaries inside the input)."""
    line: int


@dataclass(frozen=True)
class Score:
    """Boundary precision, recall and F1 over a set of cases."""

    true_positives: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def boundaries_of(text: str, sentences: Sequence[str]) -> tuple[int, ...]:
    """End offsets (all but the last) of ``sentences`` found in order in ``text``.

    Pieces are stripped first; a piece that cannot be found is skipped (other tools may
    rewrite their output), so this never fails.

    >>> boundaries_of("a. b. c", ["a.", " b.", "c"])
    (2, 5)
    """
    ends: list[int] = []
    pos = 0
    for piece in sentences:
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, pos)
        if at < 0:
            continue
        pos = at + len(piece)
        ends.append(pos)
    return tuple(ends[:-1])


def parse_cases(source: str, *, origin: str = "") -> list[Case]:
    """Parse the text of a case file; raise :class:`MalformedCaseError` on any bad case."""
    cases: list[Case] = []
    lines = source.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    block: list[str] = []
    first_line = 1
    for number, line in enumerate([*lines, "==="], start=1):
        if line == "===":
            cases.append(_parse_case(block, len(cases) + 1, first_line, origin))
            block = []
            first_line = number + 1
        else:
            block.append(line)
    return cases


def _parse_case(block: list[str], index: int, line: int, origin: str) -> Case:
    where = f"{origin}case {index} (line {line})"
    labels: list[str] = []
    while block and block[0].startswith("# "):
        labels.append(block.pop(0)[2:].strip())
    if block.count("---") != 1:
        raise MalformedCaseError(
            f"{where}: needs exactly one '---' line, found {block.count('---')}"
        )
    cut = block.index("---")
    text = "\n".join(block[:cut])
    sentences = block[cut + 1 :]
    if not text.strip():
        raise MalformedCaseError(f"{where}: empty input")
    if not sentences:
        raise MalformedCaseError(f"{where}: no expected sentence")
    ends: list[int] = []
    pos = 0
    for sentence in sentences:
        if not sentence or sentence != sentence.strip():
            raise MalformedCaseError(
                f"{where}: sentence {sentence!r} is empty or has spaces around it"
            )
        at = text.find(sentence, pos)
        if at < 0:
            raise MalformedCaseError(
                f"{where}: sentence {sentence!r} is not in the input after offset {pos}"
            )
        if text[pos:at].strip():
            raise MalformedCaseError(f"{where}: input text {text[pos:at]!r} is in no sentence")
        pos = at + len(sentence)
        ends.append(pos)
    if text[pos:].strip():
        raise MalformedCaseError(f"{where}: input text {text[pos:]!r} is in no sentence")
    return Case(" ".join(labels), text, tuple(sentences), tuple(ends[:-1]), line)


def read_cases(path: Path) -> list[Case]:
    """Read and parse a case file."""
    return parse_cases(path.read_text(encoding="utf-8"), origin=f"{path.name}: ")


def score(pairs: Iterable[tuple[Iterable[int], Iterable[int]]]) -> Score:
    """Score ``(predicted, expected)`` boundary sets, one pair per case."""
    tp = predicted = expected = 0
    for got, want in pairs:
        got_set, want_set = set(got), set(want)
        tp += len(got_set & want_set)
        predicted += len(got_set)
        expected += len(want_set)
    return Score(tp, predicted, expected)
