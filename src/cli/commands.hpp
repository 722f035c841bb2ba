// SPDX-License-Identifier: MIT
// The subcommands of `metropoli`. Each registers its options on a CLI11 app and returns an exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "access/audit.hpp"
#include "core/result.hpp"

namespace metropoli::cli {

struct GlobalOptions {
    std::string database = "metropoli.db";
    std::string format = "csv";  // csv | json
    std::string as;              // --as NAME: who acts (default: the operating-system user)
};

// The operating-system user running the command (getpwuid(geteuid())), or "uid-N" when it has no name.
std::string os_user_name();
// The actor of every write the command makes: `cli:NAME` from --as. A name is 1 to 64 letters, digits or
// ". _ @ -"; anything else is a usage error naming --as.
access::Attribution cli_attribution(const GlobalOptions& global);

// Prints "error: <message>" to stderr and returns the exit code of the error.
int report_error(const Error& error);

void add_init_command(CLI::App& app, GlobalOptions& global);
void add_ingest_commands(CLI::App& app, GlobalOptions& global);
void add_query_commands(CLI::App& app, GlobalOptions& global);
void add_indicator_commands(CLI::App& app, GlobalOptions& global);
void add_demo_command(CLI::App& app, GlobalOptions& global);
void add_serve_commands(CLI::App& app, GlobalOptions& global);
void add_audit_commands(CLI::App& app, GlobalOptions& global);
void add_access_commands(CLI::App& app, GlobalOptions& global);
void add_convenio_commands(CLI::App& app, GlobalOptions& global);
void add_activity_commands(CLI::App& app, GlobalOptions& global);
void add_mesa_commands(CLI::App& app, GlobalOptions& global);
void add_minutes_commands(CLI::App& app, GlobalOptions& global);
void add_decision_commands(CLI::App& app, GlobalOptions& global);
void add_agreement_commands(CLI::App& app, GlobalOptions& global);
void add_policy_commands(CLI::App& app, GlobalOptions& global);
void add_activity_rule_commands(CLI::App& app, GlobalOptions& global);
void add_semaforo_commands(CLI::App& app, GlobalOptions& global);

}  // namespace metropoli::cli
