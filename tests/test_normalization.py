"""Normalization: golden cases, options, bad input, and properties of the text and its map."""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews import NormalizeConfig, Normalized, normalize, normalize_with_map
from extras import need

GOLDEN = Path(__file__).parent / "golden" / "normalization.json"
FIELDS = {f.name for f in dataclasses.fields(NormalizeConfig)}
CASE_KEYS = {"label", "original", "expected", "options", "known_failure", "note"}


def _load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return cases


def _golden_params() -> list[Any]:
    params = []
    for case in _load_cases():
        marks = [pytest.mark.xfail(strict=True)] if case.get("known_failure") else []
        params.append(pytest.param(case, id=case["label"], marks=marks))
    return params


# ---------------------------------------------------------------- golden cases


def test_golden_cases_are_well_formed() -> None:
    cases = _load_cases()
    assert isinstance(cases, list)
    assert len(cases) >= 40
    labels = [case["label"] for case in cases]
    assert len(labels) == len(set(labels)), "labels must be unique"
    for case in cases:
        assert set(case) <= CASE_KEYS, case
        assert {"label", "original", "expected"} <= set(case), case
        assert all(isinstance(case[k], str) for k in ("label", "original", "expected"))
        assert case["label"]
        assert case["label"].strip() == case["label"]
        options = case.get("options", {})
        assert isinstance(options, dict)
        assert set(options) <= FIELDS, f"{case['label']}: unknown option"
        NormalizeConfig(**options)  # values must be valid too
        assert isinstance(case.get("known_failure", False), bool)
        assert "note" not in case or case.get("known_failure"), "notes explain known failures"


@pytest.mark.parametrize("case", _golden_params())
def test_golden_case(case: dict[str, Any]) -> None:
    options = case.get("options", {})
    assert normalize(case["original"], **options) == case["expected"]
    assert normalize_with_map(case["original"], **options).text == case["expected"]


# ---------------------------------------------------------------- options and config


def test_options_override_config() -> None:
    config = NormalizeConfig(unify_alef=True, strip_diacritics=False)
    assert normalize("أَ", config=config) == "اَ"
    assert normalize("أَ", config=config, strip_diacritics=True) == "ا"
    assert normalize("أَ", config=config, unify_alef=False, strip_diacritics=True) == "أ"


def test_config_rejects_bad_values() -> None:
    with pytest.raises(ValueError, match="digits"):
        NormalizeConfig(digits="roman")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="unify_alef"):
        NormalizeConfig(unify_alef="yes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="digits"):
        normalize("x", digits="hindi")


def test_config_is_frozen_and_hashable() -> None:
    config = NormalizeConfig()
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.unify_alef = True  # type: ignore[misc]
    assert hash(config) == hash(NormalizeConfig())


@pytest.mark.parametrize("function", [normalize, normalize_with_map])
def test_unknown_option_is_named(function: Any) -> None:
    with pytest.raises(TypeError, match="'strip_harakat'"):
        function("نص", strip_harakat=True)


@pytest.mark.parametrize("function", [normalize, normalize_with_map])
def test_config_must_be_a_config(function: Any) -> None:
    with pytest.raises(TypeError, match="config"):
        function("نص", config={"unify_alef": True})


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("function", [normalize, normalize_with_map])
@pytest.mark.parametrize("value", [None, b"\xd9\x86\xd8\xb5", 42, ["نص"]])
def test_non_str_text_is_refused_by_name(function: Any, value: object) -> None:
    with pytest.raises(TypeError, match=r"^text must be str"):
        function(value)


def test_empty_text() -> None:
    assert normalize("") == ""
    empty = normalize_with_map("")
    assert empty.text == ""
    assert len(empty.offsets) == 0
    assert empty.original_span(0, 0) == (0, 0)


def test_text_that_normalizes_to_nothing() -> None:
    result = normalize_with_map("\u200b \u064e\n\u0640")
    assert result.text == ""
    assert len(result.offsets) == 0
    assert result.original_span(0, 0) == (5, 5)


def test_large_input_is_handled_in_one_piece() -> None:
    line = "قالَ  الرئيسُ\u200f ﻻ\tشيء،\r\n"
    text = line * (10_000_000 // len(line))
    assert len(text) >= 9_900_000
    expected_line = "قال الرئيس لا شيء،"
    assert normalize(text) == "\n".join([expected_line] * (len(text) // len(line)))
    small = text[: 2_000_000 - 2_000_000 % len(line)]
    result = normalize_with_map(small)
    assert result.text == normalize(small)
    assert len(result.offsets) == len(result.text)


def test_every_pyarabic_and_camel_diacritic_is_removed() -> None:
    # The libraries' own lists as a cross-check of ours (ours is wider: Quranic marks).
    camel_marks = need("camel_tools.utils.charsets", "camel").AR_DIAC_CHARSET
    araby = need("pyarabic.araby", "training")

    marks = set(araby.TASHKEEL) | set(camel_marks) | {araby.TATWEEL}
    for mark in marks:
        assert normalize(f"ب{mark}ت") == "بت", hex(ord(mark))


def test_every_presentation_form_with_a_decomposition_is_folded() -> None:
    blocks = [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]
    for cp in blocks:
        char = chr(cp)
        if char == "\ufeff" or unicodedata.normalize("NFKC", char) == char:
            continue
        folded = normalize(f"ب{char}ب", strip_diacritics=False, strip_tatweel=False)
        assert not any(0xFB50 <= ord(c) <= 0xFDFF or 0xFE70 <= ord(c) <= 0xFEFF for c in folded)
        assert len(folded) >= 2, hex(cp)


def test_result_is_frozen() -> None:
    result = normalize_with_map("نص")
    assert isinstance(result, Normalized)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "x"  # type: ignore[misc]


def test_original_span_rejects_spans_outside_the_text() -> None:
    result = normalize_with_map("نصوص")
    for start, end in [(-1, 2), (2, 1), (0, 5)]:
        with pytest.raises(ValueError, match="span"):
            result.original_span(start, end)


def test_original_span_covers_ligatures_marks_and_runs() -> None:
    source = "ﻻ  بُـد\r\nﷲ"
    result = normalize_with_map(source)
    assert result.text == "لا بد\nالله"
    assert result.original_span(0, 1) == (0, 1)  # half a ligature: the whole ligature
    assert result.original_span(2, 3) == (1, 3)  # the collapsed run of spaces
    assert result.original_span(3, 5) == (3, 7)  # the word with its damma and tatweel
    assert result.original_span(5, 6) == (7, 9)  # \r\n
    assert source[slice(*result.original_span(6, 10))] == "ﷲ"


# ---------------------------------------------------------------- properties

ARABIC_LETTERS = "ءبتثجحخدذرزسشصضطظعغفقكلمن"
PLAIN = set(ARABIC_LETTERS) | set("abcXYZ0123456789.-")

characters = st.one_of(
    st.characters(),
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.characters(min_codepoint=0x08A0, max_codepoint=0x08FF),
    st.characters(min_codepoint=0xFB50, max_codepoint=0xFDFF),
    st.characters(min_codepoint=0xFE70, max_codepoint=0xFEFF),
    st.sampled_from(
        list(
            " \t\n\r\v\f\x00\x1c\x85\u00a0\u00ad\u200b\u200c\u200d\u200e\u200f\u2028\u2029"
            "\u202b\u2067\u061c\ufeff\ud800\udfff\u0640\u0653\u0654\u0655\u064e\u0651"
            "اويەہےی٣۴؟،"
        )
    ),
    st.sampled_from(list(PLAIN)),
)
texts = st.text(characters, max_size=80)
configs = st.builds(
    NormalizeConfig,
    **{name: st.booleans() for name in FIELDS if name != "digits"},
    digits=st.sampled_from(["keep", "ascii", "arabic"]),
)


@settings(max_examples=400, deadline=None)
@given(texts, configs)
def test_normalize_is_idempotent(text: str, config: NormalizeConfig) -> None:
    once = normalize(text, config=config)
    assert normalize(once, config=config) == once


@settings(max_examples=400, deadline=None)
@given(texts, configs)
def test_map_text_is_normalize_text(text: str, config: NormalizeConfig) -> None:
    assert normalize_with_map(text, config=config).text == normalize(text, config=config)


@settings(max_examples=400, deadline=None)
@given(texts, configs)
def test_offsets_point_into_the_source_in_order(text: str, config: NormalizeConfig) -> None:
    result = normalize_with_map(text, config=config)
    offsets = list(result.offsets)
    assert result.source == text
    assert len(offsets) == len(result.text)
    assert all(0 <= o < len(text) for o in offsets)
    assert offsets == sorted(offsets)
    for i, o in enumerate(offsets):
        if text[o] in PLAIN:  # a character no rule touches maps back to itself
            assert result.text[i] == text[o]


@settings(max_examples=400, deadline=None)
@given(texts, configs)
def test_original_span_round_trips(text: str, config: NormalizeConfig) -> None:
    result = normalize_with_map(text, config=config)
    out, offsets = result.text, result.offsets
    for word in re.finditer(r"\S+", out):
        start, end = word.span()
        if start > 0 and offsets[start - 1] == offsets[start]:
            continue  # the word starts inside a ligature's expansion
        if end < len(out) and offsets[end] == offsets[end - 1]:
            continue
        first, last = result.original_span(start, end)
        assert 0 <= first < last <= len(text)
        assert normalize(text[first:last], config=config) == word.group()


@settings(max_examples=200, deadline=None)
@given(texts)
def test_original_span_nests(text: str) -> None:
    result = normalize_with_map(text)
    size = len(result.text)
    for start in range(size + 1):
        first, last = result.original_span(start, size)
        assert 0 <= first <= last <= len(text)
        if start < size:
            assert first == result.offsets[start]
            inner = result.original_span(start, start + 1)
            assert first <= inner[0] <= inner[1] <= last


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(sorted(PLAIN | {" "})), max_size=60))
def test_plain_text_is_only_trimmed(text: str) -> None:
    expected = re.sub(" +", " ", text).strip(" ")
    assert normalize(text) == expected
