# SPDX-License-Identifier: MIT
"""`metropoli policy observe` and the region's export on SQLite and (when METROPOLI_TEST_POSTGRES_URL is set)
PostgreSQL: ana (the command-line coder, `--as ana`) enters Gómez Palacio's curfew of November 2020 with its
decree; a value outside C6's scale is refused naming /value and writes nothing; ana submits it; ana cannot approve
her own (refused, still submitted); beto approves it; the list shows it approved and reviewed by beto; a draft of
another indicator stays out of the export; `policy export --jurisdiction 10007 --level GOV` writes the fullwithnotes
layout whose C6 column, read here with Python's csv module, is 2.00 general on exactly the 15 days 3-17 November;
that file imported back and exported again is the same bytes; the TOTAL's SI timeseries has one row for
10007 CITY_TOTAL and a column per day.
Usage: policy_observe_cli.py METROPOLI_BINARY
"""
import csv
import io
import os
import subprocess
import sys

from common import Metropoli, fail

DECREE = ["--source-kind", "periodico_oficial", "--source-title", "Acuerdo de semáforo rojo (prueba)",
          "--source-issuer", "Gobierno del Estado de Durango", "--source-date", "2020-11-02",
          "--source-url", "https://periodicooficial.durango.gob.mx/prueba"]
CURFEW = ["--jurisdiction", "10007", "--scope", "GOV", "--indicator", "C6", "--flag", "1", "--start", "2020-11-03",
          "--end", "2020-11-17", "--curfew-from", "22:00", "--curfew-to", "05:00"] + DECREE


def scenario(m, name):
    m.run("init", "--region", "laguna")
    ana = ["--as", "ana"]
    before = len(m.json(*ana, "policy", "observe", "list"))
    p = m.run(*ana, "policy", "observe", "add", *CURFEW, "--value", "9", expect=1)
    if "/value:" not in p.stderr:
        fail(f"{name}: a value outside the scale refused without naming /value: {p.stderr}")
    if len(m.json(*ana, "policy", "observe", "list")) != before:
        fail(f"{name}: a refused observation was written")
    made = m.json(*ana, "policy", "observe", "add", *CURFEW, "--value", "2")
    if made["review_state"] != "draft" or made["coder"] != "ana" or made["extensions"]["curfew_from"] != "22:00":
        fail(f"{name}: the draft: {made}")
    other = m.json(*ana, "policy", "observe", "add", "--jurisdiction", "10007", "--indicator", "C1", "--value", "3",
                   "--flag", "1", "--start", "2020-11-03", "--end", "2020-11-17", *DECREE)
    oid = str(made["id"])
    submitted = m.json(*ana, "policy", "observe", "submit", oid, "--version", "1")
    if submitted["review_state"] != "submitted" or submitted["version"] != 2:
        fail(f"{name}: submit: {submitted}")
    p = m.run(*ana, "policy", "observe", "approve", oid, expect=1)
    if "cannot review it" not in p.stderr:
        fail(f"{name}: the coder approving her own: {p.stderr}")
    p = m.run("--as", "beto", "policy", "observe", "approve", oid, "--version", "1", expect=1)
    if "v2" not in p.stderr:
        fail(f"{name}: a stale approval does not name the version: {p.stderr}")
    approved = m.json("--as", "beto", "policy", "observe", "approve", oid)
    if approved["review_state"] != "approved" or approved["reviewer"] != "beto":
        fail(f"{name}: approve: {approved}")
    rows = list(csv.DictReader(io.StringIO(m.run(*ana, "policy", "observe", "list", "--jurisdiction", "10007",
                                                 "--indicator", "C6", "--state", "approved").stdout)))
    if [r["id"] for r in rows if r["id"] == oid] != [oid] or next(r for r in rows if r["id"] == oid)["reviewer"] != "beto":
        fail(f"{name}: the list: {rows}")

    out = os.path.join(m.dir, "gov.csv")
    m.run("policy", "export", "--jurisdiction", "10007", "--level", "GOV", "--from", "2020-11-01", "--to",
          "2020-11-30", "--output", out)
    with open(out, newline="", encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    curfew_days = [r["Date"] for r in records if r["C6E_Stay at home requirements"] == "2.00" and r["C6E_Flag"] == "1"]
    if curfew_days != [f"202011{d:02}" for d in range(3, 18)]:
        fail(f"{name}: C6 2.00 general on {curfew_days}")
    if any(r["C1E_School closing"] for r in records):
        fail(f"{name}: the draft of C1 (observation {other['id']}) was exported")
    if {r["Jurisdiction"] for r in records} != {"CITY_GOV"} or {r["RegionCode"] for r in records} != {"10007"}:
        fail(f"{name}: the record's place: {records[0]}")
    m.run("policy", "import", out)
    again = os.path.join(m.dir, "again.csv")
    m.run("policy", "export", "--jurisdiction", "10007", "--level", "CITY_GOV", "--output", again)
    with open(out, "rb") as a, open(again, "rb") as b:
        if a.read() != b.read():
            fail(f"{name}: the export of the imported file differs from the first export")
    series = m.run("policy", "export", "--jurisdiction", "10007", "--level", "TOTAL", "--layout", "timeseries",
                   "--index", "SI", "--from", "2020-11-01", "--to", "2020-11-30").stdout
    lines = series.splitlines()
    header = lines[0].split(",")
    if header[7] != "01Nov2020" or header[-1] != "30Nov2020" or len(lines) != 2 or ",CITY_TOTAL," not in lines[1]:
        fail(f"{name}: the timeseries: {lines[:2]}")
    p = m.run("audit", "verify")
    if "intact" not in p.stdout:
        fail(f"{name}: audit verify: {p.stdout}")
    print(f"{name}: observation {oid} entered, refused by field, submitted, own approval refused, approved by beto; "
          f"{len(records)} CITY_GOV records exported ({len(curfew_days)} curfew days), identical after import; "
          f"SI timeseries of 10007 CITY_TOTAL with {len(header) - 7} days")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    binary = sys.argv[1]
    scenario(Metropoli(binary), "SQLite")
    admin = os.environ.get("METROPOLI_TEST_POSTGRES_URL")
    if admin:
        database = admin.rsplit("/", 1)[0] + "/policy_observe_cli"
        for sql in ("DROP DATABASE IF EXISTS policy_observe_cli WITH (FORCE)", "CREATE DATABASE policy_observe_cli"):
            subprocess.run(["psql", admin, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql], check=True,
                           capture_output=True)
        scenario(Metropoli(binary, database), "PostgreSQL")
    elif os.environ.get("METROPOLI_REQUIRE_POSTGRES") == "1":
        fail("METROPOLI_REQUIRE_POSTGRES=1 but METROPOLI_TEST_POSTGRES_URL is not set")


if __name__ == "__main__":
    main()
