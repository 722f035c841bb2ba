# SPDX-License-Identifier: MIT
"""Every release of April and May 2020: the 45 real daily releases of data/ssa/releases_2020-04_05_laguna ingest in
one command, each as its own release, and each equals an independent count of its raw rows.

The files carry the quirks of those weeks (34 or 35 columns, renamed headers, quoting that switches on and off) and
one lie: the file of 17 April says FECHA_ACTUALIZACION 2020-04-19 in every row. Loaded by that field it would become
the release of the 19th and be replaced by the real one; it must be stored as the release of the 17th, with a
warning. The count shares no code with the C++ ingest (ssa_counts.count, from the official definitions). Then the
reporting delay the releases show: how Torreón's confirmed cases by onset for one week grew from release to release.
Usage: releases_45.py METROPOLI_BINARY
"""
import collections
import datetime
import glob
import os
import sqlite3
import sys

from common import ROOT, Metropoli, fail
from ssa_counts import count

FOLDER = f"{ROOT}/data/ssa/releases_2020-04_05_laguna"
FIRST, LAST = datetime.date(2020, 4, 13), datetime.date(2020, 5, 27)


def file_date(path):
    stem = os.path.basename(path).split("_")[2]
    return datetime.date(int(stem[:4]), int(stem[4:6]), int(stem[6:8]))


def stored_counts(con, release):
    got = collections.defaultdict(dict)
    for muni, measure, basis, date, value in con.execute(
            "SELECT municipality, measure, basis, date, value FROM daily_counts "
            "WHERE source = 'ssa' AND release_date = ? AND value > 0", (release,)):
        got[(muni, measure, basis)][date] = value
    return dict(got)


def main():
    metropoli = Metropoli(sys.argv[1])
    metropoli.run("init", "--region", "laguna")
    files = sorted(glob.glob(f"{FOLDER}/datos_abiertos_*_laguna.csv"))
    days = (LAST - FIRST).days + 1
    if len(files) != days or [file_date(f) for f in files] != [FIRST + datetime.timedelta(d) for d in range(days)]:
        fail(f"{FOLDER} should hold one file a day from {FIRST} to {LAST}, found {len(files)}")

    p = metropoli.run("ingest", "ssa", *files)
    warned = [line for line in p.stderr.splitlines() if "warning: FECHA_ACTUALIZACION is 2020-04-19" in line]
    if len(warned) != 1 or "stored as the release of 2020-04-17" not in warned[0]:
        fail(f"the file of 17 April was not flagged as stored under its name's date:\n{p.stderr[:3000]}")
    releases = [r for r in metropoli.json("releases") if r["source"] == "ssa"]
    by_date = {r["release"]: r for r in releases}
    if sorted(by_date) != [file_date(f).isoformat() for f in files]:
        fail(f"expected the 45 releases {FIRST}..{LAST}, stored {sorted(by_date)}")

    con = sqlite3.connect(metropoli.database)
    cells = 0
    for path in files:
        day = file_date(path)
        release = by_date[day.isoformat()]
        with open(path, encoding="utf-8", newline="") as f:
            rows = sum(1 for _ in f) - 1
        if (release["rows_read"], release["rows_kept"], release["rows_rejected"]) != (rows, rows, 0):
            fail(f"{day}: read {release['rows_read']}, kept {release['rows_kept']}, rejected "
                 f"{release['rows_rejected']}; the file holds {rows} rows of La Laguna")
        if not release["files"].endswith(os.path.basename(path)):
            fail(f"{day}: stored from {release['files']}, not from {path}")
        want = {k: dict(v) for k, v in count(path, day).items() if v}
        got = stored_counts(con, day.isoformat())
        if got != want:
            keys = sorted(set(got) ^ set(want)) or sorted(k for k in want if got.get(k) != want[k])
            fail(f"{day}: daily_counts differ from the raw rows, first at {keys[:3]}")
        cells += sum(len(v) for v in want.values())
    print(f"ok: 45 releases ({FIRST} to {LAST}) in one command, {sum(r['rows_kept'] for r in releases):,} rows; "
          f"each release's {cells:,} day counts in all equal the raw rows; the file of 17 April stored as 2020-04-17")

    # Reporting delay: Torreón's confirmed cases with onset in the week of 13-19 April, release by release.
    week = [(datetime.date(2020, 4, 13) + datetime.timedelta(d)).isoformat() for d in range(7)]
    seen = []
    for path in files:
        release = file_date(path).isoformat()
        (n,) = con.execute(
            "SELECT coalesce(sum(value), 0) FROM daily_counts WHERE source = 'ssa' AND release_date = ? AND "
            "municipality = '05035' AND measure = 'confirmed' AND basis = 'onset' AND date BETWEEN ? AND ?",
            (release, week[0], week[-1])).fetchone()
        seen.append((release, n))
    con.close()
    first_seen = next((r, n) for r, n in seen if r >= week[-1])
    print(f"  Torreón, confirmed with onset {week[0]}..{week[-1]}: {first_seen[1]} in the release of "
          f"{first_seen[0]}, {seen[-1][1]} in the release of {seen[-1][0]}; as seen by "
          + ", ".join(f"{r[5:]}: {n}" for r, n in seen[6::7]))
    if seen[-1][1] <= first_seen[1]:
        fail("the later releases should hold more of that week's cases than the first one after it")

    # One command given two files of one release stores the first and refuses the second.
    p = metropoli.run("ingest", "ssa", files[6], files[6], expect=None)
    if p.returncode == 0 or "two files of one release" not in p.stderr:
        fail(f"two files of the release of 2020-04-19 in one command were not refused:\n{p.stderr}")
    print("ok: a second file of the same release in one command is refused")


if __name__ == "__main__":
    main()
