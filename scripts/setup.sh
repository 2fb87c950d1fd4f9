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
# wrk, the load generator benchmarks/serve_load.py drives the web server with
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "setup: wrk not found; install Debian's wrk for the web server's load test" >&2
  fi
fi
