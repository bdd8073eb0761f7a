#!/usr/bin/env bash
# Adopts one real policy as a new user would, and says in one line how it went: a clone of
# REPO (a local git repository, e.g. a clone of github/site-policy), `lexdocs import FILE`,
# `lexdocs init`, `lexdocs check` and `mkdocs build --strict` on the import branch.
#
#   scripts/try-import.sh REPO FILE
#   git -C REPO ls-files '*.md' | while read -r f; do scripts/try-import.sh REPO "$f"; done
#
# A line starting "IMPORT" is an import that refused (its one-line reason follows); "OK"
# gives the versions (all, material), the errors `check` found (by rule; requirements-unset,
# which a checkout of lexdocs that is not pushed always raises, left out), whether anything
# printed "unexpected" (a bug), how many marks the built pages show readers as text
# (`shown`: HTML tags, attribute lists and bold marks, which lexdocs publishes as typed; each
# is markup the import could have written as Markdown, or the author's own slip) and the
# build's exit status with its first error lines.
# Nothing is written outside a temporary folder, which is removed. LEXDOCS_BIN names the
# folder of the lexdocs and mkdocs to run (default: this checkout's .venv/bin), so the
# same policies can be tried under another Python, e.g. a venv of 3.13 holding the wheel.
set -u
[ $# -eq 2 ] || { echo "usage: $0 REPO FILE" >&2; exit 2; }
repo=$(cd "$1" && pwd) file=$2
bin=${LEXDOCS_BIN:-$(cd "$(dirname "$0")/.." && pwd)/.venv/bin}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$repo" "$work/r" 2>/dev/null && cd "$work/r" || exit 1
if ! out=$("$bin/lexdocs" import "$file" --as doc 2>&1); then
  echo "IMPORT $file :: $(tail -n 1 <<<"$out")"
  exit 0
fi
git switch -q lexdocs-import/doc
"$bin/lexdocs" init . --name Example >/dev/null 2>&1
sed -i 's|site_url: https://example.org/legal/|site_url: https://policies.example.com/legal/|' mkdocs.yml
git add -A && git -c user.email=try@example.com -c user.name=try commit -qm "lexdocs init"
checked=$("$bin/lexdocs" check 2>&1)
errors=$(grep " error \[" <<<"$checked" | grep -v requirements-unset \
         | sed 's/.*error \[\([a-z-]*\)\].*/\1/' | sort | uniq -c | xargs)
built=$("$bin/mkdocs" build --strict 2>&1); rc=$?
counts=$("$bin/lexdocs" versions doc --format json 2>/dev/null | "$bin/python" -c \
  "import json,sys; v=json.load(sys.stdin)['documents']['doc']['versions']; \
print(len(v), sum(1 for x in v if x.get('material')))" 2>/dev/null)
shown=0
if [ -d site ]; then
  shown=$(grep -rhoE '&lt;/?[a-zA-Z][a-zA-Z0-9]*|\{:[^}]{0,80}\}|\*\*' site --include=index.html \
          | wc -l)
fi
echo "OK $file :: versions=${counts:-none} errors=[$errors]" \
     "unexpected=$(grep -ci 'unexpected\|traceback' <<<"$checked$built")" "shown=$shown" \
     "build=$rc $( [ $rc -ne 0 ] && grep -i error <<<"$built" | head -n 2 | tr '\n' ' ')"
