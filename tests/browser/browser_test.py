#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Browser scenario: the web app (web/dist) served live by `metropoli serve` and as a static export, each driven by
tests/browser/run.mjs and tests/browser/public_page.mjs (playwright-core with Debian's /usr/bin/chromium).

Usage: browser_test.py METROPOLI_BINARY [SCREENSHOT_DIR]

SCREENSHOT_DIR defaults to <build dir>/test-artifacts/browser, the build dir being three levels above the binary
(<build>/src/cli/metropoli). Exits 0 when both runs pass and the server exits 0 on SIGTERM.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WEB_DIST = os.path.join(ROOT, "web", "dist")
RUN_MJS = os.path.join(ROOT, "tests", "browser", "run.mjs")
PUBLIC_MJS = os.path.join(ROOT, "tests", "browser", "public_page.mjs")  # what a resident sees first (issue 11)
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def fail(message):
    print(f"browser_test: FAIL: {message}", flush=True)
    sys.exit(1)


def check_prerequisites():
    if not os.path.exists(CHROMIUM):
        fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/install-deps does; apt-get install chromium)")
    if not os.path.exists(os.path.join(WEB_DIST, "index.html")):
        fail(f"{WEB_DIST}/index.html is missing: build the web app first (make web, or npm ci && npm run build in web/)")
    if not os.path.isdir(os.path.join(ROOT, "web", "node_modules", "playwright-core")):
        fail("web/node_modules/playwright-core is missing: run `npm ci` in web/ (scripts/install-deps does)")
    if shutil.which("node") is None:
        fail("node is not installed")


def wait_for_line(stream, pattern, timeout, log):
    """Reads `stream` line by line into `log` until a line matches `pattern`; keeps draining it afterwards."""
    found = {}
    event = threading.Event()

    def reader():
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace")
            log.write(line)
            log.flush()
            if not event.is_set():
                m = re.search(pattern, line)
                if m:
                    found["match"] = m
                    event.set()
        event.set()

    threading.Thread(target=reader, daemon=True).start()
    event.wait(timeout)
    return found.get("match")


def wait_http(url, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def run_browser(base, shots, label):
    ok = True
    for script in (RUN_MJS, PUBLIC_MJS):
        print(f"browser_test: {os.path.basename(script)} {label} against {base}", flush=True)
        r = subprocess.run(["node", script, base, shots, label], cwd=ROOT, timeout=400)
        ok = ok and r.returncode == 0
    return ok


def stop(process, name, expect_zero):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            return f"{name} did not stop within 20 s of SIGTERM"
    if expect_zero and process.returncode != 0:
        return f"{name} exited {process.returncode} after SIGTERM (expected 0)"
    return None


def create_database(binary, db, log):
    help_text = subprocess.run([binary, "demo", "--help"], capture_output=True, text=True).stdout
    if "--no-serve" in help_text:
        commands = [[binary, "--database", db, "demo", "--no-serve"]]
    else:  # what `demo` loads (src/cli/demo_command.cpp), for a binary without --no-serve
        data = os.path.join(ROOT, "data")
        feeds = []
        for feed in ("hospital", "mobility", "economy"):
            folder = os.path.join(data, feed)
            files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".csv"))
            feeds += [[binary, "--database", db, "ingest", feed, f] for f in files]
        commands = [
            [binary, "--database", db, "init", "--region", "laguna"],
            [binary, "--database", db, "ingest", "ssa", os.path.join(data, "ssa/samples/datos_abiertos_20200430_coah_dgo.csv")],
            [binary, "--database", db, "ingest", "municipal",
             os.path.join(data, "ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv"),
             os.path.join(data, "ssa_municipal/Casos_Diarios_Municipio_Defunciones_20210312_coah_dgo.csv")],
        ] + feeds
    for command in commands:
        r = subprocess.run(command, stdout=log, stderr=log, timeout=300)
        if r.returncode != 0:
            fail(f"{' '.join(command)} exited {r.returncode} (log: {log.name})")


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    binary = os.path.abspath(sys.argv[1])
    build_dir = os.path.dirname(os.path.dirname(os.path.dirname(binary)))
    shots = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(build_dir, "test-artifacts", "browser")
    check_prerequisites()
    os.makedirs(shots, exist_ok=True)

    scratch = tempfile.mkdtemp(prefix="metropoli-browser-")
    db = os.path.join(scratch, "metropoli.db")
    failures = []
    server = static = None
    try:
        with open(os.path.join(scratch, "setup.log"), "w") as log:
            create_database(binary, db, log)

        # Live: any free loopback port, read back from the server's first line.
        server_log = open(os.path.join(scratch, "serve.log"), "w")
        server = subprocess.Popen(
            [binary, "--database", db, "serve", "--bind", "127.0.0.1", "--port", "0", "--web", WEB_DIST,
             "--access-log", os.path.join(scratch, "access.log")],
            stdout=server_log, stderr=subprocess.PIPE)
        m = wait_for_line(server.stderr, r"http://127\.0\.0\.1:(\d+)/", 30, server_log)
        if not m:
            fail(f"metropoli serve did not report its address within 30 s (log: {server_log.name})")
        base = f"http://127.0.0.1:{m.group(1)}/"
        if not wait_http(base + "healthz", 30):
            fail(f"{base}healthz did not answer within 30 s")
        if not run_browser(base, shots, "live"):
            failures.append("live run")
        problem = stop(server, "metropoli serve", expect_zero=True)
        if problem:
            failures.append(problem)

        # Static: export-site, served by a plain static server.
        out = os.path.join(scratch, "site")
        r = subprocess.run([binary, "--database", db, "export-site", out, "--web", WEB_DIST], capture_output=True, text=True)
        if r.returncode != 0:
            fail(f"export-site exited {r.returncode}: {r.stderr.strip()}")
        static_log = open(os.path.join(scratch, "static.log"), "w")
        static = subprocess.Popen([sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", out],
                                  stdout=subprocess.PIPE, stderr=static_log)
        m = wait_for_line(static.stdout, r"port (\d+)", 30, static_log)
        if not m:
            fail("python3 -m http.server did not start")
        base = f"http://127.0.0.1:{m.group(1)}/"
        if not wait_http(base + "config.json", 30):
            fail(f"{base}config.json did not answer")
        if not run_browser(base, shots, "static"):
            failures.append("static run")
    finally:
        for p, name in ((server, "metropoli serve"), (static, "http.server")):
            if p is not None and p.poll() is None:
                stop(p, name, expect_zero=False)

    if failures:
        print(f"browser_test: FAIL: {'; '.join(failures)} (scratch: {scratch}; screenshots: {shots})", flush=True)
        sys.exit(1)
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"browser_test: live and static runs passed; screenshots in {shots}", flush=True)


if __name__ == "__main__":
    main()
