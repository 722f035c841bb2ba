// SPDX-License-Identifier: MIT
#include "homologation/effective_policy.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "homologation/activity_rule_support.hpp"
#include "homologation/observation_review.hpp"
#include "homologation/observations.hpp"
#include "storage/row_values.hpp"

namespace metropoli::homologation {

namespace {

struct Stored {
    int64_t id = 0;
    std::string jurisdiction, scope;
    Component component{};
    Segment segment{};
    int value = 0;
    std::optional<int> flag;
    std::vector<std::string> applies_to;
    Date start, end;
    LocalExtensions extensions;
    bool unverified = false;
};

struct Level {
    std::string jurisdiction, kind;
};

std::string jurisdiction_kind_of(soci::session& sql, const std::string& code) {
    std::string kind;
    soci::indicator ind = soci::i_null;
    sql << "SELECT kind FROM policy_jurisdictions WHERE code = :c", soci::use(code), soci::into(kind, ind);
    return sql.got_data() && ind == soci::i_ok ? kind : "";
}

// The levels above and including `municipality`, top down.
std::vector<Level> chain_of(soci::session& sql, const std::string& municipality) {
    std::vector<Level> out{{"00", "federal"}, {municipality.substr(0, 2), "state"}};
    soci::rowset<std::string> bodies =
        (sql.prepare << "SELECT body FROM policy_jurisdiction_members WHERE municipality = :m ORDER BY body",
         soci::use(municipality));
    for (const auto& b : bodies) out.push_back({b, "metro_body"});
    out.push_back({municipality, "municipality"});
    return out;
}

std::vector<Stored> load(soci::session& sql, const std::vector<Level>& chain, Date from, Date to) {
    std::vector<Stored> out;
    const std::string lo = from.iso(), hi = to.iso();
    for (const auto& level : chain) {
        soci::rowset<soci::row> rows =
            (sql.prepare
                 << "SELECT o.id, o.jurisdiction, o.level, o.indicator, o.segment, o.value, o.flag, "
                    "o.applies_to, o.start_date, o.end_date, o.curfew_from, o.curfew_to, o.capacity_pct, "
                    "o.closing_time, o.alcohol_sales, o.alcohol_until, o.max_group_size, o.unverified FROM "
                    "policy_observations o WHERE o.jurisdiction = :j AND o.level IN ('GOV', 'WIDE') AND "
                    "o.start_date <= :hi AND o.end_date >= :lo AND " +
                        counted_observations_sql("o") + " ORDER BY o.id",
             soci::use(level.jurisdiction), soci::use(hi), soci::use(lo));
        for (const auto& row : rows) {
            const auto component = parse_component(row.get<std::string>(3));
            const auto segment = parse_segment(row.get<std::string>(4));
            if (!component || !segment) continue;
            Stored s;
            s.id = storage::get_int64(row, 0);
            s.jurisdiction = row.get<std::string>(1);
            s.scope = row.get<std::string>(2);
            s.component = *component;
            s.segment = *segment;
            s.value = std::stoi(row.get<std::string>(5));
            s.flag = storage::optional_int(row, 6);
            s.applies_to = detail::split_list(row.get<std::string>(7));
            s.start = *Date::parse_iso(row.get<std::string>(8));
            const std::string end = row.get<std::string>(9);
            s.end = end == k_open_end ? to : Date::parse_iso(end).value_or(to);
            s.extensions.curfew_from = storage::optional_text(row, 10);
            s.extensions.curfew_to = storage::optional_text(row, 11);
            s.extensions.capacity_pct = storage::optional_int(row, 12);
            s.extensions.closing_time = storage::optional_text(row, 13);
            s.extensions.alcohol_sales = storage::optional_text(row, 14);
            s.extensions.alcohol_until = storage::optional_text(row, 15);
            s.extensions.max_group_size = storage::optional_int(row, 16);
            s.unverified = storage::get_int64(row, 17) != 0;
            out.push_back(std::move(s));
        }
    }
    return out;
}

// Whether `a` wins over `b` within one level: WIDE over GOV, the later start, the later record.
bool preferred(const Stored& a, const Stored& b) {
    if ((a.scope == "WIDE") != (b.scope == "WIDE")) return a.scope == "WIDE";
    if (a.start != b.start) return b.start < a.start;
    return a.id > b.id;
}

using Provenance =
    std::array<std::array<std::optional<SetByObservation>, k_segment_count>, k_component_count>;

// One level's own readings on `day` for `municipality`, with what set each.
std::pair<DayPolicy, Provenance> level_day(const Level& level, const std::vector<const Stored*>& mine,
                                           Date day, const std::string& municipality) {
    std::array<std::array<const Stored*, k_segment_count>, k_component_count> chosen{};
    for (const Stored* s : mine) {
        if (day < s->start || s->end < day) continue;
        if (level.kind != "municipality" && !s->applies_to.empty() &&
            std::find(s->applies_to.begin(), s->applies_to.end(), municipality) == s->applies_to.end())
            continue;
        auto& slot = chosen[static_cast<size_t>(s->component)][static_cast<size_t>(s->segment)];
        if (!slot || preferred(*s, *slot)) slot = s;
    }
    DayPolicy policy;
    policy.date = day;
    Provenance provenance{};
    for (size_t c = 0; c < chosen.size(); ++c) {
        for (size_t g = 0; g < chosen[c].size(); ++g) {
            const Stored* s = chosen[c][g];
            if (!s) continue;
            Reading r{s->value, s->flag};
            // Targeted at named municipalities, this one among them: general here.
            if (level.kind != "municipality" && !s->applies_to.empty() && s->flag == 0) r.flag = 1;
            policy.set(static_cast<Component>(c), static_cast<Segment>(g), r);
            provenance[c][g] =
                SetByObservation{s->jurisdiction, level.kind, s->id, s->extensions, s->unverified};
        }
    }
    return {policy, provenance};
}

Status check_range(Date from, Date to) {
    if (to < from) return detail::invalid("to", "anterior a from / before from");
    if (to - from + 1 > k_max_effective_days)
        return detail::invalid("to", fmt::format("más de {} días / more than {} days", k_max_effective_days,
                                                 k_max_effective_days));
    return ok_status();
}

}  // namespace

Result<std::vector<EffectiveRecord>> effective_policies(storage::Database& db,
                                                        const std::string& municipality, Date from, Date to) {
    TRY(check_range(from, to));
    return detail::reading(db, [&]() -> Result<std::vector<EffectiveRecord>> {
        auto& sql = db.session();
        if (jurisdiction_kind_of(sql, municipality) != "municipality")
            return detail::invalid("jurisdiction",
                                   fmt::format("'{}' no es un municipio registrado / is not a registered "
                                               "municipality",
                                               municipality));
        const auto chain = chain_of(sql, municipality);
        const auto stored = load(sql, chain, from, to);
        std::vector<std::vector<const Stored*>> by_level(chain.size());
        for (const auto& s : stored) {
            for (size_t l = 0; l < chain.size(); ++l)
                if (chain[l].jurisdiction == s.jurisdiction) by_level[l].push_back(&s);
        }
        std::vector<EffectiveRecord> out;
        out.reserve(static_cast<size_t>(to - from) + 1);
        for (Date day = from; day <= to; day = day + 1) {
            EffectiveRecord total;
            std::tie(total.policy, total.set_by) = level_day(chain[0], by_level[0], day, municipality);
            for (size_t l = 1; l < chain.size(); ++l) {
                auto [own, own_by] = level_day(chain[l], by_level[l], day, municipality);
                const ImputedDay imputed = impute_total(own, total.policy);
                Provenance next{};
                for (size_t c = 0; c < next.size(); ++c) {
                    for (size_t g = 0; g < next[c].size(); ++g) {
                        switch (imputed.set_by[c][g]) {
                            case SetBy::lower:
                                next[c][g] = own_by[c][g];
                                break;
                            case SetBy::higher: {
                                // A tie (the same value and flag at both levels) is credited to the lower,
                                // more specific decree: the total is the same either way.
                                const auto comp = static_cast<Component>(c);
                                const auto seg = static_cast<Segment>(g);
                                const bool tie =
                                    own.at(comp, seg) && own.at(comp, seg) == total.policy.at(comp, seg);
                                next[c][g] = tie ? own_by[c][g] : total.set_by[c][g];
                                break;
                            }
                            case SetBy::none:
                                break;
                        }
                    }
                }
                // A higher level's 0 (no measure, so no flag) where this level coded nothing: there is no
                // measure here either (impute_total, reading OxCGRT's rule, leaves the day missing).
                DayPolicy policy = imputed.policy;
                for (size_t c = 0; c < next.size(); ++c) {
                    for (size_t g = 0; g < next[c].size(); ++g) {
                        const auto comp = static_cast<Component>(c);
                        const auto seg = static_cast<Segment>(g);
                        const auto& high = total.policy.at(comp, seg);
                        if (!own.at(comp, seg) && high && high->value == 0 && !policy.at(comp, seg)) {
                            policy.set(comp, seg, *high);
                            next[c][g] = total.set_by[c][g];
                        }
                    }
                }
                total.policy = policy;
                total.policy.date = day;
                total.set_by = next;
            }
            out.push_back(std::move(total));
        }
        return out;
    });
}

Result<std::vector<EffectiveDay>> effective_policy(storage::Database& db, const std::string& municipality,
                                                   const std::string& indicator, Date from, Date to,
                                                   const std::string& segment) {
    const auto component = parse_component(indicator);
    if (!component)
        return detail::invalid("indicator",
                               fmt::format("'{}': uno de los 16 indicadores ordinales (C1–C8, E1, E2, "
                                           "H1–H3, H6–H8) / one of the 16 ordinal indicators",
                                           indicator));
    const auto seg = parse_segment(segment);
    if (!seg) return detail::invalid("segment", fmt::format("'{}': E, NV, V, M o EV / or EV", segment));
    TRY_ASSIGN(records, effective_policies(db, municipality, from, to));
    std::vector<EffectiveDay> out;
    out.reserve(records.size());
    for (const auto& r : records) {
        EffectiveDay d;
        d.day = r.policy.date;
        if (const auto& reading = r.policy.at(*component, *seg)) {
            d.value = reading->value;
            d.flag = reading->flag;
        }
        d.set_by = r.set_by[static_cast<size_t>(*component)][static_cast<size_t>(*seg)];
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace metropoli::homologation
