// SPDX-License-Identifier: MIT
// The documents the public web application reads: the metro overview (every place's level and key figures for
// every day), a place's dashboard (its chart series), and the map geometry. The live server and the static
// export both serve exactly these.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/context.hpp"
#include "core/date.hpp"

namespace metropoli::app {

// The last day every stored source covers: each municipal case release minus its incomplete days, and the end
// of the hospital feed. Nullopt when nothing is stored.
std::optional<Date> default_day(Context& context);

Result<nlohmann::json> overview_json(Context& context, const std::string& zone);
Result<nlohmann::json> dashboard_json(Context& context, const std::string& code);
Result<nlohmann::json> geo_json(Context& context, const std::string& zone);

}  // namespace metropoli::app
