"""The shared Jinja2 environment and the macros of macros.html.j2: autoescaped, strict, offline."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import UndefinedError

import paritrana_nb
from paritrana_nb.report.index_page import index_html
from paritrana_nb.report.sections import Footer
from paritrana_nb.templating import environment, minified_css

HOSTILE = '</script><img src=x onerror="alert(1)">'


def _macro(name: str, *args: object, **kwargs: object) -> str:
    module = environment().get_template("macros.html.j2").make_module()
    return str(getattr(module, name)(*args, **kwargs))


def test_the_environment_escapes_and_refuses_undefined_names() -> None:
    env = environment()
    assert env.autoescape is True
    assert env.from_string("{{ x }}").render(x=HOSTILE) == (
        "&lt;/script&gt;&lt;img src=x onerror=&#34;alert(1)&#34;&gt;"
    )
    assert env.from_string("{{ x }}").render(x="PT 'Maju' & Sejahtera") == "PT &#39;Maju&#39; &amp; Sejahtera"
    with pytest.raises(UndefinedError):
        env.from_string("{{ missing }}").render()


def test_the_footer_macro_escapes_every_line_and_file() -> None:
    footer = SimpleNamespace(banner=HOSTILE, lines=["v1 <b>", "libs"], files=[("pemda.csv", "ab" * 32)])
    html = _macro("footer", footer)
    assert html.startswith('<div class="footer"><b>&lt;/script&gt;')
    assert "v1 &lt;b&gt;<br/>libs<br/>pemda.csv: sha256 " + "ab" * 32 + "</div>" in html
    assert "<img" not in html
    assert _macro("footer", SimpleNamespace(banner="", lines=["v1"], files=[])) == '<div class="footer">v1</div>'


def test_the_score_bar_lays_parts_end_to_end_and_escapes_their_labels() -> None:
    parts = [
        SimpleNamespace(label=HOSTILE, colour="#0b6e4f", value=20.0),
        SimpleNamespace(label="nol", colour="#2f7fc1", value=0.0),  # an empty part draws nothing
        SimpleNamespace(label="wawancara", colour="#9ca3af", value=10.0),
    ]
    html = _macro("score_bar", parts, "Skor 30", scale=2.0)
    # each part outlined in the background's colour (inherited from its group): a line of it between two parts
    assert (
        '<svg class="score-bar" width="200.0" height="14" role="img" aria-label="Skor 30"><g stroke="#ffffff">' in html
    )
    assert '<rect x="0.0" width="40.0"' in html and '<rect x="40.0" width="20.0"' in html
    assert html.count("<rect") == 2 and "<img" not in html and "&lt;img" in html
    # a card's bar defines the patterns its parts are filled with, outside the group: no outline around their tiles
    hatched = [SimpleNamespace(colour="#2f7fc1", hatch="//")]
    bar = _macro(
        "score_bar", [SimpleNamespace(label="x", fill="url(#p-0)", value=10.0)], "x", patterns=hatched, ids="p"
    )
    assert (
        'aria-label="x"><pattern id="p-0" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#2f7fc1"/><path d="M0 6L6 0M-1 1L1 -1M5 7L7 5" stroke="#ffffff"/></pattern>'
        '<g stroke="#ffffff"><rect x="0.0" width="30.0" height="14" fill="url(#p-0)">'
    ) in bar


def test_the_rank_strip_places_rank_one_at_the_left() -> None:
    html = _macro("rank_strip", 1, 1, 3, 11, HOSTILE, median=2, tie=True, width=110)
    # ranks 1..11 over 100 px between 5 px paddings: 10 px per rank; the interval 1-3 from 3 px before rank 1's place
    # to 3 px after rank 3's, a tie's outline dashed
    assert '<rect x="2.0" y="4.0" width="26.0" height="6" rx="3" fill="#fdeede" stroke="#b45309"' in html
    assert 'stroke-dasharray="3 2"/>' in html
    assert '<circle cx="15.0"' in html and '<path d="M1.0 7.0L5.0 3.0L9.0 7.0L5.0 11.0Z"' in html
    assert "&lt;img" in html and "<img" not in html
    alone = _macro("rank_strip", 1, 1, 1, 1, "1")  # a group of one: no division by zero, no median dot
    assert "<circle" not in alone and 'stroke="#0b6e4f" stroke-width="1.2"/>' in alone


# -- no HTML outside autoescaped templates ----------------------------------------------------------------------
PACKAGE = Path(paritrana_nb.__file__).parent
#: An HTML tag opening in a string: "<td", "</div>", "<br/>", "<a href" ... (not "<musim>" or "a < b").
HTML_TAG = re.compile(
    r"</?(a|b|i|p|br|hr|h[1-6]|div|span|td|th|tr|table|thead|tbody|caption|ul|ol|li|img|figure|svg|rect|"
    r"path|line|circle|style|script|html|head|body|main|meta|link|title|details|summary|form|input|button|iframe|"
    r"section|code|pre|em|strong|small|label|select|option)(?=[\s/>]|$)",
    re.IGNORECASE,
)
UNSAFE_TEMPLATE = re.compile(r"autoescape\s+false|autoescape\s*=\s*false|\|\s*safe\b|Markup|\bmark_safe\b", re.I)


def _template_problems(source: str) -> list[str]:
    """What in a template's source turns autoescaping off or marks a value safe."""
    return [m.group(0) for m in UNSAFE_TEMPLATE.finditer(source)]


def _python_problems(source: str) -> list[str]:
    """What in a module's source builds HTML in a string or marks text safe: an HTML tag in a string literal
    (docstrings excepted), Markup, an import of markupsafe, a jinja2 Environment or Template made outside
    templating.py, autoescape switched off."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            found += [f"line {node.lineno}: {m.group(0)!r}" for m in HTML_TAG.finditer(node.value)]
        elif isinstance(node, ast.Name | ast.Attribute):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name in ("Markup", "Environment", "Template"):
                found.append(f"line {node.lineno}: {name}")
        elif isinstance(node, ast.ImportFrom) and node.module in ("markupsafe", "jinja2"):
            found.append(f"line {node.lineno}: from {node.module} import ...")
        elif isinstance(node, ast.Import) and any(a.name in ("markupsafe", "jinja2") for a in node.names):
            found.append(f"line {node.lineno}: import markupsafe/jinja2")
        elif (
            isinstance(node, ast.keyword)
            and node.arg == "autoescape"
            and not (isinstance(node.value, ast.Constant) and node.value.value is True)
        ):
            found.append(f"line {node.value.lineno}: autoescape not True")
    return found


#: The one module allowed to make the jinja2 Environment (autoescape=True, checked by its own test above).
TEMPLATING = PACKAGE / "templating.py"


def test_the_scans_catch_what_they_look_for() -> None:
    """The scans below are only as good as these: each forbidden shape is found, allowed text is not."""
    for bad in ("{% autoescape false %}{{ x }}{% endautoescape %}", "{{ name|safe }}", "{{ name | safe }}"):
        assert _template_problems(bad), bad
    assert not _template_problems('<td class="num">{{ c.text }}</td>')
    for bad in (
        'html = f"<td>{value}</td>"',
        "row = '<tr>' + cells + '</tr>'",
        "x = '<br/>'.join(parts)",
        "link = f'<a href=\"{href}\">'",
        "from markupsafe import Markup",
        "import markupsafe",
        "text = Markup(name)",
        "from jinja2 import Environment",
        "env = jinja2.Environment(autoescape=False)",
    ):
        assert _python_problems(bad), bad
    allowed = '"""A docstring may name <td> and <img> tags."""\nhelp = "data/<musim>/ with a < b"\n'
    assert not _python_problems(allowed)


def test_no_template_disables_autoescaping_or_marks_text_safe() -> None:
    """Every Jinja2 template of the package, the report notebook's nbconvert template and the explorer's Voilà
    templates (templates/voila/, page.html among them) included.

    That nbconvert template (report/templates/laporan/) is rendered by nbconvert's own environment, which
    does not autoescape: it lays out notebook outputs that are already HTML rendered by our templates, and
    inserts only the package's own CSS and JS; it must not mark anything safe either."""
    templates = sorted([*PACKAGE.rglob("*.j2"), *(PACKAGE / "templates" / "voila").glob("*.html")])
    assert PACKAGE / "templates" / "macros.html.j2" in templates
    assert PACKAGE / "templates" / "voila" / "page.html" in templates  # Voilà asks for it by that name
    problems = {str(p.relative_to(PACKAGE)): _template_problems(p.read_text(encoding="utf-8")) for p in templates}
    assert {k: v for k, v in problems.items() if v} == {}


def test_no_module_builds_html_in_strings_or_marks_text_safe() -> None:
    """Every .py module under paritrana_nb/: HTML only from templates, nothing marked safe, one Environment."""
    problems = {
        str(p.relative_to(PACKAGE)): [
            found
            for found in _python_problems(p.read_text(encoding="utf-8"))
            if not (p == TEMPLATING and found.endswith(("Environment", "from jinja2 import ...")))
        ]
        for p in sorted(PACKAGE.rglob("*.py"))
    }
    assert {k: v for k, v in problems.items() if v} == {}


def test_pages_include_the_package_stylesheet_verbatim() -> None:
    """page.css and report.css reach a page through `{% include %}` (template source, not data): minified, not
    escaped, their colours the palette's."""
    css = "".join(environment().get_template(n).render() for n in ("page.css", "report.css"))
    page = index_html(2025, [], "en", False, Footer("", ("v",)))
    assert '"' in css and css in page  # its quotes (content: "") are not turned into &#34;


def test_a_style_sheet_is_minified_without_changing_what_it_says() -> None:
    """Comments go, spaces around `{ } ; , >` and after `:` go, a descendant selector's space and a string's stay."""
    css = """/* a comment,
   over two lines; with { braces } */
.rapor h1 , th > a { font: 15px/1.5 "DejaVu Sans", Arial ;  content: " \\2195"; }
@media (max-width: 640px) {
  th[data-sort]::after { content: ""; }
}
"""
    assert minified_css(css) == (
        '.rapor h1,th>a{font:15px/1.5 "DejaVu Sans",Arial;content:" \\2195";}'
        '@media (max-width:640px){th[data-sort]::after{content:"";}}'
    )


def test_a_card_carries_the_page_style_sheet_not_the_reports() -> None:
    """Each card carried the reports' style sheet, comments included: a national card averaged 14.07 KB of the 12 KB
    it may take."""
    page, report = (environment().get_template(name).render() for name in ("page.css", "report.css"))
    source = (Path(paritrana_nb.__file__).parent / "templates" / "rapor.html.j2").read_text(encoding="utf-8")
    assert '{% include "page.css" %}' in source and "report.css" not in source
    assert "/*" not in page and ".jp-Cell" in report and ".jp-Cell" not in page
