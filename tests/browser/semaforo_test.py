#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Browser scenario of the declared and computed semáforo page (issue 13, item 6): a fresh SQLite database with
the demo's data (`metropoli demo --no-serve`: init, which loads the declared colours, and the official municipal
series), `metropoli serve` with web/dist, and tests/browser/semaforo_pages.mjs driving Debian's chromium: a week
where a computed colour differs from the declared one is explained as the API explains it, Durango's own red,
Coahuila's compilations disagreeing, the links from the dashboard's colour and the homologation page, a bad week.

Usage: semaforo_test.py METROPOLI_BINARY [SCREENSHOT_DIR]

SCREENSHOT_DIR defaults to <build dir>/test-artifacts/browser (semaforo-*.png).
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_test as harness  # noqa: E402  (prerequisites, server start and stop)

ROOT = harness.ROOT
PAGES_MJS = os.path.join(ROOT, "tests", "browser", "semaforo_pages.mjs")


def fail(message):
    print(f"semaforo_test: FAIL: {message}", flush=True)
    sys.exit(1)


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    binary = os.path.abspath(sys.argv[1])
    build_dir = os.path.dirname(os.path.dirname(os.path.dirname(binary)))
    shots = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(build_dir, "test-artifacts", "browser")
    harness.check_prerequisites()
    os.makedirs(shots, exist_ok=True)

    scratch = tempfile.mkdtemp(prefix="metropoli-semaforo-")
    db = os.path.join(scratch, "metropoli.db")
    server = None
    failures = []
    try:
        with open(os.path.join(scratch, "setup.log"), "w") as log:
            harness.create_database(binary, db, log)
        server_log = open(os.path.join(scratch, "serve.log"), "w")
        server = subprocess.Popen(
            [binary, "--database", db, "serve", "--bind", "127.0.0.1", "--port", "0", "--web", harness.WEB_DIST],
            stdout=server_log, stderr=subprocess.PIPE)
        m = harness.wait_for_line(server.stderr, r"http://127\.0\.0\.1:(\d+)/", 30, server_log)
        if not m:
            fail(f"metropoli serve did not report its address within 30 s (log: {server_log.name})")
        base = f"http://127.0.0.1:{m.group(1)}/"
        if not harness.wait_http(base + "healthz", 30):
            fail(f"{base}healthz did not answer within 30 s")
        print(f"semaforo_test: semaforo_pages.mjs against {base}", flush=True)
        r = subprocess.run(["node", PAGES_MJS, base, shots], cwd=ROOT, timeout=500)
        if r.returncode != 0:
            failures.append("semaforo_pages.mjs")
        problem = harness.stop(server, "metropoli serve", expect_zero=True)
        if problem:
            failures.append(problem)
        server_log.close()
    finally:
        if server is not None and server.poll() is None:
            harness.stop(server, "metropoli serve", expect_zero=False)

    if failures:
        print(f"semaforo_test: FAIL: {'; '.join(failures)} (scratch: {scratch}; screenshots: {shots})", flush=True)
        sys.exit(1)
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"semaforo_test: passed; screenshots in {shots} (semaforo-*.png)", flush=True)


if __name__ == "__main__":
    main()
