"""The ``arnews`` command: the whole pipeline or one stage over files, folders or stdin.

::

    arnews process article.txt                 # one JSON line per article (default jsonl)
    arnews process corpus/ --jobs 2 --progress --format tsv > summary.tsv
    arnews process page.html --format pretty   # .html files go through the HTML extractor
    cat articles.jsonl | arnews process -      # JSON lines with a "text" field
    arnews normalize --unify-alef file.txt
    arnews sentences file.txt
    arnews entities file.txt

Inputs: ``.txt`` (one article per file), ``.html``/``.htm`` (one page per file),
``.jsonl`` (one article per line: a ``text`` string; other fields become metadata, and a
record's own ``title``, ``published``/``date`` and ``source`` fill the article's), a
folder (every such file in it, recursively, in name order) or ``-`` for stdin (JSON lines
when the first line is a JSON object, else one text). Files must be UTF-8.

Exit status: 0 when every document was processed; 1 when one failed (with ``--errors
raise``, the default, processing stops there; with ``skip`` or ``record`` it goes on and
each failure is reported on stderr as ``path:line: message``); 2 for a usage error or an
input path that does not exist (checked before anything runs).

>>> main(["process", "/no/such/file"])  # and on stderr: no such file or directory: …
2
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import IO, Any, Final, get_args

from arnews.chars import has_surrogates, surrogates
from arnews.pipeline import ERROR_POLICIES, Document, ErrorPolicy, process_many
from arnews.types import Article

__all__ = [
    "InputError",
    "iter_documents",
    "main",
    "output_record",
    "printable",
    "to_json",
    "with_record_metadata",
]

SUFFIXES: Final = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}
"""File name endings read from folders, and the input kind of each."""

EXIT_OK: Final = 0
EXIT_FAILED: Final = 1
EXIT_USAGE: Final = 2


class InputError(Exception):
    """A document that cannot be read: not UTF-8, a bad JSON line, no ``text`` field."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where


@dataclass
class Report:
    """What went wrong so far (shared by the reader and the writer of one command)."""

    policy: ErrorPolicy
    stream: IO[str] = field(default_factory=lambda: sys.stderr)
    failures: int = 0
    bad_inputs: dict[str, str] = field(default_factory=dict)

    def fail(self, where: str, message: str) -> None:
        self.failures += 1
        print(f"arnews: {where}: {message}", file=self.stream, flush=True)


# --------------------------------------------------------------------------- reading


def iter_documents(
    paths: Sequence[str],
    *,
    input_format: str = "auto",
    html: bool = False,
    on_error: Callable[[InputError], Document | None] | None = None,
) -> Iterator[Document]:
    """Yield one :class:`~arnews.pipeline.Document` per article found in ``paths``.

    ``metadata`` holds ``path`` (and ``line`` for JSON lines) plus a JSON line's other
    fields. A document that cannot be read raises :class:`InputError`, unless ``on_error``
    is given: then whatever it returns is yielded in its place (``None``: nothing).

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> with open(os.path.join(folder, "a.jsonl"), "w", encoding="utf-8") as f:
    ...     _ = f.write('{"id": 1, "text": "نص"}\\n\\n{"id": 2, "text": "آخر"}\\n')
    >>> found = [(d.text, d.metadata["id"], d.metadata["line"]) for d in iter_documents([folder])]
    >>> found
    [('نص', 1, 1), ('آخر', 2, 3)]
    """
    for name in paths:
        for path, kind in _expand(name, input_format):
            try:
                yield from _read(path, kind, html, on_error)
            except InputError as err:
                replacement = _handle(err, on_error)
                if replacement is not None:
                    yield replacement


def _handle(
    err: InputError, on_error: Callable[[InputError], Document | None] | None
) -> Document | None:
    if on_error is None:
        raise err
    return on_error(err)


def _expand(name: str, input_format: str) -> Iterator[tuple[str, str]]:
    if name == "-":
        yield name, input_format
        return
    path = Path(name)
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
        for p in found:
            yield str(p), input_format if input_format != "auto" else SUFFIXES[p.suffix.lower()]
        return
    kind = input_format if input_format != "auto" else SUFFIXES.get(path.suffix.lower(), "txt")
    yield name, kind


def _read(
    path: str,
    kind: str,
    html: bool,
    on_error: Callable[[InputError], Document | None] | None,
) -> Iterator[Document]:
    """Documents of one input; JSON lines are read line by line (constant memory)."""
    where = "<stdin>" if path == "-" else path
    with _open_binary(path) as stream:
        head: list[bytes] = []
        if kind == "auto":  # stdin: JSON lines if the first non-blank line is an object
            for raw in stream:
                head.append(raw)
                if raw.strip():
                    break
            kind = "jsonl" if b"".join(head).lstrip()[:1] == b"{" else "txt"
        if kind == "jsonl":
            yield from _read_jsonl(chain(head, stream), where, html, on_error)
            return
        text = _decode(b"".join(head) + stream.read(), where)
    yield Document(text, {"path": where}, html=True if html or kind == "html" else None)


@contextmanager
def _open_binary(path: str) -> Iterator[IO[bytes]]:
    if path == "-":
        yield sys.stdin.buffer
        return
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as err:
        raise InputError(path, err.strerror or str(err)) from err
    with stream:
        yield stream


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        bad = data[err.start : err.start + 1].hex()
        raise InputError(where, f"not UTF-8 (byte 0x{bad} at offset {err.start})") from err


def _read_jsonl(
    lines: Iterable[bytes],
    where: str,
    html: bool,
    on_error: Callable[[InputError], Document | None] | None,
) -> Iterator[Document]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            yield _parse_line(raw, f"{where}:{number}", where, number, html)
        except InputError as err:
            replacement = _handle(err, on_error)
            if replacement is not None:
                yield replacement


def _parse_line(raw: bytes, at: str, path: str, number: int, html: bool) -> Document:
    line = _decode(raw.rstrip(b"\r\n"), at)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(at, f"invalid JSON ({err.msg} at column {err.colno})") from err
    if not isinstance(record, dict):
        raise InputError(at, f"a JSON line must be an object, not {type(record).__name__}")
    text = record.pop("text", None)
    if not isinstance(text, str):
        raise InputError(at, 'no "text" string field')
    metadata = {**record, "path": path, "line": number}
    return Document(text, metadata, html=html or None)


# --------------------------------------------------------------------------- commands


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (the console script exits with it)."""
    parser = _parser()
    args = parser.parse_args(argv)
    missing = [p for p in args.paths if p != "-" and not Path(p).exists()]
    if missing:
        print(f"arnews: error: no such file or directory: {missing[0]}", file=sys.stderr)
        return EXIT_USAGE
    output: IO[str] = sys.stdout
    try:
        if args.output not in (None, "-"):
            output = open(args.output, "w", encoding="utf-8")  # noqa: SIM115
        report = Report(args.errors)
        command: Callable[[argparse.Namespace, IO[str], Report], None] = args.run
        command(args, output, report)
    except InputError as err:
        print(f"arnews: error: {err}", file=sys.stderr)
        return EXIT_FAILED
    except _StopError:  # already reported, with the document's place
        return EXIT_FAILED
    except BrokenPipeError:  # e.g. `arnews process … | head`
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except (OSError, ValueError) as err:  # e.g. an output file that cannot be written
        print(f"arnews: error: {type(err).__name__}: {err}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        if output is not sys.stdout:
            output.close()
        else:
            output.flush()
    return EXIT_FAILED if report.failures else EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="arnews",
        description="Arabic news text: clean articles, sentences and named entities.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    process = sub.add_parser("process", help="the whole pipeline: one record per article")
    _add_common(process)
    process.add_argument(
        "--format",
        choices=("jsonl", "json", "tsv", "pretty"),
        default="jsonl",
        help="jsonl: Article.to_dict() a line; json: one array; tsv: a summary row per "
        "article; pretty: a readable summary",
    )
    process.add_argument("--jobs", type=_positive, default=1, help="worker processes")
    process.add_argument("--batch-size", type=_positive, default=32, help="documents per batch")
    process.add_argument("--progress", action="store_true", help="progress line on stderr")
    _add_backend(process)
    _add_config_options(process, _boilerplate_config(), "boilerplate options (BoilerplateConfig)")
    _add_config_options(process, _segment_config(), "sentence options (SegmentConfig)")
    process.set_defaults(run=_run_process)

    normalize = sub.add_parser("normalize", help="normalize text (one stage)")
    _add_common(normalize)
    normalize.add_argument("--format", choices=("text", "jsonl"), default="text")
    _add_config_options(normalize, _normalize_config(), "normalization options (NormalizeConfig)")
    normalize.set_defaults(run=_run_normalize)

    sentences = sub.add_parser("sentences", help="split into sentences (one stage)")
    _add_common(sentences)
    sentences.add_argument("--format", choices=("text", "jsonl"), default="text")
    _add_config_options(sentences, _segment_config(), "sentence options (SegmentConfig)")
    sentences.set_defaults(run=_run_sentences)

    entities = sub.add_parser("entities", help="find named entities (one stage)")
    _add_common(entities)
    entities.add_argument("--format", choices=("tsv", "jsonl"), default="tsv")
    _add_backend(entities)
    entities.set_defaults(run=_run_entities)
    return parser


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="file, folder or - (stdin)")
    parser.add_argument(
        "--input-format",
        choices=("auto", "txt", "html", "jsonl"),
        default="auto",
        help="how to read inputs (auto: by file name ending; stdin: sniffed)",
    )
    parser.add_argument(
        "--html", action="store_true", help="every input text is an HTML page (.html: always)"
    )
    parser.add_argument(
        "--errors",
        choices=ERROR_POLICIES,
        default="raise",
        help="on a bad document: stop (raise), report and go on (skip), or also output an "
        "error record (record)",
    )
    parser.add_argument("-o", "--output", help="write here instead of stdout")


def _add_backend(parser: argparse.ArgumentParser) -> None:
    from arnews.entities import BACKENDS

    parser.add_argument("--backend", choices=BACKENDS, default="default", help="entity model")
    parser.add_argument(
        "--model", default=None, help="entity model file or directory for the chosen backend"
    )


def _normalize_config() -> type[Any]:
    from arnews.normalization import NormalizeConfig

    return NormalizeConfig


def _boilerplate_config() -> type[Any]:
    from arnews.boilerplate import BoilerplateConfig

    return BoilerplateConfig


def _segment_config() -> type[Any]:
    from arnews.segmentation import SegmentConfig

    return SegmentConfig


def _add_config_options(parser: argparse.ArgumentParser, config: type[Any], title: str) -> None:
    """One flag per field of a stage config: ``--name``/``--no-name`` for a flag, a choice
    for a Literal, a number for an int, a comma-separated list for a set of strings."""
    hints = typing.get_type_hints(config)
    group = parser.add_argument_group(title)
    for f in dataclasses.fields(config):
        flag = "--" + f.name.replace("_", "-")
        kind = hints[f.name]
        if kind is bool:
            group.add_argument(flag, action=argparse.BooleanOptionalAction, default=None)
        elif kind is int:
            group.add_argument(flag, type=_positive, default=None, metavar="N")
        elif typing.get_origin(kind) is frozenset:
            group.add_argument(flag, type=_word_set, default=None, metavar="A,B,…")
        elif typing.get_origin(kind) is typing.Literal:
            group.add_argument(flag, choices=get_args(kind), default=None)
        # other fields (a learnt BoilerplateModel…) have no flag: set them from Python


def _config_from(args: argparse.Namespace, config: type[Any]) -> Any:
    """The stage config that the command line's flags for it describe."""
    names = {f.name for f in dataclasses.fields(config)}
    return config(**{k: v for k, v in vars(args).items() if k in names and v is not None})


def _word_set(value: str) -> frozenset[str]:
    return frozenset(part.strip() for part in value.split(",") if part.strip())


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, not {value}")
    return number


def _documents(args: argparse.Namespace, report: Report) -> Iterator[Document]:
    """Documents of the command's inputs; unreadable ones per ``--errors``."""

    def on_error(err: InputError) -> Document | None:
        if report.policy == "raise":
            raise err
        report.fail(err.where, str(err)[len(err.where) + 2 :])
        if report.policy == "skip":
            return None
        key = f"#{len(report.bad_inputs)}"
        report.bad_inputs[key] = str(err)
        return Document("", {"path": err.where, "arnews_bad_input": key})

    return iter_documents(
        args.paths, input_format=args.input_format, html=args.html, on_error=on_error
    )


def _where(metadata: dict[str, Any]) -> str:
    path = str(metadata.get("path", "?"))
    return f"{path}:{metadata['line']}" if "line" in metadata else path


def _run_process(args: argparse.Namespace, out: IO[str], report: Report) -> None:
    # Failures come back as error articles so that _checked can name the document;
    # it stops at the first one under --errors raise.
    articles = process_many(
        _documents(args, report),
        n_jobs=args.jobs,
        batch_size=args.batch_size,
        progress=args.progress,
        errors="record",
        backend=args.backend,
        model=args.model,
        boilerplate=_config_from(args, _boilerplate_config()),
        sentences=_config_from(args, _segment_config()),
    )
    writer = _WRITERS[args.format](out)
    for article in _checked(articles, report):
        writer.write(article)
    writer.close()


def _checked(articles: Iterable[Article], report: Report) -> Iterator[Article]:
    """Restore input errors onto their placeholders; report and drop failures per policy."""
    for article in articles:
        metadata = dict(article.metadata)
        key = metadata.pop("arnews_bad_input", None)
        if key is not None:
            metadata["error"] = f"InputError: {report.bad_inputs.pop(key)}"
            article = Article("", metadata=metadata)
        elif article.error is not None:
            report.fail(_where(metadata), article.error)
            if report.policy == "raise":
                raise _StopError(_where(metadata), article.error)
        if article.error is not None and report.policy == "skip":
            continue
        yield with_record_metadata(article) if article.error is None else article


_DATE_FIELDS = ("published", "date")


def with_record_metadata(article: Article) -> Article:
    """The article with a JSON record's own ``title``, ``published``/``date`` and ``source``.

    A scraper's structured fields know better than the text: when the record (now
    ``article.metadata``) has a non-empty ``title`` or ``source`` string, or a date
    (``2025-10-02``, an ISO date-time, or any date :func:`arnews.dates.find_dates` reads),
    it replaces what the boilerplate stage found. Anything else is left as it was.

    >>> a = with_record_metadata(Article("نص", title="ع", metadata={
    ...     "title": "عنوان الناشر", "date": "2025-10-02T09:30:00Z", "source": "هسبريس"}))
    >>> a.title, a.published, a.source
    ('عنوان الناشر', datetime.date(2025, 10, 2), 'هسبريس')
    >>> with_record_metadata(Article("نص", title="ع", metadata={"date": "غدا"})).published
    """
    metadata = article.metadata
    changes: dict[str, Any] = {}
    for name in ("title", "source"):
        value = metadata.get(name)
        if isinstance(value, str) and value.strip():
            changes[name] = value.strip()
    for name in _DATE_FIELDS:
        found = _record_date(metadata.get(name))
        if found is not None:
            changes["published"] = found
            break
    return dataclasses.replace(article, **changes) if changes else article


def _record_date(value: object) -> Any:
    import datetime as dt

    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    from arnews.dates import find_dates

    found = find_dates(text[:200])
    return found[0].date if found else None


class _StopError(Exception):
    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.where = where


def _single_stage(
    args: argparse.Namespace, report: Report, stage: Callable[[str], Any]
) -> Iterator[tuple[Document, Any]]:
    """Run ``stage`` on each document (HTML pages: on their extracted body)."""
    from arnews.boilerplate import strip_boilerplate

    for document in _documents(args, report):
        where = _where(dict(document.metadata))
        try:
            text = document.text
            if document.html:
                text = strip_boilerplate(text, html=True).text
            result = stage(text)
        except Exception as err:
            message = f"{type(err).__name__}: {err}"
            report.fail(where, message)
            if report.policy == "raise":
                raise _StopError(where, message) from err
            continue
        yield document, result


def _run_normalize(args: argparse.Namespace, out: IO[str], report: Report) -> None:
    from arnews.normalization import NormalizeConfig, normalize

    config: NormalizeConfig = _config_from(args, NormalizeConfig)
    for document, text in _single_stage(args, report, lambda t: normalize(t, config=config)):
        if args.format == "jsonl":
            _write_json_line(out, {**document.metadata, "text": text})
        else:
            text = printable(text)
            out.write(text if text.endswith("\n") or not text else text + "\n")


def _run_sentences(args: argparse.Namespace, out: IO[str], report: Report) -> None:
    from arnews.segmentation import split_sentences

    config = _config_from(args, _segment_config())
    first = True
    stage = partial(split_sentences, config=config)
    for document, sentences in _single_stage(args, report, stage):
        if args.format == "jsonl":
            for index, s in enumerate(sentences):
                record = {"path": _where(dict(document.metadata)), "sentence": index}
                _write_json_line(out, {**record, "start": s.start, "end": s.end, "text": s.text})
            continue
        if not first:
            out.write("\n")
        first = False
        out.writelines(printable(s.text) + "\n" for s in sentences)


def _run_entities(args: argparse.Namespace, out: IO[str], report: Report) -> None:
    from arnews.entities import extract_entities

    def stage(text: str) -> Any:
        return extract_entities(text, backend=args.backend, model=args.model)

    if args.format == "tsv":
        out.write("path\tstart\tend\tlabel\ttext\tcanonical\tscore\n")
    for document, entities in _single_stage(args, report, stage):
        where = _where(dict(document.metadata))
        for e in entities:
            if args.format == "jsonl":
                record = {"path": where, "label": e.label, "start": e.start, "end": e.end}
                _write_json_line(
                    out, {**record, "text": e.text, "canonical": e.canonical, "score": e.score}
                )
            else:
                cells = (where, e.start, e.end, e.label, e.text, e.canonical, f"{e.score:.3f}")
                out.write("\t".join(_cell(c) for c in cells) + "\n")


# --------------------------------------------------------------------------- writing


_LINE_BREAKS: Final = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}
"""Characters that ``str.splitlines`` and some readers take for line ends: escaped in JSON."""


def to_json(record: object) -> str:
    """One line of JSON: UTF-8 text as is, except characters a reader could split lines on.

    >>> print(to_json({"text": "أ" + chr(0x2028) + "ب"}))
    {"text": "أ\\u2028ب"}
    """
    return printable(json.dumps(record, ensure_ascii=False, default=str).translate(_LINE_BREAKS))


def printable(text: str) -> str:
    r"""Text for a UTF-8 stream: a lone surrogate (UTF-8 cannot hold it) becomes ``\udXXX``.

    In JSON that is the standard escape, so the record reads back unchanged.

    >>> print(printable("أ" + chr(0xD800)))
    أ\ud800
    """
    if not has_surrogates(text):
        return text
    return surrogates().sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _write_json_line(out: IO[str], record: dict[str, Any]) -> None:
    out.write(to_json(record) + "\n")


def _cell(value: object) -> str:
    text = "" if value is None else printable(str(value))
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


class _Writer:
    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, article: Article) -> None:
        raise NotImplementedError  # pragma: no cover - every writer overrides it

    def close(self) -> None:
        self.out.flush()


def output_record(article: Article) -> dict[str, Any]:
    """What ``--format jsonl|json`` writes for an article.

    :meth:`Article.to_dict`, with the metadata fields (``path``, ``line``, a JSON line's
    own fields such as ``id``) also lifted to the top level where they do not clash with
    an article field (``metadata`` keeps them all, so ``Article.from_dict`` reads it back).

    >>> record = output_record(Article("نص", title="ع", metadata={"id": 7, "title": "x"}))
    >>> record["id"], record["title"], record["metadata"]
    (7, 'ع', {'id': 7, 'title': 'x'})
    """
    data = article.to_dict()
    lifted = {k: v for k, v in article.metadata.items() if k not in data}
    return {**lifted, **data}


class _JsonLines(_Writer):
    def write(self, article: Article) -> None:
        _write_json_line(self.out, output_record(article))


class _JsonArray(_Writer):
    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        self.count = 0

    def write(self, article: Article) -> None:
        self.out.write("[\n" if self.count == 0 else ",\n")
        self.out.write(to_json(output_record(article)))
        self.count += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.count == 0 else "\n]\n")
        super().close()


TSV_COLUMNS: Final = (
    "path",
    "title",
    "published",
    "source",
    "sentences",
    "entities",
    "removed",
    "people",
    "organizations",
    "places",
    "error",
)


class _Table(_Writer):
    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        out.write("\t".join(TSV_COLUMNS) + "\n")

    def write(self, article: Article) -> None:
        published = article.published.isoformat() if article.published else None
        cells = (
            _where(article.metadata),
            article.title,
            published,
            article.source,
            len(article.sentences),
            len(article.entities),
            len(article.removed),
            " | ".join(article.people),
            " | ".join(article.organizations),
            " | ".join(article.places),
            article.error,
        )
        self.out.write("\t".join(_cell(c) for c in cells) + "\n")


class _Pretty(_Writer):
    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        self.count = 0

    def write(self, article: Article) -> None:
        if self.count:
            self.out.write("\n")
        self.count += 1
        self.out.write(printable(format_pretty(article)) + "\n")


_WRITERS: Final[dict[str, Callable[[IO[str]], _Writer]]] = {
    "jsonl": _JsonLines,
    "json": _JsonArray,
    "tsv": _Table,
    "pretty": _Pretty,
}

_WIDTH: Final = 96


def format_pretty(article: Article) -> str:
    """The human-readable summary of ``--format pretty``.

    >>> print(format_pretty(Article("نص.", title="عنوان", metadata={"path": "a.txt"})))
    ══ a.txt ══
    title          عنوان
    <BLANKLINE>
    sentences (0)
    entities (0)
    """
    lines = [f"══ {_where(article.metadata) if 'path' in article.metadata else 'article'} ══"]
    if article.error is not None:
        lines.append(f"error          {article.error}")
        return "\n".join(lines)
    for label, value in (
        ("title", article.title),
        ("published", article.published.isoformat() if article.published else None),
        ("source", article.source),
    ):
        if value:
            lines.append(f"{label:<14} {value}")
    if article.removed:
        lines += ["", f"removed ({len(article.removed)} blocks)"]
        lines += [f"  {r.reason:<14} {_short(r.text)}" for r in article.removed]
    lines += ["", f"sentences ({len(article.sentences)})"]
    lines += [f"  {i:>3}  {_flat(s.text)}" for i, s in enumerate(article.sentences, start=1)]
    lines.append(f"entities ({len(article.entities)})")
    for label in ("PER", "ORG", "LOC", "MISC"):
        counts: dict[str, int] = {}
        for e in article.entities:
            if e.label == label:
                counts[e.canonical] = counts.get(e.canonical, 0) + 1
        if counts:
            shown = " · ".join(f"{n} ×{c}" if c > 1 else n for n, c in counts.items())
            lines.append(f"  {label:<5} {shown}")
    for label, names in (
        ("people", article.people),
        ("organizations", article.organizations),
        ("places", article.places),
    ):
        if names:
            lines.append(f"{label:<14} {'، '.join(names)}")
    return "\n".join(lines)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _short(text: str) -> str:
    flat = _flat(text)
    return flat if len(flat) <= _WIDTH else flat[: _WIDTH - 1] + "…"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
