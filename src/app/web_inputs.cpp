// SPDX-License-Identifier: MIT
#include "app/web_inputs.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "analysis/feeds/feed_store.hpp"
#include "analysis/releases/release_store.hpp"
#include "app/assessment.hpp"
#include "core/region.hpp"

namespace metropoli::app {

std::optional<std::pair<Date, Date>> hospital_days(Context& context) {
    analysis::FeedStore feeds(*context.db);
    auto files = feeds.list();
    if (!files) return std::nullopt;
    std::optional<std::pair<Date, Date>> span;
    for (const auto& f : *files) {
        if (f.file.feed != analysis::Feed::hospital) continue;
        if (!span) span = std::pair{f.file.first_date, f.file.last_date};
        span->first = std::min(span->first, f.file.first_date);
        span->second = std::max(span->second, f.file.last_date);
    }
    return span;
}

analysis::IndicatorOptions web_options() {
    auto options = analysis::default_indicator_options();
    if (auto si = analysis::parametric_si(analysis::k_default_si_mean, analysis::k_default_si_sd))
        options.si = *si;
    return options;
}

Result<analysis::IndicatorInputs> load_place(Context& context, const Jurisdiction& j,
                                             const std::optional<std::pair<Date, Date>>& hospital) {
    analysis::ReleaseStore store(*context.db);
    if (!hospital) return analysis::load_indicator_inputs(store, context.region, j, {});
    return analysis::load_indicator_inputs(store, context.region, j, {}, bed_lookup(context, j),
                                           hospital->first, hospital->second + 6);
}

std::optional<std::pair<Date, Date>> axis_of(const analysis::IndicatorInputs& inputs) {
    const auto& c = inputs[analysis::Input::confirmed];
    if (!c.present || c.values.empty()) return std::nullopt;
    Date last = c.release;
    for (const auto& s : inputs.series) {
        if (s.present) last = std::max(last, s.release);
    }
    return std::pair{c.first, last};
}

Result<const Jurisdiction*> zone_of(Context& context, const std::string& zone) {
    auto z = resolve_jurisdiction(context.region, zone);
    if (!z) return z.error();
    if ((*z)->kind != JurisdictionKind::metro_zone) {
        return make_error(ErrorCode::invalid_argument, fmt::format("'{}' is not a metro zone", zone));
    }
    return *z;
}

std::vector<const Jurisdiction*> zone_places(Context& context, const Jurisdiction& zone) {
    std::vector<const Jurisdiction*> places{&zone};
    for (const auto& code : zone.members) {
        if (const auto* m = context.region.find(code)) places.push_back(m);
    }
    return places;
}

}  // namespace metropoli::app
