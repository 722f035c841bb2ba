// SPDX-License-Identifier: MIT
// The organisations the source deck names for La Laguna (Mesa de Salud, 4 May 2020): the seats of the body
// and the coalition, created once by `metropoli init --region laguna` and editable afterwards.
#include <fmt/format.h>

#include "access/audit.hpp"
#include "access/organisation_insert.hpp"
#include "access/store_support.hpp"

namespace metropoli::access {

namespace {

// The five municipalities of the Zona Metropolitana de La Laguna (INEGI 2015 delimitation).
const std::vector<std::string> k_metro = {"05009", "05017", "05035", "10007", "10012"};

OrganisationSeed seed(std::string key, std::string name, std::string short_name, std::string kind,
                      std::vector<std::string> sectors, std::vector<std::string> jurisdictions,
                      bool coalition) {
    OrganisationFields f;
    f.name = std::move(name);
    f.short_name = std::move(short_name);
    f.kind = std::move(kind);
    f.sectors = std::move(sectors);
    f.jurisdictions = std::move(jurisdictions);
    f.coalition = coalition;
    f.contact = "";
    f.website = "";
    return {std::move(key), std::move(f)};
}

}  // namespace

const std::vector<OrganisationSeed>& laguna_seeds() {
    // The deck's own words, seat by seat: "Representantes de Sociedad Civil (Laguna)", "ejecutivo estatal
    // (Coahuila)", "Jurisdicción Sanitaria (Torreón, Matamoros y Viesca)", "ejecutivo municipal (Torreón)",
    // "salud municipal (Gómez Palacio)", "Mando Especial (SEDENA/Metropolitano)". Viesca (05036) lies
    // outside the metro zone but inside the sanitary jurisdiction.
    static const std::vector<OrganisationSeed> seeds = {
        seed("laguna-sociedad-civil", "Sociedad Civil de La Laguna (coalición Metrópoli Laguna)",
             "Sociedad Civil Laguna", "civil_society", {"sociedad civil"}, k_metro, true),
        seed("coahuila-ejecutivo", "Ejecutivo del Estado de Coahuila", "Ejecutivo Coahuila",
             "state_government", {"gobierno"}, {"05"}, false),
        seed("coahuila-jurisdiccion-sanitaria", "Jurisdicción Sanitaria de Torreón, Matamoros y Viesca",
             "Jurisdicción Sanitaria Torreón", "health_authority", {"salud"}, {"05035", "05017", "05036"},
             false),
        seed("torreon-ejecutivo", "Ejecutivo Municipal de Torreón", "Municipio de Torreón",
             "municipal_government", {"gobierno"}, {"05035"}, false),
        seed("gomez-palacio-salud", "Salud Municipal de Gómez Palacio", "Salud Gómez Palacio",
             "municipal_government", {"salud"}, {"10007"}, false),
        seed("mando-especial", "Mando Especial (SEDENA / Metropolitano)", "Mando Especial", "armed_forces",
             {"seguridad", "salud"}, k_metro, false),
    };
    return seeds;
}

Result<Organisation> find_seed_organisation(storage::Database& db, std::string_view key) {
    const std::string wanted(key);
    TRY_ASSIGN(id, detail::reading(db, [&]() -> Result<long long> {
                   long long found = 0;
                   db.session() << "SELECT id FROM organisations WHERE seed_key = :k", soci::use(wanted),
                       soci::into(found);
                   if (!db.session().got_data())
                       return make_error(ErrorCode::not_found,
                                         fmt::format("no seeded organisation '{}'", wanted));
                   return found;
               }));
    return get_organisation(db, id);
}

Result<int> seed_organisations(storage::Database& db, const Clock& clock, std::string_view region_id) {
    if (region_id != "laguna") return 0;
    int added = 0;
    const Actor system = system_actor();
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        for (const auto& s : laguna_seeds()) {
            long long present = 0;
            sql << "SELECT COUNT(*) FROM organisations WHERE seed_key = :k", soci::use(s.key),
                soci::into(present);
            if (present > 0) continue;
            auto made = detail::insert_organisation(db, clock, system, "", s.fields, s.key);
            // An organisation of that name entered by hand before the seeds existed stays as it is.
            if (!made && made.error().code == ErrorCode::conflict) continue;
            if (!made) {
                return make_error(made.error().code, fmt::format("seeding the organisation {}: {}", s.key,
                                                                 made.error().message));
            }
            ++added;
        }
        return ok_status();
    });
    if (!written) return written.error();
    return added;
}

}  // namespace metropoli::access
