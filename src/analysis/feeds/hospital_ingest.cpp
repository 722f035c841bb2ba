// SPDX-License-Identifier: MIT
// Red IRAG occupancy files in their three layouts: absolute beds by state, published percentages by state,
// and published percentages by hospital (CLUES), told apart by their header.
#include <fmt/format.h>

#include <map>

#include "analysis/feeds/feed_places.hpp"
#include "analysis/feeds/feed_table.hpp"

namespace metropoli::analysis {

namespace {

const std::vector<std::string_view> k_absolute = {"fecha",
                                                  "cve_ent",
                                                  "estado",
                                                  "IRAG_GEN_Ocupadas",
                                                  "IRAG_GEN_Disponibles",
                                                  "IRAG_GEN_Total",
                                                  "IRAG_VENT_Ocupadas",
                                                  "IRAG_VENT_Disponibles",
                                                  "IRAG_VENT_Total"};
const std::vector<std::string_view> k_state_percent = {"fecha",
                                                       "cve_ent",
                                                       "estado",
                                                       "pct_ocupacion_camas_generales",
                                                       "pct_ocupacion_camas_uci",
                                                       "pct_ocupacion_camas_con_ventilador"};
const std::vector<std::string_view> k_hospital_percent = {"fecha",
                                                          "CLUES",
                                                          "unidad_medica",
                                                          "estado",
                                                          "institucion",
                                                          "pct_ocupacion_camas_generales",
                                                          "pct_ocupacion_camas_uci",
                                                          "pct_ocupacion_camas_con_ventilador"};

// Column -> metric, for the columns after the identifying ones.
const std::vector<std::pair<std::string_view, std::string_view>> k_absolute_metrics = {
    {"IRAG_GEN_Ocupadas", "irag_general_occupied"},
    {"IRAG_GEN_Disponibles", "irag_general_available"},
    {"IRAG_GEN_Total", "irag_general_total"},
    {"IRAG_VENT_Ocupadas", "irag_ventilator_occupied"},
    {"IRAG_VENT_Disponibles", "irag_ventilator_available"},
    {"IRAG_VENT_Total", "irag_ventilator_total"}};
const std::vector<std::pair<std::string_view, std::string_view>> k_percent_metrics = {
    {"pct_ocupacion_camas_generales", "irag_general_pct"},
    {"pct_ocupacion_camas_uci", "irag_icu_pct"},
    {"pct_ocupacion_camas_con_ventilador", "irag_ventilator_pct"}};

enum class Layout { state_absolute, state_percent, hospital_percent };

// The state of a state-level row: cve_ent, which `estado` may not contradict.
Result<const Jurisdiction*> state_of_row(const FeedTable& t, const Region& region, size_t row) {
    const int code_col = t.column("cve_ent"), name_col = t.column("estado");
    const std::string code = pad_code(t.cell(row, code_col));
    const Jurisdiction* state = region.find(code);
    if (!state || state->kind != JurisdictionKind::state) {
        return t.error(row, code_col,
                       fmt::format("'{}' is not a state code (01 to 32)", t.cell(row, code_col)));
    }
    const auto* named = find_state_by_name(region, t.cell(row, name_col));
    if (named && named != state) {
        return t.error(row, name_col,
                       fmt::format("'{}' is state {}, but cve_ent says {} ({})", t.cell(row, name_col),
                                   named->code, state->code, state->name));
    }
    return state;
}

bool is_clues(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
    }
    return true;
}

}  // namespace

Status parse_hospital(const FeedTable& t, const Region& region, ParsedFeed& out) {
    Layout layout;
    if (t.has_all(k_hospital_percent)) {
        layout = Layout::hospital_percent;
        out.layout = "hospital-percent";
    } else if (t.has_all(k_absolute)) {
        layout = Layout::state_absolute;
        out.layout = "state-absolute";
    } else if (t.has_all(k_state_percent)) {
        layout = Layout::state_percent;
        out.layout = "state-percent";
    } else {
        return t.unknown_layout("hospital (Red IRAG)", {{"state absolute beds", k_absolute},
                                                        {"state percent", k_state_percent},
                                                        {"hospital percent", k_hospital_percent}});
    }
    const auto& metrics = layout == Layout::state_absolute ? k_absolute_metrics : k_percent_metrics;
    std::vector<int> columns;
    for (const auto& [column, metric] : metrics) columns.push_back(t.column(column));
    const int date_col = t.column("fecha");

    FeedCollector collect(t, out);
    std::map<std::string, FeedUnit> units;
    uint64_t out_of_range = 0, out_of_range_line = 0, unbalanced = 0, unbalanced_line = 0;
    for (size_t row = 0; row < t.rows(); ++row) {
        ++out.rows_read;
        auto date = t.date(row, date_col);
        if (!date) return date.error();
        const Jurisdiction* state = nullptr;
        std::string clues;
        if (layout == Layout::hospital_percent) {
            const int name_col = t.column("estado"), clues_col = t.column("CLUES");
            state = find_state_by_name(region, t.cell(row, name_col));
            if (!state)
                return t.error(row, name_col,
                               fmt::format("'{}' is not a Mexican state", t.cell(row, name_col)));
            clues = std::string(t.cell(row, clues_col));
            if (!is_clues(clues))
                return t.error(row, clues_col, fmt::format("'{}' is not a CLUES code", clues));
        } else {
            auto s = state_of_row(t, region, row);
            if (!s) return s.error();
            state = *s;
        }
        if (!in_region(region, *state)) {
            ++out.rows_out_of_scope;
            continue;
        }
        std::vector<std::optional<double>> v;
        for (size_t i = 0; i < metrics.size(); ++i) {
            auto n = layout == Layout::state_absolute ? t.count(row, columns[i]) : t.number(row, columns[i]);
            if (!n) return n.error();
            v.push_back(*n);
            if (!*n) {
                ++out.missing;
                continue;
            }
            if (layout != Layout::state_absolute && (**n < 0 || **n > 100) && out_of_range++ == 0) {
                out_of_range_line = t.line(row);
            }
            if (auto s =
                    collect.add(row, columns[i],
                                FeedValue{state->code, clues, *date, std::string(metrics[i].second), **n});
                !s) {
                return s;
            }
        }
        if (layout == Layout::state_absolute) {
            for (size_t base : {size_t{0}, size_t{3}}) {
                if (v[base] && v[base + 1] && v[base + 2] && *v[base] + *v[base + 1] != *v[base + 2] &&
                    unbalanced++ == 0) {
                    unbalanced_line = t.line(row);
                }
            }
        }
        if (layout == Layout::hospital_percent) {
            units[clues] = FeedUnit{clues, state->code, std::string(t.cell(row, t.column("unidad_medica"))),
                                    std::string(t.cell(row, t.column("institucion")))};
        }
        ++out.rows_kept;
    }
    for (auto& [code, unit] : units) out.units.push_back(std::move(unit));
    if (out_of_range > 0) {
        out.warnings.push_back(
            fmt::format("{} percentages outside 0-100 stored as published (first on line {})", out_of_range,
                        out_of_range_line));
    }
    if (unbalanced > 0) {
        out.warnings.push_back(
            fmt::format("{} bed counts where occupied + available != total (first on line {})", unbalanced,
                        unbalanced_line));
    }
    return ok_status();
}

}  // namespace metropoli::analysis
