// SPDX-License-Identifier: MIT
// Listing the region's observations by who asks, and their source documents.
#include "homologation/observation_listing.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>

#include "access/permissions.hpp"
#include "homologation/activity_rule_support.hpp"

namespace metropoli::homologation {

using nlohmann::json;

const std::vector<std::string>& review_states() {
    static const std::vector<std::string> k{"draft", "submitted", "approved", "rejected"};
    return k;
}

bool sees_unreviewed(const access::Actor& who) {
    return access::permits(who, "policy.code") || access::permits(who, "policy.review");
}

Result<std::vector<Observation>> list_observations_for(storage::Database& db, const access::Actor& who,
                                                       const ObservationFilter& f) {
    const auto& states = review_states();
    if (f.state && std::find(states.begin(), states.end(), *f.state) == states.end())
        return detail::invalid(
            "state", fmt::format("'{}': draft, submitted, approved o rejected / or rejected", *f.state));
    if (f.from && f.to && *f.to < *f.from) return detail::invalid("to", "anterior a from / before from");
    const bool everything = sees_unreviewed(who);
    if (!everything && f.state && *f.state != "approved") return detail::refused(who, "policy.code");
    // The region codes hundreds of observations, not millions: filtered here rather than in SQL.
    TRY_ASSIGN(all, list_observations(db, f.jurisdiction.value_or("")));
    std::vector<Observation> out;
    for (auto& o : all) {
        if (!everything && o.review_state != "approved") continue;
        if (f.state && o.review_state != *f.state) continue;
        if (f.indicator && o.indicator != *f.indicator) continue;
        if (f.to && *f.to < o.start_date) continue;
        if (f.from && o.end_date && *o.end_date < *f.from) continue;
        out.push_back(std::move(o));
    }
    std::sort(out.begin(), out.end(), [](const Observation& a, const Observation& b) { return a.id > b.id; });
    if (out.size() > f.limit) out.resize(f.limit);
    return out;
}

Result<Observation> observation_for(storage::Database& db, const access::Actor& who, int64_t id) {
    auto found = get_observation(db, id);
    if (found && found->review_state != "approved" && !sees_unreviewed(who))
        return make_error(ErrorCode::not_found,
                          fmt::format("no hay observación {} / no observation {}", id, id));
    return found;
}

Result<std::vector<PolicyJurisdiction>> list_region_jurisdictions(storage::Database& db) {
    return detail::reading(db, [&]() -> Result<std::vector<PolicyJurisdiction>> {
        std::vector<PolicyJurisdiction> out;
        soci::rowset<soci::row> rows =
            (db.session().prepare
             << "SELECT code, name, kind FROM policy_jurisdictions WHERE kind <> 'oxcgrt' ORDER "
                "BY CASE kind WHEN 'federal' THEN 0 WHEN 'state' THEN 1 WHEN 'metro_body' THEN 2 "
                "ELSE 3 END, code");
        for (const auto& row : rows)
            out.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2), {}});
        return out;
    });
}

json source_document_json(const SourceDocument& s) {
    return {{"id", s.id},
            {"kind", s.source.kind},
            {"title", s.source.title},
            {"issuer", s.source.issuer},
            {"issued_on", s.source.issued_on ? json(s.source.issued_on->iso()) : json(nullptr)},
            {"url", s.source.url.empty() ? json(nullptr) : json(s.source.url)},
            {"layout", s.layout.empty() ? json(nullptr) : json(s.layout)}};
}

Result<std::vector<SourceDocument>> list_source_documents(storage::Database& db) {
    return detail::reading(db, [&]() -> Result<std::vector<SourceDocument>> {
        std::vector<SourceDocument> out;
        soci::rowset<soci::row> rows =
            (db.session().prepare << "SELECT id, kind, title, issuer, COALESCE(issued_on, "
                                     "''), COALESCE(url, ''), COALESCE(layout, '') FROM "
                                     "policy_sources ORDER BY id DESC");
        for (const auto& row : rows) {
            SourceDocument s;
            s.id = storage::get_int64(row, 0);
            s.source.kind = row.get<std::string>(1);
            s.source.title = row.get<std::string>(2);
            s.source.issuer = row.get<std::string>(3);
            s.source.issued_on = Date::parse_iso(row.get<std::string>(4));
            s.source.url = row.get<std::string>(5);
            s.layout = row.get<std::string>(6);
            out.push_back(std::move(s));
        }
        return out;
    });
}

}  // namespace metropoli::homologation
