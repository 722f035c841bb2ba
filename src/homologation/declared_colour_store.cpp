// SPDX-License-Identifier: MIT
// Migration 540 and the stored declared colours: the bundled record of data/semaforo/ loaded once, read back
// by day.
#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "access/audit.hpp"
#include "core/text.hpp"
#include "homologation/activity_rule_support.hpp"
#include "homologation/declared_colours.hpp"
#include "storage/data_generation.hpp"

namespace metropoli::homologation {

using nlohmann::json;

std::vector<storage::Migration> declared_colour_migrations() {
    storage::Migration m{
        540,
        "declared semáforo colours: the federal colour per state from two compilations, states' own colours",
        {R"(
CREATE TABLE declared_colour_sources (
    id {{serial_pk}},
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('compilation', 'dof', 'periodico_oficial', 'press_release', 'press', 'other')),
    title TEXT NOT NULL,
    issuer TEXT NOT NULL,
    published_on TEXT,
    url TEXT NOT NULL DEFAULT '',
    licence TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL))",
         R"(
CREATE TABLE declared_colours (
    id {{serial_pk}},
    scope TEXT NOT NULL CHECK (scope IN ('federal', 'state', 'region')),
    declared_by TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    area TEXT NOT NULL DEFAULT '',
    municipalities TEXT NOT NULL DEFAULT '',
    week TEXT NOT NULL DEFAULT '',
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL,
    colour TEXT NOT NULL CHECK (colour IN ('rojo', 'naranja', 'amarillo', 'verde')),
    source_id BIGINT NOT NULL REFERENCES declared_colour_sources (id),
    unverified INTEGER NOT NULL DEFAULT 0 CHECK (unverified IN (0, 1)),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    CHECK (valid_to >= valid_from),
    CHECK ((scope = 'federal') = (declared_by = '00'))))",
         "CREATE INDEX declared_colours_by_day ON declared_colours (valid_from, valid_to)"}};
    storage::add_generation_triggers(m, {"declared_colour_sources", "declared_colours"});
    return {m};
}

namespace {

Result<json> read_json(const std::string& path) {
    TRY_ASSIGN(text, read_file(path));
    try {
        return json::parse(text);
    } catch (const std::exception& e) {
        return make_error(ErrorCode::bad_input, fmt::format("{}: {}", path, e.what()));
    }
}

Result<DeclaredColourSource> source_of(const json& s, const std::string& where) {
    DeclaredColourSource out{s.at("key"),  s.at("kind"),       s.at("title"),          s.at("issuer"),
                             std::nullopt, s.value("url", ""), s.value("licence", ""), s.value("note", "")};
    const std::string published = s.value("published_on", "");
    if (!published.empty()) {
        out.published_on = Date::parse_iso(published);
        if (!out.published_on)
            return make_error(ErrorCode::bad_input, fmt::format("{}: {}: published_on '{}' is not YYYY-MM-DD",
                                                                where, out.key, published));
    }
    return out;
}

Result<DeclaredColour> declaration_of(const json& c, const std::string& where, const Region& region) {
    DeclaredColour d;
    d.scope = c.at("scope");
    d.declared_by = c.at("declared_by");
    d.jurisdiction = c.at("jurisdiction");
    d.area = c.value("area", "");
    d.municipalities = c.value("municipalities", std::vector<std::string>{});
    d.colour = c.at("colour");
    d.source = c.at("source");
    d.unverified = c.value("unverified", false);
    d.note = c.value("note", "");
    const std::string from = c.at("valid_from"), to = c.at("valid_to");
    auto f = Date::parse_iso(from), t = Date::parse_iso(to);
    if (!f || !t || *t < *f)
        return make_error(ErrorCode::bad_input,
                          fmt::format("{}: {} {}: '{}'-'{}' is not a period (YYYY-MM-DD)", where,
                                      d.declared_by, d.colour, from, to));
    d.valid_from = *f;
    d.valid_to = *t;
    if (d.scope != "state" && d.scope != "region")
        return make_error(ErrorCode::bad_input,
                          fmt::format("{}: scope '{}': state or region", where, d.scope));
    for (const auto& m : d.municipalities) {
        const auto* j = region.find(m);
        if (!j || j->kind != JurisdictionKind::municipality || j->state_code != d.declared_by)
            return make_error(ErrorCode::bad_input, fmt::format("{}: '{}' is not a municipality of state {}",
                                                                where, m, d.declared_by));
    }
    return d;
}

}  // namespace

Result<int> seed_declared_colours(storage::Database& db, const Clock& clock, const Region& region,
                                  const std::string& directory) {
    if (region.id != "laguna") return 0;
    const std::string index = directory + "/declared_state_colours.json";
    TRY_ASSIGN(doc, read_json(index));
    std::vector<StateName> states;
    for (const auto& code : region.states)
        if (const auto* j = region.find(code)) states.push_back({j->code, j->name});
    std::vector<DeclaredColourSource> sources;
    std::vector<DeclaredColour> colours;
    try {
        for (const auto& s : doc.at("compilations")) {
            TRY_ASSIGN(source, source_of(s, index));
            const std::string file = directory + "/" + s.at("file").get<std::string>();
            if (source.key != k_bisaloo && source.key != k_claudiodanielpc)
                return make_error(ErrorCode::bad_input,
                                  fmt::format("{}: unknown compilation '{}'", index, source.key));
            auto read =
                source.key == k_bisaloo ? read_bisaloo(file, states) : read_claudiodanielpc(file, states);
            if (!read) return read.error();
            colours.insert(colours.end(), read->begin(), read->end());
            sources.push_back(std::move(source));
        }
        for (const auto& s : doc.at("sources")) {
            TRY_ASSIGN(source, source_of(s, index));
            sources.push_back(std::move(source));
        }
        for (const auto& c : doc.at("colours")) {
            TRY_ASSIGN(d, declaration_of(c, index, region));
            if (std::none_of(sources.begin(), sources.end(),
                             [&](const auto& s) { return s.key == d.source; }))
                return make_error(ErrorCode::bad_input,
                                  fmt::format("{}: unknown source '{}'", index, d.source));
            colours.push_back(std::move(d));
        }
    } catch (const json::exception& e) {
        return make_error(ErrorCode::bad_input, fmt::format("{}: {}", index, e.what()));
    }

    int written = 0;
    const Status stored = db.transaction([&]() -> Status {
        auto& sql = db.session();
        long long present = 0;
        sql << "SELECT COUNT(*) FROM declared_colour_sources", soci::into(present);
        if (present > 0) return ok_status();
        const std::string now = clock.now_iso();
        std::map<std::string, long long> ids;
        for (const auto& s : sources) {
            const std::string published = s.published_on ? s.published_on->iso() : "";
            long long id = 0;
            sql << "INSERT INTO declared_colour_sources (key, kind, title, issuer, published_on, url, "
                   "licence, "
                   "note, created_at) VALUES (:k, :kind, :t, :i, NULLIF(:p, ''), :u, :l, :n, :c) RETURNING "
                   "id",
                soci::use(s.key), soci::use(s.kind), soci::use(s.title), soci::use(s.issuer),
                soci::use(published), soci::use(s.url), soci::use(s.licence), soci::use(s.note),
                soci::use(now), soci::into(id);
            ids[s.key] = id;
        }
        for (const auto& c : colours) {
            const std::string municipalities = detail::join_list(c.municipalities), from = c.valid_from.iso(),
                              to = c.valid_to.iso();
            const int unverified = c.unverified ? 1 : 0;
            sql << "INSERT INTO declared_colours (scope, declared_by, jurisdiction, area, municipalities, "
                   "week, "
                   "valid_from, valid_to, colour, source_id, unverified, note, created_at) VALUES (:s, :d, "
                   ":j, "
                   ":a, :m, :w, :f, :t, :c, :src, :u, :n, :at)",
                soci::use(c.scope), soci::use(c.declared_by), soci::use(c.jurisdiction), soci::use(c.area),
                soci::use(municipalities), soci::use(c.week), soci::use(from), soci::use(to),
                soci::use(c.colour), soci::use(ids.at(c.source)), soci::use(unverified), soci::use(c.note),
                soci::use(now);
            ++written;
        }
        const int unverified = static_cast<int>(
            std::count_if(colours.begin(), colours.end(), [](const auto& c) { return c.unverified; }));
        json diff = {{"declared_colours", {{"before", 0}, {"after", written}}},
                     {"unverified", {{"before", 0}, {"after", unverified}}},
                     {"sources", {{"before", 0}, {"after", sources.size()}}}};
        return access::audit(db, clock, access::system_actor(), "",
                             {"declared_colours.seed", "declared_colours", region.id, diff});
    });
    if (!stored) return stored.error();
    return written;
}

namespace {

constexpr const char* k_declared_select =
    "SELECT d.id, d.scope, d.declared_by, d.jurisdiction, d.area, d.municipalities, d.week, d.valid_from, "
    "d.valid_to, d.colour, s.key, d.unverified, d.note FROM declared_colours d JOIN declared_colour_sources "
    "s ON "
    "s.id = d.source_id";
constexpr const char* k_order = " ORDER BY d.scope, d.jurisdiction, d.valid_from, s.key, d.id";

DeclaredColour declared_from_row(const soci::row& row) {
    DeclaredColour d;
    d.id = storage::get_int64(row, 0);
    d.scope = row.get<std::string>(1);
    d.declared_by = row.get<std::string>(2);
    d.jurisdiction = row.get<std::string>(3);
    d.area = row.get<std::string>(4);
    d.municipalities = detail::split_list(row.get<std::string>(5));
    d.week = row.get<std::string>(6);
    d.valid_from = *Date::parse_iso(row.get<std::string>(7));
    d.valid_to = *Date::parse_iso(row.get<std::string>(8));
    d.colour = row.get<std::string>(9);
    d.source = row.get<std::string>(10);
    d.unverified = storage::get_int64(row, 11) != 0;
    d.note = row.get<std::string>(12);
    return d;
}

}  // namespace

Result<std::vector<DeclaredColour>> list_declared_colours(storage::Database& db, Date from, Date to) {
    return detail::reading(db, [&]() -> Result<std::vector<DeclaredColour>> {
        std::vector<DeclaredColour> out;
        const std::string f = from.iso(), t = to.iso();
        soci::rowset<soci::row> rows =
            (db.session().prepare << fmt::format("{} WHERE d.valid_from <= :t AND d.valid_to >= :f{}",
                                                 k_declared_select, k_order),
             soci::use(t), soci::use(f));
        for (const auto& row : rows) out.push_back(declared_from_row(row));
        return out;
    });
}

Result<std::vector<DeclaredColour>> list_declared_colours(storage::Database& db) {
    return detail::reading(db, [&]() -> Result<std::vector<DeclaredColour>> {
        std::vector<DeclaredColour> out;
        soci::rowset<soci::row> rows =
            (db.session().prepare << fmt::format("{}{}", k_declared_select, k_order));
        for (const auto& row : rows) out.push_back(declared_from_row(row));
        return out;
    });
}

Result<std::vector<DeclaredColourSource>> list_declared_colour_sources(storage::Database& db) {
    return detail::reading(db, [&]() -> Result<std::vector<DeclaredColourSource>> {
        std::vector<DeclaredColourSource> out;
        soci::rowset<soci::row> rows =
            (db.session().prepare << "SELECT key, kind, title, issuer, published_on, url, licence, note FROM "
                                     "declared_colour_sources ORDER BY id");
        for (const auto& row : rows) {
            DeclaredColourSource s{row.get<std::string>(0),
                                   row.get<std::string>(1),
                                   row.get<std::string>(2),
                                   row.get<std::string>(3),
                                   std::nullopt,
                                   row.get<std::string>(5),
                                   row.get<std::string>(6),
                                   row.get<std::string>(7)};
            if (row.get_indicator(4) == soci::i_ok) s.published_on = Date::parse_iso(row.get<std::string>(4));
            out.push_back(std::move(s));
        }
        return out;
    });
}

}  // namespace metropoli::homologation
