#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Browser scenario of the minutes pages (actas.html, issue 12): a fresh SQLite database made by `metropoli init
--region laguna` (the Mesa de Salud, its example meeting and its approved example minutes), a coordinator and a
member of the Mesa made by the command line, and one more held meeting of the Mesa with four of its seats present,
the member's person holding the first seat (set here in SQL: the meetings pages are another concept's). Then
`metropoli serve` with web/dist and tests/browser/minutes_pages.mjs driving Debian's chromium: the coordinator
drafts the minutes, the member amends them and votes, the coordinator accepts the amendment and approves; the
public page shows the approved text with its SHA-256 and signatories; a save after approval shows the server's 409;
axe-core finds nothing; screenshots actas-*.png.

Usage: minutes_test.py METROPOLI_BINARY [SCREENSHOT_DIR]
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
PAGES_MJS = os.path.join(ROOT, "tests", "browser", "minutes_pages.mjs")


def fail(message):
    print(f"minutes_test: FAIL: {message}", flush=True)
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


def add_meeting(db, member_email):
    """A held meeting of the Mesa on 15 June 2020 with its first four seats present, the member's person holding
    the first seat since the Mesa was installed. Returns (body, meeting)."""
    con = sqlite3.connect(db)
    body = con.execute("SELECT id FROM bodies WHERE seed_key = 'laguna-mesa-salud'").fetchone()[0]
    seats = [r[0] for r in con.execute("SELECT id FROM seats WHERE body_id = ? ORDER BY ordinal, id", (body,))]
    person = con.execute("SELECT person_id FROM accounts WHERE email = ?", (member_email.lower(),)).fetchone()[0]
    con.execute("UPDATE seat_terms SET person_id = ? WHERE seat_id = ?", (person, seats[0]))
    now = "2026-01-15T12:00:00Z"
    cur = con.execute(
        "INSERT INTO meetings (body_id, title, starts_at, ends_at, mode, place, state, created_at, updated_at) "
        "VALUES (?, 'Sesión ordinaria de junio', '2020-06-15T16:00:00Z', '2020-06-15T18:00:00Z', 'in_person', "
        "'Torreón', 'held', ?, ?)", (body, now, now))
    meeting = cur.lastrowid
    for seat in seats[:4]:
        con.execute("INSERT INTO attendance (meeting_id, seat_id, status, recorded_at) VALUES (?, ?, 'present', ?)",
                    (meeting, seat, now))
    con.commit()
    con.close()
    return body, meeting


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    binary = os.path.abspath(sys.argv[1])
    build_dir = os.path.dirname(os.path.dirname(os.path.dirname(binary)))
    shots = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(build_dir, "test-artifacts", "browser")
    harness.check_prerequisites()
    os.makedirs(shots, exist_ok=True)

    scratch = tempfile.mkdtemp(prefix="metropoli-minutes-")
    db = os.path.join(scratch, "metropoli.db")
    accounts = {
        "coordinator": {"email": "prueba.coordinacion@metropoli.test", "name": "Coordinación de prueba",
                        "password": secrets.token_urlsafe(18)},
        "member": {"email": "prueba.integrante@metropoli.test", "name": "Integrante de prueba (sociedad civil)",
                   "password": secrets.token_urlsafe(18)},
    }
    server = None
    failures = []
    try:
        with open(os.path.join(scratch, "setup.log"), "w") as log:
            run([binary, "--database", db, "init", "--region", "laguna"], log)
            # `user add` takes no body: the member starts as an analyst, becomes a member of the Mesa, and loses the
            # analyst role.
            for key, role in (("coordinator", "coordinator"), ("member", "analyst")):
                a = accounts[key]
                run([binary, "--database", db, "user", "add", a["email"], "--role", role, "--name", a["name"],
                     "--password-file", secret_file(scratch, f"{key}.password", a["password"])], log)
            body, meeting = add_meeting(db, accounts["member"]["email"])
            run([binary, "--database", db, "role", "grant", accounts["member"]["email"], "member", "--body", str(body)],
                log)
            run([binary, "--database", db, "role", "revoke", accounts["member"]["email"], "analyst"], log)
        accounts["body"] = body
        accounts["meeting"] = meeting
        accounts_file = secret_file(scratch, "accounts.json", json.dumps(accounts))

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
        print(f"minutes_test: minutes_pages.mjs against {base}", flush=True)
        r = subprocess.run(["node", PAGES_MJS, base, shots, accounts_file], cwd=ROOT, timeout=500)
        if r.returncode != 0:
            failures.append("minutes_pages.mjs")
        problem = harness.stop(server, "metropoli serve", expect_zero=True)
        if problem:
            failures.append(problem)
        server_log.close()
    finally:
        if server is not None and server.poll() is None:
            harness.stop(server, "metropoli serve", expect_zero=False)

    if failures:
        print(f"minutes_test: FAIL: {'; '.join(failures)} (scratch: {scratch}; screenshots: {shots})", flush=True)
        sys.exit(1)
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"minutes_test: passed; screenshots in {shots} (actas-*.png)", flush=True)


if __name__ == "__main__":
    main()
