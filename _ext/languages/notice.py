"""The words shown to readers of a translation that nobody has reviewed yet.

Each text is in the language it warns about (a reader of the Spanish edition may read no
English); a language without its own text gets the English one, marked ``lang="en"``.
"""

from __future__ import annotations

SOURCE = "en"

UNREVIEWED = {
    "en": "This translation has not been reviewed yet. If a passage is unclear, the English edition is the reference.",
    "es": "Esta traducción todavía no ha sido revisada. Si algo no está claro, la edición en inglés es la de referencia.",
    "ar": "لم تتم مراجعة هذه الترجمة بعد. إذا كان أي جزء غير واضح، فالنسخة الإنجليزية هي المرجع.",
    "zh": "本译文尚未经过审校。如有不清楚之处，请以英文版为准。",
}
PARTIAL = {
    "en": "{percent}% of the text is translated; the rest is shown in English.",
    "es": "El {percent} % del texto está traducido; el resto se muestra en inglés.",
    "ar": "تمت ترجمة {percent}٪ من النص، ويظهر الباقي باللغة الإنجليزية.",
    "zh": "已翻译 {percent}% 的内容，其余部分以英文显示。",
}


def unreviewed(language: str, percent: int) -> tuple[str, str]:
    """``(text, language of the text)`` for the notice of ``language``, with how much is translated."""
    base = language.replace("-", "_").split("_")[0]
    code = next((c for c in (language, base) if c in UNREVIEWED), SOURCE)
    return UNREVIEWED[code] + ("" if percent >= 100 else " " + PARTIAL[code].format(percent=percent)), code


PDF_LABELS = {
    "es": {"version": "Versión", "license": "Licencia", "latest": "Última versión",
           "this": "Esta versión",
           "cite": "Cite como", "page": "página"},
    "ar": {"version": "الإصدار", "license": "الترخيص", "latest": "أحدث إصدار",
           "this": "هذا الإصدار",
           "cite": "للاستشهاد", "page": "صفحة"},
    "zh": {"version": "版本", "license": "许可", "latest": "最新版本", "this": "此版本", "cite": "引用格式", "page": "页"},
}
"""The PDF colophon's labels (``pdf_labels`` of the PDF builder) in each language we have."""


def pdf_labels(language: str) -> dict[str, str]:
    base = language.replace("-", "_").split("_")[0]
    return dict(PDF_LABELS.get(language) or PDF_LABELS.get(base) or {})
