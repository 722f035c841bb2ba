// SPDX-License-Identifier: MIT
// Entry point of the `metropoli` command: the one place where exceptions are caught.
#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <exception>

#include "app/context.hpp"
#include "cli/commands.hpp"

namespace metropoli::cli {

std::string os_user_name() {
    if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
    return fmt::format("uid-{}", geteuid());
}

access::Attribution cli_attribution(const GlobalOptions& global) {
    const std::string name = global.as.empty() ? os_user_name() : global.as;
    const bool valid =
        !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](unsigned char c) {
            return std::isalnum(c) || c == '.' || c == '_' || c == '@' || c == '-';
        });
    if (!valid)
        throw CLI::ValidationError(
            "--as", "'" + name + "' is not a name (1 to 64 letters, digits, '.', '_', '@' or '-')");
    return access::Attribution{access::cli_actor(name), ""};
}

int report_error(const Error& error) {
    fmt::print(stderr, "error: {}\n", error.message);
    return error.code == ErrorCode::internal ? 3 : 1;
}

void add_init_command(CLI::App& app, GlobalOptions& global) {
    auto* cmd = app.add_subcommand("init", "Create or upgrade the database and load a region preset");
    auto region = std::make_shared<std::string>("laguna");
    cmd->add_option("--region", *region, "Region preset id (regions/<id>/region.json) or a preset file")
        ->capture_default_str();
    cmd->callback([&global, region]() {
        const auto by = cli_attribution(global);
        auto db = app::open_database(global.database, storage::Access::create);
        if (!db) throw CLI::RuntimeError(report_error(db.error()));
        auto loaded = app::initialise(**db, *region, by);
        if (!loaded) throw CLI::RuntimeError(report_error(loaded.error()));
        size_t municipalities = 0;
        for (const auto& j : loaded->jurisdictions)
            municipalities += j.kind == JurisdictionKind::municipality;
        fmt::print("initialised {} with region {} ({}): {} municipalities, metro zones: ",
                   (*db)->display_url(), loaded->id, loaded->name, municipalities);
        for (size_t i = 0; i < loaded->metro_zones.size(); ++i)
            fmt::print("{}{}", i ? ", " : "", loaded->metro_zones[i]);
        fmt::print("\n");
    });
}

}  // namespace metropoli::cli

int main(int argc, char** argv) {
    using namespace metropoli::cli;
    CLI::App app{"Metrópoli: one operating picture for a metro zone split between states"};
    app.require_subcommand(1);
    // Every subcommand (and theirs, which inherit it) hands the options it does not know to its parent, so
    // the global --database and --format work after the subcommand as well as before it.
    app.fallthrough();
    GlobalOptions global;
    app.add_option("--database", global.database,
                   "Database: a SQLite file, or postgresql://user@host:port/db")
        ->capture_default_str();
    app.add_option("--format", global.format, "Output format of tables")
        ->check(CLI::IsMember({"csv", "json"}))
        ->capture_default_str();
    app.add_option("--as", global.as,
                   "Who acts, recorded as cli:NAME in the audit log of every write (default: the "
                   "operating-system user)");
    add_init_command(app, global);
    add_ingest_commands(app, global);
    add_query_commands(app, global);
    add_indicator_commands(app, global);
    add_demo_command(app, global);
    add_serve_commands(app, global);
    add_audit_commands(app, global);
    add_access_commands(app, global);
    add_convenio_commands(app, global);
    add_activity_commands(app, global);
    add_mesa_commands(app, global);
    add_minutes_commands(app, global);
    add_decision_commands(app, global);
    add_agreement_commands(app, global);
    add_policy_commands(app, global);
    add_activity_rule_commands(app, global);
    add_semaforo_commands(app, global);
    try {
        app.parse(argc, argv);
    } catch (const CLI::RuntimeError& e) {
        return e.get_exit_code();
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    } catch (const std::exception& e) {
        fmt::print(stderr, "internal error: {}\n", e.what());
        return 3;
    }
    return 0;
}
