"""The interface-catalog HTML rule, as one definition for the build and check-po."""

from __future__ import annotations

import pytest

from brochure.i18n.model import Entry
from brochure.i18n.safety import check_html, check_placeholder


def interface(msgid: str, msgstr: str) -> Entry:
    return Entry(msgid=msgid, msgstr=msgstr, interface=True)


@pytest.mark.parametrize(("msgid", "msgstr", "refused"), [
    # the four inputs on which the build and check-po used to disagree
    ('<a href="%(path)s">Copyright</a>', '<a  href="%(path)s">Telif</a>', False),
    ("Press <b>Enter</b> now", "Drücke <b>Enter</b> <b>jetzt</b>", True),
    ("a < b and c > d", "a < b und c > d", False),
    ("Use <3 and > more", "Nutze <3 und > mehr", False),
    # what an HTML parser would start a tag or comment at
    ("Back to top", "Başa dön<img src=x onerror=alert(1)>", True),
    ("Back to top", "Başa dön <img src=x onerror=alert(1) ", True),
    ("Back to top", "Başa dön <!-- ", True),
    ("Back to top", "Başa dön </x onclick=1>", True),
    ("Back to top", "Başa dön <?php ?>", True),
    ("Back to top", "Başa dön &lt;b&gt;", False),
    # furo writes some strings into attributes: title="{{ _("Edit this page") }}"
    ("Edit this page", 'Sayfayı düzenle" onmouseover="alert(1)', True),
    ("Edit this page", "Sayfayı “düzenle”", False),
    ('<a href="%(path)s">Copyright</a>', '<a href="%(path)s">Telif</a>', False),
])
def test_interface_tags(msgid, msgstr, refused):
    assert bool(check_html(interface(msgid, msgstr))) is refused


def test_interface_placeholder_the_msgid_lacks():
    assert check_placeholder(interface("Print edition, p. %(page)s", "s. %(page)s"))  == []
    [finding] = check_placeholder(interface("Print edition, p. %(page)s", "s. %(page)s %(evil)s"))
    assert "'%(evil)s'" in finding.message
