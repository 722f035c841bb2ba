// SPDX-License-Identifier: MIT
// The metro picture of measures: for each ordinal indicator and day, each member municipality's effective
// value (effective_policy.hpp) side by side, the strictest and the most lenient and the spread between them,
// the metro-effective policy, and the divergences named in words; and a metro index per day.
//
// The metro-effective policy. OxCGRT has no metro; it does code a country's total as the strictest policy in
// force anywhere in it, flagged general only when it applies everywhere and targeted otherwise. The metro is
// read the same way, its members as its parts: the metro-effective value of an indicator on a day is the
// strictest member's value, with flag 1 when every member has that value generally (flag 1, or an indicator
// without flag) and 0 when some member does not. It says what is in force somewhere in the metro, not what
// everyone lives under: the spread says how far apart they are.
//
// The metro index is OxCGRT's (SI, CHI, GRI and the Legacy SI, exactly) over the metro-effective policy. The
// region codes only the indicators its sources document, so with OxCGRT's k−1 rule nearly every day would
// have no index; here an indicator no level codes is read as 0 ("no measure"), which makes the index a lower
// bound, and each value says how many components were coded.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/bilingual.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "homologation/effective_policy.hpp"
#include "homologation/indices.hpp"
#include "storage/database.hpp"

namespace metropoli::homologation {

struct MetroMember {
    std::string code, name;
};

// One municipality's cell: its effective value, what set it, and its extensions in words.
struct MetroCell {
    std::string municipality;
    EffectiveDay effective;
    Bilingual detail;  // "toque de queda 22:00–05:00" / "curfew 22:00–05:00"; empty when none
};

struct MetroIndicatorDay {
    Date day;
    std::string indicator;
    std::vector<MetroCell> cells;  // in the members' order
    std::optional<int> strictest, most_lenient;
    int spread = 0;  // strictest − most lenient over the members with a value
    std::vector<std::string> strictest_in, most_lenient_in;
    std::optional<Reading> metro_effective;
    // The members differ in value, in having a value at all, or in the extensions that set it.
    bool diverges = false;
    // Members with a value differ in it or in its extensions (not only some members coding nothing).
    bool values_differ = false;
    Bilingual
        divergence;  // "C6 …: Gómez Palacio, Lerdo 2 (toque de queda 22:00–05:00); … 1"; empty otherwise
};

struct MetroIndexValue {
    std::optional<int64_t> cents;  // the index rounded half to even, ×100
    int components = 0;            // coded components (the others read as 0)
};

struct MetroIndexDay {
    Date day;
    std::map<std::string, MetroIndexValue> metro;                                  // "SI" -> value
    std::map<std::string, std::map<std::string, MetroIndexValue>> municipalities;  // "05035" -> "SI" -> value
};

struct MetroPicture {
    std::string body;  // "zm-laguna"
    Date from, to;
    std::vector<MetroMember> members;
    std::vector<std::string> indicators;  // those with a value somewhere in the range (or the one asked for)
    std::vector<MetroIndicatorDay> rows;  // indicator-major, then day
    std::vector<MetroIndexDay> indices;   // per day
    std::map<std::string, int> divergent_days;  // per indicator
};

// The indices the picture computes: SI, CHI, GRI, LSI (not ESI: the region codes no economic support, and
// reading E1 and E2 as 0 would say the metro gave none).
const std::vector<Index>& metro_indices();

// For metro body `body` (its members from policy_jurisdiction_members), from `from` to `to` (at most
// k_max_effective_days), every ordinal indicator coded somewhere in the range, or only `indicator`.
// invalid_argument: `body` not a registered metro body, an indicator that is not one of the sixteen, dates
// out of order.
Result<MetroPicture> metro_picture(storage::Database& db, const std::string& body, Date from, Date to,
                                   const std::optional<std::string>& indicator = std::nullopt);

// The divergence of one row in words ("C6: Gómez Palacio 2 (22:00–05:00), Torreón 1").
Bilingual describe_divergence(const MetroIndicatorDay& row, const std::vector<MetroMember>& members);

}  // namespace metropoli::homologation

namespace metropoli::homologation {

// The picture as the API gives it: {body, from, to, members, indicators: [{code, name: {es, en}, labels}],
// rows: [{indicator, date, cells: [{municipality, value, flag, set_by, detail}], strictest, most_lenient,
// spread, strictest_in, most_lenient_in, metro_effective, diverges, divergence}], indices, divergent_days}.
nlohmann::json metro_picture_json(const MetroPicture& picture);
// One municipality's effective days: [{date, indicator, value, flag, set_by: {jurisdiction, level,
// observation, extensions, unverified} or null, detail: {es, en}}].
nlohmann::json effective_day_json(const std::string& indicator, const EffectiveDay& day);

// The month of the coded record in which the metro diverged most (the most divergent indicator-days; the
// earliest of equals), and per indicator how many days it diverged then and the divergence of its day of
// widest spread. None when the body has no approved observation.
struct MetroSummaryIndicator {
    std::string indicator;
    int days = 0;
    int value_days = 0;  // of them, days the members that code it differ (not only a member coding nothing)
    Date example;
    Bilingual text;
};
struct MetroSummary {
    std::string body;
    Date from, to;  // the month
    int divergent_indicator_days = 0;
    // Those whose coded values differ first (most such days first), then those divergent only because some
    // member codes nothing.
    std::vector<MetroSummaryIndicator> indicators;
};
Result<std::optional<MetroSummary>> metro_summary(storage::Database& db, const std::string& body);
nlohmann::json metro_summary_json(const std::optional<MetroSummary>& summary);

}  // namespace metropoli::homologation
