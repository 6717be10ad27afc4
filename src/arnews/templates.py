"""Site templates: lines that repeat across many pages of one source (menus, footers…).

A page's own text cannot tell a menu item that looks like a headline, or a disclaimer
that reads like prose, from the article. Many pages of one site can: the article changes,
the template does not. :class:`BoilerplateModel` counts, for every line (folded: alef
forms, diacritics, case and spacing ignored), how many documents hold it, and calls a
line *template* when it comes back in enough of them. :func:`arnews.strip_boilerplate`
(``template=model``) then removes those lines with the reason ``template`` before any
other rule looks at the page.

>>> pages = [f"الرئيسية\\nسياسة\\nخبر رقم {i} عن موضوع مختلف.\\n© موقعنا" for i in range(5)]
>>> model = BoilerplateModel.fit(pages)
>>> len(model.lines), model.documents
(3, 5)
>>> model.is_template("الرئيسية"), model.is_template("خبر رقم 1 عن موضوع مختلف.")
(True, False)
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = ["BoilerplateModel", "TemplateLearner", "template_key"]

_MIN_DOCUMENTS = 3
_MIN_SHARE = 0.2
_MAX_KEY_CHARS = 2000  # longer lines are article text, never a template
_MAX_KEYS = 200_000  # distinct lines counted at most; the rarest go beyond that


def template_key(line: str) -> str:
    """The folded words of a line: what two copies of one template line share.

    >>> template_key("  اقرأ أيضاً: "), template_key("Home | News")
    ('اقرا ايضا', 'home news')
    """
    from arnews.linekeys import line_key

    return line_key(line[:_MAX_KEY_CHARS])


@dataclass(frozen=True)
class BoilerplateModel:
    """Template lines learnt from many documents of one source (see the module docstring).

    ``lines`` holds the folded keys of the template lines; ``documents`` how many distinct
    documents were seen. Build one with :meth:`fit` (or :meth:`update` to add documents);
    save it as JSON with :meth:`to_json` / :meth:`from_json` (never pickle).
    """

    lines: frozenset[str] = frozenset()
    documents: int = 0
    common: frozenset[str] = frozenset()
    """Template lines held by more than half of the documents (prose may go only then)."""
    counts: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    min_documents: int = _MIN_DOCUMENTS
    min_share: float = _MIN_SHARE

    @classmethod
    def fit(
        cls,
        texts: Iterable[str],
        *,
        min_documents: int = _MIN_DOCUMENTS,
        min_share: float = _MIN_SHARE,
    ) -> BoilerplateModel:
        """Learn the template lines of ``texts`` (pages of one source, as text).

        A line is template when at least ``min_documents`` documents, and at least
        ``min_share`` of all documents, hold it. Duplicate documents count once.
        """
        empty = cls(min_documents=min_documents, min_share=min_share)
        return empty.update(texts)

    def update(self, texts: Iterable[str]) -> BoilerplateModel:
        """A new model that has also seen ``texts`` (this one is unchanged)."""
        if isinstance(texts, str):
            raise TypeError("texts must be an iterable of str, not one str")
        counts = Counter(self.counts)
        seen: set[bytes] = set()
        documents = self.documents
        for text in texts:
            if not isinstance(text, str):
                raise TypeError(f"every text must be str, not {type(text).__name__}")
            digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16)
            if digest.digest() in seen:
                continue
            seen.add(digest.digest())
            documents += 1
            keys = {template_key(line) for line in text.splitlines()}
            keys.discard("")
            counts.update(keys)
            if len(counts) > _MAX_KEYS:  # memory stays bounded on an endless stream
                counts = Counter(dict(counts.most_common(_MAX_KEYS // 2)))
        return self._with(counts, documents)

    def _with(self, counts: Counter[str], documents: int) -> BoilerplateModel:
        need = max(self.min_documents, self.min_share * documents)
        lines = frozenset(k for k, n in counts.items() if n >= need)
        common = frozenset(k for k in lines if counts[k] > 0.5 * documents)
        return BoilerplateModel(
            lines, documents, common, dict(counts), self.min_documents, self.min_share
        )

    def is_template(self, line: str, *, prose: bool = False) -> bool:
        """True when ``line`` is one of the learnt template lines.

        ``prose=True`` (the line reads as a paragraph) asks for a line that more than half
        of the documents hold.
        """
        if not self.lines:
            return False
        key = template_key(line)
        return key in (self.common if prose else self.lines)

    def to_json(self) -> str:
        """The model as JSON (template lines and settings; not the raw counts)."""
        data: dict[str, Any] = {
            "format": "arnews-boilerplate-model/1",
            "documents": self.documents,
            "min_documents": self.min_documents,
            "min_share": self.min_share,
            "lines": sorted(self.lines),
            "common": sorted(self.common),
        }
        return json.dumps(data, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> BoilerplateModel:
        """Read a model written by :meth:`to_json`."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != "arnews-boilerplate-model/1":
            raise ValueError("not an arnews boilerplate model (format arnews-boilerplate-model/1)")
        return cls(
            frozenset(str(x) for x in data["lines"]),
            int(data["documents"]),
            frozenset(str(x) for x in data.get("common", ())),
            {},
            int(data["min_documents"]),
            float(data["min_share"]),
        )


_FULL_RECOUNT_EVERY = 64  # documents between two full recounts of the template lines


class TemplateLearner:
    """Learns the site template from a stream, one document at a time (what
    ``process_many`` uses). :meth:`add` counts a document's lines; :attr:`model` is the
    template known so far. Lines are recounted in full for the first 64 documents and
    every 64 after; in between, lines that cross the threshold join at once. Memory is
    bounded (at most 200,000 distinct lines are counted).

    >>> learner = TemplateLearner()
    >>> for i in range(4):
    ...     learner.add(f"الرئيسية\\nخبر رقم {i} عن موضوع مختلف.")
    >>> learner.model.is_template("الرئيسية"), len(learner.model.lines), learner.model.documents
    (True, 1, 4)
    """

    def __init__(self, *, min_documents: int = _MIN_DOCUMENTS, min_share: float = _MIN_SHARE):
        self.min_documents = min_documents
        self.min_share = min_share
        self.counts: Counter[str] = Counter()
        self.documents = 0
        self.model = BoilerplateModel(min_documents=min_documents, min_share=min_share)
        self._lines: set[str] = set()

    def add(self, text: str) -> None:
        """Count the lines of one more document."""
        keys = {template_key(line) for line in text.splitlines()}
        keys.discard("")
        if not keys:
            return
        self.documents += 1
        self.counts.update(keys)
        if len(self.counts) > _MAX_KEYS:
            self.counts = Counter(dict(self.counts.most_common(_MAX_KEYS // 2)))
        need = max(self.min_documents, self.min_share * self.documents)
        if self.documents <= _FULL_RECOUNT_EVERY or self.documents % _FULL_RECOUNT_EVERY == 0:
            lines = {k for k, n in self.counts.items() if n >= need}
        else:
            lines = self._lines | {k for k in keys if self.counts[k] >= need}
        common = frozenset(k for k in lines if self.counts[k] > 0.5 * self.documents)
        if lines != self._lines or common != self.model.common:
            self._lines = lines
            self.model = BoilerplateModel(
                frozenset(lines), self.documents, common, {}, self.min_documents, self.min_share
            )
        else:
            self.model = replace(self.model, documents=self.documents)
