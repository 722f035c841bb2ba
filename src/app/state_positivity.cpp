// SPDX-License-Identifier: MIT
#include "app/state_positivity.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/ingest/state_series.hpp"

namespace metropoli::app {

using nlohmann::json;

namespace {

json percent_json(const std::optional<double>& v) {
    return v ? json(std::round(*v * 100) / 100) : json();
}

}  // namespace

Result<json> state_positivity_json(const DataPaths& paths, const Region& region,
                                   const std::vector<std::string>& states, Date from, Date to,
                                   int incomplete_days) {
    auto series = analysis::StateSeries::read(paths.data_dir() + "/ssa_state");
    if (!series) return series.error();
    const auto& cutoffs = series->cutoffs();
    json cutoff_days = json::array();
    for (const auto& c : cutoffs) cutoff_days.push_back(c.cutoff.iso());
    json out = json::array();
    for (const auto& code : states) {
        if (std::none_of(cutoffs.begin(), cutoffs.end(),
                         [&code](const auto& c) { return c.states.contains(code); }))
            continue;
        const auto* j = region.find(code);
        json percent = json::array(), pending = json::array(), confirmed = json::array(),
             negative = json::array(), suspected = json::array(), read = json::array();
        for (Date d = from; d <= to; d = d + 1) {
            const auto p = series->positivity(code, d, incomplete_days);
            percent.push_back(p ? percent_json(p->percent) : json());
            pending.push_back(p ? percent_json(p->pending_percent) : json());
            confirmed.push_back(p ? json(p->confirmed) : json());
            negative.push_back(p ? json(p->negative) : json());
            suspected.push_back(p ? json(p->suspected) : json());
            if (!p) {
                read.push_back(json());
                continue;
            }
            const auto at = std::find_if(cutoffs.begin(), cutoffs.end(),
                                         [&p](const auto& c) { return c.cutoff == p->cutoff; });
            read.push_back(at - cutoffs.begin());
        }
        out.push_back({{"code", code},
                       {"name", j ? j->name : code},
                       {"cutoffs", cutoff_days},
                       {"window_days", analysis::k_state_positivity_days},
                       {"incomplete_from",
                        cutoffs.empty() ? json() : json((cutoffs.back().cutoff - incomplete_days + 1).iso())},
                       {"percent", std::move(percent)},
                       {"pending_percent", std::move(pending)},
                       {"confirmed", std::move(confirmed)},
                       {"negative", std::move(negative)},
                       {"suspected", std::move(suspected)},
                       {"cutoff", std::move(read)}});
    }
    return out;
}

}  // namespace metropoli::app
