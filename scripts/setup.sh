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
# Virtuoso 7 and nginx for tests/test_publish.py, which starts its own servers on free ports. The
# packages' own services must neither start now nor at boot (they would hold ports 1111, 8890 and
# 80): a policy-rc.d refuses every start during the install, and the services are disabled. Their
# own databases and sites are never used, so the dba password is preseeded empty.
if ! command -v virtuoso-t >/dev/null 2>&1 || ! command -v nginx >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    policy=/usr/sbin/policy-rc.d
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy"
      trap 'rm -f "$policy"' EXIT
    fi
    printf 'virtuoso-opensource-7 virtuoso-opensource-7/dba-password password\nvirtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password\n' \
      | debconf-set-selections
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource nginx-light >/dev/null
    for service in virtuoso-opensource-7 nginx; do
      update-rc.d "$service" disable >/dev/null 2>&1 || true
      if [ -d /run/systemd/system ]; then systemctl disable --now "$service" >/dev/null 2>&1 || true; fi
    done
  else
    echo "setup: virtuoso-t or nginx not found; install Debian's virtuoso-opensource and nginx-light for the publish tests" >&2
  fi
fi
