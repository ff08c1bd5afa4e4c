"""Catalogs written into tmp_path, so every test shows the broken input it checks."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest

from brochure.i18n.gettext_tools import LAYOUT

HEADER = """\
# Test catalog.
msgid ""
msgstr ""
"Project-Id-Version: test\\n"
"Language: {lang}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""

TERMBASE = """\
de,en,tr,note
Integrationsbeauftragte,integration officer,uyum sorumlusu,
Willkommenskultur,welcome culture,hoş geldin kültürü,
Handlungsempfehlung,recommendation for action,eylem önerisi,
Teilhabe,participation,toplumsal katılım,
BAMF,BAMF,BAMF,
EU,EU,AB,
Diversität,diversity,,no approved Turkish term yet
"""

WORDLIST = """\
# names
Kuhn
Stuttgart
"""


@pytest.fixture
def po_locale(tmp_path: Path) -> Path:
    """A locale/ directory with a small termbase and word list."""
    root = tmp_path / "locale"
    root.mkdir()
    (root / "termbase.csv").write_text(TERMBASE, encoding="utf-8")
    (root / "wordlist.txt").write_text(WORDLIST, encoding="utf-8")
    return root


@pytest.fixture
def write_po(po_locale: Path):
    """write_po(body, lang="en", name="page.po", header=None) -> path of the new catalog."""

    def write(body: str, lang: str = "en", name: str = "page.po", header: str | None = None) -> Path:
        path = po_locale / lang / "LC_MESSAGES" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        head = HEADER.format(lang=lang) if header is None else header
        path.write_text(head + "\n" + textwrap.dedent(body), encoding="utf-8")
        # In the project's layout, as every real catalog is (check-po's [format]); a catalog
        # msgcat cannot read stays as written: its syntax is what the test is about.
        subprocess.run(["msgcat", *LAYOUT, "-o", str(path), str(path)], capture_output=True)
        return path

    return write
