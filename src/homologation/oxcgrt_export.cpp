// SPDX-License-Identifier: MIT
// Writing the fullwithnotes layout.
#include "homologation/oxcgrt_export.hpp"

#include <fmt/format.h>

#include <optional>
#include <regex>

#include "homologation/codebook.hpp"

namespace metropoli::homologation {

namespace {

void field(std::string& out, const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

std::string compact_date(Date d) {
    return fmt::format("{:04}{:02}{:02}", d.year(), d.month(), d.day());
}

// One column of the layout, classified once.
struct Spec {
    std::string name, code, rest;
    Segment segment = Segment::everyone;
    std::optional<Index> index;
    Variant variant = Variant::average;
};

Spec spec_of(const std::string& name) {
    static const std::regex indicator(R"(^([CEH][1-8])(E|NV|V|M|EV)?_(.+)$)");
    static const std::regex vaccine(R"(^(V[1-4])([A-G])?_(.+)$)");
    static const std::regex index_column(R"(^([A-Za-z]+Index)(_([A-Za-z]+))?$)");
    Spec s;
    s.name = name;
    std::smatch m;
    if (name == "M1_Notes") {
        s.code = "M1";
        s.rest = "Notes";
    } else if (std::regex_match(name, m, indicator)) {
        s.code = m[1];
        if (m[2].matched) s.segment = *parse_segment(m[2].str());
        s.rest = m[3];
    } else if (std::regex_match(name, m, vaccine)) {
        s.code = m[1].str() + m[2].str();
        s.rest = m[3];
        if (s.rest == "Notes") s.code = m[1];
    } else if (std::regex_match(name, m, index_column)) {
        for (Index i : {Index::si, Index::gri, Index::chi, Index::esi})
            if (index_column_name(i) == m[1].str()) s.index = i;
        if (m[3].matched) s.variant = *parse_variant(m[3].str());
    }
    return s;
}

// What one column of the layout holds for a record.
std::string cell(const OxRecord& r, const DayPolicy& day, const Spec& s, const IndexOptions& options) {
    const std::string& name = s.name;
    if (name == "CountryName") return r.country_name;
    if (name == "CountryCode") return r.country_code;
    if (name == "RegionName") return r.region_name;
    if (name == "RegionCode") return r.region_code;
    if (name == "Jurisdiction") return r.level;
    if (name == "Date") return compact_date(r.date);
    if (name == "ConfirmedCases") return r.confirmed_cases;
    if (name == "ConfirmedDeaths") return r.confirmed_deaths;
    if (name == "MajorityVaccinated") return r.majority_vaccinated;
    if (name == "PopulationVaccinated") return r.population_vaccinated;
    if (s.index) {
        const auto value = compute_index(day, *s.index, s.variant, options);
        return value ? cents_text(value->cents) : std::string();
    }
    if (s.code.empty()) return {};
    if (s.rest == "Notes") {
        for (const auto& n : r.notes)
            if (n.indicator == s.code) return n.text;
        return {};
    }
    for (const auto& v : r.values) {
        if (v.indicator != s.code || v.segment != s.segment) continue;
        if (s.rest == "Flag") return v.flag ? std::to_string(*v.flag) : std::string();
        const IndicatorDef* def = find_indicator(s.code.substr(0, 2));
        return def && def->scale == Scale::ordinal ? v.value + ".00" : v.value;
    }
    return {};
}

}  // namespace

std::string export_fullwithnotes(const std::vector<OxRecord>& records, const IndexOptions& options) {
    const auto& header = fullwithnotes_header();
    std::vector<Spec> specs;
    for (const auto& name : header) specs.push_back(spec_of(name));
    std::string out;
    for (size_t i = 0; i < header.size(); ++i) {
        if (i) out += ',';
        field(out, header[i]);
    }
    out += "\r\n";
    for (const auto& r : records) {
        const DayPolicy day = day_policy(r);
        for (size_t i = 0; i < header.size(); ++i) {
            if (i) out += ',';
            field(out, cell(r, day, specs[i], options));
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace metropoli::homologation
