"""``brochure.base.html_tokens``: the one reading of rendered HTML every pass shares."""

from __future__ import annotations

import re

from brochure.base.html_tokens import attributes, sub_in_tags, tags, text


def names(html: str) -> list[str]:
    return [("/" if tag.closing else "") + tag.name for tag in tags(html)]


def test_a_quoted_greater_than_sign_does_not_end_a_tag():
    html = '<a title="a > b" href="x">Link</a>'
    first = next(tags(html))
    assert html[first.start:first.end] == '<a title="a > b" href="x">'
    assert attributes(first.rest) == {"title": "a > b", "href": "x"}


def test_script_style_and_title_hold_text_not_tags():
    html = '<title>a <b> c</title><script>if (a<b && c>d) x = "<h1>";</script><style>p>a{}</style><h1>T</h1>'
    assert names(html) == ["title", "/title", "script", "/script", "style", "/style", "h1", "/h1"]


def test_comments_void_and_self_closing_tags_open_no_element():
    found = list(tags('<!-- <p> --><br><img src="x"/><span/><p>'))
    assert [tag.name for tag in found] == ["", "br", "img", "span", "p"]
    assert [tag.opens_element for tag in found] == [False, False, False, False, True]


def test_a_pattern_is_replaced_only_inside_the_named_tags():
    html = '<input aria-label="Toggle x"><label aria-label="Toggle y">Toggle z</label>'
    out = sub_in_tags(html, "input", re.compile("Toggle"), "Switch")
    assert out == '<input aria-label="Switch x"><label aria-label="Toggle y">Toggle z</label>'


def test_text_leaves_out_tags_and_keeps_entities():
    assert text('<span class="x">Grußworte</span> &amp; <em>mehr</em>') == "Grußworte &amp; mehr"
