# `make site` and `make test` do all the set-up a fresh Debian machine needs.
PY      ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
TSTAMP  := $(VENV)/.installed-test
BOOT    := $(VENV)/.installed-boot

# Every environment installs the exact set the tests ran with (pyproject.toml declares ranges),
# byte-compiled at install: with PYTHONDONTWRITEBYTECODE set (as here, and in many CI images)
# nothing is compiled later, so every process would compile all it imports again. The test
# environment is the exception: what make runs has PYTHONDONTWRITEBYTECODE unset (as has
# scripts/pythons.sh), so each module the tests import is compiled once, when first
# imported, and most of what .[test] installs (the engines, the linters' own sources,
# playwright, fonttools' many tables) is never compiled at all.
unexport PYTHONDONTWRITEBYTECODE
LOCK    := requirements/constraints.txt
PIPI    := $(BIN)/python -m pip install -q -c $(LOCK)

.PHONY: site serve check test suite lock browser screenshots bench install system-deps clean

# Through lexdocs, not MkDocs alone: a committed mkdocs.yml is untrusted like every file
# (a pull request's branch, checked out to look at), and MkDocs' loader runs the Python
# it names before any plugin can stop it; `lexdocs build` and `serve` judge it first.
site: install
	$(BIN)/lexdocs build --strict

serve: install
	$(BIN)/lexdocs serve

install: $(STAMP) system-deps

system-deps:
	@scripts/system-deps.sh build

# The editable install builds with the environment's own locked setuptools (no isolated
# build environment to install it into first, which took two seconds of every install).
$(STAMP): $(BOOT) pyproject.toml $(LOCK)
	$(PIPI) --no-build-isolation -e .
	touch $@

# The environment with pip and the locked setuptools only: what builds lexdocs, here and
# the wheel the smoke suites install, so scripts/pythons.sh can start them before the
# rest is installed.
$(BOOT): $(LOCK)
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(PIPI) --no-compile setuptools
	touch $@

# One resolve and one editable build for a fresh test environment, not two (.[test]
# holds everything `.` does, so it stands for the site's environment too).
$(TSTAMP): $(BOOT) pyproject.toml $(LOCK)
	$(PIPI) --no-compile --no-build-isolation -e '.[test]'
	touch $(STAMP) $@

# The full suite on this interpreter; meanwhile the smoke suite on every other supported one
# (scripts/pythons.sh). tests/smoke/test_commands.py is left to those: on this interpreter
# the full suite runs every command already; so is the hook test, where another interpreter
# runs it (scripts/pythons.sh names it in LEXDOCS_SMOKE_ELSEWHERE). The smoke
# suites start first: they install while this environment installs (`suite` needs $(TSTAMP)),
# so a fresh machine's two longest single-core steps share its cores.
# Debian's packages (chromium, pango, fonts) install in the background meanwhile: only the
# tests need them, and each suite waits for them before its first test. On a fresh machine
# apt's download and unpacking had come before everything else, one step after another.
DEPS    := build/system-deps

test:
	@scripts/system-deps.sh test --background $(DEPS)
	@$(MAKE) --no-print-directory $(BOOT)
	@LEXDOCS_SYSTEM_DEPS=$(CURDIR)/$(DEPS) \
	  scripts/pythons.sh $(BIN)/python -- $(MAKE) --no-print-directory suite

# One worker per core. Alone, a third worker on two cores kept the git, MkDocs and
# chromium processes busier (135 -> 120 s); but `make test` runs the smoke suites of the
# other Pythons beside it, and there a third worker only fought them for the cores: a
# fresh clone's run took 3 m 15-17 s with three workers, 3 m 04-08 s with two.
WORKERS ?= $(shell nproc 2>/dev/null || echo 1)

# mypy checks types while the tests run (its 4 CPU-s came before every test started);
# its report follows theirs, and either failing fails the suite.
suite: $(TSTAMP)
	$(BIN)/ruff check lexdocs hooks tests benchmarks
	@scripts/system-deps.sh --await
	@mkdir -p build
	@$(BIN)/mypy >build/mypy.log 2>&1 & types=$$!; \
	$(BIN)/pytest -q -n $(WORKERS) --dist loadscope --no-loadscope-reorder \
	  --ignore=tests/smoke/test_commands.py \
	  $(if $(LEXDOCS_SMOKE_ELSEWHERE),--ignore=tests/smoke/test_hook.py); tests=$$?; \
	wait $$types; typed=$$?; cat build/mypy.log; \
	[ $$tests -eq 0 ] && [ $$typed -eq 0 ]

# Refresh the lock: the newest releases pyproject.toml's ranges allow, in a fresh environment.
# Run `make test` before committing the result.
lock:
	rm -rf build/lock && $(PY) -m venv build/lock
	build/lock/bin/python -m pip install -q --upgrade pip
	build/lock/bin/python -m pip install -q '.[test,engines,bench]'
	{ sed -n '/^#/p' $(LOCK); build/lock/bin/python -m pip freeze --all --exclude-editable \
	  | grep -v -e '^lexdocs' -e '^pip=='; } > $(LOCK).new
	mv $(LOCK).new $(LOCK)

check: install
	$(BIN)/lexdocs check --readability

browser: $(TSTAMP)
	@scripts/system-deps.sh test
	$(BIN)/pytest -q -n auto --dist loadscope -m browser

# Every page type at 1280 px and 375 px, and a PDF's first page, as PNGs in
# artifacts/screenshots/ (gitignored), for a person to look at.
screenshots: $(TSTAMP)
	@scripts/system-deps.sh test
	LEXDOCS_SCREENSHOTS=1 $(BIN)/pytest -q -p no:xdist -m browser tests/browser/test_screenshots.py \
	  tests/browser/test_pages.py tests/browser/test_layout.py

BSTAMP  := $(VENV)/.installed-bench

$(BSTAMP): $(TSTAMP) pyproject.toml $(LOCK)
	$(PIPI) --no-build-isolation -e '.[test,bench]'
	touch $@

# LEXDOCS_BENCH_SIZES=100,1000,5000 adds the long history; LEXDOCS_BENCH_RUNS sets the runs.
bench: $(BSTAMP)
	@scripts/system-deps.sh build
	-$(BIN)/python benchmarks/bench_redline.py  # a missed limit is printed; the builds are still measured
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site .cache .pytest_cache .mypy_cache .ruff_cache build
