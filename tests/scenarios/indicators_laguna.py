# SPDX-License-Identifier: MIT
"""Indicators, risk and the metro picture of La Laguna on 2020-11-15, checked against figures computed here from
the official files themselves (municipal daily series, Censo 2020, Red IRAG percentages, the scheme file).
Usage: indicators_laguna.py METROPOLI_BINARY
"""
import csv
import datetime
import io
import json
import math
import sys

from common import ROOT, Metropoli, fail

DATE = datetime.date(2020, 11, 15)
LAGUNA = ["05009", "05017", "05035", "10007", "10012"]
CONFIRMED = f"{ROOT}/data/ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv"
DEATHS = f"{ROOT}/data/ssa_municipal/Casos_Diarios_Municipio_Defunciones_20210312_coah_dgo.csv"
IRAG = f"{ROOT}/data/hospital/irag_porcentaje_ocupacion_estatal_coah_dgo_20200407_20210205.csv"


def daily(path):
    """{code: {date: count}} from an official wide municipal file."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    dates = []
    for h in rows[0][3:]:
        d, m, y = h.replace("/", "-").split("-")
        dates.append(datetime.date(int(y), int(m), int(d)))
    return {r[0].zfill(5): dict(zip(dates, map(int, r[3:]))) for r in rows[1:]}


def window(series, end, days):
    return sum(series[c].get(end - datetime.timedelta(days=k), 0) for c in LAGUNA for k in range(days))


def close(name, got, expected, tol=1e-9):
    if got is None or abs(got - expected) > tol * max(1.0, abs(expected)):
        fail(f"{name}: metropoli {got}, expected {expected}")
    print(f"{name}: {got:.6g} = {expected:.6g}")


def main():
    m = Metropoli(sys.argv[1])
    m.run("init")
    m.run("ingest", "municipal", CONFIRMED, DEATHS)
    m.run("ingest", "ssa", f"{ROOT}/data/ssa/samples/datos_abiertos_20200430_coah_dgo.csv")
    m.run("ingest", "hospital", IRAG)

    with open(f"{ROOT}/data/population/censo2020_poblacion_municipio_coah_dgo.csv", encoding="utf-8") as f:
        population = sum(int(r["pob_total"]) for r in csv.DictReader(f) if r["cvegeo"] in LAGUNA)
    conf, deaths = daily(CONFIRMED), daily(DEATHS)

    out = m.json("indicators", "--jurisdiction", "zm-laguna", "--date", DATE.isoformat())
    got = {i["id"]: i for i in out["indicators"]}
    for i in out["indicators"]:
        for key in ("value", "unit", "releases", "complete"):
            if key not in i:
                fail(f"indicator {i['id']} has no {key}")
    close("population", out["population"], population)
    close("incidence_7d_per_100k", got["incidence_7d_per_100k"]["value"], window(conf, DATE, 7) / population * 1e5)
    close("active_cases", got["active_cases"]["value"], window(conf, DATE, 14))
    close("mortality_14d_per_100k", got["mortality_14d_per_100k"]["value"], window(deaths, DATE, 14) / population * 1e5)
    cum_deaths = sum(v for c in LAGUNA for d, v in deaths[c].items() if d <= DATE)
    cum_conf = sum(v for c in LAGUNA for d, v in conf[c].items() if d <= DATE)
    close("case_fatality", got["case_fatality"]["value"], 100 * cum_deaths / cum_conf)
    w1, w0 = window(deaths, DATE, 7), window(deaths, DATE - datetime.timedelta(days=7), 7)
    close("trend_mortality", got["trend_mortality"]["value"], (w1 - w0) / w0)
    c1, c0 = window(conf, DATE, 7), window(conf, DATE - datetime.timedelta(days=7), 7)
    close("growth_rate", got["growth_rate"]["value"], math.log(c1 / c0) / 7)
    releases = [(r["source"], r["date"], r["kind"]) for r in got["incidence_7d_per_100k"]["releases"]]
    if not got["incidence_7d_per_100k"]["complete"] or releases != [("municipal", "2022-04-02", "confirmed")]:
        fail("incidence_7d_per_100k should come, complete, from the municipal release of 2022-04-02")
    with open(IRAG, encoding="utf-8") as f:
        irag = [r for r in csv.DictReader(f) if r["fecha"] == DATE.isoformat()]
    close("irag_general_pct (the higher state)", got["irag_general_pct"]["value"],
          max(float(r["pct_ocupacion_camas_generales"]) for r in irag))
    note = got["positivity_7d"].get("note", {"es": "", "en": ""})
    if got["positivity_7d"]["value"] is not None or "2020-04-30" not in note["es"] or "2020-04-30" not in note["en"]:
        fail("positivity on 2020-11-15 must be missing, naming the 2020-04-30 release: " + json.dumps(got["positivity_7d"]))

    # Rt: the CSV columns of DESIGN.md, and the value on the day equals the indicator.
    rt = m.run("rt", "--jurisdiction", "zm-laguna", "--si-mean", "4.7", "--si-sd", "2.9").stdout
    header = rt.splitlines()[0].split(",")
    if header[:11] != ["date_start", "date_end", "mean", "std", "p2.5", "p5", "p25", "p50", "p75", "p95", "p97.5"]:
        fail(f"rt header {header}")
    rows = {r["date_end"]: r for r in csv.DictReader(io.StringIO(rt))}
    close("rt on 2020-11-15", got["rt"]["value"], float(rows[DATE.isoformat()]["mean"]), 1e-15)

    # Risk: all 10 components of the semáforo, the missing ones named, points from the scheme's own bands.
    risk = list(csv.DictReader(io.StringIO(m.run("risk", "--jurisdiction", "zm-laguna", "--scheme", "semaforo-v2",
                                                   "--date", DATE.isoformat()).stdout)))
    components = [r for r in risk if r["component"] != "total"]
    if len(components) != 10:
        fail(f"semaforo-v2 shows {len(components)} components, not 10")
    missing = {r["component"] for r in components if not r["points"]}
    total = next(r for r in risk if r["component"] == "total")
    for c in missing:
        if c not in total["missing"]:
            fail(f"missing component {c} not named in the total row: {total['missing']}")
    with open(f"{ROOT}/data/risk_schemes/semaforo-v2.json", encoding="utf-8") as f:
        scheme = json.load(f)
    for comp in scheme["components"]:
        row = next(r for r in components if r["component"] == comp["id"])
        if not row["value"]:
            continue
        v = float(row["value"])
        band = next(b for b in comp["bands"] if b.get("from", -math.inf) <= v < b.get("to", math.inf))
        if float(row["points"]) != band["points"]:
            fail(f"{comp['id']}: value {v} scored {row['points']}, the scheme says {band['points']}")
    known = sum(float(r["points"]) for r in components if r["points"])
    lo, hi = total["value"].split("..") if ".." in total["value"] else (total["value"], total["value"])
    close("semaforo-v2 minimum score", float(lo), known)
    close("semaforo-v2 maximum score", float(hi), known + 4 * len(missing))
    print(f"semaforo-v2: 10 components, {len(missing)} missing ({', '.join(sorted(missing))}), level {total['indicator']}")

    # The metro picture: the zone and its five municipalities side by side.
    picture = m.json("metro", "--zone", "zm-laguna", "--date", DATE.isoformat(), "--scheme", "harvard")
    codes = [p["jurisdiction"] for p in picture["places"]]
    if codes != ["zm-laguna"] + LAGUNA:
        fail(f"metro picture places {codes}")
    levels = {p["jurisdiction"]: p["level"]["id"] for p in picture["places"] if p["level"]}
    if len(set(levels[c] for c in LAGUNA)) > 1 and not any(d["kind"] == "level" for d in picture["divergences"]):
        fail("different levels but no divergence named")
    print("metro picture (harvard):", ", ".join(f"{c} {levels.get(c)}" for c in codes))
    print("PASS")


if __name__ == "__main__":
    main()
