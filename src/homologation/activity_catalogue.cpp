// SPDX-License-Identifier: MIT
#include "homologation/activity_catalogue.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include "homologation/activity_rule_support.hpp"

namespace metropoli::homologation {

using nlohmann::json;

json catalogue_activity_json(const CatalogueActivity& a) {
    return {{"key", a.key},
            {"name", {{"es", a.name.es}, {"en", a.name.en}}},
            {"essential", a.essential},
            {"scian", a.scian}};
}

json rule_source_json(const RuleSource& s) {
    return {{"key", s.key},
            {"kind", s.kind},
            {"title", s.title},
            {"issuer", s.issuer},
            {"published_on", s.published_on ? json(s.published_on->iso()) : json(nullptr)},
            {"url", s.url.empty() ? json(nullptr) : json(s.url)},
            {"note", s.note}};
}

Result<std::vector<CatalogueActivity>> list_catalogue(storage::Database& db) {
    return detail::reading(db, [&]() -> Result<std::vector<CatalogueActivity>> {
        std::vector<CatalogueActivity> out;
        soci::rowset<soci::row> rows =
            (db.session().prepare << "SELECT id, key, name_es, name_en, essential, scian, position FROM "
                                     "activity_catalogue ORDER BY position, id");
        for (const auto& row : rows) {
            CatalogueActivity a;
            a.id = storage::get_int64(row, 0);
            a.key = row.get<std::string>(1);
            a.name = {row.get<std::string>(2), row.get<std::string>(3)};
            a.essential = row.get<std::string>(4);
            a.scian = detail::split_list(row.get<std::string>(5));
            a.position = static_cast<int>(storage::get_int64(row, 6));
            out.push_back(std::move(a));
        }
        return out;
    });
}

Result<std::vector<RuleSource>> list_rule_sources(storage::Database& db) {
    return detail::reading(db, [&]() -> Result<std::vector<RuleSource>> {
        std::vector<RuleSource> out;
        soci::rowset<soci::row> rows =
            (db.session().prepare << "SELECT id, key, kind, title, issuer, published_on, url, note FROM "
                                     "activity_rule_sources ORDER BY key");
        for (const auto& row : rows) {
            RuleSource s;
            s.id = storage::get_int64(row, 0);
            s.key = row.get<std::string>(1);
            s.kind = row.get<std::string>(2);
            s.title = row.get<std::string>(3);
            s.issuer = row.get<std::string>(4);
            if (row.get_indicator(5) == soci::i_ok) s.published_on = Date::parse_iso(row.get<std::string>(5));
            s.url = row.get<std::string>(6);
            s.note = row.get<std::string>(7);
            out.push_back(std::move(s));
        }
        return out;
    });
}

}  // namespace metropoli::homologation
