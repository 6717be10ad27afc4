"""The bad-input battery, run against every public function and the command line.

Every input of the battery is a ``str`` that scraped news can contain (empty, blank, huge,
one endless line, lone surrogates, control characters, every Unicode space, bidi marks
everywhere, mixed scripts, punctuation only, 10⁵ repeated characters, vocalized
Quranic-style text, decorative marks, markup): each function returns a result that keeps
its contract (``tests/contracts.py``). Anything that is not a ``str`` is refused with a
``TypeError`` whose message starts with the argument's name; a bad option value gets a
``TypeError``/``ValueError`` naming the option.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import arnews
import contracts
import samples
from arnews.boilerplate import html_to_text
from arnews.cli import main

MB = 1_000_000

ARTICLE: str = samples.ARTICLE
PARAGRAPH: str = samples.PARAGRAPH

QURANIC_MARKS = "".join(chr(c) for c in range(0x06D6, 0x06EE))
# A vocalized sentence in the Quranic orthography, written for these tests: superscript
# alef, alef wasla, small high marks (U+06D6–U+06ED) and an end-of-verse sign with digits.
QURANIC = (
    "قَالَ ٱلرَّاوِى ۖ إِنَّ ٱلْخَبَرَ صَٰدِقٌ ۗ وَٱلنَّاسُ يَقْرَءُونَهُۥ ۚ فِى كُلِّ مَدِينَةٍ ۛ "
    "وَقَرْيَةٍۢ ۜ ۝١٢ ۞ وَمَا كَانَ ٱلْقَوْلُ إِلَّا حَقًّۭا ۩ ۝١٣\n" + " ".join(f"كَلِمَةٌ{mark}" for mark in QURANIC_MARKS)
)
DECORATIVE = (
    "﴿ نص بين قوسين مزخرفين ﴾ ۞ ﷽ ✦✦✦ ❖ عنوان ❖ ★★★ ═══════ •••\n"
    "ﷺ ﷻ ﷲ ﻻ ﻷ ﰀ ﭐ ۝ ۩ ❁ ✿ ☆ ▓▒░ ─── ~~~ *** ### === +++ ___ ^^^ |||\n"
    "■ بند أول\n● بند ثان\n◆ بند ثالث\n➤ بند رابع"
)
ALL_SPACES = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\ufeff"
C0_C1 = "".join(chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)])


def _interleave(text: str, filler: str) -> str:
    return "".join(c + filler[i % len(filler)] for i, c in enumerate(text))


@cache
def ten_mb_article() -> str:
    """About 10 MB of UTF-8: the article's chrome once, then paragraphs until 10 MB."""
    unit = (PARAGRAPH * 3).strip() + "\n\n"
    repeats = (10 * MB) // len(unit.encode("utf-8")) + 1
    return ARTICLE + "\n" + unit * repeats


@cache
def one_mb_line() -> str:
    """One line of about 1 MB: sentences with no line break at all."""
    unit = PARAGRAPH.replace("\n", " ")
    return unit * ((MB // len(unit.encode("utf-8"))) + 1)


SMALL: dict[str, str] = {
    "empty": "",
    "whitespace_only": " \t\n\r\n  \u00a0\u3000 \n\n\x0b\x0c",
    "every_unicode_space_alone": ALL_SPACES,
    "every_unicode_space_between_words": "".join(f"كلمة{s}" for s in ALL_SPACES) + ".",
    "lone_surrogates": "قال \ud800 الرئيس \udfff في \udc80\ud83d الرباط.\n\ud800\n",
    "nul_and_c0_c1_controls": _interleave("قال الرئيس في الرباط. ثم غادر.", C0_C1) + "\n" + C0_C1,
    "nuls_only": "\x00" * 1000,
    "bidi_marks_everywhere": _interleave(ARTICLE, BIDI),
    "bidi_marks_only": BIDI * 50,
    "mixed_scripts": (
        "قال Emmanuel Macron في Paris إن روسيا Россия и Москва 北京和上海 東京 서울 "
        "😀👍🏽👨‍👩‍👧 ✈️ في 2024. ثم עברית Ελληνικά हिन्दी ไทย पुन: «نعم»."
    ),
    "punctuation_only": "!!!...؟؟؟،،،؛؛::--—–()[]{}«»\"'‹›„“”‘’…·•/\\|@#$%^&*_+=~`<>" * 20,
    "dots_1e5": "." * 100_000,
    "ellipses_1e5": "…" * 100_000,
    "double_quotes_1e5": '"' * 100_000,
    "guillemets_1e5": "«»" * 50_000,
    "ascii_digits_1e5": "7" * 100_000,
    "arabic_digits_1e5": "٣" * 100_000,
    "tatweels_1e5": "ـ" * 100_000,
    "tatweels_inside_a_word_1e5": "قال الرئيـ" + "ـ" * 100_000 + "ـس في الرباط.",
    "dotted_initials_1e5": "أ." * 50_000,
    "digits_and_dots_1e5": "1." * 50_000,
    "long_word_1e5": "ب" * 100_000,
    "spaces_1e5": "قال" + " " * 100_000 + "الرئيس.",
    "newlines_1e5": "قال الرئيس.\n" + "\n" * 100_000 + "ثم غادر.",
    "url_like_1e4": "http://" + "a." * 10_000 + " و" + "@" * 10_000 + "#" * 10_000,
    "quranic": QURANIC,
    "decorative": DECORATIVE,
    "markup_as_plain_text": "<p>قال الرئيس</p><script>x()</script> &amp; <br> نص",
    "realistic_article": ARTICLE,
}
HUGE: dict[str, Callable[[], str]] = {
    "ten_mb_article": ten_mb_article,
    "one_mb_line": one_mb_line,
}
BATTERY = [*SMALL, *HUGE]
MODEL_BATTERY = [*SMALL, "one_mb_line"]
"""What ``extract_entities`` and ``process`` run here. The 10 MB article goes through
``process`` (and so through ``extract_entities``) once, with its contract checked, in
``tests/test_scaling.py::test_ten_megabytes_through_process_in_bounded_memory``."""
CLI_BATTERY = [name for name, text in SMALL.items() if len(text) <= 20_000]
"""The command line runs the battery minus the 10⁵ repeats (those reach the same
``process_many`` through the API tests)."""


@cache
def processed(name: str) -> arnews.Article:
    """``process`` of a battery text, computed once per session."""
    return arnews.process(battery_text(name))


def battery_text(name: str) -> str:
    return SMALL[name] if name in SMALL else HUGE[name]()


@cache
def huge_html() -> str:
    """A page of about 2 MB (ten times a heavy news page): navigation, a long body, a footer."""
    size = len(f"<p>{PARAGRAPH} 1234567</p>\n".encode())
    paragraphs = "".join(f"<p>{PARAGRAPH} {i}</p>\n" for i in range(2 * MB // size + 1))
    return (
        "<!DOCTYPE html><html lang='ar' dir='rtl'><head><meta charset='utf-8'>"
        "<title>خبر طويل جدا</title></head><body><nav><a href='/'>الرئيسية</a></nav>"
        "<article><h1>خبر طويل جدا</h1>" + paragraphs + "</article>"
        "<footer>جميع الحقوق محفوظة © 2025</footer></body></html>"
    )


HTML_SMALL: dict[str, str] = {
    "unclosed_tags": "<html><body><p>قال الرئيس <b>في الرباط <div><p>فقرة ثانية <i>بلا نهاية",
    "only_angle_brackets": "<<<<>>>><<>><" * 100,
    "stray_closing_tags": "</p></div></body></html>" * 50 + "نص",
    "unclosed_script": "<p>قبل</p><script>var x = '<p>ليس نصا</p>';",
    "unclosed_comment": "<p>نص ظاهر</p><!-- تعليق لا ينتهي <p>مخفي</p>",
    "cdata_and_pi": "<?xml version='1.0'?><![CDATA[ <p>x</p> ]]><p>نص</p><?php echo 1; ?>",
    "bad_entities": "<p>&amp;&#x0;&#0;&#99999999;&#xD800;&#xFFFF;&nosuch;&#;&#x;&</p>",
    "nul_and_surrogates_in_html": "<p>قال\x00 الرئيس \ud800 في\x1b الرباط</p>\x00<div>\udfff</div>",
    "wrong_declared_encoding": (
        "<?xml version='1.0' encoding='latin-1'?><html><p>نص عربي</p></html>"
    ),
    "bom_and_bidi": "\ufeff<html dir='rtl'>\u200f<p>\u202bنص\u202c</p></html>",
    "deep_nesting": "<div>" * 5_000 + "<p>نص في العمق</p>" + "</div>" * 5_000,
    "empty_document": "<html></html>",
    "tags_only": "<html><head></head><body><div><span></span></div></body></html>",
    "attributes_garbage": '<p class=\'a" id=b onclick="x\'>نص <a href="javascript:">رابط</a></p>',
    "table_layout": "<table><tr><td>عمود</td><td>آخر</td></tr><tr><td>"
    + "خلية " * 1000
    + "</td></tr></table>",
    "plain_text_no_markup": ARTICLE,
}
HTML_BATTERY = [*HTML_SMALL, "huge_page"]


def html_text(name: str) -> str:
    return HTML_SMALL[name] if name in HTML_SMALL else huge_html()


@cache
def page_text(name: str) -> str:
    """The text that ``strip_boilerplate(page, html=True)`` offsets index."""
    return html_to_text(html_text(name))


@cache
def page_cleaned(name: str) -> arnews.Cleaned:
    return arnews.strip_boilerplate(html_text(name), html=True)


NOT_TEXT: list[Any] = [
    None,
    b"\xd9\x86\xd8\xb5",
    bytearray(b"x"),
    memoryview(b"x"),
    42,
    4.2,
    ["نص"],
    ("نص",),
    object(),
]


# --------------------------------------------------------------------------- the battery


@pytest.mark.parametrize("name", BATTERY)
@pytest.mark.parametrize("target", ["normalize", "tokenize", "sentences", "boilerplate"])
def test_stage_on_the_battery(target: str, name: str) -> None:
    contracts.TARGETS[target](battery_text(name))


@pytest.mark.parametrize("name", MODEL_BATTERY)
def test_extract_entities_on_the_battery(name: str) -> None:
    contracts.TARGETS["entities"](battery_text(name))


@pytest.mark.parametrize("name", MODEL_BATTERY)
def test_process_on_the_battery(name: str) -> None:
    contracts.check_article(battery_text(name), processed(name))


def test_process_many_on_the_battery() -> None:
    texts = [battery_text(name) for name in CLI_BATTERY]
    articles = list(arnews.process_many(texts, batch_size=4))
    assert articles == [processed(name) for name in CLI_BATTERY]


@pytest.mark.parametrize("name", HTML_BATTERY)
def test_strip_boilerplate_html_on_broken_and_huge_pages(name: str) -> None:
    contracts.check_cleaned(page_text(name), page_cleaned(name), "strip_boilerplate(html=True)")


@pytest.mark.parametrize("name", HTML_BATTERY)
def test_process_html_on_broken_and_huge_pages(name: str) -> None:
    article = arnews.process(html_text(name), html=True)
    contracts.check_article(html_text(name), article, html=True, cleaned=page_cleaned(name))


def test_huge_page_keeps_its_body() -> None:
    body = page_cleaned("huge_page").text
    assert body.count("منظمة الصحة العالمية") == huge_html().count("منظمة الصحة العالمية")


def test_a_paragraph_repeated_on_a_page_is_kept_each_time() -> None:
    """An article may say the same thing twice; the page's text must not lose the repeat."""
    sentence = "وأكد رئيس الحكومة في مدينة طنجة أن الوزارة رصدت 12.5 مليار درهم للبرنامج."
    page = (
        "<html><body><article><h1>عنوان الخبر</h1>"
        f"<p>{sentence}</p><p>فقرة أخرى بين الفقرتين المتطابقتين في هذا الخبر.</p>"
        f"<p>{sentence}</p></article></body></html>"
    )
    assert arnews.strip_boilerplate(page, html=True).text.count(sentence) == 2


def test_text_battery_through_the_html_path_loses_nothing() -> None:
    for name in SMALL:
        text = SMALL[name]
        if "<" in text:
            continue
        cleaned = arnews.strip_boilerplate(text, html=True)
        contracts.check_cleaned(html_to_text(text), cleaned, f"html=True on {name}")


# --------------------------------------------------------------------------- not text

TEXT_FUNCTIONS: dict[str, Callable[[Any], object]] = {
    "normalize": arnews.normalize,
    "normalize_with_map": arnews.normalize_with_map,
    "tokenize": arnews.tokenize,
    "split_sentences": arnews.split_sentences,
    "strip_boilerplate": arnews.strip_boilerplate,
    "strip_boilerplate_html": lambda x: arnews.strip_boilerplate(x, html=True),
    "extract_entities": arnews.extract_entities,
    "process": arnews.process,
    "process_html": lambda x: arnews.process(x, html=True),
}


@pytest.mark.parametrize("value", NOT_TEXT, ids=lambda v: type(v).__name__)
@pytest.mark.parametrize("function", TEXT_FUNCTIONS)
def test_non_str_text_is_a_type_error_naming_text(function: str, value: Any) -> None:
    with pytest.raises(TypeError, match=r"^text must be str, not "):
        TEXT_FUNCTIONS[function](value)


def test_bytes_error_says_how_to_decode() -> None:
    with pytest.raises(TypeError, match=r"decode"):
        arnews.process("نص".encode())


@pytest.mark.parametrize("value", [None, 42, 4.2, object()], ids=lambda v: type(v).__name__)
def test_process_many_refuses_a_non_iterable(value: Any) -> None:
    with pytest.raises(TypeError, match=r"^texts must be"):
        arnews.process_many(value)


@pytest.mark.parametrize("value", ["نص", b"x", bytearray(b"x")], ids=lambda v: type(v).__name__)
def test_process_many_refuses_one_text_instead_of_many(value: Any) -> None:
    with pytest.raises(TypeError, match=r"^texts must be"):
        arnews.process_many(value)


@pytest.mark.parametrize("value", NOT_TEXT[:5], ids=lambda v: type(v).__name__)
def test_process_many_names_the_bad_document(value: Any) -> None:
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        list(arnews.process_many(["نص", value]))
    recorded = list(arnews.process_many(["نص", value, "آخر"], errors="record"))
    assert [a.error is None for a in recorded] == [True, False, True]
    assert "texts[1]" in (recorded[1].error or "")
    skipped = list(arnews.process_many(["نص", value, "آخر"], errors="skip"))
    assert [a.text for a in skipped] == ["نص", "آخر"]


# --------------------------------------------------------------------------- bad options

BAD_OPTIONS: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    ("normalize digits", lambda: arnews.normalize("x", digits="roman"), ValueError, "digits"),
    (
        "normalize flag",
        lambda: arnews.normalize("x", strip_tatweel="yes"),
        TypeError,
        "strip_tatweel",
    ),
    ("normalize unknown", lambda: arnews.normalize("x", colour=True), TypeError, "colour"),
    ("normalize config", lambda: arnews.normalize("x", config=3), TypeError, "config"),
    (
        "normalize_with_map digits",
        lambda: arnews.normalize_with_map("x", digits=1),
        ValueError,
        "digits",
    ),
    (
        "entities backend",
        lambda: arnews.extract_entities("x", backend="bert"),
        ValueError,
        "backend",
    ),
    ("entities model", lambda: arnews.extract_entities("x", model=5), TypeError, "model"),
    ("process backend", lambda: arnews.process("x", backend="bert"), ValueError, "backend"),
    ("process model", lambda: arnews.process("x", model=b"m"), TypeError, "model"),
    ("process boilerplate", lambda: arnews.process("x", boilerplate=3), TypeError, "boilerplate"),
    ("strip keep str", lambda: arnews.strip_boilerplate("x", keep="title"), TypeError, "keep"),
    ("strip keep unknown", lambda: arnews.strip_boilerplate("x", keep=["ads"]), ValueError, "ads"),
    ("strip config", lambda: arnews.strip_boilerplate("x", config=3), TypeError, "config"),
    ("sentences config", lambda: arnews.split_sentences("x", 3), TypeError, "config"),
    ("many n_jobs", lambda: arnews.process_many([], n_jobs=0), ValueError, "n_jobs"),
    ("many batch_size", lambda: arnews.process_many([], batch_size=0), ValueError, "batch_size"),
    ("many errors", lambda: arnews.process_many([], errors="ignore"), ValueError, "errors"),
    ("many model", lambda: arnews.process_many([], model=7), TypeError, "model"),
]


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [case[1:] for case in BAD_OPTIONS],
    ids=[case[0] for case in BAD_OPTIONS],
)
def test_bad_option_is_a_clear_error_naming_it(
    call: Callable[[], object], error: type[Exception], name: str
) -> None:
    with pytest.raises(error, match=name):
        call()


# --------------------------------------------------------------------------- command line


def _write_battery(folder: Path) -> dict[str, str]:
    """Write each small battery text as a UTF-8 file (surrogates go through JSON lines)."""
    written: dict[str, str] = {}
    for name in CLI_BATTERY:
        text = SMALL[name]
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            continue
        (folder / f"{name}.txt").write_bytes(data)
        written[str(folder / f"{name}.txt")] = name
    return written


def test_cli_process_runs_the_battery(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    written = _write_battery(tmp_path)
    assert main(["process", str(tmp_path)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["path"] for r in records} == set(written)
    for record in records:
        assert record["text"] == processed(written[record["path"]]).text


STAGE_OUTPUT: dict[str, Callable[[str], list[object]]] = {
    "normalize": lambda t: [arnews.normalize(t)],
    "sentences": lambda t: [s.text for s in arnews.split_sentences(t)],
    "entities": lambda t: [e.text for e in arnews.extract_entities(t)],
}


@pytest.mark.parametrize("command", STAGE_OUTPUT)
def test_cli_stages_run_the_battery(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    written = _write_battery(tmp_path)
    assert main([command, "--format", "jsonl", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    got: dict[str, list[object]] = {path: [] for path in written}
    for line in captured.out.splitlines():
        record = json.loads(line)
        got[record["path"]].append(record["text"])
    for path, name in written.items():
        assert got[path] == STAGE_OUTPUT[command](SMALL[name]), name


def test_cli_process_broken_html_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, page in HTML_SMALL.items():
        (tmp_path / f"{name}.html").write_text(page, "utf-8", errors="replace")
    assert main(["process", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(HTML_SMALL)


def test_cli_sentences_on_ten_megabytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.txt"
    path.write_text(ten_mb_article(), "utf-8")
    assert main(["sentences", str(path)]) == 0
    out = capsys.readouterr().out
    assert len(out) >= len("".join(ten_mb_article().split()))


def test_cli_bad_bytes_are_an_error_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "surrogate.txt"
    bad.write_bytes("قال \ud800".encode("utf-8", "surrogatepass") + b"\xff\xfe")
    assert main(["process", str(bad)]) == 1
    err = capsys.readouterr().err
    assert str(bad) in err
    assert "UTF-8" in err
    assert "Traceback" not in err


def test_cli_missing_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["process", str(tmp_path / "nope.txt")]) == 2
    assert "nope.txt" in capsys.readouterr().err


def _run_cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    code = "import sys; from arnews.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *args], input=stdin, capture_output=True, timeout=300
    )


def test_cli_json_lines_with_lone_surrogates_and_nuls() -> None:
    lines = [json.dumps({"id": name, "text": SMALL[name]}) for name in CLI_BATTERY]
    done = _run_cli("process", "-", stdin="\n".join(lines).encode("ascii"))
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    records = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [r["id"] for r in records] == CLI_BATTERY
    for record in records:
        assert record["text"] == processed(record["id"]).text


def test_cli_garbage_on_stdin() -> None:
    done = _run_cli("process", "-", stdin=b"\x00\xff\xfe{not json\n\x80\x81")
    assert done.returncode in (0, 1)
    assert b"Traceback" not in done.stderr


# --------------------------------------------------------------------------- fuzz inputs

FUZZ = Path(__file__).resolve().parents[1] / "fuzz"


def _fuzz_cases() -> list[tuple[str, Path]]:
    """Each crash the fuzzers found (``fuzz/regressions/<target>/<input>``) for its target,
    and each seed for every target."""
    found = [(p.parent.name, p) for p in sorted((FUZZ / "regressions").glob("*/*")) if p.is_file()]
    seeds = sorted((FUZZ / "seeds").iterdir())
    return found + [(target, seed) for seed in seeds for target in contracts.TARGETS]


@pytest.mark.parametrize(
    ("target", "path"), _fuzz_cases(), ids=lambda v: v.name if isinstance(v, Path) else v
)
def test_fuzz_inputs_keep_the_contracts(target: str, path: Path) -> None:
    assert target in contracts.TARGETS, f"{path}: no fuzz target named {target!r}"
    contracts.TARGETS[target](path.read_bytes().decode("utf-8", "surrogateescape"))


# --------------------------------------------------------------------------- no network


def test_network_is_blocked_here_and_in_subprocesses(monkeypatch: pytest.MonkeyPatch) -> None:
    # The guard's pass-through to the real socket functions is swapped for one that fails,
    # so a broken guard fails this test instead of sending anything off the machine.
    real: dict[str, Any] = socket.socket.connect.__globals__["_REAL"]

    def leaked(*args: object, **kwargs: object) -> None:
        pytest.fail(f"the guard let a network call through: {args!r}")

    for name in ("connect", "connect_ex", "getaddrinfo"):
        monkeypatch.setitem(real, name, leaked)
    with pytest.raises(OSError, match="blocked"):
        socket.create_connection(("example.com", 80), timeout=1)
    with pytest.raises(OSError, match="blocked"):
        socket.socket().connect(("93.184.215.14", 80))
    monkeypatch.undo()
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    try:
        socket.create_connection(server.getsockname(), timeout=5).close()
    finally:
        server.close()
    code = (
        "import socket\n"
        "print(all(getattr(f, 'arnews_netguard', False) for f in "
        "(socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "True"
