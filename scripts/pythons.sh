#!/usr/bin/env bash
# Runs COMMAND (the full suite) on the development interpreter while the smoke suite
# (tests/smoke/) runs, in parallel, on every other supported Python: the wheel is built
# once, and each interpreter gets a fresh virtual environment holding it.
#
#   scripts/pythons.sh PYTHON -- COMMAND...
#
# PYTHON is the development environment's interpreter; it builds the wheel, so it needs only
# pip and setuptools: COMMAND may install the rest while the smoke suites run (make test). The supported
# versions are the "Programming Language :: Python :: 3.N" classifiers of pyproject.toml,
# so what is declared is what is tested. For each, the first interpreter that runs and
# reports that version is used: pythonX.Y on PATH, then pyenv's versions (newest first),
# then /usr/local/bin and /usr/bin. One that cannot be found is skipped with a warning;
# when CI=true it fails the run.
#
# Every environment installs from requirements/constraints.txt, through a folder of
# wheels per version filled from the package index the first time and reused offline
# after, by every clone of this user (like pip's own cache: wheels are named by their
# version, and the lock names exact versions): $LEXDOCS_WHEELS, by default
# ~/.cache/lexdocs/wheels-X.Y. The smoke suite's pre-commit test builds the hook's
# environment from the same folder (LEXDOCS_WHEELHOUSE). Logs: build/pythons/smoke-X.Y.log.
#
# Nothing is byte-compiled at install, and PYTHONDONTWRITEBYTECODE (set on many CI
# machines) is unset for everything started here: each module a test imports is compiled
# once, when first imported, and kept; compiling every installed module at install cost
# each environment twice its unpacking, for modules most runs never import.
set -euo pipefail
unset PYTHONDONTWRITEBYTECODE
cd "$(dirname "$0")/.."
root=$PWD
[ $# -ge 3 ] && [ "$2" = "--" ] || { echo "usage: $0 PYTHON -- COMMAND..." >&2; exit 2; }
py=$1
shift 2

work=$root/build/pythons
wheelroot=${LEXDOCS_WHEELS:-${XDG_CACHE_HOME:-$HOME/.cache}/lexdocs}
constraints=$root/requirements/constraints.txt
# What a smoke environment holds besides lexdocs; setuptools is what pip builds the hook with.
extras=(pytest pre-commit setuptools)

version_of() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null; }

find_python() {
  local v=$1 c
  for c in "$(command -v "python$v" || true)" \
           $(printf '%s\n' "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$v".*/bin/"python$v" | sort -rV) \
           "/usr/local/bin/python$v" "/usr/bin/python$v"; do
    if [ -n "$c" ] && [ -x "$c" ] && [ "$(version_of "$c")" = "$v" ]; then
      echo "$c"
      return 0
    fi
  done
  return 1
}

# pip for interpreter $1: the development environment's, run for that interpreter (pip
# --python), so a smoke environment needs no pip of its own: ensurepip, unpacking and
# compiling pip into each, cost about 3 CPU-seconds per environment.
pip_for() {
  local vpy=$1
  shift
  "$py" -m pip --python "$vpy" "$@"
}

# The wheels `want` needs on interpreter $1, in folder $2: fetched only if one is missing.
# Other clones may fill the same folder at the same time: one at a time, under a lock.
fill_wheels() {
  local vpy=$1 wheels=$2
  shift 2
  mkdir -p "$wheels"
  (
    flock 9
    if ! pip_for "$vpy" install -q --dry-run --ignore-installed --no-index --find-links \
          "$wheels" -c "$constraints" "$@" >/dev/null 2>&1; then
      # pip wheel, not download: a package published only as a source (feedgen) is built
      # once here, so no environment has to build it again, offline.
      pip_for "$vpy" wheel -q --disable-pip-version-check -w "$wheels" -c "$constraints" "$@"
    fi
    rm -f "$wheels"/lexdocs-*.whl   # the one under test is always the one just built
  ) 9>"$wheels.lock"
}

supported=$(sed -n 's/.*"Programming Language :: Python :: \(3\.[0-9][0-9]*\)".*/\1/p' \
            pyproject.toml)
default=$(version_of "$py")
others=()
missing=()
for v in $supported; do
  [ "$v" = "$default" ] && continue
  if found=$(find_python "$v"); then others+=("$v=$found"); else missing+=("$v"); fi
done
if ! grep -qx "$default" <<<"$supported"; then
  echo "pythons: $py is Python $default, which pyproject.toml does not list as supported" >&2
  exit 1
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "${CI:-}" = true ]; then
    echo "pythons: no interpreter found for supported Python ${missing[*]} (CI=true: every" \
         "supported version must be tested; install it, e.g. with pyenv)" >&2
    exit 1
  fi
  echo "pythons: WARNING: Python ${missing[*]} not found: its smoke suite is skipped" >&2
fi

# The wheel, built once from a copy of what a source distribution holds (the checkout
# stays clean, and no stale build/ folder can slip a removed module into it).
rm -rf "$work/src" "$work/dist"
mkdir -p "$work/src" "$work/dist"
for name in lexdocs pyproject.toml README.md LICENSE; do
  [ -e "$name" ] && cp -R "$name" "$work/src/"
done
find "$work/src" -name __pycache__ -prune -exec rm -rf {} +
"$py" -m pip wheel -q --no-deps --no-build-isolation --no-index -w "$work/dist" "$work/src"
wheel=$(ls "$work"/dist/lexdocs-*.whl)

# Scratch space for all the run makes and throws away (the smoke environments,
# pre-commit's hook environments, every test's temporary folder, Chromium's profile), in
# memory (/dev/shm) where the machine has it, else in TMPDIR; LEXDOCS_SCRATCH names
# another place. Installing a package is mostly making files (mkdocs-material alone is
# 14,000), and on the disk a third of the run's CPU time was the kernel's, most of it
# for the six environments a run installs: a smoke environment's install took 5.3 CPU-s
# there and 2.9 in memory, the full suite 135 and 128. Removed at the end, except the
# tests' temporary folders when the run failed.
scratch_root=${LEXDOCS_SCRATCH:-}
if [ -z "$scratch_root" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then scratch_root=/dev/shm; fi
scratch=$(mktemp -d "${scratch_root:-${TMPDIR:-/tmp}}/lexdocs-test.XXXXXX")
status=0
# shellcheck disable=SC2329  # run by the trap below
finish() {
  local rc=$?
  rm -rf "$scratch"/venv-* "$scratch/pre-commit"
  if [ "$rc" = 0 ]; then
    rm -rf "$scratch"
  else
    echo "pythons: the tests' temporary folders are kept in $scratch/tmp" >&2
  fi
}
trap finish EXIT
export TMPDIR=$scratch/tmp LEXDOCS_PRE_COMMIT_CACHE=$scratch/pre-commit
mkdir -p "$TMPDIR"

smoke() {
  local v=$1 vpy=$2 venv=$scratch/venv-$1 wheels=$wheelroot/wheels-$1
  echo "Python $v: $vpy ($("$vpy" -c 'import sys; print(sys.version.split()[0])'))"
  rm -rf "$venv"
  "$vpy" -m venv --without-pip "$venv"
  fill_wheels "$venv/bin/python" "$wheels" "$wheel" "${extras[@]}"
  pip_for "$venv/bin/python" install -q --no-compile --disable-pip-version-check --no-index \
    --find-links "$wheels" -c "$constraints" "$wheel" "${extras[@]}"
  # Debian's packages, when `make test` installs them meanwhile (scripts/system-deps.sh)
  "$root/scripts/system-deps.sh" --await --quiet
  # Each module in a pytest of its own, side by side: a smoke suite was otherwise one
  # chain, and at its low priority it ended the run last (the hook test is mostly pip
  # building the hook's environment; the workflow steps and the commands each build a site).
  local module name part line="" rc=0 runs=() logs=() summary=()
  for module in tests/smoke/test_*.py; do
    name=$(basename "$module" .py)
    [ "$name" = test_hook ] && [ "$v" != "$hook_at" ] && continue
    logs+=("$work/smoke-$v-$name.log")
    # each in a temporary folder of its own: side by side, pytest's clean-up of old
    # folders in a shared one raced the others' ("Directory not empty")
    LEXDOCS_WHEELHOUSE=$wheels "$venv/bin/python" -m pytest -q -p no:cacheprovider \
      --basetemp="$TMPDIR/smoke-$v-$name" --durations=3 "$module" \
      >"$work/smoke-$v-$name.log" 2>&1 &
    runs+=("$!")
  done
  for i in "${!runs[@]}"; do
    wait "${runs[$i]}" || rc=1
    cat "${logs[$i]}"
    summary+=("$(basename "${logs[$i]}" .log | sed "s/^smoke-$v-test_//"): $(tail -n 1 "${logs[$i]}")")
  done
  for part in "${summary[@]}"; do line+="${line:+; }$part"; done
  echo "$line"
  return $rc
}

# The interpreter that runs the hook test (below): the newest of the others, if any.
hook_at=
if [ ${#others[@]} -gt 0 ]; then hook_at=${others[-1]%%=*}; fi

# The smoke suites run at a lower priority (nice 10): the full suite is the longest
# chain, and on a machine whose cores the run keeps busy, a smoke suite given an equal
# share of them only delayed it (above all the development environment's install,
# which the full suite waits for). LEXDOCS_SMOKE_NICE sets another.
pids=()
for entry in "${others[@]}"; do
  v=${entry%%=*}
  ( renice -n "${LEXDOCS_SMOKE_NICE:-10}" -p "$BASHPID" >/dev/null 2>&1 || true
    smoke "$v" "${entry#*=}" ) >"$work/smoke-$v.log" 2>&1 &
  pids+=("$!")
done

# The default interpreter runs tests/smoke/ inside the full suite. The hook test runs on
# one interpreter: the newest other one, where there is one (LEXDOCS_SMOKE_ELSEWHERE
# names it, and make leaves the test out). It is pre-commit and pip building the hook's
# environment from its repository, ten CPU-seconds of a run that is short of cores, and
# what of it depends on the Python it runs on, every interpreter's suite runs already:
# lexdocs (pure Python, built by setuptools the same on each) installed into a fresh
# environment, and 'lexdocs check' run from it. Alone, it needs the same
# wheels, fetched while COMMAND installs its environment, not before: the fetch waits
# mostly on the network, and it held up the run's longest chain. The hook test waits
# until the file LEXDOCS_WHEELHOUSE_PENDING is gone.
mkdir -p "$wheelroot"
pending=$wheelroot/wheels-$default.pending-$$
fill_pid=
elsewhere=$hook_at
if [ -z "$elsewhere" ]; then
  touch "$pending"
  ( rc=0
    fill_wheels "$py" "$wheelroot/wheels-$default" "$wheel" "${extras[@]}" || rc=$?
    rm -f "$pending"
    exit $rc ) &
  fill_pid=$!
fi
LEXDOCS_WHEELHOUSE=$wheelroot/wheels-$default LEXDOCS_WHEELHOUSE_PENDING=$pending \
  LEXDOCS_SMOKE_ELSEWHERE=$elsewhere LEXDOCS_WHEEL=$wheel "$@" || status=$?
if [ -n "$fill_pid" ]; then wait "$fill_pid" || status=1; fi

for i in "${!pids[@]}"; do
  v=${others[$i]%%=*}
  log=$work/smoke-$v.log
  if wait "${pids[$i]}"; then
    echo "Smoke suite on $(head -n 1 "$log"): $(tail -n 1 "$log")"
  else
    status=1
    echo "Smoke suite on Python $v FAILED (log: $log):" >&2
    tail -n 60 "$log" >&2
  fi
done
exit $status
