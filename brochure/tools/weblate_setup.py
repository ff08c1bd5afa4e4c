"""Set up (or bring up to date) the brochure's Weblate project through Weblate's REST API.

    python -m brochure.tools.weblate_setup --url https://weblate.example.org --token wlu_… \\
        --repo https://git.example.org/brochure.git [--push URL] [--branch main]

    (make weblate-setup WEBLATE_URL=… WEBLATE_TOKEN=… WEBLATE_REPO=…)

Does what TRANSLATING.md's "Weblate" section describes, with the settings of
:mod:`brochure.i18n.weblate`, and may be run again at any time (it changes only what differs):

1. the project (slug ``brochure``), *Set "Language-Team" header* off;
2. the main component ``index`` from the repository, then its add-ons *Component discovery*
   (one component per page) and *Contributors in comment* (the imprint's credit lines);
3. the interface component ``sphinx`` (source language English), sharing the repository;
4. on every component, discovered ones included: the file format parameters (no line
   wrapping), check flags and enforced checks, which discovery does not copy;
5. the glossary: the termbase (``locale/termbase.csv``) uploaded into Weblate's glossary, one
   term per row, for every edition (``check-glossary`` then warns of a term rendered otherwise).

Run it again after Weblate discovered a new page (step 4), and after the termbase changed (5).
Uses the standard library only; the token is an API key of a Weblate user who may manage the
project (a project administrator or a superuser).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from brochure.base.editions import LOCALE_DIR, publication
from brochure.i18n import weblate
from brochure.i18n.termbase import read_rows

PROJECT = "brochure"
GLOSSARY = "glossary"  # the component Weblate creates with every project


class WeblateError(RuntimeError):
    pass


class Api:
    def __init__(self, url: str, token: str):
        self.base = url.rstrip("/") + "/api/"
        self.token = token

    def call(self, method: str, path: str, data: dict | None = None, *, body: bytes | None = None,
             content_type: str = "application/json") -> dict:
        url = path if path.startswith("http") else self.base + path.lstrip("/")
        if data is not None:
            body = json.dumps(data).encode("utf-8")
        request = urllib.request.Request(url, data=body, method=method, headers={
            "Authorization": f"Token {self.token}", "Accept": "application/json",
            **({"Content-Type": content_type} if body is not None else {})})
        try:
            with urllib.request.urlopen(request, timeout=600) as response:
                text = response.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            if method == "GET" and err.code == 404:
                return {}
            raise WeblateError(f"{method} {url}: HTTP {err.code}: "
                               f"{err.read().decode('utf-8', 'replace')[:2000]}") from None
        return json.loads(text) if text else {}

    def get(self, path: str) -> dict:
        return self.call("GET", path)

    def every(self, path: str) -> list[dict]:
        """All results of a paginated list."""
        found, page = [], self.get(path)
        while page:
            found += page.get("results", [])
            page = self.get(page["next"]) if page.get("next") else {}
        return found


def ensure_project(api: Api, name: str, web: str) -> None:
    if not api.get(f"projects/{PROJECT}/"):
        api.call("POST", "projects/", {"name": name, "slug": PROJECT, "web": web})
    api.call("PATCH", f"projects/{PROJECT}/", weblate.PROJECT_SETTINGS)


def ensure_component(api: Api, slug: str, settings: dict) -> None:
    if not api.get(f"components/{PROJECT}/{slug}/"):
        api.call("POST", f"projects/{PROJECT}/components/", {"name": slug, "slug": slug, **settings})


def ensure_addons(api: Api, component: str, addons: dict[str, dict]) -> None:
    installed = {a["name"]: a for a in addons_of(api, component)}
    for name, configuration in addons.items():
        if name in installed:
            if configuration and installed[name].get("configuration") != configuration:
                api.call("PATCH", installed[name]["url"], {"configuration": configuration})
        else:
            api.call("POST", f"components/{PROJECT}/{component}/addons/",
                     {"name": name, "configuration": configuration})


def addons_of(api: Api, component: str) -> list[dict]:
    """The add-ons installed on *component* (the component lists their URLs)."""
    return [api.get(url) for url in api.get(f"components/{PROJECT}/{component}/").get("addons", [])]


def components(api: Api) -> list[dict]:
    return api.every(f"projects/{PROJECT}/components/")


def apply_settings(api: Api) -> int:
    """weblate.EVERY_COMPONENT and its add-ons on every translation component; how many were
    changed."""
    changed = 0
    for component in components(api):
        if component.get("is_glossary"):
            continue
        ensure_addons(api, component["slug"], weblate.EVERY_COMPONENT_ADDONS)
        patch = {key: value for key, value in weblate.EVERY_COMPONENT.items() if component.get(key) != value}
        if patch:
            api.call("PATCH", f"components/{PROJECT}/{component['slug']}/", patch)
            changed += 1
    return changed


def glossary_terms(code: str, termbase: Path = LOCALE_DIR / "termbase.csv") -> list[tuple[str, str]]:
    """(German term, approved rendering) for edition *code*, in the termbase's order."""
    rows = read_rows(termbase)
    header = rows[0][1]
    source, target = header.index(publication().source_language), header.index(code)
    return [(row[source], row[target]) for _, row in rows[1:]
            if len(row) > max(source, target) and row[source] and row[target]]


def glossary_tbx(code: str, termbase: Path = LOCALE_DIR / "termbase.csv") -> bytes:
    """The termbase's terms for edition *code* as TBX, the format of Weblate's glossary."""
    from xml.etree import ElementTree as ET

    source_language = publication().source_language
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    martif = ET.Element("martif", {"type": "TBX", lang: source_language})
    ET.SubElement(ET.SubElement(ET.SubElement(martif, "martifHeader"), "fileDesc"), "sourceDesc")
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for number, (term, rendering) in enumerate(glossary_terms(code, termbase), start=1):
        entry = ET.SubElement(body, "termEntry", {"id": f"termbase-{number}"})
        for language, text in ((source_language, term), (code, rendering)):
            ET.SubElement(ET.SubElement(ET.SubElement(entry, "langSet", {lang: language}), "tig"), "term").text = text
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(martif, encoding="utf-8", xml_declaration=False)


def upload_glossary(api: Api, code: str) -> dict:
    """Replace the glossary's *code* translation with the termbase's terms."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in (("method", "replace"), ("conflicts", "replace-translated")):
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="termbase-{code}.tbx"\r\n'
                 f"Content-Type: application/x-tbx\r\n\r\n".encode() + glossary_tbx(code) + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return api.call("POST", f"translations/{PROJECT}/{GLOSSARY}/{code}/file/", body=body,
                    content_type=f"multipart/form-data; boundary={boundary}")


def ensure_glossary_language(api: Api, code: str) -> None:
    if not api.get(f"translations/{PROJECT}/{GLOSSARY}/{code}/"):
        api.call("POST", f"components/{PROJECT}/{GLOSSARY}/translations/", {"language_code": code})


def wait_for_components(api: Api, expected: int, seconds: float = 600) -> list[dict]:
    """Discovery may run in Weblate's background workers: wait until it created *expected*."""
    deadline = time.monotonic() + seconds
    while True:
        found = [c for c in components(api) if not c.get("is_glossary")]
        if len(found) >= expected or time.monotonic() > deadline:
            return found
        time.sleep(2)


def setup(api: Api, repo: str, push: str, branch: str, web: str) -> dict:
    pub = publication()
    ensure_project(api, pub.edition(pub.source_language).title, web)
    repository = {"repo": repo, "push": push, "branch": branch, "push_branch": ""}
    ensure_component(api, weblate.MAIN_COMPONENT, {
        **weblate.COMPONENT_SETTINGS, **repository, "filemask": weblate.MAIN_COMPONENT_MASK,
        "source_language": pub.source_language})
    ensure_addons(api, weblate.MAIN_COMPONENT, weblate.MAIN_COMPONENT_ADDONS)
    ensure_component(api, weblate.INTERFACE_COMPONENT, {
        **weblate.COMPONENT_SETTINGS, "repo": f"weblate://{PROJECT}/{weblate.MAIN_COMPONENT}",
        "filemask": weblate.INTERFACE_FILE_MASK, "source_language": "en"})
    pages = sum(1 for _ in (LOCALE_DIR.parent / "source").rglob("*.md"))
    found = wait_for_components(api, pages + 1)
    changed = apply_settings(api)
    glossary = {}
    for edition in pub.translations:
        ensure_glossary_language(api, edition.code)
        glossary[edition.code] = upload_glossary(api, edition.code)
    return {"components": len(found), "settings_changed": changed, "glossary": glossary}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True, help="Weblate's address, e.g. https://weblate.example.org")
    parser.add_argument("--token", required=True, help="API key of a project administrator")
    parser.add_argument("--repo", required=True, help="the repository Weblate clones")
    parser.add_argument("--push", default="", help="the repository Weblate pushes to (default: --repo)")
    parser.add_argument("--branch", default=weblate.BRANCH)
    parser.add_argument("--web", default="https://www.qualitaetszirkel-integration.de/",
                        help="the project's website, shown by Weblate")
    args = parser.parse_args(argv)
    try:
        result = setup(Api(args.url, args.token), args.repo, args.push or args.repo, args.branch, args.web)
    except WeblateError as err:
        print(f"weblate-setup: {err}", file=sys.stderr)
        return 1
    print(f"weblate-setup: {result['components']} components; settings applied to "
          f"{result['settings_changed']}; glossary: "
          + ", ".join(f"{code} {r.get('count', r)}" for code, r in result["glossary"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
