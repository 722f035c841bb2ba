// SPDX-License-Identifier: MIT
// The local extensions of an observation: what Mexican decrees of 2020 said that OxCGRT's ordinals do not
// hold on their own (curfew hours, a capacity percentage, a closing time, the rule for alcohol sales, the
// largest group allowed), kept as typed fields beside the ordinal they map onto. Each field belongs to one or
// two indicators and bounds their value (see README "Local extensions"): a curfew is C6 >= 2, a group limit
// fixes C4's band, a capacity, closing time or alcohol rule is C2 >= 1 (C5 >= 1 for a transport capacity).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace metropoli::homologation {

struct LocalExtensions {
    std::optional<std::string> curfew_from, curfew_to;  // "HH:MM": staying home required from .. to
    std::optional<int> capacity_pct;                    // 0-100: the share of capacity the premises keep
    std::optional<std::string> closing_time;            // "HH:MM": premises close at
    std::optional<std::string> alcohol_sales;           // allowed, restricted_hours, ley_seca
    std::optional<std::string> alcohol_until;           // "HH:MM": with restricted_hours, sales end at
    std::optional<int> max_group_size;                  // the largest gathering allowed

    bool empty() const {
        return !curfew_from && !curfew_to && !capacity_pct && !closing_time && !alcohol_sales &&
               !alcohol_until && !max_group_size;
    }
    friend bool operator==(const LocalExtensions&, const LocalExtensions&) = default;
};

const std::vector<std::string>& alcohol_sales_values();  // allowed, restricted_hours, ley_seca

// Each field in words, as the forms and tables name it, in the order they are entered: its key (the JSON
// name and the column), Spanish and English label, and kind (time "HH:MM", percent 0-100, count, or choice
// among alcohol_sales_values()).
struct ExtensionField {
    const char* key;
    const char* es;
    const char* en;
    const char* kind;  // time | percent | count | choice
};
const std::vector<ExtensionField>& extension_fields();

// "HH:MM" from 00:00 to 24:00.
bool valid_clock_time(const std::string& text);

// OxCGRT's C4 band of a limit on gatherings of `size` people: 1 above 1000, 2 for 101-1000, 3 for 11-100,
// 4 for 10 or fewer.
int c4_band(int size);

// Whether `ext` fits `indicator` coded at `value`; invalid_argument naming the field as a JSON pointer
// ("/extensions/curfew_from: …") otherwise.
Status check_extensions(const LocalExtensions& ext, const std::string& indicator, int value);

// {"curfew_from": "22:00", …}: only the fields that are set.
nlohmann::json extensions_json(const LocalExtensions& ext);
// Reads the object `extensions_json` writes; invalid_argument naming the field.
Result<LocalExtensions> extensions_from_json(const nlohmann::json& j);

// The fields in words, Spanish and English: "toque de queda 22:00–05:00" / "curfew 22:00–05:00"; empty when
// none is set.
std::string describe_extensions_es(const LocalExtensions& ext);
std::string describe_extensions_en(const LocalExtensions& ext);

}  // namespace metropoli::homologation
