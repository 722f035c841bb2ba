// SPDX-License-Identifier: MIT
// Serving, shared by `metropoli serve` and `metropoli demo`.
#pragma once

#include <string>

#include "app/context.hpp"
#include "cli/commands.hpp"
#include "http/server.hpp"

namespace metropoli::cli {

struct ServeArgs {
    http::ServerOptions options;
    std::string web;
    unsigned first_request_seconds = 5;
    bool trust_proxy = false;        // believe X-Forwarded-Proto/-For from the proxy in front
    std::string audit_key;           // signs the head at /api/v1/audit/head (audit keygen), when given
    unsigned login_first_wait = 30;  // seconds of the first throttled wait after the free failed logins
};

void add_serve_options(CLI::App* cmd, ServeArgs& args);
// Serves until SIGTERM/SIGINT; returns the exit code.
// `database`: the URL the context was opened from (a second connection serves /healthz).
int run_server(app::Context context, const std::string& database, ServeArgs& args);

}  // namespace metropoli::cli
