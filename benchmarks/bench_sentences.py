#!/usr/bin/env python3
"""Sentence boundaries on the hand-checked dev set: arnews vs pySBD vs pyarabic.

For each system: boundary precision, recall and F1 (only boundaries inside a paragraph
count, as in ``tests/data/sentences_dev.txt``) and speed in millions of characters per
second, each paragraph segmented by its own call. ``--by-tag`` adds F1 per hard case;
``--errors`` lists every boundary where arnews and the hand-checked gold disagree.

    .venv/bin/python benchmarks/bench_sentences.py [--by-tag] [--errors] [--repeat 5]
        [--set dev|heldout|regional|pages] [--units]

``--set heldout`` (or ``--heldout``) scores the small held-out set instead (drawn after the
rules were written and never used to tune them); ``--set regional`` the regional set of
Jawhara FM paragraphs (``tests/data/sentences_dev_regional.txt``, issue 12); ``--set pages``
the paragraphs of the saved pages in ``../shared/data/pages`` (rebuilt from the pages, which
are never committed; their boundaries are in ``tests/data/sentences_pages.tsv``). ``--units``
segments every hand-checked sentence of the three committed sets on its own (UD-style
single-sentence text) and prints the share each system returns whole.

pySBD runs with ``language="ar"`` and ``clean=False``; pyarabic's
``araby.sentence_tokenize`` also cuts after commas and colons and stops cutting after 32
cuts in a text (it passes ``re.UNICODE`` as the ``count`` of ``re.sub``).
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "sentences_dev.txt"
HELDOUT = ROOT / "tests" / "data" / "sentences_heldout.txt"
REGIONAL = ROOT / "tests" / "data" / "sentences_dev_regional.txt"
PAGES_GOLD = ROOT / "tests" / "data" / "sentences_pages.tsv"
SETS = {"dev": DEV, "heldout": HELDOUT, "regional": REGIONAL, "pages": PAGES_GOLD}

Splitter = Callable[[str], Sequence[str]]


def load_cases_module() -> ModuleType:
    """Import ``tests/sentence_cases.py`` (the case-file reader shared with the tests)."""
    spec = importlib.util.spec_from_file_location(
        "sentence_cases", ROOT / "tests" / "sentence_cases.py"
    )
    if spec is None or spec.loader is None:
        raise ImportError("tests/sentence_cases.py not found")
    module = importlib.util.module_from_spec(spec)
    sys.modules["sentence_cases"] = module
    spec.loader.exec_module(module)
    return module


def read_page_cases(cases_module: ModuleType) -> list[object]:
    """The page paragraphs of ``../shared/data/pages`` with the boundaries marked in
    ``tests/data/sentences_pages.tsv`` (matched by digest; none when ``../shared`` is absent)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from page_paragraphs import digest, read_page_paragraphs

    gold: dict[tuple[str, str], tuple[int, ...]] = {}
    for line in PAGES_GOLD.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        page, key, ends = [*line.split("\t"), ""][:3]
        gold[(page, key)] = tuple(int(x) for x in ends.split(",") if x)
    cases = []
    for page, paragraph in read_page_paragraphs():
        boundaries = gold.get((page, digest(paragraph)))
        if boundaries is not None:
            label = f"pages/{page} [{page.split('/')[-1].rsplit('-', 1)[0]}]"
            cases.append(cases_module.Case(label, paragraph, (), boundaries, 0))
    return cases


def read_set(which: str, cases_module: ModuleType) -> list[object]:
    """The cases of one evaluation set."""
    if which == "pages":
        return read_page_cases(cases_module)
    return list(cases_module.read_cases(SETS[which]))


def make_splitters() -> dict[str, Splitter]:
    """The systems compared, each as ``text -> list of sentence strings``."""
    import pysbd
    from pyarabic.araby import sentence_tokenize

    from arnews import split_sentences

    sbd = pysbd.Segmenter(language="ar", clean=False)
    return {
        "arnews": lambda text: [s.text for s in split_sentences(text)],
        "pysbd (ar)": sbd.segment,
        "pyarabic": sentence_tokenize,
    }


def measure(
    name: str, split: Splitter, cases: Sequence[object], cases_module: ModuleType, repeat: int
) -> tuple[object, float, dict[str, object]]:
    """Score, speed (M chars/s, best of ``repeat``) and per-tag scores of one system."""
    pairs = []
    by_tag: dict[str, list[tuple[tuple[int, ...], tuple[int, ...]]]] = defaultdict(list)
    for case in cases:
        got = cases_module.boundaries_of(case.text, split(case.text))
        pairs.append((got, case.boundaries))
        tag = re.search(r"\[([\w-]+)\]", case.label)
        by_tag[tag.group(1) if tag else "other"].append((got, case.boundaries))
    chars = sum(len(c.text) for c in cases)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for case in cases:
            split(case.text)
        best = min(best, time.perf_counter() - start)
    tags = {tag: cases_module.score(p) for tag, p in sorted(by_tag.items())}
    return cases_module.score(pairs), chars / best / 1e6, tags


def print_units(cases_module: ModuleType, splitters: dict[str, Splitter]) -> None:
    """UD-style single-sentence text: each hand-checked sentence of the committed sets,
    segmented on its own, should come back whole (one sentence)."""
    units = [
        s
        for path in (DEV, HELDOUT, REGIONAL)
        for case in cases_module.read_cases(path)
        for s in case.sentences
    ]
    print(f"single sentences (UD-style): {len(units)} hand-checked sentences, each alone\n")
    print("| system | kept whole | share |")
    print("|---|---:|---:|")
    for name, split in splitters.items():
        whole = sum(1 for u in units if len([p for p in split(u) if p.strip()]) == 1)
        print(f"| {name} | {whole} | {whole / len(units):.4f} |")
    broken = [u for u in units if len(splitters["arnews"](u)) != 1]
    for unit in broken:
        print(f"- arnews splits: {unit[:100]}…")


def print_errors(cases: Sequence[object], cases_module: ModuleType, split: Splitter) -> None:
    """List each missed (FN) and false (FP) boundary of ``split`` with its context."""
    print("\narnews errors (‖ marks the boundary):\n")
    for case in cases:
        got = set(cases_module.boundaries_of(case.text, split(case.text)))
        want = set(case.boundaries)
        for kind, offsets in (("FP", got - want), ("FN", want - got)):
            for at in sorted(offsets):
                context = f"{case.text[max(0, at - 60) : at]}‖{case.text[at : at + 40]}"
                print(f"- {kind} {case.label.split()[0]} @{at}: {context}")


def main(argv: Sequence[str] | None = None) -> None:
    """Print the comparison table (Markdown)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timing runs; the best is kept")
    parser.add_argument("--by-tag", action="store_true", help="also print F1 per hard case")
    parser.add_argument("--heldout", action="store_true", help="score the held-out set")
    parser.add_argument(
        "--set", choices=sorted(SETS), default=None, help="which case file to score (default dev)"
    )
    parser.add_argument("--errors", action="store_true", help="list every arnews error")
    parser.add_argument(
        "--units", action="store_true", help="score single sentences (UD-style) instead"
    )
    args = parser.parse_args(argv)
    cases_module = load_cases_module()
    if args.units:
        print_units(cases_module, make_splitters())
        return
    which = args.set or ("heldout" if args.heldout else "dev")
    cases = read_set(which, cases_module)
    if not cases:
        sys.exit(f"no cases for --set {which} (the pages need ../shared/data/pages)")
    n_boundaries = sum(len(c.boundaries) for c in cases)
    chars = sum(len(c.text) for c in cases)
    name = {
        "dev": "dev set",
        "heldout": "held-out set",
        "regional": "regional set",
        "pages": "saved pages (local only)",
    }[which]
    print(f"{name}: {len(cases)} paragraphs, {n_boundaries} inner boundaries, {chars:,} chars\n")
    results = {}
    splitters = make_splitters()
    print("| system | precision | recall | F1 | M chars/s |")
    print("|---|---:|---:|---:|---:|")
    for name, split in splitters.items():
        score, speed, tags = measure(name, split, cases, cases_module, args.repeat)
        results[name] = tags
        print(
            f"| {name} | {score.precision:.3f} | {score.recall:.3f} | {score.f1:.3f} "
            f"| {speed:.2f} |"
        )
    if args.by_tag:
        names = list(results)
        print("\nF1 per hard case (boundaries in the subset):\n")
        print("| case | paragraphs | boundaries | " + " | ".join(names) + " |")
        print("|---|---:|---:|" + "---:|" * len(names))
        counts: dict[str, int] = defaultdict(int)
        for case in cases:
            tag = re.search(r"\[([\w-]+)\]", case.label)
            counts[tag.group(1) if tag else "other"] += 1
        for tag, first in results[names[0]].items():
            cells = " | ".join(f"{results[n][tag].f1:.3f}" for n in names)
            print(f"| {tag} | {counts[tag]} | {first.expected} | {cells} |")
    if args.errors:
        print_errors(cases, cases_module, splitters["arnews"])


if __name__ == "__main__":
    main()
