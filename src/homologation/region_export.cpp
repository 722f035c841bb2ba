// SPDX-License-Identifier: MIT
// The region's records in OxCGRT's layouts, and the timeseries writer.
#include "homologation/region_export.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <array>
#include <map>

#include "homologation/activity_rule_support.hpp"
#include "homologation/effective_policy.hpp"
#include "homologation/observation_review.hpp"
#include "homologation/observations.hpp"
#include "homologation/policy_store.hpp"

namespace metropoli::homologation {

namespace {

struct Place {
    std::string name, country_code, country_name, kind;
};

Result<Place> place_of(storage::Database& db, const std::string& code) {
    return detail::reading(db, [&]() -> Result<Place> {
        Place p;
        soci::indicator found = soci::i_null;
        db.session()
            << "SELECT name, country_code, country_name, kind FROM policy_jurisdictions WHERE code = :c",
            soci::use(code), soci::into(p.name, found), soci::into(p.country_code),
            soci::into(p.country_name), soci::into(p.kind);
        if (!db.session().got_data() || found != soci::i_ok)
            return make_error(ErrorCode::not_found,
                              fmt::format("jurisdicción desconocida / unknown jurisdiction {}", code));
        return p;
    });
}

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

// "62.50" -> "62.5", "50.00" -> "50", "0.00" -> "0": the timeseries files' decimals.
std::string shortest(std::string text) {
    if (text.find('.') == std::string::npos) return text;
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
}

std::string header_day(Date d) {
    static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return fmt::format("{:02}{}{:04}", d.day(), months[static_cast<size_t>(d.month() - 1)], d.year());
}

}  // namespace

std::string oxcgrt_level(const std::string& kind, const std::string& scope) {
    const std::string prefix = kind == "federal" ? "NAT_" : kind == "state" ? "STATE_" : "CITY_";
    return prefix + scope;
}

Result<std::string> policy_jurisdiction_kind(storage::Database& db, const std::string& code) {
    TRY_ASSIGN(p, place_of(db, code));
    return p.kind;
}

Result<std::optional<Date>> region_horizon(storage::Database& db) {
    return detail::reading(db, [&]() -> Result<std::optional<Date>> {
        std::string latest;
        soci::indicator ind = soci::i_null;
        db.session() << fmt::format(
            "SELECT MAX(CASE WHEN o.end_date = '{}' THEN o.start_date ELSE o.end_date END) "
            "FROM policy_observations o JOIN policy_jurisdictions j ON j.code = "
            "o.jurisdiction WHERE j.kind <> 'oxcgrt' AND {}",
            k_open_end, counted_observations_sql("o")),
            soci::into(latest, ind);
        if (ind != soci::i_ok) return std::optional<Date>{};
        return Date::parse_iso(latest);
    });
}

Result<std::vector<OxRecord>> region_records(storage::Database& db, const std::string& jurisdiction,
                                             const std::string& scope, Date from, Date to) {
    if (to < from) return detail::invalid("to", "anterior a from / before from");
    TRY_ASSIGN(place, place_of(db, jurisdiction));
    if (place.kind == "oxcgrt")
        return detail::invalid("jurisdiction",
                               fmt::format("{} es de OxCGRT, no de la región / {} is OxCGRT's, not "
                                           "the region's",
                                           jurisdiction, jurisdiction));
    const std::string level = oxcgrt_level(place.kind, scope);
    std::vector<OxRecord> out;
    if (scope == "GOV" || scope == "WIDE") {
        TRY_ASSIGN(records, load_records(db, jurisdiction, scope, to));
        for (auto& r : records) {
            if (r.date < from) continue;
            r.level = level;
            out.push_back(std::move(r));
        }
        return out;
    }
    if (scope != "TOTAL") return detail::invalid("level", "GOV, WIDE o TOTAL / or TOTAL");
    if (place.kind != "municipality")
        return detail::invalid("level", fmt::format("TOTAL es de un municipio; {} es {} / TOTAL is a "
                                                    "municipality's; {} is a {}",
                                                    jurisdiction, place.kind, jurisdiction, place.kind));
    TRY_ASSIGN(days, effective_policies(db, jurisdiction, from, to));
    for (const auto& e : days) {
        OxRecord r;
        r.date = e.policy.date;
        r.level = level;
        r.country_code = place.country_code;
        r.country_name = place.country_name;
        r.region_code = jurisdiction;
        r.region_name = place.name;
        for (int c = 0; c < k_component_count; ++c) {
            for (int s = 0; s < k_segment_count; ++s) {
                const auto& reading = e.policy.at(static_cast<Component>(c), static_cast<Segment>(s));
                if (!reading) continue;
                r.values.push_back({std::string(component_code(static_cast<Component>(c))),
                                    static_cast<Segment>(s), std::to_string(reading->value), reading->flag});
            }
        }
        if (!r.values.empty()) out.push_back(std::move(r));
    }
    return out;
}

std::string export_timeseries(const std::vector<OxRecord>& records, Index index, Variant variant, Date from,
                              Date to, const IndexOptions& options) {
    std::string out = "CountryCode,CountryName,RegionCode,RegionName,CityCode,CityName,Jurisdiction";
    for (Date d = from; d <= to; d = d + 1) out += "," + header_day(d);
    out += "\r\n";
    std::vector<std::string> order;
    std::map<std::string, std::vector<const OxRecord*>> rows;
    for (const auto& r : records) {
        const std::string key = r.jurisdiction() + "\n" + r.level;
        auto [it, fresh] = rows.try_emplace(key);
        if (fresh) order.push_back(key);
        it->second.push_back(&r);
    }
    for (const auto& key : order) {
        const auto& list = rows.at(key);
        const OxRecord& first = *list.front();
        std::map<int32_t, const OxRecord*> by_day;
        for (const OxRecord* r : list) by_day[r->date.days()] = r;
        for (const std::string* f :
             {&first.country_code, &first.country_name, &first.region_code, &first.region_name}) {
            field(out, *f);
            out += ',';
        }
        out += ",,";
        field(out, first.level);
        for (Date d = from; d <= to; d = d + 1) {
            out += ',';
            const auto found = by_day.find(d.days());
            if (found == by_day.end()) continue;
            const auto value = compute_index(day_policy(*found->second), index, variant, options);
            if (value) out += shortest(cents_text(value->cents));
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace metropoli::homologation
