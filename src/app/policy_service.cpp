// SPDX-License-Identifier: MIT
#include "app/policy_service.hpp"

#include <fmt/format.h>

namespace metropoli::app {

namespace {

Result<std::string> body_of(const Region& region) {
    if (region.metro_zones.empty())
        return make_error(ErrorCode::not_found,
                          "la región no define zona metropolitana / the region defines no "
                          "metro zone");
    return region.metro_zones.front();
}

}  // namespace

Status check_policy_range(Date from, Date to, int max_days) {
    if (to < from) return make_error(ErrorCode::invalid_argument, "/to: anterior a from / before from");
    if (to - from + 1 > max_days)
        return make_error(
            ErrorCode::invalid_argument,
            fmt::format("/to: más de {} días desde from / more than {} days from from", max_days, max_days));
    return ok_status();
}

Result<homologation::MetroPicture> metro_policy_for(storage::Database& db, const Region& region, Date from,
                                                    Date to, const std::optional<std::string>& indicator,
                                                    int max_days) {
    TRY(check_policy_range(from, to, max_days));
    TRY_ASSIGN(body, body_of(region));
    return homologation::metro_picture(db, body, from, to, indicator);
}

Result<std::optional<homologation::MetroSummary>> metro_policy_summary_for(storage::Database& db,
                                                                           const Region& region) {
    TRY_ASSIGN(body, body_of(region));
    return homologation::metro_summary(db, body);
}

Result<std::vector<std::pair<std::string, homologation::EffectiveDay>>> effective_policy_for(
    storage::Database& db, const std::string& jurisdiction, Date from, Date to,
    const std::optional<std::string>& indicator, int max_days) {
    TRY(check_policy_range(from, to, max_days));
    std::vector<std::string> indicators;
    if (indicator) {
        indicators.push_back(*indicator);
    } else {
        for (int c = 0; c < homologation::k_component_count; ++c)
            indicators.emplace_back(homologation::component_code(static_cast<homologation::Component>(c)));
    }
    std::vector<std::pair<std::string, homologation::EffectiveDay>> out;
    for (const auto& code : indicators) {
        TRY_ASSIGN(days, homologation::effective_policy(db, jurisdiction, code, from, to));
        for (auto& d : days) out.emplace_back(code, std::move(d));
    }
    return out;
}

}  // namespace metropoli::app
