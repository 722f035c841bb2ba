# SPDX-License-Identifier: MIT
"""Bad input at the command line: clear errors with what and where, nothing half-written, nothing lost,
including a kill -9 in the middle of the release's transaction.
Usage: bad_input.py METROPOLI_BINARY
"""
import csv
import os
import sqlite3
import sys

from common import ROOT, Metropoli, fail

BAD = f"{ROOT}/tests/data/ssa"
SAMPLE = f"{ROOT}/data/ssa/samples/datos_abiertos_20200430_coah_dgo.csv"


def confirmed(metropoli):
    return metropoli.run("series", "-j", "zm-laguna", "-m", "confirmed").stdout


def expect_error(metropoli, args, *needles):
    p = metropoli.run(*args, expect=1)
    for n in needles:
        if n not in p.stderr:
            fail(f"metropoli {' '.join(args)}: stderr lacks '{n}':\n{p.stderr}")


def main():
    m = Metropoli(sys.argv[1])
    expect_error(m, ["series", "-j", "zm-laguna", "-m", "confirmed"], "metropoli init")
    m.run("init")
    m.run("ingest", "ssa", SAMPLE)
    before = confirmed(m)

    expect_error(m, ["ingest", "ssa", f"{BAD}/truncated.csv"], "truncated", "nothing was stored")
    expect_error(m, ["ingest", "ssa", f"{BAD}/truncated.zip"], "truncated")
    expect_error(m, ["ingest", "ssa", f"{BAD}/unknown_layout.csv"], "unknown layout", "found 3 columns", "MUNICIPIO_RES")
    expect_error(m, ["ingest", "ssa", "--strict", f"{BAD}/bad_values.csv"], "line 4, column MUNICIPIO_RES", "strict ingest: stopped at the first reject")
    # Never replace good data with less: a zip of several CSVs (a one-state extract first) and a smaller release
    # of the same date are refused, naming what and why.
    expect_error(m, ["ingest", "ssa", f"{BAD}/two_members.zip"], "2 CSV files", "200430COVID19MEXICO_coahuila.csv",
                 "200430COVID19MEXICO.csv", "--member")
    expect_error(m, ["ingest", "ssa", "--member", "200430COVID19MEXICO_coahuila.csv", f"{BAD}/two_members.zip"],
                 "4,370 rows kept", "3,643 rows kept", "--replace", "nothing was stored")
    expect_error(m, ["ingest", "ssa", f"{BAD}/bad_values.csv"], "holds more", "--replace")
    if confirmed(m) != before:
        fail("a failed ingest changed the stored release")
    m.run("ingest", "ssa", "--member", "200430COVID19MEXICO.csv", f"{BAD}/two_members.zip")
    if confirmed(m) != before:
        fail("the whole release from the zip's --member differs from the CSV")

    rejects = os.path.join(m.dir, "rejects.csv")
    p = m.run("ingest", "ssa", "--replace", "--rejects", rejects, f"{BAD}/bad_values.csv")
    for needle in ["rejected 2", "FECHA_DEF = '-001-11-30'", "SEXO = '5'", "line 4, column MUNICIPIO_RES"]:
        if needle not in p.stderr:
            fail(f"summary lacks '{needle}':\n{p.stderr}")
    with open(rejects, newline="") as f:
        rows = list(csv.DictReader(f))
    if [(r["line"], r["column"]) for r in rows] != [("4", "MUNICIPIO_RES"), ("5", "MUNICIPIO_RES")]:
        fail(f"rejects file: {rows}")

    # kill -9 in the middle of writing the release: the previous state must survive intact.
    m.run("ingest", "ssa", SAMPLE)
    before = confirmed(m)
    p = m.run("ingest", "ssa", f"{BAD}/release_20200430.zip", expect=None,
              env={"METROPOLI_FAULT_KILL_AFTER_SERIES": "200"})
    if p.returncode != -9:
        fail(f"the fault hook did not kill the ingest (exit {p.returncode})")
    if confirmed(m) != before:
        fail("kill -9 during an ingest changed the stored release")
    con = sqlite3.connect(m.database)
    if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        fail("database damaged after kill -9")
    series = con.execute("SELECT COUNT(*) FROM release_series").fetchone()[0]
    con.close()
    releases = m.json("releases")
    if len(releases) != 1 or releases[0]["series"] != series:
        fail(f"releases after kill -9: {releases}")
    print(f"ok: truncated csv/zip, unknown layout, strict, several CSVs in a zip, a smaller release refused, "
          f"rejects file, and kill -9 mid-transaction "
          f"({series} series intact)")


if __name__ == "__main__":
    main()
