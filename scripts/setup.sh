#!/usr/bin/env bash
# Install the project, its test tools and the cluster extra (Dask, which tests/test_cluster.py
# runs) into .venv; and, when this machine allows apt-get, the Debian programs the tests run:
# raptor2-utils (rapper, the independent Turtle check), apache2 (serves the static site with
# its generated .htaccess) and a Java runtime (the W3C Nu Html Checker the HTML tests run).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test,cluster]'

# Debian package → a program it provides.
declare -A PROGRAMS=([raptor2-utils]=rapper [apache2]=/usr/sbin/apache2 [default-jre-headless]=java)
missing=()
for package in "${!PROGRAMS[@]}"; do
  command -v "${PROGRAMS[$package]}" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    # the tests start the servers they need on ports of their own; the packages must not start theirs
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
      trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian packages ${missing[*]}; install them for the tests that use them" >&2
  fi
fi
