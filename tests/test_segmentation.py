"""Sentence segmentation: golden cases, the hand-checked dev set floor, offsets, bad input."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import arnews
import contracts
from arnews.segmentation import SegmentConfig, load_abbreviations, split_sentences
from arnews.types import Sentence

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden" / "sentences.txt"
DEV = HERE / "data" / "sentences_dev.txt"

DEV_F1_FLOOR = 0.980
"""Measured 0.990 boundary F1 on the dev set (P 0.987, R 0.992: 238 boundaries, 2 missed and 3
false; 0.992 before the issue-12 rules, whose glued ".." adds one false cut); the floor is that
minus 0.01."""
HELDOUT = HERE / "data" / "sentences_heldout.txt"
HELDOUT_F1_FLOOR = 0.981
"""Measured 0.991 (P 1.000, R 0.983: 58 boundaries, 1 missed) on 40 paragraphs drawn after
the first rules were written and never used to write a rule; the floor is that minus 0.01."""
DEV_PLAIN_F1_FLOOR = 0.99
"""Measured 1.000 on the 60 paragraphs drawn without any hard case (70 boundaries); one miss
is allowed."""
REGIONAL = HERE / "data" / "sentences_dev_regional.txt"
REGIONAL_F1_FLOOR = 0.98
"""Measured 0.991 (P 0.988, R 0.994: 163 boundaries, 1 missed and 2 false) on 161 Jawhara FM
paragraphs (issue 12; 0.833 before the rules for glued dots, ``..`` and ``!! )``); the floor
is that minus 0.01."""
REGIONAL_CASE_F1_FLOOR = 0.95
"""Per case of the regional set (double-dot, glued-dot, ellipsis, strong-run, line-break…):
each measured 0.96 or more (ellipsis 0.968, double-dot 0.969, the others 0.98–1.0)."""
UNITS_FLOOR = 0.99
"""Every hand-checked sentence of the three sets, segmented on its own, must come back as one
sentence (UD-style single-sentence text): measured 0.9945 (902 of 907); floor minus ~0.005."""
PAGES_GOLD = HERE / "data" / "sentences_pages.tsv"
PAGES_F1_FLOOR = 0.975
"""Measured 0.985 on the 58 paragraphs of the saved pages in ../shared (68 boundaries)."""


import sentence_cases as cases_module  # noqa: E402  (tests/ is on pytest's pythonpath)

GOLDEN_CASES = cases_module.read_cases(GOLDEN)
DEV_CASES = cases_module.read_cases(DEV)
HELDOUT_CASES = cases_module.read_cases(HELDOUT)
REGIONAL_CASES = cases_module.read_cases(REGIONAL)


def _texts(text: str, config: SegmentConfig | None = None) -> list[str]:
    result = split_sentences(text) if config is None else split_sentences(text, config)
    return [s.text for s in result]


# --- golden cases ------------------------------------------------------------------------


def test_golden_file_has_enough_cases() -> None:
    assert len(GOLDEN_CASES) >= 60
    assert len({c.label for c in GOLDEN_CASES}) == len(GOLDEN_CASES), "labels must be unique"


@pytest.mark.parametrize("case", GOLDEN_CASES, ids=[c.label for c in GOLDEN_CASES])
def test_golden_case(case: object) -> None:
    assert isinstance(case, cases_module.Case)
    sentences = split_sentences(case.text)
    assert tuple(s.text for s in sentences) == case.sentences
    contracts.check_sentences(case.text, sentences)


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("مرحبا. أهلا\nمرحبا.\nأهلا\n", "exactly one '---'"),
        ("مرحبا\n---\nمرحبا\n---\nمرحبا\n", "exactly one '---'"),
        ("\n---\nمرحبا\n", "empty input"),
        ("مرحبا\n---\n", "no expected sentence"),
        ("مرحبا. أهلا\n---\nمرحبا.\n أهلا\n", "spaces around it"),
        ("مرحبا. أهلا\n---\nمرحبا.\n\nأهلا\n", "spaces around it"),
        ("مرحبا. أهلا\n---\nمرحبا.\nسلام\n", "not in the input"),
        ("مرحبا. أهلا وسهلا\n---\nمرحبا.\nوسهلا\n", "in no sentence"),
        ("مرحبا. أهلا\n---\nمرحبا.\n", "in no sentence"),
        ("# only a label\n===\nمرحبا\n---\nمرحبا\n", "exactly one '---'"),
    ],
    ids=[
        "no-separator",
        "two-separators",
        "empty-input",
        "no-sentence",
        "padded-sentence",
        "blank-sentence-line",
        "sentence-not-in-input",
        "text-left-out-inside",
        "text-left-out-at-end",
        "label-only-case",
    ],
)
def test_malformed_case_fails(source: str, problem: str) -> None:
    with pytest.raises(cases_module.MalformedCaseError, match=problem):
        cases_module.parse_cases(source)


# --- dev set -----------------------------------------------------------------------------


def _dev_score(cases: list[object]) -> object:
    pairs = []
    for case in cases:
        assert isinstance(case, cases_module.Case)
        ends = tuple(s.end for s in split_sentences(case.text))
        pairs.append((ends[:-1], case.boundaries))
    return cases_module.score(pairs)


def test_dev_set_shape() -> None:
    multi = [c for c in DEV_CASES if len(c.sentences) > 1]
    hard = [c for c in DEV_CASES if "[plain]" not in c.label]
    assert len(multi) >= 150
    assert len(hard) >= len(DEV_CASES) / 2


def test_dev_set_f1_floor() -> None:
    result = _dev_score(DEV_CASES)
    assert result.f1 >= DEV_F1_FLOOR, result


def test_heldout_set_f1_floor() -> None:
    assert not {c.text for c in HELDOUT_CASES} & {c.text for c in DEV_CASES}
    result = _dev_score(HELDOUT_CASES)
    assert result.expected >= 50
    assert result.f1 >= HELDOUT_F1_FLOOR, result


def test_dev_set_plain_paragraphs_floor() -> None:
    result = _dev_score([c for c in DEV_CASES if "[plain]" in c.label])
    assert result.expected >= 50
    assert result.f1 >= DEV_PLAIN_F1_FLOOR, result


def test_regional_set_shape() -> None:
    assert len(REGIONAL_CASES) >= 150
    assert not {c.text for c in REGIONAL_CASES} & {c.text for c in DEV_CASES + HELDOUT_CASES}
    tags = {c.label.split("[")[1].split("]")[0] for c in REGIONAL_CASES}
    assert {"double-dot", "glued-dot", "ellipsis", "strong-run", "line-break"} <= tags
    assert all(c.label.startswith("jawharafm-") for c in REGIONAL_CASES)


def test_regional_set_f1_floor() -> None:
    result = _dev_score(REGIONAL_CASES)
    assert result.expected >= 150
    assert result.f1 >= REGIONAL_F1_FLOOR, result


@pytest.mark.parametrize(
    "tag", ["double-dot", "glued-dot", "ellipsis", "strong-run", "line-break", "quote-close"]
)
def test_regional_set_floor_per_case(tag: str) -> None:
    result = _dev_score([c for c in REGIONAL_CASES if f"[{tag}]" in c.label])
    assert result.expected >= 4
    assert result.f1 >= REGIONAL_CASE_F1_FLOOR, (tag, result)


def test_regional_set_needs_the_new_rules() -> None:
    """The regional set is hard for the issue-12 rules' absence: reading ".." as a pause and
    never cutting a glued dot loses most of its double-dot and glued-dot boundaries."""
    old_style = SegmentConfig(double_dot="pause")
    glued = [c for c in REGIONAL_CASES if "[double-dot]" in c.label]
    pairs = [
        (tuple(x.end for x in split_sentences(c.text, old_style))[:-1], c.boundaries) for c in glued
    ]
    assert cases_module.score(pairs).recall < _dev_score(glued).recall


def test_single_sentences_stay_whole() -> None:
    """UD-style text: each hand-checked sentence alone comes back as one sentence."""
    units = [s for c in DEV_CASES + HELDOUT_CASES + REGIONAL_CASES for s in c.sentences]
    whole = sum(1 for u in units if len(split_sentences(u)) == 1)
    assert len(units) >= 850
    assert whole / len(units) >= UNITS_FLOOR, (whole, len(units))


def _page_cases() -> list[object]:
    """The saved pages' paragraphs with their marked boundaries (empty without ../shared)."""
    sys.path.insert(0, str(HERE.parent / "benchmarks"))
    from page_paragraphs import PAGES, digest, read_page_paragraphs

    gold = {}
    for line in PAGES_GOLD.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            page, key, ends = line.split("\t")
            gold[(page, key)] = tuple(int(x) for x in ends.split(",") if x)
    if not PAGES.exists():
        return []
    found = []
    for page, paragraph in read_page_paragraphs(PAGES):
        ends = gold.get((page, digest(paragraph)))
        if ends is not None:
            found.append(cases_module.Case(page, paragraph, (), ends, 0))
    assert len(found) == len(gold), "a saved page changed: its paragraphs no longer match"
    return found


def test_saved_pages_f1_floor() -> None:
    cases = _page_cases()
    if not cases:
        pytest.skip("../shared/data/pages is not here (the pages are never committed)")
    result = _dev_score(cases)
    assert result.expected >= 60
    assert result.f1 >= PAGES_F1_FLOOR, result


# --- API and options ---------------------------------------------------------------------


def test_public_name() -> None:
    assert "split_sentences" in arnews.__all__
    assert arnews.split_sentences.__module__ == "arnews.segmentation"
    assert arnews.split_sentences("أ. ب. انتهى") == split_sentences("أ. ب. انتهى")


@pytest.mark.parametrize("bad", [None, b"text", 42, ["نص"]])
def test_non_str_is_type_error_naming_the_argument(bad: object) -> None:
    with pytest.raises(TypeError, match="text must be str"):
        split_sentences(bad)  # type: ignore[arg-type]


def test_bad_config_is_type_error_naming_it() -> None:
    with pytest.raises(TypeError, match="config must be SegmentConfig, not int"):
        split_sentences("نص", 3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="abbreviations must be a frozenset of str"):
        SegmentConfig(abbreviations={"د."})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="abbreviations must be a frozenset of str"):
        SegmentConfig(abbreviations=frozenset({1}))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="split_lines must be bool"):
        SegmentConfig(split_lines="no")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="join_wrapped_lines must be bool"):
        SegmentConfig(join_wrapped_lines=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="double_dot must be one of 'auto', 'stop', 'pause'"):
        SegmentConfig(double_dot="stops")


@pytest.mark.parametrize(
    ("text", "auto", "stop", "pause"),
    [
        # ".." before a plain word outside quotes: a pause, unless read as a full stop
        ("تأخر القطار.. المسافرون غاضبون.", 1, 2, 1),
        # before "و" + verb: a new sentence, unless read as a pause
        ("ارتفعت الأسعار.. ويرى خبراء أن الأزمة ستطول.", 2, 2, 1),
        # in quoted speech that runs to the end of its sentence
        ('قال: "تعبنا.. سنعود".', 2, 2, 1),
        # before a reporting participle or a comma: never
        ("نطق بأول كلمة يوم الخميس.. مضيفا أنه بخير.", 1, 1, 1),
        # before an opener: always
        ("لا أعرف ماذا حدث.. هل تعرف أنت؟", 2, 2, 2),
    ],
)
def test_double_dot_modes(text: str, auto: int, stop: int, pause: int) -> None:
    for mode, want in (("auto", auto), ("stop", stop), ("pause", pause)):
        assert len(split_sentences(text, SegmentConfig(double_dot=mode))) == want, mode


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("أعلنت الوزارة،\nفي بيان صدر اليوم، عن خطة جديدة.", True),
        ("وقع الاتفاق بين الحكومة و\nالنقابات بعد شهرين.", True),
        ("يشارك في الدورة عدد من\nالفرق العربية والإفريقية.", True),
        # the next line starts a sentence: "و" + a verb, an opener, a number, a bullet
        ('قال الرئيس إن الأزمة انتهت"،\nووصف الوضع بأنه مستقر.', False),
        ("قال الوزير إن الموعد تأجل،\nهل سيقبل الجميع؟", False),
        ("وتشمل القائمة الفرق التالية،\n1. الترجي\n2. الإفريقي", False),
        ("النتائج كالتالي،\n- الفريق الأول", False),
        # a headline or a complete sentence before the break, or a blank line
        ("الأمطار تعود إلى الشمال\nتوقع المعهد نزول أمطار غزيرة.", False),
        ("اكتمل العمل في المشروع،\n\nوسيفتتح قريبا.", False),
    ],
)
def test_wrapped_lines_join_only_when_the_line_stops_mid_sentence(text: str, joined: bool) -> None:
    sentences = _texts(text)
    assert len(sentences) == 1 if joined else len(sentences) >= 2, sentences
    unjoined = _texts(text, SegmentConfig(join_wrapped_lines=False))
    assert len(unjoined) >= 2  # the old rule: every line break ends a sentence


@pytest.mark.parametrize("blank", ["", " ", "\n\n", "\t \u00a0\u2028"])
def test_blank_input_gives_no_sentence(blank: str) -> None:
    assert split_sentences(blank) == []


def test_result_offsets_index_the_input() -> None:
    text = "  مرحبا بكم.   كيف الحال؟\n\nبخير  "
    assert split_sentences(text) == [
        Sentence("مرحبا بكم.", 2, 12),
        Sentence("كيف الحال؟", 15, 25),
        Sentence("بخير", 27, 31),
    ]


def test_crlf_and_unicode_line_breaks_end_sentences() -> None:
    text = "العنوان\r\nالنص. انتهى\u2028سطر\u2029فقرة\x85أخيرة"
    assert _texts(text) == ["العنوان", "النص.", "انتهى", "سطر", "فقرة", "أخيرة"]


def test_invisible_only_stretch_joins_the_sentence_before() -> None:
    text = "العنوان\n\u200f\nالنص."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["العنوان\n\u200f", "النص."]
    contracts.check_sentences(text, sentences)


def test_invisible_only_text_is_one_sentence() -> None:
    assert _texts("\u200f\u200e") == ["\u200f\u200e"]


def test_split_lines_false_joins_wrapped_lines_but_not_paragraphs_or_bullets() -> None:
    text = "قال الوزير إن\nالمشروع انطلق. وأضاف\nأنه مهم.\n\nفقرة ثانية\n• نقطة"
    config = SegmentConfig(split_lines=False)
    assert _texts(text, config) == [
        "قال الوزير إن\nالمشروع انطلق.",
        "وأضاف\nأنه مهم.",
        "فقرة ثانية",
        "• نقطة",
    ]
    # by default a line that stops on "إن" is a wrapped line; without joining it is cut
    assert _texts(text)[:2] == ["قال الوزير إن\nالمشروع انطلق.", "وأضاف"]
    unjoined = SegmentConfig(join_wrapped_lines=False)
    assert _texts(text, unjoined)[:2] == ["قال الوزير إن", "المشروع انطلق."]


def test_extra_abbreviations_extend_the_packaged_list() -> None:
    text = "بلغت المسافة 5 كلم. شمالا. وانتهى."
    assert _texts(text) == ["بلغت المسافة 5 كلم.", "شمالا.", "وانتهى."]
    config = SegmentConfig(abbreviations=frozenset({"كلم."}))
    assert _texts(text, config) == ["بلغت المسافة 5 كلم. شمالا.", "وانتهى."]


def test_abbreviation_list_is_read_from_the_data_file() -> None:
    abbreviations = load_abbreviations()
    assert {"د.", "أ.", "ق.م.", "ص.ب.", "Mr.", "U.S.", "e.g."} <= abbreviations.plain
    assert {"م.", "هـ.", "ق.م."} <= abbreviations.after_number
    assert "إلخ." not in abbreviations.plain


def test_latin_abbreviation_matches_capitalised() -> None:
    assert _texts("Prices rose, E.g. bread. Then fell.") == [
        "Prices rose, E.g. bread.",
        "Then fell.",
    ]


def test_lone_surrogates_and_control_characters_pass_through() -> None:
    text = "نص\ud800 مكسور. \x00وآخر\x07. انتهى"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["نص\ud800 مكسور.", "\x00وآخر\x07.", "انتهى"]
    contracts.check_sentences(text, sentences)


# --- properties --------------------------------------------------------------------------

ALPHABET = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآةىـ")
    + list("abcXYZ0123456789٠١٢٫٬")
    + list(".!?؟…,،;؛:\"'«»“”()[]{}-•*#@/")
    + list(" \t\n\r\u00a0\u2028\u2029\x85\x0b\x0c")
    + list("\u200e\u200f\u202a\u202b\u202c\u2066\u2069\u061c\u200b\ufeff")
    + ["د.", "ق.م.", "U.S.", "...", "؟!", ". ", "\n\n", "www.x.ma", "3.5", "1950م. "]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=80).map("".join))
def test_offsets_and_coverage_hold_for_any_text(text: str) -> None:
    contracts.check_sentences(text, split_sentences(text))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_offsets_and_coverage_hold_for_any_unicode(text: str) -> None:
    contracts.check_sentences(text, split_sentences(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_config_split_lines_false_keeps_the_invariants(text: str) -> None:
    contracts.check_sentences(text, split_sentences(text, SegmentConfig(split_lines=False)))


# --- adversarial input: linear time ------------------------------------------------------

ADVERSARIAL = {
    "dots": '"." * 100_000',
    "spaced dots": '". " * 100_000',
    "digits and dots": '"1." * 100_000',
    "digits": '"7" * 100_000 + ". x"',
    "quotes": '\'"\' * 100_000 + "؟ "',
    "question runs": '"؟" * 100_000 + " " + "؟!" * 50_000',
    "abbreviations": '"د. " * 100_000',
    "embedded brackets": '"(" + "x! ) " * 50_000',
    "ellipses": '"كلمة.. " * 50_000',
    "ellipses in a quotation": '"\\"" + "كلمة.. " * 50_000',
    "ellipses in quotations": '"\\"كلمة.. " * 50_000',
    "spaced acronym": '"بي . " * 100_000',
    "spaced runs": '"!! ... " * 50_000',
    "invisible": '"\\u200f" * 100_000 + ". "',
    "one long line": '("ذهب الوفد إلى الرباط وعاد دون نتيجة تذكر " * 25_000)[:1_000_000] + "."',
    "long word": '"ا" * 1_000_000 + ". ب"',
    "invisible lines after": '"عنوان\\n" + "\\u200f\\n" * 1_000_000',
    "invisible lines before": '"\\u200f\\n" * 1_000_000 + "نص."',
    "blank lines": '"\\n \\n" * 1_000_000 + "نص."',
    "glued dots": '"أمس.وأضاف " * 100_000',
    "glued dot chain": '"ابت." * 200_000',
    "glued double dots": '"\\"كلمة..كلمة " * 50_000',
    "long glued word": '"كلمة." + "ب" * 1_000_000',
    "spaced closers": '"!! " + ")" * 1_000_000',
    "wrapped lines": '"قال في\\n" * 200_000',
    "wrapped commas": '"كلمة،\\n" * 200_000',
}
"""Python expressions (evaluated in the child process) of hostile inputs, up to 2 MB. Each
runs in well under a second when the work is linear; a quadratic step (as an earlier
version had when merging invisible-only lines: 2.2 s for 80,000 of them) would need
minutes here and hit the subprocess timeout."""


def _run_isolated(code: str, timeout: int = 120) -> str:
    """Run ``code`` in a fresh interpreter; a super-linear algorithm would time out."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    ).stdout


def test_adversarial_inputs_are_covered_in_a_subprocess() -> None:
    code = f"""
        from arnews.segmentation import split_sentences
        inputs = {ADVERSARIAL!r}
        for name, expression in inputs.items():
            text = eval(expression)
            sentences = split_sentences(text)
            visible = sum(1 for c in text if not c.isspace())
            inside = sum(1 for s in sentences for c in s.text if not c.isspace())
            assert visible == inside, name
            assert all(text[s.start:s.end] == s.text for s in sentences), name
        print("ok", len(inputs))
    """
    assert _run_isolated(code).split() == ["ok", str(len(ADVERSARIAL))]


def _steps(text: str) -> int:
    """Python lines executed inside arnews.segmentation while splitting ``text``."""
    module_file = sys.modules["arnews.segmentation"].__file__
    count = 0

    def tracer(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        if frame.f_code.co_filename != module_file:
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        split_sentences(text)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize(
    "unit",
    [
        ".",
        ". ",
        "د. ",
        '"؟ ',
        "(x! ) ",
        "كلمة.. ",
        '"كلمة.. ',
        "بي . ",
        "!! ... ",
        "1. ",
        "؟ «ا» ",
        "قال. نعم!\n",
        "\n \n",
        "أمس.وأضاف ",
        "ابت.",
        '"كلمة..كلمة ',
        "!! ) ",
        "قال في\n",
        "كلمة،\n",
    ],
)
def test_work_grows_linearly(unit: str) -> None:
    small = _steps(unit * 2_000)
    large = _steps(unit * 8_000)
    assert large <= 4.4 * small + 50, (small, large)
