#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Browser scenario of the acuerdos page (issue 12): a fresh SQLite database, a coordinator and an editor of the
Torreón municipal executive made by the command line (`metropoli user add`), a meeting of the Mesa de Salud on
4 May 2020 (plain SQL: the meetings concept has no command yet), an agreement with a progress report made by
`metropoli agreement create|progress`, then `metropoli serve` with web/dist and tests/browser/agreements_pages.mjs
driving Debian's chromium: the public agreement page with its timeline, a coordinator recording two children of a
parent from the meeting, the editor reporting progress with a link, the public page showing the new progress and
the parent's roll-up, axe-core on every page.

Usage: agreements_test.py METROPOLI_BINARY [SCREENSHOT_DIR]

SCREENSHOT_DIR defaults to <build dir>/test-artifacts/browser (the screenshots are acuerdos-*.png).
"""
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_test as harness  # noqa: E402

ROOT = harness.ROOT
PAGES_MJS = os.path.join(ROOT, "tests", "browser", "agreements_pages.mjs")
EDITOR_ORG = "Municipio de Torreón"  # src/access/organisation_seeds.cpp: torreon-ejecutivo


def fail(message):
    print(f"agreements_test: FAIL: {message}", flush=True)
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


def insert_meeting(db):
    """The Mesa de Salud and its meeting of 4 May 2020, unless the database already has them (seeded)."""
    con = sqlite3.connect(db)
    try:
        row = con.execute("SELECT id FROM meetings WHERE starts_at LIKE '2020-05-04%' ORDER BY id LIMIT 1").fetchone()
        if row:
            return row[0]
        now = "2026-01-01T00:00:00Z"
        body = con.execute("SELECT id FROM bodies ORDER BY id LIMIT 1").fetchone()
        if body is None:
            body_id = con.execute(
                "INSERT INTO bodies (name, short_name, kind, visibility, region_id, created_at, updated_at) "
                "VALUES ('Mesa de Salud de La Laguna', 'Mesa de Salud', 'mesa', 'public', 'laguna', ?, ?)",
                (now, now)).lastrowid
        else:
            body_id = body[0]
        meeting = con.execute(
            "INSERT INTO meetings (body_id, title, starts_at, ends_at, mode, place, state, created_at, updated_at) "
            "VALUES (?, 'Instalación de la Mesa de Salud de La Laguna', '2020-05-04T16:00:00Z', "
            "'2020-05-04T18:00:00Z', 'in_person', 'Torreón', 'held', ?, ?)", (body_id, now, now)).lastrowid
        con.commit()
        return meeting
    finally:
        con.close()


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    binary = os.path.abspath(sys.argv[1])
    build_dir = os.path.dirname(os.path.dirname(os.path.dirname(binary)))
    shots = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(build_dir, "test-artifacts", "browser")
    harness.check_prerequisites()
    os.makedirs(shots, exist_ok=True)

    scratch = tempfile.mkdtemp(prefix="metropoli-agreements-")
    db = os.path.join(scratch, "metropoli.db")
    setup = {
        "coordinator": {"email": "prueba.coordinacion@metropoli.test", "password": secrets.token_urlsafe(18)},
        "editor": {"email": "prueba.editora.torreon@metropoli.test", "password": secrets.token_urlsafe(18),
                   "organisation": EDITOR_ORG},
    }
    server = None
    failures = []
    try:
        with open(os.path.join(scratch, "setup.log"), "w") as log:
            harness.create_database(binary, db, log)
            for key, role in (("coordinator", "coordinator"), ("editor", "editor")):
                a = setup[key]
                command = [binary, "--database", db, "user", "add", a["email"], "--role", role,
                           "--password-file", secret_file(scratch, f"{key}.password", a["password"])]
                if "organisation" in a:
                    command += ["--org", a["organisation"]]
                run(command, log)
            setup["meeting"] = insert_meeting(db)
            cli = [binary, "--database", db, "--as", "prueba"]
            run(cli + ["agreement", "create", "--reference", "PUB-2020-05-04-01", "--meeting", str(setup["meeting"]),
                       "--title", "Reporte diario compartido de ocupación hospitalaria", "--responsible", EDITOR_ORG,
                       "--jurisdiction", "05035", "--start", "2020-05-04", "--due", "2020-05-31"], log)
            run(cli + ["agreement", "progress", "PUB-2020-05-04-01", "--progress", "40", "--on", "2020-05-15",
                       "--text", "Primer reporte compartido", "--evidence-url", "https://www.torreon.gob.mx/reporte"],
                log)
            shown = subprocess.run(cli + ["agreement", "show", "PUB-2020-05-04-01"], capture_output=True, text=True,
                                   timeout=60)
            if shown.returncode != 0:
                fail(f"agreement show exited {shown.returncode}: {shown.stderr}")
            setup["public_agreement"] = json.loads(shown.stdout)["id"]
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
        print(f"agreements_test: agreements_pages.mjs against {base}", flush=True)
        r = subprocess.run(["node", PAGES_MJS, base, shots, setup_file], cwd=ROOT, timeout=500)
        if r.returncode != 0:
            failures.append("agreements_pages.mjs")
        problem = harness.stop(server, "metropoli serve", expect_zero=True)
        if problem:
            failures.append(problem)
        server_log.close()
    finally:
        if server is not None and server.poll() is None:
            harness.stop(server, "metropoli serve", expect_zero=False)

    if failures:
        print(f"agreements_test: FAIL: {'; '.join(failures)} (scratch: {scratch}; screenshots: {shots})", flush=True)
        sys.exit(1)
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"agreements_test: passed; screenshots in {shots} (acuerdos-*.png)", flush=True)


if __name__ == "__main__":
    main()
