"""HTML rendering of an :class:`~arnews.types.Article`, for notebooks (``_repr_html_``).

The article is shown right to left (``dir="rtl"``, ``lang="ar"``) with its title, date
and source, a legend, the body with every entity highlighted by type (``<mark>`` with
``data-label``, ``data-start``, ``data-end``; the canonical name and score as a tooltip),
the people, organisations and places, and the removed blocks with their reasons in a
collapsed ``<details>``. Every piece of text is HTML-escaped; the body keeps its line
breaks (``white-space: pre-wrap``), so the text of the body element is ``Article.text``.

>>> from arnews.types import Article, Entity
>>> html = render_article(Article("زار <ماكرون> الرباط", entities=(
...     Entity("الرباط", "LOC", 13, 19, 0.9, "الرباط"),)))
>>> 'dir="rtl"' in html, "&lt;ماكرون&gt;" in html, "<ماكرون>" in html
(True, True, False)
>>> '<mark class="arnews-ent arnews-LOC" data-label="LOC"' in html
True
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from html import escape
from typing import Final

from arnews.types import Article, Entity

__all__ = ["LABELS", "render_article"]

LABELS: Final = {
    "PER": ("شخص", "person", "#fbd5d5"),
    "ORG": ("مؤسسة", "organization", "#cfe0fc"),
    "LOC": ("مكان", "place", "#cdf1d6"),
    "MISC": ("أخرى", "other", "#fbeab8"),
}
"""Label → (Arabic name, English name, highlight colour)."""

_STYLE: Final = """
.arnews-article{font-family:"Noto Naskh Arabic","Noto Sans Arabic","Amiri","Segoe UI",
 Tahoma,sans-serif;line-height:1.9;max-width:52em;color:#1f2328;background:#fff;
 padding:.8em 1em;border:1px solid #d0d7de;border-radius:6px}
.arnews-article h3{margin:.1em 0 .3em;font-size:1.3em}
.arnews-meta,.arnews-names{color:#57606a;font-size:.9em}
.arnews-legend{margin:.4em 0;font-size:.85em}
.arnews-legend span{padding:0 .4em;border-radius:3px;margin-inline-end:.5em}
.arnews-text{white-space:pre-wrap;margin:.6em 0;font-size:1.05em}
.arnews-ent{padding:0;border-radius:3px;color:#111}
.arnews-ent::after{content:attr(data-label);font:bold .6em sans-serif;margin-inline-start:.3em;
 color:#444;vertical-align:super}
.arnews-removed{font-size:.85em;color:#57606a}
.arnews-removed li{white-space:pre-wrap}
.arnews-reason{font-family:monospace;background:#eaeef2;padding:0 .3em;border-radius:3px}
.arnews-error{color:#b42318;font-family:monospace}
"""


def render_article(article: Article) -> str:
    """Return the article as a self-contained HTML fragment (see the module docstring).

    >>> "<details" in render_article(Article(""))
    False
    """
    parts = [
        '<div class="arnews-article" dir="rtl" lang="ar">',
        f"<style>{_STYLE}{_label_styles()}</style>",
    ]
    if article.title:
        title = "".join(_highlight(article.title, article.title_entities))
        parts.append(f'<h3 class="arnews-title">{title}</h3>')
    meta = [m for m in (_date(article), article.source) if m]
    if meta:
        parts.append(f'<div class="arnews-meta">{" · ".join(escape(m) for m in meta)}</div>')
    if article.error is not None:
        parts.append(f'<div class="arnews-error" dir="ltr">{escape(article.error)}</div>')
    parts.append(_legend(article))
    body = "".join(_highlight(article.text, article.body_entities))
    parts.append(f'<div class="arnews-text">{body}</div>')
    parts.append(_names(article))
    parts.append(_removed(article))
    parts.append("</div>")
    return "".join(p for p in parts if p)


def _label_styles() -> str:
    return "".join(f".arnews-{label}{{background:{c[2]}}}" for label, c in LABELS.items())


def _date(article: Article) -> str | None:
    return article.published.isoformat() if article.published is not None else None


def _legend(article: Article) -> str:
    counts = dict.fromkeys(LABELS, 0)
    for e in article.entities:
        counts[e.label] = counts.get(e.label, 0) + 1
    items = "".join(
        f'<span class="arnews-{label}" data-label="{label}" title="{escape(english)}">'
        f"{escape(arabic)} {label} · {_count(counts[label], 'mention')}</span>"
        for label, (arabic, english, _) in LABELS.items()
    )
    return f'<div class="arnews-legend">{items}</div>'


def _highlight(text: str, entities: Sequence[Entity]) -> Iterator[str]:
    """Escaped ``text`` with a ``<mark>`` around each of its entities (overlaps skipped)."""
    at = 0
    for e in sorted(entities, key=lambda e: (e.start, -e.end)):
        if e.start < at or not 0 <= e.start < e.end <= len(text):
            continue
        yield escape(text[at : e.start])
        yield _mark(e, text[e.start : e.end])
        at = e.end
    yield escape(text[at:])


def _count(n: int, noun: str) -> str:
    """``1 mention``, ``3 mentions``: the legend counts mentions, the lists unique names."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _mark(entity: Entity, shown: str) -> str:
    tip = f"{entity.label}: {entity.canonical} ({entity.score:.2f})"
    label = escape(entity.label)
    return (
        f'<mark class="arnews-ent arnews-{label}" data-label="{label}"'
        f' data-start="{entity.start}" data-end="{entity.end}" title="{escape(tip)}">'
        f"{escape(shown)}</mark>"
    )


def _names(article: Article) -> str:
    rows = [
        ("أشخاص · people", article.people),
        ("مؤسسات · organizations", article.organizations),
        ("أماكن · places", article.places),
    ]
    shown = [
        f"<b>{escape(name)} ({_count(len(v), 'name')}):</b> {escape('، '.join(v))}"
        for name, v in rows
        if v
    ]
    if not shown:
        return ""
    return f'<div class="arnews-names">{"<br>".join(shown)}</div>'


def _removed(article: Article) -> str:
    if not article.removed:
        return ""
    items = "".join(
        f'<li><span class="arnews-reason" dir="ltr">{escape(r.reason)}</span> {escape(r.text)}</li>'
        for r in article.removed
    )
    count = len(article.removed)
    return (
        f'<details class="arnews-removed"><summary>{count} removed block'
        f"{'s' if count != 1 else ''} (boilerplate)</summary><ul>{items}</ul></details>"
    )
