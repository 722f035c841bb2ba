# SPDX-License-Identifier: MIT
# Two commands do everything on a fresh Debian 12 machine: `make demo` and `make test`.
.PHONY: all deps web build release asan tsan demo test test-unit bench fuzz clean format tidy

JOBS ?= $(shell nproc)
DATABASE ?= metropoli.db

all: build

deps:
	@scripts/install-deps

# The web front end (web/dist), rebuilt when its sources or web/openapi.json (its types) change; `npm ci` first when
# node_modules is missing or older than the lock file.
WEB_SOURCES := $(shell find web/src web/public -type f -not -path 'web/src/generated/*' 2>/dev/null) web/index.html \
	web/package.json web/package-lock.json web/vite.config.ts web/tsconfig.json web/openapi.json

web: deps web/dist/index.html

web/dist/index.html: $(WEB_SOURCES)
	@cd web && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run --silent build

build: deps web
	@cmake --preset dev >/dev/null
	@cmake --build --preset dev -j $(JOBS)

release: deps web
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)

# Only the multi-threaded tests (the server and the ingest) under ThreadSanitizer.
tsan: deps
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan -j $(JOBS)

# Init a SQLite database, load the bundled La Laguna data and show the metro's figures.
demo: release
	@rm -f $(DATABASE) $(DATABASE)-wal $(DATABASE)-shm
	@build/release/src/cli/metropoli --database $(DATABASE) demo

# What CI runs. First what fails fast: clang-format on every file, clang-tidy on the sources that the last
# TIDY_COMMITS (5) commits or uncommitted work changed (`make tidy` checks all of them: ~50 CPU-minutes). Then the
# unit and storage tests (SQLite and a throwaway PostgreSQL) under ASan+UBSan; the scenario and browser tests on the
# dev tree, which builds for them only the CLI and the release generator (`make test-unit` runs the unit tests on the
# dev tree too); the server and ingest tests under ThreadSanitizer (the ingest on both engines; the http suite on
# SQLite, and its real-socket server test on PostgreSQL too: CMakePresets.json's tsan filter).
test: deps web
	@scripts/check-format
	@scripts/tidy --changed --jobs $(JOBS)
	@$(MAKE) --no-print-directory asan
	@tests/with-postgres ctest --preset asan -L unit -j $(JOBS)
	@cmake --preset dev >/dev/null
	@cmake --build --preset dev -j $(JOBS) --target metropoli gen_release
	@tests/with-postgres ctest --preset dev -L scenario -j $(JOBS)
	@$(MAKE) --no-print-directory tsan
	@tests/with-postgres ctest --preset tsan -j $(JOBS)

# The unit and storage tests on the dev tree (SQLite and a throwaway PostgreSQL).
test-unit: build
	@tests/with-postgres ctest --preset dev -L unit -j $(JOBS)

# libFuzzer on the HTTP layer and on each input parser (FUZZ_TARGETS), FUZZ_SECONDS each, one after the other,
# built with clang in build/fuzz (tests/fuzz/README.md).
FUZZ_SECONDS ?= 300
FUZZ_TARGETS ?= http ssa zip municipal feed
fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@status=0; for t in $(FUZZ_TARGETS); do tests/fuzz/run-fuzz build/fuzz/tests/fuzz/$${t}_fuzz $(FUZZ_SECONDS) || status=1; done; exit $$status

bench: release
	@bench/ingest
	@bench/indicators
	@bench/http
	@bench/policy

tidy: build
	@scripts/tidy --all --jobs $(JOBS)

format:
	@clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'bench/*.cpp' 'tests/*.cpp' 'tests/*.hpp')

clean:
	@rm -rf build
