"""Plain Sphinx + MyST + Furo: the floor for our HTML (hand-written toctrees, none of our extensions).

MyST settings match the publication's conf.py, so both parse the same Markdown the same way.
``BENCH_EXTENSIONS`` (comma-separated) adds extensions, e.g. ``pageorder`` to price it alone.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))

project = "Benchmark Publication"
author = "City of Austin"
copyright = "2026, City of Austin"
version = release = "1.0.0"
language = "en"
root_doc = "index"
extensions = ["myst_parser"] + [e for e in os.environ.get("BENCH_EXTENSIONS", "").split(",") if e]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_*", "**/_*", ".*", "**/.*"]
myst_title_to_header = True
myst_heading_anchors = 6
myst_enable_extensions = ["colon_fence", "deflist", "dollarmath", "fieldlist"]
suppress_warnings = ["myst.topmatter"]
html_theme = "furo"
html_copy_source = False
html_show_sourcelink = False
latex_engine = "pdflatex"
latex_documents = [("index", "publication.tex", project, author, "manual")]
