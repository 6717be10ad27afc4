"""Result types shared by every stage: small frozen dataclasses of offsets and labels.

Every span type carries ``text``, ``start`` and ``end`` such that
``source[start:end] == span.text`` for the string it was computed on.

>>> s = Sentence("مرحبا.", 0, 6)
>>> s.text, s.end - s.start
('مرحبا.', 6)
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from arnews.names import group_names

__all__ = [
    "Article",
    "Cleaned",
    "Entity",
    "EntityField",
    "EntityLabel",
    "LineDecision",
    "Removed",
    "Sentence",
    "Span",
    "Token",
    "TokenKind",
]

TokenKind = Literal["word", "number", "punct", "url", "email", "hashtag", "mention", "symbol"]
"""What a token is: a word (any script), a number, punctuation, a URL, an e-mail address,
a #hashtag, an @mention, or any other symbol (emoji, currency sign…)."""

EntityLabel = Literal["PER", "ORG", "LOC", "MISC"]
"""Named-entity types: people, organisations (agencies, parties, companies…), places, other."""

EntityField = Literal["body", "title"]
"""Which text of an article an entity's offsets index: ``Article.text`` or ``Article.title``."""


@dataclass(frozen=True, slots=True)
class Span:
    """A plain stretch of a text.

    >>> Span("نص", 3, 5).end
    5
    """

    text: str
    start: int
    end: int


class Token(NamedTuple):
    """One token with its place in the text and its attached proclitics.

    ``proclitic`` holds the conjunctions and prepositions glued to the front of an Arabic
    word (و ف ب ل ك and their stacks such as ``وب``); ``article`` holds the definite
    article that follows them: ``"ال"``, or ``"ل"`` when the preposition لـ swallowed the
    article's alef (``للمغرب`` = ``ل`` + ``ل`` + ``مغرب``).

    Unlike the other span types a Token is a named tuple (immutable and hashable all the
    same): the tokenizer makes one per word, and a tuple is built and, holding only
    strings and ints, left alone by the garbage collector at a third of a frozen
    dataclass's cost (``benchmarks/bench_text.py``).

    >>> t = Token("والمغرب", 10, 17, "word", proclitic="و", article="ال")
    >>> t.stem, t.base, t.base_start
    ('مغرب', 'المغرب', 11)
    >>> Token("للأمم", 0, 5, "word", proclitic="ل", article="ل").base
    'الأمم'
    """

    text: str
    start: int
    end: int
    kind: TokenKind = "word"
    proclitic: str = ""
    article: str = ""

    @property
    def stem(self) -> str:
        """The word without proclitics and article."""
        return self.text[len(self.proclitic) + len(self.article) :]

    @property
    def base_start(self) -> int:
        """Offset where the word starts once its proclitics are set aside."""
        return self.start + len(self.proclitic)

    @property
    def base(self) -> str:
        """The word without proclitics, with an elided article restored (للمغرب → المغرب)."""
        if self.article == "ل":
            return "ال" + self.stem
        return self.text[len(self.proclitic) :]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``source[start:end] == text``; no leading or trailing whitespace."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity mention.

    ``canonical`` is the name as one would index it: normalized, without diacritics or an
    attached proclitic, with an article swallowed by لـ restored. ``field`` says which
    text ``start``/``end`` index: ``"body"`` (the text passed to ``extract_entities``, or
    ``Article.text``) or ``"title"`` (``Article.title``).

    >>> e = Entity("لأمم المتحدة", "ORG", 1, 13, 0.97, "الأمم المتحدة")
    >>> e.label, e.canonical, e.field
    ('ORG', 'الأمم المتحدة', 'body')
    """

    text: str
    label: EntityLabel
    start: int
    end: int
    score: float
    canonical: str
    field: EntityField = "body"


@dataclass(frozen=True, slots=True)
class Removed:
    """A block taken out of an article, with the reason code that explains why."""

    text: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class LineDecision:
    """Why one non-blank input line of :func:`arnews.strip_boilerplate` was kept or removed.

    ``reason`` is the reason code of a removed line (``None`` when kept); ``rule`` names the
    rule that decided, in words; ``evidence`` holds the measurements behind it (kind,
    words, function-word share, sentence punctuation, Arabic share, digits, phrase matches,
    whether the line lies in the body region).
    """

    text: str
    start: int
    end: int
    kept: bool
    reason: str | None
    rule: str
    evidence: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What :func:`arnews.strip_boilerplate` returns.

    ``text`` is the article body (kept blocks in order, separated by blank lines);
    ``kept`` and ``removed`` index the *input*; metadata lines moved out of the body go
    to ``title``, ``published`` and ``source`` (and are listed in ``removed`` with the
    reasons ``title``, ``date`` and ``source``).
    """

    text: str
    kept: tuple[Span, ...]
    removed: tuple[Removed, ...]
    title: str | None = None
    published: _dt.date | None = None
    source: str | None = None
    lines: tuple[LineDecision, ...] = field(default=(), repr=False, compare=False)
    """Every non-blank line with its decision, rule and evidence (``explain=True`` only)."""
    input_kind: str = field(default="text", repr=False, compare=False)
    """``"text"`` or ``"html"``: how the input was read (``html=None`` sniffs markup)."""
    arabic_ratio: float = field(default=1.0, repr=False, compare=False)
    """Share of the kept text's letters that are Arabic (1.0 for text without letters)."""
    notes: tuple[str, ...] = field(default=(), repr=False, compare=False)
    """How the input was read: markup sniffed, the HTML candidate used, text mostly not Arabic."""


@dataclass(frozen=True, slots=True)
class Article:
    """A processed article: clean text, metadata, sentences and entities.

    Offsets of ``sentences`` index ``text``. ``entities`` holds the entities of the title
    (``field == "title"``, offsets into ``title``) and then those of the body
    (``field == "body"``, offsets into ``text``); see :meth:`field_text`.
    """

    text: str
    title: str | None = None
    published: _dt.date | None = None
    source: str | None = None
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    removed: tuple[Removed, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict, hash=False)
    input_kind: str = "text"
    """``"text"`` or ``"html"``: how the input was read (``html=None`` sniffs markup)."""
    arabic_ratio: float = 1.0
    """Share of the body's letters that are Arabic (1.0 for a body without letters)."""
    notes: tuple[str, ...] = ()
    """What the pipeline decided about the input: markup sniffed, the HTML candidate used,
    entities skipped on text that is mostly not Arabic."""

    @property
    def people(self) -> tuple[str, ...]:
        """People named in the article, once each, in order of first mention.

        A short mention (a surname, a name with or without a title) counts as the full name
        it belongs to: ``زوييف`` after ``ألكسندر زوييف`` adds nobody new.

        >>> e = [Entity("ألكسندر زوييف", "PER", 0, 13, 0.9, "ألكسندر زوييف"),
        ...      Entity("زوييف", "PER", 20, 25, 0.9, "زوييف")]
        >>> Article("", entities=tuple(e)).people
        ('ألكسندر زوييف',)
        """
        return self._names("PER")

    @property
    def organizations(self) -> tuple[str, ...]:
        """Organisations named in the article, merged and ordered like :attr:`people`."""
        return self._names("ORG")

    @property
    def places(self) -> tuple[str, ...]:
        """Places named in the article, once each, in order of first mention."""
        return self._names("LOC")

    def field_text(self, entity: Entity) -> str:
        """The text ``entity``'s offsets index: ``text`` or ``title``.

        >>> a = Article("في الرباط", title="زيارة إلى الرباط",
        ...     entities=(Entity("الرباط", "LOC", 10, 16, 0.9, "الرباط", "title"),))
        >>> e = a.entities[0]
        >>> a.field_text(e)[e.start : e.end], a.places
        ('الرباط', ('الرباط',))
        """
        return (self.title or "") if entity.field == "title" else self.text

    @property
    def body_entities(self) -> tuple[Entity, ...]:
        """The entities of the body (offsets into ``text``), in text order."""
        return tuple(e for e in self.entities if e.field == "body")

    @property
    def title_entities(self) -> tuple[Entity, ...]:
        """The entities of the title (offsets into ``title``), in title order."""
        return tuple(e for e in self.entities if e.field == "title")

    @property
    def error(self) -> str | None:
        """Why the article could not be processed (``process_many(..., errors="record")``).

        ``None`` for an article that was processed; otherwise ``metadata["error"]``.

        >>> Article("").error is None
        True
        """
        value = self.metadata.get("error")
        return None if value is None else str(value)

    def _names(self, label: EntityLabel) -> tuple[str, ...]:
        return group_names(self.entities, label)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: dates as ISO strings, spans as dicts, derived names included.

        >>> Article("نص", published=_dt.date(2025, 5, 14)).to_dict()["published"]
        '2025-05-14'
        """
        published = self.published.isoformat() if self.published is not None else None
        return {
            "text": self.text,
            "title": self.title,
            "published": published,
            "source": self.source,
            "sentences": [_fields(s) for s in self.sentences],
            "entities": [_fields(e) for e in self.entities],
            "removed": [_fields(r) for r in self.removed],
            "people": list(self.people),
            "organizations": list(self.organizations),
            "places": list(self.places),
            "metadata": dict(self.metadata),
            "input_kind": self.input_kind,
            "arabic_ratio": self.arabic_ratio,
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Read back what :meth:`to_dict` wrote (derived names are recomputed, not read).

        A ``published`` value with a time of day (``2025-05-14T10:00``) reads as its date.

        >>> a = Article("نص", published=_dt.date(2025, 5, 14), metadata={"id": 7})
        >>> b = Article.from_dict(a.to_dict())
        >>> b == a, b.metadata
        (True, {'id': 7})
        >>> Article.from_dict({"text": "", "published": "2025-05-14T10:00"}).published
        datetime.date(2025, 5, 14)
        >>> Article.from_dict({"title": "x"})
        Traceback (most recent call last):
        ValueError: an article dict needs a 'text' string
        """
        if not isinstance(data, Mapping):
            raise TypeError(f"data must be a mapping, not {type(data).__name__}")
        text = data.get("text")
        if not isinstance(text, str):
            raise ValueError("an article dict needs a 'text' string")
        return cls(
            text=text,
            title=data.get("title"),
            published=_read_date(data.get("published")),
            source=data.get("source"),
            sentences=tuple(Sentence(**item) for item in data.get("sentences") or ()),
            entities=tuple(Entity(**item) for item in data.get("entities") or ()),
            removed=tuple(Removed(**item) for item in data.get("removed") or ()),
            metadata=dict(data.get("metadata") or {}),
            input_kind=str(data.get("input_kind", "text")),
            arabic_ratio=float(data.get("arabic_ratio", 1.0)),
            notes=tuple(str(n) for n in data.get("notes") or ()),
        )

    def _repr_html_(self) -> str:
        """Render the article for Jupyter: right to left, entities highlighted by type."""
        from arnews.display import render_article

        return render_article(self)


def _fields(span: Sentence | Entity | Removed) -> dict[str, Any]:
    """A span's fields as a plain dict, in declaration order."""
    return {name: getattr(span, name) for name in span.__slots__}


def _read_date(value: Any) -> _dt.date | None:
    """A ``date`` from ``None``, a ``date``/``datetime`` or an ISO string."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"published must be an ISO date string, not {type(value).__name__}")
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return _dt.datetime.fromisoformat(value).date()
