"""The PDF renderer fetches nothing from the network and no file outside the edition's build.

A page of an edition is translator-influenced input: an image or stylesheet address in it must
not make the build machine download anything (a tracker learns when and where the build ran;
an address inside the machine's network is reached from the build) nor copy one of its files
into the PDF. A local HTTP server counts the requests WeasyPrint would make.
"""

from __future__ import annotations

import http.server
import threading

import pytest

from brochure.tools.build_pdf import PdfBuildError, render

PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


@pytest.fixture
def server():
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PIXEL)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        httpd.shutdown()


def document(body: str) -> str:
    return f'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>{body}</body></html>'


@pytest.mark.parametrize("address", [
    "{server}/pixel.png",  # an image on the network
    "file:///etc/passwd",  # a file of the build machine
    "{outside}",  # a file next to the build, not in it
])
def test_nothing_outside_the_build_is_fetched(tmp_path, server, address):
    base, requests = server
    outside = tmp_path / "secret.png"
    outside.write_bytes(PIXEL)
    html_dir = tmp_path / "html"
    html_dir.mkdir()
    url = address.format(server=base, outside=outside.as_uri())
    with pytest.raises(PdfBuildError) as refused:
        render(document(f'<p>x</p><img alt="x" src="{url}">'), html_dir)
    assert "not fetched" in str(refused.value) and url in str(refused.value)
    assert requests == []


def test_stylesheet_on_the_network_is_not_fetched(tmp_path, server):
    base, requests = server
    html_dir = tmp_path / "html"
    html_dir.mkdir()
    with pytest.raises(PdfBuildError, match="not fetched"):
        render(document(f'<link rel="stylesheet" href="{base}/evil.css"><p>x</p>'), html_dir)
    assert requests == []


def test_files_of_the_build_are_rendered(tmp_path):
    html_dir = tmp_path / "html"
    (html_dir / "_images").mkdir(parents=True)
    (html_dir / "_images" / "pixel.png").write_bytes(PIXEL)
    data = render(document('<p>x</p><img alt="x" src="_images/pixel.png">'), html_dir)
    assert data.startswith(b"%PDF")


def test_a_link_inside_the_build_to_a_file_outside_is_not_followed(tmp_path):
    html_dir = tmp_path / "html"
    (html_dir / "_images").mkdir(parents=True)
    outside = tmp_path / "secret.png"
    outside.write_bytes(PIXEL)
    (html_dir / "_images" / "pixel.png").symlink_to(outside)
    with pytest.raises(PdfBuildError, match="not fetched"):
        render(document('<p>x</p><img alt="x" src="_images/pixel.png">'), html_dir)
