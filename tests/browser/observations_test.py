#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Browser scenario of observaciones.html (issue 13, item 2): a fresh SQLite database (`metropoli init --region
laguna`), an analyst (the coder) and a coordinator (the reviewer) made by the command line, `metropoli serve` with
web/dist, and tests/browser/observations_pages.mjs driving Debian's chromium: the coder enters Gómez Palacio's
curfew with its source document (a bad address first, refused naming the field), submits it; the coordinator
approves it; a visitor then sees it in the list as approved, with its source.

Usage: observations_test.py METROPOLI_BINARY [SCREENSHOT_DIR]

SCREENSHOT_DIR defaults to <build dir>/test-artifacts/browser (observaciones-*.png).
"""
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_test as harness  # noqa: E402  (prerequisites, server start and stop)

ROOT = harness.ROOT
PAGES_MJS = os.path.join(ROOT, "tests", "browser", "observations_pages.mjs")


def fail(message):
    print(f"observations_test: FAIL: {message}", flush=True)
    sys.exit(1)


def secret_file(folder, name, value):
    path = os.path.join(folder, name)
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
        f.write(value + "\n")
    return path


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    binary = os.path.abspath(sys.argv[1])
    build_dir = os.path.dirname(os.path.dirname(os.path.dirname(binary)))
    shots = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(build_dir, "test-artifacts", "browser")
    harness.check_prerequisites()
    os.makedirs(shots, exist_ok=True)

    scratch = tempfile.mkdtemp(prefix="metropoli-observations-")
    db = os.path.join(scratch, "metropoli.db")
    setup = {
        "coder": {"email": "prueba.codifica@metropoli.test", "password": secrets.token_urlsafe(18)},
        "reviewer": {"email": "prueba.revisa@metropoli.test", "password": secrets.token_urlsafe(18)},
    }
    server = None
    failures = []
    try:
        with open(os.path.join(scratch, "setup.log"), "w") as log:
            r = subprocess.run([binary, "--database", db, "init", "--region", "laguna"], stdout=log, stderr=log,
                               timeout=300)
            if r.returncode != 0:
                fail(f"init exited {r.returncode} (log: {log.name})")
            for key, role in (("coder", "analyst"), ("reviewer", "coordinator")):
                a = setup[key]
                command = [binary, "--database", db, "user", "add", a["email"], "--role", role,
                           "--password-file", secret_file(scratch, f"{key}.password", a["password"])]
                r = subprocess.run(command, stdout=log, stderr=log, timeout=300)
                if r.returncode != 0:
                    fail(f"user add {key} exited {r.returncode} (log: {log.name})")
        setup_file = secret_file(scratch, "setup.json", json.dumps(setup))
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
        print(f"observations_test: observations_pages.mjs against {base}", flush=True)
        r = subprocess.run(["node", PAGES_MJS, base, shots, setup_file], cwd=ROOT, timeout=500)
        if r.returncode != 0:
            failures.append("observations_pages.mjs")
        problem = harness.stop(server, "metropoli serve", expect_zero=True)
        if problem:
            failures.append(problem)
        server_log.close()
    finally:
        if server is not None and server.poll() is None:
            harness.stop(server, "metropoli serve", expect_zero=False)

    if failures:
        print(f"observations_test: FAIL: {'; '.join(failures)} (scratch: {scratch}; screenshots: {shots})", flush=True)
        sys.exit(1)
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"observations_test: passed; screenshots in {shots} (observaciones-*.png)", flush=True)


if __name__ == "__main__":
    main()
