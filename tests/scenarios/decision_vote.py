# SPDX-License-Identifier: MIT
"""A harmonised curfew voted by the Mesa de Salud de La Laguna in November 2020, over the HTTP API of the real binary,
on SQLite and (with tests/with-postgres) on PostgreSQL. The inputs and every expected figure are in
tests/scenarios/decision_vote.json, worked out by hand there: two meetings of the Mesa (the first without quorum), three
decisions (the curfew proposed at each, and a restaurant rule), votes seat by seat with an alternate voting for an
absent holder, refused votes (an absent holder, the holder whose alternate sat, a member of no body, a seat's second
vote, a vote after the close), the close with If-Match, the four agreements a carried decision creates (one per owner),
and the compliance of each municipality day by day from 9 to 22 November 2020: Durango's curfew of 3-17 November
complies, Coahuila's absence of one is laxer; Coahuila's restaurant rule complies, Durango's is laxer. The command
line's `decision compliance --summary` gives the API's figures, and `metropoli audit verify` says the chain is intact.

The measures in force are the observations of the bundled 2020 record that `metropoli init` loads (federal, Coahuila,
Durango), with their sources.
Usage: decision_vote.py METROPOLI_BINARY
"""
import json
import os
import shutil
import sys
import tempfile

from common import ROOT, fail
from http_client import Server, Session, fresh_postgres_database, metropoli

CASE = json.load(open(os.path.join(ROOT, "tests", "scenarios", "decision_vote.json"), encoding="utf-8"))
PASSWORD = "Nazas-Aguanaval-2026-decisiones"


def slug(name):
    keep = "".join(c for c in name.lower() if c.isascii() and (c.isalnum() or c == " "))
    return ".".join(keep.split()[:2])


def account(binary, database, work, email, role, name=None, org=None, body=None):
    secret = os.path.join(work, "password.txt")
    with open(secret, "w") as f:
        f.write(PASSWORD + "\n")
    args = ["user", "add", email, "--role", role, "--password-file", secret]
    if name:
        args += ["--name", name]
    if org is not None:
        args += ["--org", str(org)]
    if body is not None:
        args += ["--body", str(body)]
    metropoli(binary, database, *args)
    os.remove(secret)


class Scenario:
    def __init__(self, binary, database, work, engine):
        self.binary, self.database, self.work, self.engine = binary, database, work, engine
        self.checks = 0

    def check(self, cond, message):
        if not cond:
            fail(f"{self.engine}: {message}")
        self.checks += 1

    # -- the Mesa, its people and the measures in force ----------------------------------------------------------
    def setup(self):
        metropoli(self.binary, self.database, "init")
        account(self.binary, self.database, self.work, "admin@mesa.example", "admin")
        account(self.binary, self.database, self.work, "coordinacion@mesa.example", "coordinator")
        self.server = Server(self.binary, self.database, self.work, self.engine)
        self.coordinator = Session(self.server, "coordinacion@mesa.example", PASSWORD)
        self.admin = Session(self.server, "admin@mesa.example", PASSWORD)
        bodies = self.coordinator.get("/api/v1/bodies")
        bodies = bodies.get("bodies", bodies) if isinstance(bodies, dict) else bodies
        self.mesa = [b for b in bodies if b["name"] == "Mesa de Salud de La Laguna"][0]["id"]
        seats = self.coordinator.get(f"/api/v1/bodies/{self.mesa}/seats?on=2020-11-01")
        seats = seats.get("seats", seats) if isinstance(seats, dict) else seats
        seats.sort(key=lambda s: s["ordinal"])
        self.check(len(seats) == 6 and all(s["voting"] for s in seats), f"six voting seats, got {len(seats)}")
        self.seat = dict(zip(CASE["seat_keys"], (s["id"] for s in seats)))
        self.org = dict(zip(CASE["seat_keys"], (s["organisation"] for s in seats)))
        lerdo = self.admin.write("POST", "/api/v1/organisations", {
            "name": "Municipio de Lerdo", "short_name": "Lerdo", "kind": "municipal_government",
            "sectors": ["gobierno"], "jurisdictions": ["10012"]})
        self.org["LERDO"] = lerdo["id"]
        people = {}
        for d in CASE["designations"]:
            for name in (d["person"], d["alternate"]):
                email = f"{slug(name)}@mesa.example"
                account(self.binary, self.database, self.work, email, "member", name=name, body=self.mesa)
                people[name] = email
        listed = json.loads(metropoli(self.binary, self.database, "--format", "json", "user", "list").stdout)
        person_of = {a["email"]: a["person"]["id"] for a in listed}
        for d in CASE["designations"]:
            self.coordinator.write("POST", f"/api/v1/seats/{self.seat[d['seat']]}/designations", {
                "person_id": person_of[people[d["person"]]], "alternate_id": person_of[people[d["alternate"]]],
                "designated_on": "2020-05-04"})
        self.email = people
        self.holder = {d["seat"]: d["person"] for d in CASE["designations"]}
        self.alternate = {d["seat"]: d["alternate"] for d in CASE["designations"]}
        account(self.binary, self.database, self.work, "editor.gp@mesa.example", "editor", org=self.org["GP"])
        self.stranger = Session(self.server, "editor.gp@mesa.example", PASSWORD)
        self.sessions = {}

    def member(self, name):
        if name not in self.sessions:
            self.sessions[name] = Session(self.server, self.email[name], PASSWORD)
        return self.sessions[name]

    # -- meetings and decisions ----------------------------------------------------------------------------------
    def meetings(self):
        codes = CASE["attendance_codes"]
        self.meeting, self.sat = {}, {}
        for m in CASE["meetings"]:
            made = self.coordinator.write("POST", f"/api/v1/bodies/{self.mesa}/meetings", {
                "title": m["title"], "starts_at": f"{m['date']}T17:00:00Z", "ends_at": f"{m['date']}T19:00:00Z",
                "mode": "hybrid", "place": "Torreón, Coahuila", "link": "https://reuniones.example/mesa"})
            meeting = made["id"] if "id" in made else made["meeting"]["id"]
            self.meeting[m["n"]] = meeting
            states = m["attendance"].split()
            marks = [{"seat": self.seat[k], "status": codes[c]} for k, c in zip(CASE["seat_keys"], states)]
            path = f"/api/v1/meetings/{meeting}"
            self.coordinator.write("PUT", f"{path}/attendance", {"attendance": marks},
                                   if_match=self.coordinator.etag(path))
            self.sat[m["n"]] = {k: (self.holder[k] if c == "P" else self.alternate[k])
                                for k, c in zip(CASE["seat_keys"], states) if c in ("P", "A")}

    def propose(self, d):
        jurisdictions = [{"code": code, "owner": self.org[key]} for code, key in CASE["owners"].items()
                         if code != "comment"]
        return self.coordinator.write("POST", "/api/v1/decisions", {
            "meeting": self.meeting[d["meeting"]], "title": d["title"], "measure_kind": d["kind"],
            "measure": d["measure"], "applies_from": d["applies_from"], "jurisdictions": jurisdictions})

    def decisions(self):
        self.decision = {}
        # A member may not propose, and a bad measure is refused naming its field.
        first = CASE["decisions"][0]
        body = {"meeting": self.meeting[1], "title": first["title"], "measure_kind": "observation",
                "measure": {"indicator": "C6", "value": 5, "flag": 1}, "applies_from": "2020-11-12",
                "jurisdictions": [{"code": "05035", "owner": self.org["TRC"]}]}
        problem, _ = self.coordinator.send("POST", "/api/v1/decisions", body, expect=422)
        self.check(problem["errors"][0]["pointer"] == "/measure/value", f"a C6 of 5 is refused on /measure/value: "
                   f"{problem}")
        self.member(self.holder["SC"]).send("POST", "/api/v1/decisions", dict(body, measure=first["measure"]),
                                            expect=403)
        for d in CASE["decisions"]:
            made = self.propose(d)
            self.decision[d["key"]] = made["id"]
            self.check(made["reference"] == d["expected"]["reference"], f"{d['key']}: reference {made['reference']}")
            self.check(made["state"] == "proposed", f"{d['key']}: proposed")
            sat = self.sat[d["meeting"]]
            for seat, choice in d["votes"].items():
                answer = self.member(sat[seat]).write("POST", f"/api/v1/decisions/{made['id']}/votes",
                                                      {"choice": choice})
                mine = [v for v in answer["votes"] if v["seat"] == self.seat[seat]]
                self.check(len(mine) == 1 and mine[0]["choice"] == choice and mine[0]["person"] == sat[seat],
                           f"{d['key']}: {seat}'s vote by {sat[seat]}: {mine}")
                self.check(mine[0]["by_alternate"] == (sat[seat] == self.alternate[seat]),
                           f"{d['key']}: {seat} by_alternate")
            if d["key"] == "D2":
                self.refused_votes(made["id"])
            path = f"/api/v1/decisions/{made['id']}"
            self.coordinator.send("POST", f"{path}/close", {}, expect=428)
            self.coordinator.send("POST", f"{path}/close", {}, if_match='"v1"', expect=412)
            closed = self.coordinator.write("POST", f"{path}/close", {}, if_match=self.coordinator.etag(path))
            want = d["expected"]
            tally = {k: closed["tally"][k] for k in want["tally"]}
            self.check(tally == want["tally"], f"{d['key']}: tally {tally}, by hand {want['tally']}")
            self.check(closed["state"] == want["state"], f"{d['key']}: {closed['state']}, by hand {want['state']}")
            self.check(len(closed["agreement_details"]) == want["agreements"],
                       f"{d['key']}: {len(closed['agreement_details'])} agreements, by hand {want['agreements']}")
            if want["agreements"]:
                self.agreements(d, closed)
            # Closed: no more votes.
            late = [s for s in CASE["seat_keys"] if s not in d["votes"] and s in sat]
            voter = self.member(sat[late[0]] if late else sat["SC"])
            voter.send("POST", f"{path}/votes", {"choice": "for"}, expect=409)

    def refused_votes(self, decision):
        r = CASE["refused_votes"]
        path = f"/api/v1/decisions/{decision}/votes"
        self.member(self.holder[r["absent_holder"]]).send("POST", path, {"choice": "for"}, expect=403)
        self.member(self.holder[r["replaced_holder"]]).send("POST", path, {"choice": "for"}, expect=403)
        self.stranger.send("POST", path, {"choice": "for"}, expect=403)
        self.member(self.holder[r["second_vote"]]).send("POST", path, {"choice": "against"}, expect=409)
        votes = self.coordinator.get(f"/api/v1/decisions/{decision}")["votes"]
        self.check(len(votes) == 5, f"the refused votes wrote nothing: {len(votes)} votes")

    def agreements(self, d, closed):
        want_owners = []
        for code, key in CASE["owners"].items():
            if code != "comment" and self.org[key] not in want_owners:
                want_owners.append(self.org[key])
        got = closed["agreement_details"]
        self.check([a["responsible"] for a in got] == want_owners, f"{d['key']}: owners {[a['responsible'] for a in got]}")
        for n, a in enumerate(got, start=1):
            self.check(a["reference"] == f"{closed['reference']}-{n}", f"{d['key']}: reference {a['reference']}")
            self.check(a["due_date"] == d["applies_from"], f"{d['key']}: due {a['due_date']}")
            full = self.coordinator.get(f"/api/v1/agreements/{a['id']}")
            self.check(full["meeting"]["id"] == self.meeting[d["meeting"]], f"{d['key']}: the agreement's meeting")
        coa = [a for a in got if a["responsible"] == self.org["COA"]][0]
        self.check(sorted(coa["jurisdictions"]) == ["05009", "05017"], f"Coahuila owes two: {coa['jurisdictions']}")

    # -- compliance ----------------------------------------------------------------------------------------------
    def compliance(self):
        c = CASE["compliance"]
        codes = c["codes"]
        self.summary = {}
        for key in ("D2", "D3"):
            got = self.coordinator.get(f"/api/v1/decisions/{self.decision[key]}/compliance?from={c['from']}&to={c['to']}")
            self.check(len(got["jurisdictions"]) == 5, f"{key}: five municipalities")
            for j in got["jurisdictions"]:
                want = c[key][j["code"]]
                days = "".join(next(k for k, v in codes.items() if v == d["status"]) for d in j["days"])
                self.check(days == want["days"], f"{key} {j['code']}: {days}, by hand {want['days']}")
                self.check(j["first_met"] == want["first_met"] and j["lag_days"] == want["lag_days"],
                           f"{key} {j['code']}: first met {j['first_met']} lag {j['lag_days']}, by hand {want}")
                counts = {s: days.count(k) for k, s in codes.items()}
                self.check(j["counts"] == counts, f"{key} {j['code']}: counts {j['counts']}")
            out = metropoli(self.binary, self.database, "decision", "compliance", str(self.decision[key]), "--from",
                            c["from"], "--to", c["to"], "--summary").stdout.splitlines()
            rows = {line.split(",")[0]: line.split(",") for line in out[1:]}
            for j in got["jurisdictions"]:
                row = rows[j["code"]]
                self.check(row[2:6] == [str(j["counts"][s]) for s in ("complies", "stricter", "laxer", "not_yet")]
                           and row[6] == (j["first_met"] or "") and row[7] == ("" if j["lag_days"] is None
                                                                               else str(j["lag_days"])),
                           f"{key} {j['code']}: the command line says {row}")
            self.summary[key] = {j["name"]: (j["counts"]["complies"], j["counts"]["laxer"], j["lag_days"])
                                 for j in got["jurisdictions"]}

    def verify(self):
        out = metropoli(self.binary, self.database, "audit", "verify")
        text = (out.stdout + out.stderr).strip()
        self.check("intact" in text, f"audit verify: {text}")
        return text.splitlines()[-1]

    def run(self):
        self.setup()
        try:
            self.meetings()
            self.decisions()
            self.compliance()
        finally:
            self.server.stop()
        verified = self.verify()
        def lag(v):
            return "never met" if v is None else f"lag {v}"
        d2 = ", ".join(f"{n} {c} complying/{x} laxer ({lag(g)})" for n, (c, x, g) in self.summary["D2"].items())
        d3 = ", ".join(f"{n} {c}/{x} ({lag(g)})" for n, (c, x, g) in self.summary["D3"].items())
        print(f"{self.engine}: D1 without quorum (3 of 6 attending, 4 needed); D2 carried 4-1 with Torreón's "
              f"alternate voting, 4 refused votes (absent holder, replaced holder, non-member, second vote) and one after each close, 4 agreements; D3 carried 3-1-1; curfew 9-22 Nov: {d2}; "
              f"restaurants: {d3}; {self.checks} checks; {verified}")


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp(prefix="metropoli_decision_vote_")
    try:
        Scenario(binary, os.path.join(work, "mesa.db"), work, "SQLite").run()
        url = fresh_postgres_database("decision_vote")
        if url:
            Scenario(binary, url, work, "PostgreSQL").run()
        else:
            print("PostgreSQL: skipped (no METROPOLI_TEST_POSTGRES_URL; tests/with-postgres sets it)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("decision_vote: all checks passed")


if __name__ == "__main__":
    main()
