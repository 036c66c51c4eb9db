"""The shared Jinja2 environment and the macros of macros.html.j2: autoescaped, strict, offline."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from jinja2 import UndefinedError

from paritrana_nb.templating import environment

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
    assert '<svg class="score-bar" width="200.0" height="14" role="img" aria-label="Skor 30">' in html
    assert '<rect x="0.0" y="0" width="40.0"' in html and '<rect x="40.0" y="0" width="20.0"' in html
    assert html.count("<rect") == 2 and "<img" not in html and "&lt;img" in html


def test_the_rank_strip_places_rank_one_at_the_left() -> None:
    html = _macro("rank_strip", 1, 1, 3, 11, HOSTILE, median=2, tie=True, width=110)
    # ranks 1..11 over 100 px between 5 px paddings: 10 px per rank
    assert '<line x1="5.0" y1="7.0" x2="25.0" y2="7.0" stroke="#e3a008"' in html
    assert '<circle cx="15.0"' in html and '<path d="M1.0 7.0L5.0 3.0L9.0 7.0L5.0 11.0Z"' in html
    assert "&lt;img" in html and "<img" not in html
    alone = _macro("rank_strip", 1, 1, 1, 1, "1")  # a group of one: no division by zero, no median dot
    assert "<circle" not in alone and 'stroke="#0b6e4f"' in alone
