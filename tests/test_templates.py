"""arnews.templates: site template lines learnt across pages of one source."""

# ruff: noqa: E501  (invented article sentences: one a line reads best)

from __future__ import annotations

import pytest

from arnews import strip_boilerplate
from arnews.boilerplate import BoilerplateConfig
from arnews.templates import BoilerplateModel, TemplateLearner

# one invented site: its template around six invented articles
HEADER = ("صوت الجهة", "الرئيسية", "أخبار الجهة", "اقتصاد", "ملاعب", "منوعات الجهة", "تواصل معنا")
FOOTER = (
    "صوت الجهة جريدة إلكترونية مستقلة تصدر من مدينة وجدة منذ سنة 2012، وتهتم بأخبار الجهة "
    "الشرقية وقضايا سكانها، ولا تتحمل مسؤولية ما ينشره القراء في فضاء التعليقات.",
    "هيئة التحرير",
    "مدير النشر: عبد الله الوجدي",
    "رقم الملف الصحفي 14/2012",
)
ARTICLES = (
    (
        "افتتاح سوق جديد للخضر بوجدة",
        "افتتحت السلطات المحلية بوجدة، صباح اليوم، سوقا نموذجيا للخضر والفواكه يضم 240 محلا مجهزا.",
        "وقال رئيس الجماعة إن السوق سيمكن الباعة الجائلين من ممارسة نشاطهم في ظروف لائقة.",
    ),
    (
        "أمطار رعدية مرتقبة بالمنطقة الشرقية",
        "توقعت المديرية العامة للأرصاد الجوية تساقط أمطار رعدية قوية بعدد من أقاليم الجهة الشرقية.",
        "ودعت السلطات السائقين إلى توخي الحذر على الطرق الجبلية المؤدية إلى جرادة وتاوريرت.",
    ),
    (
        "جامعة محمد الأول تطلق ماستر في الطاقات المتجددة",
        "أعلنت جامعة محمد الأول عن فتح مسلك ماستر جديد في الطاقات المتجددة ابتداء من الموسم المقبل.",
        "وأوضح عميد الكلية أن التكوين سيتم بشراكة مع مقاولات تعمل في مجال الطاقة الشمسية بالجهة.",
    ),
    (
        "المولودية تتعاقد مع مدرب جديد",
        "أعلن نادي المولودية الوجدية عن التعاقد مع مدرب جديد لقيادة الفريق خلال الموسمين المقبلين.",
        "وأكد رئيس النادي أن الهدف هو العودة إلى الأدوار المتقدمة في منافسات البطولة الوطنية.",
    ),
    (
        "حملة لتشجير ضفاف وادي إسلي",
        "أطلقت جمعيات بيئية بوجدة حملة لغرس ثلاثة آلاف شجرة على ضفاف وادي إسلي بمشاركة التلاميذ.",
        "وقال منسق الحملة إن المبادرة تهدف إلى الحد من انجراف التربة وتحسين المنظر العام للمدينة.",
    ),
    (
        "ارتفاع عدد السياح الوافدين على السعيدية",
        "سجلت محطة السعيدية ارتفاعا في عدد السياح الوافدين خلال الصيف بنسبة 12 في المائة.",
        "وعزا مهنيون هذا الارتفاع إلى تحسن الربط الجوي وافتتاح فنادق جديدة على الشاطئ.",
    ),
)


def page(i: int, *, quote: str | None = None) -> str:
    title, *body = ARTICLES[i]
    most_read = [ARTICLES[j][0] for j in range(len(ARTICLES)) if j != i][:3]
    parts = [*HEADER, title, "الاثنين 3 نونبر 2025", *body]
    if quote:
        parts.append(quote)  # another article's paragraph, quoted on this page
    return "\n".join([*parts, "الأكثر قراءة", *most_read, *FOOTER])


PAGES = [page(i) for i in range(len(ARTICLES))]


def test_fit_learns_the_template_and_not_the_articles() -> None:
    model = BoilerplateModel.fit(PAGES)
    assert model.documents == len(PAGES)
    assert all(model.is_template(x) for x in HEADER)
    assert all(model.is_template(x, prose=True) for x in FOOTER)
    for _, *body in ARTICLES:
        assert not any(model.is_template(x) for x in body)
    # duplicates count once; fewer than three documents learn nothing
    assert BoilerplateModel.fit([PAGES[0]] * 5).lines == frozenset()
    assert BoilerplateModel.fit(PAGES[:2]).lines == frozenset()


def test_template_lines_go_with_their_reason_and_the_body_stays() -> None:
    model = BoilerplateModel.fit(PAGES)
    for i, text in enumerate(PAGES):
        c = strip_boilerplate(text, template=model, explain=True)
        title, *body = ARTICLES[i]
        assert c.text == "\n".join(body), c.text
        assert c.title == title
        reasons = {r.text: r.reason for r in c.removed}
        assert all(x in reasons for x in HEADER)
        assert reasons["صوت الجهة"] == reasons["منوعات الجهة"] == "template"
        assert reasons["الرئيسية"] == "navigation"  # a phrase rule's own reason stays
        assert reasons[FOOTER[0]] == "template"
        rules = {d.text: d.rule for d in c.lines}
        assert rules["صوت الجهة"].startswith("template:")


def test_a_paragraph_quoted_by_a_few_other_pages_is_not_template() -> None:
    quoted = ARTICLES[0][1]
    pages = [page(i, quote=quoted if i in (1, 2) else None) for i in range(len(ARTICLES))]
    model = BoilerplateModel.fit(pages)  # on 3 of 6 pages: a template line, but prose
    assert model.is_template(quoted)
    assert not model.is_template(quoted, prose=True)
    c = strip_boilerplate(pages[0], template=model)
    assert quoted in c.text


def test_without_a_model_the_short_template_stays_on_a_copy_paste() -> None:
    text = "\n".join([ARTICLES[0][0], "الاثنين 3 نونبر 2025", *ARTICLES[0][1:], FOOTER[3]])
    assert FOOTER[3] in strip_boilerplate(text).text
    model = BoilerplateModel.fit(PAGES)
    assert FOOTER[3] not in strip_boilerplate(text, template=model).text


def test_update_json_round_trip_and_bad_input() -> None:
    model = BoilerplateModel.fit(PAGES[:3]).update(PAGES[3:])
    assert model.lines == BoilerplateModel.fit(PAGES).lines
    again = BoilerplateModel.from_json(model.to_json())
    assert (again.lines, again.common, again.documents) == (model.lines, model.common, 6)
    assert (
        strip_boilerplate(PAGES[0], template=again).text
        == strip_boilerplate(PAGES[0], template=model).text
    )
    with pytest.raises(ValueError, match="not an arnews boilerplate model"):
        BoilerplateModel.from_json('{"lines": []}')
    with pytest.raises(TypeError, match="not one str"):
        BoilerplateModel.fit("الرئيسية")
    with pytest.raises(TypeError, match="must be str"):
        BoilerplateModel.fit([None])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="template must be a BoilerplateModel"):
        strip_boilerplate("نص", template="الرئيسية")  # type: ignore[arg-type]
    assert BoilerplateConfig(template=model).template is model


def test_process_many_learns_the_template_without_configuration() -> None:
    from arnews import process, process_many

    articles = list(process_many(PAGES))
    # it learns as it reads: from the third page of the site on, the template goes
    for article, (title, *body) in list(zip(articles, ARTICLES, strict=True))[2:]:
        assert article.text == "\n".join(body)
        assert article.title == title
        assert "template" in {r.reason for r in article.removed}
    assert FOOTER[3] in articles[0].text
    assert FOOTER[3] in process(PAGES[3]).text  # one page alone cannot know its template
    off = list(process_many(PAGES, boilerplate=BoilerplateConfig(learn_templates=False)))
    assert all(FOOTER[3] in a.text for a in off)  # switched off: process_many equals process
    assert [a.text for a in off] == [process(p).text for p in PAGES]


def test_learner_matches_fit_and_skips_empty_documents() -> None:
    learner = TemplateLearner()
    for text in [*PAGES, "", "   "]:
        learner.add(text)
    fitted = BoilerplateModel.fit(PAGES)
    assert learner.model.lines == fitted.lines
    assert learner.model.common == fitted.common
    assert learner.model.documents == len(PAGES)


def test_the_same_article_in_many_records_keeps_its_body() -> None:
    from arnews import process_many

    title, *body = ARTICLES[1]
    text = "\n".join([title, "الاثنين 3 نونبر 2025", *body])
    copies = [text, text + "\nوكالات", text + "\nرويترز", text + "\n(أ ف ب)", text + "\nمصادر"]
    for article in process_many(copies, boilerplate=BoilerplateConfig(learn_templates=True)):
        assert article.text.startswith("\n".join(body))

    # a document made of nothing but template lines is a copy, not a page: it stays whole
    same = list(
        process_many(["0", "0", "0", "0"], boilerplate=BoilerplateConfig(learn_templates=True))
    )
    assert [a.text for a in same] == ["0"] * 4
