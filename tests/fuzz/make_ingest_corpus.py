#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the seed corpora of the input-parser fuzz targets from the bundled data (data/, tests/data/): small
cuts of real files, each under 16 KiB (run-fuzz's -max_len), with the selector byte the target reads first.

  ssa/corpus        the first records of every layout and quirk (2020 RESULTADO with 34 and 35 columns, quoted
                    and unquoted, the renamed header of 16 April; the 40-column layout with its BOM) and the bad
                    files of tests/data/ssa; the first byte picks the scope (0 region, 1 national)
  zip/corpus        zips of such cuts: deflated, stored, two members, a member in a folder, truncated
  municipal/corpus  the first rows and days of the official municipal series (first byte: the measure)
  feed/corpus       the first rows of every feed layout and the bad files of tests/data/feeds (first byte: the feed)

Usage: tests/fuzz/make_ingest_corpus.py   (rewrites those four corpus folders)
"""
import glob
import io
import os
import shutil
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MAX = 16384


def lines(path, n):
    with open(path, "rb") as f:
        out = []
        for line in f:
            out.append(line)
            if len(out) == n:
                break
    return b"".join(out)


def cut(data, limit=MAX - 1):
    """At most `limit` bytes, ending at a line end."""
    if len(data) <= limit:
        return data
    return data[: data.rindex(b"\n", 0, limit) + 1]


def columns(path, n_rows, n_cols):
    """The first rows, each cut to its first columns (the municipal series have one column a day)."""
    out = []
    for line in lines(path, n_rows).splitlines(keepends=True):
        end = b"\r\n" if line.endswith(b"\r\n") else b"\n"
        out.append(b",".join(line.rstrip(b"\r\n").split(b",")[:n_cols]) + end)
    return b"".join(out)


def write(target, name, data):
    folder = os.path.join(HERE, target, "corpus")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def reset(target):
    folder = os.path.join(HERE, target, "corpus")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)


def ssa_cuts():
    releases = f"{ROOT}/data/ssa/releases_2020-04_05_laguna"
    cuts = {
        "2020-34-unquoted": lines(f"{releases}/datos_abiertos_20200413_laguna.csv", 15),
        "2020-34-quoted": lines(f"{releases}/datos_abiertos_20200415_laguna.csv", 15),
        "2020-renamed-header": lines(f"{releases}/datos_abiertos_20200416_laguna.csv", 15),
        "2020-field-date-differs": lines(f"{releases}/datos_abiertos_20200417_laguna.csv", 15),
        "2020-35-quoted": lines(f"{releases}/datos_abiertos_20200527_laguna.csv", 25),
        "2020-coah-dgo": lines(f"{ROOT}/data/ssa/samples/datos_abiertos_20200430_coah_dgo.csv", 40),
        "2022-40-bom": lines(f"{ROOT}/data/ssa/samples/covidmx_sample_20220714_bc_bcs.csv", 40),
    }
    return {k: cut(v) for k, v in cuts.items()}


def main():
    for target in ("ssa", "zip", "municipal", "feed"):
        reset(target)

    cuts = ssa_cuts()
    for name, data in cuts.items():
        write("ssa", f"{name}-region.csv", b"\x00" + data)
        write("ssa", f"{name}-national.csv", b"\x01" + data)
    for path in sorted(glob.glob(f"{ROOT}/tests/data/ssa/*.csv")):
        write("ssa", "bad-" + os.path.basename(path), b"\x00" + cut(open(path, "rb").read()))

    def zipped(members, method=zipfile.ZIP_DEFLATED):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", method) as z:
            for member, data in members:
                info = zipfile.ZipInfo(member, date_time=(2020, 5, 27, 0, 0, 0))
                z.writestr(info, data, compress_type=method)
        return buffer.getvalue()

    small = cut(cuts["2020-35-quoted"], 6000)
    write("zip", "deflated.zip", zipped([("200527COVID19MEXICO.csv", small)]))
    write("zip", "stored.zip", zipped([("200527COVID19MEXICO.csv", small)], zipfile.ZIP_STORED))
    write("zip", "2022-40-bom.zip", zipped([("220714COVID19MEXICO.csv", cut(cuts["2022-40-bom"], 6000))]))
    write("zip", "member-in-folder.zip", zipped([("datos_abiertos/raw/datos_abiertos_20200527.csv", small)]))
    write("zip", "two-members.zip", zipped([("a.csv", small[:3000]), ("b.csv", small[:2000])]))
    whole = zipped([("200527COVID19MEXICO.csv", small)])
    write("zip", "truncated.zip", whole[: len(whole) // 2])

    municipal = f"{ROOT}/data/ssa_municipal"
    write("municipal", "confirmados.csv",
          b"\x00" + cut(columns(f"{municipal}/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv", 12, 60)))
    write("municipal", "defunciones.csv",
          b"\x01" + cut(columns(f"{municipal}/Casos_Diarios_Municipio_Defunciones_20210312_coah_dgo.csv", 12, 60)))

    feeds = {"hospital": 0, "mobility": 1, "economy": 2}
    for feed, selector in feeds.items():
        for path in sorted(glob.glob(f"{ROOT}/data/{feed}/*.csv")):
            write("feed", os.path.basename(path), bytes([selector]) + cut(lines(path, 15)))
        for path in sorted(glob.glob(f"{ROOT}/tests/data/feeds/{feed}_*.csv")):
            write("feed", "bad-" + os.path.basename(path), bytes([selector]) + cut(open(path, "rb").read()))
    for target in ("ssa", "zip", "municipal", "feed"):
        folder = os.path.join(HERE, target, "corpus")
        print(f"{target}/corpus: {len(os.listdir(folder))} seeds")


if __name__ == "__main__":
    main()
