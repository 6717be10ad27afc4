"""The name rules (arnews.entities.rules) on hand-labelled tokens: no model involved."""

from __future__ import annotations

from arnews.entities.features import Lexicon
from arnews.entities.gazetteer import StemGazetteer, load_lexicon
from arnews.entities.rules import apply_name_rules, is_split_fragment, join_name_chains
from arnews.entities.spans import bio_spans
from arnews.entities.tagger import TaggedToken, analyze


def tagged(text: str, labels: dict[str, str]) -> tuple[str, list[TaggedToken]]:
    """Tokens of ``text`` (run-time tokenizer) labelled by word: ``{"نيمار": "B-PER"}``."""
    norm_text, tokens, _ = analyze(text)
    return norm_text, [TaggedToken(t, labels.get(t.text, "O"), 0.9) for t in tokens]


def labelled(text: str, labels: list[str]) -> tuple[str, list[TaggedToken]]:
    """Tokens of ``text`` with one label per token, in order."""
    norm_text, tokens, _ = analyze(text)
    assert len(tokens) == len(labels), [t.text for t in tokens]
    return norm_text, [TaggedToken(t, lab, 0.9) for t, lab in zip(tokens, labels, strict=True)]


def names(text: str, result: list[TaggedToken]) -> list[tuple[str, str]]:
    out = []
    for first, stop, kind in bio_spans([t.label for t in result]):
        start = result[first].token.base_start
        out.append((kind, text[start : result[stop - 1].token.end]))
    return out


def listing(*names: tuple[str, str], **triggers: str) -> Lexicon:
    """A lexicon of these ``(name, class)`` pairs (and one-word triggers, word=class)."""
    return Lexicon(gazetteer=StemGazetteer.from_names(list(names)), triggers=triggers)


LEXICON = Lexicon(
    gazetteer=StemGazetteer.from_names(
        [
            ("باريس سان جرمان", "ORG"),
            ("سان جرمان", "ORG"),
            ("بي بي سي", "ORG"),
            ("CNN", "ORG"),
            ("مكتب الأمم المتحدة لمكافحة الإرهاب", "ORG"),
            ("القرن الإفريقي", "LOC"),
            ("عبد الحكيم", "PER_FIRST"),
            ("جورج", "PER_FIRST"),
        ]
    )
)


def test_hyphenated_name_is_one_person() -> None:
    text, toks = tagged("التقى كيم جونغ-أون الوفد", {"كيم": "B-PER", "جونغ": "I-PER"})
    assert names(text, join_name_chains(toks, text)) == [("PER", "كيم جونغ-أون")]


def test_hyphen_with_spaces_is_not_a_chain() -> None:
    text, toks = tagged("وصل كيم - ثم غادر", {"كيم": "B-PER"})
    assert names(text, join_name_chains(toks, text)) == [("PER", "كيم")]


def test_bin_and_al_chain_is_one_person() -> None:
    labels = {"حمدان": "B-PER", "محمد": "B-PER", "مكتوم": "B-LOC"}
    text, toks = tagged("استقبل حمدان بن محمد بن راشد آل مكتوم الوفد", labels)
    assert names(text, join_name_chains(toks, text)) == [("PER", "حمدان بن محمد بن راشد آل مكتوم")]


def test_proclitic_fragment_is_no_name() -> None:
    text, toks = tagged("دخل مبابي بديلا في الشوط الثاني", {"مبابي": "B-PER", "بديلا": "B-PER"})
    [fragment] = [t.token for t in toks if t.token.text == "بديلا"]
    assert fragment.proclitic == "ب"  # the tokenizer splits it
    assert is_split_fragment(fragment)
    assert names(text, apply_name_rules(toks, text, Lexicon.empty())) == [("PER", "مبابي")]


def test_a_real_name_after_a_proclitic_stays() -> None:
    text, toks = tagged("مرر كرة إلى نيمار ثم لنيمار", {"نيمار": "B-PER", "لنيمار": "B-PER"})
    assert [k for k, _ in names(text, apply_name_rules(toks, text, Lexicon.empty()))] == [
        "PER",
        "PER",
    ]


def test_listed_organisation_wins_over_person() -> None:
    text, toks = tagged("فاز سان جرمان وقالت بي بي سي", {"سان": "B-PER", "جرمان": "I-PER"})
    toks = [
        TaggedToken(t.token, "B-PER" if t.token.text == "بي" and i == 4 else t.label, 0.9)
        for i, t in enumerate(toks)
    ]
    result = names(text, apply_name_rules(toks, text, LEXICON))
    assert ("ORG", "سان جرمان") in result
    assert all(kind != "PER" for kind, _ in result)


def test_listed_name_grows_over_a_tagged_part() -> None:
    text, toks = tagged(
        "زار المدير لمكتب الأمم المتحدة لمكافحة الإرهاب الرباط",
        {"الأمم": "B-ORG", "المتحدة": "I-ORG"},
    )
    assert names(text, apply_name_rules(toks, text, LEXICON)) == [
        ("ORG", "مكتب الأمم المتحدة لمكافحة الإرهاب")
    ]


def test_names_that_tile_a_listed_club_become_the_club() -> None:
    labels = {"باريس": "B-LOC", "سان": "B-ORG", "جرمان": "I-ORG"}
    text, toks = tagged("فاز باريس سان جرمان أمس", labels)
    assert names(text, apply_name_rules(toks, text, LEXICON)) == [("ORG", "باريس سان جرمان")]


def test_a_place_list_does_not_swallow_an_organisation() -> None:
    lexicon = listing(("أياكس أمستردام", "LOC"))
    text, toks = tagged("فاز أياكس أمستردام أمس", {"أياكس": "B-ORG", "أمستردام": "B-LOC"})
    assert names(text, apply_name_rules(toks, text, lexicon)) == [
        ("ORG", "أياكس"),
        ("LOC", "أمستردام"),
    ]


def test_a_name_that_is_also_a_common_word_is_not_a_person() -> None:
    lexicon = listing(
        ("ليل", "ORG_AMBIGUOUS"),
        ("ليل", "LOC_AMBIGUOUS"),
        ("أمل", "ORG_AMBIGUOUS"),
        ("أمل", "PER_FIRST"),
    )
    text, toks = tagged("فاز على ليل وقالت أمل", {"ليل": "B-PER", "أمل": "B-PER"})
    assert names(text, apply_name_rules(toks, text, lexicon)) == [("ORG", "ليل"), ("PER", "أمل")]
    lexicon = listing(("كريم", "ORG_AMBIGUOUS"), ("كريم", "PER_AMBIGUOUS"))
    text, toks = tagged("وقال كريم إنه سعيد", {"كريم": "B-PER"})
    assert names(text, apply_name_rules(toks, text, lexicon)) == [("PER", "كريم")]  # Karim


def test_a_function_word_alone_is_no_name() -> None:
    lexicon = listing(("لي", "LOC_AMBIGUOUS"), ("لي", "PER_RARE"), ("علي", "PER_AMBIGUOUS"))
    text, toks = tagged(
        "قال لي إن علي سافر ثم قال الله أعلم", {"لي": "B-PER", "علي": "B-PER", "الله": "B-MISC"}
    )
    # علي folds like على but is listed as a name; الله is not ال + له
    assert names(text, apply_name_rules(toks, text, lexicon)) == [
        ("PER", "علي"),
        ("MISC", "الله"),
    ]


def test_listed_organisation_of_one_word_is_tagged_where_missed() -> None:
    lexicon = listing(("الناتو", "ORG"), ("مجلس الوزراء", "ORG"), ("بيروت", "LOC"))
    text, toks = tagged("قال قائد الناتو إن مجلس الوزراء اجتمع في بيروت", {})
    # a generic body of several words and a one-word place stay as the tagger left them
    assert names(text, apply_name_rules(toks, text, lexicon)) == [("ORG", "الناتو")]


def test_name_running_over_wa_into_a_listed_name_is_cut() -> None:
    lexicon = listing(("موناكو", "ORG"), ("موناكو", "LOC"))
    text, toks = tagged("مباراة بين أرسنال وموناكو أمس", {"أرسنال": "B-ORG", "وموناكو": "I-ORG"})
    assert names(text, apply_name_rules(toks, text, lexicon)) == [
        ("ORG", "أرسنال"),
        ("ORG", "موناكو"),
    ]
    labels = {"وزارة": "B-ORG", "الشباب": "I-ORG", "والرياضة": "I-ORG"}
    text, toks = tagged("أعلنت وزارة الشباب والرياضة", labels)
    assert names(text, apply_name_rules(toks, text, lexicon)) == [
        ("ORG", "وزارة الشباب والرياضة")  # what follows و is no listed name: one ministry
    ]


def test_title_or_nationality_with_the_article_is_no_name() -> None:
    lexicon = listing(
        ("كولومبي", "NATIONALITY"), ("كيني", "NATIONALITY"), الجنرال="per_title", سلطان="per_title"
    )
    text, toks = tagged(
        "قال الجنرال سكوت ميلر إن الجنرال والكولومبي غاليغو التقيا سلطان ثم كيني ميلر",
        {
            "الجنرال": "B-PER",
            "سكوت": "I-PER",
            "ميلر": "I-PER",
            "والكولومبي": "B-PER",
            "غاليغو": "I-PER",
            "سلطان": "B-PER",
            "كيني": "B-PER",
        },
    )
    assert names(text, apply_name_rules(toks, text, lexicon)) == [
        ("PER", "سكوت ميلر"),
        ("PER", "غاليغو"),
        ("PER", "سلطان"),  # without the article: a given name too
        ("PER", "كيني ميلر"),
    ]


def test_person_named_alone_loses_a_word_run_on_once() -> None:
    text, toks = tagged(
        "سجل نيمار هدفين ثم قال نيمار إنه سعيد وأضاف نيمار أن الفريق قوي",
        {"نيمار": "B-PER", "هدفين": "I-PER"},
    )
    result = names(text, apply_name_rules(toks, text, LEXICON))
    assert result == [("PER", "نيمار")] * 3


def test_a_surname_used_elsewhere_is_kept() -> None:
    text, toks = tagged("قال زلاتان إبراهيموفيتش إن زلاتان سعيد وأضاف زلاتان ثم إبراهيموفيتش", {})
    labels = ["O", "B-PER", "I-PER", "O", "B-PER", "O", "O", "B-PER", "O", "B-PER"]
    toks = [TaggedToken(t.token, lab, 0.9) for t, lab in zip(toks, labels, strict=True)]
    result = names(text, apply_name_rules(toks, text, LEXICON))
    assert result[0] == ("PER", "زلاتان إبراهيموفيتش")


def test_conjunction_between_two_places_splits_them() -> None:
    text, toks = tagged("في الساحل والقرن الإفريقي", {"الساحل": "B-LOC", "والقرن": "I-LOC"})
    assert names(text, apply_name_rules(toks, text, LEXICON)) == [
        ("LOC", "الساحل"),
        ("LOC", "القرن الإفريقي"),
    ]


def test_clitic_letter_word_before_a_listed_name() -> None:
    text, toks = tagged("أعاد التقدم لسان جرمان أمس", {"جرمان": "B-PER"})
    assert names(text, apply_name_rules(toks, text, LEXICON)) == [("ORG", "سان جرمان")]


def test_latin_acronym_is_an_organisation_of_its_own() -> None:
    text, toks = tagged("ذكرت شبكة CNN أن", {})
    assert names(text, apply_name_rules(toks, text, LEXICON)) == [("ORG", "CNN")]


def test_rare_family_name_after_a_given_name() -> None:
    text, toks = tagged("قال المدير عبد الحكيم الواعر إن", {"عبد": "B-PER", "الحكيم": "I-PER"})
    assert names(text, apply_name_rules(toks, text, LEXICON)) == [("PER", "عبد الحكيم الواعر")]


def test_common_word_after_a_given_name_is_not_a_surname() -> None:
    text, toks = tagged("قال جورج المدير إن", {"جورج": "B-PER"})
    assert names(text, apply_name_rules(toks, text, LEXICON)) == [("PER", "جورج")]


def test_shipped_lists_hold_the_names_of_today() -> None:
    gazetteer = load_lexicon().gazetteer
    assert isinstance(gazetteer, StemGazetteer)
    for name in ("cnn", "fifa", "unoct"):
        assert (0, 1, ("ORG",)) in gazetteer.matches([name]), name
    stems = ["مكتب", "امم", "متحده", "مكافحه", "ارهاب"]
    assert any(m[:2] == (0, 5) and "ORG" in m[2] for m in gazetteer.matches(stems))


def test_letters_spelt_out_with_dots_are_one_name_and_the_name_goes_on() -> None:
    labels = {"سي": "B-ORG", "إس": "B-ORG", "نيوز": "I-ORG", "إيه": "B-ORG", "آر": "B-ORG"}
    text, toks = tagged("قالت شبكة سي.بي.إس نيوز إن طائرات إيه.تي.آر وصلت", labels)
    found = names(text, apply_name_rules(toks, text, Lexicon.empty()))
    assert found == [("ORG", "سي.بي.إس نيوز"), ("ORG", "إيه.تي.آر")]


def test_words_after_a_full_stop_without_a_space_are_not_joined() -> None:
    text, toks = tagged("وصل الوفد إلى القاهرة.وقال الرئيس", {"القاهرة": "B-LOC"})
    assert names(text, apply_name_rules(toks, text, Lexicon.empty())) == [("LOC", "القاهرة")]


def test_a_site_ending_in_dot_com_is_an_organisation() -> None:
    text, toks = tagged("وأعلن موقع بيت.كوم للوظائف", {"بيت": "B-LOC"})
    assert names(text, apply_name_rules(toks, text, Lexicon.empty())) == [("ORG", "بيت.كوم")]


def test_a_name_has_a_letter() -> None:
    text, toks = tagged("وقال إن المال ( ... ) دفعه محاميه", {"...": "B-ORG", "(": "B-MISC"})
    assert names(text, apply_name_rules(toks, text, Lexicon.empty())) == []


def test_a_surname_alone_is_the_person_named_in_full() -> None:
    text, toks = labelled(
        "قالت أنغيلا ميركل إن حكومة ميركل باقية",
        ["O", "B-PER", "I-PER", "O", "O", "B-ORG", "O"],
    )
    found = names(text, apply_name_rules(toks, text, Lexicon.empty()))
    assert found == [("PER", "أنغيلا ميركل"), ("PER", "ميركل")]


def test_a_listed_place_stays_a_place_beside_a_person_of_that_name() -> None:
    text, toks = labelled(
        "حاملة الطائرات جورج واشنطن تغادر واشنطن",
        ["O", "O", "B-PER", "I-PER", "O", "B-LOC"],
    )
    found = names(text, apply_name_rules(toks, text, listing(("واشنطن", "LOC"))))
    assert found == [("PER", "جورج واشنطن"), ("LOC", "واشنطن")]


def test_an_adjective_of_nationality_with_the_article_is_no_name() -> None:
    lexicon = listing(("قطري", "NATIONALITY"), ("قطر", "LOC"))
    text, toks = tagged("وقال المسؤول القطري إن قطر مستعدة", {"القطري": "B-ORG", "قطر": "B-LOC"})
    assert names(text, apply_name_rules(toks, text, lexicon)) == [("LOC", "قطر")]


def test_a_word_that_starts_a_listed_club_is_no_surname() -> None:
    text, toks = labelled(
        "وسجل ظهير أتلتيكو هدفا وفاز أتلتيكو",
        ["O", "B-PER", "I-PER", "O", "O", "B-ORG"],
    )
    lexicon = listing(("أتلتيكو مدريد", "ORG"))
    found = names(text, apply_name_rules(toks, text, lexicon))
    assert found == [("PER", "ظهير أتلتيكو"), ("ORG", "أتلتيكو")]


def test_split_word_whose_whole_form_is_listed_gets_its_letter_back() -> None:
    lexicon = listing(("لوكاس", "PER_FIRST"), ("فاسكيز", "PER_LAST"))
    text, toks = tagged("وقال لوكاس فاسكيز إن", {"لوكاس": "B-PER", "فاسكيز": "I-PER"})
    assert [t.token.proclitic for t in toks if t.token.text == "لوكاس"] == ["ل"]
    assert names(text, apply_name_rules(toks, text, lexicon)) == [("PER", "لوكاس فاسكيز")]


def test_split_word_keeps_its_proclitic_when_the_rest_is_listed_as_long() -> None:
    lexicon = listing(("وجدة", "LOC"), ("جدة", "LOC"), ("الرياض", "LOC"))
    text, toks = tagged("زار الرياض وجدة أمس", {"الرياض": "B-LOC", "وجدة": "B-LOC"})
    assert [t.token.proclitic for t in toks if t.token.text == "وجدة"] == ["و"]
    assert names(text, apply_name_rules(toks, text, lexicon)) == [
        ("LOC", "الرياض"),
        ("LOC", "جدة"),
    ]


def test_added_names_are_read_by_the_rules_not_by_the_features() -> None:
    from arnews.entities.resources import load_added_names

    added = StemGazetteer.from_names([("كوالكوم", "ORG"), ("القديس", "TITLE")])
    lexicon = Lexicon(added=added)
    text, toks = tagged("وقالت كوالكوم إن القديس فالنتاين", {"كوالكوم": "B-PER", "القديس": "B-PER"})
    toks[-1] = TaggedToken(toks[-1].token, "I-PER", 0.9)
    assert names(text, apply_name_rules(toks, text, lexicon)) == [
        ("ORG", "كوالكوم"),
        ("PER", "فالنتاين"),
    ]
    # chosen by hand, an added class outranks the person lists (their name tokens hold
    # clubs: بايرن); the same word on the lists alone stays the person the tagger saw
    lists = StemGazetteer.from_names([("بايرن", "PER_TOKEN"), ("بايرن", "LOC")])
    text, toks = tagged("وفاز بايرن أمس", {"بايرن": "B-PER"})
    assert names(text, apply_name_rules(toks, text, Lexicon(gazetteer=lists))) == [("PER", "بايرن")]
    both = Lexicon(gazetteer=lists, added=StemGazetteer.from_names([("بايرن", "ORG")]))
    assert names(text, apply_name_rules(toks, text, both)) == [("ORG", "بايرن")]
    # the shipped lexicon holds them apart from the feature gazetteer
    shipped = load_lexicon()
    assert ("كوالكوم", "ORG") in load_added_names()
    assert shipped.added is not None
    assert shipped.added.matches(["كوالكوم"]) == [(0, 1, ("ORG",))]
    assert isinstance(shipped.gazetteer, StemGazetteer)
    assert shipped.gazetteer.matches(["كوالكوم"], remember=False) == []
