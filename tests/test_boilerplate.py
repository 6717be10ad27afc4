"""arnews.boilerplate: body kept, chrome removed with its reason, metadata moved out."""

# ruff: noqa: E501  (golden cases are whole sentences: one a line reads best)

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import contracts
import samples
from arnews import BoilerplateConfig, Cleaned, strip_boilerplate
from arnews.boilerplate import METADATA_REASONS, REASONS, html_to_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "rabat-water-summit.txt"
SHARED_EXAMPLE = ROOT.parent / "shared" / "examples" / "morocco-unoct-visit.txt"


def _load_evaluation() -> ModuleType:
    path = ROOT / "tests" / "data" / "boilerplate" / "evaluate.py"
    spec = importlib.util.spec_from_file_location("boilerplate_evaluation", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


EVAL = _load_evaluation()

TITLE = "الحكومة تصادق على برنامج جديد لدعم السكن"
DATE = "الخميس 2 أكتوبر 2025"
SOURCE = "الرباط - هسبريس"
BODY = (
    "صادق مجلس الحكومة، اليوم الخميس، على برنامج جديد لدعم السكن يستهدف الأسر ذات الدخل "
    "المحدود والطبقة المتوسطة، بغلاف مالي يناهز 9.5 مليارات درهم سنويا.",
    "وقال الناطق الرسمي باسم الحكومة إن الدعم سيصرف مباشرة للمشترين، وإن المنصة الرقمية "
    "الخاصة بتقديم الطلبات ستفتح أبوابها مطلع الشهر المقبل.",
    "ويشمل البرنامج المساكن التي لا يتجاوز ثمنها 700 ألف درهم، على أن يستفيد منه المغاربة "
    "المقيمون بالخارج بالشروط نفسها.",
)


def build_page(top: tuple[str, ...] = (), middle: tuple[str, ...] = (), bottom=()) -> str:
    parts = [TITLE, "", DATE, SOURCE, "", *top, "", BODY[0], "", *middle, "", BODY[1], ""]
    parts += [BODY[2], "", *bottom]
    return "\n".join(parts)


def assert_invariants(text: str, cleaned: Cleaned) -> None:
    contracts.check_cleaned(text, cleaned)
    for r in cleaned.removed:
        assert r.reason in REASONS or r.reason in METADATA_REASONS, r.reason


def assert_body_kept(cleaned: Cleaned) -> None:
    for paragraph in BODY:
        assert paragraph in cleaned.text


# ---------------------------------------------------------------- the bundled example


def test_readme_example_comes_out_clean() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    c = strip_boilerplate(text)
    assert c.title == "الرباط تحتضن قمة إقليمية حول الأمن المائي بمشاركة منظمة الأغذية والزراعة"
    assert c.published == dt.date(2025, 5, 14)
    assert c.source == "الرباط - وكالة المغرب العربي للأنباء"
    assert [r.reason for r in c.removed] == [
        "title", "date", "repeated_title", "source", "read_more", "share_follow",
        "share_follow", "cookie_consent", "button", "cookie_consent", "copyright",
    ]  # fmt: skip
    paragraphs = c.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("افتتح وزير التجهيز والماء نزار بركة")
    assert paragraphs[-1].endswith("على أن تُعقد الدورة المقبلة في نواكشوط.")
    assert_invariants(text, c)


def test_real_scraped_example() -> None:
    text = samples.need_shared(SHARED_EXAMPLE).read_text(encoding="utf-8")
    c = strip_boilerplate(text)
    assert c.published == dt.date(2025, 12, 2)
    assert c.source == "الصحافة _ كندا"
    assert c.title is not None
    assert c.title.startswith("زيارة زوييف إلى الرباط")
    assert [r.reason for r in c.removed][-3:] == ["cookie_consent", "read_more", "button"]
    assert len(c.text.split("\n\n")) == 6
    assert "ملفات تعريف الارتباط" not in c.text
    assert_invariants(text, c)


# ---------------------------------------------------------------- one golden case per reason

REASON_LINES = [
    ("cookie_consent", "نحن نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا. بمواصلتك التصفح فإنك توافق على ذلك."),
    ("cookie_consent", "يستخدم هذا الموقع ملفات الكوكيز لضمان حصولك على أفضل تجربة."),
    ("cookie_consent", "Nous utilisons des cookies pour améliorer votre expérience. En poursuivant votre navigation, vous acceptez leur utilisation."),
    ("cookie_consent", "We use cookies to improve your experience. By continuing to use this site you agree to our cookie policy."),
    ("cookie_consent", "إعدادات ملفات تعريف الارتباط"),
    ("read_more", "اقرأ أيضاً: الحكومة تصادق على مشروع قانون المالية"),
    ("read_more", "إقرأ أيضا.. أسعار المحروقات ترتفع من جديد"),
    ("read_more", "اطّلع على التفاصيل اقرأ أكثر"),
    ("read_more", "Lire aussi : la BCT maintient son taux directeur"),
    ("read_more", "Read more: oil prices climb after OPEC meeting"),
    ("share_follow", "شارك المقال"),
    ("share_follow", "تابعونا على فيسبوك وتويتر"),
    ("share_follow", "انضم إلى قناتنا على تلغرام"),
    ("share_follow", "فيسبوك | تويتر | واتساب"),
    ("share_follow", "Partager sur Facebook"),
    ("share_follow", "Follow us on Instagram"),
    ("subscribe", "اشترك في النشرة البريدية"),
    ("subscribe", "Abonnez-vous à notre newsletter"),
    ("subscribe", "Sign up for our newsletter"),
    ("copyright", "© 2025 جميع الحقوق محفوظة"),
    ("copyright", "© La Presse 2025. Tous droits réservés."),
    ("copyright", "All rights reserved © 2025 Gulf Daily"),
    ("navigation", "الرئيسية » أخبار وطنية » سياسة"),
    ("navigation", "الرئيسية | سياسة | اقتصاد | رياضة"),
    ("navigation", "Accueil > Économie"),
    ("navigation", "Home / Business / Aviation"),
    ("advertisement", "إعلان"),
    ("advertisement", "- إعلان -"),
    ("advertisement", "Publicité"),
    ("advertisement", "Advertisement"),
    ("button", "موافق"),
    ("button", "أوافق"),
    ("button", "J'accepte"),
    ("button", "Accept all"),
    ("button", "طباعة"),
    ("byline_chrome", "بقلم: سعيد العلوي"),
    ("byline_chrome", "كتبت: منى السيد"),
    ("byline_chrome", "By Sarah Haddad"),
    ("byline_chrome", "Par Karim Benali"),
    ("byline_chrome", "3 دقائق للقراءة"),
    ("byline_chrome", "عدد المشاهدات: 1523"),
    ("comments", "أضف تعليقك"),
]  # fmt: skip


@pytest.mark.parametrize("where", ["top", "middle", "bottom"])
@pytest.mark.parametrize(
    ("reason", "line"), REASON_LINES, ids=[f"{r}:{t[:25]}" for r, t in REASON_LINES]
)
def test_reason_golden(reason: str, line: str, where: str) -> None:
    text = build_page(**{where: (line,)})
    c = strip_boilerplate(text)
    assert [(r.reason, r.text) for r in c.removed if r.text == line] == [(reason, line)]
    assert_body_kept(c)
    assert line not in c.text
    assert (c.title, c.published, c.source) == (TITLE, dt.date(2025, 10, 2), SOURCE)


def test_every_reason_code_has_a_golden_case() -> None:
    covered = {r for r, _ in REASON_LINES} | {"related_list", "repeated_title"}
    assert covered == set(REASONS)


def test_related_list_under_a_header() -> None:
    items = ("أخبار ذات صلة", "ارتفاع أسعار الخضر بأسواق الدار البيضاء", "توقعات بأمطار رعدية غدا")
    for where in ("middle", "bottom"):
        c = strip_boilerplate(build_page(**{where: items}))
        assert [r.reason for r in c.removed][3:] == ["related_list"] * 3
        assert_body_kept(c)


def test_comments_section_goes_to_the_end() -> None:
    comments = ("التعليقات", "أبو محمد", "خطوة ممتازة، أتمنى أن تشمل باقي المدن أيضا.", "رد")
    c = strip_boilerplate(build_page(bottom=comments))
    assert [r.reason for r in c.removed][3:] == ["comments"] * 4
    assert_body_kept(c)


def test_comments_header_before_long_paragraphs_removes_only_itself() -> None:
    long_paragraph = " ".join([BODY[0]] * 3)
    text = build_page(bottom=("التعليقات", long_paragraph))
    c = strip_boilerplate(text)
    assert long_paragraph in c.text


def test_repeated_title_and_title_with_site_name() -> None:
    text = "\n".join([TITLE, DATE, f"{TITLE} | هسبريس", "", *BODY])
    c = strip_boilerplate(text)
    assert [r.reason for r in c.removed] == ["title", "date", "repeated_title"]
    assert c.title == TITLE


def test_ticker_before_the_title_is_not_the_title() -> None:
    text = "\n".join(["عاجل", "الإمارات ترحب بقرار مجلس الأمن", TITLE, DATE, SOURCE, "", *BODY])
    c = strip_boilerplate(text)
    assert c.title == TITLE
    assert [r.reason for r in c.removed][:2] == ["related_list", "related_list"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("(د ب أ)", "(د ب أ)"),
        ("الرباط - ", "الرباط -"),
        ("الصحافة _ كندا", "الصحافة _ كندا"),
        ("CAIRO (Reuters)", "CAIRO (Reuters)"),
        ("عمان (بترا)", "عمان (بترا)"),
    ],
)
def test_source_lines(line: str, expected: str) -> None:
    text = "\n".join([TITLE, DATE, line, "", *BODY])
    assert strip_boilerplate(text).source == expected


def test_agency_at_the_bottom_is_the_source() -> None:
    c = strip_boilerplate("\n".join([TITLE, DATE, "", *BODY, "(العمانية)"]))
    assert c.source == "(العمانية)"


def test_date_at_the_bottom_and_hijri_only() -> None:
    c = strip_boilerplate("\n".join([TITLE, "", *BODY, "تاريخ النشر: 03/04/2025"]))
    assert c.published == dt.date(2025, 4, 3)
    c = strip_boilerplate("\n".join([TITLE, "2 رمضان 1446هـ", "", *BODY]))
    assert c.published == dt.date(2025, 3, 2)


# ---------------------------------------------------------------- never drop the body

BODY_TALKING_ABOUT_CHROME = [
    "وقالت اللجنة إن كثيرا من المواقع تكتفي بعبارة \"بمواصلتك التصفح فإنك توافق على استخدام "
    "الكوكيز\"، وهي صيغة لا تحترم حق المستخدم في الاختيار الحر.",
    "غير أن التطبيق يعرض عند فتحه رسالة تقول: \"نستخدم ملفات تعريف الارتباط لتحسين تجربتك على "
    "موقعنا\"، دون أن يتيح للمستخدمين أي خيار للرفض أو لتعديل الإعدادات المتعلقة بالخصوصية.",
    "اقرأ أكثر، تعلم أكثر: بهذه العبارة افتتح المسؤول الجهوي لقاءه مع الأساتذة، موضحا أن الحملة "
    "تراهن على إحداث مكتبات قسم وتنظيم مسابقات شهرية.",
    "وكتب الوزير في تدوينة على حسابه بمنصة إكس أن المستشفى سيخفف الضغط عن المراكز الاستشفائية "
    "بالجهة.",
    "شارك في الاجتماع ممثلون عن وزارات الداخلية والمالية والتجهيز، إلى جانب رؤساء الجهات.",
    "ودعت الجمعية متابعيها إلى الانضمام إلى قناتها على تلغرام ومتابعتها على فيسبوك، حسب ما جاء "
    "في بيان نشرته أمس.",
    "Selon l'Instance, de nombreux bandeaux indiquent que \"en poursuivant votre navigation, vous "
    "acceptez l'utilisation de cookies\", une formule jugée insuffisante.",
    "The draft says banners that tell readers \"by continuing to use this site you agree to our "
    "cookies\" would no longer be enough, according to a copy seen by Reuters.",
    "By then, the ministry had already received more than 3,000 applications from companies.",
    "Par ailleurs, les autorités ont annoncé un nouveau plan de soutien aux agriculteurs.",
]  # fmt: skip


@pytest.mark.parametrize("where", ["middle", "bottom"])
@pytest.mark.parametrize("paragraph", BODY_TALKING_ABOUT_CHROME, ids=lambda p: p[:30])
def test_body_that_talks_about_chrome_is_kept(paragraph: str, where: str) -> None:
    c = strip_boilerplate(build_page(**{where: (paragraph,)}))
    assert paragraph in c.text
    assert_body_kept(c)


BODY_STARTING_LIKE_CHROME = [
 "المصدر نفسه أكد أن التحقيقات ما تزال جارية لتحديد المسؤوليات.",
 "إعلان الرباط يتضمن عشر توصيات حول تمويل مشاريع المياه في المنطقة.",
 "مشاركة المغرب في القمة كانت لافتة هذا العام بحضور ثلاثة وزراء.",
 "صورة قاتمة رسمها التقرير عن وضعية المستشفيات العمومية في القرى.",
 "تعليق الدراسة سيستمر إلى غاية يوم الأربعاء المقبل على الأقل.",
 "رد الوزير على الانتقادات بالتأكيد على أن المشروع سيكتمل في موعده.",
 "تحديث المنظومة الجبائية يبقى من أولويات الحكومة خلال السنة المقبلة.",
 "الرئيسية في هذا الملف هي مسألة التمويل، كما يقول الخبراء.",
 "المزيد من الأمطار متوقع خلال الأيام المقبلة حسب الأرصاد الجوية.",
 "شارك المئات في المسيرة التي جابت شوارع العاصمة صباح الأحد.",
 "كتب التاريخ اسمه بحروف من ذهب.",
 "قبول الطلبات يبدأ يوم الاثنين.",
 "إغلاق الحدود لم يكن خيارا مطروحا.",
 "اشترك أكثر من 200 فلاح في البرنامج خلال سنته الأولى.",
 "تابعوا التحقيق باهتمام كبير طيلة الأسابيع الماضية، وفق مصادر مطلعة.",
 "وأضاف: \"نحن نستخدم ملفات تعريف الارتباط في كل مواقعنا الحكومية وفق القانون\".",
 "Read more about the program on the ministry's website, officials said on Monday.",
 "Share prices rose 3 percent on Tuesday after the announcement.",
 "Home prices in Dubai rose by 20 percent last year, according to official data.",
 "Ad hoc committees will review each application within ten days.",
 "Par décret, le gouvernement a fixé le nouveau salaire minimum.",
 "Accueil chaleureux pour la délégation marocaine à Dakar.",
 "Commentaires et critiques ont fusé après la publication du rapport.",
 "© Les droits de retransmission ont été cédés à une chaîne qatarie pour 200 millions de dollars.",
 "جميع الحقوق محفوظة للمؤلفين بموجب القانون الجديد الذي صادق عليه البرلمان أمس، حسب الوزير.",
 "عاجل: الحكومة تعلن حالة الطوارئ في الإقليم بعد الفيضانات الأخيرة.",
 "منذ ثلاث سنوات والمشروع متوقف.",
 "الاسم الكامل للمشتبه فيه لم يكشف بعد.",
 "صور الأقمار الاصطناعية أظهرت حجم الدمار في المنطقة.",
 "الكاتب العام للوزارة ترأس الاجتماع.",
]  # fmt: skip


@pytest.mark.parametrize("where", ["middle", "bottom"])
@pytest.mark.parametrize("paragraph", BODY_STARTING_LIKE_CHROME, ids=lambda p: p[:30])
def test_body_starting_with_chrome_words_is_kept(paragraph: str, where: str) -> None:
    c = strip_boilerplate(build_page(**{where: (paragraph,)}))
    assert paragraph in c.text
    assert_body_kept(c)


def test_lone_section_words_between_paragraphs_are_subheadings() -> None:
    text = "\n\n".join([TITLE, BODY[0], "الاقتصاد", BODY[1], "الرياضة", BODY[2]])
    c = strip_boilerplate(text)
    assert "الاقتصاد" in c.text.split("\n\n")
    assert "الرياضة" in c.text.split("\n\n")


def test_text_without_chrome_or_title_is_returned_whole() -> None:
    text = "\n\n".join(BODY)
    c = strip_boilerplate(text)
    assert c.text == text
    assert c.removed == ()
    assert c.title is None


# ---------------------------------------------------------------- blocks and offsets


def test_lines_of_one_paragraph_stay_one_block() -> None:
    text = f"{BODY[0]}\n{BODY[1]}\n\n{BODY[2]}"
    c = strip_boilerplate(text)
    assert [s.text for s in c.kept] == [f"{BODY[0]}\n{BODY[1]}", BODY[2]]


def test_a_removed_line_splits_a_block_and_crlf_is_kept() -> None:
    text = f"{BODY[0]}\r\nشارك المقال\r\n{BODY[1]}\r\n{BODY[2]}"
    c = strip_boilerplate(text)
    assert [s.text for s in c.kept] == [BODY[0], f"{BODY[1]}\r\n{BODY[2]}"]
    assert_invariants(text, c)


def test_evaluation_pages_satisfy_the_invariants() -> None:
    for page in EVAL.load_pages("pages") + EVAL.load_pages("fresh"):
        assert_invariants(page.text, strip_boilerplate(page.text))


LINE_POOL = [*BODY, *BODY_TALKING_ABOUT_CHROME, *(t for _, t in REASON_LINES), TITLE, DATE, SOURCE]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(LINE_POOL), max_size=14),
    st.lists(st.sampled_from(["\n", "\n\n", "\r\n", "  \n \n", "\n\u200f\n"]), min_size=14),
)
def test_body_paragraphs_survive_any_arrangement(lines: list[str], breaks: list[str]) -> None:
    text = "".join(line + brk for line, brk in zip(lines, breaks, strict=False))
    c = strip_boilerplate(text)
    assert_invariants(text, c)
    for line in lines:
        if line in BODY or line in BODY_TALKING_ABOUT_CHROME:
            assert line in c.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_keeps_the_invariants(text: str) -> None:
    assert_invariants(text, strip_boilerplate(text))


# ---------------------------------------------------------------- configuration


def test_keep_overrides_a_reason() -> None:
    text = build_page(bottom=("اقرأ أيضا: الحكومة تصادق على مشروع قانون المالية", "شارك المقال"))
    c = strip_boilerplate(text, keep={"read_more"})
    assert "اقرأ أيضا: الحكومة تصادق على مشروع قانون المالية" in c.text
    assert "شارك المقال" not in c.text
    assert strip_boilerplate(text, config=BoilerplateConfig(keep=frozenset({"read_more"}))) == c


def test_keep_title_leaves_the_line_but_fills_the_field() -> None:
    c = strip_boilerplate(build_page(), keep=["title", "date"])
    assert c.title == TITLE
    assert c.published == dt.date(2025, 10, 2)
    assert c.text.startswith(TITLE)
    assert DATE in c.text


def test_bad_keep_codes() -> None:
    with pytest.raises(ValueError, match="unknown reason"):
        strip_boilerplate("x", keep={"ads"})
    with pytest.raises(TypeError, match="collection of reason codes"):
        strip_boilerplate("x", keep="read_more")


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (("[read_more:line]", "اقرأ المزيد", "[ads:line]", "x"), "unknown reason"),
        (("[read_more:anywhere]", "x"), "unknown kind"),
        (("اقرأ المزيد",), "before any"),
    ],
)
def test_malformed_phrase_files_fail_loudly(
    monkeypatch: pytest.MonkeyPatch, lines: tuple[str, ...], message: str
) -> None:
    from arnews import boilerplate

    monkeypatch.setattr(boilerplate, "read_lines", lambda name: lines)
    boilerplate._phrases.cache_clear()
    try:
        with pytest.raises(ValueError, match=message):
            boilerplate._phrases()
    finally:
        monkeypatch.undo()
        boilerplate._phrases.cache_clear()
    assert boilerplate._phrases()  # the real files load again


def test_config_is_frozen_and_thresholds_apply() -> None:
    cfg = BoilerplateConfig()
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.max_title_words = 3  # type: ignore[misc]
    short = strip_boilerplate(build_page(), config=BoilerplateConfig(max_title_words=3))
    assert short.title is None
    assert TITLE in short.text


# ---------------------------------------------------------------- quality floors


def test_evaluation_set_is_large_and_well_formed(tmp_path: Path) -> None:
    assert len(EVAL.load_pages("pages")) >= 40
    assert len(EVAL.load_html()) >= 5
    bad = tmp_path / "bad.txt"
    bad.write_text("B| نص\nسطر بلا وسم\n", encoding="utf-8")
    with pytest.raises(ValueError, match="untagged line"):
        EVAL.parse_page(bad)


@pytest.mark.parametrize("group", ["pages", "fresh"])
def test_quality_floors(group: str) -> None:
    score = EVAL.score_pages(EVAL.load_pages(group))
    assert score.sentence_recall == 1.0, score.misses
    assert score.chrome_removed_share >= 0.98, score.misses
    assert score.reasons_right / score.reasons_checked >= 0.95, score.misses
    assert EVAL.share(score.titles) >= 0.95
    assert EVAL.share(score.dates) >= 0.95
    assert EVAL.share(score.sources) >= 0.90


def test_html_quality_floor_and_gain_over_trafilatura() -> None:
    ours = EVAL.score_html(EVAL.arnews_html)
    theirs = EVAL.score_html(EVAL.trafilatura_html)
    assert ours.body_found == ours.body_total
    assert ours.chrome_gone / ours.chrome_total >= 0.9
    assert ours.chrome_gone > theirs.chrome_gone
    assert sum(ours.titles) >= 5
    assert sum(ours.dates) >= 5


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("bad", [None, b"text", 3, ["a"]])
def test_non_str_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="text must be str"):
        strip_boilerplate(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be str"):
        strip_boilerplate(bad, html=True)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\r\n", "\u200f\n\u200b"])
def test_blank_input_gives_an_empty_result(text: str) -> None:
    for html in (False, True):
        assert strip_boilerplate(text, html=html) == Cleaned("", (), ())


def test_surrogates_control_characters_and_mixed_scripts() -> None:
    text = f"\ud800{BODY[0]}\x00\n\x07شارك\udfff\nmixed Latin и кириллица 中文 {BODY[1]}"
    c = strip_boilerplate(text)
    assert_invariants(text, c)
    assert BODY[1] in c.text


def test_ten_megabytes_of_text() -> None:
    page = build_page(bottom=("شارك المقال",)) + "\n\n"
    text = page * (10_000_000 // len(page) + 1)
    assert len(text) >= 10_000_000
    c = strip_boilerplate(text)
    assert sum(len(s.text) for s in c.kept) + sum(len(r.text) for r in c.removed) > 0.9 * len(
        text.replace("\n", "")
    )
    one_line = "كلمة " * 2_000_000
    assert strip_boilerplate(one_line).text == one_line.strip()


# ---------------------------------------------------------------- HTML


def test_html_pages_lose_chrome_and_keep_body() -> None:
    for name, html, gold in EVAL.load_html():
        c = strip_boilerplate(html, html=True)
        for paragraph in gold["body"]:
            assert paragraph in c.text, name
        assert c.title == gold["title"], name
        assert str(c.published) == gold["published"], name
        source = html_to_text(html)
        assert_invariants(source, c)


def test_html_flag_on_plain_text_reads_it_as_text() -> None:
    text = build_page(bottom=("شارك المقال",))
    assert strip_boilerplate(text, html=True) == strip_boilerplate(text)
    assert html_to_text(text) == text


@pytest.mark.parametrize(
    "junk", ["<html>", "<p>" * 10_000, "\x00<div>\ud800</div>", "<html><body></body></html>"]
)
def test_broken_or_empty_html_does_not_crash(junk: str) -> None:
    c = strip_boilerplate(junk, html=True)
    assert "<" not in c.text
    assert_invariants(html_to_text(junk), c)


def test_input_without_tags_is_not_html() -> None:
    assert strip_boilerplate("<<<>>> 3 < 4", html=True).text == "<<<>>> 3 < 4"


def test_broken_markup_falls_back_to_a_tag_stripper() -> None:
    html = f"<html><head><title>{TITLE}<body><p>{DATE}<p>{BODY[0]}<p>{BODY[1]}<p>شارك"
    c = strip_boilerplate(html, html=True)
    assert BODY[0] in c.text
    assert BODY[1] in c.text
    assert "شارك" not in c.text
    assert c.published == dt.date(2025, 10, 2)


def test_huge_html() -> None:
    html = "<html><body>" + f"<p>{BODY[0]}</p>" * 20_000 + "</body></html>"
    c = strip_boilerplate(html, html=True)
    assert c.text.count(BODY[0]) == 20_000


def test_missing_trafilatura_gives_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(ImportError, match=r"arnews\[html\]"):
        strip_boilerplate("<p>نص</p>", html=True)
