"""Real triple stores for the tests, each started on free ports in a folder of its own and stopped
at the end: Oxigraph's server (the ``oxigraph`` package of PyPI) and Virtuoso 7 (Debian's
``virtuoso-opensource``, which scripts/setup.sh installs)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sysconfig
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from servers import free_port, running

# Virtuoso's own administrator: the Debian package's database starts with this password, and the
# tests' databases are made afresh.
VIRTUOSO_USER = "dba"
VIRTUOSO_PASSWORD = "dba"


@dataclass(frozen=True)
class Server:
    name: str
    store: str  # the Graph Store Protocol endpoint
    query_url: str  # the SPARQL 1.1 Protocol query endpoint
    user: str | None = None
    password: str | None = None
    sql_port: int | None = None  # Virtuoso's SQL port, for isql-vt

    def sql(self, statement: str) -> None:
        """Run SQL statements as Virtuoso's administrator (isql-vt)."""
        assert self.sql_port is not None and self.user is not None and self.password is not None
        result = subprocess.run([_binary("isql-vt", "Debian's virtuoso-opensource"), str(self.sql_port), self.user,
                                 self.password, f"exec={statement}"], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0 and "Error" not in result.stdout + result.stderr, result.stdout + result.stderr

    def as_user(self, user: str, password: str) -> Server:
        return replace(self, user=user, password=password)

    def query(self, sparql: str, accept: str) -> bytes:
        response = httpx.post(self.query_url, data={"query": sparql}, headers={"Accept": accept}, timeout=120)
        assert response.status_code == 200, f"{self.name} answered {response.status_code}: {response.text[:500]}"
        return response.content

    def graph(self, name: str) -> set[ox.Triple]:
        """The triples of a named graph, as the server returns them (N-Triples, parsed exactly)."""
        body = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}",
                          "application/n-triples")
        return {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}

    def select(self, sparql: str) -> list[dict[str, str]]:
        answer = json.loads(self.query(sparql, "application/sparql-results+json"))
        return [{k: v["value"] for k, v in row.items()} for row in answer["results"]["bindings"]]

    def graphs(self) -> set[str]:
        return {row["g"] for row in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}

    def count(self, name: str) -> int:
        return int(self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")[0]["n"])

    def counts(self) -> dict[str, int]:
        """How many triples each named graph holds."""
        return {row["g"]: int(row["n"]) for row in self.select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}


def _binary(name: str, where: str) -> str:
    found = shutil.which(name, path=sysconfig.get_path("scripts")) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed ({where}); run scripts/setup.sh")
    return found


@contextmanager
def oxigraph(folder: Path) -> Iterator[Server]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [_binary("oxigraph", "the test extra's oxigraph package"), "serve", "--location", str(folder / "data"),
               "--bind", f"127.0.0.1:{port}"]
    with running(command, f"{base}/query?query=ASK%7B%7D", folder / "server.log"):
        yield Server("oxigraph", f"{base}/store", f"{base}/query")


VIRTUOSO_INI = """[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerThreads = 10

[SPARQL]
; the registry's graph has 12,664 triples; Debian's configuration returns at most 10,000 rows
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@contextmanager
def virtuoso(folder: Path) -> Iterator[Server]:
    sql, http = free_port(), free_port()
    config = folder / "virtuoso.ini"
    config.write_text(VIRTUOSO_INI.format(folder=folder, sql=sql, http=http))
    base = f"http://127.0.0.1:{http}"
    command = [_binary("virtuoso-t", "Debian's virtuoso-opensource"), "+foreground", "+configfile", str(config)]
    with running(command, f"{base}/sparql?query=ASK%7B%7D", folder / "server.log"):
        yield Server("virtuoso", f"{base}/sparql-graph-crud-auth", f"{base}/sparql", VIRTUOSO_USER,
                     VIRTUOSO_PASSWORD, sql)


PROXY_USER = "publisher"
PROXY_PASSWORD = "correct horse battery staple"
NGINX_CONF = """user root;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  fastcgi_temp_path {folder}/fastcgi;
  uwsgi_temp_path {folder}/uwsgi;
  scgi_temp_path {folder}/scgi;
  client_max_body_size 0;
  server {{
    listen 127.0.0.1:{port};
    location = /moved {{ return 308 http://$http_host/store$is_args$args; }}
    location / {{
      auth_basic "eprdf";
      auth_basic_user_file {folder}/users;
      proxy_pass http://{upstream};
    }}
  }}
}}
"""


@contextmanager
def basic_auth_proxy(folder: Path, upstream: Server) -> Iterator[Server]:
    """nginx in front of a server that has no authentication of its own, asking for HTTP Basic
    credentials as a site publishing Oxigraph's server would."""
    port = free_port()
    (folder / "users").write_text(f"{PROXY_USER}:{{PLAIN}}{PROXY_PASSWORD}\n")
    config = folder / "nginx.conf"
    config.write_text(NGINX_CONF.format(folder=folder, port=port, upstream=httpx.URL(upstream.store).netloc.decode()))
    base = f"http://127.0.0.1:{port}"
    command = [_binary("nginx", "Debian's nginx-light"), "-p", str(folder), "-c", str(config)]
    with running(command, f"{base}/", folder / "server.log"):
        yield Server("nginx", f"{base}{httpx.URL(upstream.store).path}", upstream.query_url, PROXY_USER,
                     PROXY_PASSWORD)
