// SPDX-License-Identifier: MIT
// The occupancy rules over the stored Red IRAG figures.
#include "analysis/feeds/hospital_feed.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <vector>

#include "analysis/feeds/feed_store.hpp"

namespace metropoli::analysis {

namespace {

constexpr int32_t k_lookback_days = 7;

// The state codes a jurisdiction lies in, sorted.
std::vector<std::string> states_of(const Region& region, const Jurisdiction& j) {
    std::vector<std::string> out;
    switch (j.kind) {
        case JurisdictionKind::municipality:
            out.push_back(j.state_code);
            break;
        case JurisdictionKind::state:
            out.push_back(j.code);
            break;
        case JurisdictionKind::metro_zone:
            for (const auto& m : j.members) {
                if (const auto* member = region.find(m)) out.push_back(member->state_code);
            }
            break;
        case JurisdictionKind::nation:
            for (const auto& s : region.jurisdictions) {
                if (s.kind == JurisdictionKind::state) out.push_back(s.code);
            }
            break;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string percent_text(std::optional<double> v) {
    return v ? fmt::format("{:.1f} %", *v) : std::string("s/d");
}

// metric -> state -> day -> value
using Figures = std::map<std::string, std::map<std::string, std::map<Date, double>>>;

std::optional<double> figure(const Figures& f, const std::string& metric, const std::string& state,
                             Date day) {
    const auto m = f.find(metric);
    if (m == f.end()) return std::nullopt;
    const auto s = m->second.find(state);
    if (s == m->second.end()) return std::nullopt;
    const auto d = s->second.find(day);
    if (d == s->second.end()) return std::nullopt;
    return d->second;
}

}  // namespace

Result<std::optional<BedOccupancy>> hospital_occupancy(storage::Database& db, const Region& region,
                                                       const Jurisdiction& jurisdiction, Date date) {
    auto days = hospital_occupancy_range(db, region, jurisdiction, date, date);
    if (!days) return days.error();
    if (days->empty()) return std::optional<BedOccupancy>();
    return std::optional<BedOccupancy>(std::move(days->front().second));
}

Result<std::vector<std::pair<Date, BedOccupancy>>> hospital_occupancy_range(storage::Database& db,
                                                                            const Region& region,
                                                                            const Jurisdiction& jurisdiction,
                                                                            Date first, Date last) {
    std::vector<std::pair<Date, BedOccupancy>> out;
    const auto states = states_of(region, jurisdiction);
    if (states.empty() || last < first) return out;
    const std::string general_occupied = "irag_general_occupied", general_total = "irag_general_total",
                      ventilator_occupied = "irag_ventilator_occupied",
                      ventilator_total = "irag_ventilator_total";
    const std::vector<std::pair<std::string, std::string>> percents = {
        {"irag_general_pct", "camas generales"},
        {"irag_icu_pct", "UCI"},
        {"irag_ventilator_pct", "con ventilador"}};

    FeedStore store(db);
    const Date from = first - (k_lookback_days - 1);
    Figures figures;
    std::vector<std::string> metrics = {general_occupied, general_total, ventilator_occupied,
                                        ventilator_total};
    for (const auto& [metric, label] : percents) metrics.push_back(metric);
    for (const auto& metric : metrics) {
        auto values = store.load(metric, states, "", from, last);
        if (!values) return values.error();
        for (const auto& v : *values) figures[metric][v.jurisdiction][v.date] = v.value;
    }
    std::string names;
    for (const auto& s : states) {
        const auto* j = region.find(s);
        names += (names.empty() ? "" : " + ") + (j ? j->name : s);
    }
    auto name_of = [&](const std::string& code) {
        const auto* j = region.find(code);
        return j ? j->name : code;
    };

    // The figures in force on `date`: the newest qualifying day of the lookback window.
    const auto on = [&](Date date) -> std::optional<BedOccupancy> {
        for (Date day = date; day > date - k_lookback_days; day = day - 1) {
            const auto has = [&](const std::string& metric) {
                return std::all_of(states.begin(), states.end(), [&](const std::string& s) {
                    return figure(figures, metric, s, day).has_value();
                });
            };
            if (has(general_occupied) && has(general_total)) {
                BedOccupancy o;
                o.date = day;
                o.method = "absolute";
                auto sum = [&](const std::string& metric) {
                    double t = 0;
                    for (const auto& s : states) t += *figure(figures, metric, s, day);
                    return t;
                };
                const double occupied = sum(general_occupied), total = sum(general_total);
                if (total > 0) o.general_pct = 100.0 * occupied / total;
                o.detail =
                    fmt::format("Conteo absoluto Red IRAG del {}, {}: camas generales {} de {} ocupadas ({})",
                                day.iso(), names, occupied, total, percent_text(o.general_pct));
                if (has(ventilator_occupied) && has(ventilator_total)) {
                    const double v_occupied = sum(ventilator_occupied), v_total = sum(ventilator_total);
                    if (v_total > 0) o.ventilator_pct = 100.0 * v_occupied / v_total;
                    o.detail += fmt::format(", con ventilador {} de {} ({})", v_occupied, v_total,
                                            percent_text(o.ventilator_pct));
                }
                o.detail += "; sin dato separado de UCI";
                return std::optional<BedOccupancy>(std::move(o));
            }
            const bool every_state_publishes =
                std::all_of(states.begin(), states.end(), [&](const std::string& s) {
                    return std::any_of(percents.begin(), percents.end(), [&](const auto& p) {
                        return figure(figures, p.first, s, day).has_value();
                    });
                });
            if (!every_state_publishes) continue;
            BedOccupancy o;
            o.date = day;
            o.method = "percent";
            std::string parts;
            for (size_t i = 0; i < percents.size(); ++i) {
                std::optional<double> highest;
                std::string by_state;
                for (const auto& s : states) {
                    const auto v = figure(figures, percents[i].first, s, day);
                    if (v && (!highest || *v > *highest)) highest = v;
                    by_state +=
                        fmt::format("{}{} {}", by_state.empty() ? "" : ", ", name_of(s), percent_text(v));
                }
                (i == 0 ? o.general_pct : i == 1 ? o.icu_pct : o.ventilator_pct) = highest;
                parts += fmt::format("{}{} {}", parts.empty() ? "" : "; ", percents[i].second,
                                     states.size() == 1 ? percent_text(highest) : by_state);
            }
            o.detail =
                states.size() == 1
                    ? fmt::format("Porcentaje publicado Red IRAG del {}, {}: {}", day.iso(), names, parts)
                    : fmt::format("Porcentaje publicado Red IRAG del {}: {}; se toma la mayor", day.iso(),
                                  parts);
            return std::optional<BedOccupancy>(std::move(o));
        }
        return std::nullopt;
    };
    for (Date d = first; d <= last; d = d + 1) {
        if (auto o = on(d)) out.emplace_back(d, std::move(*o));
    }
    return out;
}

}  // namespace metropoli::analysis
