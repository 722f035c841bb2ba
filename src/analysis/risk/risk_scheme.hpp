// SPDX-License-Identifier: MIT
// Risk schemes (federal semáforo v1 and v2, Harvard, Covid Act Now, WHO) as versioned data files: components
// that map an indicator to points through bands, a rule that combines the points, and the levels of the
// result. The cut points live in data/risk_schemes/*.json, each marked verified or not, never in code.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/region_loader.hpp"
#include "core/result.hpp"

namespace metropoli::analysis {

// The scheme every surface assesses by when none is named (the command line, the API, the web application).
inline constexpr std::string_view k_default_scheme = "semaforo-v2";

// A band of values worth `points`. Half-open: [from, to) by default, (from, to] for schemes whose source uses
// inclusive upper limits (Covid Act Now). A missing bound is infinite.
struct RiskBand {
    std::optional<double> from, to;
    double points = 0;
    std::string label;  // optional name of the band ("Alto")
};

struct RiskComponent {
    std::string id;
    std::string indicator;  // an indicator id (indicators.hpp)
    double scale = 1;  // the value compared is indicator × scale (e.g. 0.5: a 14-day rate as a weekly mean)
    double weight = 1;
    bool in_overall = true;  // false: shown, but not part of the combination (CAN's ICU metric)
    std::string label_es, label_en;
    std::vector<RiskBand> bands;
    bool verified = false;
    std::string note;
};

struct RiskLevel {
    std::string id;  // "verde", "rojo", "low", "ct3", ...
    std::string label_es, label_en;
    std::string color;               // #rrggbb
    std::optional<double> from, to;  // on the combined score, half-open like the bands
    bool verified = false;
};

enum class CombineRule {
    sum,            // total points (semáforo v2: 0-40)
    weighted_mean,  // sum of weight × points over the weights (semáforo v1: 0-4)
    max,            // the highest component (WHO, Harvard's single metric)
    can,  // Covid Act Now: the case-density level when it is the lowest, else the highest of the components
};

struct RiskScheme {
    std::string id, version, name_es, name_en, source, file;
    bool upper_closed = false;  // bands are (from, to]
    CombineRule rule = CombineRule::sum;
    std::vector<RiskComponent> components;
    std::vector<RiskLevel> levels;
    bool verified = false;
    std::string note;
};

// Reads data/risk_schemes/<id>.json, `id` being one of risk_scheme_ids(). Every band set must be sorted and
// contiguous, and every indicator must exist; errors name the file and the component.
Result<RiskScheme> load_risk_scheme(const DataPaths& paths, const std::string& id);
// Reads a scheme file named by the operator (the command line's --scheme FILE); never from a request.
Result<RiskScheme> load_risk_scheme_file(const std::string& file);
Result<RiskScheme> parse_risk_scheme(const std::string& json_text, const std::string& file);
// The ids of the bundled schemes, sorted.
std::vector<std::string> risk_scheme_ids(const DataPaths& paths);

// The band of `value`, honouring the scheme's interval closure; nullptr when no band holds it.
const RiskBand* band_of(const RiskScheme& scheme, const RiskComponent& c, double value);
const RiskLevel* level_of(const RiskScheme& scheme, double score);
std::string band_text(const RiskScheme& scheme, const RiskBand& band);  // "[1, 1.5)"

}  // namespace metropoli::analysis
