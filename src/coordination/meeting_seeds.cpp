// SPDX-License-Identifier: MIT
// The La Laguna preset's example meeting: the installation of the Mesa de Salud on 4 May 2020, as the source
// deck dates it. Its agenda and attendance are illustrative (the deck lists the seats, not a session), so the
// meeting is marked example = 1 and the pages say so. convene_example_meeting is the insert every preset
// example meeting goes through (homologation's example decision is voted in another).
#include <fmt/format.h>
#include <soci/soci.h>

#include "access/audit.hpp"
#include "coordination/agenda.hpp"
#include "coordination/attendance.hpp"
#include "coordination/bodies.hpp"
#include "coordination/meetings.hpp"

namespace metropoli::coordination {

Result<Meeting> convene_example_meeting(storage::Database& db, const Clock& clock, int64_t body,
                                        const MeetingFields& f) {
    const access::Actor system = access::system_actor();
    long long id = 0, body_id = body;
    const Status written = db.transaction([&]() -> Status {
        const std::string now = clock.now_iso();
        db.session()
            << "INSERT INTO meetings (body_id, title, starts_at, ends_at, mode, place, link, state, "
               "example, created_at, updated_at) VALUES (:b, :t, :s, :e, :m, :p, :l, 'convened', 1, :c, "
               ":u) RETURNING id",
            soci::use(body_id), soci::use(f.title), soci::use(f.starts_at), soci::use(f.ends_at),
            soci::use(f.mode), soci::use(f.place), soci::use(f.link), soci::use(now), soci::use(now),
            soci::into(id);
        db.session()
            << "INSERT INTO invitations (meeting_id, seat_id, created_at) SELECT :m, id, :c FROM seats "
               "WHERE body_id = :b AND active = 1",
            soci::use(id), soci::use(now), soci::use(body_id);
        return access::audit(db, clock, system, "",
                             {"meeting.convene",
                              "meeting",
                              std::to_string(id),
                              {{"title", {{"before", nullptr}, {"after", f.title}}},
                               {"starts_at", {{"before", nullptr}, {"after", f.starts_at}}},
                               {"example", {{"before", nullptr}, {"after", true}}}}});
    });
    if (!written) return written.error();
    return get_meeting(db, system, id);
}

Result<int> seed_meetings(storage::Database& db, const Clock& clock, std::string_view region_id) {
    if (region_id != "laguna") return 0;
    TRY_ASSIGN(existing, find_example_meeting(db));
    if (existing) return 0;
    long long body = 0;
    soci::indicator ind = soci::i_null;
    db.session() << "SELECT id FROM bodies WHERE seed_key = 'laguna-mesa-salud'", soci::into(body, ind);
    if (ind != soci::i_ok)
        return make_error(ErrorCode::internal,
                          "seeding the example meeting: the Mesa de Salud is not seeded");
    const access::Actor system = access::system_actor();
    // 11:00 to 13:00 in Torreón (UTC-5 in May 2020, daylight saving time).
    TRY_ASSIGN(
        made, convene_example_meeting(db, clock, body,
                                      {"Instalación de la Mesa de Salud de La Laguna", "2020-05-04T16:00:00Z",
                                       "2020-05-04T18:00:00Z", "in_person", "Torreón, Coahuila", ""}));
    const int64_t meeting = made.id;
    struct Item {
        const char* title;
        int minutes;
        std::vector<std::pair<const char*, int>> children;
    };
    const std::vector<Item> agenda = {
        {"Instalación de la Mesa y presentación de sus integrantes", 20, {}},
        {"Situación sanitaria de la zona metropolitana",
         45,
         {{"Informe de la Jurisdicción Sanitaria (Torreón, Matamoros y Viesca)", 20},
          {"Informe de salud municipal de Gómez Palacio", 20}}},
        {"Sumar esfuerzos y recursos: acuerdos de trabajo", 40, {}},
        {"Próxima sesión", 10, {}},
    };
    for (const auto& item : agenda) {
        TRY_ASSIGN(parent, add_agenda_item(db, clock, system, "", meeting, std::nullopt,
                                           {item.title, "", item.minutes, std::nullopt, std::nullopt}));
        for (const auto& [title, minutes] : item.children)
            TRY(add_agenda_item(db, clock, system, "", meeting, std::nullopt,
                                {title, "", minutes, parent.id, std::nullopt}));
    }
    TRY_ASSIGN(seats, body_seats(db, system, body, Date::from_ymd(2020, 5, 4).value()));
    std::vector<AttendanceMark> marks;
    for (const auto& s : seats) marks.push_back({s.id, "present"});
    TRY(record_attendance(db, clock, system, "", meeting, std::nullopt, marks));
    TRY(set_meeting_state(db, clock, system, "", meeting, std::nullopt, "held"));
    return 1;
}

}  // namespace metropoli::coordination
