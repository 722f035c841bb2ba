// SPDX-License-Identifier: MIT
// IMSS insured workers (asegurados totales) as IMPLAN Torreón tabulates them: fecha, region,
// asegurados_totales, with or without a cvegeo column. A region is a place by code, or by name: "La Laguna"
// is the region's metro zone.
#include <fmt/format.h>

#include "analysis/feeds/feed_places.hpp"
#include "analysis/feeds/feed_table.hpp"
#include "core/text.hpp"

namespace metropoli::analysis {

namespace {

const std::vector<std::string_view> k_by_name = {"fecha", "region", "asegurados_totales"};
const std::vector<std::string_view> k_by_code = {"fecha", "region", "cvegeo", "asegurados_totales"};

// Every place `name` may stand for: a metro zone of the region (by its name, its id, its name without
// "Zona Metropolitana de", or the region's own name when it has one metro zone); else the nation, states and
// the municipalities of the region's states.
std::vector<const Jurisdiction*> places_named(const Region& region, std::string_view name) {
    const std::string key = name_key(name);
    std::vector<const Jurisdiction*> out;
    for (const auto& id : region.metro_zones) {
        const auto* zone = region.find(id);
        if (!zone) continue;
        const std::string zone_key = name_key(zone->name);
        if (key == zone_key || key == name_key(zone->code) || zone_key == "zona metropolitana de " + key ||
            (key == name_key(region.name) && region.metro_zones.size() == 1)) {
            out.push_back(zone);
        }
    }
    if (!out.empty()) return out;
    if (const auto* nation = region.find("00");
        nation &&
        (key == "nacional" || key == "total nacional" || key == "nacion" || key == name_key(nation->name))) {
        out.push_back(nation);
    }
    if (const auto* state = find_state_by_name(region, name)) out.push_back(state);
    for (const auto& state : region.states) {
        if (const auto* m = find_municipality_by_name(region, state, name)) out.push_back(m);
    }
    return out;
}

}  // namespace

Status parse_economy(const FeedTable& t, const Region& region, ParsedFeed& out) {
    if (!t.has_all(k_by_name)) {
        return t.unknown_layout("economy (IMSS insured workers)",
                                {{"by region name", k_by_name}, {"with INEGI code", k_by_code}});
    }
    const int date_col = t.column("fecha"), name_col = t.column("region"), code_col = t.column("cvegeo");
    const int value_col = t.column("asegurados_totales");
    out.layout = code_col >= 0 ? "imss-cvegeo" : "imss-region-name";
    FeedCollector collect(t, out);
    for (size_t row = 0; row < t.rows(); ++row) {
        ++out.rows_read;
        auto date = t.date(row, date_col);
        if (!date) return date.error();
        const Jurisdiction* place = nullptr;
        if (code_col >= 0 && !t.cell(row, code_col).empty()) {
            place = region.find(pad_code(t.cell(row, code_col)));
            if (!place) {
                return t.error(row, code_col,
                               fmt::format("'{}' is not an INEGI code (00, a state such as 05, a "
                                           "municipality such as 05035) nor a metro zone id",
                                           t.cell(row, code_col)));
            }
        } else {
            const auto found = places_named(region, t.cell(row, name_col));
            if (found.empty()) {
                return t.error(row, name_col,
                               fmt::format("'{}' is not the nation, a state, a municipality of the "
                                           "region's states or one of its metro zones",
                                           t.cell(row, name_col)));
            }
            if (found.size() > 1) {
                std::string list;
                for (const auto* j : found)
                    list += fmt::format("{}{} ({} {})", list.empty() ? "" : " or ", j->code,
                                        kind_name(j->kind), j->name);
                return t.error(row, name_col,
                               fmt::format("'{}' could be {}; give its code in a cvegeo column",
                                           t.cell(row, name_col), list));
            }
            place = found.front();
        }
        if (!in_region(region, *place)) {
            ++out.rows_out_of_scope;
            continue;
        }
        auto n = t.count(row, value_col);
        if (!n) return n.error();
        if (!*n) {
            ++out.missing;
        } else if (auto s =
                       collect.add(row, value_col, FeedValue{place->code, "", *date, "imss_insured", **n});
                   !s) {
            return s;
        }
        ++out.rows_kept;
    }
    return ok_status();
}

}  // namespace metropoli::analysis
