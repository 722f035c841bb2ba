#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes federal_semaforo.csv: the federal semáforo table of 2020 (what each colour allowed, coordination.md §4.2)
# coded on the OxCGRT scale for the Laguna municipalities of Coahuila and Durango, one observation per run of
# weeks in which the state's official colour stayed the same (the source of each is that state's weekly colour,
# read with the table of ssa-semaforo-2020-05-13; a colour that allows everything codes nothing) (data/semaforo/, the Bisaloo compilation; %W weeks,
# 2020-W22 is the week of Monday 1 June 2020), 1 June to 31 December 2020. Run from the repository's root:
#   python3 data/policy_laguna_2020/federal_from_semaforo.py
import csv
import datetime

COLOURS = "data/semaforo/semaforos_bisaloo_wide_2020W22_2023W24.csv"
STATES = {"Coahuila": ["05009", "05017", "05035"], "Durango": ["10007", "10012"]}
SOURCES = {"Coahuila": "semaforo-federal-coahuila-2020", "Durango": "semaforo-federal-durango-2020"}
# colour -> indicator -> (value, extensions, note)
TABLE = {
    "rojo": {"C1": (3, {}, "escuelas cerradas (a distancia) / schools closed (remote)"),
             "C2": (3, {}, "sólo actividades esenciales / essential activities only"),
             "C6": (1, {}, "espacio público cerrado; se puede caminar cerca de casa de día; cuidado máximo, quedarse "
                           "en casa las personas vulnerables / public space closed, walks near home by day; the "
                           "framework was voluntary ('admite la discrepancia'): a recommendation")},
    "naranja": {"C1": (3, {}, "escuelas cerradas / schools closed"),
                "C2": (1, {"capacity_pct": 30}, "no esenciales al 30 % del personal / non-essential at 30 % of staff"),
                "C6": (1, {}, "cuidado máximo de personas vulnerables / maximum care of vulnerable people")},
    "amarillo": {"C1": (3, {}, "escuelas cerradas / schools closed"),
                 "C2": (1, {}, "todas las actividades; espacios cerrados con aforo reducido / all work activities, "
                               "closed spaces at reduced capacity"),
                 "C6": (0, {}, "sin requisito de quedarse en casa / no stay-at-home requirement")},
    "verde": {"C1": (0, {}, "regreso a clases / schools resume"),
              "C2": (0, {}, "todas las actividades / all activities"),
              "C6": (0, {}, "sin restricciones / no restrictions")},
}
CODER = "Metrópoli (codificación de coordination.md §4)"
REVIEWER = "Metrópoli (revisión contra las fuentes que cita)"
START = datetime.date(2020, 6, 1)
END = datetime.date(2020, 12, 31)

rows = list(csv.reader(open(COLOURS, encoding="utf-8")))
header = rows[0]
out = []
for row in rows[1:]:
    if row[0] not in STATES:
        continue
    weeks = []
    for column, colour in zip(header[1:], row[1:]):
        year, week = column.split("-W")
        if year != "2020":
            continue
        monday = START + datetime.timedelta(weeks=int(week) - 22)
        weeks.append((monday, colour))
    runs = []
    for monday, colour in weeks:
        sunday = min(monday + datetime.timedelta(days=6), END)
        if runs and runs[-1][2] == colour:
            runs[-1][1] = sunday
        else:
            runs.append([monday, sunday, colour])
    for first, last, colour in runs:
        for indicator, (value, ext, note) in TABLE[colour].items():
            # A 0 has no flag, so it cannot be targeted at one state's municipalities: not coded (the federal
            # level is then silent there, and the state's own reading stands).
            if value == 0:
                continue
            flag = "0"
            out.append({"jurisdiction": "00", "scope": "GOV", "indicator": indicator, "value": value, "flag": flag,
                        "applies_to": ";".join(STATES[row[0]]),
                        "start_date": first.isoformat(), "end_date": last.isoformat(),
                        "capacity_pct": ext.get("capacity_pct", ""), "source": SOURCES[row[0]],
                        "unverified": "true",
                        "verification_note": f"semáforo {colour} de {row[0]} (compilación de terceros "
                                             f"Bisaloo/semaforos, semanas {first.isoformat()}–{last.isoformat()}) / "
                                             f"{row[0]}'s federal colour from a third-party compilation",
                        "notes": note, "coder": CODER, "reviewer": REVIEWER})
fields = ["jurisdiction", "scope", "indicator", "value", "flag", "applies_to", "start_date", "end_date",
          "capacity_pct", "source", "unverified", "verification_note", "notes", "coder", "reviewer"]
with open("data/policy_laguna_2020/federal_semaforo.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    w.writerows(out)
print(len(out), "federal observations")
