// SPDX-License-Identifier: MIT
// Homologar's policy reads for a stored region: the metro picture of its first metro zone (the policy body of
// the same id, "zm-laguna"), the month it diverged most, and one municipality's effective policy. The API and
// the command line both call these; the API bounds the range tighter (k_api_policy_days).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "core/region.hpp"
#include "core/result.hpp"
#include "homologation/metro_picture.hpp"
#include "storage/database.hpp"

namespace metropoli::app {

// The longest range one API request computes.
inline constexpr int k_api_policy_days = 366;

// invalid_argument naming /from or /to: dates out of order, or more than `max_days` days.
Status check_policy_range(Date from, Date to, int max_days);

Result<homologation::MetroPicture> metro_policy_for(storage::Database& db, const Region& region, Date from,
                                                    Date to, const std::optional<std::string>& indicator,
                                                    int max_days);

Result<std::optional<homologation::MetroSummary>> metro_policy_summary_for(storage::Database& db,
                                                                           const Region& region);

// Every day of the range for `indicator`, or for each of the sixteen ordinal indicators when none:
// (indicator, day) in indicator order, then day.
Result<std::vector<std::pair<std::string, homologation::EffectiveDay>>> effective_policy_for(
    storage::Database& db, const std::string& jurisdiction, Date from, Date to,
    const std::optional<std::string>& indicator, int max_days);

}  // namespace metropoli::app
