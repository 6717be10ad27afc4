"""Hypothesis invariants of every public function, on any string at all.

For arbitrary text (any code point, lone surrogates included) and for news-like text
assembled from Arabic words, punctuation, boilerplate phrases, markup and invisible
characters, each function returns without an exception and keeps its contract (see
``tests/contracts.py``): offsets index the text, sentences cover every non-space
character once, ``normalize`` is idempotent, ``strip_boilerplate`` invents nothing and
accounts for every non-blank line, entities lie inside one sentence.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import arnews
import contracts
from arnews.boilerplate import html_to_text

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ANY_CHAR = st.characters(exclude_categories=())  # every code point, lone surrogates included
SPECIAL = (
    "\u0640\u064b\u064e\u0651\u0652\u0670\u06d6\u06da\u06dd\u06de\u06e9\u06ed"
    "\u200b\u200c\u200d\u200e\u200f\u061c\u202b\u202c\u2066\u2069\ufeff\u00ad"
    "\u00a0\u2002\u3000\u2028\u2029\x85\x00\x1b\x7f\x9f\t\r\n\v\f"
    "\ufdfa\ufefb\ufd3e\ufd3f\ufdfd\u06f4\u0664\u066b\u066c\u066a"
    ".:!?\u061f\u060c\u061b\"'\u00ab\u00bb()[]\u2026-\u2014#@/<>&;"
)
CHARS = st.one_of(
    ANY_CHAR,
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.sampled_from(SPECIAL),
)
FRAGMENTS = (
    "قال",
    " الرئيس",
    " عبد المجيد تبون",
    " في",
    " الجزائر",
    " إن",
    " وزارة الخارجية",
    " الأمم المتحدة",
    " محمد بن سلمان",
    " للأمم",
    " والمغرب",
    " بالرباط",
    " د.",
    " م.",
    " 3.5",
    " ٢٠١٨",
    " 12/05/2024",
    " %",
    ".",
    "؟",
    "!",
    "،",
    " ...",
    "…",
    "\n",
    "\n\n",
    " ",
    "  ",
    "\t",
    "اقرأ أيضا: ",
    "جميع الحقوق محفوظة ©",
    "شارك على فيسبوك",
    "تابعونا على تويتر",
    "الرباط - (وكالات) ",
    "حرر بتاريخ 14 مايو 2025",
    "Macron",
    " Paris.",
    " https://example.org/a.b?c=1",
    " info@example.org",
    " #أخبار",
    " @user",
    "«",
    "»",
    '"',
    "(",
    ")",
    "ـــ",
    "\u200f",
    "\u200e",
    "\ud800",
    "\x00",
    "😀",
    "北京",
    " Москва",
    "۞",
    "﴾",
    "﴿",
    "ﷺ",
    "<p>",
    "</p>",
    "<br>",
    "<div>",
    "&amp;",
    "<!--",
)
NEWSLIKE = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(CHARS, max_size=3)), max_size=40)
TEXT = st.one_of(st.text(CHARS, max_size=200), NEWSLIKE.map("".join))
HTML_PIECES = (
    "<html>",
    "<head><title>عنوان الخبر</title></head>",
    "<body>",
    "<article>",
    "<p>",
    "</p>",
    "<div class='nav'>",
    "</div>",
    "<script>var a = 1 < 2;</script>",
    "<br/>",
    "<h1>",
    "</h1>",
    "<!-- ",
    " -->",
    "<![CDATA[",
    "]]>",
    "&#x0;",
    "&#1604;",
    "&nbsp;",
    "<p unclosed",
    "</article></body></html>",
    "<footer>جميع الحقوق محفوظة</footer>",
)
HTML = st.lists(
    st.one_of(st.sampled_from(HTML_PIECES), st.sampled_from(FRAGMENTS), st.text(CHARS, max_size=3)),
    max_size=40,
).map("".join)
OPTIONS = st.fixed_dictionaries(
    {},
    optional={
        "strip_diacritics": st.booleans(),
        "strip_tatweel": st.booleans(),
        "remove_invisible": st.booleans(),
        "normalize_whitespace": st.booleans(),
        "fold_presentation_forms": st.booleans(),
        "fold_persian": st.booleans(),
        "unify_alef": st.booleans(),
        "unify_alef_maksura": st.booleans(),
        "unify_teh_marbuta": st.booleans(),
        "ascii_punctuation": st.booleans(),
        "digits": st.sampled_from(["keep", "ascii", "arabic"]),
    },
)


@FAST
@given(TEXT)
def test_normalize_is_idempotent_and_matches_its_map(text: str) -> None:
    contracts.check_normalize(text, arnews.normalize(text))


@FAST
@given(TEXT, OPTIONS)
def test_normalize_with_any_options_is_a_fixed_point(text: str, options: dict[str, object]) -> None:
    once = arnews.normalize(text, **options)
    assert arnews.normalize(once, **options) == once
    mapped = arnews.normalize_with_map(text, **options)
    assert mapped.text == once
    contracts.check_normalized(text, mapped)


@FAST
@given(TEXT)
def test_normalize_with_map_points_into_the_source(text: str) -> None:
    contracts.check_normalized(text, arnews.normalize_with_map(text))


@FAST
@given(TEXT, st.booleans())
def test_tokenize_covers_every_visible_character(text: str, clitics: bool) -> None:
    contracts.check_tokens(text, arnews.tokenize(text, clitics=clitics))


@FAST
@given(TEXT)
def test_sentences_cover_non_space_text_once(text: str) -> None:
    contracts.check_sentences(text, arnews.split_sentences(text))


@FAST
@given(TEXT)
@example("<P><P>0<P>")  # sniffed as HTML: its offsets index html_to_text, not the input
def test_strip_boilerplate_invents_nothing_and_loses_nothing(text: str) -> None:
    # html=None sniffs markup: offsets index the text itself, or html_to_text of a page
    contracts.TARGETS["boilerplate"](text)
    contracts.TARGETS["boilerplate_text"](text)


@SLOW
@given(HTML)
def test_strip_boilerplate_html_offsets_index_the_page_text(page: str) -> None:
    cleaned = arnews.strip_boilerplate(page, html=True)
    contracts.check_cleaned(html_to_text(page), cleaned, "strip_boilerplate(html=True)")


@SLOW
@given(TEXT)
def test_entities_are_valid_spans(text: str) -> None:
    contracts.check_entities(text, arnews.extract_entities(text))


@SLOW
@given(TEXT)
def test_process_keeps_every_contract(text: str) -> None:
    contracts.check_article(text, arnews.process(text))


@SLOW
@given(HTML)
def test_process_html_keeps_every_contract(page: str) -> None:
    contracts.check_article(page, arnews.process(page, html=True), html=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, max_size=5))
def test_process_many_equals_process_one_by_one(texts: list[str]) -> None:
    many = list(arnews.process_many(texts, batch_size=2))
    assert many == [arnews.process(t) for t in texts]
