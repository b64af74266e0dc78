#!/usr/bin/env bash
# Install Debian's Chromium for the real-browser test suite (tests/browser/), only if it is missing.
#
# Idempotent: does nothing when /usr/bin/chromium exists. Never runs `playwright install` (that downloads
# browsers from a CDN, which is blocked here); the tests launch /usr/bin/chromium through Playwright.
# Works non-interactively (CI=true), as root or through sudo.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "install-browser: $CHROMIUM already present ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown')); nothing to do"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo -n"
else
    echo "install-browser: $CHROMIUM is missing and this user is not root (no sudo)." >&2
    echo "install-browser: as root run: apt-get update && apt-get install -y --no-install-recommends chromium" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: apt-get not found; install Chromium so that $CHROMIUM exists, then re-run." >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-browser: $CHROMIUM missing; running apt-get update"
$SUDO apt-get update -q
echo "install-browser: installing chromium (apt-get install -y --no-install-recommends chromium)"
$SUDO apt-get install -y -q --no-install-recommends chromium

if [ ! -x "$CHROMIUM" ]; then
    echo "install-browser: apt-get finished but $CHROMIUM still does not exist" >&2
    exit 1
fi
echo "install-browser: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
