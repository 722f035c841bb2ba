# SPDX-License-Identifier: MIT
"""Read commands never create a database, and work on a read-only filesystem; pending migrations on a read-only
database are a clear error. The read-only filesystem is a read-only bind mount in a private mount namespace
(`unshare --user --map-root-user --mount`), so the test needs neither root nor changes to the host.
Usage: readonly_database.py METROPOLI_BINARY
"""
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request

from common import ROOT, Metropoli, fail

MUNICIPAL = f"{ROOT}/data/ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv"
HOSPITAL = f"{ROOT}/data/hospital/irag_porcentaje_ocupacion_estatal_coah_dgo_20200407_20210205.csv"
ECONOMY = f"{ROOT}/data/economy/imss_asegurados_totales_la_laguna_2022.csv"
READS = [
    ["releases"],
    ["series", "-j", "zm-laguna", "-m", "confirmed", "--from", "2020-11-01", "--to", "2020-11-15"],
    ["series", "-j", "05", "-m", "irag_general_pct", "--from", "2020-11-01", "--to", "2020-11-03"],
    ["jurisdictions", "--region-only"],
    ["indicators", "-j", "zm-laguna", "--date", "2020-11-15"],
    ["metro", "--zone", "zm-laguna", "--date", "2020-11-15"],
]


def run(binary, database, args, expect=0, readonly_dir=None):
    """Runs metropoli; with readonly_dir, inside a mount namespace where that folder is mounted read-only."""
    command = [binary, "--database", database, *args]
    if readonly_dir:
        command = ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                   'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"', readonly_dir,
                   *command]
    p = subprocess.run(command, capture_output=True, text=True)
    if expect is not None and p.returncode != expect:
        where = f" on a read-only mount of {readonly_dir}" if readonly_dir else ""
        fail(f"metropoli {' '.join(args)}{where} exited {p.returncode}, expected {expect}\n"
             f"stdout: {p.stdout}\nstderr: {p.stderr}")
    return p


def readonly_mounts_work(folder):
    probe = os.path.join(folder, "probe")
    p = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                        'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && ! touch "$1" 2>/dev/null',
                        folder, probe], capture_output=True, text=True)
    return p.returncode == 0 and not os.path.exists(probe)


def never_created(binary, folder):
    missing = os.path.join(folder, "misspelt.db")
    for args in READS + [["serve", "--port", "0"], ["export-site", os.path.join(folder, "site")],
                         ["ingest", "municipal", MUNICIPAL], ["ingest", "hospital", HOSPITAL]]:
        p = run(binary, missing, args, expect=1)
        if missing not in p.stderr or "metropoli init" not in p.stderr:
            fail(f"metropoli {' '.join(args)} on a missing database: the error names neither the path nor "
                 f"`metropoli init`:\n{p.stderr}")
        if os.path.exists(missing):
            fail(f"metropoli {' '.join(args)} created {missing}")
    # An empty file (as `touch` leaves) is not initialised either, and stays as it was.
    open(missing, "w").close()
    p = run(binary, missing, ["releases"], expect=1)
    if "metropoli init" not in p.stderr or os.path.getsize(missing) != 0:
        fail(f"releases on an empty file: {p.stderr}")
    os.remove(missing)


def serve_answers(binary, database, readonly_dir):
    command = [binary, "--database", database, "serve", "--port", "0", "--access-log", "off"]
    command = ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
               'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"', readonly_dir, *command]
    p = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        # Warnings may come first (no built web application, say): read on to the line with the address.
        seen = []
        line = p.stderr.readline()
        while line and "http://" not in line and len(seen) < 50:
            seen.append(line)
            line = p.stderr.readline()
        if "http://" not in line:
            fail(f"serve on a read-only mount did not start: {''.join(seen)}{line}")
        url = line.split("http://", 1)[1].split("/", 1)[0]
        body = None
        for _ in range(100):
            try:
                body = json.loads(urllib.request.urlopen(f"http://{url}/healthz", timeout=5).read())
                break
            except OSError:
                time.sleep(0.1)
        if body != {"status": "ok"}:
            fail(f"/healthz on a read-only mount: {body}")
        releases = json.loads(urllib.request.urlopen(f"http://{url}/api/v1/releases", timeout=30).read())
        if not releases:
            fail("/api/v1/releases on a read-only mount is empty")
    finally:
        p.send_signal(signal.SIGTERM)
        rest = p.communicate(timeout=30)[1]
    if p.returncode != 0:
        fail(f"serve on a read-only mount exited {p.returncode} after SIGTERM: {rest}")


def main():
    binary = sys.argv[1]
    m = Metropoli(binary)
    never_created(binary, m.dir)

    folder = os.path.join(m.dir, "ro folder")
    os.mkdir(folder)
    database = os.path.join(folder, "metro politan.db")
    for args in [["init"], ["ingest", "municipal", MUNICIPAL], ["ingest", "hospital", HOSPITAL]]:
        run(binary, database, args)
    expected = {tuple(a): run(binary, database, a).stdout for a in READS}
    before = sorted(os.listdir(folder))
    if before != ["metro politan.db"]:
        fail(f"read commands left files beside the database: {before}")

    if not readonly_mounts_work(m.dir):
        print("SKIPPED the read-only filesystem part: `unshare --user --map-root-user --mount` with a read-only "
              "bind mount is not permitted here; ran only the never-create checks")
        return

    # A clean read-only filesystem: no write-ahead log beside the file, so the reads open it immutable.
    for args in READS:
        got = run(binary, database, args, readonly_dir=folder).stdout
        if got != expected[tuple(args)]:
            fail(f"metropoli {' '.join(args)} on a read-only mount printed something else than on the writable one")
    serve_answers(binary, database, folder)
    site = os.path.join(m.dir, "site")
    run(binary, database, ["export-site", site, "--web", os.path.join(m.dir, "no web")], expect=1,
        readonly_dir=folder)  # refused for the missing application, not for the database
    p = run(binary, database, ["ingest", "hospital", HOSPITAL], expect=1, readonly_dir=folder)
    if "read-only" not in p.stderr:
        fail(f"an ingest on a read-only mount does not say why it cannot write: {p.stderr}")

    # A writer is still running on the writable side, so its write-ahead log holds changes and its
    # shared-memory file exists: the read-only side reads through them and sees the latest data.
    writer = sqlite3.connect(database)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("SELECT COUNT(*) FROM releases").fetchone()
    run(binary, database, ["ingest", "economy", ECONOMY])
    economy = ["series", "-j", "zm-laguna", "-m", "imss_insured"]
    latest = run(binary, database, economy).stdout
    if os.path.getsize(database + "-wal") == 0:
        fail("the scenario meant the write-ahead log to hold the economy ingest")
    if run(binary, database, economy, readonly_dir=folder).stdout != latest or latest.count("\n") < 2:
        fail("a read on the read-only mount missed the changes still in the write-ahead log")

    # A copy with that log but without its shared-memory file cannot be read correctly immutable: refused.
    copy = os.path.join(m.dir, "copy")
    os.mkdir(copy)
    shutil.copy(database, os.path.join(copy, "m.db"))
    shutil.copy(database + "-wal", os.path.join(copy, "m.db-wal"))
    writer.close()
    p = run(binary, os.path.join(copy, "m.db"), ["releases"], expect=1, readonly_dir=copy)
    if "write-ahead log" not in p.stderr:
        fail(f"a read-only copy with a write-ahead log and no shared memory: {p.stderr}")

    # A database of an older Metrópoli (its last migration not applied): on a read-only mount a read is refused
    # with the reason; on a writable one the read applies the migration first.
    old = os.path.join(m.dir, "old")
    os.mkdir(old)
    run(binary, os.path.join(old, "m.db"), ["init"])
    con = sqlite3.connect(os.path.join(old, "m.db"))
    latest_version = con.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
    # The feeds' migrations undone: 202 creates their tables, 204 their data generation triggers.
    for table in ["feed_units", "feed_values", "feed_files"]:
        con.execute(f"DROP TABLE {table}")
    con.execute("DELETE FROM schema_migrations WHERE version IN (202, 204)")
    con.commit()
    con.close()
    p = run(binary, os.path.join(old, "m.db"), ["releases"], expect=1, readonly_dir=old)
    for needle in ["schema version", f"needs {latest_version}", "read-only"]:
        if needle not in p.stderr:
            fail(f"pending migrations on a read-only database: stderr lacks '{needle}':\n{p.stderr}")
    run(binary, os.path.join(old, "m.db"), ["releases"])
    con = sqlite3.connect(os.path.join(old, "m.db"))
    if con.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] != latest_version:
        fail("a read on a writable database did not apply the pending migration")
    con.close()
    print(f"ok: no read command creates a database; {len(READS)} reads, serve and /healthz on a read-only mount; "
          "write-ahead log read through on a read-only mount, refused without its shared memory; pending "
          "migrations refused read-only, applied writable")


if __name__ == "__main__":
    main()
