"""Plain-language advice: the core on small pages, the build's style.* warnings, make check."""

from __future__ import annotations

import subprocess
from pathlib import Path
import sys

import pytest

from conftest import REPO, ends_apart, page, sphinx_build, write_pages

from plainlanguage import core
from plainlanguage.problems import Kind

LONG = ("The committee that reviews the proposals from every department in the City of Austin meets "
        "each month in the council chamber on the second floor of the building to decide which "
        "projects go ahead this year.")  # 36 words


def kinds(markdown: str, **options) -> list[tuple[int, Kind]]:
    return [(f.line, f.kind) for f in core.analyse(markdown, **options).findings]


def test_a_long_sentence_is_reported_on_its_own_line():
    markdown = "---\ntitle: T\n---\n\nShort one. Another short one.\nStill short.\n" + LONG + "\n"
    assert kinds(markdown, max_grade=99) == [(7, Kind.LONG_SENTENCE)]
    assert kinds(markdown, max_words=40, max_grade=99) == []


def test_code_front_matter_and_html_are_not_prose():
    markdown = ("---\ntitle: " + LONG + "\n---\n\n```python\n# " + LONG + "\n```\n\n"
                "    " + LONG + "\n\n<div>" + LONG + "</div>\n\nA `" + LONG + "` call.\n")
    assert kinds(markdown) == []


def test_acronyms_need_their_words_at_first_use_only():
    good = "The Capital Metropolitan Transportation Authority (CMTA) runs buses. CMTA is busy.\n"
    also_good = "CMTA (Capital Metro) runs buses. Ask CMTA.\n"
    bad = "Ask CMTA about buses.\n\nThe Capital Metropolitan Transportation Authority (CMTA) runs them.\n"
    assert kinds(good) == [] and kinds(also_good) == []
    assert kinds(bad) == [(1, Kind.ACRONYM)]
    known = "Download the PDF, read Title II and the HTML. We SHOUTED.\n"
    assert kinds(known) == []
    assert kinds("Ask CMTA.\n", known_acronyms=core.KNOWN_ACRONYMS | {"CMTA"}) == []


def test_words_in_capitals_for_emphasis_are_no_acronyms():
    """18F's job posts write "ALL APPLICATIONS DUE BY FRIDAY": each word was an acronym to
    spell out. A run of capitalised words is emphasis; one on its own is still asked about."""
    assert kinds("Send it. ALL APPLICATIONS DUE BY FRIDAY. Ask CMTA first.\n") == [(1, Kind.ACRONYM)]
    assert "CMTA" in core.analyse("ALL DONE. Ask CMTA.\n").findings[0].message


def test_an_initialism_does_not_end_a_sentence():
    """"the U.S. Department of the Interior …" was split after "U.S.", and the long sentence
    was quoted from "Department": its start was wrong."""
    text = ("The U.S. Department of the Interior and the city e.g. its parks team and the county "
            "and the state and the schools and the libraries meet every month to plan it together.\n")
    [finding] = core.analyse(text).findings
    assert finding.kind == Kind.LONG_SENTENCE and 'starts "The U.S. Department' in finding.message


def test_kramdowns_table_of_contents_marker_is_no_prose():
    """``* TOC`` + ``{:toc}`` (the City's old pages) marks where kramdown put the contents."""
    assert kinds("* TOC\n{:toc}\n\n## Start\n\nWords.\n") == []
    assert kinds("-  TOC\n{: toc }\n") == []
    assert kinds("Read the TOC first.\n") == [(1, Kind.ACRONYM)]  # prose still is


def test_jekyll_highlight_blocks_and_abbreviation_definitions_are_no_prose():
    """jcubic/jcubic.pl (2019-09-17-prosty-czat-javascript-php-sqlite.markdown): SQL in a
    ``{% highlight php %}`` block is code, and ``*[HTTP]: ...`` spells HTTP out."""
    markdown = ("Kod php, ponieważ jest go trochę więcej.\n\n"
                "{% highlight php startinline=true %}\n"
                "    function fetch($values) {\n"
                "        return $this->query(\"SELECT $values FROM chat WHERE timestamp > \" .\n"
                "                            \"{$this->time} ORDER BY timestamp\");\n"
                "    }\n"
                "{% endhighlight %}\n\n"
                "Gdy cokolwiek było wysłane przez HTTP, skrypt po prostu kończył działanie.\n\n"
                "Tak jak na IRC i w SSE.\n\n\n"
                "*[HTTP]: HyperText Transfer Protocol\n"
                "*[SSE]: Server-sent events\n"
                "*[IRC]: Internet Relay Chat\n")
    assert kinds(markdown, max_grade=99) == []
    undefined = markdown.replace("*[IRC]: Internet Relay Chat\n", "")
    assert kinds(undefined, max_grade=99) == [(12, Kind.ACRONYM)]  # the line of "IRC" in prose


@pytest.mark.parametrize("text", ["click here", "Here", "Read more.", "more", "this link"])
def test_link_text_that_says_nothing_is_reported(text):
    assert kinds(f"For the plan,\n[{text}](https://example.org/plan).\n") == [(2, Kind.LINK_TEXT)]


def test_link_text_that_names_its_target_is_fine():
    assert kinds("Read [the 2024 budget](https://example.org/budget).\n") == []


@pytest.mark.parametrize(("markdown", "line"), [
    ("![IMG_2041.JPG](photos/IMG_2041.JPG)\n", 1),
    ("Text.\n\n![sensor-map](img/sensor-map.png)\n", 3),
    ("![Image of a bus stop with a screen](stop.png)\n", 1),
    ("![picture of the river](river.jpg)\n", 1),
    ("```{figure} map.png\n:alt: Parking sensors on Congress Avenue\n\nParking sensors on Congress Avenue.\n```\n", 2),
    (":::{figure} map.png\n:alt: map.png\n\nWhere the sensors are.\n:::\n", 2),
])
def test_alt_text_that_helps_nobody_is_reported(markdown, line):
    assert kinds(markdown) == [(line, Kind.ALT_TEXT)]


def test_alt_text_that_describes_is_fine():
    assert kinds("![Bus stop screen showing the next three buses](stop.png)\n") == []
    assert kinds("```{figure} map.png\n:alt: Dots mark 40 sensors along Congress Avenue\n\n"
                 "Where the sensors are.\n```\n") == []


def test_reading_grade_is_measured_and_a_hard_page_is_reported():
    easy = "We fix roads. We fill holes. We paint lines. " * 5
    hard = ("Comprehensive infrastructural modernization necessitates interdepartmental "
            "coordination, institutional accountability, and sophisticated technological "
            "implementation methodologies. ") * 3
    easy_report, hard_report = core.analyse(easy), core.analyse(hard)
    assert easy_report.grade is not None and easy_report.grade < 8
    assert Kind.READING_GRADE not in [f.kind for f in easy_report.findings]
    assert hard_report.grade > 12 and Kind.READING_GRADE in [f.kind for f in hard_report.findings]
    assert "reading grade" in hard_report.summary()


def test_each_list_item_is_a_sentence_of_the_reading_grade():
    """18F's accessibility checklist: ten short items without full stops were one sentence of
    60 words to the grade (13.2, a warning), though the long-sentence check counted ten."""
    items = ["Site is keyboard accessible", "All interactions can be used with a keyboard",
             "Focus is never trapped in a loop", "All form inputs have labels",
             "All images have alt text", "Text has enough color contrast", "Tab order is logical",
             "Tables have proper headers", "Headings are nested in order",
             "Page titles are descriptive"]
    listed = core.analyse("Check these things on every page.\n\n" + "".join(
        f"{n}. {item}\n" for n, item in enumerate(items, 1)))
    stopped = core.analyse("Check these things on every page.\n\n" + "".join(
        f"{n}. {item}.\n" for n, item in enumerate(items, 1)))
    assert listed.sentences == stopped.sentences == 11
    assert listed.grade == stopped.grade < 8
    assert Kind.READING_GRADE not in [f.kind for f in listed.findings]


PAGES = {
    "index.md": page("Home", body="Welcome. Read the [parking plan](plan.md)."),
    "plan.md": page("Parking plan", 1, body="Ask CMTA first.\n\n" + LONG + "\n\n[Click here](https://example.org)."),
}


def test_a_strict_build_lists_the_advice_without_failing(tmp_path):
    """As `make html` runs it: -W, not quiet (advice is information there)."""
    source = write_pages(tmp_path / "src", PAGES)
    build = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-c", str(REPO), "-W",
                            "--keep-going", "--no-color", str(source), str(tmp_path / "out")],
                           capture_output=True, text=True, check=False)
    output = build.stdout + build.stderr
    assert build.returncode == 0, output
    plan = str(source / "plan.md")
    for line, kind in ((6, "acronym"), (8, "long-sentence"), (10, "link-text")):
        assert any(l.startswith(f"{plan}:{line}: ") and l.endswith(f"[style.{kind}]")
                   for l in output.splitlines()), output
    assert "WARNING" not in output


def test_a_project_can_make_the_advice_fail_a_strict_build(tmp_path):
    source = write_pages(tmp_path / "src", PAGES)
    build = sphinx_build(source, tmp_path / "out", extra=("-D", "style_checks_strict=1"))
    assert build.returncode != 0
    assert any(f"plan.md:8: WARNING: a sentence of 36 words" in w and w.endswith("[style.long-sentence]")
               for w in build.warnings), build.output
    quiet = sphinx_build(source, tmp_path / "out2", extra=(
        "-D", "style_checks_strict=1", "-D", "suppress_warnings=myst.topmatter,style"))
    assert quiet.returncode == 0, quiet.output


def test_a_lenient_build_shows_the_advice_as_warnings(tmp_path):
    source = write_pages(tmp_path / "src", PAGES)
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0
    assert any("plan.md:10: WARNING: the link text \"Click here\"" in w for w in build.warnings)


def test_make_check_prints_advice_and_a_summary_per_page(tmp_path):
    source = write_pages(tmp_path / "src", PAGES)
    done = subprocess.run(["make", "-C", str(REPO), "check", f"SOURCEDIR={source}"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{source / 'plan.md'}:8: a sentence of 36 words" in done.stdout
    assert "[style.acronym]" in done.stdout and "[style.link-text]" in done.stdout
    summaries = [line for line in done.stderr.splitlines() if "reading grade" in line]
    assert len(summaries) == 2 and any(line.startswith(f"{source / 'plan.md'}: ") for line in summaries)


def _real_prose() -> list[str]:
    """The prose of every page the tests and the publication have (real-shaped pages)."""
    import pagesource

    texts = []
    for path in sorted([*(REPO / "source").rglob("*.md"), *(REPO / "tests" / "roots").rglob("*.md")]):
        source = pagesource.read(path)
        texts.append(core.body_of(source.lines, source.body_start))
    return texts


def test_the_reading_grade_is_textstats():
    """plainlanguage.grade is textstat 0.7.4's Flesch-Kincaid grade, without its slow import."""
    import textstat  # requirements-test.txt: the reference
    from hypothesis import given, settings, strategies as st

    from plainlanguage.grade import flesch_kincaid_grade

    texts = _real_prose()
    assert len(texts) > 50
    for text in texts:
        assert flesch_kincaid_grade(text) == textstat.flesch_kincaid_grade(text), text[:200]

    @settings(max_examples=200, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("ab Zé.!?'-_1\n,İ\u0307ß")), max_size=80))
    def same(text: str) -> None:
        assert flesch_kincaid_grade(text) == textstat.flesch_kincaid_grade(text)

    same()


def test_syllables_are_counted_once_into_the_mapping_a_build_keeps():
    """A rebuild takes the counts its environment kept (pyphen's dictionary is not loaded
    for words counted before); a different dictionary is told apart by its stamp."""
    from plainlanguage import grade

    counts: dict[str, int] = {}
    grade.count_into(counts)
    try:
        before = grade.flesch_kincaid_grade(LONG)
        assert counts["committee"] == 3 and counts["the"] == 1
        counts["committee"] = 30  # a kept count is used as it is, not counted again
        assert grade.flesch_kincaid_grade(LONG) > before
    finally:
        grade.count_into({})
    assert "hyph_en_US.dic" in grade.dictionary_stamp()


def test_a_long_paragraph_of_inline_marks_is_read_without_hanging() -> None:
    """Each inline mark recounted the lines of all the text before it: 12 s for 80 KB of
    ``*a``, about half an hour for a megabyte. Run apart, with a limit."""
    assert ends_apart("from plainlanguage.core import analyse; "
                      "report = analyse('[x](y) ' + '*a' * 300_000 + '\\n'); "
                      "sys.exit(0 if report.words else 3)")


def test_the_advice_worked_out_beside_a_large_reading_is_the_cores_for_every_page(tmp_path):
    """From APART_FROM pages the check runs in a forked process while the pages are read:
    every page's advice still arrives, at its own line, as the core gives it."""
    from plainlanguage import APART_FROM

    pages = {"index.md": page("Home", body="Welcome.")}
    for number in range(1, APART_FROM + 2):
        body = f"Ask CMTA about route {number}.\n\n" + (LONG if number % 3 == 0 else "Short.")
        pages[f"p{number:03}.md"] = page(f"Route {number}", number, body=body)
    source = write_pages(tmp_path / "src", pages)
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    expected = set()
    for name, text in pages.items():
        for finding in core.analyse(text).findings:
            expected.add((name, finding.line, finding.kind.value))
    given = set()
    for warning in build.warnings:
        if "[style." in warning:
            where, kind = warning.split(": WARNING: ")[0], warning.rsplit("[style.", 1)[1][:-1]
            path, line = where.rsplit(":", 1)
            given.add((Path(path).name, int(line), kind))
    assert len(expected) > APART_FROM and given == expected


def test_a_check_whose_process_dies_is_done_by_the_build_itself(monkeypatch, tmp_path):
    import os
    from types import SimpleNamespace

    import plainlanguage
    from plainlanguage import settings

    files = write_pages(tmp_path, {f"p{n}.md": page(f"P {n}", n, body=LONG)
                                   for n in range(plainlanguage.APART_FROM)})
    parent, analyse = os.getpid(), core.analyse

    def dies_in_the_child(*args, **kwargs):
        if os.getpid() != parent:
            os._exit(9)
        return analyse(*args, **kwargs)

    monkeypatch.setattr(core, "analyse", dies_in_the_child)
    config = SimpleNamespace(**{**settings.DEFAULTS, "language": "en", "source_language": "en"})
    class App:  # a build, as much of it as the check reads (weakly referable, as Sphinx is)
        builder = SimpleNamespace(name="html")
        _fail_on_warnings = False

    app = App()
    app.config = config
    env = SimpleNamespace(doc2path=lambda docname: files / f"{docname}.md", srcdir=str(files))
    docnames = sorted(path.stem for path in files.glob("*.md"))
    said = []
    monkeypatch.setattr(plainlanguage.logger, "warning",
                        lambda message, **kw: said.append((kw.get("location"), message)))
    plainlanguage.plan_advice(app, env, docnames)
    assert plainlanguage._plans[app].beside is not None
    plainlanguage.report_advice(app, env)
    assert sorted(location for location, message in said
                  if message.startswith("a sentence of 36 words")) == [(d, 6) for d in docnames]
    assert env.plainlanguage_syllables["words"]["committee"] == 3


def test_pyphens_dictionary_is_parsed_once_per_installation(monkeypatch, tmp_path):
    """The parsed ``en_US`` patterns are kept like bytecode: the kept copy hyphenates as a
    fresh parse does, and a kept file that is damaged is parsed and written again."""
    import pyphen

    import publication.installed
    from plainlanguage import grade

    monkeypatch.setattr(publication.installed, "cache_path", lambda name: tmp_path / name)
    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    fresh = pyphen.HyphDict(path)

    made = grade._compiled_dictionary(pyphen, path)
    [kept] = (tmp_path / "plainlanguage").iterdir()
    loaded = grade._compiled_dictionary(pyphen, path)
    assert made.patterns == loaded.patterns == fresh.patterns and loaded is not made
    for word in ("publication", "hyphenation", "accessibility", "Austin's", "naïve"):
        assert loaded.positions(word) == fresh.positions(word)

    kept.write_bytes(b"not a pickle")
    assert grade._compiled_dictionary(pyphen, path).patterns == fresh.patterns
    assert kept.read_bytes() != b"not a pickle"


def test_a_paragraph_of_many_sentences_is_read_in_linear_time():
    """Each sentence's end looked for an abbreviation ("U.S.") from the paragraph's start: a
    paragraph of 8,000 short sentences took 95 s, of 20,000 (400 KB) about ten minutes."""
    assert ends_apart("from plainlanguage import core\n"
                      "report = core.analyse('Go to the park now. ' * 20_000)\n"
                      "assert report.sentences == 20_000, report.sentences", limit=120)


def test_a_paragraph_of_many_acronyms_is_read_in_linear_time():
    """Each new acronym sliced the paragraph before and after it and searched all of what
    came before: 6,000 acronyms in a paragraph took 20 s, 40,000 about a quarter of an hour."""
    assert ends_apart("import itertools, string\n"
                      "from plainlanguage import core\n"
                      "letters = string.ascii_uppercase\n"
                      "acronyms = [''.join(p) for n in (3, 4) for p in itertools.product(letters, repeat=n)][:40_000]\n"
                      "report = core.analyse(' '.join(f'the {a} is here.' for a in acronyms))\n"
                      "assert len(report.findings) > 30_000, len(report.findings)", limit=120)


def test_liquid_tags_and_outputs_are_no_prose():
    """cloud-gov/pages-uswds-jekyll's example page: `**{{page.title}}**`; minimal-mistakes'
    figure include with its parameters; a comment for the site's editors. No reader sees them."""
    include = ('{% include figure.html image_path="/assets/images/traffic-signal-retiming-map-2019.png" '
               'alt="Map of the corridors whose signals were retimed in the fiscal year of 2019" '
               'caption="Corridors retimed by the Transportation Department in 2019" %}')
    markdown = ("---\ntitle: T\n---\n\nWe can also use variables in our pages. For example, this is "
                "the title variable: **{{page.title}}**\n\n" + include + "\n\n"
                "{% comment %}\n" + LONG + "\n{% endcomment %}\n\n{% if site.data.HTTPS %}Short one.{% endif %}\n")
    assert kinds(markdown, max_grade=99) == []
    assert kinds(markdown + "\n" + LONG + "\n", max_grade=99) == [(15, Kind.LONG_SENTENCE)]  # lines kept


def test_many_liquid_tags_are_read_in_linear_time():
    assert ends_apart("from plainlanguage import core\n"
                      "core.analyse('{% x %} word ' * 100_000 + '{% comment %} ' * 20_000 + '{{ never closed ' * 20_000)", limit=120)


def test_pages_in_another_language_get_no_english_advice(tmp_path):
    """The grade, the sentences and the acronyms are measured in English: a Chinese page was
    "US school grade 13.9", a Hindi sentence ended by । was "a sentence of 69 words"."""
    long_sentence = " ".join(["word"] * 40) + "."
    source = write_pages(tmp_path / "src", {
        "index.md": page("Home", body=long_sentence),
        "zh.md": "---\ntitle: 口譯服務\nposition: 1\nlang: zh-TW\n---\n\n"
                 + "奧斯汀市致力於為英語能力有限的居民提供優質、及時且符合文化需求的服務。" * 8 + "\n",
        "hi.md": "---\ntitle: भाषा\nposition: 2\nlang: hi\n---\n\n"
                 + "ऑस्टिन शहर सभी निवासियों को उच्च गुणवत्ता वाली सेवाएं देने के लिए प्रतिबद्ध है। " * 6 + "\n",
        "es.md": "---\ntitle: Servicios\nposition: 3\nlang: es\n---\n\n" + " ".join(["palabra"] * 40) + ".\n"})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    advice = [w for w in build.warnings if "[style." in w]
    assert any("index.md" in w and "[style.long-sentence]" in w for w in advice), build.output
    assert not [w for w in advice if "index.md" not in w], advice
