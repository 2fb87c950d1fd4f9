#!/usr/bin/env bash
# Install the project, its test tools and the cluster extra (Dask, which tests/test_cluster.py
# runs) into .venv; and, when this machine allows apt-get, the Debian programs the tests run:
# raptor2-utils (rapper, the independent Turtle check), apache2 (serves the static site with its
# generated .htaccess), a Java runtime (the W3C Nu Html Checker), chromium (the browser test),
# Virtuoso 7 and nginx (the servers tests/test_publish.py publishes to); and wrk, the load
# generator of benchmarks/serve_load.py.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test,cluster]'

# Debian package → a program it provides.
declare -A PROGRAMS=([raptor2-utils]=rapper [apache2]=/usr/sbin/apache2 [default-jre-headless]=java
                   [chromium]=/usr/bin/chromium [virtuoso-opensource]=virtuoso-t [nginx-light]=/usr/sbin/nginx
                   [wrk]=wrk)
missing=()
for package in "${!PROGRAMS[@]}"; do
  command -v "${PROGRAMS[$package]}" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    # The tests start the servers they need on free ports of their own; the packages' services must
    # neither start now nor at boot (they would hold ports 80, 1111 and 8890): a policy-rc.d refuses
    # every start during the install, and the services are disabled after it.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
      trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    # Virtuoso's own database is never used, so its dba password is preseeded empty.
    printf 'virtuoso-opensource-7 virtuoso-opensource-7/dba-password password\nvirtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password\n' \
      | debconf-set-selections
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    for service in apache2 virtuoso-opensource-7 nginx; do
      update-rc.d "$service" disable >/dev/null 2>&1 || true
      if [ -d /run/systemd/system ]; then systemctl disable --now "$service" >/dev/null 2>&1 || true; fi
    done
  else
    echo "setup: missing Debian packages ${missing[*]}; install them for the tests that use them" >&2
  fi
fi
