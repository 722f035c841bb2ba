// SPDX-License-Identifier: MIT
// Loading the bundled 2020 record (data/activity_rules/): the catalogue, the sources and the rules, checked
// as any write is, in one transaction, once.
#include <fmt/format.h>
#include <soci/soci.h>

#include "access/audit.hpp"
#include "core/text.hpp"
#include "homologation/activity_rule_store.hpp"
#include "homologation/activity_rule_support.hpp"

namespace metropoli::homologation {

using nlohmann::json;

namespace {

Result<json> read_json(const std::string& path) {
    TRY_ASSIGN(text, read_file(path));
    try {
        return json::parse(text);
    } catch (const std::exception& e) {
        return make_error(ErrorCode::bad_input, fmt::format("{}: {}", path, e.what()));
    }
}

Status load_catalogue(soci::session& sql, const json& doc, const std::string& now) {
    int position = 0;
    for (const auto& a : doc.at("activities")) {
        std::vector<std::string> scian = a.value("scian", std::vector<std::string>{});
        const std::string key = a.at("key"), es = a.at("name_es"), en = a.at("name_en"),
                          essential = a.at("essential"), codes = detail::join_list(scian);
        ++position;
        sql << "INSERT INTO activity_catalogue (key, name_es, name_en, essential, scian, position, "
               "created_at) "
               "VALUES (:k, :es, :en, :e, :s, :p, :c)",
            soci::use(key), soci::use(es), soci::use(en), soci::use(essential), soci::use(codes),
            soci::use(position), soci::use(now);
    }
    return ok_status();
}

Status load_sources(soci::session& sql, const json& doc, const std::string& now) {
    for (const auto& s : doc.at("sources")) {
        const std::string key = s.at("key"), kind = s.at("kind"), title = s.at("title"),
                          issuer = s.at("issuer"), published = s.value("published_on", ""),
                          url = s.value("url", ""), note = s.value("note", "");
        if (!published.empty() && !Date::parse_iso(published))
            return make_error(ErrorCode::bad_input,
                              fmt::format("sources.json: {}: published_on '{}'", key, published));
        sql << "INSERT INTO activity_rule_sources (key, kind, title, issuer, published_on, url, note, "
               "created_at) "
               "VALUES (:k, :kind, :t, :i, NULLIF(:p, ''), :u, :n, :c)",
            soci::use(key), soci::use(kind), soci::use(title), soci::use(issuer), soci::use(published),
            soci::use(url), soci::use(note), soci::use(now);
    }
    return ok_status();
}

}  // namespace

Result<int> seed_activity_rules(storage::Database& db, const Clock& clock, const std::string& region,
                                const std::string& directory) {
    if (region != "laguna") return 0;
    TRY_ASSIGN(activities, read_json(directory + "/activities.json"));
    TRY_ASSIGN(sources, read_json(directory + "/sources.json"));
    TRY_ASSIGN(rules, read_json(directory + "/rules.json"));
    int loaded = 0;
    const access::Actor system = access::system_actor();
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        long long present = 0;
        sql << "SELECT COUNT(*) FROM activity_catalogue", soci::into(present);
        if (present > 0) return ok_status();
        const std::string now = clock.now_iso();
        try {
            TRY(load_catalogue(sql, activities, now));
            TRY(load_sources(sql, sources, now));
            int line = 0;
            for (const auto& r : rules.at("rules")) {
                ++line;
                auto fields = activity_rule_fields_from_json(r);
                if (!fields)
                    return make_error(ErrorCode::bad_input,
                                      fmt::format("rules.json: rule {}: {}", line, fields.error().message));
                auto made = detail::insert_activity_rule(db, clock, system, "", *fields, true);
                if (!made)
                    return make_error(ErrorCode::bad_input,
                                      fmt::format("rules.json: rule {}: {}", line, made.error().message));
            }
            loaded = line;
        } catch (const json::exception& e) {
            return make_error(ErrorCode::bad_input, fmt::format("{}: {}", directory, e.what()));
        }
        json diff = {{"rules", {{"before", 0}, {"after", loaded}}},
                     {"activities", {{"before", 0}, {"after", activities.at("activities").size()}}},
                     {"sources", {{"before", 0}, {"after", sources.at("sources").size()}}}};
        return access::audit(db, clock, system, "", {"activity_rules.seed", "activity_rules", region, diff});
    });
    if (!written) return written.error();
    return loaded;
}

}  // namespace metropoli::homologation
