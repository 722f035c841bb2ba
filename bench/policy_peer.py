#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Policy index benchmark, the peer: an independent implementation, in Python with pandas and numpy (Debian's
python3-pandas), of the rules src/homologation implements — OxCGRT's TOTAL imputation (a higher level's reading
replaces the lower one when it is general and at least as strict; the state over the federal level, then the
municipality over that) and the indices SI, GRI, CHI, ESI and the Legacy SI in the non-vaccinated, vaccinated,
simple and weighted average variants, exactly: sub-indices as integers over a common denominator, rounding half
to even at two decimals, the k-1 missing-data rule (ESI: both components), averages of the rounded variants.
Vectorised over municipalities x days x components, in chunks of municipalities.

Reads the runs bench_policy generated (runs.bin, vaccinated.bin), times the computation from the runs in memory
to every rounded value, then compares each value with bench_policy's (metropoli_values.bin) and prints JSON.

Usage: policy_peer.py OUT_DIR MUNICIPALITIES STATES DAYS
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd

K = 16  # C1-C8, E1, E2, H1, H2, H3, H6, H7, H8
MAX = np.array([3, 3, 2, 4, 2, 3, 2, 4, 2, 2, 2, 3, 2, 4, 5, 3], dtype=np.int32)
FLAGGED = np.array([1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1], dtype=bool)
L = 120  # every 2N (4, 6, 8, 10) divides it: a sub-index (2v - f) / 2N is an integer over L
# The legacy sub-index (v + f) / (N + 1), C8 v / N, as integers over 60.
LL = 60
LEGACY_DEN = {0: 4, 1: 4, 2: 3, 3: 5, 4: 3, 5: 4, 6: 3, 7: 4, 10: 3}
SEGMENTS = 3


def round_half_even(num, den):
    """num / den rounded half to even (num >= 0, den > 0, integers)."""
    q = num // den
    r = num - q * den
    return q + ((2 * r > den) | ((2 * r == den) & (q % 2 == 1)))


def tables():
    """Per component and code (index code + 1, code -1 missing): the sub-index over L without the factor 100 (0
    when missing), and the legacy score over LL (-1 when missing)."""
    codes = np.arange(-1, 2 * MAX.max() + 2)
    sub = np.zeros((K, len(codes)), dtype=np.int16)
    legacy = np.full((K, len(codes)), -1, dtype=np.int16)
    for c in range(K):
        for i, code in enumerate(codes):
            if code < 0:
                continue
            value, flag = code >> 1, (code & 1 if FLAGGED[c] else 0)
            targeted = 1 - flag if FLAGGED[c] else 0
            sub[c, i] = (2 * value - targeted) * (L // (2 * MAX[c])) if value > 0 else 0
            if c in LEGACY_DEN:
                legacy[c, i] = (value + flag) * (LL // LEGACY_DEN[c]) if value > 0 else 0
    return sub.ravel(), legacy.ravel(), len(codes)


SUB, LEGACY, CODES = tables()
ROW = (np.arange(K) * CODES + 1).astype(np.int16)[:, None, None]


def cents_table(unit, k):
    """The cents of every possible sum of units (over `unit`, k components): 100 * 100 u / (unit k) rounded."""
    u = np.arange(unit * k + 1, dtype=np.int64)
    return round_half_even(10000 * u, unit * k).astype(np.int16)


CENTS = {"SI": cents_table(L, 9), "CHI": cents_table(L, 14), "GRI": cents_table(L, 16), "ESI": cents_table(L, 2),
         "LSI": cents_table(LL, 7)}


def dense(runs, entities, days):
    """(SEGMENTS, K, entities, days) codes, -1 where none: code + 1 set on each run's first day and taken off
    the day after its last, then a cumulative sum along the days (the runs of one series never overlap)."""
    row = (runs["segment"].to_numpy(np.int64) * K + runs["component"].to_numpy(np.int64)) * entities \
        + runs["entity"].to_numpy(np.int64)
    code = runs["code"].to_numpy(np.int8) + np.int8(1)
    steps = np.zeros((SEGMENTS * K * entities, days + 1), dtype=np.int8)
    steps[row, runs["start"].to_numpy(np.int64)] = code
    steps[row, runs["end"].to_numpy(np.int64) + 1] -= code
    np.cumsum(steps, axis=1, dtype=np.int8, out=steps)
    steps -= np.int8(1)
    return steps[:, :days].reshape(SEGMENTS, K, entities, days)


def impute(low, high):
    """OxCGRT's TOTAL: the higher reading where it is general (flag 1, or no flag) and at least as strict."""
    general = ~FLAGGED[None, :, None, None] | ((high & 1) == 1)
    take = (high >= 0) & general & ((low < 0) | ((high >> 1) >= (low >> 1)))
    return np.where(take, high, low)


def single(total, segment):
    """Cents (int16, -1 not computed) of SI, GRI, CHI, ESI, LSI for one population (NV or V, else E)."""
    own = total[segment]
    r = np.where(own >= 0, own, total[0])  # (K, n, days)
    at = r + ROW  # int16
    present = r >= 0
    sub = SUB.take(at)
    out = {}
    si = sub[0:8].sum(0, dtype=np.int16) + sub[10]
    si_n = present[0:8].sum(0, dtype=np.int8) + present[10]
    chi = si + sub[11:16].sum(0, dtype=np.int16)
    chi_n = si_n + present[11:16].sum(0, dtype=np.int8)
    esi = sub[8] + sub[9]
    esi_n = present[8].astype(np.int8) + present[9]
    for name, s, p, need in (("SI", si, si_n, 8), ("CHI", chi, chi_n, 13), ("GRI", chi + esi, chi_n + esi_n, 15),
                             ("ESI", esi, esi_n, 2)):
        out[name] = np.where(p >= need, CENTS[name].take(s), np.int16(-1))
    legacy = LEGACY.take(at[[0, 1, 2, 3, 4, 5, 6, 7, 10]])
    best = np.stack([legacy[0], legacy[1], np.maximum(legacy[2], legacy[3]), legacy[4],
                     np.maximum(legacy[5], legacy[6]), legacy[7], legacy[8]])
    s = np.maximum(best, 0).sum(0, dtype=np.int16)
    p = (best >= 0).sum(0, dtype=np.int8)
    out["LSI"] = np.where(p >= 6, CENTS["LSI"].take(s), np.int16(-1))
    return out


def compute(runs, vaccinated, municipalities, states, days, chunk=256):
    """Every value bench_policy computes, as int16 cents (-1 where not computed), (municipality, 20, day)."""
    by_level = {level: part for level, part in runs.groupby("level")}
    federal = dense(by_level[0], 1, days)
    state_total = impute(dense(by_level[1], states, days), federal)
    state_of = (np.arange(municipalities) * states) // municipalities
    municipal = by_level[2]
    out = np.empty((municipalities, 20, days), dtype=np.int16)
    bounds = np.searchsorted(municipal["entity"].to_numpy(), np.arange(0, municipalities + chunk, chunk))
    for i, first in enumerate(range(0, municipalities, chunk)):
        last = min(first + chunk, municipalities)
        part = municipal.iloc[bounds[i]:bounds[i + 1]].copy()
        part["entity"] -= first
        total = impute(dense(part, last - first, days), state_total[:, :, state_of[first:last]])
        nv, v = single(total, 1), single(total, 2)
        share = vaccinated[first:last].astype(np.int32)
        column = 0
        for name in ("SI", "GRI", "CHI", "ESI", "LSI"):
            if name == "ESI":  # never differentiated: every variant is the non-vaccinated reading
                out[first:last, column:column + 4] = nv["ESI"][:, None]
                column += 4
                continue
            a, b = nv[name], v[name]
            both = (a >= 0) & (b >= 0)
            n = a + b
            simple = np.where(both, (n >> 1) + (n & (n >> 1) & 1), np.int16(-1))
            weighted = np.where(both & (share >= 0), round_half_even(share * b + (10000 - share) * a, 10000), -1)
            for values in (a, b, simple, weighted):
                out[first:last, column] = values
                column += 1
    return out


def main():
    folder, municipalities, states, days = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    loading = time.perf_counter()
    runs = pd.DataFrame(np.fromfile(f"{folder}/runs.bin", dtype=np.int32).reshape(-1, 7),
                        columns=["level", "entity", "component", "segment", "start", "end", "code"])
    vaccinated = np.fromfile(f"{folder}/vaccinated.bin", dtype=np.int32).reshape(municipalities, days)
    load_seconds = time.perf_counter() - loading

    started = time.perf_counter()
    values = compute(runs, vaccinated, municipalities, states, days)
    seconds = time.perf_counter() - started

    # bench_policy writes (municipality, output, day), as the peer does.
    theirs = np.fromfile(f"{folder}/metropoli_values.bin", dtype=np.int16).reshape(municipalities, 20, days)
    differ = values != theirs
    mismatches = int(differ.sum())
    examples = []
    for m, k, d in np.argwhere(differ)[:10]:
        examples.append({"municipality": int(m), "day": int(d), "output": int(k),
                         "metropoli": int(theirs[m, k, d]), "peer": int(values[m, k, d])})
    print(json.dumps({
        "pandas": pd.__version__, "numpy": np.__version__,
        "load_seconds": load_seconds, "seconds": seconds,
        "values": int((values >= 0).sum()), "cells": int(values.size),
        "mismatches": mismatches, "examples": examples,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }))


if __name__ == "__main__":
    main()
