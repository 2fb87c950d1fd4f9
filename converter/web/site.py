"""A static site for any web host: every page and representation the web server gives, one file
per IRI and format, with an ``.htaccess`` that does the content negotiation and the 303s, the
redirect rules that register the persistent base at w3id.org, and ``sitemap.xml``.

The files are taken from the web application itself, so the site and the server cannot differ."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pyoxigraph as ox

from ..errors import OutputError
from .corpus import Corpus, shipped
from .describe import INTERNAL
from .negotiation import AKN, HTML, RDF_REPRESENTATIONS, Representation
from .pages import Pages
from .resolve import DUMP, SHIPPED, Resolver, dump, href

MARKER = ".eprdf-site"
SITEMAP_LIMIT = 50_000  # URLs in one sitemap file (sitemaps.org)


def build_site(corpus: Corpus, site: Path, site_url: str) -> int:
    """Write the site for ``corpus`` into ``site`` (replacing a site written there before; nothing
    is in place until all of it is written) and return the number of files."""
    if site.exists() and any(site.iterdir()) and not (site / MARKER).exists():
        raise OutputError(str(site), "is a folder that is not a site written by 'eprdf site'",
                          expected="an empty or new folder, or one 'eprdf site' wrote")
    pages = Pages(corpus, live=False)
    resolver = Resolver(corpus, pages)
    shown: list[str] = []
    count = 0
    site.parent.mkdir(parents=True, exist_ok=True)
    # Written in a fresh folder beside the site and renamed into place when whole.
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.", dir=site.parent))
    try:
        for path, offered in _resources(corpus, resolver.dataset()):
            for representation in offered:
                reply = resolver.representation(path, representation)
                if reply.status != 200:
                    raise OutputError(f"{path}.{representation.extension}",
                                      f"the representation could not be made (HTTP {reply.status})")
                _write(staging / f"{path}.{representation.extension}".lstrip("/"), reply.body)
                count += 1
            shown.append(href(path, HTML))
        extra = {"index.html": pages.home().encode(), "context.jsonld": shipped("context.jsonld").read_bytes(),
                 DUMP.lstrip("/"): b"".join(dump(corpus)),
                 ".htaccess": htaccess(corpus.base).encode(),
                 "w3id.htaccess": w3id_rules(corpus.base, site_url).encode(),
                 MARKER: b"written by eprdf site; replaced whole by the next run\n",
                 **sitemaps(site_url, ["/", *sorted(shown)])}
        for name, data in extra.items():
            _write(staging / name, data)
        os.chmod(staging, 0o755)
        if site.exists():
            shutil.rmtree(site)
        staging.rename(site)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count + len(extra)


def _resources(corpus: Corpus, dataset: ox.Store) -> Iterator[tuple[str, tuple[Representation, ...]]]:
    """Every IRI path under the base the store and the dataset's description name, with its
    representations; hash IRIs are in their document, a manifestation IRI is its expression's file,
    the base itself is the home page and the dump a file of its own."""
    named: set[str] = set()
    for store in (corpus.oxigraph, dataset):
        for quad in store.quads_for_pattern(None, None, None):
            if quad.graph_name in INTERNAL:
                continue
            for term in (quad.subject, quad.object):
                if isinstance(term, ox.NamedNode) and "#" not in term.value:
                    path = corpus.path(term.value)
                    if path is not None and path not in ("/", DUMP):
                        named.add(path)
    manifestations = {f"{e}.{r.extension}" for e in corpus.files for r in (*RDF_REPRESENTATIONS, AKN)}
    for path in sorted(named - manifestations - set(SHIPPED)):
        yield path, ((HTML, *RDF_REPRESENTATIONS, AKN) if path in corpus.files else (HTML, *RDF_REPRESENTATIONS))
    for path in SHIPPED:
        yield path, (HTML, *RDF_REPRESENTATIONS)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def htaccess(base: str) -> str:
    """Apache rules (mod_rewrite, mod_headers, mod_mime) that answer as the web server does: the
    files as they are, and an abstract IRI with 303 to the format asked for by ``?format=`` or the
    ``Accept`` header (HTML for a browser and for anything unlisted)."""
    types = "\n".join(f"AddType {r.media_type} .{r.extension}" for r in (*RDF_REPRESENTATIONS, AKN))
    accept = "\n\n".join(
        f"RewriteCond %{{REQUEST_FILENAME}}.{r.extension} -f\n"
        f"RewriteCond %{{HTTP_ACCEPT}} !text/html\n"
        f"RewriteCond %{{HTTP_ACCEPT}} {'|'.join(_escaped(m) for m in (r.media_type, *r.aliases))}\n"
        f"RewriteRule ^ %{{REQUEST_URI}}.{r.extension} [R=303,L]"
        for r in (*RDF_REPRESENTATIONS, AKN))
    extensions = "|".join(r.extension for r in (HTML, *RDF_REPRESENTATIONS, AKN))
    return f"""# Content negotiation for the linked data published under {base}/ (written by eprdf site).
Options -MultiViews -Indexes
AddDefaultCharset utf-8
{types}
AddType "text/html; charset=utf-8" .html
DirectoryIndex index.html
Header always merge Vary Accept
Header always set Access-Control-Allow-Origin "*"

RewriteEngine On

# The files themselves (representations, pages, the sitemap): as they are.
RewriteCond %{{REQUEST_FILENAME}} -f
RewriteRule ^ - [L]

# ?format=ttl and the like: 303 to that file.
RewriteCond %{{QUERY_STRING}} (^|&)format=({extensions})(&|$)
RewriteCond %{{REQUEST_FILENAME}}.%2 -f
RewriteRule ^ %{{REQUEST_URI}}.%2? [R=303,L]

# An RDF format or Akoma Ntoso named in Accept (and not HTML): 303 to that file.
{accept}

# Anything else that has a page: 303 to it.
RewriteCond %{{REQUEST_FILENAME}}.html -f
RewriteRule ^ %{{REQUEST_URI}}.html [R=303,L]
"""


def _escaped(media_type: str) -> str:
    return media_type.replace("+", r"\+").replace(".", r"\.")


def w3id_rules(base: str, site_url: str) -> str:
    """The ``.htaccess`` to register at github.com/perma-id/w3id.org for the base's folder: every
    IRI under the base to the same path on the site, keeping the request's Accept header."""
    return f"""# Register in the w3id.org repository as {base.removeprefix('https://w3id.org/')}/.htaccess
# (written by eprdf site): {base}/PATH redirects to {site_url.rstrip('/')}/PATH, where the
# site's own .htaccess negotiates the format.
Options +FollowSymLinks
RewriteEngine on
RewriteRule ^(.*)$ {site_url.rstrip('/')}/$1 [R=303,L]
"""


def sitemaps(site_url: str, paths: list[str]) -> dict[str, bytes]:
    """``sitemap.xml`` for the pages (an index of numbered sitemaps beyond 50,000)."""
    root = site_url.rstrip("/")

    def urlset(chunk: list[str]) -> bytes:
        urls = "".join(f"<url><loc>{escape(root + p)}</loc></url>\n" for p in chunk)
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                f"{urls}</urlset>\n").encode()

    if len(paths) <= SITEMAP_LIMIT:
        return {"sitemap.xml": urlset(paths)}
    files = {f"sitemap-{i + 1}.xml": urlset(paths[start:start + SITEMAP_LIMIT])
             for i, start in enumerate(range(0, len(paths), SITEMAP_LIMIT))}
    entries = "".join(f"<sitemap><loc>{escape(root)}/{name}</loc></sitemap>\n" for name in files)
    files["sitemap.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/'
                            f'schemas/sitemap/0.9">\n{entries}</sitemapindex>\n').encode()
    return files
