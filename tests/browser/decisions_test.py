#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Browser scenario of a vote on a harmonised decision (decisiones.html, issue 13): a fresh SQLite database made by
`metropoli init --region laguna`, a coordinator and a member of the Mesa made by the command line, one held meeting
of the Mesa on 9 November 2020 with five of its six seats present (the member's person holding the first seat; set
here in SQL, as minutes_test.py does: attendance is the meetings pages' concept), the measures in force of the bundled 2020 record
(Durango's curfew of 3-17 November 2020, Coahuila's C6 0, the federal C6 1), and the harmonised curfew
22:00-05:00 proposed with `metropoli decision propose` for the five municipalities, three seats having voted for it
from the command line (beside it, the preset's example decision that `init` seeds: the Mesa's curfew carried in an
example meeting of 10 November 2020). Then `metropoli serve` with web/dist and tests/browser/decisions_pages.mjs driving Debian's
chromium: the member signs in and votes from the page, the tally the server counts shows four for; the coordinator
closes the vote, and the page shows the decision carried with the three agreements it created (one per owner) and
the compliance calendar of its five municipalities; the example decision shows as an example, carried 5 to 1, with
its four agreements and its calendar; axe-core finds nothing; screenshots decisiones-*.png.

Usage: decisions_test.py METROPOLI_BINARY [SCREENSHOT_DIR]
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
PAGES_MJS = os.path.join(ROOT, "tests", "browser", "decisions_pages.mjs")


def fail(message):
    print(f"decisions_test: FAIL: {message}", flush=True)
    sys.exit(1)


def run(command, log):
    r = subprocess.run(command, stdout=log, stderr=log, timeout=300, text=True)
    if r.returncode != 0:
        fail(f"{' '.join(command)} exited {r.returncode} (log: {log.name})")


def secret_file(folder, name, value):
    path = os.path.join(folder, name)
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
        f.write(value + "\n")
    return path


def add_meeting(db, member_email):
    """A held meeting of the Mesa on 9 November 2020 with its first five seats present, the member's person holding
    the first seat since the Mesa was installed. Returns (body, meeting, seats, seat organisations)."""
    con = sqlite3.connect(db)
    body = con.execute("SELECT id FROM bodies WHERE seed_key = 'laguna-mesa-salud'").fetchone()[0]
    rows = con.execute("SELECT id, organisation_id FROM seats WHERE body_id = ? ORDER BY ordinal, id", (body,)).fetchall()
    seats = [r[0] for r in rows]
    orgs = [r[1] for r in rows]
    person = con.execute("SELECT person_id FROM accounts WHERE email = ?", (member_email.lower(),)).fetchone()[0]
    con.execute("UPDATE seat_terms SET person_id = ? WHERE seat_id = ?", (person, seats[0]))
    now = "2026-01-15T12:00:00Z"
    cur = con.execute(
        "INSERT INTO meetings (body_id, title, starts_at, ends_at, mode, place, state, created_at, updated_at) "
        "VALUES (?, 'Sesión extraordinaria: toque de queda', '2020-11-09T17:00:00Z', '2020-11-09T19:00:00Z', "
        "'in_person', 'Torreón', 'held', ?, ?)", (body, now, now))
    meeting = cur.lastrowid
    for seat in seats[:5]:
        con.execute("INSERT INTO attendance (meeting_id, seat_id, status, recorded_at) VALUES (?, ?, 'present', ?)",
                    (meeting, seat, now))
    con.execute("INSERT INTO attendance (meeting_id, seat_id, status, recorded_at) VALUES (?, ?, 'absent', ?)",
                (meeting, seats[5], now))
    con.commit()
    con.close()
    return body, meeting, seats, orgs


def decision_ids(db, meeting):
    """The decision this test proposed in `meeting`, and the preset's example decision that `init` seeded (the Mesa's
    curfew of November 2020, carried in an example meeting)."""
    con = sqlite3.connect(db)
    mine = con.execute("SELECT id FROM harmonised_decisions WHERE meeting_id = ?", (meeting,)).fetchall()
    example = con.execute("SELECT id FROM harmonised_decisions WHERE example = 1").fetchall()
    con.close()
    if len(mine) != 1 or len(example) != 1:
        fail(f"expected one proposed and one example decision, found {mine} and {example}")
    return mine[0][0], example[0][0]


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    binary = os.path.abspath(sys.argv[1])
    build_dir = os.path.dirname(os.path.dirname(os.path.dirname(binary)))
    shots = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(build_dir, "test-artifacts", "browser")
    harness.check_prerequisites()
    os.makedirs(shots, exist_ok=True)

    scratch = tempfile.mkdtemp(prefix="metropoli-decisions-")
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
            for key, role in (("coordinator", "coordinator"), ("member", "analyst")):
                a = accounts[key]
                run([binary, "--database", db, "user", "add", a["email"], "--role", role, "--name", a["name"],
                     "--password-file", secret_file(scratch, f"{key}.password", a["password"])], log)
            body, meeting, seats, orgs = add_meeting(db, accounts["member"]["email"])
            run([binary, "--database", db, "role", "grant", accounts["member"]["email"], "member", "--body", str(body)],
                log)
            run([binary, "--database", db, "role", "revoke", accounts["member"]["email"], "analyst"], log)
            # Owners: Torreón's executive (seat 4), Coahuila's executive for Matamoros and Francisco I. Madero
            # (seat 2), Gómez Palacio's health for Gómez Palacio and Lerdo (seat 5): three owners.
            proposal = {"meeting": meeting, "title": "Toque de queda metropolitano 22:00–05:00",
                        "text": "Propuesta de la Mesa para homologar el toque de queda en los cinco municipios.",
                        "measure_kind": "observation",
                        "measure": {"indicator": "C6", "value": 2, "flag": 1,
                                    "extensions": {"curfew_from": "22:00", "curfew_to": "05:00"}},
                        "applies_from": "2020-11-12",
                        "jurisdictions": [{"code": "05035", "owner": orgs[3]}, {"code": "05017", "owner": orgs[1]},
                                          {"code": "05009", "owner": orgs[1]}, {"code": "10007", "owner": orgs[4]},
                                          {"code": "10012", "owner": orgs[4]}]}
            with open(os.path.join(scratch, "proposal.json"), "w", encoding="utf-8") as f:
                json.dump(proposal, f, ensure_ascii=False)
            run([binary, "--database", db, "decision", "propose", os.path.join(scratch, "proposal.json")], log)
            decision, example = decision_ids(db, meeting)
            for seat in seats[1:4]:
                run([binary, "--database", db, "decision", "vote", str(decision), "--seat", str(seat), "--choice",
                     "for"], log)
        accounts["body"] = body
        accounts["meeting"] = meeting
        accounts["decision"] = decision
        accounts["example"] = example
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
        print(f"decisions_test: decisions_pages.mjs against {base}", flush=True)
        r = subprocess.run(["node", PAGES_MJS, base, shots, accounts_file], cwd=ROOT, timeout=500)
        if r.returncode != 0:
            failures.append("decisions_pages.mjs")
        problem = harness.stop(server, "metropoli serve", expect_zero=True)
        if problem:
            failures.append(problem)
        server_log.close()
    finally:
        if server is not None and server.poll() is None:
            harness.stop(server, "metropoli serve", expect_zero=False)

    if failures:
        print(f"decisions_test: FAIL: {'; '.join(failures)} (scratch: {scratch}; screenshots: {shots})", flush=True)
        sys.exit(1)
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"decisions_test: passed; screenshots in {shots} (decisiones-*.png)", flush=True)


if __name__ == "__main__":
    main()
