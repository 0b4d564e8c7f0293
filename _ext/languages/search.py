"""Chinese search in the browser, with Sphinx 9.0's bug worked around.

Sphinx 9.0 writes ``window.Stemmer = ChineseStemmer;`` into ``language_data.js`` while the
Chinese search ships the English stemmer, so every Chinese search page stops with
"ChineseStemmer is not defined" (sphinx-doc/sphinx#14229, fixed by #14416 in a later
release). The same class, named after the stemmer it ships, writes ``EnglishStemmer``.
Registered only while the bug is there, and only for a build whose search is Chinese:
``sphinx.search.zh`` imports jieba and its dictionary (~0.1 s a process otherwise).
"""

from __future__ import annotations

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
