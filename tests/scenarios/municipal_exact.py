# SPDX-License-Identifier: MIT
"""After `ingest municipal`, `series` returns exactly the official file's value for every municipality and date.
Usage: municipal_exact.py METROPOLI_BINARY
"""
import csv
import datetime
import sys

from common import ROOT, Metropoli, fail

FILES = [
    (f"{ROOT}/data/ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv", "confirmed"),
    (f"{ROOT}/data/ssa_municipal/Casos_Diarios_Municipio_Defunciones_20210312_coah_dgo.csv", "deaths"),
]


def parse_date(text):
    d, m, y = text.replace("/", "-").split("-")
    return datetime.date(int(y), int(m), int(d)).isoformat()


def main():
    metropoli = Metropoli(sys.argv[1])
    metropoli.run("init")
    for path, measure in FILES:
        metropoli.run("ingest", "municipal", path)
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        dates = [parse_date(h) for h in rows[0][3:]]
        values_checked = 0
        for row in rows[1:]:
            code = row[0].zfill(5)
            out = metropoli.json("series", "-j", code, "-m", measure, "--source", "municipal")
            got = {p["date"]: p["value"] for p in out["points"]}
            for d, v in zip(dates, row[3:]):
                if got.get(d) != int(v):
                    fail(f"{path}: {code} {d}: file {v}, metropoli {got.get(d)}")
                values_checked += 1
            if len(got) != len(dates):
                fail(f"{path}: {code}: {len(got)} dates returned, file has {len(dates)}")
        print(f"ok: {path}: {len(rows) - 1} municipalities x {len(dates)} dates = {values_checked} values equal")


if __name__ == "__main__":
    main()
