"""The ``arnews`` command: inputs, formats, error reports and exit codes.

Most tests call ``main()`` in-process with the stages replaced by small fakes (to check the
command's own behaviour); the last ones run the installed console script end to end.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from arnews.cli import format_pretty, iter_documents, main
from arnews.types import Article, Cleaned, Entity, Sentence, Span

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "rabat-water-summit.txt"


def fake_strip(text: str, *, html: bool = False, config: Any = None) -> Cleaned:
    if text == "boom":
        raise RuntimeError("stage failed")
    body = re.sub(r"<[^>]+>", "", text).strip() if html else text.strip()
    return Cleaned(body, (Span(body, 0, len(body)),), (), title="HTML" if html else "TXT")


def fake_sentences(text: str, config: Any = None) -> list[Sentence]:
    return [Sentence(m.group(), m.start(), m.end()) for m in re.finditer(r"[^.\n]+\.?", text)]


def fake_entities(text: str, **_: Any) -> list[Entity]:
    return [
        Entity(m.group(), "LOC", m.start(), m.end(), 0.5, m.group())
        for m in re.finditer("الرباط", text)
    ]


@pytest.fixture(autouse=True)
def fakes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if "real" in request.node.name:
        return
    monkeypatch.setattr("arnews.pipeline.strip_boilerplate", fake_strip)
    monkeypatch.setattr("arnews.pipeline.split_sentences", fake_sentences)
    monkeypatch.setattr("arnews.entities.extract_entities", fake_entities)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("زار الرباط.", encoding="utf-8")
    (folder / "b.html").write_text("<p>صفحة <b>الرباط</b>.</p>", encoding="utf-8")
    (folder / "sub" / "c.jsonl").write_text(
        '{"id": 1, "text": "أول."}\n\n{"id": 2, "text": "ثان.", "url": "u"}\n', encoding="utf-8"
    )
    (folder / "notes.csv").write_text("ignored", encoding="utf-8")
    return folder


def test_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(["process", str(tmp_path / "nope.txt")], capsys)
    assert code == 2
    assert out == ""
    assert "no such file or directory" in err
    assert "nope.txt" in err


def test_bad_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["process", "--jobs", "0", str(EXAMPLE)])
    assert info.value.code == 2
    assert "positive" in capsys.readouterr().err


def test_folder_of_mixed_inputs_in_name_order(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    code, out, err = run(["process", str(corpus)], capsys)
    assert (code, err) == (0, "")
    records = lines(out)
    assert [r["text"] for r in records] == ["زار الرباط.", "صفحة الرباط.", "أول.", "ثان."]
    assert [r["title"] for r in records] == ["TXT", "HTML", "TXT", "TXT"]  # .html → html=True
    assert records[0]["metadata"] == {"path": str(corpus / "a.txt")}
    assert records[3]["metadata"] == {
        "id": 2,
        "url": "u",
        "path": str(corpus / "sub" / "c.jsonl"),
        "line": 3,
    }
    assert records[0]["places"] == ["الرباط"]
    assert (records[0]["path"], records[3]["id"], records[3]["line"]) == (
        str(corpus / "a.txt"),
        2,
        3,
    )
    assert Article.from_dict(records[0]).entities[0].text == "الرباط"


def test_stdin_text_and_jsonl(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("نص حر.\n".encode())))
    code, out, _ = run(["process", "-"], capsys)
    assert code == 0
    assert lines(out)[0]["text"] == "نص حر."
    assert lines(out)[0]["metadata"] == {"path": "<stdin>"}
    data = '{"text": "أ."}\n{"text": "ب.", "id": 5}\n'.encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(["process", "-"], capsys)
    assert [(r["text"], r["metadata"].get("id")) for r in lines(out)] == [("أ.", None), ("ب.", 5)]


def test_jsonl_record_fields_fill_the_article_metadata_real(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "قال الوزير إن الحكومة ستطلق برنامجا جديدا لدعم الفلاحين الصغار في الجهة."
    records = [
        {"text": body, "title": "عنوان الناشر", "published": "2025-10-02T08:00:00+01:00",
         "source": "هسبريس"},
        {"text": body, "date": "الخميس 2 أكتوبر 2025"},
        {"text": "عنوان من النص\nالجمعة 3 أكتوبر 2025\n" + body, "date": "قريبا", "title": " "},
    ]  # fmt: skip
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(["process", "-"], capsys)
    assert code == 0
    got = [(r["title"], r["published"], r["source"]) for r in lines(out)]
    assert got == [
        ("عنوان الناشر", "2025-10-02", "هسبريس"),
        (None, "2025-10-02", None),
        ("عنوان من النص", "2025-10-03", None),  # unreadable or blank fields: the text's own
    ]


@pytest.fixture
def broken(tmp_path: Path) -> list[str]:
    good = tmp_path / "1-good.txt"
    good.write_text("جيد.", encoding="utf-8")
    latin1 = tmp_path / "2-latin1.txt"
    latin1.write_bytes("café".encode("latin-1"))
    lines_file = tmp_path / "3-lines.jsonl"
    lines_file.write_text(
        '{"text": "أ."}\n{"text": "ب.",\n["x"]\n{"id": 1}\n{"text": "boom"}\n{"text": "ج."}\n',
        encoding="utf-8",
    )
    return [str(good), str(latin1), str(lines_file)]


def test_errors_raise_stops_at_the_first_bad_input(
    capsys: pytest.CaptureFixture[str], broken: list[str]
) -> None:
    code, out, err = run(["process", *broken], capsys)
    assert code == 1
    assert [r["text"] for r in lines(out)] == ["جيد."]
    assert f"{broken[1]}: not UTF-8 (byte 0xe9 at offset 3)" in err


def test_errors_skip_reports_each_and_goes_on(
    capsys: pytest.CaptureFixture[str], broken: list[str]
) -> None:
    code, out, err = run(["process", "--errors", "skip", *broken], capsys)
    assert code == 1
    assert [r["text"] for r in lines(out)] == ["جيد.", "أ.", "ج."]
    reports = err.splitlines()
    assert reports == [
        f"arnews: {broken[1]}: not UTF-8 (byte 0xe9 at offset 3)",
        f"arnews: {broken[2]}:2: invalid JSON (Expecting property name enclosed in double"
        " quotes at column 15)",
        f"arnews: {broken[2]}:3: a JSON line must be an object, not list",
        f'arnews: {broken[2]}:4: no "text" string field',
        f"arnews: {broken[2]}:5: RuntimeError: stage failed",
    ]


def test_errors_record_outputs_error_records_in_place(
    capsys: pytest.CaptureFixture[str], broken: list[str]
) -> None:
    code, out, _ = run(["process", "--errors", "record", "--format", "tsv", *broken], capsys)
    assert code == 1
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0][0] == "path"
    assert rows[0][-1] == "error"
    assert [r[0] for r in rows[1:]] == [
        broken[0],
        broken[1],
        f"{broken[2]}:1",
        f"{broken[2]}:2",
        f"{broken[2]}:3",
        f"{broken[2]}:4",
        f"{broken[2]}:5",
        f"{broken[2]}:6",
    ]
    errors = [r[-1] for r in rows[1:]]
    assert errors[0] == errors[2] == errors[7] == ""
    assert errors[1].startswith("InputError: ")
    assert "not UTF-8" in errors[1]
    assert errors[6] == "RuntimeError: stage failed"


def test_json_and_pretty_formats(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    code, out, _ = run(["process", "--format", "json", str(corpus / "a.txt")], capsys)
    assert code == 0
    assert [a["text"] for a in json.loads(out)] == ["زار الرباط."]
    code, out, _ = run(["process", "--format", "json", str(corpus / "notes.csv")], capsys)
    assert json.loads(out)[0]["text"] == "ignored"  # a file named explicitly is read as text
    code, out, _ = run(["process", "--format", "pretty", str(corpus / "a.txt")], capsys)
    assert out.splitlines()[:2] == [f"══ {corpus / 'a.txt'} ══", "title          TXT"]
    assert "  LOC   الرباط" in out
    assert "places         الرباط" in out


def test_single_stages(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "x.txt"
    source.write_text("أَهْلاً بالرباط. إلى اللقاء", encoding="utf-8")
    monkeypatch.undo()  # the real normalize and sentence stages
    code, out, _ = run(["normalize", str(source)], capsys)
    assert (code, out) == (0, "أهلا بالرباط. إلى اللقاء\n")
    code, out, _ = run(["normalize", "--unify-alef", str(source)], capsys)
    assert out == "اهلا بالرباط. الى اللقاء\n"
    code, out, _ = run(["sentences", str(source)], capsys)
    assert out == "أَهْلاً بالرباط.\nإلى اللقاء\n"
    code, out, _ = run(["sentences", "--format", "jsonl", str(source)], capsys)
    assert [(r["sentence"], r["start"]) for r in lines(out)] == [(0, 0), (1, 17)]


def test_entities_stage(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "x.txt"
    source.write_text("زار الرباط ثم الرباط.", encoding="utf-8")
    code, out, _ = run(["entities", str(source)], capsys)
    assert code == 0
    assert out.splitlines() == [
        "path\tstart\tend\tlabel\ttext\tcanonical\tscore",
        f"{source}\t4\t10\tLOC\tالرباط\tالرباط\t0.500",
        f"{source}\t14\t20\tLOC\tالرباط\tالرباط\t0.500",
    ]


def test_output_file(capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    code, out, _ = run(["process", str(corpus / "a.txt"), "-o", str(target)], capsys)
    assert (code, out) == (0, "")
    assert lines(target.read_text(encoding="utf-8"))[0]["text"] == "زار الرباط."


def test_iter_documents_raises_without_a_handler(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"bad.jsonl:1: invalid JSON"):
        list(iter_documents([str(bad)]))


def test_pretty_summary_of_an_error_record() -> None:
    text = format_pretty(Article("", metadata={"path": "a.txt", "error": "TypeError: x"}))
    assert text == "══ a.txt ══\nerror          TypeError: x"


# --------------------------------------------------------------------------- end to end


def arnews_command() -> list[str]:
    script = Path(sys.executable).with_name("arnews")
    return [str(script)] if script.exists() else [sys.executable, "-m", "arnews.cli"]


def test_real_demo_prints_the_summary() -> None:
    result = subprocess.run(
        [*arnews_command(), "process", str(EXAMPLE), "--format", "pretty"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "published      2025-05-14" in out
    assert "وكالة المغرب العربي للأنباء" in out
    assert re.search(r"removed \(\d+ blocks\)", out)
    assert re.search(r"sentences \([4-9]\)", out)
    assert "people " in out
    assert "places " in out


def test_real_jobs_two_matches_one(tmp_path: Path) -> None:
    source = tmp_path / "many.jsonl"
    text = EXAMPLE.read_text(encoding="utf-8")
    with source.open("w", encoding="utf-8") as f:
        for i in range(6):
            f.write(json.dumps({"id": i, "text": text.replace("الثالثة", f"رقم {i}")}) + "\n")
    outputs = []
    for jobs in ("1", "2"):
        result = subprocess.run(
            [*arnews_command(), "process", str(source), "--jobs", jobs, "--batch-size", "2"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        assert result.returncode == 0, result.stderr
        outputs.append(lines(result.stdout))
    assert outputs[0] == outputs[1]
    assert [r["metadata"]["id"] for r in outputs[1]] == list(range(6))


def test_json_lines_survive_any_line_splitter(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "x.txt"
    source.write_text("أ\u2028ب\x85ج\u2029د\x1ch.", encoding="utf-8")
    code, out, _ = run(["process", str(source)], capsys)
    assert code == 0
    assert len(out.splitlines()) == 1
    assert json.loads(out)["text"] == "أ\u2028ب\x85ج\u2029د\x1ch."


def test_lone_surrogates_are_written_as_escapes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = b'{"id": 1, "text": "\\ud800 \\u0627\\u0644\\u0631\\u0628\\u0627\\u0637."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(["process", "-", "--format", "jsonl"], capsys)
    assert code == 0
    out.encode("utf-8")  # the output stream can take it
    record = json.loads(out)
    assert record["text"] == "\ud800 الرباط."
    assert record["entities"][0]["text"] == "الرباط"
