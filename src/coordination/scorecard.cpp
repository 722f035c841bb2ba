// SPDX-License-Identifier: MIT
// Follow-up of agreements per organisation: what is due soon or late on a day, and each organisation's
// scorecard (owed, done, done on time, late, open on time).
#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "coordination/agreement_support.hpp"
#include "coordination/agreements.hpp"
#include "coordination/store_support.hpp"

namespace metropoli::coordination {

using nlohmann::json;

namespace {

bool is_done(const Agreement& a) {
    return a.progress >= 100;
}
bool is_cancelled(const Agreement& a) {
    return a.status.closed && !is_done(a);
}

// The day each agreement first reached 100: its first such progress update, else (a parent) its last change.
std::map<int64_t, Date> done_days(soci::session& sql, const std::vector<Agreement>& agreements) {
    std::map<int64_t, Date> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT agreement_id, MIN(reported_on) FROM progress_updates WHERE progress >= 100 "
                        "GROUP BY agreement_id");
    for (const auto& row : rows) {
        auto day = Date::parse_iso(row.get<std::string>(1));
        if (day) out[storage::get_int64(row, 0)] = *day;
    }
    for (const auto& a : agreements) {
        if (is_done(a) && !out.count(a.id) && a.updated_at.size() >= 10) {
            auto day = Date::parse_iso(a.updated_at.substr(0, 10));
            if (day) out[a.id] = *day;
        }
    }
    return out;
}

}  // namespace

bool is_late(const Agreement& a, Date as_of) {
    return a.due_date && *a.due_date < as_of && a.progress < 100 && !a.status.closed;
}

Result<std::vector<OrganisationFollowUp>> overdue(storage::Database& db, const access::Actor& who, Date as_of,
                                                  int within_days, bool examples) {
    if (within_days < 0 || within_days > 366)
        return detail::invalid("within", "entre 0 y 366 días / between 0 and 366 days");
    return detail::reading(db, [&]() -> Result<std::vector<OrganisationFollowUp>> {
        std::map<int64_t, OrganisationFollowUp> by_org;
        for (auto& a : detail::visible_agreements(db.session(), who)) {
            if (!examples && a.example) continue;
            auto& entry = by_org[a.responsible.id];
            entry.organisation = a.responsible;
            if (is_late(a, as_of)) {
                entry.late.push_back(a);
            } else if (a.due_date && *a.due_date >= as_of && *a.due_date <= as_of + within_days &&
                       !is_done(a) && !a.status.closed) {
                entry.due.push_back(a);
            }
        }
        std::vector<OrganisationFollowUp> out;
        for (auto& [id, entry] : by_org) {
            if (entry.due.empty() && entry.late.empty()) continue;
            auto by_due = [](const Agreement& x, const Agreement& y) {
                return std::tie(*x.due_date, x.reference) < std::tie(*y.due_date, y.reference);
            };
            std::sort(entry.due.begin(), entry.due.end(), by_due);
            std::sort(entry.late.begin(), entry.late.end(), by_due);
            out.push_back(std::move(entry));
        }
        std::sort(out.begin(), out.end(), [](const OrganisationFollowUp& x, const OrganisationFollowUp& y) {
            return x.organisation.name < y.organisation.name;
        });
        return out;
    });
}

json overdue_json(const std::vector<OrganisationFollowUp>& o, Date as_of, int within_days) {
    auto brief = [&](const Agreement& a) {
        return json{{"id", a.id},
                    {"reference", a.reference},
                    {"title", a.title},
                    {"due_date", a.due_date ? json(a.due_date->iso()) : json(nullptr)},
                    {"days_late", a.due_date ? json(as_of - *a.due_date) : json(nullptr)},
                    {"progress", a.progress},
                    {"status", a.status.key}};
    };
    json orgs = json::array();
    for (const auto& entry : o) {
        json due = json::array(), late = json::array();
        for (const auto& a : entry.due) due.push_back(brief(a));
        for (const auto& a : entry.late) late.push_back(brief(a));
        orgs.push_back({{"organisation", {{"id", entry.organisation.id}, {"name", entry.organisation.name}}},
                        {"due", due},
                        {"late", late}});
    }
    return {{"as_of", as_of.iso()}, {"within_days", within_days}, {"organisations", orgs}};
}

Result<std::vector<Scorecard>> scorecards(storage::Database& db, const access::Actor& who, Date as_of,
                                          bool examples) {
    return detail::reading(db, [&]() -> Result<std::vector<Scorecard>> {
        auto& sql = db.session();
        const auto agreements = detail::visible_agreements(sql, who);
        const auto done_on = done_days(sql, agreements);
        std::map<int64_t, Scorecard> by_org;
        for (const auto& a : agreements) {
            if (!examples && a.example) continue;
            auto& card = by_org[a.responsible.id];
            card.organisation = a.responsible;
            if (is_cancelled(a)) continue;
            ++card.owed;
            if (is_done(a)) {
                ++card.done;
                auto day = done_on.find(a.id);
                if (!a.due_date || (day != done_on.end() && day->second <= *a.due_date)) ++card.done_on_time;
            } else if (is_late(a, as_of)) {
                ++card.late;
            } else {
                ++card.open_on_time;
            }
        }
        std::vector<Scorecard> out;
        for (auto& [id, card] : by_org) out.push_back(card);
        std::sort(out.begin(), out.end(), [](const Scorecard& x, const Scorecard& y) {
            return x.organisation.name < y.organisation.name;
        });
        return out;
    });
}

json scorecards_json(const std::vector<Scorecard>& s, Date as_of) {
    json orgs = json::array();
    for (const auto& c : s)
        orgs.push_back({{"organisation", {{"id", c.organisation.id}, {"name", c.organisation.name}}},
                        {"owed", c.owed},
                        {"done", c.done},
                        {"done_on_time", c.done_on_time},
                        {"late", c.late},
                        {"open_on_time", c.open_on_time}});
    return {{"as_of", as_of.iso()}, {"organisations", orgs}};
}

}  // namespace metropoli::coordination
