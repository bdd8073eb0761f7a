#!/usr/bin/env bash
# Installs the Debian packages lexdocs needs, only those missing, so `make site` and
# `make test` work on a fresh Debian machine.
#   system-deps.sh build   pango and fonts, for WeasyPrint's PDFs
#   system-deps.sh test    the above, plus Debian's chromium for the browser tests and
#                          poppler-utils (pdftoppm), which draws a PDF's first page for `make screenshots`
#   system-deps.sh MODE --background FILE
#                          the same, started in the background: what it says goes to FILE.log,
#                          its exit status to FILE.rc when it ends
#   system-deps.sh --await [--quiet]
#                          waits for the one started in the background (FILE is read from
#                          LEXDOCS_SYSTEM_DEPS; unset, nothing to wait for), shows what it
#                          said (--quiet: only if it failed), and ends as it did
# `make test` installs them in the background: on a fresh machine apt took about as long
# as Python's environments, which had waited for it, and nothing but the tests needs them.
# Chromium comes from Debian, never from a browser download: the tests drive
# /usr/bin/chromium through Playwright. Fonts come from Debian too: neither the
# site nor its PDFs fetch a font from another host.
set -euo pipefail

usage="usage: $0 [build|test] [--background FILE] | --await [--quiet]"
mode="${1:-build}"
case "$mode" in
  build|test) ;;
  --await)
    out=${LEXDOCS_SYSTEM_DEPS:-}
    [ -n "$out" ] || exit 0
    deadline=$((SECONDS + 1800))
    until [ -e "$out.rc" ]; do
      if [ $SECONDS -ge $deadline ]; then
        echo "system-deps: still installing after 30 minutes (see $out.log)" >&2
        exit 1
      fi
      sleep 0.2
    done
    rc=$(cat "$out.rc")
    if [ "$rc" != 0 ]; then
      cat "$out.log" >&2
      exit "$rc"
    fi
    [ "${2:-}" = --quiet ] || cat "$out.log"
    exit 0 ;;
  *) echo "$usage" >&2; exit 2 ;;
esac

if [ "${2:-}" = --background ]; then
  [ -n "${3:-}" ] || { echo "$usage" >&2; exit 2; }
  out=$3
  mkdir -p "$(dirname "$out")"
  rm -f "$out.rc" "$out.log"
  ( rc=0
    "$0" "$mode" >"$out.log" 2>&1 </dev/null || rc=$?
    echo "$rc" >"$out.rc.part" && mv "$out.rc.part" "$out.rc" ) &
  exit 0
fi

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
