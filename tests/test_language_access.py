"""Austin's language-access list in one English publication: a page in each language.

The City publishes in Spanish, Vietnamese, Chinese (Simplified and Traditional), Korean,
Arabic, Urdu, Burmese, Pashto, Dari, French, Hindi and Tagalog. Each page says its language
(``lang:``) and holds real sentences; the Vietnamese one is pasted decomposed (NFD), as from
some Mac apps, and the Urdu and Pashto ones use letters beyond Arabic's basic set (ے ڈ ټ ځ ښ).
Every edition is built strictly: a glyph no font has would be a warning.
"""

from __future__ import annotations

import collections
import json
import re
import subprocess
import unicodedata
import zipfile

import pikepdf
import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import build_every_edition, write_pages
from test_pdf_support import struct_elements, structure_problems, the_pdf

PAGES = {  # name: (lang, title, words)
    "spanish": ("es", "Acceso a idiomas", "La Ciudad de Austin ofrece servicios de idiomas gratuitos para "
                "todos los residentes. Llame al 311 para pedir un intérprete."),
    "vietnamese": ("vi", "Tiếp cận ngôn ngữ", "Thành phố Austin cung cấp dịch vụ ngôn ngữ miễn phí cho tất cả "
                   "cư dân. Hãy gọi 311 để yêu cầu thông dịch viên."),
    "simplified": ("zh-Hans", "语言服务", "奥斯汀市为所有居民提供免费的语言服务。请拨打311申请口译员。"),
    "traditional": ("zh-Hant", "語言服務", "奧斯汀市為所有居民提供免費的語言服務。請撥打311申請口譯員。"),
    "korean": ("ko", "언어 지원", "오스틴시는 모든 주민에게 무료 언어 서비스를 제공합니다. 통역사가 필요하면 311로 전화하십시오."),
    "arabic": ("ar", "الوصول اللغوي", "تقدم مدينة أوستن خدمات لغوية مجانية لجميع السكان. اتصل بالرقم 311 لطلب مترجم."),
    "urdu": ("ur", "زبان تک رسائی", "آسٹن شہر تمام رہائشیوں کو مفت زبان کی خدمات فراہم کرتا ہے۔ براہ کرم اپنا ڈاک کا پتہ لکھیں۔"),
    "burmese": ("my", "ဘာသာစကား ဝန်ဆောင်မှု", "အော်စတင်မြို့သည် နေထိုင်သူအားလုံးအတွက် ဘာသာစကား ဝန်ဆောင်မှုများကို ပေးပါသည်။"),
    "pashto": ("ps", "ژبې ته لاسرسی", "د آسټن ښار ټولو اوسېدونکو ته ژبني خدمتونه وړاندې کوي. دا ځای د ټولو لپاره دی."),
    "dari": ("fa-AF", "دسترسی به زبان", "شهر آستین خدمات زبانی را برای همه باشندگان فراهم می‌کند."),
    "persian": ("fa", "دسترسی زبانی", "شهر آستین خدمات زبانی رایگان به همه ساکنان ارائه می‌کند. برای درخواست "
                "مترجم با شماره ۳۱۱ تماس بگیرید. سلام، فرم را پر کنید."),
    "french": ("fr", "Accès linguistique", "La Ville d'Austin offre des services linguistiques gratuits à tous les résidents."),
    "hindi": ("hi", "भाषा पहुँच", "ऑस्टिन शहर सभी निवासियों को मुफ़्त भाषा सेवाएँ प्रदान करता है।"),
    "tagalog": ("tl", "Access sa Wika", "Ang Lungsod ng Austin ay nagbibigay ng libreng serbisyo sa wika para sa "
                "lahat ng residente."),
}
RTL = {"ar", "ur", "ps", "fa-AF", "fa"}


def source_page(position: int, lang: str, title: str, words: str) -> str:
    if lang == "vi":
        title, words = unicodedata.normalize("NFD", title), unicodedata.normalize("NFD", words)
    return f'---\ntitle: "{title}"\nposition: {position}\nlang: {lang}\n---\n\n# {title}\n\n{words}\n'


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("language-access")
    pages = {f"{name}.md": source_page(i + 1, *page) for i, (name, page) in enumerate(PAGES.items())}
    pages["index.md"] = "---\ntitle: Language access\n---\n\nThe City publishes its guides in many languages.\n"
    build_every_edition(write_pages(base / "source", pages), base, strict=True)  # no glyph, no warning lost
    return base


def test_each_page_says_its_language_and_direction_on_the_site_and_in_the_book(built):
    with zipfile.ZipFile(next((built / "epub").glob("*.epub"))) as book:
        chapters = {n.rsplit("/", 1)[-1]: book.read(n).decode("utf-8") for n in book.namelist()}
    for name, (lang, title, _) in PAGES.items():
        html = BeautifulSoup((built / "html" / f"{name}.html").read_text(encoding="utf-8"), "lxml").html
        direction = "rtl" if lang in RTL else None
        assert (html["lang"], html.get("dir")) == (lang, direction), name
        assert html.select_one("aside.sidebar-drawer")["lang"] == "en", name
        chapter = BeautifulSoup(chapters[f"{name}.xhtml"], "xml").find("html")
        assert (chapter["lang"], chapter["dir"]) == (lang, direction or "ltr"), name
        assert title in html.select_one("article h1").get_text(), name  # composed (NFC)


def test_the_search_finds_a_word_of_each_language_as_typed(built):
    """Words as a keyboard types them (composed): the Vietnamese page was pasted decomposed."""
    text = (built / "html" / "searchindex.js").read_text(encoding="utf-8")
    terms = set(json.loads(text[text.index("(") + 1:text.rindex(")")])["terms"])
    from sphinx.search.en import SearchEnglish

    stem = SearchEnglish({}).stem  # the site's (English) search stems every word, in the browser too
    for word in ("intérprete", "thông", "dịch", "통역사가", "مترجم", "رہائشیوں", "ښار", "ټولو", "باشندگان",
                 "linguistiques", "serbisyo"):
        assert stem(word.lower()) in terms, word


def test_the_pdf_says_each_chapters_language_and_stays_pdf_ua(built):
    pdf = the_pdf(built / "typst")
    assert structure_problems(pdf) == []
    with pikepdf.open(pdf) as doc:
        said = [str(e.get("/Lang", "en")) for e in struct_elements(doc) if str(e.S) == "/H1"]
    # Simplified Chinese as Typst's lang and region (it has no script): zh-CN prints mainland shapes
    assert said[-len(PAGES):] == ["es", "vi", "zh-CN", "zh-TW", "ko", "ar", "ur", "my", "ps", "fa-AF", "fa", "fr", "hi",
                                  "fil-PH"]


def test_the_pdfs_text_gives_back_the_words_of_the_left_to_right_alphabets(built):
    """pypdf reads each glyph's own mapping: the words of Latin, Hangul and Han come back (NFC).
    Arabic-script words come back in visual order, and Devanagari and Myanmar clusters only
    through /ActualText, which pypdf does not read: see the Urdu letters test below."""
    text = unicodedata.normalize("NFC", " ".join(p.extract_text() for p in pypdf.PdfReader(the_pdf(built / "typst")).pages))
    flat = re.sub(r"\s+", " ", text)
    for name in ("spanish", "vietnamese", "french", "tagalog", "korean"):
        assert PAGES[name][2] in flat, name
    for name in ("simplified", "traditional"):
        assert PAGES[name][2].replace("311", " 311") in flat, name  # the digits are in the Latin font


def test_the_urdu_and_pashto_letters_are_in_the_pdfs_text(built):
    """ے ڈ ټ ځ ښ are not in Arabic's basic set: each is printed (no tofu: the strict build) and
    maps back to its character, through the fonts' ToUnicode or a span's /ActualText."""
    mapped = ""
    with pikepdf.open(the_pdf(built / "typst")) as doc:
        for page in doc.pages:
            for font in page.Resources.Font.values():
                if "/ToUnicode" in font:
                    codes = re.findall(rb"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>", font.ToUnicode.read_bytes())
                    mapped += "".join(bytes.fromhex(c.decode()).decode("utf-16-be", "replace") for c in codes)
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "BDC" and len(operands) > 1 and isinstance(operands[1], pikepdf.Dictionary) \
                        and "/ActualText" in operands[1]:
                    mapped += str(operands[1].ActualText)
    assert set("ےڈټځښ") <= set(mapped)


ARABIC_SCRIPT = ("arabic", "urdu", "pashto", "dari", "persian")


def letters(text: str) -> str:
    """What a reader of the PDF's text must get back of ``text``: composed (NFC), without white
    space (the layout's line breaks, and the space pdftotext puts between a word and the
    neutral '.' or digits of a right-to-left line) and without Unicode's invisible format
    characters (category Cf: the bidi embeddings pdftotext adds, U+202A-U+202E; the ZWNJ of
    "می‌کند", which a PDF's text layer does not carry). Every letter, in order."""
    return "".join(c for c in unicodedata.normalize("NFC", text)
                   if not c.isspace() and unicodedata.category(c) != "Cf")


def test_pdftotext_gives_back_the_words_of_the_arabic_script_and_burmese_pages(built):
    """Copied, searched or read aloud, the words are the page's: Noto Sans Arabic drew Farsi
    yeh (ی) inside a word as a tooth and a dots glyph, both read back as the letter
    ("بگیرید" came out as "بگییریید"), and its ligatures came back reversed from other fonts
    ("سلام" as "سالم"). Poppler reads the spans' /ActualText, so Burmese, whose vowel
    signs are drawn before their consonant, reads right as well."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(the_pdf(built / "typst")), "-"],
                         capture_output=True, text=True, check=True).stdout
    text = letters(out)
    for name in (*ARABIC_SCRIPT, "burmese"):
        assert letters(PAGES[name][2]) in text, name


def test_pypdf_gives_back_each_letter_of_the_arabic_script_pages_once(built):
    """pypdf reads no /ActualText and orders a right-to-left line its own way, so only the
    letters are compared: on the chapter's page, each letter of its words and of its title
    (the heading, and again the running header) as often as written. A letter drawn with two
    glyphs came back twice; a glyph that two letters share (Persian keheh and Arabic kaf,
    Farsi yeh and alef maksura) as one of them. Burmese is left to the pdftotext test: its
    reordered clusters are only in /ActualText."""
    pages = [p.extract_text() for p in pypdf.PdfReader(the_pdf(built / "typst")).pages]
    arabic = re.compile("[\u0600-\u06ff]")

    def count(text: str) -> collections.Counter:
        return collections.Counter(arabic.findall(letters(text)))

    found = [count(page) for page in pages]
    for name in ARABIC_SCRIPT:
        _, title, words = PAGES[name]
        once, twice = count(title + words), count(title + title + words)
        assert once in found or twice in found, (name, [(dict(f - twice), dict(twice - f))
                                                        for f in found if f & count(words)])
