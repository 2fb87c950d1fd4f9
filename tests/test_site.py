"""The static site, served by a real Apache httpd (Debian's apache2, installed by the setup
script) that applies the site's .htaccess, and a second one playing w3id.org with the redirect
rules the site writes for it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import httpx
import pytest
from conftest import run_cli
from rdflib import Graph
from servers import free_port

from converter.errors import OutputError
from converter.web.corpus import Corpus
from converter.web.pages import Pages
from converter.web.resolve import Resolver
from converter.web.site import build_site

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "output"
BASE = "https://w3id.org/eprdf"
WORK = "/akn/eu/statement/resolution/europarl/2026-02-24/P10-TA-2026-0056"
EXPRESSION = f"{WORK}/nld@"
APACHE = shutil.which("apache2") or "/usr/sbin/apache2"
MODULES = Path("/usr/lib/apache2/modules")


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    # Apache's worker user must reach the site: a folder of its own, readable by all
    path = Path(tempfile.mkdtemp(prefix="eprdf-site-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def ports() -> tuple[int, int]:
    return free_port(), free_port()


@pytest.fixture(scope="module")
def site(folder: Path, ports: tuple[int, int]) -> Path:
    target = folder / "site"
    build_site(Corpus.open([OUTPUT]), target, f"http://127.0.0.1:{ports[0]}")
    return target


@pytest.fixture(scope="module")
def apache(folder: Path, site: Path, ports: tuple[int, int]) -> Iterator[tuple[str, str]]:
    assert Path(APACHE).exists(), "Apache httpd is missing: run scripts/setup.sh (Debian's apache2)"
    w3id = folder / "w3id" / "eprdf"
    w3id.mkdir(parents=True)
    shutil.copy(site / "w3id.htaccess", w3id / ".htaccess")
    (folder / "w3id").chmod(0o755)
    w3id.chmod(0o755)
    run = folder / "run"
    run.mkdir()
    modules = "\n".join(f"LoadModule {name}_module {MODULES}/mod_{name}.so"
                        for name in ("mpm_event", "authz_core", "dir", "mime", "rewrite", "headers"))
    user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
    config = run / "httpd.conf"
    config.write_text(f"""ServerRoot {run}
ServerName 127.0.0.1
{modules}
{user}Listen 127.0.0.1:{ports[0]}
Listen 127.0.0.1:{ports[1]}
PidFile {run}/httpd.pid
ErrorLog {run}/error.log
LogLevel warn
TypesConfig /etc/mime.types
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<VirtualHost 127.0.0.1:{ports[0]}>
  DocumentRoot {site}
  <Directory {site}>
    AllowOverride All
    Require all granted
  </Directory>
</VirtualHost>
<VirtualHost 127.0.0.1:{ports[1]}>
  DocumentRoot {folder / 'w3id'}
  <Directory {folder / 'w3id'}>
    AllowOverride All
    Require all granted
  </Directory>
</VirtualHost>
""")
    process = subprocess.Popen([APACHE, "-f", str(config), "-DFOREGROUND"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{ports[0]}/index.html", timeout=1)
            break
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                log = (run / "error.log").read_text() if (run / "error.log").exists() else ""
                raise AssertionError(f"Apache did not start: {process.stdout.read().decode()} {log}") from None
            time.sleep(0.1)
    yield f"http://127.0.0.1:{ports[0]}", f"http://127.0.0.1:{ports[1]}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    corpus = Corpus.open([OUTPUT])
    return Resolver(corpus, Pages(corpus, live=False))


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@pytest.mark.parametrize("path", [WORK, EXPRESSION, f"{EXPRESSION}/!main~para_1", f"{WORK}/!main~para_1",
                                  "/actor/country/RUS", "/verb/urges", "/ontology", "/shapes"])
@pytest.mark.parametrize(("accept", "extension"), [
    ("text/turtle", "ttl"), ("application/ld+json", "jsonld"), ("application/n-triples", "nt"),
    ("application/rdf+xml", "rdf"), ("text/html", "html"), (BROWSER, "html"), ("*/*", "html"), (None, "html")])
def test_apache_applying_the_htaccess_negotiates_as_the_server_does(
        apache: tuple[str, str], resolver: Resolver, path: str, accept: str | None, extension: str) -> None:
    site, _ = apache
    headers = {"Accept": accept} if accept else {}
    response = httpx.get(site + path, headers=headers, follow_redirects=False)
    assert response.status_code == 303, response.text[:300]
    assert response.headers["location"].endswith(f"{path}.{extension}")
    assert "Accept" in response.headers["vary"]
    served = resolver.get(path, accept)
    assert served.status == 303 and served.headers["Location"] == f"{path}.{extension}"
    file = httpx.get(response.headers["location"] if "://" in response.headers["location"]
                     else site + response.headers["location"])
    assert file.status_code == 200
    expected = resolver.get(f"{path}.{extension}")
    assert file.content == expected.body
    assert file.headers["content-type"].split(";")[0] == expected.media_type.split(";")[0]


def test_an_expression_offers_its_akoma_ntoso_file_and_format_parameters_work(apache: tuple[str, str]) -> None:
    site, _ = apache
    response = httpx.get(site + EXPRESSION, headers={"Accept": "application/akn+xml"})
    assert response.status_code == 303 and response.headers["location"].endswith(f"{EXPRESSION}.akn")
    akn = httpx.get(site + EXPRESSION + ".akn")
    assert akn.headers["content-type"] == "application/akn+xml"
    assert akn.content == (OUTPUT / "000_50d7cb4445c31f01.akn.xml").read_bytes()
    for extension in ("ttl", "nt", "jsonld", "rdf", "html"):
        answer = httpx.get(site + "/actor/country/RUS", params={"format": extension})
        assert answer.status_code == 303 and answer.headers["location"].endswith(f"/actor/country/RUS.{extension}")


def test_every_iri_of_the_graph_has_its_files(site: Path) -> None:
    graph = Graph().parse(OUTPUT / "000_50d7cb4445c31f01.ttl")
    named = {str(t) for triple in graph for t in triple if str(t).startswith(BASE + "/") and "#" not in str(t)}
    manifestations = {f"{BASE}{EXPRESSION}.{e}" for e in ("ttl", "jsonld", "nt", "akn")}
    assert len(named) > 1000
    for iri in named - manifestations:
        path = iri[len(BASE):]
        for extension in ("html", "ttl", "jsonld", "nt", "rdf"):
            file = site / f"{path.lstrip('/')}.{extension}"
            assert file.is_file(), file
            assert file.stat().st_mode & 0o777 == 0o644


def test_the_w3id_rules_send_the_persistent_iri_to_the_site_which_negotiates(apache: tuple[str, str]) -> None:
    site, w3id = apache
    first = httpx.get(f"{w3id}/eprdf/actor/country/RUS", headers={"Accept": "text/turtle"})
    assert first.status_code == 303 and first.headers["location"] == f"{site}/actor/country/RUS"
    second = httpx.get(first.headers["location"], headers={"Accept": "text/turtle"})
    assert second.status_code == 303
    data = httpx.get(site + second.headers["location"] if second.headers["location"].startswith("/")
                     else second.headers["location"])
    graph = Graph().parse(data=data.text, format="turtle")
    assert (None, None, None) in graph and len(graph) > 10


def test_sitemap_lists_every_page(site: Path, ports: tuple[int, int]) -> None:
    sitemap = (site / "sitemap.xml").read_text()
    root = f"http://127.0.0.1:{ports[0]}"
    listed = [unquote(loc[len(root):]) for loc in re.findall(r"<loc>(.*?)</loc>", sitemap)]
    pages = {"/" + str(p.relative_to(site)) for p in site.rglob("*.html")} - {"/index.html"} | {"/"}
    assert sorted(listed) == sorted(pages)  # every resource page once, and the home page
    assert f"<loc>{root}/actor/country/RUS.html</loc>" in sitemap


def test_unknown_paths_are_404_and_static_pages_offer_no_live_search(apache: tuple[str, str], site: Path) -> None:
    base, _ = apache
    assert httpx.get(base + "/actor/country/XXX").status_code == 404
    page = (site / "actor" / "country" / "RUS.html").read_text()
    assert 'href="/sparql"' not in page and 'action="/search"' not in page


def test_a_folder_that_is_not_a_site_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep")
    with pytest.raises(OutputError, match="not a site"):
        build_site(Corpus.open([OUTPUT]), tmp_path, "https://example.org")
    assert (tmp_path / "mine.txt").read_text() == "keep"


@pytest.mark.cli
def test_the_site_command_refuses_a_site_url_that_is_not_http(tmp_path: Path) -> None:
    result = run_cli("site", str(OUTPUT), "-o", str(tmp_path / "s"), "--site-url", "example.org")
    assert result.returncode == 2 and "--site-url" in result.stderr and not (tmp_path / "s").exists()
