# SPDX-License-Identifier: MIT
"""The access commands as a user types them (user, role, org, token; the demo accounts), checked against the
SQLite file itself: La Laguna's seeded organisations with their accents, argon2id hashes and no password or token
anywhere in clear (tables, audit log, output), tokens stored as their SHA-256 (computed here with hashlib), the
password policy, no password without a terminal or a file, and every write audited as the command-line user.
Usage: access_cli.py METROPOLI_BINARY
"""
import hashlib
import json
import os
import pwd
import sqlite3
import subprocess
import sys

from common import Metropoli, fail

PASSWORD = "caballo correcto batería grapa"


def every_text(database):
    """Every text value of every table of the SQLite file, one per line."""
    con = sqlite3.connect(database)
    out = []
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        for row in con.execute(f'SELECT * FROM "{table}"'):
            out += [str(v) for v in row if v is not None]
    con.close()
    return "\n".join(out)


def main():
    m = Metropoli(sys.argv[1])
    m.run("init", "--region", "laguna")
    secret = os.path.join(m.dir, "password.txt")
    with open(secret, "w", encoding="utf-8") as f:
        f.write(PASSWORD + "\n")

    orgs = m.json("org", "list")
    names = {o["name"] for o in orgs}
    for name in ["Jurisdicción Sanitaria de Torreón, Matamoros y Viesca", "Ejecutivo Municipal de Torreón",
                 "Salud Municipal de Gómez Palacio", "Ejecutivo del Estado de Coahuila",
                 "Mando Especial (SEDENA / Metropolitano)"]:
        if name not in names:
            fail(f"seed '{name}' missing from org list: {sorted(names)}")
    if len(orgs) != 6 or not all(o["seed"] and o["version"] == 1 for o in orgs):
        fail(f"expected the 6 seeds at version 1: {orgs}")
    torreon = next(o for o in orgs if o["short_name"] == "Municipio de Torreón")

    out = m.run("user", "add", "Ana@Example.org", "--role", "admin", "--name", "Ana Pérez",
                "--password-file", secret)
    if "ana@example.org" not in out.stdout or PASSWORD in out.stdout + out.stderr:
        fail(f"user add: {out.stdout} {out.stderr}")
    # Without a file and without a terminal there is no way to give a password: refused, nothing stored.
    p = subprocess.run([m.binary, "--database", m.database, "user", "add", "bea@example.org", "--role", "analyst"],
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, start_new_session=True)
    if p.returncode != 1 or "--password-file" not in p.stderr:
        fail(f"user add without a terminal exited {p.returncode}: {p.stderr}")
    for bad, why in [("corta", "12"), ("qwerty123456", "común")]:
        with open(secret + ".bad", "w") as f:
            f.write(bad + "\n")
        p = m.run("user", "add", "bea@example.org", "--role", "analyst", "--password-file", secret + ".bad", expect=1)
        if why not in p.stderr or bad in p.stderr:
            fail(f"a password '{bad}' was not refused for its {why}: {p.stderr}")
    m.run("user", "add", "ANA@example.org", "--role", "analyst", "--password-file", secret, expect=1)  # taken
    m.run("user", "add", "editora@example.org", "--role", "editor", "--password-file", secret, expect=1)  # no --org
    m.run("user", "add", "editora@example.org", "--role", "editor", "--org", "municipio de torreón",
          "--password-file", secret)
    m.run("role", "grant", "editora@example.org", "analyst")
    m.run("role", "grant", "editora@example.org", "analyst", expect=1)  # already held
    users = {u["email"]: u for u in m.json("user", "list")}
    editora = users["editora@example.org"]
    if sorted((g["role"], g.get("organisation")) for g in editora["grants"]) != [("analyst", None),
                                                                               ("editor", torreon["id"])]:
        fail(f"editora's grants: {editora['grants']}")
    if editora["organisations"] != [torreon["id"]] or users["ana@example.org"]["name"] != "Ana Pérez":
        fail(f"user list: {users}")
    m.run("role", "revoke", "editora@example.org", "analyst")
    if len(m.json("user", "list")[1]["grants"]) != 1:
        fail("role revoke left the grant")

    m.run("org", "edit", "Municipio de Torreón", "--website", "https://www.torreon.gob.mx", "--sector", "gobierno",
          "--sector", "salud")
    m.run("org", "edit", str(torreon["id"]), "--kind", "nonsense", expect=2)
    m.run("org", "add", "--name", "Cámara Nacional de Comercio de Torreón", "--short-name", "Canaco Torreón",
          "--kind", "business_chamber", "--sector", "comercio", "--jurisdiction", "05035", "--coalition", "yes")
    m.run("org", "add", "--name", "Sin tipo", "--short-name", "Sin tipo", expect=1)
    edited = next(o for o in m.json("org", "list", "--sector", "salud") if o["id"] == torreon["id"])
    if edited["version"] != 2 or edited["website"] != "https://www.torreon.gob.mx":
        fail(f"org edit: {edited}")
    coalition = m.json("org", "list", "--coalition", "yes")
    if sorted(o["short_name"] for o in coalition) != ["Canaco Torreón", "Sociedad Civil Laguna"]:
        fail(f"org list --coalition yes: {coalition}")
    csv_lines = m.run("org", "list", "--kind", "business_chamber").stdout.splitlines()
    if len(csv_lines) != 2 or not csv_lines[0].startswith("id,short_name,name,kind"):
        fail(f"org list csv: {csv_lines}")

    created = m.run("token", "create", "ana@example.org", "--name", "nightly")
    token = created.stdout.strip()
    if not token.startswith("mtp_") or len(token) != 47 or "solo esta vez" not in created.stderr \
            or token in created.stderr:
        fail(f"token create printed: {created.stdout!r}")
    con = sqlite3.connect(m.database)
    stored = con.execute("SELECT token_hash FROM api_tokens").fetchall()
    if stored != [(hashlib.sha256(token.encode()).hexdigest(),)]:
        fail(f"the token is not stored as its SHA-256: {stored}")
    hashes = [h for (h,) in con.execute("SELECT password_hash FROM accounts")]
    if len(hashes) != 2 or not all(h.startswith("$argon2id$v=19$m=65536,t=2,p=1$") for h in hashes):
        fail(f"password hashes: {hashes}")
    tokens = m.json("token", "list", "ana@example.org")
    m.run("token", "revoke", str(tokens[0]["id"]))
    if m.json("token", "list", "ana@example.org")[0]["revoked_at"] is None:
        fail("token revoke did not revoke")
    m.run("token", "revoke", "999", expect=1)

    before = con.execute("SELECT password_hash FROM accounts WHERE email = 'editora@example.org'").fetchone()
    m.run("user", "passwd", "editora@example.org", "--password-file", secret)
    after = con.execute("SELECT password_hash FROM accounts WHERE email = 'editora@example.org'").fetchone()
    if before == after:
        fail("user passwd did not change the hash")
    m.run("user", "disable", "editora@example.org")
    if m.json("user", "list")[1]["state"] != "disabled":
        fail("user disable")
    m.run("user", "disable", "nadie@example.org", expect=1)

    everything = every_text(m.database)
    for needle in [PASSWORD, token, token[4:]]:
        if needle in everything:
            fail(f"a secret is stored in clear: {needle[:8]}…")
    me = "cli:" + pwd.getpwuid(os.geteuid()).pw_name
    actions = {a for (a,) in con.execute("SELECT action FROM audit_log WHERE actor = ?", (me,))}
    for action in ["account.create", "role.grant", "role.revoke", "organisation.update", "organisation.create",
                   "token.create", "token.revoke", "account.password", "account.disable"]:
        if action not in actions:
            fail(f"no audit entry {action} by {me}: {sorted(actions)}")
    seeds = con.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'organisation.create' AND actor = 'system'")
    if seeds.fetchone()[0] != 6:
        fail("the seeds were not audited as system")
    con.close()
    demo_accounts()
    print("ok: seeds, accounts, roles, organisations, tokens and the demo accounts from the command line; no secret "
          "stored in clear")


def demo_accounts():
    """`metropoli demo` prints one account per role with a fresh random password, for the demo only."""
    m = Metropoli(sys.argv[1])
    shown = []
    for _ in range(2):
        out = m.run("demo", "--no-serve").stdout
        if "SOLO PARA LA DEMOSTRACIÓN" not in out or "FOR THE DEMO ONLY" not in out:
            fail(f"demo does not say its accounts are for the demo only:\n{out[-1500:]}")
        rows = [line.split() for line in out.splitlines() if "@demo.metropoli.example" in line]
        if len(rows) != 5 or any(len(r[-1]) != 20 for r in rows):
            fail(f"demo accounts: {rows}")
        shown.append({r[-2]: r[-1] for r in rows})
    if any(shown[0][email] == shown[1][email] for email in shown[0]):
        fail("a second demo kept a password")
    roles = {u["email"]: [(g["role"], g.get("organisation")) for g in u["grants"]] for u in m.json("user", "list")}
    orgs = {o["id"]: o["short_name"] for o in m.json("org", "list")}
    editors = sorted(orgs[roles[e][0][1]] for e in roles if roles[e][0][0] == "editor")
    if editors != ["Municipio de Torreón", "Salud Gómez Palacio"] or len(roles) != 5:
        fail(f"demo roles: {roles}")
    everything = every_text(m.database)
    for password in list(shown[0].values()) + list(shown[1].values()):
        if password in everything:
            fail("a demo password is stored in clear")


if __name__ == "__main__":
    main()
