# SPDX-License-Identifier: MIT
"""Accounts over HTTP against the real binary, on SQLite and (with tests/with-postgres) on PostgreSQL: accounts made
with the command line, a whole session (log in, who am I, a write with the CSRF token, an API token, log out), the
refusals (no CSRF token, another organisation's editor, a revoked token, an ended session), login throttling (the
Nth wrong password gets 429 with Retry-After; after the wait the right one works: `serve --login-first-wait 2`
shortens the wait), and then no secret anywhere: the test passwords, the session cookie and the API token are
looked for in the server's stderr, its access log, the audit log (`metropoli audit log`) and every error body. On
PostgreSQL, two `metropoli serve` processes on one database: a session made on one is valid on the other, two
concurrent edits of one organisation with the same If-Match give one 200 and one 412, and `metropoli audit
verify` says the chain is intact.
Usage: access_security.py METROPOLI_BINARY
"""
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from common import fail
from http_client import Client as BaseClient
from http_client import metropoli
from http_client import Server as HttpServer

PASSWORDS = {
    "admin@laguna.example": "Tortuga-Nazas-2026-admin",
    "editor@laguna.example": "Mezquite-Viesca-2026-editor",
    "otra@laguna.example": "Algodon-Lerdo-2026-otra",
}
NEW_PASSWORD = "Huizache-Matamoros-2026-nueva"
FIRST_WAIT = 2  # serve --login-first-wait: the first throttled wait, in seconds


def Server(binary, database, work, name):
    """`metropoli serve` with the shortened first login wait (http_client.Server)."""
    return HttpServer(binary, database, work, name, extra=("--login-first-wait", str(FIRST_WAIT)))


class Client(BaseClient):
    """http_client.Client with the login this test checks the cookie of."""

    def login(self, email, password, expect=200):
        status, headers, body = self.call("POST", "/api/v1/session", {"email": email, "password": password},
                                          expect=expect)
        if status != 200:
            return status, headers, body
        cookies = [c for c in headers["set-cookie"] if c.startswith("metropoli_session=")]
        if len(cookies) != 1:
            fail(f"login: expected one session cookie, got {headers['set-cookie']}")
        attributes = [a.strip() for a in cookies[0].split(";")]
        for wanted in ("HttpOnly", "SameSite=Strict", "Path=/"):
            if wanted not in attributes:
                fail(f"login: the session cookie lacks {wanted}: {cookies[0]}")
        if "Secure" in attributes:
            fail("login: the cookie is Secure over plain HTTP without --trust-proxy")
        if headers.get("cache-control") != "no-store":
            fail(f"login: Cache-Control {headers.get('cache-control')}, expected no-store")
        token = attributes[0].split("=", 1)[1]
        document = json.loads(body)
        if document["account"]["email"] != email or not document.get("csrf_token"):
            fail(f"login: unexpected answer {body[:300]}")
        return token, document["csrf_token"], document


def prepare(binary, database, work):
    """Initialises the database and makes the accounts with the command line; returns the seeded organisations."""
    metropoli(binary, database, "init")
    listed = json.loads(metropoli(binary, database, "--format", "json", "org", "list").stdout)
    if len(listed) < 2:
        fail(f"init seeded {len(listed)} organisations, expected the deck's")
    org_a, org_b = listed[0], listed[1]
    roles = {"admin@laguna.example": ("admin", None), "editor@laguna.example": ("editor", org_a["id"]),
             "otra@laguna.example": ("editor", org_b["id"])}
    for email, (role, org) in roles.items():
        secret = os.path.join(work, "password.txt")
        with open(secret, "w") as f:
            f.write(PASSWORDS[email] + "\n")
        args = ["user", "add", email, "--role", role, "--password-file", secret]
        if org is not None:
            args += ["--org", str(org)]
        out = metropoli(binary, database, *args)
        os.remove(secret)
        if PASSWORDS[email] in out.stdout + out.stderr:
            fail("user add printed the password")
    return org_a, org_b


def session_flow(client, org_a, org_b):
    """A whole session and its refusals; returns the secrets it saw (cookies, tokens)."""
    secrets = []
    wrong = client.call("POST", "/api/v1/session", {"email": "editor@laguna.example", "password": "not-the-one-1234"},
                        expect=401)
    unknown = client.call("POST", "/api/v1/session", {"email": "nadie@laguna.example", "password": "not-the-one-1234"},
                          expect=401)
    if json.loads(wrong[2]) != json.loads(unknown[2]):
        fail(f"a wrong password and an unknown e-mail answer differently: {wrong[2]} / {unknown[2]}")
    client.call("GET", "/api/v1/session", expect=401)

    cookie, csrf, _ = client.login("editor@laguna.example", PASSWORDS["editor@laguna.example"])
    secrets.append(cookie)
    who = json.loads(client.call("GET", "/api/v1/session", cookie=cookie, expect=200)[2])
    if who["account"]["email"] != "editor@laguna.example" or who["csrf_token"] != csrf:
        fail(f"GET /api/v1/session: {who}")

    path_a = f"/api/v1/organisations/{org_a['id']}"
    status, headers, body = client.call("GET", path_a, expect=200)
    etag = headers["etag"]
    if etag != f"\"v{json.loads(body)['version']}\"":
        fail(f"GET {path_a}: ETag {etag} is not the version")
    change = {"contact": "mesa@laguna.example"}
    client.call("PUT", path_a, change, cookie=cookie, if_match=etag, expect=403)  # no CSRF token
    client.call("PUT", path_a, change, cookie=cookie, csrf="0" * len(csrf), if_match=etag, expect=403)
    client.call("PUT", path_a, change, cookie=cookie, csrf=csrf, expect=428)  # no If-Match
    edited = json.loads(client.call("PUT", path_a, change, cookie=cookie, csrf=csrf, if_match=etag, expect=200)[2])
    if edited["contact"] != change["contact"] or edited["version"] != json.loads(body)["version"] + 1:
        fail(f"PUT {path_a}: {edited}")
    client.call("PUT", path_a, {"contact": "otra"}, cookie=cookie, csrf=csrf, if_match=etag, expect=412)  # stale
    public = json.loads(client.call("GET", path_a, expect=200)[2])
    if public["contact"] != change["contact"]:
        fail(f"the public read after the edit still says {public['contact']}")
    path_b = f"/api/v1/organisations/{org_b['id']}"
    etag_b = client.call("GET", path_b, expect=200)[1]["etag"]
    client.call("PUT", path_b, change, cookie=cookie, csrf=csrf, if_match=etag_b, expect=403)  # not hers
    client.call("GET", "/api/v1/accounts", cookie=cookie, expect=403)

    made = json.loads(client.call("POST", "/api/v1/tokens", {"name": "script"}, cookie=cookie, csrf=csrf,
                                  expect=201)[2])
    token = made["token"]
    secrets.append(token)
    if not token.startswith("mtp_"):
        fail(f"the API token does not start with mtp_: {made}")
    listed = client.call("GET", "/api/v1/tokens", cookie=cookie, expect=200)[2]
    if token in listed:
        fail("GET /api/v1/tokens shows a token itself")
    etag = client.call("GET", path_a, expect=200)[1]["etag"]
    client.call("PUT", path_a, {"sectors": ["salud", "coordinación"]}, bearer=token, if_match=etag,
                expect=200)  # a Bearer token needs no CSRF token
    client.call("DELETE", f"/api/v1/tokens/{made['id']}", bearer=token, expect=204)
    client.call("GET", "/api/v1/session", bearer=token, expect=401)  # revoked

    client.call("PUT", "/api/v1/session/password",
                {"current_password": PASSWORDS["editor@laguna.example"], "new_password": NEW_PASSWORD},
                cookie=cookie, csrf=csrf, expect=204)
    client.call("GET", "/api/v1/session", cookie=cookie, expect=200)  # the session that changed it lives on
    client.call("DELETE", "/api/v1/session", cookie=cookie, expect=403)  # logging out is a write: CSRF too
    status, headers, _ = client.call("DELETE", "/api/v1/session", cookie=cookie, csrf=csrf, expect=204)
    if not any(c.startswith("metropoli_session=;") and "Max-Age=0" in c for c in headers["set-cookie"]):
        fail(f"logout does not clear the cookie: {headers['set-cookie']}")
    client.call("GET", "/api/v1/session", cookie=cookie, expect=401)
    client.login("editor@laguna.example", PASSWORDS["editor@laguna.example"], expect=401)  # the old password
    cookie, csrf, _ = client.login("editor@laguna.example", NEW_PASSWORD)
    secrets.append(cookie)

    admin_cookie, admin_csrf, _ = client.login("admin@laguna.example", PASSWORDS["admin@laguna.example"])
    secrets.append(admin_cookie)
    accounts = json.loads(client.call("GET", "/api/v1/accounts", cookie=admin_cookie, expect=200)[2])["accounts"]
    if {a["email"] for a in accounts} != set(PASSWORDS):
        fail(f"GET /api/v1/accounts: {[a['email'] for a in accounts]}")
    history = json.loads(client.call("GET", f"/api/v1/audit?entity=organisation:{org_a['id']}",
                                     cookie=cookie, expect=200)[2])["entries"]
    if not any(e["action"] == "organisation.update" for e in history):
        fail(f"the organisation's history has no update: {history}")
    client.call("GET", f"/api/v1/audit?entity=organisation:{org_b['id']}", cookie=cookie, expect=403)
    client.call("GET", "/api/v1/audit", cookie=admin_cookie, expect=200)
    return secrets


def throttling(client):
    """Five wrong passwords are free; the sixth is 429 with Retry-After; after the wait the right one works."""
    email = "otra@laguna.example"
    for i in range(5):
        client.login(email, f"wrong-password-{i:04d}", expect=401)
    status, headers, body = client.call("POST", "/api/v1/session", {"email": email, "password": "wrong-again-0000"})
    if status != 429:
        fail(f"the sixth wrong password got {status}, expected 429: {body}")
    retry = int(headers.get("retry-after", "0"))
    if not 1 <= retry <= FIRST_WAIT:
        fail(f"429 with Retry-After {headers.get('retry-after')}, expected 1..{FIRST_WAIT}")
    client.call("POST", "/api/v1/session", {"email": email, "password": PASSWORDS[email]}, expect=429)  # still
    time.sleep(retry + 0.5)
    token, _, _ = client.login(email, PASSWORDS[email])
    return retry, token


def no_secrets(binary, database, servers, secrets):
    audit = metropoli(binary, database, "audit", "log").stdout
    texts = {"audit log": audit, "error bodies": "\n".join(Client.error_bodies)}
    for s in servers:
        texts[f"stderr of {s.stderr_path}"] = open(s.stderr_path).read()
        texts[f"access log {s.log_path}"] = open(s.log_path).read()
    looked = list(PASSWORDS.values()) + [NEW_PASSWORD] + secrets
    for where, text in texts.items():
        for secret in looked:
            if secret in text:
                fail(f"a secret ({secret[:4]}…) appears in the {where}")
    refused = texts[f"stderr of {servers[0].stderr_path}"]
    if not re.search(r"refused 403 PUT /api/v1/organisations/\d+ \(request [0-9a-f]+-[0-9a-f]+, actor account:\d+\)",
                     refused):
        fail(f"the server log does not record the refused write with its request id:\n{refused[-2000:]}")
    if len(audit.splitlines()) < 5:
        fail(f"the audit log is nearly empty:\n{audit}")
    return sum(len(t) for t in texts.values())


def verify(binary, database):
    out = metropoli(binary, database, "audit", "verify")
    if "intact" not in out.stdout + out.stderr:
        fail(f"audit verify: {out.stdout}{out.stderr}")
    return (out.stdout + out.stderr).strip().splitlines()[-1]


def run_engine(binary, database, work, name):
    org_a, org_b = prepare(binary, database, work)
    server = Server(binary, database, work, name)
    try:
        client = Client(server)
        secrets = session_flow(client, org_a, org_b)
        retry, token = throttling(client)
        secrets.append(token)
    finally:
        server.stop()
    looked = no_secrets(binary, database, [server], secrets)
    verified = verify(binary, database)
    print(f"{name}: session, CSRF, scoped edit, token, password change, logout; the 6th wrong password got 429 "
          f"(Retry-After {retry} s), then the right one worked; {len(secrets)} session/API tokens and "
          f"{len(PASSWORDS) + 1} passwords in none of {looked:,} bytes of logs, audit log and error bodies; {verified}")


def two_servers(binary, database, work):
    """Two processes on one PostgreSQL database: shared sessions, one winner of two concurrent edits."""
    first = Server(binary, database, work, "pg-first")
    second = Server(binary, database, work, "pg-second")
    try:
        a, b = Client(first), Client(second)
        cookie, csrf, _ = a.login("admin@laguna.example", PASSWORDS["admin@laguna.example"])
        who = json.loads(b.call("GET", "/api/v1/session", cookie=cookie, expect=200)[2])
        if who["account"]["email"] != "admin@laguna.example":
            fail(f"the session made on the first server is not the same on the second: {who}")
        organisations = json.loads(a.call("GET", "/api/v1/organisations", expect=200)[2])["organisations"]
        path = f"/api/v1/organisations/{organisations[-1]['id']}"
        rounds = []
        for round_ in range(3):
            etag = a.call("GET", path, expect=200)[1]["etag"]
            barrier = threading.Barrier(2)
            statuses = []

            def edit(client, text):
                barrier.wait()
                statuses.append(client.call("PUT", path, {"contact": text}, cookie=cookie, csrf=csrf,
                                            if_match=etag)[0])

            threads = [threading.Thread(target=edit, args=(c, f"ronda {round_} de {n}")) for n, c in
                       (("uno", a), ("dos", b))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            if sorted(statuses) != [200, 412]:
                fail(f"two concurrent edits with If-Match {etag} got {statuses}, expected one 200 and one 412")
            rounds.append(etag)
        b.call("DELETE", "/api/v1/session", cookie=cookie, csrf=csrf, expect=204)
        a.call("GET", "/api/v1/session", cookie=cookie, expect=401)  # logged out on the other one
    finally:
        first.stop()
        second.stop()
    verified = verify(binary, database)
    print(f"PostgreSQL, two servers: a session made on one is valid on the other (and its logout too); "
          f"{len(rounds)} rounds of two concurrent edits with one If-Match each gave one 200 and one 412; {verified}")


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp(prefix="metropoli_access_")
    try:
        run_engine(binary, os.path.join(work, "access.db"), work, "SQLite")
        url = os.environ.get("METROPOLI_TEST_POSTGRES_URL")
        if url:
            admin = url
            base = url.rsplit("/", 1)[0]
            for sql in ("DROP DATABASE IF EXISTS access_security WITH (FORCE)", "CREATE DATABASE access_security"):
                p = subprocess.run(["psql", admin, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql], capture_output=True,
                                   text=True)
                if p.returncode != 0:
                    fail(f"psql {sql}: {p.stderr}")
            database = f"{base}/access_security"
            Client.error_bodies = []
            run_engine(binary, database, work, "PostgreSQL")
            two_servers(binary, database, work)
        elif os.environ.get("METROPOLI_REQUIRE_POSTGRES") == "1":
            fail("METROPOLI_REQUIRE_POSTGRES=1 but METROPOLI_TEST_POSTGRES_URL is not set")
        else:
            print("PostgreSQL: skipped (no METROPOLI_TEST_POSTGRES_URL; tests/with-postgres sets it)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("access_security: all checks passed")


if __name__ == "__main__":
    main()
