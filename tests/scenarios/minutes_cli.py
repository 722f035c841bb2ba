# SPDX-License-Identifier: MIT
"""The minutes commands as a coordinator types them, on SQLite and (when METROPOLI_TEST_POSTGRES_URL is set)
PostgreSQL: `init` gives the example meeting of 4 May 2020 approved example minutes; a correction of them is drafted,
edited, amended (the amendment accepted into the draft), voted by the seats present and approved; the SHA-256 of
each approved text is recomputed here from the canonical text the README defines; approved minutes refuse a change
through the command line (409 words, exit 1) and through SQL (sqlite3 / psql: the triggers), and the audit chain
stays intact.
Usage: minutes_cli.py METROPOLI_BINARY
"""
import hashlib
import os
import sqlite3
import subprocess
import sys

from common import Metropoli, fail


class Sqlite:
    name = "SQLite"

    def __init__(self, path):
        self.path = path

    def url(self):
        return self.path

    def rows(self, sql):
        con = sqlite3.connect(self.path)
        out = con.execute(sql).fetchall()
        con.close()
        return out

    def refused(self, sql):
        """The database's refusal of `sql`, or None when it ran."""
        con = sqlite3.connect(self.path)
        try:
            con.execute(sql)
            con.commit()
            return None
        except sqlite3.DatabaseError as e:
            return str(e)
        finally:
            con.close()


class Postgres:
    name = "PostgreSQL"

    def __init__(self, admin_url):
        self.admin = admin_url
        self.database = admin_url.rsplit("/", 1)[0] + "/minutes_cli"
        self.psql("DROP DATABASE IF EXISTS minutes_cli WITH (FORCE)", self.admin)
        self.psql("CREATE DATABASE minutes_cli", self.admin)

    def url(self):
        return self.database

    def psql(self, sql, database=None, check=True):
        p = subprocess.run(["psql", database or self.database, "-v", "ON_ERROR_STOP=1", "-qAt", "-F", "\t", "-c", sql],
                           capture_output=True, text=True)
        if check and p.returncode != 0:
            fail(f"psql {sql!r}: {p.stderr}")
        return p

    def rows(self, sql):
        return [tuple(line.split("\t")) for line in self.psql(sql).stdout.splitlines()]

    def refused(self, sql):
        p = self.psql(sql, check=False)
        return p.stderr if p.returncode != 0 else None


def normalised(text):
    """The README's normalised text: LF lines, trailing blanks stripped, no trailing empty lines, one final LF."""
    lines = [line.rstrip(" \t") for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    return "".join(line + "\n" for line in lines)


def canonical(m):
    head = f"Metrópoli acta / minutes\nminutes: {m['id']}\nbody: {m['body']}\nmeeting: {m['meeting']}\ndate: {m['meeting_date']}\n"
    if m["corrects"] is not None:
        head += f"corrects: {m['corrects']}\n"
    return head + "\n" + normalised(m["text"])


def check_hash(m, engine):
    computed = hashlib.sha256(canonical(m).encode("utf-8")).hexdigest()
    if computed != m["text_sha256"]:
        fail(f"{engine.name}: minutes {m['id']}: stored {m['text_sha256']}, recomputed here {computed}")


def scenario(binary, engine):
    m = Metropoli(binary, engine.url())
    m.run("init", "--region", "laguna")
    listed = m.json("minutes", "list")
    if len(listed) != 1 or not listed[0]["example"] or listed[0]["state"] != "approved" or not listed[0]["published"]:
        fail(f"{engine.name}: init should give the example meeting approved example minutes: {listed}")
    example = listed[0]
    if example["meeting_date"] != "2020-05-04" or len(example["signatories"]) != 6:
        fail(f"{engine.name}: the example minutes: {example}")
    check_hash(example, engine)
    if "íntegra / intact" not in m.run("minutes", "verify", str(example["id"])).stdout:
        fail(f"{engine.name}: verify of the example minutes")

    # A correction: a new draft that names the approved minutes, edited, amended, voted and approved.
    out = m.run("minutes", "correct", str(example["id"])).stdout
    correction = next(x for x in m.json("minutes", "list", "--all") if x["corrects"] == example["id"])
    if correction["state"] != "draft" or f"corrige / corrects {example['id']}" not in out:
        fail(f"{engine.name}: correct: {out} {correction}")
    cid = str(correction["id"])
    text_file = os.path.join(m.dir, "acta.md")
    with open(text_file, "w", encoding="utf-8") as f:
        f.write("# Acta corregida  \r\n\r\nAsistieron los seis asientos de la Mesa de Salud.\r\n\r\n\r\n")
    m.run("minutes", "edit", cid, "--version", "1", "--text-file", text_file)
    stale = m.run("minutes", "edit", cid, "--version", "1", "--text", "tarde", expect=1)
    if "changed (version 2, not 1)" not in stale.stderr:
        fail(f"{engine.name}: a stale edit: {stale.stderr}")
    out = m.run("minutes", "amend", cid, "--replaces", "seis asientos", "--text", "seis asientos (Torreón, Gómez Palacio, "
                "Coahuila, la Jurisdicción, la sociedad civil y el Mando Especial)").stdout
    amendment = out.split()[3]
    m.run("minutes", "accept", amendment)
    shown = m.json("minutes", "show", cid)
    if "Gómez Palacio" not in shown["text"] or shown["amendments"][0]["state"] != "accepted" or shown["version"] != 3:
        fail(f"{engine.name}: the accepted amendment: {shown}")
    seats = [str(r[0]) for r in engine.rows("SELECT id FROM seats ORDER BY ordinal, id")]
    early = m.run("minutes", "approve", cid, expect=1)
    if "0 for" not in early.stderr:
        fail(f"{engine.name}: approving before the vote: {early.stderr}")
    for seat, choice in zip(seats, ["for", "for", "for", "against", "abstain"]):
        m.run("minutes", "vote", cid, "--seat", seat, "--choice", choice)
    again = m.run("minutes", "vote", cid, "--seat", seats[0], "--choice", "against", expect=1)
    if "has voted" not in again.stderr:
        fail(f"{engine.name}: a second vote of a seat: {again.stderr}")
    out = m.run("minutes", "approve", cid).stdout
    approved = m.json("minutes", "show", cid)
    if approved["state"] != "approved" or approved["approval_method"] != "vote" or len(approved["signatories"]) != 3:
        fail(f"{engine.name}: the approved correction: {approved}")
    if approved["text"] != "# Acta corregida\n\nAsistieron los seis asientos (Torreón, Gómez Palacio, Coahuila, la " \
                           "Jurisdicción, la sociedad civil y el Mando Especial) de la Mesa de Salud.\n":
        fail(f"{engine.name}: the normalised text: {approved['text']!r}")
    check_hash(approved, engine)
    if approved["text_sha256"] not in out:
        fail(f"{engine.name}: approve prints the hash: {out}")
    original = m.json("minutes", "show", str(example["id"]))
    if original["corrected_by"] != approved["id"]:
        fail(f"{engine.name}: the original should show its correction: {original}")

    # Approved minutes never change: the command line refuses, and so does the database.
    for args in (["edit", cid, "--text", "otra"], ["amend", cid, "--text", "otra"], ["approve", cid]):
        p = m.run("minutes", *args, expect=1)
        if "approved minutes are immutable; file a correction" not in p.stderr:
            fail(f"{engine.name}: minutes {' '.join(args)} on approved minutes: {p.stderr}")
    for sql in (f"UPDATE minutes SET text = 'falsificada' WHERE id = {cid}",
                f"UPDATE minutes SET text_sha256 = NULL, state = 'draft' WHERE id = {cid}",
                f"DELETE FROM minutes WHERE id = {example['id']}"):
        why = engine.refused(sql)
        if why is None or "approved minutes are immutable" not in why:
            fail(f"{engine.name}: {sql} should be refused by the trigger: {why}")
    if m.json("minutes", "show", cid)["text"] != approved["text"]:
        fail(f"{engine.name}: the approved text changed")
    if "íntegra / intact" not in m.run("minutes", "verify", cid).stdout:
        fail(f"{engine.name}: verify after the refused changes")
    if "intact" not in m.run("audit", "verify").stdout:
        fail(f"{engine.name}: the audit chain")
    actions = [r[0] for r in engine.rows("SELECT action FROM audit_log WHERE subject = 'minutes:" + cid + "' ORDER BY id")]
    expected = ["minutes.correct", "minutes.edit", "minutes.amend", "minutes.amendment.accept"] + ["minutes.vote"] * 5 + \
               ["minutes.approve"]
    if actions != expected:
        fail(f"{engine.name}: the audit entries of the correction: {actions}")
    print(f"ok {engine.name}: example minutes approved at init, a correction drafted, edited, amended, voted 3-1-1 and "
          f"approved; SHA-256 recomputed; the CLI and SQL (UPDATE, DELETE) refused on approved minutes; audit intact")


def main():
    binary = sys.argv[1]
    scratch = Metropoli(binary)
    scenario(binary, Sqlite(os.path.join(scratch.dir, "minutes.db")))
    url = os.environ.get("METROPOLI_TEST_POSTGRES_URL")
    if url:
        scenario(binary, Postgres(url))
    elif os.environ.get("METROPOLI_REQUIRE_POSTGRES") == "1":
        fail("METROPOLI_REQUIRE_POSTGRES=1 but METROPOLI_TEST_POSTGRES_URL is not set")
    else:
        print("PostgreSQL half skipped: METROPOLI_TEST_POSTGRES_URL is not set (tests/with-postgres sets it)")


if __name__ == "__main__":
    main()
