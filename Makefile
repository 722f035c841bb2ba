# SPDX-License-Identifier: MIT
# Two commands do everything on a fresh Debian 12 machine: `make demo` and `make test`.
.PHONY: all deps build release asan demo test test-unit test-asan bench clean format

JOBS ?= $(shell nproc)
DATABASE ?= metropoli.db

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake --preset dev >/dev/null
	@cmake --build --preset dev -j $(JOBS)

release: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)

# Init a SQLite database, load the bundled La Laguna data and show the metro's figures.
demo: release
	@rm -f $(DATABASE) $(DATABASE)-wal $(DATABASE)-shm
	@build/release/src/cli/metropoli --database $(DATABASE) demo

# Unit, storage (SQLite and a throwaway PostgreSQL), scenario tests; then the unit tests under ASan+UBSan.
test: build asan
	@tests/with-postgres ctest --preset dev -j $(JOBS)
	@tests/with-postgres ctest --preset asan -L unit -j $(JOBS)

bench: release
	@bench/ingest
	@bench/indicators
	@bench/http

format:
	@clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'bench/*.cpp')

clean:
	@rm -rf build
