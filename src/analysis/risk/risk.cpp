// SPDX-License-Identifier: MIT
#include "analysis/risk/risk.hpp"

#include <algorithm>
#include <limits>

namespace metropoli::analysis {

namespace {

double min_points(const RiskComponent& c) {
    double m = std::numeric_limits<double>::infinity();
    for (const auto& b : c.bands) m = std::min(m, b.points);
    return m;
}
double max_points(const RiskComponent& c) {
    double m = -std::numeric_limits<double>::infinity();
    for (const auto& b : c.bands) m = std::max(m, b.points);
    return m;
}

// The scheme's rule over the components that count, with the missing ones at their lowest or highest points.
// Every rule is monotone in each component, so these two give the whole range.
double combine(const RiskScheme& scheme, const std::vector<ComponentScore>& scores, bool missing_high) {
    double total = 0, weighted = 0, weights = 0, highest = -std::numeric_limits<double>::infinity();
    std::optional<double> gate;
    bool first = true;
    for (const auto& s : scores) {
        const auto& c = *s.component;
        if (!c.in_overall) continue;
        const double p = s.points ? *s.points : (missing_high ? max_points(c) : min_points(c));
        total += p;
        weighted += c.weight * p;
        weights += c.weight;
        highest = std::max(highest, p);
        if (first) gate = p;
        first = false;
    }
    switch (scheme.rule) {
        case CombineRule::sum:
            return total;
        case CombineRule::weighted_mean:
            return weights > 0 ? weighted / weights : 0;
        case CombineRule::max:
            return highest;
        case CombineRule::can: {
            const double low = scheme.components.front().bands.front().points;
            return gate && *gate == low ? *gate : highest;
        }
    }
    return total;
}

}  // namespace

RiskAssessment assess_risk(const RiskScheme& scheme, const std::vector<IndicatorValue>& indicators,
                           Date date) {
    RiskAssessment out;
    out.date = date;
    for (const auto& c : scheme.components) {
        ComponentScore s;
        s.component = &c;
        auto it = std::find_if(indicators.begin(), indicators.end(),
                               [&](const IndicatorValue& v) { return v.def && v.def->id == c.indicator; });
        if (it == indicators.end()) {
            s.missing = {"indicador no calculado", "indicator not computed", "not_computed", {}};
        } else {
            s.window_from = it->window_from;
            s.window_to = it->window_to;
            s.releases = it->releases;
            s.complete = it->complete;
            if (it->value) {
                s.value = *it->value * c.scale;
                s.band = band_of(scheme, c, *s.value);
                if (s.band)
                    s.points = s.band->points;
                else
                    s.missing = {
                        "el valor no cae en ninguna banda", "the value falls in no band", "no_band", {}};
            } else {
                s.missing = it->note.empty() ? Bilingual{"sin valor", "no value", "no_value", {}} : it->note;
            }
        }
        if (!s.points)
            out.missing.push_back(c.id);
        else if (!s.complete)
            out.complete = false;
        out.components.push_back(std::move(s));
    }
    out.score_min = combine(scheme, out.components, false);
    out.score_max = combine(scheme, out.components, true);
    bool any_missing_counts = false;
    for (const auto& s : out.components) any_missing_counts |= !s.points && s.component->in_overall;
    if (!any_missing_counts) out.score = out.score_min;
    out.level_min = level_of(scheme, out.score_min);
    out.level_max = level_of(scheme, out.score_max);
    if (out.level_min && out.level_min == out.level_max) out.level = out.level_min;
    return out;
}

}  // namespace metropoli::analysis
