// SPDX-License-Identifier: MIT
#include "homologation/metro_picture.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>

#include "homologation/activity_rule_support.hpp"
#include "homologation/codebook.hpp"

namespace metropoli::homologation {

namespace {

std::optional<std::vector<MetroMember>> members_of(soci::session& sql, const std::string& body) {
    std::string kind;
    soci::indicator ind = soci::i_null;
    sql << "SELECT kind FROM policy_jurisdictions WHERE code = :c", soci::use(body), soci::into(kind, ind);
    if (!sql.got_data() || ind != soci::i_ok || kind != "metro_body") return std::nullopt;
    std::vector<MetroMember> out;
    soci::rowset<soci::row> rows =
        (sql.prepare
             << "SELECT m.municipality, j.name FROM policy_jurisdiction_members m JOIN policy_jurisdictions "
                "j ON j.code = m.municipality WHERE m.body = :b ORDER BY m.municipality",
         soci::use(body));
    for (const auto& row : rows) out.push_back({row.get<std::string>(0), row.get<std::string>(1)});
    return out;
}

// Every component present: a component no level codes reads as 0 ("no measure"). How many were coded.
int fill_uncoded(DayPolicy& policy) {
    int coded = 0;
    for (int c = 0; c < k_component_count; ++c) {
        const auto comp = static_cast<Component>(c);
        if (policy.at(comp, Segment::everyone)) {
            ++coded;
        } else {
            policy.set(comp, Segment::everyone, Reading{0, std::nullopt});
        }
    }
    return coded;
}

std::map<std::string, MetroIndexValue> indices_of(DayPolicy policy) {
    std::map<std::string, MetroIndexValue> out;
    const int coded = fill_uncoded(policy);
    for (Index index : metro_indices()) {
        MetroIndexValue v;
        v.components = coded;
        if (auto computed = compute_index(policy, index, Variant::average)) v.cents = computed->cents;
        out[std::string(index_code(index))] = v;
    }
    return out;
}

std::string value_text(const std::optional<int>& v, bool es) {
    return v ? std::to_string(*v) : (es ? "sin dato" : "no data");
}

}  // namespace

const std::vector<Index>& metro_indices() {
    static const std::vector<Index> k{Index::si, Index::chi, Index::gri, Index::lsi};
    return k;
}

Bilingual describe_divergence(const MetroIndicatorDay& row, const std::vector<MetroMember>& members) {
    struct Group {
        std::optional<int> value;
        Bilingual detail;
        std::vector<std::string> names;
    };
    std::vector<Group> groups;
    for (size_t i = 0; i < row.cells.size(); ++i) {
        const auto& cell = row.cells[i];
        const std::string& name = i < members.size() ? members[i].name : cell.municipality;
        auto found = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
            return g.value == cell.effective.value && g.detail.es == cell.detail.es;
        });
        if (found == groups.end()) {
            groups.push_back({cell.effective.value, cell.detail, {name}});
        } else {
            found->names.push_back(name);
        }
    }
    std::stable_sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
        return a.value.value_or(-1) > b.value.value_or(-1);
    });
    const IndicatorDef* def = find_indicator(row.indicator);
    std::string es = fmt::format("{} {}:", row.indicator, def ? def->name_es : ""),
                en = fmt::format("{} {}:", row.indicator, def ? def->name_en : "");
    for (size_t g = 0; g < groups.size(); ++g) {
        auto& group = groups[g];
        std::sort(group.names.begin(), group.names.end());
        std::string names;
        for (const auto& n : group.names) names += (names.empty() ? "" : ", ") + n;
        const char* sep = g == 0 ? " " : "; ";
        es += fmt::format("{}{} {}{}", sep, names, value_text(group.value, true),
                          group.detail.es.empty() ? "" : " (" + group.detail.es + ")");
        en += fmt::format("{}{} {}{}", sep, names, value_text(group.value, false),
                          group.detail.en.empty() ? "" : " (" + group.detail.en + ")");
    }
    return {es, en};
}

Result<MetroPicture> metro_picture(storage::Database& db, const std::string& body, Date from, Date to,
                                   const std::optional<std::string>& indicator) {
    std::optional<Component> only;
    if (indicator) {
        only = parse_component(*indicator);
        if (!only)
            return detail::invalid("indicator",
                                   fmt::format("'{}': uno de los 16 indicadores ordinales / one of the "
                                               "16 ordinal indicators",
                                               *indicator));
    }
    auto members = detail::reading(db, [&]() -> Result<std::optional<std::vector<MetroMember>>> {
        return members_of(db.session(), body);
    });
    if (!members) return members.error();
    if (!*members)
        return detail::invalid("body", fmt::format("'{}' no es un órgano metropolitano registrado / is not a "
                                                   "registered metro body",
                                                   body));
    MetroPicture picture;
    picture.body = body;
    picture.from = from;
    picture.to = to;
    picture.members = **members;
    std::vector<std::vector<EffectiveRecord>> records;
    for (const auto& m : picture.members) {
        TRY_ASSIGN(r, effective_policies(db, m.code, from, to));
        records.push_back(std::move(r));
    }
    const size_t days = static_cast<size_t>(to - from + 1);
    // Which indicators to show.
    std::vector<Component> shown;
    for (int c = 0; c < k_component_count; ++c) {
        const auto comp = static_cast<Component>(c);
        if (only) {
            if (comp == *only) shown.push_back(comp);
            continue;
        }
        bool coded = false;
        for (const auto& per_member : records)
            for (const auto& r : per_member)
                coded = coded || r.policy.at(comp, Segment::everyone).has_value();
        if (coded) shown.push_back(comp);
    }
    for (Component comp : shown) picture.indicators.emplace_back(component_code(comp));
    // The rows, and the metro-effective policy of every component for the index.
    std::vector<DayPolicy> metro_days(days);
    for (size_t d = 0; d < days; ++d) metro_days[d].date = from + static_cast<int32_t>(d);
    for (int c = 0; c < k_component_count; ++c) {
        const auto comp = static_cast<Component>(c);
        const bool show = std::find(shown.begin(), shown.end(), comp) != shown.end();
        const std::string code(component_code(comp));
        for (size_t d = 0; d < days; ++d) {
            MetroIndicatorDay row;
            row.day = from + static_cast<int32_t>(d);
            row.indicator = code;
            bool all_general_at_max = true;
            for (size_t m = 0; m < picture.members.size(); ++m) {
                const EffectiveRecord& r = records[m][d];
                MetroCell cell;
                cell.municipality = picture.members[m].code;
                cell.effective.day = row.day;
                if (const auto& reading = r.policy.at(comp, Segment::everyone)) {
                    cell.effective.value = reading->value;
                    cell.effective.flag = reading->flag;
                }
                cell.effective.set_by = r.set_by[static_cast<size_t>(c)][0];
                if (cell.effective.set_by)
                    cell.detail = {describe_extensions_es(cell.effective.set_by->extensions),
                                   describe_extensions_en(cell.effective.set_by->extensions)};
                if (cell.effective.value) {
                    const int v = *cell.effective.value;
                    if (!row.strictest || v > *row.strictest) row.strictest = v;
                    if (!row.most_lenient || v < *row.most_lenient) row.most_lenient = v;
                }
                row.cells.push_back(std::move(cell));
            }
            for (const auto& cell : row.cells) {
                if (row.strictest && cell.effective.value == row.strictest)
                    row.strictest_in.push_back(cell.municipality);
                if (row.most_lenient && cell.effective.value == row.most_lenient)
                    row.most_lenient_in.push_back(cell.municipality);
                const bool general = !component_flagged(comp) || cell.effective.flag == 1;
                if (cell.effective.value != row.strictest || !general) all_general_at_max = false;
            }
            if (row.strictest) {
                row.spread = *row.strictest - *row.most_lenient;
                Reading metro{*row.strictest, std::nullopt};
                if (component_flagged(comp) && *row.strictest > 0) metro.flag = all_general_at_max ? 1 : 0;
                row.metro_effective = metro;
                metro_days[d].set(comp, Segment::everyone, metro);
            }
            for (const auto& cell : row.cells) {
                if (cell.effective.value != row.cells.front().effective.value ||
                    cell.detail.es != row.cells.front().detail.es)
                    row.diverges = true;
            }
            for (const auto& cell : row.cells) {
                for (const auto& other : row.cells) {
                    if (cell.effective.value && other.effective.value &&
                        (cell.effective.value != other.effective.value || cell.detail.es != other.detail.es))
                        row.values_differ = true;
                }
            }
            if (row.diverges) row.divergence = describe_divergence(row, picture.members);
            if (show) {
                if (row.diverges) ++picture.divergent_days[code];
                picture.rows.push_back(std::move(row));
            }
        }
    }
    for (size_t d = 0; d < days; ++d) {
        MetroIndexDay day;
        day.day = metro_days[d].date;
        day.metro = indices_of(metro_days[d]);
        for (size_t m = 0; m < picture.members.size(); ++m)
            day.municipalities[picture.members[m].code] = indices_of(records[m][d].policy);
        picture.indices.push_back(std::move(day));
    }
    return picture;
}

}  // namespace metropoli::homologation
