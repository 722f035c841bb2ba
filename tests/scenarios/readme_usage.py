# SPDX-License-Identifier: MIT
"""Every `metropoli ...` line of the README's usage block runs as written, in order, against a fresh database,
from a folder where data/ is the bundled data: once with the global options (--database, and --format when the
line has none) before the subcommand, once after the command line. None may fail.
`serve` is started on a free port instead of the one written (the machine may be using it), asked for /healthz,
and stopped with SIGTERM.
Usage: readme_usage.py METROPOLI_BINARY
"""
import glob
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from common import ROOT, fail


def usage_lines():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        text = f.read()
    block = re.search(r"^## Usage\n.*?^```sh\n(.*?)^```", text, re.S | re.M)
    if not block:
        fail("README.md has no ```sh block under '## Usage'")
    lines = [line for line in block.group(1).splitlines() if line.startswith("metropoli ")]
    if len(lines) < 10:
        fail(f"README.md's usage block has only {len(lines)} metropoli lines")
    return lines


def words(line, cwd):
    """The arguments of a README line as a POSIX shell would pass them: quotes, comments and globs."""
    out = []
    for word in shlex.split(line, comments=True)[1:]:
        matches = sorted(glob.glob(word, root_dir=cwd)) if any(c in word for c in "*?[") else []
        out.extend(matches or [word])
    return out


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(command, cwd, line):
    port = command[command.index("--port") + 1]
    p = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(300):
            if p.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            fail(f"{line}: /healthz never answered")
    finally:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
        out, err = p.communicate(timeout=30)
    return p.returncode, out, err


def run_all(binary, lines, placement):
    cwd = tempfile.mkdtemp(prefix="metropoli_readme_")
    os.symlink(os.path.join(ROOT, "data"), os.path.join(cwd, "data"))
    # A path with a space and an '=': the database is named exactly that (SOCI once cut it at the space).
    database = os.path.join(cwd, "fresh data=base.db")
    for line in lines:
        args = words(line, cwd)
        extra = ["--database", database] + ([] if "--format" in args else ["--format", "csv" if placement == "before" else "json"])
        if args[0] == "serve" and "--port" in args:
            args[args.index("--port") + 1] = str(free_port())
        command = [binary, *extra, *args] if placement == "before" else [binary, *args, *extra]
        if args[0] == "serve":
            code, out, err = serve(command, cwd, line)
        else:
            p = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
            code, out, err = p.returncode, p.stdout, p.stderr
        if code != 0:
            fail(f"README line, global options {placement} the command, exited {code}:\n  {line}\n"
                 f"  ran: {shlex.join(command)}\nstdout: {out[-2000:]}\nstderr: {err[-2000:]}")
    if os.listdir(cwd) and not os.path.exists(database):
        fail(f"the database was not created as {database}: {os.listdir(cwd)}")


def main():
    binary = os.path.abspath(sys.argv[1])
    lines = usage_lines()
    for placement in ["before", "after"]:
        run_all(binary, lines, placement)
    print(f"ok: the README's {len(lines)} usage lines run as written, global options before and after the command")


if __name__ == "__main__":
    main()
