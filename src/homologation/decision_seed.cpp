// SPDX-License-Identifier: MIT
// The La Laguna preset's example harmonised decision: the metropolitan curfew the Mesa de Salud could have
// agreed in November 2020, when Durango's Laguna had one from 22:00 to 05:00 and Coahuila's had none
// (reference/coordination.md §4.4-4.5: "ninguna fue homologada"). The meeting, its attendance and the vote
// are illustrative, not a record, so the meeting, the decision and the agreements it creates are marked
// example = 1 and the pages say so. Written through the library as any coordinator and seat would write it:
// convene_example_meeting, record_attendance, propose_decision, vote_on_decision, close_decision, each
// audited, in one transaction; its compliance is computed, as for any decision, from the bundled 2020
// observations.
#include <fmt/format.h>
#include <soci/soci.h>

#include "access/organisations.hpp"
#include "coordination/agenda.hpp"
#include "coordination/attendance.hpp"
#include "coordination/bodies.hpp"
#include "coordination/meetings.hpp"
#include "homologation/decisions.hpp"

namespace metropoli::homologation {

Result<int> seed_example_decision(storage::Database& db, const Clock& clock, std::string_view region_id) {
    if (region_id != "laguna") return 0;
    long long present = 0;
    db.session() << "SELECT COUNT(*) FROM harmonised_decisions WHERE example = 1", soci::into(present);
    if (present > 0) return 0;
    long long body = 0;
    soci::indicator ind = soci::i_null;
    db.session() << "SELECT id FROM bodies WHERE seed_key = 'laguna-mesa-salud'", soci::into(body, ind);
    if (!db.session().got_data() || ind != soci::i_ok)
        return make_error(ErrorCode::internal,
                          "seeding the example decision: the Mesa de Salud is not seeded");
    // Each municipality's owner among the preset's organisations: Torreón's executive, Coahuila's executive
    // for Matamoros and Francisco I. Madero, Gómez Palacio's municipal health, and for Lerdo, which the
    // preset's directory lacks, the Mando Especial (whose jurisdiction is the whole metro).
    const std::vector<std::pair<const char*, const char*>> owners = {{"05035", "torreon-ejecutivo"},
                                                                     {"05017", "coahuila-ejecutivo"},
                                                                     {"05009", "coahuila-ejecutivo"},
                                                                     {"10007", "gomez-palacio-salud"},
                                                                     {"10012", "mando-especial"}};
    // The vote, seat by seat in the body's order (civil society, Coahuila's executive, the sanitary
    // jurisdiction, Torreón, Gómez Palacio, the Mando Especial): carried 5 to 1, Coahuila's executive against
    // as its government argued in November 2020 that "las condiciones son diferentes".
    const std::vector<const char*> votes = {"for", "against", "for", "for", "for", "for"};
    const access::Actor system = access::system_actor();
    const Date day = *Date::from_ymd(2020, 11, 10);
    const Status written = db.transaction([&]() -> Status {
        // 11:00 to 13:00 in Torreón (UTC-6 in November 2020).
        TRY_ASSIGN(meeting,
                   coordination::convene_example_meeting(
                       db, clock, body,
                       {"Sesión extraordinaria de ejemplo: toque de queda metropolitano",
                        "2020-11-10T17:00:00Z", "2020-11-10T19:00:00Z", "hybrid", "Torreón, Coahuila", ""}));
        for (const auto& [title, minutes] : std::vector<std::pair<const char*, int>>{
                 {"Ocupación hospitalaria de la zona metropolitana", 20},
                 {"Toque de queda metropolitano 22:00–05:00: votación", 40}})
            TRY(coordination::add_agenda_item(db, clock, system, "", meeting.id, std::nullopt,
                                              {title, "", minutes, std::nullopt, std::nullopt}));
        TRY_ASSIGN(seats, coordination::body_seats(db, system, body, day));
        if (seats.size() != votes.size())
            return make_error(ErrorCode::internal,
                              fmt::format("seeding the example decision: the Mesa has {} seats, not {}",
                                          seats.size(), votes.size()));
        std::vector<coordination::AttendanceMark> marks;
        for (const auto& s : seats) marks.push_back({s.id, "present"});
        TRY(coordination::record_attendance(db, clock, system, "", meeting.id, std::nullopt, marks));
        TRY(coordination::set_meeting_state(db, clock, system, "", meeting.id, std::nullopt, "held"));

        NewDecision d;
        d.meeting = meeting.id;
        d.title = "Toque de queda metropolitano 22:00–05:00";
        // The page and the command line say it is an example (`example`); the text says what it harmonises.
        d.text =
            "En noviembre de 2020 Durango restringió la movilidad de 22:00 a 05:00 en su Laguna y Coahuila "
            "no; la propuesta lo homologa en los cinco municipios. / In November 2020 Durango restricted "
            "movement from 22:00 to 05:00 in its Laguna and Coahuila did not; the proposal harmonises it in "
            "the five municipalities.";
        d.measure.kind = "observation";
        d.measure.indicator = "C6";
        d.measure.value = 2;
        d.measure.flag = 1;
        d.measure.extensions = {{"curfew_from", "22:00"}, {"curfew_to", "05:00"}};
        d.applies_from = Date::from_ymd(2020, 11, 12);
        d.example = true;
        for (const auto& [code, key] : owners) {
            auto owner = access::find_seed_organisation(db, key);
            if (!owner)
                return make_error(owner.error().code,
                                  fmt::format("seeding the example decision: {}", owner.error().message));
            d.jurisdictions.emplace_back(code, owner->id);
        }
        TRY_ASSIGN(proposed, propose_decision(db, clock, system, "", d));
        for (size_t i = 0; i < seats.size(); ++i)
            TRY(vote_on_decision(db, clock, system, "", proposed.id, seats[i].id, votes[i]));
        TRY_ASSIGN(voted, get_decision(db, system, proposed.id));
        TRY_ASSIGN(closed, close_decision(db, clock, system, "", proposed.id, voted.version));
        if (closed.state != "carried")
            return make_error(ErrorCode::internal,
                              fmt::format("seeding the example decision: the vote closed {}", closed.state));
        return ok_status();
    });
    if (!written) return written.error();
    return 1;
}

}  // namespace metropoli::homologation
