// SPDX-License-Identifier: MIT
#include "app/decision_compliance_service.hpp"

#include "app/context.hpp"
#include "app/official_semaforo.hpp"

namespace metropoli::app {

Result<homologation::DecisionCompliance> decision_compliance_for(storage::Database& db, const Region& region,
                                                                 const access::Actor& who, int64_t decision,
                                                                 Date from, Date to) {
    const auto paths = data_paths();
    const homologation::ColourOfDay colour_of = [&](const std::string& municipality,
                                                    Date day) -> Result<std::optional<std::string>> {
        const Jurisdiction* state = region.find(municipality.substr(0, 2));
        if (state == nullptr) return std::optional<std::string>();
        TRY_ASSIGN(colour, official_colour(paths, state->name, day));
        if (!colour) return std::optional<std::string>();
        return std::optional<std::string>(colour->colour);
    };
    return homologation::decision_compliance(db, who, decision, from, to, colour_of);
}

}  // namespace metropoli::app
