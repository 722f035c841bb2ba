#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Browser scenario of the access pages (issue 10): a fresh SQLite database, an admin and two editors (of two
organisations) created by the command line (`metropoli user add`), `metropoli serve` with web/dist, and
tests/browser/access_pages.mjs driving Debian's chromium through sign in, sign out, a wrong password, a password
change, an organisation edited by its editor and refused to the editor of another, the admin area and axe-core.
Afterwards no password of the run may appear in the server's log or its access log.

Usage: access_test.py METROPOLI_BINARY [SCREENSHOT_DIR]

SCREENSHOT_DIR defaults to <build dir>/test-artifacts/browser (the screenshots are access-*.png). Exits 0 when
the browser checks pass, no secret was logged and the server exits 0 on SIGTERM.
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
ACCESS_MJS = os.path.join(ROOT, "tests", "browser", "access_pages.mjs")
# Two of La Laguna's seeded organisations (src/access/organisation_seeds.cpp), by short name.
EDITOR_ORG = "Municipio de Torreón"
OTHER_ORG = "Salud Gómez Palacio"


def fail(message):
    print(f"access_test: FAIL: {message}", flush=True)
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

    scratch = tempfile.mkdtemp(prefix="metropoli-access-")
    db = os.path.join(scratch, "metropoli.db")
    # Random passwords (never on a command line: files, read by `--password-file` and by the browser test).
    accounts = {
        "admin": {"email": "prueba.admin@metropoli.test", "name": "Administración de prueba",
                  "password": secrets.token_urlsafe(18)},
        "editor": {"email": "Prueba.Editora.Torreon@metropoli.test", "name": "Editora de prueba (Torreón)",
                   "password": secrets.token_urlsafe(18), "organisation": EDITOR_ORG},
        "other": {"email": "prueba.editor.gomez@metropoli.test", "name": "Editor de prueba (Gómez Palacio)",
                  "password": secrets.token_urlsafe(18), "organisation": OTHER_ORG},
        "new_password": secrets.token_urlsafe(18),
    }
    server = None
    failures = []
    try:
        with open(os.path.join(scratch, "setup.log"), "w") as log:
            harness.create_database(binary, db, log)
            for key, role in (("admin", "admin"), ("editor", "editor"), ("other", "editor")):
                a = accounts[key]
                command = [binary, "--database", db, "user", "add", a["email"], "--role", role, "--name", a["name"],
                           "--password-file", secret_file(scratch, f"{key}.password", a["password"])]
                if "organisation" in a:
                    command += ["--org", a["organisation"]]
                run(command, log)
        accounts_file = secret_file(scratch, "accounts.json", json.dumps(accounts))

        server_log = open(os.path.join(scratch, "serve.log"), "w")
        access_log = os.path.join(scratch, "access.log")
        server = subprocess.Popen(
            [binary, "--database", db, "serve", "--bind", "127.0.0.1", "--port", "0", "--web", harness.WEB_DIST,
             "--access-log", access_log],
            stdout=server_log, stderr=subprocess.PIPE)
        m = harness.wait_for_line(server.stderr, r"http://127\.0\.0\.1:(\d+)/", 30, server_log)
        if not m:
            fail(f"metropoli serve did not report its address within 30 s (log: {server_log.name})")
        base = f"http://127.0.0.1:{m.group(1)}/"
        if not harness.wait_http(base + "healthz", 30):
            fail(f"{base}healthz did not answer within 30 s")
        print(f"access_test: access_pages.mjs against {base}", flush=True)
        r = subprocess.run(["node", ACCESS_MJS, base, shots, accounts_file], cwd=ROOT, timeout=500)
        if r.returncode != 0:
            failures.append("access_pages.mjs")
        problem = harness.stop(server, "metropoli serve", expect_zero=True)
        if problem:
            failures.append(problem)
        server_log.close()

        # No password of the run in the server's logs.
        passwords = [a["password"] for a in accounts.values() if isinstance(a, dict)] + [accounts["new_password"]]
        for path in (server_log.name, access_log):
            text = open(path, encoding="utf-8", errors="replace").read() if os.path.exists(path) else ""
            leaked = [p for p in passwords if p in text]
            if leaked:
                failures.append(f"{len(leaked)} password(s) of the run appear in {os.path.basename(path)}")
    finally:
        if server is not None and server.poll() is None:
            harness.stop(server, "metropoli serve", expect_zero=False)

    if failures:
        print(f"access_test: FAIL: {'; '.join(failures)} (scratch: {scratch}; screenshots: {shots})", flush=True)
        sys.exit(1)
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"access_test: passed; screenshots in {shots} (access-*.png)", flush=True)


if __name__ == "__main__":
    main()
