# SPDX-License-Identifier: MIT
"""The public server as an attacker meets it: every request of the hardening issue with its expected status, a
corpus of traversal spellings (none may read a file outside the web folder), requests that used to kill the
server, junk parameters within a memory bound, silent connections from one address, a low descriptor limit,
header negotiation, the access log written line by line, and a crash line when the process dies of a signal.
Usage: server_security.py METROPOLI_BINARY
"""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

from common import ROOT, Metropoli, fail

SECRET = "METROPOLI-SECRET-7d1f"     # in a file beside the web folder, reachable only by escaping it
BIG_BYTES = 8 << 20                  # one large web file, requested under many spellings
JUNK_REQUESTS = 2000
JUNK_RSS_BOUND_KB = 32 * 1024        # RSS may grow at most this much over 2,000 junk-parameter requests
JUNK_STEADY_KB = 2 * 1024            # and at most this much over 2,000 more


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1))


def settled_rss_kb(pid, limit=30):
    """The RSS once the server's start-up warming (overview, geo, the zone's dashboards, computed in the background
    after it listens) is over: the same reading a second apart. On a loaded machine the warming can outlast the
    first requests, and its growth is not theirs."""
    last = rss_kb(pid)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        time.sleep(1)
        now = rss_kb(pid)
        if now == last:
            return now
        last = now
    return last


def exchange(port, raw, source="127.0.0.1", timeout=10):
    """Sends raw bytes, reads until the server closes; returns (status, headers, body) or (None, '', b'')."""
    s = socket.socket()
    s.settimeout(timeout)
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    s.sendall(raw)
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except (socket.timeout, ConnectionResetError):
        pass
    s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    m = re.match(rb"HTTP/1\.[01] (\d{3})", head)
    return (int(m.group(1)) if m else None), head.decode("latin-1"), body


def get(port, target, headers="", source="127.0.0.1", method="GET"):
    raw = f"{method} ".encode() + (target if isinstance(target, bytes) else target.encode("latin-1")) + \
        b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers.encode() + b"\r\n"
    return exchange(port, raw, source)


class Server:
    def __init__(self, binary, database, web, log, extra=(), prefix=()):
        self.log = log
        self.process = subprocess.Popen([*prefix, binary, "--database", database, "serve", "--web", web, "--port", "0",
                                         "--threads", "2", "--access-log", log, *extra],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.stderr = []
        deadline = time.time() + 30
        self.port = None
        while time.time() < deadline and self.port is None:
            line = self.process.stderr.readline()
            if not line:
                break
            self.stderr.append(line)
            m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if m:
                self.port = int(m.group(1))
        if self.port is None:
            fail("the server did not start: " + "".join(self.stderr))
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.process.stderr:
            self.stderr.append(line)

    def alive(self, why):
        if self.process.poll() is not None:
            fail(f"the server died ({self.process.returncode}) after {why}\n" + "".join(self.stderr[-20:]))
        status, _, _ = get(self.port, "/healthz")
        if status != 200:
            fail(f"/healthz answered {status} after {why}")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=15)


def make_web(root):
    web = os.path.join(root, "web")
    outside = os.path.join(root, "outside")
    os.makedirs(os.path.join(web, "assets"))
    os.makedirs(outside)
    with open(os.path.join(web, "index.html"), "w") as f:
        f.write("<!doctype html><title>Metrópoli</title>")
    with open(os.path.join(web, "assets", "app.js"), "w") as f:
        f.write("console.log('metropoli')\n")
    with open(os.path.join(web, "big.txt"), "w") as f:
        f.write(("Torreón Gómez Palacio Lerdo Matamoros Francisco I. Madero\n" * (BIG_BYTES // 58 + 1))[:BIG_BYTES])
    with open(os.path.join(web, ".env"), "w") as f:
        f.write(SECRET)
    with open(os.path.join(outside, "secret.txt"), "w") as f:
        f.write(SECRET)
    os.symlink(os.path.join(outside, "secret.txt"), os.path.join(web, "leak.txt"))  # a link out of the folder
    os.symlink(outside, os.path.join(web, "linked"))                               # a linked folder
    os.symlink("/etc/passwd", os.path.join(web, "passwd"))
    return web, outside


TRAVERSALS = [
    "//etc/passwd", "///etc/passwd", "//etc/shadow", "/%2Fetc/passwd", "/%2fetc%2fpasswd", "/%252Fetc%252Fpasswd",
    "/../../etc/passwd", "/..%2F..%2Fetc%2Fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/%252e%252e/%252e%252e/etc/passwd",
    "/..;/..;/etc/passwd", "/assets/..;/..;/outside/secret.txt", "/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd", "/%C0%AF",
    "/%E0%80%AE%E0%80%AE/etc/passwd", "/..\\..\\etc\\passwd", "/%5C..%5C..%5Cetc%5Cpasswd", "/a%00b", "/%00",
    "/leak.txt", "/linked/secret.txt", "/passwd", "/.env", "/%2Eenv", "//proc/self/environ", "/proc/self/environ",
    "/%2Fproc%2Fself%2Fenviron", "/assets/../../outside/secret.txt", "/assets/%2e%2e/%2e%2e/outside/secret.txt",
    "/index.html/../../outside/secret.txt", "/./index.html/../.env", "/assets//app.js/..", "/%2e/.env",
]

# Requests that once killed the server or answered 500: each with the status it must get now.
FINDINGS = [
    ("/%FF", 400), ("/%C0%AE", 400), ("/api/v1/jurisdictions/%FF", 400), ("/api/v1/%FF", 400),
    ("/api/v1/series?jurisdiction=05035&source=%C3%28", 400), ("/api/v1/metro?zone=%FF", 400),
    ("/api/v1/rt?jurisdiction=zm-laguna&si_sd=1e300", 400), ("/api/v1/rt?jurisdiction=zm-laguna&si_mean=1e300", 400),
    ("/api/v1/indicators?jurisdiction=zm-laguna&incomplete_days=nan", 400),
    ("/api/v1/indicators?jurisdiction=zm-laguna&window=nan", 400),
    ("/api/v1/indicators?jurisdiction=zm-laguna&incomplete_days=inf", 400),
    ("/api/v1/indicators?jurisdiction=zm-laguna&incomplete_days=0x10", 400),
    ("/api/v1/indicators?jurisdiction=zm-laguna&incomplete_days=14.5", 400),
    ("/api/v1/indicators?jurisdiction=zm-laguna&si_mean=-1", 400), ("/api/v1/indicators?jurisdiction=zm-laguna&si_sd=0", 400),
    ("/api/v1/indicators/zm-laguna/2020-11-15?si_mean=-1", 400),
    ("/api/v1/risk?jurisdiction=zm-laguna&scheme=/etc/passwd", 404),
    ("/api/v1/risk?jurisdiction=zm-laguna&scheme=..%2F..%2Fsrc%2Fhttp%2Fopenapi", 404),
    ("/api/v1/metro?scheme=..%2F..%2Fdata%2Frisk_schemes%2Fharvard", 404),
    ("/api/v1/jurisdictions?junk=1", 400), ("/api/v1/overview?x=1", 400), ("/api/v1/releases?", 200),
    ("/api/v1/indicators/zm-laguna/2020-13-45", 400), ("/api/v1/releases/", 404), ("/api/v1//releases", 404),
    ("/api/v1/series?jurisdiction=" + "9" * 300, 400), ("/api/v1/indicators?jurisdiction=zm-laguna&date=%FF", 400),
    # The indicator series: a run is at most ten years, so no request can make the server compute millions of days.
    ("/api/v1/indicator-series/05035?from=0001-01-01", 400), ("/api/v1/indicator-series/05035?from=2020-01-01&to=9999-12-31", 400),
    ("/api/v1/indicator-series/05035?from=2021-01-01&to=2020-01-01", 400), ("/api/v1/indicator-series/05035?from=2020-13-01", 400),
    ("/api/v1/indicator-series/%FF", 400), ("/api/v1/indicator-series/05035/2020-11-15", 404),
    ("/api/v1/indicator-series/05035?date=2020-11-15", 400),
    ("/api/v1/semaforo/reconciliation?jurisdiction=10&week=%FF", 400),
    ("/api/v1/semaforo/reconciliation?jurisdiction=10&week=2020-W99", 400),
    ("/api/v1/semaforo/reconciliation?jurisdiction=10&week=9999999999-W45", 400),
    ("/api/v1/semaforo/reconciliation?jurisdiction=" + "9" * 300 + "&week=2020-W45", 400),
    ("/api/v1/semaforo/reconciliation?jurisdiction=10", 400), ("/api/v1/semaforo/declared?week=2020-W00x", 400),
    ("/api/v1/semaforo/declared?jurisdiction=%C3%28", 400), ("/api/v1/semaforo/declared?junk=1", 400),
    ("/api/v1/decisions/1/compliance?from=2020-13-01", 400), ("/api/v1/decisions/%FF", 400),
    ("/api/v1/decisions?meeting=1e300", 400), ("/api/v1/decisions/99999999999999999999999", 400),
    ("/api/v1/decisions/1/compliance?from=2020-11-01&to=9999-12-31", 400), ("/api/v1/decisions?body=0", 400),
    # The observations: drafts are not a stranger's, bad states and days are refused by name, ids are integers.
    ("/api/v1/policy/observations?state=draft", 401), ("/api/v1/policy/observations?state=pending", 422),
    ("/api/v1/policy/observations?from=2020-13-01", 400), ("/api/v1/policy/observations?junk=1", 400),
    ("/api/v1/policy/observations?from=2020-11-30&to=2020-11-01", 422),
    ("/api/v1/policy/observations/%FF", 400), ("/api/v1/policy/observations/99999999999999999999", 400),
    ("/api/v1/policy/observations/1%20OR%201=1", 400), ("/api/v1/policy/codebook?x=1", 400),
]


def check_traversals(server, web):
    for target in TRAVERSALS:
        status, head, body = get(server.port, target)
        if status is None or status < 400 or status >= 500:
            fail(f"GET {target}: status {status}, expected a 4xx")
        text = body.decode("utf-8", "replace")
        if SECRET in text or "root:" in text or "PATH=" in text:
            fail(f"GET {target} leaked a file outside the web folder")
        server.alive(target)
    if get(server.port, "/assets/app.js")[0] != 200 or get(server.port, "/")[0] != 200:
        fail("the web application's own files are not served")
    db_target = "/" + os.path.abspath(server.database)
    if get(server.port, db_target)[0] != 404 or get(server.port, "/" + db_target)[0] != 404:
        fail("the database file is reachable by its path")
    print(f"traversals: {len(TRAVERSALS) + 2} spellings, none left the web folder, the server stayed up")


def check_findings(server):
    for target, expected in FINDINGS:
        status, head, body = get(server.port, target)
        if status != expected:
            fail(f"GET {target}: {status}, expected {expected}: {body[:300]!r}")
        if status >= 400 and "application/problem+json" not in head:
            fail(f"GET {target}: the error is not problem+json")
        if ROOT.encode() in body or b"root:" in body:
            fail(f"GET {target}: the answer reveals a path or a file: {body[:300]!r}")
        server.alive(target)
    print(f"findings: {len(FINDINGS)} requests, each with its expected status, the server stayed up")


def check_spellings_and_junk(server):
    if get(server.port, "/big.txt", "Accept-Encoding: gzip\r\n")[0] != 200:
        fail("/big.txt is not served")
    before = settled_rss_kb(server.process.pid)
    for i in range(1, 41):
        target = "/" * i + "big.txt"
        status = get(server.port, target, "Accept-Encoding: gzip\r\n")[0]
        if i > 1 and status != 404:
            fail(f"GET {target}: {status}, expected 404 (one spelling per file)")
    after_spellings = rss_kb(server.process.pid)
    if after_spellings - before > JUNK_RSS_BOUND_KB:
        fail(f"RSS grew {after_spellings - before} kB over 40 spellings of one file, over {JUNK_RSS_BOUND_KB} kB")
    # Bounded means the growth stops: 2,000 junk-parameter requests may fill bounded structures (up to the bound),
    # and 2,000 more must add next to nothing. (The unbounded cache of the finding grew 400 kB a request.)
    for i in range(2 * JUNK_REQUESTS):
        if i == JUNK_REQUESTS:
            first = rss_kb(server.process.pid)
        status = get(server.port, f"/api/v1/jurisdictions?junk={i}")[0]
        if status != 400:
            fail(f"GET jurisdictions?junk={i}: {status}, expected 400")
    after_junk = rss_kb(server.process.pid)
    print(f"memory: RSS {before // 1024} MB -> {after_spellings // 1024} MB after 40 spellings of an 8 MB file -> "
          f"{first // 1024} MB after {JUNK_REQUESTS:,} junk-parameter requests -> {after_junk // 1024} MB after "
          f"{JUNK_REQUESTS:,} more (bounds {JUNK_RSS_BOUND_KB // 1024} MB, then {JUNK_STEADY_KB // 1024} MB)")
    if first - before > JUNK_RSS_BOUND_KB:
        fail(f"RSS grew {first - before} kB over {JUNK_REQUESTS:,} junk-parameter requests, over {JUNK_RSS_BOUND_KB} kB")
    if after_junk - first > JUNK_STEADY_KB:
        fail(f"RSS grew {after_junk - first} kB over {JUNK_REQUESTS:,} more junk-parameter requests, over "
             f"{JUNK_STEADY_KB} kB: memory is not bounded")


def check_negotiation(server):
    status, head, _ = get(server.port, "/api/v1/schemes", "Accept-Encoding: gzip;q=0\r\n")
    if status != 200 or "Content-Encoding" in head:
        fail("Accept-Encoding: gzip;q=0 still got gzip")
    status, head, _ = get(server.port, "/api/v1/schemes", "Accept-Encoding: gzip;q=0.5\r\n")
    if "Content-Encoding: gzip" not in head:
        fail("Accept-Encoding: gzip;q=0.5 got no gzip")
    status, head, _ = get(server.port, "/api/v1/schemes")
    etag = re.search(r"ETag: (\"[^\"]+\")", head).group(1)
    for value, expected in [(etag, 304), (f"W/{etag}", 304), ("*", 304), (f"\"x\", {etag}", 304),
                            (f"xx{etag}yy", 200), (etag[:-2] + "\"", 200), ("\"other\"", 200)]:
        got = get(server.port, "/api/v1/schemes", f"If-None-Match: {value}\r\n")[0]
        if got != expected:
            fail(f"If-None-Match: {value} answered {got}, expected {expected}")
    # What held up before and must keep holding: oversized headers, bodies, smuggling.
    if get(server.port, "/healthz", "X-Pad: " + "a" * 9000 + "\r\n")[0] != 431:
        fail("oversized headers did not get 431")
    raw = b"POST /api/v1/releases HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n" + b"a" * 100000
    if exchange(server.port, raw)[0] != 413:
        fail("an oversized body did not get 413")
    raw = b"GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
    if exchange(server.port, raw)[0] != 400:
        fail("Content-Length with Transfer-Encoding was not refused")
    if get(server.port, "/api/v1/releases", method="DELETE")[0] != 405:
        fail("DELETE was not refused with 405")
    print("negotiation: gzip q-values and If-None-Match lists honoured; 431, 413, smuggling and 405 still hold")


def check_silent_clients(server):
    """One address holding silent connections cannot lock others out, and its silent connections are closed."""
    held = []
    refused = 0
    for _ in range(300):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        s.connect(("127.0.0.1", server.port))
        held.append(s)
    time.sleep(0.5)
    for s in held:
        s.setblocking(False)
        try:
            if s.recv(4096).startswith(b"HTTP/1.1 503"):
                refused += 1
        except BlockingIOError:
            pass
    if refused != 300 - 256:
        fail(f"{refused} of 300 silent connections from one address were refused, expected {300 - 256}")
    status = get(server.port, "/healthz", source="127.0.0.2")[0]
    if status != 200:
        fail(f"another address got {status} while one address held 256 silent connections")
    time.sleep(2.5)  # --first-request-timeout 2
    closed = 0
    for s in held:
        try:
            if s.recv(4096) == b"":
                closed += 1
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
        s.close()
    if closed < 256:
        fail(f"only {closed} silent connections were closed after the first-request timeout")
    server.alive("300 silent connections")
    print(f"silent clients: {refused} of 300 refused past the per-address cap of 256, another address served, "
          f"{closed} closed after the 2 s first-request timeout")


def check_health_under_load(server):
    stop = time.time() + 3
    counts = [0] * 4

    def loop(k):
        i = 0
        while time.time() < stop:
            i += 1
            get(server.port, f"/api/v1/rt?jurisdiction=zm-laguna&si_mean={4 + k + i / 1000:.4f}")
            counts[k] += 1

    threads = [threading.Thread(target=loop, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    worst = 0.0
    answered = 0
    while time.time() < stop:
        t0 = time.time()
        if get(server.port, "/healthz")[0] == 200:
            answered += 1
        worst = max(worst, time.time() - t0)
        time.sleep(0.05)
    for t in threads:
        t.join()
    if answered == 0:
        fail("/healthz never answered while four clients looped on uncached requests")
    print(f"health under load: /healthz answered {answered} times while 4 clients made {sum(counts)} uncached Rt "
          f"requests; slowest {worst * 1000:.0f} ms (bench/http measures the percentiles)")


def check_log(server):
    # Written line by line: the last request is in the file while the server still runs.
    get(server.port, "/api/v1/regions?probe=log")
    time.sleep(0.2)
    with open(server.log) as f:
        lines = f.read().splitlines()
    if not lines or "probe=log" not in lines[-1] or not lines[-1].endswith("}"):
        fail("the access log does not hold the last request as a whole line: " + (lines[-1] if lines else "(empty)"))
    for line in lines:
        try:
            json.loads(line)
        except ValueError:
            fail("an access log line is not JSON: " + line[:200])
    if not any('"target":"/%FF"' in line for line in lines):
        fail("the refused request /%FF is not in the access log")
    print(f"access log: {len(lines):,} lines, each valid JSON (refused targets included), the last request already written")


def check_crash_line(binary, database, web, root):
    log = os.path.join(root, "crash.log")
    server = Server(binary, database, web, log)
    get(server.port, "/healthz")
    server.process.send_signal(signal.SIGSEGV)
    server.process.wait(timeout=15)
    with open(log) as f:
        text = f.read()
    if '"event":"crash","signal":11' not in text:
        fail("a fatal signal left no crash line in the access log:\n" + text[-500:])
    print("crash: SIGSEGV left a crash line in the access log")


def check_descriptor_limit(binary, database, web, root):
    log = os.path.join(root, "fd.log")
    server = Server(binary, database, web, log, extra=("--max-connections", "4096"), prefix=("prlimit", "--nofile=128:128"))
    time.sleep(0.3)
    if not any("descriptor limit (128)" in line for line in server.stderr):
        fail("no warning that the descriptor limit cannot hold --max-connections: " + "".join(server.stderr))
    held = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(150)]
    time.sleep(0.3)
    t0 = time.time()
    status = get(server.port, "/healthz", source="127.0.0.2")[0]
    elapsed = time.time() - t0
    if status != 503 or elapsed > 2:
        fail(f"at the capped limit /healthz answered {status} in {elapsed:.2f} s, expected a prompt 503")
    for s in held:
        s.close()
    time.sleep(0.3)
    server.alive("150 connections under a descriptor limit of 128")
    server.stop()
    print(f"descriptor limit 128: warned and capped at 64; with 150 connections open a new client got a 503 in "
          f"{elapsed * 1000:.0f} ms (no accept() spin); once they closed, /healthz answered 200")


def check_cli(m):
    p = m.run("rt", "-j", "zm-laguna", "--si-sd", "1e300", expect=1)
    if "si_sd" not in p.stderr:
        fail("rt --si-sd 1e300: the error does not name si_sd: " + p.stderr)
    p = m.run("indicators", "-j", "zm-laguna", "--date", "2020-11-15", "--si-mean", "-1", expect=1)
    if "si_mean" not in p.stderr:
        fail("indicators --si-mean -1: the error does not name si_mean: " + p.stderr)
    print("command line: out-of-range serial intervals exit 1 naming the parameter, as the API answers 400")


def main():
    binary = sys.argv[1]
    m = Metropoli(binary)
    m.run("init")
    m.run("ingest", "municipal", f"{ROOT}/data/ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv")
    m.run("ingest", "hospital", f"{ROOT}/data/hospital/irag_porcentaje_ocupacion_estatal_coah_dgo_20200407_20210205.csv")
    web, _ = make_web(m.dir)
    server = Server(binary, m.database, web, os.path.join(m.dir, "access.log"), extra=("--first-request-timeout", "2"))
    server.database = m.database
    try:
        check_traversals(server, web)
        # Before the findings: some of them start computations the client does not wait for, whose answers land in
        # the cache seconds later and would show as growth here.
        check_spellings_and_junk(server)
        check_findings(server)
        check_negotiation(server)
        check_silent_clients(server)
        check_health_under_load(server)
        check_log(server)
    finally:
        server.stop()
    check_crash_line(binary, m.database, web, m.dir)
    check_descriptor_limit(binary, m.database, web, m.dir)
    check_cli(m)
    print("server_security: all checks passed")


if __name__ == "__main__":
    main()
