# SPDX-License-Identifier: MIT
"""Helpers for scenario tests: run the metropoli binary against a scratch database."""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Metropoli:
    def __init__(self, binary, database=None):
        self.binary = binary
        self.dir = tempfile.mkdtemp(prefix="metropoli_scenario_")
        self.database = database or os.path.join(self.dir, "test.db")

    def run(self, *args, expect=0, env=None):
        full_env = dict(os.environ)
        full_env.update(env or {})
        p = subprocess.run([self.binary, "--database", self.database, *args], capture_output=True, text=True,
                           env=full_env)
        if expect is not None and p.returncode != expect:
            sys.exit(f"FAIL: metropoli {' '.join(args)} exited {p.returncode}, expected {expect}\n"
                     f"stdout: {p.stdout}\nstderr: {p.stderr}")
        return p

    def json(self, *args):
        return json.loads(self.run("--format", "json", *args).stdout)


def fail(message):
    sys.exit("FAIL: " + message)
