# SPDX-License-Identifier: MIT
"""Ingests into one SQLite file at the same time: each waits for the other's write transaction (the busy
timeout) instead of failing with "database is locked", and the stored result equals a sequential run.
Usage: concurrent_ingest.py METROPOLI_BINARY
"""
import os
import sqlite3
import subprocess
import sys
import time

from common import ROOT, Metropoli, fail

INGESTS = [
    ["ingest", "ssa", f"{ROOT}/data/ssa/samples/datos_abiertos_20200430_coah_dgo.csv"],
    ["ingest", "municipal", f"{ROOT}/data/ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv"],
    ["ingest", "hospital", f"{ROOT}/data/hospital/irag_ocupacion_absoluta_estatal_coah_dgo_20200407_20200906.csv"],
]
HOLD_SECONDS = 2.0


def start(metropoli, args):
    return subprocess.Popen([metropoli.binary, "--database", metropoli.database, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finish(processes, what):
    for args, p in processes:
        out, err = p.communicate(timeout=300)
        if p.returncode != 0:
            fail(f"{what}: metropoli {' '.join(args)} exited {p.returncode}\nstderr: {err}")


def stored(database):
    """Everything the ingests store, without ids and timestamps (which depend on the order)."""
    con = sqlite3.connect(database)
    releases = con.execute(
        "SELECT source, release_date, schema_name, scope, files, rows_read, rows_kept, rows_out_of_scope, "
        "rows_rejected, fields_set_aside FROM releases ORDER BY source, release_date").fetchall()
    series = con.execute(
        "SELECT r.source, r.release_date, s.municipality, s.measure, s.basis, s.first_date, s.last_date, s.total, "
        "s.daily, s.cells FROM release_series s JOIN releases r ON r.id = s.release_id "
        "ORDER BY 1, 2, 3, 4, 5").fetchall()
    feeds = con.execute(
        "SELECT f.feed, f.source_file, f.layout, f.first_date, f.last_date, f.rows_read, f.rows_kept, v.metric, "
        "v.jurisdiction, v.unit, v.day, v.value FROM feed_values v JOIN feed_files f ON f.id = v.file_id "
        "ORDER BY 1, 2, 8, 9, 10, 11").fetchall()
    con.close()
    return releases, series, feeds


def main():
    binary = sys.argv[1]
    sequential = Metropoli(binary)
    sequential.run("init")
    for args in INGESTS:
        sequential.run(*args)
    expected = stored(sequential.database)

    concurrent = Metropoli(binary)
    concurrent.run("init")

    # 1. Another writer holds the write lock while every ingest reaches its transaction: all of them wait for
    #    it, then for each other, and all succeed.
    holder = sqlite3.connect(concurrent.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    processes = [(args, start(concurrent, args)) for args in INGESTS]
    time.sleep(HOLD_SECONDS)
    holder.execute("COMMIT")
    holder.close()
    finish(processes, "ingest while another writer held the lock")
    waited = time.monotonic() - started
    if waited < HOLD_SECONDS:
        fail(f"the ingests finished in {waited:.2f} s, before the other writer let go ({HOLD_SECONDS} s)")
    if stored(concurrent.database) != expected:
        fail("concurrent ingests stored something else than the same ingests one after the other")

    # 2. The same ingests started together again, a few times: each replaces its release or file whole.
    for _ in range(3):
        finish([(args, start(concurrent, args)) for args in INGESTS], "ingests started together")
    if stored(concurrent.database) != expected:
        fail("repeated concurrent ingests stored something else than one sequential run")

    con = sqlite3.connect(concurrent.database)
    if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        fail("database damaged by concurrent ingests")
    con.close()
    releases, series, feeds = expected
    print(f"ok: {len(INGESTS)} ingests at once, waiting {waited:.1f} s for a held write lock and then for each "
          f"other, store what a sequential run stores ({len(releases)} releases, {len(series)} series, "
          f"{len(feeds)} feed values)")


if __name__ == "__main__":
    main()
