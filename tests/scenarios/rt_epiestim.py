# SPDX-License-Identifier: MIT
"""`metropoli rt` agrees with R EpiEstim on every window of La Laguna series, to 1e-6 relative.

The series comes from `metropoli series` (official municipal confirmed cases by onset, release 2022-04-02, without
the 14 incomplete days); R's EpiEstim (Debian r-cran-epiestim) estimates on it; every window and every column of
`metropoli rt` must match. Usage: rt_epiestim.py METROPOLI_BINARY
"""
import csv
import io
import os
import shutil
import subprocess
import sys

from common import ROOT, Metropoli, fail

CONFIRMED = f"{ROOT}/data/ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv"
COLUMNS = ["mean", "std", "p2.5", "p5", "p25", "p50", "p75", "p95", "p97.5"]
FLU2009_SI = "0,0.233,0.359,0.198,0.103,0.053,0.027,0.014,0.007,0.003,0.002,0.001"

CASES = [
    ("zm-laguna", ["--si-mean", "4.7", "--si-sd", "2.9"], ["parametric", "4.7", "2.9"]),
    ("05035", ["--si-mean", "3.96", "--si-sd", "4.75"], ["parametric", "3.96", "4.75"]),
    ("10007", ["--si-mean", "2.5", "--si-sd", "1.6"], ["parametric", "2.5", "1.6"]),
    ("05009", ["--si-distr", FLU2009_SI], ["non_parametric", FLU2009_SI]),
]


def rel(a, b):
    return abs(a - b) / max(abs(b), 1e-300)


def main():
    if not shutil.which("Rscript"):
        fail("Rscript is missing: scripts/install-deps installs r-cran-epiestim")
    metropoli = Metropoli(sys.argv[1])
    metropoli.run("init")
    metropoli.run("ingest", "municipal", CONFIRMED)
    total_windows = 0
    worst = 0.0
    for jurisdiction, rt_args, r_args in CASES:
        rt = metropoli.run("rt", "-j", jurisdiction, *rt_args)
        ours = list(csv.DictReader(io.StringIO(rt.stdout)))
        if not ours:
            fail(f"{jurisdiction}: metropoli rt printed no windows")
        cutoff = ours[-1]["date_end"]
        series = metropoli.run("series", "-j", jurisdiction, "-m", "confirmed", "--to", cutoff).stdout
        series_file = os.path.join(metropoli.dir, f"series_{jurisdiction}.csv")
        with open(series_file, "w") as f:
            f.write(series)
        r_out = os.path.join(metropoli.dir, f"r_{jurisdiction}.csv")
        p = subprocess.run(["Rscript", f"{ROOT}/tests/scenarios/rt_epiestim.R", series_file, r_out, *r_args],
                           capture_output=True, text=True)
        if p.returncode != 0:
            fail(f"{jurisdiction}: Rscript failed: {p.stderr}")
        with open(r_out) as f:
            theirs = list(csv.DictReader(f))
        if len(theirs) != len(ours):
            fail(f"{jurisdiction}: EpiEstim has {len(theirs)} windows, metropoli {len(ours)}")
        for a, b in zip(ours, theirs):
            if (a["date_start"], a["date_end"]) != (b["date_start"].strip(), b["date_end"].strip()):
                fail(f"{jurisdiction}: window {a['date_start']}..{a['date_end']} vs EpiEstim {b['date_start']}..{b['date_end']}")
            for c in COLUMNS:
                x, y = float(a[c]), float(b[c])
                e = rel(x, y)
                worst = max(worst, e)
                if e > 1e-6:
                    fail(f"{jurisdiction} {a['date_start']}..{a['date_end']} {c}: metropoli {x!r}, EpiEstim {y!r} "
                         f"(relative difference {e:.3g})")
        total_windows += len(ours)
        print(f"{jurisdiction}: {len(ours)} windows equal to EpiEstim ({p.stdout.strip()})")
    print(f"PASS: {total_windows} windows x {len(COLUMNS)} columns, largest relative difference {worst:.3g}")


if __name__ == "__main__":
    main()
