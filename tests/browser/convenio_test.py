#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Browser scenario of the Coordinar pages for the convenio and 3W (issue 12): a fresh SQLite database
(`metropoli init --region laguna`, which seeds the draft example convenio), one agreement linked to a clause by the
command line (`metropoli convenio link`), a coordinator made by `metropoli user add`, `metropoli serve` with
web/dist, and tests/browser/convenio_pages.mjs driving Debian's chromium: the public convenio page with the draft
example and a clause's progress; the coordinator moving it to signature and recording a signature (and a refused
one naming its field); the 3W page refusing a bad HXL file with its row and column, then importing one and showing
the matrix with a named gap and overlap; axe-core on each page.

Usage: convenio_test.py METROPOLI_BINARY [SCREENSHOT_DIR]

SCREENSHOT_DIR defaults to <build dir>/test-artifacts/browser (convenio-*.png, 3w-*.png).
"""
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_test as harness  # noqa: E402  (prerequisites, server start and stop)

ROOT = harness.ROOT
PAGES_MJS = os.path.join(ROOT, "tests", "browser", "convenio_pages.mjs")


def fail(message):
    print(f"convenio_test: FAIL: {message}", flush=True)
    sys.exit(1)


def run(command, log):
    r = subprocess.run(command, stdout=log, stderr=log, timeout=300)
    if r.returncode != 0:
        fail(f"{' '.join(command)} exited {r.returncode} (log: {log.name})")


def agreement(db):
    """An imported agreement with a stored progress of 40, as the agreements store would leave it; its id."""
    con = sqlite3.connect(db)
    with con:
        owner = con.execute("SELECT id FROM organisations WHERE seed_key = 'coahuila-ejecutivo'").fetchone()[0]
        status = con.execute("SELECT id FROM agreement_statuses ORDER BY id LIMIT 1").fetchone()
        if status is None:
            status = (con.execute("INSERT INTO agreement_statuses (key, name_es, name_en, typical_progress) "
                                  "VALUES ('en-curso-prueba', 'En curso', 'Ongoing', 50)").lastrowid,)
        now = "2026-01-15T12:00:00Z"
        made = con.execute("INSERT INTO agreements (reference, imported, title, responsible_id, status_id, progress, "
                           "created_at, updated_at) VALUES ('PRUEBA-1', 1, 'Tablero común de indicadores', ?, ?, 40, "
                           "?, ?)", (owner, status[0], now, now)).lastrowid
        clause = con.execute("SELECT k.id FROM convenio_clauses k JOIN convenios c ON c.id = k.convenio_id "
                             "WHERE c.seed_key = 'laguna-convenio-ejemplo' AND k.task = 'comunicar' "
                             "ORDER BY k.position LIMIT 1").fetchone()[0]
    con.close()
    return made, clause


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    binary = os.path.abspath(sys.argv[1])
    build_dir = os.path.dirname(os.path.dirname(os.path.dirname(binary)))
    shots = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(build_dir, "test-artifacts", "browser")
    harness.check_prerequisites()
    os.makedirs(shots, exist_ok=True)

    scratch = tempfile.mkdtemp(prefix="metropoli-convenio-")
    db = os.path.join(scratch, "metropoli.db")
    account = {"email": "prueba.coordina@metropoli.test", "password": secrets.token_urlsafe(18)}
    server = None
    failures = []
    try:
        with open(os.path.join(scratch, "setup.log"), "w") as log:
            run([binary, "--database", db, "init", "--region", "laguna"], log)
            made, clause = agreement(db)
            run([binary, "--database", db, "convenio", "link", str(clause), str(made)], log)
            password_file = os.path.join(scratch, "coordinator.password")
            with open(os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
                f.write(account["password"] + "\n")
            run([binary, "--database", db, "user", "add", account["email"], "--role", "coordinator", "--name",
                 "Coordinación de prueba", "--password-file", password_file], log)
        account["clause"] = clause
        account["agreement"] = made
        account_file = os.path.join(scratch, "account.json")
        with open(os.open(account_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
            json.dump(account, f)

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
        print(f"convenio_test: convenio_pages.mjs against {base}", flush=True)
        r = subprocess.run(["node", PAGES_MJS, base, shots, account_file], cwd=ROOT, timeout=500)
        if r.returncode != 0:
            failures.append("convenio_pages.mjs")
        problem = harness.stop(server, "metropoli serve", expect_zero=True)
        if problem:
            failures.append(problem)
        server_log.close()
    finally:
        if server is not None and server.poll() is None:
            harness.stop(server, "metropoli serve", expect_zero=False)

    if failures:
        print(f"convenio_test: FAIL: {'; '.join(failures)} (scratch: {scratch}; screenshots: {shots})", flush=True)
        sys.exit(1)
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"convenio_test: passed; screenshots in {shots} (convenio-*.png, 3w-*.png)", flush=True)


if __name__ == "__main__":
    main()
