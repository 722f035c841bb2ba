// SPDX-License-Identifier: MIT
// The share pages of a static export (`share/<code>.html`): one small HTML page per place whose Open Graph
// and Twitter card tags name the place, its level by the site's scheme and the reference date, for link
// previews (which read no JavaScript), and which sends a reader on to the place's page of the site.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace metropoli::http {

// "19 de marzo de 2022" for "2022-03-19" (the ISO text itself when it is not a date).
std::string spanish_date(const std::string& iso);

// The page of `place` (an entry of the first screen's `places`) from the first screen's document `first`.
std::string share_page(const nlohmann::json& first, const nlohmann::json& place);

}  // namespace metropoli::http
