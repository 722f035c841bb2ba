# SPDX-License-Identifier: MIT
"""Every measure of every municipality, on both real samples, equals an independent count of the raw rows.

The count here is written from the official definitions (reference/epidemiology.md §5.6) with Python's csv
module, sharing no code with the C++ ingest. Every municipality's every series is compared through the SQL views
analysts read (docs/sql.md); the CLI's `series` through a sample of them: La Laguna's five, and in each sample the
three municipalities with the most rows and the one with the fewest, every measure and basis (a process a series:
all 154 municipalities would be 3,850 processes).
Usage: ssa_counts.py METROPOLI_BINARY
"""
import collections
import csv
import datetime
import sqlite3
import sys

from common import ROOT, Metropoli, fail

SAMPLES = [
    (f"{ROOT}/data/ssa/samples/datos_abiertos_20200430_coah_dgo.csv", "region"),
    (f"{ROOT}/data/ssa/samples/covidmx_sample_20220714_bc_bcs.csv", "national"),
]


def catalogue():
    with open(f"{ROOT}/data/ssa/catalogs_2020-11/catalogo_municipios.csv", encoding="utf-8") as f:
        return {r["CLAVE_ENTIDAD"] + r["CLAVE_MUNICIPIO"] for r in csv.DictReader(f)}


def date_or_none(text, release):
    try:
        d = datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return d if datetime.date(2000, 1, 1) <= d <= release else None


def count(path, release_date=None):
    """{(municipality, measure, basis): {date: n}} by the official definitions; a date after the release (its
    FECHA_ACTUALIZACION, or `release_date` when given) counts as no date."""
    known = catalogue()
    counts = collections.defaultdict(collections.Counter)
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            release = release_date or datetime.date.fromisoformat(row["FECHA_ACTUALIZACION"])
            muni = row["ENTIDAD_RES"] + row["MUNICIPIO_RES"]
            if muni not in known:
                continue
            m = set()
            if "RESULTADO" in row:
                r = row["RESULTADO"]
                if r in ("1", "2", "3"):
                    m.add("tested")
                if r == "1":
                    m |= {"confirmed", "lab_positive"}
                elif r == "2":
                    m |= {"negative", "lab_negative"}
                elif r == "3":
                    m.add("suspected")
            else:
                cf = row["CLASIFICACION_FINAL"]
                if cf in ("1", "2", "3"):
                    m.add("confirmed")
                if cf == "6":
                    m.add("suspected")
                if cf == "7":
                    m.add("negative")
                if row["RESULTADO_LAB"] == "1":
                    m.add("lab_positive")
                if row["RESULTADO_LAB"] == "2":
                    m.add("lab_negative")
                if row["RESULTADO_ANTIGENO"] == "1":
                    m.add("antigen_positive")
                if row["RESULTADO_ANTIGENO"] == "2":
                    m.add("antigen_negative")
                if row["TOMA_MUESTRA_LAB"] == "1" or row["TOMA_MUESTRA_ANTIGENO"] == "1":
                    m.add("tested")
            if row["TIPO_PACIENTE"] == "2":
                m.add("hospitalized")
            if row["UCI"] == "1":
                m.add("icu")
            if row["INTUBADO"] == "1":
                m.add("intubated")
            death = date_or_none(row["FECHA_DEF"], release)
            if "confirmed" in m and death:
                m.add("deaths")
            onset = date_or_none(row["FECHA_SINTOMAS"], release)
            admission = date_or_none(row["FECHA_INGRESO"], release)
            for measure in m:
                if onset:
                    counts[(muni, measure, "onset")][onset.isoformat()] += 1
                if admission:
                    counts[(muni, measure, "admission")][admission.isoformat()] += 1
                if measure == "deaths":
                    counts[(muni, measure, "death")][death.isoformat()] += 1
    return counts


MEASURES = ["confirmed", "suspected", "negative", "tested", "lab_positive", "lab_negative", "antigen_positive",
            "antigen_negative", "hospitalized", "icu", "intubated", "deaths"]


LAGUNA = ["05009", "05017", "05035", "10007", "10012"]


def cli_sample(expected):
    """La Laguna's municipalities in the sample, and the three with the largest counts and the one with the smallest
    (the sum of every measure by onset)."""
    size = collections.Counter()
    for (muni, _, basis), days in expected.items():
        if basis == "onset":
            size[muni] += sum(days.values())
    ranked = sorted(size, key=lambda m: (-size[m], m))
    return sorted(set(m for m in LAGUNA if m in size) | set(ranked[:3]) | set(ranked[-1:]))


def check_sql_views(database, release, expected):
    """The SQL views analysts read (docs/sql.md) hold the same counts as the raw rows, and the age-and-sex view adds
    up to the daily one."""
    con = sqlite3.connect(database)
    got = collections.defaultdict(dict)
    for muni, measure, basis, date, value in con.execute(
            "SELECT municipality, measure, basis, date, value FROM daily_counts "
            "WHERE source = 'ssa' AND release_date = ? AND value > 0", (release,)):
        got[(muni, measure, basis)][date] = value
    want = {k: dict(v) for k, v in expected.items() if v}
    if dict(got) != want:
        keys = sorted(set(got) ^ set(want)) or sorted(k for k in want if got.get(k) != want[k])
        fail(f"daily_counts of {release} differ from the raw rows, first at {keys[:3]}")
    by_day = dict(((m, me, b, d), v) for m, me, b, d, v in con.execute(
        "SELECT municipality, measure, basis, date, sum(value) FROM daily_counts_by_age_sex "
        "WHERE source = 'ssa' AND release_date = ? GROUP BY 1, 2, 3, 4", (release,)))
    flat = {(k[0], k[1], k[2], d): v for k, days in want.items() for d, v in days.items()}
    if by_day != flat:
        fail(f"daily_counts_by_age_sex of {release} does not add up to the raw rows' daily counts")
    con.close()
    print(f"  SQL views: daily_counts and daily_counts_by_age_sex equal the raw rows ({len(flat):,} day counts)")


def main():
    metropoli = Metropoli(sys.argv[1])
    metropoli.run("init", "--region", "laguna")
    checked = 0
    for path, scope in SAMPLES:
        metropoli.run("ingest", "ssa", "--scope", scope, path)
        expected = count(path)
        release = open(path, encoding="utf-8-sig").readlines()[1].split(",")[0].strip('"')
        municipalities = sorted({k[0] for k in expected})
        for muni in cli_sample(expected):
            for measure in MEASURES:
                bases = ["onset", "admission"] + (["death"] if measure == "deaths" else [])
                for basis in bases:
                    want = expected.get((muni, measure, basis), collections.Counter())
                    p = metropoli.run("series", "-j", muni, "-m", measure, "--by", basis, "--release", release,
                                      expect=None)
                    if p.returncode != 0:
                        if not want and "holds measure" in p.stderr:
                            continue  # the release has no such measure at all (e.g. antigen in 2020)
                        fail(f"series {muni} {measure} {basis}: {p.stderr}")
                    got = {}
                    for line in p.stdout.splitlines()[1:]:
                        j, d, mm, v = line.split(",")
                        if int(v):
                            got[d] = int(v)
                    if got != dict(want):
                        diff = {d: (got.get(d), want.get(d)) for d in set(got) | set(want) if got.get(d) != want.get(d)}
                        fail(f"{path}: {muni} {measure} by {basis}: metropoli != raw rows at {sorted(diff.items())[:5]}")
                    checked += 1
        print(f"{path}: {len(municipalities)} municipalities; `series` of {', '.join(cli_sample(expected))}, every "
              "measure and basis, equal to the raw rows")
        check_sql_views(metropoli.database, release, expected)
    # The metro zone is the sum of its five municipalities.
    zm = metropoli.json("series", "-j", "zm-laguna", "-m", "confirmed", "--release", "2020-04-30")
    parts = 0
    for muni in LAGUNA:
        parts += sum(p["value"] for p in metropoli.json("series", "-j", muni, "-m", "confirmed", "--release",
                                                          "2020-04-30")["points"])
    if sum(p["value"] for p in zm["points"]) != parts:
        fail("zm-laguna is not the sum of its municipalities")
    print(f"ok: {checked} series compared; zm-laguna confirmed by onset = {parts} (sum of its municipalities)")


if __name__ == "__main__":
    main()
