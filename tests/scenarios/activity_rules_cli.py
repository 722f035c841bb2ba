# SPDX-License-Identifier: MIT
"""The activity-rule and homologation commands on SQLite and (when METROPOLI_TEST_POSTGRES_URL is set) PostgreSQL:
`init --region laguna` loads the bundled 2020 record once (a second init adds nothing); the rules in force in
Durango on 10 November 2020 are exactly those data/activity_rules/rules.json dates to that day (counted here with
Python's json module); the homologation matrix of that day shows Torreón's restaurants at 50 % until 23:00 with a
2-hour stay against Gómez Palacio's 25 %, Gómez Palacio's curfew 22:00-05:00, the federal colours of the week
(Coahuila naranja, Durango rojo) and the divergences named on stderr; a bad rule is refused naming its field
(unknown activity, capacity 140 %, closing at 25:00) and nothing is written; a municipal rule added for Torreón
takes precedence over the state's; an edit at a stale version is refused, at the version read it is applied; the
audit chain stays intact.
Usage: activity_rules_cli.py METROPOLI_BINARY
"""
import csv
import io
import json
import os
import subprocess
import sys

from common import ROOT, Metropoli, fail

DAY = "2020-11-10"


def expected_in_force(jurisdiction, day):
    with open(os.path.join(ROOT, "data", "activity_rules", "rules.json"), encoding="utf-8") as f:
        rules = json.load(f)["rules"]
    return sum(1 for r in rules if r["jurisdiction"] == jurisdiction and r.get("valid_from")
               and r["valid_from"] <= day and (not r.get("valid_to") or day <= r["valid_to"]))


def matrix_rows(m, day):
    p = m.run("homologation", "matrix", "--date", day)
    rows = {row["activity"]: row for row in csv.DictReader(io.StringIO(p.stdout))}
    return rows, p.stderr


def scenario(m, name):
    m.run("init", "--region", "laguna")
    count = len(m.json("activity-rule", "list"))
    if count != 67:
        fail(f"{name}: {count} bundled rules, expected 67")
    m.run("init", "--region", "laguna")
    if len(m.json("activity-rule", "list")) != 67:
        fail(f"{name}: a second init changed the rules")

    durango = m.json("activity-rule", "list", "--jurisdiction", "10", "--on", DAY)
    if len(durango) != expected_in_force("10", DAY):
        fail(f"{name}: {len(durango)} Durango rules in force on {DAY}, rules.json says {expected_in_force('10', DAY)}")

    rows, stderr = matrix_rows(m, DAY)
    torreon, gomez = "05035 Torreón", "10007 Gómez Palacio"
    if not rows["restaurantes"][torreon].startswith("50 % hasta 23:00, estancia máx. 120 min [state 05,"):
        fail(f"{name}: Torreón's restaurants: {rows['restaurantes'][torreon]}")
    if not rows["restaurantes"][gomez].startswith("25 % [state 10,"):
        fail(f"{name}: Gómez Palacio's restaurants: {rows['restaurantes'][gomez]}")
    if not rows["movilidad_nocturna"][gomez].startswith("toque de queda 22:00–05:00 [state 10,"):
        fail(f"{name}: Gómez Palacio's curfew: {rows['movilidad_nocturna'][gomez]}")
    if rows["restaurantes"]["divergent"] != "divergent" or rows["escuelas"]["divergent"] != "":
        fail(f"{name}: divergence flags {rows['restaurantes']['divergent']!r}, {rows['escuelas']['divergent']!r}")
    for line in ("color / colour: Torreón naranja (federal 2020-W45 (data/semaforo))",
                 "color / colour: Gómez Palacio rojo (federal 2020-W45 (data/semaforo))",
                 "divergencia / divergence: Restaurantes y cafeterías: Francisco I. Madero, Matamoros, Torreón 50 % "
                 "hasta 23:00, estancia máx. 120 min; Gómez Palacio, Lerdo 25 %"):
        if line not in stderr.splitlines():
            fail(f"{name}: stderr lacks {line!r}:\n{stderr}")
    matrix = m.json("homologation", "matrix", "--date", DAY)
    cells = {c["code"]: c for a in matrix["activities"] if a["key"] == "movilidad_nocturna" for c in a["cells"]}
    if (cells["10007"]["rule"]["opens"], cells["10007"]["rule"]["closes"]) != ("05:00", "22:00"):
        fail(f"{name}: the curfew's hours in JSON: {cells['10007']['rule']}")

    base = ["activity-rule", "add", "--jurisdiction", "05035", "--from", "2020-11-09", "--allowed", "restricted",
            "--source", "siglo-1765525"]
    for extra, field in ((["--activity", "karaoke"], "/activity:"),
                         (["--activity", "restaurantes", "--capacity", "140"], "/capacity_pct:"),
                         (["--activity", "restaurantes", "--closes", "25:00"], "/closes:")):
        p = m.run(*base, *extra, expect=1)
        if field not in p.stderr:
            fail(f"{name}: {extra} refused without naming {field}: {p.stderr}")
    if len(m.json("activity-rule", "list")) != 67:
        fail(f"{name}: a refused rule was written")

    made = m.json(*base, "--activity", "restaurantes", "--capacity", "30", "--conditions", "Prueba")
    rows, _ = matrix_rows(m, DAY)
    if not rows["restaurantes"][torreon].startswith(f"30 % [municipality 05035, regla / rule {made['id']}]"):
        fail(f"{name}: the municipal rule does not win: {rows['restaurantes'][torreon]}")
    p = m.run("activity-rule", "edit", str(made["id"]), "--version", "7", "--capacity", "35", expect=1)
    if "v1" not in p.stderr:
        fail(f"{name}: a stale edit's refusal does not name the version: {p.stderr}")
    edited = m.json("activity-rule", "edit", str(made["id"]), "--version", "1", "--capacity", "35")
    if edited["version"] != 2 or edited["capacity_pct"] != 35 or edited["conditions"]["es"] != "Prueba":
        fail(f"{name}: the edit: {edited}")
    p = m.run("audit", "verify")
    if "intact" not in p.stdout:
        fail(f"{name}: audit verify: {p.stdout}")
    print(f"{name}: 67 bundled rules, {len(durango)} in force in Durango on {DAY}, divergence named, "
          "3 bad rules refused by field, municipal precedence, versioned edit")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    binary = sys.argv[1]
    scenario(Metropoli(binary), "SQLite")
    admin = os.environ.get("METROPOLI_TEST_POSTGRES_URL")
    if admin:
        database = admin.rsplit("/", 1)[0] + "/activity_rules_cli"
        for sql in ("DROP DATABASE IF EXISTS activity_rules_cli WITH (FORCE)", "CREATE DATABASE activity_rules_cli"):
            subprocess.run(["psql", admin, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql], check=True,
                           capture_output=True)
        scenario(Metropoli(binary, database), "PostgreSQL")
    elif os.environ.get("METROPOLI_REQUIRE_POSTGRES") == "1":
        fail("METROPOLI_REQUIRE_POSTGRES=1 but METROPOLI_TEST_POSTGRES_URL is not set")


if __name__ == "__main__":
    main()
