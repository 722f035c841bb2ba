// SPDX-License-Identifier: MIT
// HXL-tagged CSV of the 3W activities: a row of column names, then a row of HXL hashtags (#org+impl,
// #org+prog, #org+funder, #sector, #activity, #adm1+code, #adm2+code, #geo+lat, #geo+lon, #date+start,
// #date+end, #status, #reached, #targeted), then one row per activity. The import follows the HXL rules: the
// tag row is the first row whose non-blank cells are all hashtags, columns are found by hashtag (case
// ignored, whitespace between attributes allowed, attributes in any order, extra attributes and extra
// columns ignored), and it is all or nothing: a report names each bad row and column and nothing is written.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.hpp"
#include "coordination/activities.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::coordination {

// A parsed hashtag specification: "#org +impl" -> {"org", {"impl"}}; nullopt when `cell` is not one.
struct HxlTag {
    std::string hashtag;
    std::vector<std::string> attributes;  // lower case, sorted
};
std::optional<HxlTag> parse_hxl_tag(std::string_view cell);
// Whether column `column` matches the pattern `pattern` ("#org+impl"): same hashtag, every attribute of
// the pattern present.
bool hxl_matches(const HxlTag& column, const HxlTag& pattern);

// The activities `filter` keeps as HXL CSV (organisations by name; municipality by INEGI code).
Result<std::string> export_activities_hxl(storage::Database& db, const ActivityFilter& filter = {});

struct HxlProblem {
    int row = 0;          // 1-based line of the CSV file
    std::string column;   // the hashtag: "#date+start"
    std::string message;  // "/rows/3/#date+start: ..." style text without the pointer
};
struct HxlImport {
    int imported = 0;
    std::vector<HxlProblem> problems;  // non-empty: nothing was written
};
nlohmann::json hxl_import_json(const HxlImport& report);

// Imports the rows as new activities, in one transaction, each checked and audited as create_activity does;
// organisations are found by name or short name. Any bad row: nothing is written and the report names each
// (the Result is still a value; a CSV that cannot be read at all, or no tag row, is invalid_argument).
Result<HxlImport> import_activities_hxl(storage::Database& db, const Clock& clock, const access::Actor& who,
                                        const std::string& request_id, std::string_view csv);

}  // namespace metropoli::coordination
