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
SI = [0, 1, 2, 3, 4, 5, 6, 7, 10]
CHI = [0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15]
GRI = list(range(16))
ESI = [8, 9]
L = 120  # every 2N (4, 6, 8, 10) divides it: a sub-index 100 (2v - f) / 2N is an integer over L
UNIT = (L // (2 * MAX)).astype(np.int32)
# The legacy sub-index 100 (v + f) / (N + 1), C8 100 v / N, as integers over 60.
LEGACY_SLOTS = [[0], [1], [2, 3], [4], [5, 6], [7], [10]]
LEGACY_DEN = {0: 4, 1: 4, 2: 3, 3: 5, 4: 3, 5: 4, 6: 3, 7: 4, 10: 3}
LL = 60
SEGMENTS = 3  # E, NV, V


def round_half_even(num, den):
    """num / den rounded half to even (num >= 0, den > 0, integers)."""
    q, r = np.divmod(num, den)
    up = (2 * r > den) | ((2 * r == den) & (q % 2 == 1))
    return q + up


def dense(runs, entities, days):
    """The codes (2 value + flag, -1 where nothing is coded) of every entity, day, component and segment."""
    grid = np.full(entities * days * K * SEGMENTS, -1, dtype=np.int8)
    lengths = (runs["end"] - runs["start"] + 1).to_numpy(np.int64)
    start = runs["start"].to_numpy(np.int64)
    base = ((runs["entity"].to_numpy(np.int64) * days) * K + runs["component"].to_numpy(np.int64)) * SEGMENTS \
        + runs["segment"].to_numpy(np.int64)
    code = runs["code"].to_numpy(np.int8)
    step = K * SEGMENTS
    # In chunks of runs, so that the repeated indices stay small.
    chunk = 200_000
    for i in range(0, len(runs), chunk):
        n = lengths[i:i + chunk]
        which = np.repeat(np.arange(len(n)), n)
        offset = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
        grid[base[i:i + chunk][which] + (start[i:i + chunk][which] + offset) * step] = code[i:i + chunk][which]
    return grid.reshape(entities, days, K, SEGMENTS)


def impute(low, high):
    """OxCGRT's TOTAL: the higher reading where it is general (flag 1, or no flag) and at least as strict."""
    general = ~FLAGGED[:, None] | ((high & 1) == 1)
    take = (high >= 0) & general & ((low < 0) | ((high >> 1) >= (low >> 1)))
    return np.where(take, high, low)


def tables():
    """Per component and code (index code + 1, code -1 missing): the sub-index over L (0 when missing), and the
    legacy sub-index over LL (-1 when missing), so that one take replaces the arithmetic per reading."""
    codes = np.arange(-1, 2 * MAX.max() + 2)
    sub = np.zeros((K, len(codes)), dtype=np.int32)
    legacy = np.full((K, len(codes)), -1, dtype=np.int32)
    for c in range(K):
        for i, code in enumerate(codes):
            if code < 0:
                continue
            value, flag = code >> 1, (code & 1 if FLAGGED[c] else 0)
            targeted = 1 - flag if FLAGGED[c] else 0
            sub[c, i] = 100 * (2 * value - targeted) * UNIT[c] if value > 0 else 0
            if c in LEGACY_DEN:
                legacy[c, i] = 100 * (value + flag) * (LL // LEGACY_DEN[c]) if value > 0 else 0
    return sub.ravel(), legacy.ravel(), len(codes)


SUB, LEGACY, CODES = tables()
ROW = (np.arange(K) * CODES + 1).astype(np.int32)  # where each component's row (code -1) starts


def single(total, segment):
    """Cents (int64, -1 not computed) of SI, GRI, CHI, ESI, LSI for one population (NV or V, else E)."""
    own = total[..., segment]
    r = np.where(own >= 0, own, total[..., 0])  # (n, days, K), int8
    at = r.astype(np.int32) + ROW
    present = r >= 0
    sub = np.take(SUB, at)  # over L
    out = {}
    for name, comps, all_required in (("SI", SI, False), ("GRI", GRI, False), ("CHI", CHI, False),
                                      ("ESI", ESI, True)):
        k = len(comps)
        s = sub[..., comps].sum(axis=-1, dtype=np.int64)
        p = present[..., comps].sum(axis=-1)
        cents = round_half_even(100 * s, L * k)
        out[name] = np.where(p >= (k if all_required else k - 1), cents, -1)
    # The legacy index: per slot the best of its components that have data (-1 where none has).
    legacy = np.take(LEGACY, at[..., [c for slot in LEGACY_SLOTS for c in slot]])
    best = np.stack([legacy[..., 0], legacy[..., 1], np.maximum(legacy[..., 2], legacy[..., 3]), legacy[..., 4],
                     np.maximum(legacy[..., 5], legacy[..., 6]), legacy[..., 7], legacy[..., 8]], axis=-1)
    s = np.where(best >= 0, best, 0).sum(axis=-1, dtype=np.int64)
    p = (best >= 0).sum(axis=-1)
    out["LSI"] = np.where(p >= 6, round_half_even(100 * s, LL * 7), -1)
    return out


def compute(runs, vaccinated, municipalities, states, days, chunk=128):
    """Every value bench_policy computes, as int16 cents (-1 where not computed), (municipality, day, 20)."""
    by_level = {level: part for level, part in runs.groupby("level")}
    federal = dense(by_level[0], 1, days)
    state_total = impute(dense(by_level[1], states, days), federal)
    state_of = (np.arange(municipalities) * states) // municipalities
    municipal = by_level[2]
    out = np.empty((municipalities, days, 20), dtype=np.int16)
    bounds = np.searchsorted(municipal["entity"].to_numpy(), np.arange(0, municipalities + chunk, chunk))
    for i, first in enumerate(range(0, municipalities, chunk)):
        last = min(first + chunk, municipalities)
        part = municipal.iloc[bounds[i]:bounds[i + 1]].copy()
        part["entity"] -= first
        total = impute(dense(part, last - first, days), state_total[state_of[first:last]])
        nv, v = single(total, 1), single(total, 2)
        share = vaccinated[first:last]
        column = 0
        for name in ("SI", "GRI", "CHI", "ESI", "LSI"):
            if name == "ESI":  # never differentiated: every variant is the non-vaccinated reading
                for _ in range(4):
                    out[first:last, :, column] = nv["ESI"]
                    column += 1
                continue
            a, b = nv[name], v[name]
            both = (a >= 0) & (b >= 0)
            simple = np.where(both, round_half_even(a + b, 2), -1)
            weighted = np.where(both & (share >= 0),
                                round_half_even(share.astype(np.int64) * b + (10000 - share) * a, 10000), -1)
            for values in (a, b, simple, weighted):
                out[first:last, :, column] = values
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

    # bench_policy writes (municipality, output, day): every output of a municipality as one column of days.
    theirs = np.fromfile(f"{folder}/metropoli_values.bin", dtype=np.int16).reshape(municipalities, 20, days)
    theirs = theirs.transpose(0, 2, 1)
    differ = values != theirs
    mismatches = int(differ.sum())
    examples = []
    for m, d, k in np.argwhere(differ)[:10]:
        examples.append({"municipality": int(m), "day": int(d), "output": int(k),
                         "metropoli": int(theirs[m, d, k]), "peer": int(values[m, d, k])})
    print(json.dumps({
        "pandas": pd.__version__, "numpy": np.__version__,
        "load_seconds": load_seconds, "seconds": seconds,
        "values": int((values >= 0).sum()), "cells": int(values.size),
        "mismatches": mismatches, "examples": examples,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }))


if __name__ == "__main__":
    main()
