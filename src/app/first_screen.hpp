// SPDX-License-Identifier: MIT
// The first screen of the public site, in one small document: the reference date and scheme the server chose
// so that the level is determinate, and for the metro zone, its municipalities and their states on that date:
// the level by every scheme (with, for a range, the missing components and how far each could move it), the
// key indicators against the week before, the cumulative totals, and the data cut of each source.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/context.hpp"
#include "core/date.hpp"

namespace metropoli::app {

// A relative change smaller than this against the week before is "flat".
inline constexpr double k_trend_flat = 0.05;

// The view the site opens on: the newest day on which one scheme gives a single level, from complete data,
// for the zone and every municipality, the schemes tried in the order default first; a later day wins, a tie
// goes to the earlier scheme. `decided` is false when no scheme decides on any day (then: the default scheme
// on `fallback`, the last day every source covers). `default_date` is the newest day the default scheme
// decides.
struct DefaultView {
    std::string scheme;
    Date date;
    bool decided = false;
    std::optional<Date> default_date;
};
Result<DefaultView> default_view(Context& context, const std::string& zone);

Result<nlohmann::json> first_screen_json(Context& context, const std::string& zone);

}  // namespace metropoli::app
