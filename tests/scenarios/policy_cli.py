# SPDX-License-Identifier: MIT
"""`metropoli policy` as an analyst types it, on SQLite and (when METROPOLI_TEST_POSTGRES_URL is set) PostgreSQL:
every sample of data/oxcgrt/ imported; the same file again writes nothing; a malformed file is refused at its line
and column with nothing written; `policy index` prints Mexico's 2020 Stringency index equal, day by day, to the
column OxCGRT published (read here with Python's csv module); `policy compare` finds 0 mismatches for every
jurisdiction and lists each exact tie it finds; --database works after the subcommand too.
Usage: policy_cli.py METROPOLI_BINARY
"""
import csv
import io
import os
import subprocess
import sys
import datetime

from common import ROOT, Metropoli, fail

DATA = os.path.join(ROOT, "data", "oxcgrt")
FILES = sorted(os.path.join(DATA, f) for f in os.listdir(DATA) if f.endswith(".csv"))


def published_si():
    with open(os.path.join(DATA, "MEX_NAT_2020_from_legacy_timeseries.csv"), newline="") as f:
        return {datetime.datetime.strptime(r["Date"], "%Y%m%d").date().isoformat(): r["StringencyIndex"]
                for r in csv.DictReader(f)}


def check(m, label):
    m.run("init", "--region", "laguna")
    out = m.run("policy", "import", *FILES).stdout
    if out.count("fuente / source") != len(FILES):
        fail(f"{label}: import did not report every file:\n{out}")
    counts = m.run("audit", "log", "--entity", "policy_source").stdout
    again = m.run("policy", "import", FILES[0]).stdout
    if "already imported" not in again:
        fail(f"{label}: a second import of {FILES[0]} was not refused: {again}")
    if m.run("audit", "log", "--entity", "policy_source").stdout != counts:
        fail(f"{label}: the second import wrote an audit entry")

    bad = os.path.join(m.dir, "bad.csv")
    with open(os.path.join(DATA, "MEX_NAT_2020_from_legacy_timeseries.csv"), newline="") as f:
        lines = f.read().splitlines(True)
    lines[10] = lines[10].replace("Mexico,MEX,NAT_TOTAL,20200110,0,", "Mexico,MEX,NAT_TOTAL,20200110,9,", 1)
    with open(bad, "w", newline="") as f:
        f.writelines(lines)
    p = m.run("policy", "import", bad, expect=1)
    if f"{bad}: línea 11, columna 5 (C1_School closing)" not in p.stderr:
        fail(f"{label}: the malformed file's error does not name its line and column: {p.stderr}")

    # The index, against the published column (every day of 2020), with --database after the subcommand.
    p = subprocess.run([m.binary, "policy", "index", "--jurisdiction", "MEX", "--index", "SI", "--database",
                        m.database], capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"{label}: policy index exited {p.returncode}: {p.stderr}")
    rows = list(csv.DictReader(io.StringIO(p.stdout)))
    if list(rows[0].keys()) != ["jurisdiction", "date", "index", "value"]:
        fail(f"{label}: policy index header {list(rows[0].keys())}")
    expected = published_si()
    if len(rows) != 366:
        fail(f"{label}: {len(rows)} days of Mexico's SI, expected 366")
    for r in rows:
        if float(r["value"]) != float(expected[r["date"]]):
            fail(f"{label}: MEX SI {r['date']} is {r['value']}, OxCGRT published {expected[r['date']]}")
    week = list(csv.DictReader(io.StringIO(m.run("policy", "index", "-j", "MEX", "--index", "SI", "--from",
                                                 "2020-03-29", "--to", "2021-01-01").stdout)))
    if (week[0]["value"], week[1]["value"], week[-1]["value"]) != ("63.89", "82.41", ""):
        fail(f"{label}: MEX SI 29-30 Mar 2020 and 1 Jan 2021: {week[0]}, {week[1]}, {week[-1]}")

    for code in ["MEX", "GBR", "UK_SCO", "UK_WAL", "UK_NIR"]:
        levels = ["NAT_TOTAL", "NAT_GOV"] if code == "GBR" else ["NAT_TOTAL"] if code == "MEX" else \
            ["STATE_TOTAL", "STATE_WIDE"]
        for level in levels:
            p = m.run("policy", "compare", "--jurisdiction", code, "--level", level)
            summary, differences = p.stdout.split("\n\n", 1)
            table = list(csv.DictReader(io.StringIO(summary)))
            if any(int(r["mismatches"]) or int(r["not_computed"]) for r in table):
                fail(f"{label}: {code} {level} has mismatches:\n{summary}")
            ties = sum(int(r["ties_rounded_other_way"]) for r in table)
            listed = [d for d in csv.DictReader(io.StringIO(differences))]
            if len(listed) != ties or any(d["outcome"] != "tie rounded the other way" for d in listed):
                fail(f"{label}: {code} {level}: {ties} ties counted, {len(listed)} differences listed")
            for d in listed:
                exact = d["exact"].split("/")
                num, den = int(exact[0]), int(exact[1])
                if (num * 200) % den != 0 or (num * 100) % den == 0:
                    fail(f"{label}: {code} {d['date']} {d['index']} listed as a tie, but {d['exact']} is not x.xx5")
            print(f"{label}: {code} {level}: {sum(int(r['equal']) for r in table)} equal, {ties} ties, 0 mismatches")
    # The export: Scotland's stored days in the fullwithnotes layout, every non-index column as published.
    exported = os.path.join(m.dir, "sco.csv")
    m.run("policy", "export", "--jurisdiction", "UK_SCO", "--level", "STATE_TOTAL", "--output", exported)
    with open(os.path.join(DATA, "GBR_fullwithnotes_v1_SCO_WAL_NIR_NAT_2020-2022.csv"), newline="") as f:
        original = [r for r in csv.DictReader(f) if r["RegionCode"] == "UK_SCO"]
    with open(exported, newline="") as f:
        back = list(csv.DictReader(f))
    if len(back) != len(original) or len(original) != 1096:
        fail(f"{label}: exported {len(back)} Scotland records, the sample has {len(original)}")
    for a, b in zip(original, back):
        for column, value in a.items():
            if "Index" not in column and b[column] != value:
                fail(f"{label}: export {a['Date']} {column}: {b[column]!r}, published {value!r}")
    m.run("audit", "verify")


def main():
    binary = sys.argv[1]
    check(Metropoli(binary), "SQLite")
    admin = os.environ.get("METROPOLI_TEST_POSTGRES_URL")
    if admin:
        subprocess.run(["psql", admin, "-qc", "DROP DATABASE IF EXISTS policy_cli WITH (FORCE)"], check=True)
        subprocess.run(["psql", admin, "-qc", "CREATE DATABASE policy_cli"], check=True)
        check(Metropoli(binary, admin.rsplit("/", 1)[0] + "/policy_cli"), "PostgreSQL")
    elif os.environ.get("METROPOLI_REQUIRE_POSTGRES") == "1":
        fail("METROPOLI_TEST_POSTGRES_URL is not set")
    print("policy_cli: ok")


if __name__ == "__main__":
    main()
