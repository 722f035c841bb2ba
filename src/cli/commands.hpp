// SPDX-License-Identifier: MIT
// The subcommands of `metropoli`. Each registers its options on a CLI11 app and returns an exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "core/result.hpp"

namespace metropoli::cli {

struct GlobalOptions {
    std::string database = "metropoli.db";
    std::string format = "csv";  // csv | json
};

// Prints "error: <message>" to stderr and returns the exit code of the error.
int report_error(const Error& error);

void add_init_command(CLI::App& app, GlobalOptions& global);
void add_ingest_commands(CLI::App& app, GlobalOptions& global);
void add_query_commands(CLI::App& app, GlobalOptions& global);
void add_indicator_commands(CLI::App& app, GlobalOptions& global);
void add_demo_command(CLI::App& app, GlobalOptions& global);
void add_serve_commands(CLI::App& app, GlobalOptions& global);

}  // namespace metropoli::cli
