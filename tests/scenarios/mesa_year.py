# SPDX-License-Identifier: MIT
"""A year of the Mesa de Salud de La Laguna, over the HTTP API of the real binary, on SQLite and (with
tests/with-postgres) on PostgreSQL. The year is tests/scenarios/mesa_year.json: six seats with their people and one
change of representative, twelve meetings with attendance, their minutes drafted, amended and approved by vote (one
meeting without quorum, whose minutes cannot be approved), 40 agreements in eight parents with progress updates (two
of them late on 30 April 2021), a CSV import with one bad row, and a convenio signed by four parties. What the server
answers is checked against the numbers the JSON file gives, computed by hand there: quorum per meeting, each parent's
roll-up, the late list, each organisation's scorecard and each clause's progress. Then: approved minutes cannot
change through the API, the command line or SQL; an editor of Gómez Palacio health cannot report progress on an
agreement Torreón owes; and `metropoli audit verify` says the chain is intact.
Usage: mesa_year.py METROPOLI_BINARY
"""
import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

from common import ROOT, fail
from http_client import Server, Session, fresh_postgres_database, metropoli

YEAR = json.load(open(os.path.join(ROOT, "tests", "scenarios", "mesa_year.json"), encoding="utf-8"))
PASSWORD = "Nazas-Aguanaval-2026-mesa"
PARTY_KIND = {"COA": "state_government", "DGO": "state_government", "TRC": "municipal_government",
              "GP": "municipal_government"}


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


class Year:
    def __init__(self, binary, database, work, engine):
        self.binary, self.database, self.work, self.engine = binary, database, work, engine
        self.checks = 0

    def check(self, cond, message):
        if not cond:
            fail(f"{self.engine}: {message}")
        self.checks += 1

    # -- the Mesa, its seats and its people ----------------------------------------------------------------------
    def setup(self):
        metropoli(self.binary, self.database, "init")
        account(self.binary, self.database, self.work, "admin@mesa.example", "admin")
        account(self.binary, self.database, self.work, "coordinacion@mesa.example", "coordinator")
        self.server = Server(self.binary, self.database, self.work, self.engine)
        self.coordinator = Session(self.server, "coordinacion@mesa.example", PASSWORD)
        self.admin = Session(self.server, "admin@mesa.example", PASSWORD)
        bodies = self.coordinator.get("/api/v1/bodies")
        bodies = bodies.get("bodies", bodies) if isinstance(bodies, dict) else bodies
        mesa = [b for b in bodies if b["name"] == "Mesa de Salud de La Laguna"]
        self.check(len(mesa) == 1, f"one seeded Mesa de Salud, got {[b['name'] for b in bodies]}")
        self.mesa = mesa[0]["id"]
        seats = self.coordinator.get(f"/api/v1/bodies/{self.mesa}/seats?on=2020-05-04")
        seats = seats.get("seats", seats) if isinstance(seats, dict) else seats
        self.check(len(seats) == 6 and all(s["voting"] for s in seats), f"six voting seats, got {len(seats)}")
        seats.sort(key=lambda s: s["ordinal"])
        self.seat = dict(zip(YEAR["seat_keys"], (s["id"] for s in seats)))
        self.org = dict(zip(YEAR["seat_keys"], (s["organisation"] for s in seats)))
        # Durango's government signs the convenio; the preset's directory has no row for it.
        durango = self.admin.write("POST", "/api/v1/organisations", {
            "name": "Gobierno del Estado de Durango", "short_name": "Gobierno de Durango",
            "kind": "state_government", "sectors": ["gobierno"], "jurisdictions": ["10"]})
        self.org["DGO"] = durango["id"]
        # An account for every person who sits for a seat (holder or alternate): they amend and vote.
        people = {}
        for d in YEAR["designations"]:
            for name in (d["person"], d["alternate"]):
                if name not in people:
                    email = f"{slug(name)}@mesa.example"
                    account(self.binary, self.database, self.work, email, "member", name=name, body=self.mesa)
                    people[name] = email
        listed = json.loads(metropoli(self.binary, self.database, "--format", "json", "user", "list").stdout)
        person_of = {a["email"]: a["person"]["id"] for a in listed}
        self.email = people
        self.person = {name: person_of[email] for name, email in people.items()}
        account(self.binary, self.database, self.work, "editor.gp@mesa.example", "editor", org=self.org["GP"])
        account(self.binary, self.database, self.work, "editor.trc@mesa.example", "editor", org=self.org["TRC"])
        self.editor = {"GP": Session(self.server, "editor.gp@mesa.example", PASSWORD),
                       "TRC": Session(self.server, "editor.trc@mesa.example", PASSWORD)}
        self.sessions = {}

    def member(self, name):
        if name not in self.sessions:
            self.sessions[name] = Session(self.server, self.email[name], PASSWORD)
        return self.sessions[name]

    def designate(self):
        for d in YEAR["designations"]:
            self.coordinator.write("POST", f"/api/v1/seats/{self.seat[d['seat']]}/designations", {
                "person_id": self.person[d["person"]], "alternate_id": self.person[d["alternate"]],
                "designated_on": d["on"]})
        history = self.coordinator.get(f"/api/v1/seats/{self.seat['TRC']}/history")
        history = history.get("terms", history.get("history", history)) if isinstance(history, dict) else history
        named = [t["person"] for t in history if t["person"]]
        self.check(named == ["Sergio Lara Medina", "Patricia Ochoa Zertuche"],
                   f"Torreón's seat history names its two representatives in order, got {named}")
        closed = [t for t in history if t["person"] == "Sergio Lara Medina"][0]
        self.check(closed["ends_on"] == "2020-08-31", f"the first term ends the day before: {closed['ends_on']}")
        for day, who in (("2020-07-01", "Sergio Lara Medina"), ("2020-10-01", "Patricia Ochoa Zertuche")):
            seats = self.coordinator.get(f"/api/v1/bodies/{self.mesa}/seats?on={day}")
            seats = seats.get("seats", seats) if isinstance(seats, dict) else seats
            trc = [s for s in seats if s["id"] == self.seat["TRC"]][0]
            self.check(trc["current"]["person"] == who, f"on {day} Torreón's seat is {who}: {trc['current']}")

    # -- twelve meetings -----------------------------------------------------------------------------------------
    def meetings(self):
        codes = YEAR["attendance_codes"]
        expected = YEAR["expected_quorum"]
        self.meeting = {}
        self.attended = {}
        for m in YEAR["meetings"]:
            made = self.coordinator.write("POST", f"/api/v1/bodies/{self.mesa}/meetings", {
                "title": f"Sesión {m['n']}: {m['title']}", "starts_at": f"{m['date']}T17:00:00Z",
                "ends_at": f"{m['date']}T19:00:00Z", "mode": "hybrid", "place": "Torreón, Coahuila",
                "link": "https://reuniones.example/mesa"})
            meeting = made["id"] if "id" in made else made["meeting"]["id"]
            self.meeting[m["n"]] = meeting
            path = f"/api/v1/meetings/{meeting}"
            item = self.coordinator.write("POST", f"{path}/agenda", {"title": "Cifras de la semana",
                                                                     "duration_minutes": 45},
                                          if_match=self.coordinator.etag(path))
            parent = [i for i in agenda_items(item) if i["title"] == "Cifras de la semana"][0]["id"]
            self.coordinator.write("POST", f"{path}/agenda", {"title": "Casos por municipio", "parent": parent,
                                                              "duration_minutes": 30},
                                   if_match=self.coordinator.etag(path))
            self.coordinator.write("POST", f"{path}/agenda", {"title": "Seguimiento de acuerdos",
                                                              "duration_minutes": 60},
                                   if_match=self.coordinator.etag(path))
            states = m["attendance"].split()
            marks = [{"seat": self.seat[k], "status": codes[c]} for k, c in zip(YEAR["seat_keys"], states)]
            detail = self.coordinator.write("PUT", f"{path}/attendance", {"attendance": marks},
                                            if_match=self.coordinator.etag(path))
            detail = self.coordinator.get(path)
            q = detail["quorum"]
            self.check(q["voting_seats"] == 6 and q["required"] == expected["required"],
                       f"meeting {m['n']}: quorum rule {q}")
            self.check(q["present_voting"] == expected["present"][str(m["n"])],
                       f"meeting {m['n']}: {q['present_voting']} voting seats present, expected "
                       f"{expected['present'][str(m['n'])]}")
            self.check(q["quorum"] == (m["n"] not in expected["without_quorum"]), f"meeting {m['n']}: quorum {q}")
            # Who sat for each seat that attended: the holder or the alternate of the term in force that day.
            self.attended[m["n"]] = {k: self.sitter(k, m["date"], c) for k, c in zip(YEAR["seat_keys"], states)
                                     if c in ("P", "A")}
        # The day's seat holder sits at meeting 7 for Torreón (after the change of 1 September).
        self.check(self.attended[7]["TRC"] == "Patricia Ochoa Zertuche", "meeting 7: Torreón's new representative")
        self.check(self.attended[2]["TRC"] == "Diana Meza Rangel", "meeting 2: Torreón's alternate")
        ics = self.coordinator.request("GET", f"/api/v1/bodies/{self.mesa}/calendar.ics")[2]
        events = ics.count("BEGIN:VEVENT")
        self.check(events >= 12, f"the Mesa's calendar has its 12 meetings (and the example): {events} events")

    def sitter(self, key, day, code):
        terms = [d for d in YEAR["designations"] if d["seat"] == key and d["on"] <= day]
        term = terms[-1]
        return term["person"] if code == "P" else term["alternate"]

    # -- minutes -------------------------------------------------------------------------------------------------
    def minutes(self):
        self.minutes_id = {}
        refused = 0
        for m in YEAR["meetings"]:
            n, meeting = m["n"], self.meeting[m["n"]]
            text = (f"# Sesión {n} de la Mesa de Salud\n\nFecha: {m['date']}\n\n## Acuerdos\n\n"
                    f"Se revisaron las cifras y el tema: {m['title']}.\n")
            made = self.coordinator.write("POST", f"/api/v1/bodies/{self.mesa}/meetings/{meeting}/minutes",
                                          {"text": text})
            mid = made["id"]
            self.minutes_id[n] = mid
            # The first seat present amends the draft; the coordinator accepts the amendment.
            minutes_path = f"/api/v1/bodies/{self.mesa}/minutes/{mid}"
            sitter = next(iter(self.attended[n].values()))
            amendment = self.member(sitter).write(
                "POST", f"/api/v1/bodies/{self.mesa}/minutes/{mid}/amendments",
                {"replaces": f"el tema: {m['title']}.", "text": f"el tema: {m['title']}, con las cifras de cada municipio."})
            self.check(amendment["person"] == sitter, f"meeting {n}: the amendment is kept with its author {sitter}: "
                       f"{amendment['person']}")
            minutes_path = f"/api/v1/bodies/{self.mesa}/minutes/{mid}"
            self.coordinator.write("POST", f"{minutes_path}/amendments/{amendment['id']}/accept",
                                   if_match=self.coordinator.etag(minutes_path))
            after = self.coordinator.get(minutes_path)
            self.check("con las cifras de cada municipio" in after["text"], f"meeting {n}: the amendment is applied")
            # Someone who did not attend may not amend.
            absent = [d["alternate"] for d in YEAR["designations"]
                      if d["alternate"] not in self.attended[n].values()
                      and d["person"] not in self.attended[n].values()]
            if absent:
                self.member(absent[0]).send("POST", f"/api/v1/bodies/{self.mesa}/minutes/{mid}/amendments",
                                            {"text": "Una adición."}, expect=403)
            for key, person in self.attended[n].items():
                self.member(person).write("POST", f"{minutes_path}/votes", {"choice": "for"})
            body, _ = self.coordinator.send("POST", f"{minutes_path}/approve",
                                            if_match=self.coordinator.etag(minutes_path),
                                            expect=(200, 409))
            approved = body.get("state") == "approved"
            self.check(approved == (n not in YEAR["expected_quorum"]["without_quorum"]),
                       f"meeting {n}: approved {approved}: {json.dumps(body)[:300]}")
            if not approved:
                refused += 1
                continue
            self.check(len(body["text_sha256"]) == 64, f"meeting {n}: the approved minutes carry a SHA-256")
            signed = sorted(s["person"] for s in body["signatories"])
            self.check(signed == sorted(self.attended[n].values()),
                       f"meeting {n}: signatories {signed}, expected {sorted(self.attended[n].values())}")
        self.check(refused == 1, "only the minutes of the meeting without quorum stay a draft")
        public = self.server_public(f"/api/v1/minutes?published=true")
        public = public.get("minutes", public) if isinstance(public, dict) else public
        mine = [p for p in public if p["id"] in self.minutes_id.values()]
        self.check(len(mine) == 11, f"11 approved minutes are published, got {len(mine)}")

    def server_public(self, path):
        from http_client import Client
        status, _, body = Client(self.server).call("GET", path, expect=200)
        return json.loads(body)

    def immutable(self):
        mid = self.minutes_id[1]
        path = f"/api/v1/bodies/{self.mesa}/minutes/{mid}"
        etag = self.coordinator.etag(path)
        self.coordinator.send("PUT", path, {"text": "Otro texto."}, if_match=etag, expect=409)
        self.member(self.attended[1]["SC"]).send("POST", f"{path}/amendments", {"text": "Tarde."}, expect=409)
        p = subprocess.run([self.binary, "--database", self.database, "minutes", "edit", str(mid), "--text",
                            "Otro texto."], capture_output=True, text=True)
        self.check(p.returncode != 0, f"the command line edited approved minutes: {p.stdout}{p.stderr}")
        statements = ["UPDATE minutes SET text = 'alterado' WHERE id = %d" % mid,
                      "DELETE FROM minutes WHERE id = %d" % mid]
        for sql in statements:
            if self.engine == "SQLite":
                c = sqlite3.connect(self.database)
                try:
                    c.execute(sql)
                    c.commit()
                    fail(f"SQLite accepted: {sql}")
                except sqlite3.DatabaseError:
                    pass
                finally:
                    c.close()  # a failed statement leaves its transaction open: release the lock
            else:
                p = subprocess.run(["psql", self.database, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql],
                                   capture_output=True, text=True)
                self.check(p.returncode != 0, f"PostgreSQL accepted: {sql}")
            self.checks += 1
        verified = self.coordinator.get(f"/api/v1/minutes/{mid}/verify")
        self.check(verified.get("intact") is True, f"the stored hash still verifies: {verified}")

    # -- agreements ----------------------------------------------------------------------------------------------
    def agreements(self):
        self.agreement = {}
        for a in YEAR["agreements"]:
            meeting_date = YEAR["meetings"][a["meeting"] - 1]["date"]
            body = {"reference": f"MSL-{a['key']}", "title": a["title"], "meeting": self.meeting[a["meeting"]],
                    "responsible": self.org[a["owner"]], "start_date": meeting_date, "due_date": a["due"]}
            if "parent" in a:
                body["parent"] = self.agreement[a["parent"]]
                if "weight" in a:
                    body["weight"] = a["weight"]
            if "jurisdictions" in a:
                body["jurisdictions"] = a["jurisdictions"]
            self.agreement[a["key"]] = self.coordinator.write("POST", "/api/v1/agreements", body)["id"]
        self.check(len(self.agreement) == 40, "40 agreements")
        # An editor of Gómez Palacio health may not report on what Torreón's executive owes; Torreón's may.
        c12 = self.agreement["C1.2"]
        etag = self.coordinator.etag(f"/api/v1/agreements/{c12}")
        self.editor["GP"].send("POST", f"/api/v1/agreements/{c12}/progress",
                               {"reported_on": "2020-08-01", "progress": 10, "text": "no es nuestro"},
                               if_match=etag, expect=403)
        for a in YEAR["agreements"]:
            for day, progress in a.get("updates", []):
                reporter = self.editor.get(a["owner"], self.coordinator)
                aid = self.agreement[a["key"]]
                reporter.write("POST", f"/api/v1/agreements/{aid}/progress",
                               {"reported_on": day, "progress": progress, "text": f"Avance al {day}",
                                "evidence_url": f"https://evidencias.example/{a['key']}/{day}"},
                               if_match=reporter.etag(f"/api/v1/agreements/{aid}"))
        for key, expected in YEAR["expected_rollups"].items():
            if key == "comment":
                continue
            got = self.coordinator.get(f"/api/v1/agreements/{self.agreement[key]}")["progress"]
            self.check(abs(got - expected) < 1e-9, f"{key}: roll-up {got}, computed by hand {expected}")
        timeline = self.coordinator.get(f"/api/v1/agreements/{self.agreement['C5.1']}/timeline")["timeline"]
        self.check(len(timeline) >= 3, f"C5.1's timeline has its creation and two updates: {len(timeline)}")
        detail = self.coordinator.get(f"/api/v1/agreements/{self.agreement['C1.1']}")
        links = json.dumps(detail)
        self.check(f"/api/v1/meetings/{self.meeting[1]}" in links or str(self.meeting[1]) in links,
                   "an agreement leads to the meeting that decided it")

    def follow_up(self):
        as_of = YEAR["as_of"]
        overdue = self.coordinator.get(f"/api/v1/agreements/overdue?as_of={as_of}&examples=false")
        late = sorted(a["reference"] for org in overdue["organisations"] for a in org["late"])
        wanted = sorted(f"MSL-{k}" for k in YEAR["expected_late"]["keys"])
        self.check(late == wanted, f"late on {as_of}: {late}, computed by hand {wanted}")
        cards = self.coordinator.get(f"/api/v1/agreements/scorecard?as_of={as_of}&examples=false")
        self.check(cards["as_of"] == as_of, f"the scorecards are of {as_of}")
        by_org = {c["organisation"]["id"]: c for c in cards["organisations"]}
        for key, expected in YEAR["expected_scorecards"].items():
            if key == "comment":
                continue
            got = by_org.get(self.org[key])
            self.check(got is not None, f"a scorecard for {key}")
            got = {"owed": got["owed"], "done": got["done"], "done_on_time": got["done_on_time"],
                   "late": got["late"], "open": got["open_on_time"]}
            self.check(got == expected, f"{key}'s scorecard {got}, computed by hand {expected}")

    def csv_import(self):
        before = len(self.coordinator.get("/api/v1/agreements")["agreements"])
        rows = [["reference", "title", "responsible", "due_date", "jurisdictions"],
                ["IMP-1", "Reforzar el tablero en Lerdo", str(self.org["JS"]), "2021-06-30", "10012"],
                ["IMP-2", "Campaña en Matamoros", str(self.org["SC"]), "2021-06-30", "05017"],
                ["IMP-3", "Filtros en Francisco I. Madero", "organización-que-no-existe", "2021-06-30", "05009"],
                ["IMP-4", "Transporte en Gómez Palacio", str(self.org["GP"]), "2021-06-30", "10007"]]
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        # Saved as latin-1, the file is refused at its first line that is not UTF-8 (line 3: "Campaña").
        status, _, body = self.coordinator.request("POST", "/api/v1/agreements/import",
                                                   out.getvalue().encode("latin-1"), expect=None,
                                                   content_type="text/csv")
        latin1 = json.loads(body)["report"]["problems"]
        self.check(status == 400 and len(latin1) == 1 and latin1[0]["line"] == 3 and "UTF-8" in latin1[0]["why"],
                   f"a latin-1 file is refused naming its line: {status} {latin1}")
        status, _, body = self.coordinator.request("POST", "/api/v1/agreements/import",
                                                   out.getvalue().encode("utf-8"), expect=None,
                                                   content_type="text/csv")
        self.check(status == 400, f"an import with a bad row is refused: {status} {body[:300]}")
        report = json.loads(body)["report"]
        problems = report["problems"]
        self.check(len(problems) == 1 and problems[0]["line"] == 4 and problems[0]["column"] == "responsible",
                   f"the report names line 4, column responsible: {problems}")
        after = len(self.coordinator.get("/api/v1/agreements")["agreements"])
        self.check(after == before, f"nothing imported: {before} agreements before, {after} after")

    # -- the convenio --------------------------------------------------------------------------------------------
    def convenio(self):
        spec = YEAR["convenio"]
        made = self.coordinator.write("POST", "/api/v1/convenios", {
            "title": "Convenio de coordinación metropolitana de salud pública (escenario)",
            "valid_from": "2020-06-01", "valid_to": "2021-12-31", "body": self.mesa})
        cid = made["id"]
        path = f"/api/v1/convenios/{cid}"
        parties = {}
        for key in spec["parties"]:
            detail = self.coordinator.write("POST", f"{path}/parties", {"organisation": self.org[key], "kind": PARTY_KIND[key]},
                                            if_match=self.coordinator.etag(path))
            parties[key] = [p for p in detail["parties"] if p["organisation"] == self.org[key]][0]["id"]
        for i, clause in enumerate(spec["clauses"], start=1):
            detail = self.coordinator.write("POST", f"{path}/clauses", {
                "number": f"{i}", "title": clause["title"], "task": clause["task"],
                "text": f"Las partes acuerdan: {clause['title'].lower()}."}, if_match=self.coordinator.etag(path))
            made_clause = [c for c in detail["clauses"] if c["title"] == clause["title"]][0]["id"]
            for key in clause["agreements"]:
                self.coordinator.write("POST", f"{path}/clauses/{made_clause}/agreements",
                                       {"agreement": self.agreement[key]}, if_match=self.coordinator.etag(path))
        self.coordinator.write("POST", f"{path}/status", {"status": "in_signature"},
                               if_match=self.coordinator.etag(path))
        for n, key in enumerate(spec["parties"]):
            self.coordinator.write("POST", f"{path}/signatures", {
                "party": parties[key], "signed_by": f"Titular {key}", "signed_on": f"2020-06-0{n + 1}",
                "evidence": "scanned_copy", "evidence_url": f"https://firmas.example/convenio/{n + 1}.pdf"}, if_match=self.coordinator.etag(path))
        final = self.coordinator.get(path)
        self.check(final["status"] == "in_force", f"signed by four parties, the convenio is in force: {final['status']}")
        for clause in spec["clauses"]:
            got = [c for c in final["clauses"] if c["title"] == clause["title"]][0]["progress"]
            self.check(abs(got - clause["expected_progress"]) < 1e-9,
                       f"clause {clause['task']}: progress {got}, computed by hand {clause['expected_progress']}")

    def verify(self):
        out = metropoli(self.binary, self.database, "audit", "verify")
        text = (out.stdout + out.stderr).strip()
        self.check("intact" in text, f"audit verify: {text}")
        return text.splitlines()[-1]

    def run(self):
        self.setup()
        try:
            self.designate()
            self.meetings()
            self.minutes()
            self.immutable()
            self.agreements()
            self.follow_up()
            self.csv_import()
            self.convenio()
        finally:
            self.server.stop()
        verified = self.verify()
        print(f"{self.engine}: 6 seats and a change of representative, 12 meetings (1 without quorum), 11 minutes "
              f"approved by vote and 1 refused, 40 agreements with 8 roll-ups, 2 late, 6 scorecards, a CSV import "
              f"refused at its bad line with nothing written, a convenio in force after 4 signatures with 4 clause "
              f"roll-ups; approved minutes refused by the API, the CLI and SQL; {self.checks} checks; {verified}")


def agenda_items(detail):
    items = detail.get("agenda", detail.get("items", []))
    out = []
    for i in items:
        out.append(i)
        out.extend(i.get("children", []))
    return out


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp(prefix="metropoli_mesa_year_")
    try:
        Year(binary, os.path.join(work, "mesa.db"), work, "SQLite").run()
        url = fresh_postgres_database("mesa_year")
        if url:
            Year(binary, url, work, "PostgreSQL").run()
        else:
            print("PostgreSQL: skipped (no METROPOLI_TEST_POSTGRES_URL; tests/with-postgres sets it)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("mesa_year: all checks passed")


if __name__ == "__main__":
    main()
