# SPDX-License-Identifier: MIT
"""`metropoli init --region FILE` with each bundled preset: the stored zone, its members, their populations and
the region's states, against the national tables of data/national read here with Python's csv module."""
import csv
import os
import sys

from common import ROOT, Metropoli, fail

NATIONAL = os.path.join(ROOT, "data", "national")
PRESETS = {  # preset id: (zone, delimitation key, states)
    "laguna": ("zm-laguna", "05.01", ["05", "10"]),
    "saltillo": ("zm-saltillo", "05.04", ["05"]),
    "tampico": ("zm-tampico", "28.05", ["28", "30"]),
    "la-piedad-penjamo": ("zm-la-piedad-penjamo", "16.01", ["11", "16"]),
}


def table(name):
    with open(os.path.join(NATIONAL, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main(binary):
    census = {r["cvegeo"]: r for r in table("censo2020_poblacion_municipio.csv")}
    conapo = {r["cvegeo"]: int(r["poblacion"]) for r in table("conapo_proyeccion2020_ssa_poblacion_municipio.csv")}
    delimitation = table("zonas_metropolitanas_2015.csv")
    for preset, (zone, key, states) in PRESETS.items():
        m = Metropoli(binary)
        path = os.path.join(ROOT, "regions", preset, "region.json")
        out = m.run("init", "--region", path).stdout
        if f"with region {preset} " not in out or not out.rstrip().endswith(f"metro zones: {zone}"):
            fail(f"init --region {path}: unexpected output {out!r}")
        places = {j["code"]: j for j in m.json("jurisdictions", "--region-only")}
        members = sorted(r["CVE_MUN"] for r in delimitation if r["CVE_ZM"] == key)
        z = places.get(zone) or fail(f"{preset}: no {zone} stored")
        if z["members"] != members:
            fail(f"{preset}: members {z['members']}, delimitation {key} has {members}")
        for code in members:
            got = places[code]
            want = (census[code]["municipio"], int(census[code]["pob_total"]), conapo[code])
            if (got["name"], got["population_census_2020"], got["population_conapo_2020"]) != want:
                fail(f"{preset}: {code} is {got}, the tables say {want}")
        total = sum(int(census[c]["pob_total"]) for c in members)
        if z["population_census_2020"] != total or z["population_conapo_2020"] != sum(conapo[c] for c in members):
            fail(f"{preset}: zone population {z['population_census_2020']}, members sum to {total}")
        stored_states = sorted(c for c, j in places.items() if j["kind"] == "state")
        if stored_states != states:
            fail(f"{preset}: region states {stored_states}, expected {states}")
        for s in states:
            state_total = sum(int(r["pob_total"]) for c, r in census.items() if c.startswith(s))
            if places[s]["population_census_2020"] != state_total:
                fail(f"{preset}: state {s} population {places[s]['population_census_2020']}, Censo says {state_total}")
        print(f"{preset}: {zone} = {len(members)} municipalities of {', '.join(states)}, "
              f"population {total:,} (Censo 2020), as the national tables say")
    # A bundled preset is named by its id as well.
    m = Metropoli(binary)
    if "with region tampico (Tampico)" not in m.run("init", "--region", "tampico").stdout:
        fail("init --region tampico did not load the bundled preset")


if __name__ == "__main__":
    main(sys.argv[1])
