#!/usr/bin/env bash
# Installs the Debian packages lexdocs needs, only those missing, so `make site` and
# `make test` work on a fresh Debian machine.
#   system-deps.sh build   pango and fonts, for WeasyPrint's PDFs
#   system-deps.sh test    the above, plus Debian's chromium for the browser tests and
#                          poppler-utils (pdftoppm), which draws a PDF's first page for `make screenshots`
# Chromium comes from Debian, never from a browser download: the tests drive
# /usr/bin/chromium through Playwright. Fonts come from Debian too: neither the
# site nor its PDFs fetch a font from another host.
set -euo pipefail

mode="${1:-build}"
case "$mode" in
  build|test) ;;
  *) echo "usage: $0 [build|test]" >&2; exit 2 ;;
esac

build=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation)
test=(chromium poppler-utils)
want=("${build[@]}")
[ "$mode" = test ] && want+=("${test[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "lexdocs needs these Debian packages: ${missing[*]}" >&2
    echo "this machine has no apt-get; install their equivalents by hand" >&2
    [ "$mode" = test ] && echo "(without chromium the browser tests skip, and fail when CI=true)" >&2
    exit 1
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "lexdocs needs these Debian packages: ${missing[*]}" >&2
    echo "install them as root:  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    echo "or run:                sudo $0 $mode" >&2
    exit 1
  fi
  echo "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  if ! { apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"; } \
      >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "apt-get could not install: ${missing[*]} (see the lines above)" >&2
    exit 1
  fi
fi

if [ "$mode" = test ]; then
  # A package can be installed yet unusable (a transitional snap stub, missing libraries).
  if ! out=$(/usr/bin/chromium --headless --no-sandbox --disable-gpu --version 2>&1); then
    echo "/usr/bin/chromium is installed but does not run:" >&2
    echo "$out" >&2
    exit 1
  fi
fi
