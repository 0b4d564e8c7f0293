"""Fuzz all three editions with real-world and hostile Markdown, Liquid and HTML together.

Hypothesis writes two pages from fragments (kramdown, Liquid, raw HTML, MyST, and hostile
shapes), each fragment next to a marker word, runs ``make all STRICT=0`` and checks:
exit 0, no traceback, EPUBCheck silent, no script, handler or dangerous element or
address in the site's article, and every marker word in the site, the ePub and the PDF
(pypdf's text) unless a warning names the page. A failing example is copied to
``<out>/fail<N>/`` with the build's log. Slow (three builds an example): a tool for a
hostile round, not part of the suite.

    .venv/bin/python tests/tools/fuzz_editions.py [examples] [out folder]
"""

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pypdf
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, given, settings, strategies as st

WT = Path(__file__).resolve().parents[2]
OUT = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="fuzz-editions-"))
BASE = OUT / "run"
EPUBCHECK = next((WT / ".venv" / "lib").glob("python3*/site-packages/epubcheck/epubcheck.jar"))
REAL = [
    "## Heading {#custom-id}", "* list item\n* another", "1. one\n2. two", "> quote\n> more",
    "{: .notice--info}", "{% raw %}{{ not liquid }}{% endraw %}", "{{ site.title }}", "{{ page.title | upcase }}",
    "{% if page.x %}shown{% else %}other{% endif %}", "| a | b |\n|---|---|\n| 1 | 2 |",
    "```python\nprint('x')\n```", "    indented code", "Term\n: Definition", "[^1]\n\n[^1]: Footnote.",
    "<div markdown=\"1\">**bold** inside</div>", "<details><summary>More</summary>\n\nHidden.\n</details>",
    "<table><tr><td>cell</td></tr></table>", "<br>", "<hr>", "***", "~~~\nfenced\n~~~",
    "$x^2$", "$$\\frac{1}{2}$$", "\\(a+b\\)", "<span style=\"color:red\">red</span>", "<kbd>Ctrl</kbd>",
    "![alt text](missing.png)", "[link](https://example.org/)", "[rel](other.md)", "<https://example.org>",
    "{% include figure image_path=\"/x.png\" alt=\"fig\" %}", "{% capture c %}cap{% endcapture %}{{ c }}",
    "Hello &amp; &copy; &#8212; &nbsp;", "* [ ] task", "H~2~O", "==mark==", "<!-- comment -->",
    "{:toc}", "* TOC\n{:toc}", "<sup>1</sup>", "line  \nbreak", "\\*not em\\*", "_under_ **strong**",
]
HOSTILE = [
    "<img src=x onerror=alert(1)>", "<a href=\"jav&#x09;ascript:alert(1)\">j</a>", "<svg><use href=\"#x\"/></svg>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>", "<base href=\"https://evil.example/\">",
    "<form action=\"https://evil.example/\"><input name=q></form>", "<a ping=\"https://evil.example\" href=\"x.md\">p</a>",
    "<style>@import 'https://evil.example/x.css';</style>", "<div style=\"width:expression(alert(1))\">e</div>",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">", "<object data=\"x.swf\"></object>",
    "<embed src=\"x.swf\">", "<picture><source srcset=\"https://evil.example/a.png\"><img src=\"a.png\" alt=\"p\"></picture>",
    "<img srcset=\"a.png 2x\" alt=\"s\">", "<map><area href=\"x.md\" alt=\"ar\"></map>", "<math><mi>x</mi></math>",
    "{% for i in (1..999999999) %}x{% endfor %}", "{{ 'x' | truncate: 999999999 }}", "{% include ../../etc/passwd %}",
    "</div>", "<div>", "<p>", "</td>", "<pre>", "<textarea>", "<!--", "-->", "<![CDATA[x]]>", "<?php echo 1; ?>",
    "[x](javascript:alert(1))", "<javascript:alert(1)>", "[x]: javascript:alert(1)\n\n[x]", "```{raw} html\n<script>x</script>\n```",
    "\u202e", "\u200b", "\ufeff", "\x0c", "&#0;", "&#xD800;", "&#x110000;", "<a href=\"\\\\host\\share\">unc</a>",
    "<a href=\"https://exa mple.org/\">sp</a>", "<a href=\"mailto:\">m</a>", "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\" alt=d>",
    "{% raw %}", "{% endraw %}", "{{", "}}", "{%", "%}", "{:", "{::nomarkdown}<b>x</b>{:/}", "{::comment}hidden{:/comment}",
    "::::{note}", "::::", "<dl><dt>T</dt></dl>", "<ul>loose<li>i</li></ul>", "<table><caption>a</caption><caption>b</caption></table>", "| h |\n|---|\n| 1 | 2 |", "<h2><div>d</div></h2>", "<p><bdo>b</bdo></p>", "<figure><figcaption>a</figcaption><img src=\"x.png\" alt=\"p\"><figcaption>b</figcaption></figure>", "<ol><li>a</li></ol>text after", "<dl><dd>only def</dd></dl>", "<table><tr><td>a</td><td>b</td></tr><tr><td colspan=\"3\">c</td></tr></table>", "<blockquote><p>q</p><cite>c</cite></blockquote>", "<ruby>r<rt>t</rt></ruby>", "<time datetime=\"bad\">t</time>", "<span lang=\"en US\">l</span>", "<a href=\"x\"><div>blk</div></a>", "<details><summary><h3>h</h3></summary>x</details>", "```{include} /etc/passwd\n```", "```{literalinclude} index.md\n:lines: 1-99999999999\n```",
]
# hostile-7's round: SVG and MathML links, animation, media and their poster, entity-spelled
# schemes, reference definitions, MyST roles, attributes on blocks, translations' shapes
HOSTILE_7 = [
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>s</text></a></svg>",
    "<svg><a href=\"#\"><animate attributeName=\"href\" to=\"javascript:alert(2)\"/><text>t</text></a></svg>",
    "<svg><set attributeName=\"href\" to=\"javascript:alert(3)\"/><use href=\"https://evil.example/x.svg#a\"/></svg>",
    "<math href=\"javascript:alert(4)\"><mi>m</mi></math>", "<video poster=\"https://evil.example/p.png\">v</video>",
    "<audio src=\"https://evil.example/a.mp3\">a</audio>", "<track src=\"https://evil.example/t.vtt\">",
    "<a href=\"&#106;avascript:alert(5)\">e</a>", "<a href=\" JaVaScRiPt:alert(6)\">c</a>",
    "<a href=\"https://evil.example\\\\@austintexas.gov/\">b</a>", "<q cite=\"https://evil.example/\">q</q>",
    "<p style=\"background:url(https://evil.example/t.png)\">st</p>", "<table background=\"https://evil.example/b.png\"><tr><td>tb</td></tr></table>",
    "[r][d]\n\n[d]: javascript:alert(7) \"t\"", "{style=\"color:red\" onclick=\"alert(8)\" #search}\nattrs",
    "```{eval-rst}\n.. role:: r(raw)\n   :format: html\n\n:r:`<script>alert(9)</script>`\n```",
    "```{toctree}\nx <javascript://%0Aalert(10)>\n```", "<noscript><p title=\"</noscript><img src=x onerror=alert(11)>\">n</p></noscript>",
    "<details open ontoggle=\"alert(12)\"><summary>s</summary>d</details>", "![p](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
]
frag = st.one_of(st.sampled_from(REAL), st.sampled_from(HOSTILE), st.sampled_from(HOSTILE_7))

@st.composite
def page(draw, k):
    parts = []
    for j in range(draw(st.integers(1, 8))):
        f = draw(frag)
        w = f"qword{k}x{j}"
        how = draw(st.integers(0, 3))
        if how == 2 and f.startswith(("```", ":::", "~~~")):
            how = 3  # a word after a fence's opening is its language, never shown
        if how == 0: parts.append(f"{w} {f}")
        elif how == 1: parts.append(f"{f}\n\n{w}")
        elif how == 2: parts.append(f"{f} {w}")
        else: parts.append(f"{w}\n{f}")
    return parts

def visible_words(text):
    return sorted(set(re.findall(r"qword\d+x\d+", text)))

def build(src, out):
    r = subprocess.run(["make", "all", f"SOURCEDIR={src}", f"BUILDDIR={out}", "STRICT=0", "JOBS=1"],
                       cwd=WT, capture_output=True, text=True, timeout=300)
    return r.returncode, r.stdout + r.stderr

results = []
@settings(max_examples=int(sys.argv[1]) if len(sys.argv) > 1 else 10, deadline=None, database=None,
          suppress_health_check=list(HealthCheck), phases=[Phase.generate])
@given(st.lists(page(0), min_size=1, max_size=1), st.lists(page(1), min_size=1, max_size=1), st.booleans())
def run(p0, p1, jekyll):
    if BASE.exists(): shutil.rmtree(BASE)
    src = BASE / "src"; out = BASE / "out"; src.mkdir(parents=True)
    if jekyll: (src / "_config.yml").write_text("title: Fuzz\nmarkdown: kramdown\n")
    texts = {"index.md": "---\ntitle: Home\nposition: 1\n---\n\n# Home\n\n" + "\n\n".join(p0[0]) + "\n",
             "other.md": "---\ntitle: Other\nposition: 2\n---\n\n" + "\n\n".join(p1[0]) + "\n"}
    for n, t in texts.items(): (src / n).write_text(t)
    rc, log = build(src, out)
    problems = []
    if rc != 0: problems.append(f"rc={rc}")
    if "Traceback" in log: problems.append("traceback")
    try:
        ep = next((out / "epub").glob("*.epub"))
        r = subprocess.run(["java", "-jar", str(EPUBCHECK), str(ep), "-q"], capture_output=True, text=True)
        msgs = [l for l in (r.stdout + r.stderr).splitlines() if re.search(r"(ERROR|WARNING|FATAL)\(", l)]
        if msgs: problems.append("epubcheck: " + " | ".join(msgs[:3]))
        z = zipfile.ZipFile(ep)
        etext = {n: BeautifulSoup(z.read(n), "html.parser").get_text(" ") for n in z.namelist() if n.endswith(".xhtml")}
        pdf = next((out / "pdf").glob("*.pdf"))
        ptext = " ".join(pg.extract_text() or "" for pg in pypdf.PdfReader(pdf).pages)
        ptext2 = ptext.replace("\n", "").replace("- ", "").replace(" ", "")
        for name, t in texts.items():
            stem = name[:-3]
            hp = out / "html" / f"{stem}.html"
            raw = hp.read_text()
            soup = BeautifulSoup(raw, "html.parser")
            art = soup.find("article") or soup
            s = str(art)
            for tag in art.find_all(True):
                for a, v in tag.attrs.items():
                    v = " ".join(v) if isinstance(v, list) else v
                    if a.lower().startswith("on") or a.lower() in ("srcdoc", "formaction", "ping", "srcset", "action", "background", "poster"):
                        problems.append(f"{stem}: attr {a}={v[:40]}")
                    if a.lower() in ("href", "src", "data", "xlink:href") and re.match(r"\s*(javascript|vbscript|data:text)", v, re.I):
                        problems.append(f"{stem}: url {a}={v[:40]}")
                if tag.name in ("script", "iframe", "object", "embed", "base", "form", "meta", "link", "style", "svg", "math") and not (tag.name == "math"):
                    problems.append(f"{stem}: element {tag.name}")
            htext = art.get_text(" ")
            etx = etext.get(f"{stem}.xhtml", "")
            for w in visible_words(t):
                warned = re.search(rf"{re.escape(str(src / name))}:\d+: WARNING", log)
                for ed, tx in (("html", htext), ("epub", etx), ("pdf", ptext + ptext2)):
                    if w not in tx and not warned:
                        problems.append(f"{stem}: {w} lost in {ed} (no warning on page)")
    except Exception as e:
        problems.append("checker: " + repr(e)[:200])
    if problems:
        keep = OUT / f"fail{len(list(OUT.glob('fail*')))}"
        shutil.copytree(src, keep / "src"); (keep / "log").write_text(log); (keep / "problems").write_text("\n".join(problems))
        print("FAIL", keep, problems[:6], flush=True)
    else:
        print("ok", flush=True)

if __name__ == "__main__":
    run()
    print("examples and failures in", OUT)
