// SPDX-License-Identifier: MIT
#include "analysis/risk/metro_picture.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace metropoli::analysis {

namespace {

std::string level_text(const RiskAssessment& r, bool spanish) {
    if (r.level) return spanish ? r.level->label_es : r.level->label_en;
    if (r.level_min && r.level_max) {
        return spanish ? fmt::format("entre {} y {}", r.level_min->label_es, r.level_max->label_es)
                       : fmt::format("between {} and {}", r.level_min->label_en, r.level_max->label_en);
    }
    return spanish ? "sin nivel" : "no level";
}

}  // namespace

std::vector<Divergence> find_divergences(const std::vector<PlaceAssessment>& places) {
    std::vector<Divergence> out;
    // Levels: group the municipalities by their level (or level range).
    std::map<std::string, std::vector<const PlaceAssessment*>> by_level;
    for (const auto& p : places) by_level[level_text(p.risk, true)].push_back(&p);
    if (by_level.size() > 1) {
        std::string es, en;
        for (const auto& [level, members] : by_level) {
            std::string names;
            for (const auto* m : members) names += (names.empty() ? "" : ", ") + m->jurisdiction->name;
            es += fmt::format("{}{}: {}", es.empty() ? "" : "; ", level, names);
            en += fmt::format("{}{}: {}", en.empty() ? "" : "; ", level_text(members.front()->risk, false),
                              names);
        }
        out.push_back({"level", "", "Niveles distintos en la zona — " + es,
                       "Different levels across the zone — " + en});
    }
    // Components: the lowest and highest points among the municipalities that have a value.
    if (places.empty()) return out;
    const auto& components = places.front().risk.components;
    for (size_t c = 0; c < components.size(); ++c) {
        const PlaceAssessment *lo = nullptr, *hi = nullptr;
        for (const auto& p : places) {
            if (c >= p.risk.components.size() || !p.risk.components[c].points) continue;
            const double pts = *p.risk.components[c].points;
            if (!lo || pts < *lo->risk.components[c].points) lo = &p;
            if (!hi || pts > *hi->risk.components[c].points) hi = &p;
        }
        if (!lo || !hi) continue;
        const auto& clo = lo->risk.components[c];
        const auto& chi = hi->risk.components[c];
        if (*chi.points - *clo.points < 2) continue;
        const auto* comp = components[c].component;
        out.push_back({"component", comp->id,
                       fmt::format("{}: {} ({:.4g}, {} pts) frente a {} ({:.4g}, {} pts)", comp->label_es,
                                   hi->jurisdiction->name, *chi.value, *chi.points, lo->jurisdiction->name,
                                   *clo.value, *clo.points),
                       fmt::format("{}: {} ({:.4g}, {} pts) against {} ({:.4g}, {} pts)", comp->label_en,
                                   hi->jurisdiction->name, *chi.value, *chi.points, lo->jurisdiction->name,
                                   *clo.value, *clo.points)});
    }
    return out;
}

}  // namespace metropoli::analysis
