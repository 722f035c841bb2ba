// SPDX-License-Identifier: MIT
// Compliance with a harmonised decision, day by day and municipality by municipality.
#include "homologation/decision_compliance.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <bitset>
#include <map>

#include "homologation/activity_rule_support.hpp"
#include "homologation/effective_policy.hpp"
#include "homologation/homologation_matrix.hpp"
#include "homologation/local_extensions.hpp"

namespace metropoli::homologation {

using nlohmann::json;

namespace {

constexpr int k_max_days = 400;

enum class Cmp { same, stricter, laxer };

// Lower is stricter (a capacity, a closing time, a group size, a stay).
Cmp lower_is_stricter(int agreed, int in_force) {
    if (in_force == agreed) return Cmp::same;
    return in_force < agreed ? Cmp::stricter : Cmp::laxer;
}

int minutes_of(const std::string& hhmm) {
    return std::stoi(hhmm.substr(0, 2)) * 60 + std::stoi(hhmm.substr(3, 2));
}

// The minutes of the day a curfew from `from` to `to` covers (past midnight when `to` is before `from`).
std::bitset<1440> curfew_minutes(const std::string& from, const std::string& to) {
    std::bitset<1440> out;
    const int start = minutes_of(from) % 1440, end = minutes_of(to) % 1440;
    for (int m = start; m != end; m = (m + 1) % 1440) out.set(static_cast<std::size_t>(m));
    return out;
}

Cmp compare_curfew(const json& agreed, const json& in_force) {
    const auto a =
        curfew_minutes(agreed["curfew_from"].get<std::string>(), agreed["curfew_to"].get<std::string>());
    const auto e =
        curfew_minutes(in_force["curfew_from"].get<std::string>(), in_force["curfew_to"].get<std::string>());
    if (a == e) return Cmp::same;
    if ((a & ~e).none()) return Cmp::stricter;  // covers every agreed minute and more
    return Cmp::laxer;                          // leaves agreed minutes uncovered
}

int alcohol_rank(const std::string& rule) {
    if (rule == "ley_seca") return 2;
    if (rule == "restricted_hours") return 1;
    return 0;
}

int allowed_rank(const std::string& allowed) {
    if (allowed == "no") return 2;
    if (allowed == "restricted") return 1;
    return 0;
}

std::string verdict(const std::vector<Cmp>& parts) {
    bool stricter = false;
    for (Cmp c : parts) {
        if (c == Cmp::laxer) return "laxer";
        if (c == Cmp::stricter) stricter = true;
    }
    return stricter ? "stricter" : "complies";
}

// An optional figure where lower is stricter: agreed and missing in force is laxer (no limit), in force and
// not agreed is stricter (a limit the agreement did not ask for).
template <class T, class ToInt>
void compare_limit(std::vector<Cmp>& parts, const std::optional<T>& agreed, const std::optional<T>& in_force,
                   ToInt to_int) {
    if (agreed && !in_force) parts.push_back(Cmp::laxer);
    if (!agreed && in_force) parts.push_back(Cmp::stricter);
    if (agreed && in_force) parts.push_back(lower_is_stricter(to_int(*agreed), to_int(*in_force)));
}

Bilingual observation_text(const std::string& indicator, int value, std::optional<int> flag,
                           const json& ext) {
    Measure m;
    m.kind = "observation";
    m.indicator = indicator;
    m.value = value;
    m.flag = flag;
    m.extensions = ext;
    return describe_measure(m);
}

json in_force_json(const InForce& f) {
    json out = {{"coded", f.coded}, {"text", {{"es", f.text.es}, {"en", f.text.en}}}};
    if (f.value) {
        out["value"] = *f.value;
        out["flag"] = f.flag ? json(*f.flag) : json(nullptr);
        out["extensions"] = f.extensions;
        out["set_by"] = {{"jurisdiction", f.set_by_jurisdiction}, {"level", f.set_by_level}};
    }
    if (f.rule) {
        out["rule"] = {{"id", f.rule->id},
                       {"level", f.rule->level},
                       {"jurisdiction", f.rule->jurisdiction},
                       {"source", f.rule->source.title}};
        out["colour"] = f.colour ? json(*f.colour) : json(nullptr);
    }
    return out;
}

Result<std::vector<InForce>> observations_in_force(storage::Database& db, const Decision& d,
                                                   const std::string& code, Date from, Date to) {
    std::vector<InForce> out;
    // A municipality nobody registered for coding has no observation at any day: nothing coded, not an error.
    long long registered = 0;
    db.session() << "SELECT COUNT(*) FROM policy_jurisdictions WHERE code = :c AND kind = 'municipality'",
        soci::use(code), soci::into(registered);
    if (registered == 0) {
        for (Date day = from; day <= to; day = day + 1) {
            InForce f;
            f.text = {"sin codificar", "not coded"};
            out.push_back(std::move(f));
        }
        return out;
    }
    TRY_ASSIGN(days, effective_policy(db, code, d.measure.indicator, from, to));
    for (const auto& day : days) {
        InForce f;
        if (day.value) {
            f.coded = true;
            f.value = day.value;
            f.flag = day.flag;
            if (day.set_by) {
                f.extensions = extensions_json(day.set_by->extensions);
                f.set_by_jurisdiction = day.set_by->jurisdiction;
                f.set_by_level = day.set_by->level;
            }
            f.text = observation_text(d.measure.indicator, *day.value, day.flag, f.extensions);
        } else {
            f.text = {"sin codificar", "not coded"};
        }
        out.push_back(std::move(f));
    }
    return out;
}

Result<std::vector<InForce>> rules_in_force(storage::Database& db, const Decision& d, const std::string& code,
                                            Date from, Date to, const ColourOfDay& colour_of) {
    ActivityRuleFilter filter;
    filter.activity = d.measure.activity;
    TRY_ASSIGN(rules, list_activity_rules(db, filter));
    std::vector<InForce> out;
    for (Date day = from; day <= to; day = day + 1) {
        TRY_ASSIGN(colour, colour_of(code, day));
        InForce f;
        f.colour = colour;
        const ActivityRule* rule = effective_rule(rules, day, colour, code);
        if (rule) {
            f.coded = true;
            f.rule = *rule;
        }
        f.text = rule_summary(rule);
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace

const std::vector<std::string>& compliance_statuses() {
    static const std::vector<std::string> k{"complies", "stricter", "laxer", "not_yet"};
    return k;
}

std::string compare_observation(const Measure& agreed, int value, std::optional<int> flag, const json& ext) {
    if (value != agreed.value) return value > agreed.value ? "stricter" : "laxer";
    std::vector<Cmp> parts;
    if (agreed.flag && flag && *agreed.flag != *flag)
        parts.push_back(*flag > *agreed.flag ? Cmp::stricter : Cmp::laxer);
    const json& a = agreed.extensions;
    auto both = [&](const char* key) { return a.contains(key) && ext.contains(key); };
    if (both("curfew_from") && both("curfew_to")) parts.push_back(compare_curfew(a, ext));
    if (both("capacity_pct"))
        parts.push_back(lower_is_stricter(a["capacity_pct"].get<int>(), ext["capacity_pct"].get<int>()));
    if (both("closing_time"))
        parts.push_back(lower_is_stricter(minutes_of(a["closing_time"].get<std::string>()),
                                          minutes_of(ext["closing_time"].get<std::string>())));
    if (both("alcohol_sales")) {
        const int ar = alcohol_rank(a["alcohol_sales"].get<std::string>()),
                  er = alcohol_rank(ext["alcohol_sales"].get<std::string>());
        parts.push_back(ar == er ? Cmp::same : er > ar ? Cmp::stricter : Cmp::laxer);
    }
    if (both("alcohol_until"))
        parts.push_back(lower_is_stricter(minutes_of(a["alcohol_until"].get<std::string>()),
                                          minutes_of(ext["alcohol_until"].get<std::string>())));
    if (both("max_group_size"))
        parts.push_back(lower_is_stricter(a["max_group_size"].get<int>(), ext["max_group_size"].get<int>()));
    return verdict(parts);
}

std::string compare_rule(const Measure& agreed, const ActivityRule& rule) {
    const int ar = allowed_rank(agreed.allowed), er = allowed_rank(rule.allowed);
    if (ar == 2 || er == 2) return ar == er ? "complies" : er > ar ? "stricter" : "laxer";
    std::vector<Cmp> parts;
    if (ar != er) parts.push_back(er > ar ? Cmp::stricter : Cmp::laxer);
    const auto same = [](int v) { return v; };
    compare_limit(parts, agreed.capacity_pct, rule.capacity_pct, same);
    compare_limit(parts, agreed.max_people, rule.max_people, same);
    compare_limit(parts, agreed.max_stay_minutes, rule.max_stay_minutes, same);
    compare_limit(parts, agreed.closes, rule.closes, minutes_of);
    // A later opening is stricter: compare the negated minutes.
    compare_limit(parts, agreed.opens, rule.opens, [](const std::string& t) { return -minutes_of(t); });
    return verdict(parts);
}

json decision_compliance_json(const DecisionCompliance& c) {
    json places = json::array();
    for (const auto& j : c.jurisdictions) {
        json days = json::array();
        for (const auto& d : j.days)
            days.push_back(
                {{"date", d.day.iso()}, {"status", d.status}, {"in_force", in_force_json(d.in_force)}});
        json counts = json::object();
        for (const auto& s : compliance_statuses()) counts[s] = j.counts.count(s) ? j.counts.at(s) : 0;
        places.push_back({{"code", j.place.code},
                          {"name", j.place.name},
                          {"owner", j.place.owner},
                          {"owner_name", j.place.owner_name},
                          {"counts", counts},
                          {"first_met", j.first_met ? json(j.first_met->iso()) : json(nullptr)},
                          {"lag_days", j.lag_days ? json(*j.lag_days) : json(nullptr)},
                          {"days", days}});
    }
    const Bilingual agreed = describe_measure(c.decision.measure);
    return {{"decision", c.decision.id},
            {"reference", c.decision.reference},
            {"state", c.decision.state},
            {"measure_kind", c.decision.measure.kind},
            {"agreed", {{"es", agreed.es}, {"en", agreed.en}}},
            {"applies_from", c.decision.applies_from.iso()},
            {"from", c.from.iso()},
            {"to", c.to.iso()},
            {"jurisdictions", places}};
}

Result<DecisionCompliance> decision_compliance(storage::Database& db, const access::Actor& who, int64_t id,
                                               Date from, Date to, const ColourOfDay& colour_of) {
    if (to < from) return detail::invalid("to", "antes de from / before from");
    if (to - from + 1 > k_max_days)
        return detail::invalid("to",
                               fmt::format("a lo más {} días / at most {} days", k_max_days, k_max_days));
    TRY_ASSIGN(d, get_decision(db, who, id));
    DecisionCompliance out{d, from, to, {}};
    for (const auto& place : d.jurisdictions) {
        JurisdictionCompliance j;
        j.place = place;
        auto in_force = d.measure.kind == "observation"
                            ? observations_in_force(db, d, place.code, from, to)
                            : rules_in_force(db, d, place.code, from, to, colour_of);
        if (!in_force) return in_force.error();
        Date day = from;
        for (auto& f : *in_force) {
            std::string status = "not_yet";
            if (day >= d.applies_from && f.coded) {
                status = f.rule ? compare_rule(d.measure, *f.rule)
                                : compare_observation(d.measure, *f.value, f.flag, f.extensions);
            }
            ++j.counts[status];
            if (!j.first_met && (status == "complies" || status == "stricter")) {
                j.first_met = day;
                j.lag_days = day - d.applies_from;
            }
            j.days.push_back({day, status, std::move(f)});
            day = day + 1;
        }
        out.jurisdictions.push_back(std::move(j));
    }
    return out;
}

}  // namespace metropoli::homologation
