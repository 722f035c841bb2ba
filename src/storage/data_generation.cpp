// SPDX-License-Identifier: MIT
// Migration 103 and the generation triggers, written once per engine.
#include "storage/data_generation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <utility>

namespace metropoli::storage {

namespace {
const std::vector<std::string> k_storage_tables = {"jurisdictions", "metro_members", "regions", "audit_log"};
}  // namespace

std::vector<Statement> generation_triggers(const std::string& table) {
    std::vector<Statement> out;
    for (const auto& [op, suffix] :
         {std::pair{"INSERT", "insert"}, {"UPDATE", "update"}, {"DELETE", "delete"}}) {
        out.push_back(sqlite_only(fmt::format(R"(
CREATE TRIGGER {0}_generation_{1} AFTER {2} ON {0}
BEGIN
    UPDATE data_generation SET generation = generation + 1 WHERE id = 1;
END)",
                                              table, suffix, op)));
    }
    out.push_back(postgresql_only(fmt::format(R"(
CREATE TRIGGER {0}_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {0}
FOR EACH STATEMENT EXECUTE FUNCTION bump_data_generation())",
                                              table)));
    return out;
}

void add_generation_triggers(Migration& m, std::initializer_list<const char*> tables) {
    for (const char* table : tables) {
        for (auto& s : generation_triggers(table)) m.statements.push_back(std::move(s));
    }
}

Migration data_generation_migration() {
    Migration m{103,
                "data generation counter",
                {
                    R"(
CREATE TABLE data_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    generation BIGINT NOT NULL))",
                    "INSERT INTO data_generation (id, generation) VALUES (1, 0)",
                    postgresql_only(R"(
CREATE FUNCTION bump_data_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_generation SET generation = generation + 1 WHERE id = 1;
    RETURN NULL;
END;
$$)"),
                }};
    for (const auto& table : k_storage_tables) {
        for (auto& s : generation_triggers(table)) m.statements.push_back(std::move(s));
    }
    return m;
}

Migration data_generation_once_per_transaction_migration() {
    // Migration 103's function bumped the counter at every write statement. On PostgreSQL each UPDATE of the
    // one row in a transaction leaves a row version that the next one passes over, so n write statements in
    // one transaction cost O(n^2): 5,000 single-row inserts took 1.0 s and 10,000 took 2.7 s (31 ms and 99 ms
    // with this function; 15 ms for 5,000 without a trigger). A reader only asks whether the generation
    // moved, so once per transaction is enough: the first write bumps it, and a setting local to the
    // transaction (undone with a rolled-back savepoint, like the bump) marks it done. SQLite updates the row
    // in place and keeps its row triggers.
    return {104, "data generation bumped once per transaction", {postgresql_only(R"(
CREATE OR REPLACE FUNCTION bump_data_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('metropoli.generation_bumped', true) IS DISTINCT FROM '1' THEN
        UPDATE data_generation SET generation = generation + 1 WHERE id = 1;
        PERFORM set_config('metropoli.generation_bumped', '1', true);
    END IF;
    RETURN NULL;
END;
$$)")}};
}

Result<int64_t> data_generation(Database& db) {
    try {
        long long generation = 0;
        db.session() << "SELECT generation FROM data_generation WHERE id = 1", soci::into(generation);
        if (!db.session().got_data()) return make_error(ErrorCode::database, "data_generation holds no row");
        return static_cast<int64_t>(generation);
    } catch (const std::exception& e) {
        return make_error(ErrorCode::database, fmt::format("reading the data generation: {}", e.what()));
    }
}

Result<std::vector<std::string>> tables_without_generation_triggers(Database& db,
                                                                    const std::vector<std::string>& outside) {
    try {
        std::vector<std::string> tables, triggered;
        auto& sql = db.session();
        std::string name;
        if (db.engine() == Engine::sqlite) {
            soci::statement st =
                (sql.prepare << "SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                                "NOT LIKE 'sqlite_%' ORDER BY name",
                 soci::into(name));
            st.execute();
            while (st.fetch()) tables.push_back(name);
            // Each of the three row triggers, counted once per table that has all three.
            soci::statement tr =
                (sql.prepare
                     << "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE "
                        "'%UPDATE data_generation SET generation = generation + 1%' GROUP BY tbl_name "
                        "HAVING COUNT(*) = 3",
                 soci::into(name));
            tr.execute();
            while (tr.fetch()) triggered.push_back(name);
        } else {
            soci::statement st =
                (sql.prepare << "SELECT table_name FROM information_schema.tables WHERE "
                                "table_schema = current_schema() AND table_type = 'BASE TABLE' "
                                "ORDER BY table_name",
                 soci::into(name));
            st.execute();
            while (st.fetch()) tables.push_back(name);
            soci::statement tr =
                (sql.prepare << "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = "
                                "t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid WHERE p.proname = "
                                "'bump_data_generation' AND c.relnamespace = "
                                "current_schema()::regnamespace",
                 soci::into(name));
            tr.execute();
            while (tr.fetch()) triggered.push_back(name);
        }
        std::vector<std::string> missing;
        for (const auto& t : tables) {
            if (t == "schema_migrations" || t == "data_generation") continue;
            if (std::find(outside.begin(), outside.end(), t) != outside.end()) continue;
            if (std::find(triggered.begin(), triggered.end(), t) == triggered.end()) missing.push_back(t);
        }
        return missing;
    } catch (const std::exception& e) {
        return make_error(ErrorCode::database, fmt::format("listing the generation triggers: {}", e.what()));
    }
}

}  // namespace metropoli::storage
