#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Browser scenario of the Mesa page (issue 12): a fresh SQLite database with La Laguna's preset (the Mesa de
Salud, its six seats and the example meeting), a coordinator created by the command line (`metropoli user add
--role coordinator`), `metropoli serve` with web/dist, and tests/browser/mesa_pages.mjs driving Debian's
chromium: the public page with its six seats and meetings, the example meeting with its agenda and quorum, then the
coordinator convening a meeting (a refusal naming the field first), adding agenda items (a sub-item that does
not fit refused naming it) and recording attendance, the quorum shown as the server computes it; axe-core on
each page.

Usage: mesa_test.py METROPOLI_BINARY [SCREENSHOT_DIR]

SCREENSHOT_DIR defaults to <build dir>/test-artifacts/browser (the screenshots are mesa-*.png).
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
MESA_MJS = os.path.join(ROOT, "tests", "browser", "mesa_pages.mjs")


def fail(message):
    print(f"mesa_test: FAIL: {message}", flush=True)
    sys.exit(1)


def run(command, log):
    r = subprocess.run(command, stdout=log, stderr=log, timeout=300)
    if r.returncode != 0:
        fail(f"{' '.join(command)} exited {r.returncode} (log: {log.name})")


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

    scratch = tempfile.mkdtemp(prefix="metropoli-mesa-")
    db = os.path.join(scratch, "metropoli.db")
    coordinator = {"email": "prueba.coordinacion@metropoli.test", "name": "Coordinación de prueba",
                   "password": secrets.token_urlsafe(18)}
    server = None
    failures = []
    try:
        with open(os.path.join(scratch, "setup.log"), "w") as log:
            run([binary, "--database", db, "init", "--region", "laguna"], log)
            run([binary, "--database", db, "user", "add", coordinator["email"], "--role", "coordinator", "--name",
                 coordinator["name"], "--password-file", secret_file(scratch, "coordinator.password",
                                                                   coordinator["password"])], log)
        accounts_file = secret_file(scratch, "accounts.json", json.dumps({"coordinator": coordinator}))

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
        print(f"mesa_test: mesa_pages.mjs against {base}", flush=True)
        r = subprocess.run(["node", MESA_MJS, base, shots, accounts_file], cwd=ROOT, timeout=500)
        if r.returncode != 0:
            failures.append("mesa_pages.mjs")
        problem = harness.stop(server, "metropoli serve", expect_zero=True)
        if problem:
            failures.append(problem)
        server_log.close()
        # The scenario's writes left the audit chain intact.
        verified = subprocess.run([binary, "--database", db, "audit", "verify"], capture_output=True, text=True)
        if verified.returncode != 0:
            failures.append(f"audit verify: {verified.stdout.strip()} {verified.stderr.strip()}")
    finally:
        if server is not None and server.poll() is None:
            harness.stop(server, "metropoli serve", expect_zero=False)

    if failures:
        print(f"mesa_test: FAIL: {'; '.join(failures)} (scratch: {scratch}; screenshots: {shots})", flush=True)
        sys.exit(1)
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"mesa_test: passed; screenshots in {shots} (mesa-*.png)", flush=True)


if __name__ == "__main__":
    main()
