"""Chinese search in the browser, with Sphinx 9.0's bug worked around.

Sphinx 9.0 writes ``window.Stemmer = ChineseStemmer;`` into ``language_data.js`` while the
Chinese search ships the English stemmer, so every Chinese search page stops with
"ChineseStemmer is not defined" (sphinx-doc/sphinx#14229, fixed by #14416 in a later
release). The same class, named after the stemmer it ships, writes ``EnglishStemmer``.
Registered only while the bug is there, and only for a build whose search is Chinese:
``sphinx.search.zh`` imports jieba and its dictionary (~0.1 s a process otherwise).
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def searches_chinese(config: Config) -> bool:
    """The search index is Chinese: the language Sphinx looks up (``zh`` or ``zh_*``) is ``zh``."""
    lang = config.html_search_language or config.language or ""
    return lang.partition("_")[0] == "zh"


def fix_chinese_search(app: Sphinx, config: Config) -> None:
    """``config-inited``: before the builder makes its search index."""
    if not searches_chinese(config):
        return
    from sphinx.search import _MINIFIED_JS_PATH
    from sphinx.search.zh import SearchChinese

    stemmer = _MINIFIED_JS_PATH / SearchChinese.js_stemmer_rawcode
    if f"{SearchChinese.language_name}Stemmer=" in stemmer.read_text(encoding="utf-8").replace(" ", ""):
        return  # the class the JS defines is the one Sphinx names: nothing to fix

    class ChineseSearchWithEnglishStemmer(SearchChinese):
        """Chinese words by jieba; Latin words stemmed in English, in Python and in the browser."""

        language_name = SearchChinese.js_stemmer_rawcode.split("-")[0].capitalize()  # "English"

    app.add_search_language(ChineseSearchWithEnglishStemmer)


_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]{2,}")
"""Chinese characters and Japanese kana, which are written without spaces between words."""

_OWN_SPLITTERS = ("zh", "ja")
"""Search languages that split Chinese or Japanese by their own dictionaries."""


def folded(word: str) -> str:
    """The word as typed without accents, as phone readers type it: ``información`` →
    ``informacion``, ``đăng`` → ``dang``; a word without any, or in a script whose marks
    are letters (Chinese, Japanese kana), as it is."""
    if word.isascii():
        return word
    plain = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    plain = plain.translate(_STROKED)
    return word if _CJK_CHARACTER.search(word) else unicodedata.normalize("NFC", plain)


_STROKED = str.maketrans({"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ħ": "h"})
"""Letters with a stroke, which have no decomposition: Vietnamese ``đ`` is typed ``d``."""
_CJK_CHARACTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")


def searchable(words: list[str]) -> list[str]:
    """``words``, each also without its accents (:func:`folded`), and the Chinese and
    Japanese ones also by pairs and single characters (:func:`with_cjk_pairs`)."""
    found = []
    for word in words:
        found.append(word)
        if (plain := folded(word)) != word:
            found.append(plain)
    return with_cjk_pairs(found) if any(_CJK_CHARACTER.search(word) for word in words) else found


def with_cjk_pairs(words: list[str]) -> list[str]:
    """``words`` and, for each run of Chinese or Japanese characters in them, every pair of
    characters, and each character: the run ``透過網路或電話支付`` is one "word" to a splitter
    that splits at spaces, so a reader searching ``電話`` (telephone) found nothing. Most
    Chinese words are two characters, many one (費, fee: the browser's search matches a
    query of one or two characters only to a whole indexed word); a longer query finds the
    run itself (one of three or more characters is matched inside an indexed word)."""
    found = []
    for word in words:
        found.append(word)
        for run in _CJK_RUN.findall(word):
            if run != word:
                found.append(run)
            found.extend(run[i:i + 2] for i in range(len(run) - 1))
            found.extend(dict.fromkeys(run))
    return found


def search_cjk_words(app: Sphinx, config: Config) -> None:
    """``config-inited``: a publication whose search is not Chinese or Japanese still finds
    the words of its pages written in them (``lang: zh-Hant``): its search language's
    splitter also indexes each pair of their characters and each character
    (:func:`with_cjk_pairs`), and every word with accents also without them (:func:`folded`)."""
    lang = config.html_search_language or config.language or "en"
    if lang.partition("_")[0].partition("-")[0] in _OWN_SPLITTERS:
        return
    from sphinx.search import SearchEnglish, SearchLanguage, languages
    from sphinx.util import import_object

    known = languages.get(lang) or (languages.get(lang.partition("_")[0]) if "_" in lang else None)
    base = import_object(known) if isinstance(known, str) else known or SearchEnglish
    if getattr(base, "splits_cjk_pairs", False) or not issubclass(base, SearchLanguage):
        return

    class WithCJKPairs(base):  # type: ignore[misc, valid-type]
        """The search language of the publication, Chinese and Japanese words found too."""

        splits_cjk_pairs = True

        def split(self, input: str) -> list[str]:
            words = super().split(input)
            return words if input.isascii() else searchable(words)  # one pass, not one a word

    WithCJKPairs.lang = lang
    app.add_search_language(WithCJKPairs)
