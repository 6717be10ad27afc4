"""Score main-text extractors on the real saved pages (local fixtures, never committed).

The pages live in ``../shared/data/pages`` (see its README); ``gold.json`` here holds the
hand-judged lines of their naive visible text as hashes (see ``annotate.py``). Every system
is scored on its output text the same way, after collapsing whitespace:

- **recall**: the share of gold body sentences found (as substrings) in the output;
- **precision**: the share of output characters that belong to the body. An output line
  that is part of a body line (or the whole of one) is body; otherwise the body sentences
  inside it are body and the rest is chrome; the title and neutral lines (date line,
  byline, caption, credit) are left out of both counts.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # the sibling modules, however this file is imported
    sys.path.insert(0, str(HERE))

from annotate import digest  # noqa: E402
from visible import visible_text  # noqa: E402

PAGES = HERE.parents[3].parent / "shared" / "data" / "pages"  # ../shared from the checkout
_SENTENCE = re.compile(r"[^.!?؟…]+[.!?؟…]*")


@dataclass(frozen=True)
class RealPage:
    name: str
    html: str
    text: str  # the naive visible text, one block a line
    body: tuple[str, ...]  # gold body lines (whitespace collapsed)
    other: tuple[str, ...]  # title and neutral lines


@dataclass(frozen=True)
class PageScore:
    sentences: int
    sentences_kept: int
    body_chars: int
    chrome_chars: int

    @property
    def recall(self) -> float:
        return self.sentences_kept / max(self.sentences, 1)

    @property
    def precision(self) -> float:
        total = self.body_chars + self.chrome_chars
        return self.body_chars / total if total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def available(pages: Path = PAGES) -> bool:
    return (pages / "cnnarabic-1" / "page.html").is_file()


def load(pages: Path = PAGES) -> list[RealPage]:
    gold = json.loads((HERE / "gold.json").read_text("utf-8"))
    out = []
    for name, g in gold.items():
        html = (pages / name / "page.html").read_text("utf-8", "replace")
        text = visible_text(html)
        lines = [" ".join(x.split()) for x in text.split("\n")]

        def pick(entry: dict[str, object], lines: list[str] = lines, name: str = name) -> str:
            line = lines[int(str(entry["line"])) - 1]
            if digest(line) != entry["sha256"]:
                raise ValueError(f"{name}: line {entry['line']} does not match gold.json")
            return line

        out.append(
            RealPage(
                name.rpartition("/")[2],
                html,
                text,
                tuple(pick(e) for e in g["body"]),
                tuple(pick(e) for e in [g["title"], *g["neutral"]]),
            )
        )
    return out


def sentences(line: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(line) if len(s.strip()) >= 3]


def score(page: RealPage, output: str) -> PageScore:
    out_lines = [" ".join(x.split()) for x in output.split("\n")]
    out_lines = [x for x in out_lines if x]
    joined = "\n".join(out_lines)
    gold_sentences = [s for line in page.body for s in sentences(line)]
    kept = sum(s in joined for s in gold_sentences)
    body_text = "\n".join(page.body)
    other = set(page.other)
    body = chrome = 0
    for line in out_lines:
        if line in other or any(line in o for o in other if len(line) >= 20):
            continue
        if line in page.body or (len(line) >= 20 and line in body_text):
            body += len(line)
            continue
        inside = min(len(line), sum(len(s) for s in gold_sentences if s in line))
        inside += sum(len(o) for o in other if len(o) >= 20 and o in line)
        inside = min(len(line), inside)
        body += inside if inside else 0
        chrome += len(line) - inside
        # neutral text inside a mixed line is counted as body: it is not chrome
    return PageScore(len(gold_sentences), kept, body, chrome)


Extractor = Callable[[RealPage], str]


def arnews_text(page: RealPage) -> str:
    from arnews import strip_boilerplate

    return strip_boilerplate(page.text, html=False).text


def arnews_html(page: RealPage) -> str:
    from arnews import strip_boilerplate

    return strip_boilerplate(page.html, html=True).text


def trafilatura_default(page: RealPage) -> str:
    import trafilatura

    return trafilatura.extract(page.html, include_comments=False) or ""


def trafilatura_recall(page: RealPage) -> str:
    import trafilatura

    return trafilatura.extract(page.html, include_comments=False, favor_recall=True) or ""


def justext_default(page: RealPage) -> str:
    import justext

    paragraphs = justext.justext(page.html.encode("utf-8"), justext.get_stoplist("Arabic"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def visible_only(page: RealPage) -> str:
    return page.text


SYSTEMS: dict[str, Extractor] = {
    "visible text (no cleaning)": visible_only,
    "arnews text mode (visible text)": arnews_text,
    "arnews html=True": arnews_html,
    "trafilatura (default)": trafilatura_default,
    "trafilatura (favor_recall)": trafilatura_recall,
    "jusText (Arabic stoplist)": justext_default,
}


def table(systems: dict[str, Extractor] = SYSTEMS, pages: Path = PAGES) -> str:
    """Per-page recall/precision for every system, then the macro averages (markdown)."""
    loaded = load(pages)
    rows = ["| system | page | recall | precision | F1 |", "|---|---|---|---|---|"]
    macro = [
        "| system | macro recall | macro precision | macro F1 | worst recall |",
        "|---|---|---|---|---|",
    ]
    for label, fn in systems.items():
        scores = [score(p, fn(p)) for p in loaded]
        for p, s in zip(loaded, scores, strict=True):
            rows.append(f"| {label} | {p.name} | {s.recall:.1%} | {s.precision:.2f} | {s.f1:.2f} |")
        n = len(scores)
        macro.append(
            f"| {label} | {sum(s.recall for s in scores) / n:.1%} "
            f"| {sum(s.precision for s in scores) / n:.3f} | {sum(s.f1 for s in scores) / n:.3f} "
            f"| {min(s.recall for s in scores):.1%} |"
        )
    return "\n".join(macro) + "\n\n" + "\n".join(rows)
