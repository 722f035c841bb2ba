// SPDX-License-Identifier: MIT
#include "analysis/risk/risk_scheme.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "analysis/indicators/indicators.hpp"
#include "core/text.hpp"

namespace metropoli::analysis {

namespace {

using nlohmann::json;

std::string schemes_dir(const DataPaths& paths) {
    return paths.data_dir() + "/risk_schemes";
}

Error scheme_error(const std::string& file, const std::string& where, const std::string& what) {
    return make_error(ErrorCode::bad_input, fmt::format("{}: {}: {}", file, where, what));
}

std::optional<double> bound(const json& j, const char* key) {
    if (!j.contains(key) || j[key].is_null()) return std::nullopt;
    return j[key].get<double>();
}

std::string format_bound(double v) {
    return fmt::format("{}", v);
}

// Sorted and contiguous: each band starts where the previous one ends; the first is open below, the last open
// above (scores may also start at a finite bound, like 0 points).
Status check_contiguous(const std::vector<std::pair<std::optional<double>, std::optional<double>>>& bands,
                        const std::string& file, const std::string& where, bool open_ends) {
    if (bands.empty()) return scheme_error(file, where, "no bands");
    for (size_t i = 0; i < bands.size(); ++i) {
        const auto& [from, to] = bands[i];
        if (from && to && !(*from < *to))
            return scheme_error(file, where, fmt::format("band {} is empty ({} to {})", i + 1, *from, *to));
        if (i > 0) {
            const auto& prev_to = bands[i - 1].second;
            if (!prev_to || !from || *prev_to != *from) {
                return scheme_error(file, where,
                                    fmt::format("band {} does not start where band {} ends", i + 1, i));
            }
        }
    }
    if (open_ends && (bands.front().first || bands.back().second)) {
        return scheme_error(file, where,
                            "the first band must have no lower bound and the last no upper bound");
    }
    return ok_status();
}

}  // namespace

Result<RiskScheme> parse_risk_scheme(const std::string& text, const std::string& file) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        return scheme_error(file, "JSON", e.what());
    }
    RiskScheme s;
    s.file = file;
    try {
        s.id = j.at("id").get<std::string>();
        s.version = j.at("version").get<std::string>();
        s.name_es = j.at("name_es").get<std::string>();
        s.name_en = j.at("name_en").get<std::string>();
        s.source = j.at("source").get<std::string>();
        s.verified = j.value("verified", false);
        s.note = j.value("note", "");
        const auto intervals = j.value("intervals", "[from,to)");
        if (intervals != "[from,to)" && intervals != "(from,to]") {
            return scheme_error(file, "intervals", "must be \"[from,to)\" or \"(from,to]\"");
        }
        s.upper_closed = intervals == "(from,to]";
        const auto rule = j.at("combine").get<std::string>();
        if (rule == "sum")
            s.rule = CombineRule::sum;
        else if (rule == "weighted_mean")
            s.rule = CombineRule::weighted_mean;
        else if (rule == "max")
            s.rule = CombineRule::max;
        else if (rule == "can")
            s.rule = CombineRule::can;
        else
            return scheme_error(file, "combine",
                                fmt::format("unknown rule '{}' (sum, weighted_mean, max, can)", rule));

        for (const auto& c : j.at("components")) {
            RiskComponent comp;
            comp.id = c.at("id").get<std::string>();
            comp.indicator = c.at("indicator").get<std::string>();
            comp.scale = c.value("scale", 1.0);
            comp.weight = c.value("weight", 1.0);
            comp.in_overall = c.value("in_overall", true);
            comp.label_es = c.at("label_es").get<std::string>();
            comp.label_en = c.at("label_en").get<std::string>();
            comp.verified = c.value("verified", false);
            comp.note = c.value("note", "");
            if (!find_indicator(comp.indicator)) {
                return scheme_error(file, "component " + comp.id,
                                    fmt::format("unknown indicator '{}'", comp.indicator));
            }
            std::vector<std::pair<std::optional<double>, std::optional<double>>> ranges;
            for (const auto& b : c.at("bands")) {
                RiskBand band{bound(b, "from"), bound(b, "to"), b.at("points").get<double>(),
                              b.value("label", "")};
                ranges.emplace_back(band.from, band.to);
                comp.bands.push_back(std::move(band));
            }
            if (auto ok = check_contiguous(ranges, file, "component " + comp.id, true); !ok)
                return ok.error();
            s.components.push_back(std::move(comp));
        }
        if (s.components.empty()) return scheme_error(file, "components", "no components");
        std::vector<std::pair<std::optional<double>, std::optional<double>>> ranges;
        for (const auto& l : j.at("levels")) {
            RiskLevel level{l.at("id").get<std::string>(),
                            l.at("label_es").get<std::string>(),
                            l.at("label_en").get<std::string>(),
                            l.value("color", "#777777"),
                            bound(l, "from"),
                            bound(l, "to"),
                            l.value("verified", false)};
            ranges.emplace_back(level.from, level.to);
            s.levels.push_back(std::move(level));
        }
        if (auto ok = check_contiguous(ranges, file, "levels", false); !ok) return ok.error();
    } catch (const json::exception& e) {
        return scheme_error(file, "field", e.what());
    }
    return s;
}

Result<RiskScheme> load_risk_scheme(const DataPaths& paths, const std::string& id) {
    // The id is looked up in the list of bundled schemes, never joined into a path: a request cannot name a
    // file.
    const auto ids = risk_scheme_ids(paths);
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
        std::string known;
        for (const auto& k : ids) known += (known.empty() ? "" : ", ") + k;
        return make_error(ErrorCode::not_found,
                          fmt::format("unknown risk scheme '{}'; known: {}", id, known));
    }
    return load_risk_scheme_file(schemes_dir(paths) + "/" + id + ".json");
}

Result<RiskScheme> load_risk_scheme_file(const std::string& file) {
    auto text = read_file(file);
    if (!text) return text.error();
    return parse_risk_scheme(*text, file);
}

std::vector<std::string> risk_scheme_ids(const DataPaths& paths) {
    std::vector<std::string> ids;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(schemes_dir(paths), ec)) {
        if (entry.path().extension() == ".json") ids.push_back(entry.path().stem().string());
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

namespace {

template <class Band>
bool holds(const Band& b, double v, bool upper_closed) {
    if (upper_closed) return (!b.from || v > *b.from) && (!b.to || v <= *b.to);
    return (!b.from || v >= *b.from) && (!b.to || v < *b.to);
}

}  // namespace

const RiskBand* band_of(const RiskScheme& scheme, const RiskComponent& c, double value) {
    if (std::isnan(value)) return nullptr;
    for (const auto& b : c.bands) {
        if (holds(b, value, scheme.upper_closed)) return &b;
    }
    return nullptr;
}

const RiskLevel* level_of(const RiskScheme& scheme, double score) {
    // Levels are on points, always [from, to), whatever the closure of the component bands.
    for (const auto& l : scheme.levels) {
        if (holds(l, score, false)) return &l;
    }
    return nullptr;
}

std::string band_text(const RiskScheme& scheme, const RiskBand& b) {
    const std::string lo = b.from ? format_bound(*b.from) : "-∞";
    const std::string hi = b.to ? format_bound(*b.to) : "∞";
    if (scheme.upper_closed) return fmt::format("({}, {}{}", lo, hi, b.to ? "]" : ")");
    return fmt::format("{}{}, {})", b.from ? "[" : "(", lo, hi);
}

}  // namespace metropoli::analysis
