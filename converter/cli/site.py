"""``eprdf site``: the converted documents as a static site for any web host (see README, Publishing)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ConverterError, UsageError
from ..vocab import DEFAULT_BASE


@click.command()
@click.argument("outputs", nargs=-1, type=click.Path(path_type=Path, file_okay=False))
@click.option("-o", "--out", "site", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="The site folder (replaced whole when it holds a site written before).")
@click.option("--site-url", required=True, metavar="URL",
              help="Where the site will be served (for sitemap.xml and the w3id.org redirect rules).")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="The base the IRIs were minted under.")
def site(outputs: tuple[Path, ...], site: Path, site_url: str, base: str) -> None:
    """Write a static site of the documents of OUTPUT folders (default: output/): every IRI's
    page and RDF, an .htaccess that negotiates the format with 303s, w3id.htaccess, sitemap.xml."""
    from ..web.corpus import Corpus
    from ..web.site import build_site

    try:
        if not site_url.startswith(("http://", "https://")):
            raise UsageError("--site-url", f"{site_url!r} is not an http(s) URL")
        count = build_site(Corpus.open(list(outputs) or [Path("output")], None, base), site, site_url)
    except ConverterError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(int(error.exit_code))
    click.echo(f"wrote {count:,} files to {site}", err=True)
