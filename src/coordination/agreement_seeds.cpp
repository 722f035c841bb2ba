// SPDX-License-Identifier: MIT
// The La Laguna demo's example agreements: attached to the example meeting of 4 May 2020 (meetings.hpp's
// find_example_meeting), each marked example = 1 so that the Mesa knows them for what they are.
#include <fmt/format.h>
#include <soci/soci.h>

#include "access/organisations.hpp"
#include "coordination/agreement_support.hpp"
#include "coordination/agreements.hpp"
#include "coordination/meetings.hpp"
#include "coordination/store_support.hpp"

namespace metropoli::coordination {

Result<int> seed_example_agreements(storage::Database& db, const Clock& clock, std::string_view region_id) {
    if (region_id != "laguna") return 0;
    struct Seed {
        const char* reference;
        const char* parent;
        double weight;
        const char* organisation_key;
        const char* title;
        const char* due;
        double progress;  // reported on 2020-05-20 when above 0
        std::vector<std::string> jurisdictions;
        // The parent's own status: its children's reports of 20 May 2020 put it in progress.
        const char* status = "not_started";
    };
    const std::vector<std::string> metro = {"05009", "05017", "05035", "10007", "10012"};
    const std::vector<Seed> seeds = {
        {"MSL-2020-05-04-01", nullptr, 0, "coahuila-ejecutivo",
         "Homologar las medidas sanitarias de la zona metropolitana", "2020-06-30", 0, metro, "in_progress"},
        {"MSL-2020-05-04-01.1",
         "MSL-2020-05-04-01",
         2,
         "torreon-ejecutivo",
         "Horarios comunes para comercios y servicios no esenciales",
         "2020-05-31",
         50,
         {"05035", "05017"}},
        {"MSL-2020-05-04-01.2",
         "MSL-2020-05-04-01",
         1,
         "gomez-palacio-salud",
         "Cubrebocas obligatorio en el transporte público metropolitano",
         "2020-05-31",
         100,
         {"10007", "10012"}},
        {"MSL-2020-05-04-01.3", "MSL-2020-05-04-01", 1, "coahuila-jurisdiccion-sanitaria",
         "Criterios comunes para el semáforo de riesgo de La Laguna", "2020-06-15", 0, metro},
        {"MSL-2020-05-04-02", nullptr, 0, "mando-especial",
         "Reporte diario compartido de ocupación hospitalaria", "2020-05-15", 25, metro},
    };
    const access::Actor system = access::system_actor();
    int added = 0;
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        TRY_ASSIGN(example, find_example_meeting(db));
        if (!example) return ok_status();
        const int64_t meeting = example->id;
        long long present = 0;
        sql << "SELECT COUNT(*) FROM agreements WHERE example = 1", soci::into(present);
        if (present > 0) return ok_status();
        for (const auto& s : seeds) {
            auto organisation = access::find_seed_organisation(db, s.organisation_key);
            if (!organisation)
                return make_error(organisation.error().code, fmt::format("seeding the example agreements: {}",
                                                                         organisation.error().message));
            NewAgreement a;
            a.reference = s.reference;
            a.meeting = meeting;
            a.title = s.title;
            a.text = "Ejemplo para la demostración: la Mesa lo edita o lo borra. / A demo example.";
            a.responsible = organisation->id;
            a.jurisdictions = s.jurisdictions;
            a.start_date = Date::from_ymd(2020, 5, 4);
            a.due_date = Date::parse_iso(s.due);
            a.example = true;
            a.status = s.status;
            if (s.parent) {
                const std::string parent = s.parent;
                a.parent = detail::select_agreements(sql, std::nullopt, &parent).front().id;
                a.weight = s.weight;
            }
            TRY_ASSIGN(id, detail::insert_agreement(db, clock, system, "", a));
            ++added;
            if (s.progress <= 0) continue;
            NewProgress p;
            p.reported_on = *Date::from_ymd(2020, 5, 20);
            p.progress = s.progress;
            p.text = "Avance de ejemplo / example progress";
            TRY(detail::insert_progress(db, clock, system, "", detail::select_agreements(sql, id).front(),
                                        p));
        }
        return ok_status();
    });
    if (!written) return written.error();
    return added;
}

}  // namespace metropoli::coordination
