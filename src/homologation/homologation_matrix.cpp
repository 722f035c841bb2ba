// SPDX-License-Identifier: MIT
#include "homologation/homologation_matrix.hpp"

#include <fmt/format.h>

#include <map>
#include <tuple>

namespace metropoli::homologation {

using nlohmann::json;

namespace {

int rank_of(const std::string& level) {
    if (level == "municipality") return 3;
    if (level == "state") return 2;
    return 1;
}

auto precedence(const ActivityRule& r) {
    return std::tuple{rank_of(r.level), r.valid_from->days(), r.colour.has_value(), r.id};
}

// What makes two cells the same for the divergence: the figures, not the wording or the source.
auto figures(const ActivityRule* r) {
    if (r == nullptr) return std::tuple{std::string("none"), -2, std::string(), std::string(), -2, -2};
    return std::tuple{r->allowed,
                      r->capacity_pct.value_or(-1),
                      r->opens.value_or(""),
                      r->closes.value_or(""),
                      r->max_people.value_or(-1),
                      r->max_stay_minutes.value_or(-1)};
}

json bilingual_json(const Bilingual& b) {
    return {{"es", b.es}, {"en", b.en}};
}

}  // namespace

const ActivityRule* effective_rule(const std::vector<ActivityRule>& rules, Date day,
                                   const std::optional<std::string>& colour, const std::string& code) {
    const ActivityRule* best = nullptr;
    for (const auto& r : rules) {
        if (!r.in_force(day, colour, code)) continue;
        if (best == nullptr || precedence(*best) < precedence(r)) best = &r;
    }
    return best;
}

// The catalogue's movement at night: its rules' hours are those when moving is allowed.
constexpr const char* k_curfew_activity = "movilidad_nocturna";

Bilingual rule_summary(const ActivityRule* r) {
    if (r == nullptr) return {"sin regla", "no rule"};
    if (r->allowed == "no") return {"cerrado", "closed"};
    std::string es, en;
    auto add = [](std::string& into, const std::string& sep, const std::string& part) {
        into += (into.empty() ? "" : sep) + part;
    };
    if (r->capacity_pct)
        add(es, " ", fmt::format("{} %", *r->capacity_pct)),
            add(en, " ", fmt::format("{}%", *r->capacity_pct));
    if (r->opens && r->closes && r->activity == k_curfew_activity) {
        // Movement at night allowed from `opens` to `closes` is a curfew from `closes` to `opens`: said so.
        add(es, " ", fmt::format("toque de queda {}–{}", *r->closes, *r->opens));
        add(en, " ", fmt::format("curfew {}–{}", *r->closes, *r->opens));
    } else if (r->opens && r->closes) {
        add(es, " ", fmt::format("{}–{}", *r->opens, *r->closes));
        add(en, " ", fmt::format("{}–{}", *r->opens, *r->closes));
    } else if (r->closes) {
        add(es, " ", "hasta " + *r->closes);
        add(en, " ", "until " + *r->closes);
    } else if (r->opens) {
        add(es, " ", "desde " + *r->opens);
        add(en, " ", "from " + *r->opens);
    }
    if (r->max_people) {
        add(es, ", ", fmt::format("máx. {} personas", *r->max_people));
        add(en, ", ", fmt::format("at most {} people", *r->max_people));
    }
    if (r->max_stay_minutes) {
        add(es, ", ", fmt::format("estancia máx. {} min", *r->max_stay_minutes));
        add(en, ", ", fmt::format("{}-min maximum stay", *r->max_stay_minutes));
    }
    if (es.empty())
        return r->allowed == "yes" ? Bilingual{"permitido", "allowed"}
                                   : Bilingual{"restringido", "restricted"};
    return {es, en};
}

Result<HomologationMatrix> homologation_matrix(storage::Database& db, Date day,
                                               const std::vector<MatrixPlace>& places) {
    TRY_ASSIGN(catalogue, list_catalogue(db));
    TRY_ASSIGN(rules, list_activity_rules(db));
    std::map<std::string, std::vector<ActivityRule>> by_activity;
    for (auto& r : rules) by_activity[r.activity].push_back(std::move(r));
    HomologationMatrix m{day, places, {}};
    for (const auto& activity : catalogue) {
        MatrixRow row{activity, {}, false, {}};
        const auto& own = by_activity[activity.key];
        for (const auto& place : places) {
            const ActivityRule* rule = effective_rule(own, day, place.colour, place.code);
            row.cells.push_back(
                {place.code, rule ? std::optional<ActivityRule>(*rule) : std::nullopt, rule_summary(rule)});
        }
        // Groups of municipalities with the same figures, in the order they first appear.
        std::vector<std::pair<decltype(figures(nullptr)), std::vector<size_t>>> groups;
        for (size_t i = 0; i < row.cells.size(); ++i) {
            const auto key = figures(row.cells[i].rule ? &*row.cells[i].rule : nullptr);
            auto it =
                std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == key; });
            if (it == groups.end())
                groups.push_back({key, {i}});
            else
                it->second.push_back(i);
        }
        if (groups.size() > 1) {
            row.divergent = true;
            std::string es = activity.name.es + ":", en = activity.name.en + ":";
            for (size_t g = 0; g < groups.size(); ++g) {
                std::string names;
                for (size_t i : groups[g].second) names += (names.empty() ? "" : ", ") + places[i].name;
                const Bilingual& s = row.cells[groups[g].second.front()].summary;
                es += fmt::format("{} {} {}", g == 0 ? "" : ";", names, s.es);
                en += fmt::format("{} {} {}", g == 0 ? "" : ";", names, s.en);
            }
            row.divergence = {es, en};
        }
        m.rows.push_back(std::move(row));
    }
    return m;
}

json homologation_matrix_json(const HomologationMatrix& m) {
    json places = json::array(), rows = json::array(), divergences = json::array();
    for (const auto& p : m.places)
        places.push_back({{"code", p.code},
                          {"name", p.name},
                          {"colour", p.colour ? json(*p.colour) : json(nullptr)},
                          {"colour_basis", p.colour_basis}});
    for (const auto& row : m.rows) {
        json cells = json::array();
        for (const auto& c : row.cells)
            cells.push_back({{"code", c.code},
                             {"summary", bilingual_json(c.summary)},
                             {"rule", c.rule ? activity_rule_json(*c.rule) : json(nullptr)}});
        json out = catalogue_activity_json(row.activity);
        out["cells"] = std::move(cells);
        out["divergent"] = row.divergent;
        out["divergence"] = row.divergent ? bilingual_json(row.divergence) : json(nullptr);
        rows.push_back(std::move(out));
        if (row.divergent)
            divergences.push_back({{"activity", row.activity.key}, {"text", bilingual_json(row.divergence)}});
    }
    return {{"date", m.date.iso()}, {"places", places}, {"activities", rows}, {"divergences", divergences}};
}

}  // namespace metropoli::homologation
