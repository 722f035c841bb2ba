// SPDX-License-Identifier: MIT
// Google COVID-19 Community Mobility Reports (Region_Mobility_Report CSVs): rows for the country (no
// sub-region), a state (sub_region_1) or a municipality (sub_region_2), six percent changes from baseline.
#include <fmt/format.h>

#include "analysis/feeds/feed_places.hpp"
#include "analysis/feeds/feed_table.hpp"

namespace metropoli::analysis {

namespace {

const std::vector<std::pair<std::string_view, std::string_view>> k_categories = {
    {"retail_and_recreation_percent_change_from_baseline", "mobility_retail_and_recreation"},
    {"grocery_and_pharmacy_percent_change_from_baseline", "mobility_grocery_and_pharmacy"},
    {"parks_percent_change_from_baseline", "mobility_parks"},
    {"transit_stations_percent_change_from_baseline", "mobility_transit_stations"},
    {"workplaces_percent_change_from_baseline", "mobility_workplaces"},
    {"residential_percent_change_from_baseline", "mobility_residential"}};

}  // namespace

Status parse_mobility(const FeedTable& t, const Region& region, ParsedFeed& out) {
    std::vector<std::string_view> required = {"sub_region_1", "sub_region_2", "date"};
    for (const auto& [column, metric] : k_categories) required.push_back(column);
    if (!t.has_all(required)) {
        return t.unknown_layout("mobility (Google Community Mobility Reports)",
                                {{"Region_Mobility_Report", required}});
    }
    out.layout = "google-region-mobility";
    const int region1 = t.column("sub_region_1"), region2 = t.column("sub_region_2"),
              date_col = t.column("date");
    const int country = t.column("country_region_code"), metro = t.column("metro_area");
    std::vector<int> columns;
    for (const auto& [column, metric] : k_categories) columns.push_back(t.column(column));

    FeedCollector collect(t, out);
    for (size_t row = 0; row < t.rows(); ++row) {
        ++out.rows_read;
        auto date = t.date(row, date_col);
        if (!date) return date.error();
        // Another country's rows, and Google's metro areas (not INEGI jurisdictions), are not ours.
        if ((country >= 0 && t.cell(row, country) != "MX") || (metro >= 0 && !t.cell(row, metro).empty())) {
            ++out.rows_out_of_scope;
            continue;
        }
        const Jurisdiction* place = region.find("00");
        if (!t.cell(row, region1).empty()) {
            place = find_state_by_name(region, t.cell(row, region1));
            if (!place)
                return t.error(row, region1,
                               fmt::format("'{}' is not a Mexican state", t.cell(row, region1)));
            if (!in_region(region, *place)) {
                ++out.rows_out_of_scope;
                continue;
            }
            if (!t.cell(row, region2).empty()) {
                const auto* state = place;
                place = find_municipality_by_name(region, state->code, t.cell(row, region2));
                if (!place) {
                    return t.error(row, region2,
                                   fmt::format("'{}' is not a municipality of {} ({})", t.cell(row, region2),
                                               state->name, state->code));
                }
            }
        } else if (!t.cell(row, region2).empty()) {
            return t.error(row, region2, "a sub_region_2 without its sub_region_1 (state)");
        }
        if (!place) return make_error(ErrorCode::internal, "the region has no nation (00) jurisdiction");
        for (size_t i = 0; i < k_categories.size(); ++i) {
            auto n = t.number(row, columns[i]);
            if (!n) return n.error();
            if (!*n) {
                ++out.missing;
                continue;
            }
            if (auto s =
                    collect.add(row, columns[i],
                                FeedValue{place->code, "", *date, std::string(k_categories[i].second), **n});
                !s) {
                return s;
            }
        }
        ++out.rows_kept;
    }
    return ok_status();
}

}  // namespace metropoli::analysis
