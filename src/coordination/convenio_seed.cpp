// SPDX-License-Identifier: MIT
// The La Laguna preset's example convenio: a DRAFT for the Mesa de Salud to edit, never a signed document.
// Its parties are the organisations access seeds that can sign for a government or for civil society; its
// clauses follow the source deck's "reto de la gobernanza" (analizar, coordinar, homologar, comunicar) and
// its critical path (sign the convenio, follow up its agreements, add the capacities of civil society).
#include <fmt/format.h>

#include "access/organisations.hpp"
#include "coordination/convenio_support.hpp"
#include "coordination/store_support.hpp"

namespace metropoli::coordination {

namespace {

struct PartySeed {
    const char* organisation_key;
    const char* kind;
};

// In the deck's order. The directory has no seeded government of Durango, nor the municipalities of
// Matamoros, Francisco I. Madero and Lerdo, nor a federal health agency: the Mesa adds them as parties when
// the directory has them.
const PartySeed k_parties[] = {
    {"coahuila-ejecutivo", "state_government"},    {"coahuila-jurisdiccion-sanitaria", "state_government"},
    {"torreon-ejecutivo", "municipal_government"}, {"gomez-palacio-salud", "municipal_government"},
    {"mando-especial", "federal_agency"},          {"laguna-sociedad-civil", "civil_society"},
};

const ClauseFields k_clauses[] = {
    {"PRIMERA", std::nullopt, std::nullopt, "Objeto",
     "Las partes convienen en coordinarse para sumar esfuerzos y recursos para enfrentar la crisis sanitaria "
     "en "
     "la Zona Metropolitana de La Laguna (Torreón, Matamoros, Francisco I. Madero, Gómez Palacio y Lerdo), "
     "mediante la Mesa de Salud de La Laguna. BORRADOR DE EJEMPLO para que la Mesa lo edite; no es un "
     "documento "
     "firmado."},
    {"SEGUNDA", std::nullopt, "analizar", "Analizar: información compartida",
     "Las partes compartirán, con la misma periodicidad y los mismos cortes, la información sanitaria, "
     "económica "
     "y de movilidad de sus jurisdicciones, para que la Mesa analice la situación de la zona metropolitana "
     "como "
     "una sola."},
    {"TERCERA", std::nullopt, "analizar", "Analizar: indicadores comunes",
     "La Mesa acordará los indicadores con los que evaluará la situación de la zona (casos, hospitalización, "
     "movilidad, empleo) y la fuente de cada uno."},
    {"CUARTA", std::nullopt, "coordinar", "Coordinar: instituciones y actores públicos y privados",
     "Las partes coordinarán a las instituciones y actores públicos y privados de la zona, incluidos los más "
     "de "
     "35 organismos empresariales, centros de conocimiento y organizaciones sociales, y llevarán el registro "
     "de "
     "quién hace qué y dónde."},
    {"QUINTA", std::nullopt, "coordinar", "Coordinar: seguimiento de los acuerdos",
     "Cada acuerdo de la Mesa tendrá una organización responsable, una fecha compromiso y un avance que su "
     "responsable informará; la Mesa dará seguimiento público a todos."},
    {"SEXTA", std::nullopt, "homologar", "Homologar: medidas de prevención",
     "Las partes homologarán la toma de decisiones sobre medidas de prevención en ambos estados, para que "
     "una "
     "misma situación reciba la misma medida en toda la zona metropolitana."},
    {"SÉPTIMA", std::nullopt, "homologar", "Homologar: protocolos de reactivación",
     "Las partes homologarán los protocolos de reactivación económica y social de la zona metropolitana."},
    {"OCTAVA", std::nullopt, "comunicar", "Comunicar de manera clara y conjunta",
     "Las partes comunicarán de manera clara y conjunta la situación, las medidas y los acuerdos de la "
     "Mesa."},
};

// The example agreements (agreement_seeds.cpp) that carry a clause out, so that the draft shows a clause's
// progress rolled up from its agreements, and an agreement's page leads to its clause.
struct ClauseLink {
    const char* clause;     // ClauseFields::number
    const char* agreement;  // an example agreement's reference
};
const ClauseLink k_links[] = {
    {"SEGUNDA", "MSL-2020-05-04-02"},    // a shared daily hospital occupancy report
    {"TERCERA", "MSL-2020-05-04-01.3"},  // common criteria for La Laguna's risk semáforo
    {"SEXTA", "MSL-2020-05-04-01"},      // harmonise the metro's health measures (its children roll up)
};

// Links each k_links pair whose example agreement exists (init seeds the agreements first); none when the
// agreements were not seeded.
Status link_example_agreements(storage::Database& db, const Clock& clock, const access::Actor& system,
                               int64_t convenio) {
    auto& sql = db.session();
    for (const auto& l : k_links) {
        long long agreement = 0, clause = 0, id = convenio;
        soci::indicator agreement_ind = soci::i_null, clause_ind = soci::i_null;
        const std::string reference = l.agreement, number = l.clause;
        sql << "SELECT id FROM agreements WHERE example = 1 AND reference = :r", soci::use(reference),
            soci::into(agreement, agreement_ind);
        if (!sql.got_data() || agreement_ind != soci::i_ok) continue;
        sql << "SELECT id FROM convenio_clauses WHERE convenio_id = :c AND number = :n", soci::use(id),
            soci::use(number), soci::into(clause, clause_ind);
        if (!sql.got_data() || clause_ind != soci::i_ok) continue;
        TRY(link_agreement(db, clock, system, "", clause, agreement));
    }
    return ok_status();
}

}  // namespace

Result<int> seed_example_convenio(storage::Database& db, const Clock& clock, std::string_view region_id) {
    if (region_id != "laguna") return 0;
    const access::Actor system = access::system_actor();
    int added = 0;
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        long long present = 0;
        sql << "SELECT COUNT(*) FROM convenios WHERE seed_key = 'laguna-convenio-ejemplo'",
            soci::into(present);
        if (present > 0) return ok_status();
        ConvenioFields f;
        f.title =
            "Convenio de coordinación metropolitana de salud pública de La Laguna (borrador de ejemplo)";
        f.region_id = "laguna";
        f.example = true;
        f.preamble =
            "Borrador de ejemplo para que la Mesa de Salud de La Laguna lo edite: no ha sido firmado por "
            "ninguna "
            "de las partes. / A draft example for the Mesa to edit: no party has signed it.";
        long long mesa = 0;
        soci::indicator mesa_ind = soci::i_null;
        sql << "SELECT id FROM bodies WHERE seed_key = 'laguna-mesa-salud'", soci::into(mesa, mesa_ind);
        if (sql.got_data() && mesa_ind == soci::i_ok) f.body = mesa;
        TRY_ASSIGN(id,
                   detail::insert_convenio(db, clock, system, "", f, std::string("laguna-convenio-ejemplo")));
        for (const auto& p : k_parties) {
            auto organisation = access::find_seed_organisation(db, p.organisation_key);
            if (!organisation) {
                if (organisation.error().code == ErrorCode::not_found) continue;
                return organisation.error();
            }
            auto current = detail::load_convenio(sql, id);
            TRY(detail::insert_party(db, clock, system, "", *current, {organisation->id, p.kind}));
        }
        for (const auto& k : k_clauses) {
            auto current = detail::load_convenio(sql, id);
            TRY(detail::insert_clause(db, clock, system, "", *current, k));
        }
        TRY(link_example_agreements(db, clock, system, id));
        ++added;
        return ok_status();
    });
    if (!written) return written.error();
    return added;
}

}  // namespace metropoli::coordination
