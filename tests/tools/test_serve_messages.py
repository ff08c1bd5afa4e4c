"""What the preview's banner shows of a failed build: plain text, paths as make prints them."""

import io

from brochure.tools.serve_worker import _Tee, plain


def test_the_banner_text_has_no_colour_codes_and_no_machine_paths(tmp_path):
    warning = f"\x1b[91m{tmp_path}/source/glossar.md:12: WARNING: unknown document\x1b[39;49;00m\n"
    terminal = io.StringIO()
    tee = _Tee(terminal, str(tmp_path))
    tee.write(warning)
    assert terminal.getvalue() == warning  # the terminal keeps its colours
    assert tee.take() == "source/glossar.md:12: WARNING: unknown document\n"
    assert plain(f"{tmp_path}/conf.py", str(tmp_path) + "/") == "conf.py"
