# SPDX-License-Identifier: MIT
"""The state positivity a place page shows (`/api/v1/dashboard/{code}`, `state_positivity`) against a computation
made here from the bundled state files themselves (data/ssa_state/): for every day of the axis and both states, the
newest cut-off on or after the day, the 7 days' confirmed, negative and suspected, and confirmed / (confirmed +
negative) in percent.
Usage: state_positivity.py METROPOLI_BINARY
"""
import csv
import datetime
import glob
import json
import os
import re
import sys

from common import ROOT, Metropoli, fail
from http_client import Client, Server

FOLDER = f"{ROOT}/data/ssa_state"
KINDS = {"Confirmados": "confirmed", "Negativos": "negative", "Sospechosos": "suspected"}


def read_cutoffs():
    """{cutoff date: {kind: {state: {date: count}}}}, the cut-off being each file's last date column."""
    out = {}
    for path in sorted(glob.glob(f"{FOLDER}/Casos_Diarios_Estado_Nacional_*.csv")):
        kind = KINDS[re.match(r"Casos_Diarios_Estado_Nacional_([A-Za-z]+)_", os.path.basename(path)).group(1)]
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        dates = [datetime.datetime.strptime(h, "%d-%m-%Y").date() for h in rows[0][3:]]
        out.setdefault(dates[-1], {})[kind] = {r[0]: dict(zip(dates, map(int, r[3:]))) for r in rows[1:]}
    return out


def main():
    cutoffs = read_cutoffs()
    if len(cutoffs) != 5 or any(len(k) != 3 for k in cutoffs.values()):
        fail(f"expected 5 cut-offs of 3 kinds, read {[(c.isoformat(), sorted(k)) for c, k in cutoffs.items()]}")
    m = Metropoli(sys.argv[1])
    m.run("init")
    m.run("ingest", "municipal", f"{ROOT}/data/ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv")
    server = Server(sys.argv[1], m.database, m.dir, "state_positivity")
    try:
        _, _, body = Client(server).call("GET", "/api/v1/dashboard/zm-laguna", expect=200)
    finally:
        server.stop()
    dash = json.loads(body)
    dates = [datetime.date.fromisoformat(d) for d in dash["dates"]]
    states = dash["state_positivity"]
    if [s["code"] for s in states] != ["05", "10"]:
        fail(f"the zone's states: {[s['code'] for s in states]}")
    checked = covered = 0
    for s in states:
        if s["cutoffs"] != [c.isoformat() for c in sorted(cutoffs)]:
            fail(f"{s['code']}: cut-offs {s['cutoffs']}")
        for i, day in enumerate(dates):
            cut = max((c for c in cutoffs if c >= day), default=None)
            if cut is None:
                for key in ("percent", "confirmed", "cutoff"):
                    if s[key][i] is not None:
                        fail(f"{s['code']} {day}: {key} {s[key][i]} where no cut-off covers the day")
                checked += 1
                continue
            week = [day - datetime.timedelta(days=k) for k in range(7)]
            sums = {kind: sum(cutoffs[cut][kind][s["code"]].get(d, 0) for d in week) for kind in KINDS.values()}
            for kind, value in sums.items():
                if s[kind][i] != value:
                    fail(f"{s['code']} {day}: {kind} {s[kind][i]}, the files give {value} (cut-off {cut})")
            classified = sums["confirmed"] + sums["negative"]
            expected = 100 * sums["confirmed"] / classified if classified else None
            got = s["percent"][i]
            if (expected is None) != (got is None) or (got is not None and abs(got - expected) > 0.005 + 1e-9):
                fail(f"{s['code']} {day}: positivity {got}, the files give {expected} (cut-off {cut})")
            if s["cutoffs"][s["cutoff"][i]] != cut.isoformat():
                fail(f"{s['code']} {day}: cut-off {s['cutoffs'][s['cutoff'][i]]}, expected {cut}")
            checked += 1
            covered += 1
    print(f"ok: {checked} state-days checked ({covered} covered by a cut-off, the rest null), "
          f"{len(dates)} days x {len(states)} states")


if __name__ == "__main__":
    main()
