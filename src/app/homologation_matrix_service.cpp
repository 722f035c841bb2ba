// SPDX-License-Identifier: MIT
#include "app/homologation_matrix_service.hpp"

#include <fmt/format.h>

#include "app/context.hpp"
#include "app/official_semaforo.hpp"
#include "coordination/activities.hpp"

namespace metropoli::app {

Result<homologation::HomologationMatrix> homologation_matrix_for(storage::Database& db, const Region& region,
                                                                 Date day) {
    const auto paths = data_paths();
    std::vector<homologation::MatrixPlace> places;
    for (const auto& place : coordination::region_places(region)) {
        homologation::MatrixPlace p{place.code, place.name, std::nullopt, ""};
        const Jurisdiction* state = region.find(place.code.substr(0, 2));
        if (state != nullptr) {
            TRY_ASSIGN(colour, official_colour(paths, state->name, day));
            if (colour) {
                p.colour = colour->colour;
                p.colour_basis = fmt::format("federal {} (data/semaforo)", colour->week);
            }
        }
        places.push_back(std::move(p));
    }
    return homologation::homologation_matrix(db, day, places);
}

}  // namespace metropoli::app
