#!/usr/bin/env bash
# Makes sure the Chromium that Playwright drives is installed (see tests/playwright.config.ts).
# Playwright's own browser download is not used: this machine can only reach Debian's packages.
set -euo pipefail

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$chromium" ]; then
  exit 0
fi

if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "Chromium not found at CHROMIUM_PATH=$CHROMIUM_PATH: point it at a Chromium executable, or unset it to use /usr/bin/chromium." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium not found: installing Debian's chromium package (about 30 s)..." >&2
  log="$(mktemp)"
  export DEBIAN_FRONTEND=noninteractive
  if { apt-get update -qq && apt-get install -y -qq chromium; } >"$log" 2>&1 && [ -x "$chromium" ]; then
    rm -f "$log"
    exit 0
  fi
  tail -n 20 "$log" >&2
  rm -f "$log"
  echo "Chromium could not be installed with apt-get (see above): install it with \`apt-get install chromium\` or set CHROMIUM_PATH." >&2
  exit 1
fi

echo "Chromium not found: install it with \`sudo apt-get install chromium\` or set CHROMIUM_PATH to a Chromium executable." >&2
exit 1
