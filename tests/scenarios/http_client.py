# SPDX-License-Identifier: MIT
"""Scenario helpers for the HTTP API: a `metropoli serve` on a free loopback port, a client that keeps every error
body (to look for secrets in), a signed-in session (cookie, CSRF token, If-Match), and a throwaway PostgreSQL
database on the cluster of tests/with-postgres."""
import http.client
import json
import os
import re
import subprocess
import time

from common import fail


class Server:
    def __init__(self, binary, database, work, name, extra=()):
        self.stderr_path = os.path.join(work, f"{name}.stderr")
        self.log_path = os.path.join(work, f"{name}.access.log")
        self.stderr = open(self.stderr_path, "w")
        self.process = subprocess.Popen(
            [binary, "--database", database, "serve", "--port", "0", "--workers", "2", "--access-log",
             self.log_path, *extra],
            stdout=subprocess.DEVNULL, stderr=self.stderr)
        self.port = None
        for _ in range(300):
            with open(self.stderr_path) as f:
                m = re.search(r"http://127\.0\.0\.1:(\d+)/", f.read())
            if m:
                self.port = int(m.group(1))
                break
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        if self.port is None:
            self.stop()
            fail(f"serve ({name}) did not start: {open(self.stderr_path).read()}")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stderr.close()


class Client:
    """Requests to one server; every error body is kept, to look for secrets in."""
    error_bodies = []

    def __init__(self, server):
        self.server = server

    def call(self, method, path, body=None, cookie=None, csrf=None, bearer=None, if_match=None, expect=None,
             content_type=None):
        headers = {}
        if body is not None:
            headers["Content-Type"] = content_type or "application/json"
        if cookie:
            headers["Cookie"] = f"metropoli_session={cookie}"
        if csrf:
            headers["X-CSRF-Token"] = csrf
        if bearer:
            headers["Authorization"] = f"Bearer {bearer}"
        if if_match:
            headers["If-Match"] = if_match
        if body is not None and not isinstance(body, (str, bytes)):
            body = json.dumps(body)
        c = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        c.request(method, path, body=body, headers=headers)
        r = c.getresponse()
        raw = r.read()
        data = raw.decode("utf-8", "replace")
        out = (r.status, {k.lower(): v for k, v in r.getheaders()}, data)
        set_cookies = [v for k, v in r.getheaders() if k.lower() == "set-cookie"]
        out[1]["set-cookie"] = set_cookies
        out[1][":raw"] = raw
        c.close()
        if r.status >= 400:
            Client.error_bodies.append(data)
            if out[1].get("content-type") != "application/problem+json":
                fail(f"{method} {path}: {r.status} is not problem+json: {out[1].get('content-type')}")
        if expect is not None and r.status != expect:
            fail(f"{method} {path}: {r.status}, expected {expect}: {data[:600]}")
        return out


class Session:
    """A signed-in account: JSON in and out, the CSRF token on writes, the version read as If-Match."""

    def __init__(self, server, email, password):
        self.client = Client(server)
        self.email = email
        status, headers, body = self.client.call("POST", "/api/v1/session", {"email": email, "password": password},
                                                 expect=200)
        cookies = [c for c in headers["set-cookie"] if c.startswith("metropoli_session=")]
        if len(cookies) != 1:
            fail(f"login {email}: expected one session cookie, got {headers['set-cookie']}")
        self.cookie = cookies[0].split(";", 1)[0].split("=", 1)[1]
        self.csrf = json.loads(body)["csrf_token"]

    def request(self, method, path, body=None, if_match=None, expect=200, content_type=None):
        status, headers, data = self.client.call(method, path, body, cookie=self.cookie,
                                                 csrf=None if method in ("GET", "HEAD") else self.csrf,
                                                 if_match=if_match, expect=expect, content_type=content_type)
        return status, headers, data

    def get(self, path, expect=200):
        return json.loads(self.request("GET", path, expect=expect)[2])

    def send(self, method, path, body=None, if_match=None, expect=(200, 201), content_type=None):
        status, headers, data = self.request(method, path, body, if_match, expect=None, content_type=content_type)
        wanted = expect if isinstance(expect, tuple) else (expect,)
        if status not in wanted:
            fail(f"{self.email}: {method} {path}: {status}, expected {wanted}: {data[:600]}")
        return json.loads(data) if data else None, headers

    def write(self, method, path, body=None, if_match=None, expect=(200, 201)):
        return self.send(method, path, body, if_match, expect)[0]

    def etag(self, path):
        status, headers, _ = self.request("GET", path)
        if "etag" not in headers:
            fail(f"GET {path}: no ETag")
        return headers["etag"]


def metropoli(binary, database, *args, stdin=None):
    p = subprocess.run([binary, "--database", database, *args], capture_output=True, text=True, input=stdin)
    if p.returncode != 0:
        fail(f"metropoli {' '.join(args)} exited {p.returncode}\nstdout: {p.stdout}\nstderr: {p.stderr}")
    return p


def fresh_postgres_database(name):
    """A new, empty database `name` on the cluster of METROPOLI_TEST_POSTGRES_URL; its URL, or None without one."""
    url = os.environ.get("METROPOLI_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("METROPOLI_REQUIRE_POSTGRES") == "1":
            fail("METROPOLI_REQUIRE_POSTGRES=1 but METROPOLI_TEST_POSTGRES_URL is not set")
        return None
    for sql in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
        p = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql], capture_output=True, text=True)
        if p.returncode != 0:
            fail(f"psql {sql}: {p.stderr}")
    return f"{url.rsplit('/', 1)[0]}/{name}"
