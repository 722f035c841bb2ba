// SPDX-License-Identifier: MIT
// Jurisdictions and the active region preset, in and out of the database.
#include "storage/region_store.hpp"

#include <fmt/format.h>

#include <sstream>

namespace metropoli::storage {

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
    return out;
}

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream ss(text);
    for (std::string item; std::getline(ss, item, ',');) {
        if (!item.empty()) out.push_back(item);
    }
    return out;
}

}  // namespace

Status save_region(Database& db, const Region& region, const Clock& clock) {
    return db.transaction([&]() -> Status {
        auto& sql = db.session();
        sql << "DELETE FROM metro_members";
        sql << "DELETE FROM regions";
        sql << "DELETE FROM jurisdictions";
        std::string code, kind, name, state_code, geometry;
        // NULLs are written with NULLIF instead of indicators: SOCI 4.0's PostgreSQL backend garbles the
        // parameters of a prepared statement whose indicators change between executions.
        std::string census, conapo;
        soci::statement insert =
            (sql.prepare
                 << "INSERT INTO jurisdictions (code, kind, name, state_code, population_census_2020, "
                    "population_conapo_2020, geometry) VALUES (:code, :kind, :name, NULLIF(:state, ''), "
                    "CAST(NULLIF(:census, '') AS BIGINT), CAST(NULLIF(:conapo, '') AS BIGINT), :geometry)",
             soci::use(code), soci::use(kind), soci::use(name), soci::use(state_code), soci::use(census),
             soci::use(conapo), soci::use(geometry));
        for (const auto& j : region.jurisdictions) {
            code = j.code;
            kind = kind_name(j.kind);
            name = j.name;
            state_code = j.state_code;
            census = j.population_census_2020 ? std::to_string(*j.population_census_2020) : "";
            conapo = j.population_conapo_2020 ? std::to_string(*j.population_conapo_2020) : "";
            geometry = j.geometry;
            insert.execute(true);
        }
        std::string metro, member;
        soci::statement insert_member =
            (sql.prepare << "INSERT INTO metro_members (metro_code, municipality_code) "
                            "VALUES (:metro, :member)",
             soci::use(metro), soci::use(member));
        for (const auto& j : region.jurisdictions) {
            if (j.kind != JurisdictionKind::metro_zone) continue;
            metro = j.code;
            for (const auto& m : j.members) {
                member = m;
                insert_member.execute(true);
            }
        }
        // Named variables, not temporaries: SOCI runs the statement after the full expression's temporaries
        // die.
        const std::string states = join(region.states), metros = join(region.metro_zones),
                          comparisons = join(region.comparisons);
        const std::string loaded_at = clock.now_iso();
        sql << "INSERT INTO regions (id, name, states, metro_zones, comparisons, loaded_at) VALUES (:id, "
               ":name, "
               ":states, :metros, :comparisons, :at)",
            soci::use(region.id), soci::use(region.name), soci::use(states), soci::use(metros),
            soci::use(comparisons), soci::use(loaded_at);
        return ok_status();
    });
}

Result<Region> load_stored_region(Database& db) {
    try {
        auto& sql = db.session();
        Region region;
        std::string states, metros, comparisons;
        sql << "SELECT id, name, states, metro_zones, comparisons FROM regions", soci::into(region.id),
            soci::into(region.name), soci::into(states), soci::into(metros), soci::into(comparisons);
        if (!sql.got_data()) {
            return make_error(
                ErrorCode::not_found,
                fmt::format("database {} has no region: run 'metropoli init --region laguna' first",
                            db.display_url()));
        }
        region.states = split(states);
        region.metro_zones = split(metros);
        region.comparisons = split(comparisons);
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT code, kind, name, state_code, population_census_2020, "
                            "population_conapo_2020, geometry FROM jurisdictions ORDER BY code");
        for (const auto& row : rows) {
            Jurisdiction j;
            j.code = row.get<std::string>(0);
            j.kind = parse_kind(row.get<std::string>(1)).value_or(JurisdictionKind::municipality);
            j.name = row.get<std::string>(2);
            if (row.get_indicator(3) == soci::i_ok) j.state_code = row.get<std::string>(3);
            if (row.get_indicator(4) == soci::i_ok) j.population_census_2020 = get_int64(row, 4);
            if (row.get_indicator(5) == soci::i_ok) j.population_conapo_2020 = get_int64(row, 5);
            j.geometry = row.get<std::string>(6);
            region.jurisdictions.push_back(std::move(j));
        }
        region.reindex();
        soci::rowset<soci::row> members =
            (sql.prepare << "SELECT metro_code, municipality_code FROM metro_members ORDER BY metro_code, "
                            "municipality_code");
        for (const auto& row : members) {
            if (auto* metro = region.find(row.get<std::string>(0))) {
                metro->members.push_back(row.get<std::string>(1));
            }
        }
        return region;
    } catch (const soci::soci_error& e) {
        return make_error(ErrorCode::database, fmt::format("database {}: cannot read the region: {}",
                                                           db.display_url(), e.get_error_message()));
    }
}

}  // namespace metropoli::storage
