// SPDX-License-Identifier: MIT
// `metropoli serve`, `metropoli export-site DIR` and `metropoli openapi`.
#include <fmt/format.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>
#include <vector>

#include "cli/cli_support.hpp"
#include "cli/serve.hpp"
#include "http/api.hpp"
#include "http/export_site.hpp"
#include "http/route_modules.hpp"
#include "http/server.hpp"

namespace metropoli::cli {

std::string default_web_dir() {
    return app::data_paths().root + "/web/dist";
}

void add_serve_options(CLI::App* cmd, ServeArgs& a) {
    cmd->add_option("--bind", a.options.bind, "Address to listen on")->capture_default_str();
    cmd->add_option("--port", a.options.port, "Port (0: any free port)")->capture_default_str();
    cmd->add_option("--web", a.web, "The built web application (default: web/dist of this installation)");
    cmd->add_option("--threads", a.options.threads, "Worker threads (0: one per core)")
        ->capture_default_str();
    cmd->add_option("--max-connections", a.options.max_connections,
                    "Connections served at once; more get 503")
        ->capture_default_str();
    cmd->add_option("--max-per-client", a.options.max_per_client,
                    "Connections from one client address at once; more get 503")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    cmd->add_option("--first-request-timeout", a.first_request_seconds,
                    "Seconds a new connection may stay silent before its first request")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
    cmd->add_option("--workers", a.options.workers, "Threads computing uncached answers (0: one per core)")
        ->capture_default_str();
    cmd->add_option("--access-log", a.options.access_log, "Access log: - (stderr), off, or a file")
        ->capture_default_str();
    cmd->add_flag("--trust-proxy", a.trust_proxy,
                  "Behind a proxy that sets X-Forwarded-Proto and X-Forwarded-For: believe them (session "
                  "cookies Secure under https, login throttling by the client's address)");
    cmd->add_option(
           "--login-first-wait", a.login_first_wait,
           "Seconds a login waits after the free failures (5 per e-mail in 15 min), doubling with each "
           "further one; lower it for tests only")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
    cmd->add_option("--audit-key", a.audit_key,
                    "Sign the audit head served at /api/v1/audit/head with this key (audit keygen)");
}

int run_server(app::Context context, const std::string& database, ServeArgs& a) {
    a.options.first_request_timeout = std::chrono::seconds(a.first_request_seconds);
    if (a.web.empty()) a.web = default_web_dir();
    std::error_code ec;
    if (!std::filesystem::exists(a.web + "/index.html", ec)) {
        fmt::print(stderr, "warning: no web application in {} (make web); serving the API only\n", a.web);
        a.web.clear();
    }
    const std::string url = context.db->display_url();
    // The documents every visitor of the dashboard reads, computed once in the background so the first
    // visitor does not wait for them.
    std::vector<std::string> warm = {"overview", "geo"};
    if (!context.region.metro_zones.empty()) {
        const auto* zone = context.region.find(context.region.metro_zones.front());
        warm.push_back("dashboard/" + zone->code);
        for (const auto& m : zone->members) warm.push_back("dashboard/" + m);
    }
    // One application context per worker, so that that many uncached answers are computed at once.
    http::ApiOptions api_options;
    api_options.pool_size =
        a.options.workers ? a.options.workers : std::max(1u, std::thread::hardware_concurrency());
    // Writable connections, since logins, sessions and edits write; a database that cannot be written (a
    // read-only filesystem) is served read-only, and what would write fails with its reason.
    auto writable = std::make_shared<std::atomic<bool>>(true);
    api_options.open_context = [database, writable]() -> Result<app::Context> {
        if (writable->load()) {
            auto opened = app::open_context(database, storage::Access::write);
            if (opened) return opened;
            writable->store(false);
        }
        return app::open_context(database, storage::Access::read);
    };
    api_options.trust_proxy = a.trust_proxy;
    if (!a.audit_key.empty()) {
        api_options.audit_key =
            std::make_shared<const access::SigningKey>(value_or_throw(access::SigningKey::load(a.audit_key)));
    }
    api_options.access.login.throttle.first_wait = std::chrono::seconds(a.login_first_wait);
    if (auto first = api_options.open_context()) context = std::move(*first);
    http::Api api(std::move(context), a.web, std::move(api_options));
    // /healthz and the data-version check get their own connection, so they never wait for a computation.
    if (auto probe = storage::Database::open(database, storage::Access::read); probe) {
        api.set_probe(std::make_unique<storage::Database>(std::move(*probe)));
    } else {
        fmt::print(stderr, "warning: no second database connection for /healthz ({})\n",
                   probe.error().message);
    }
    const http::Handlers handlers{[&api](const http::Request& r) { return api.quick(r); },
                                  [&api](const http::Request& r) { return api.handle(r); }};
    std::thread warmer;
    auto status = http::serve(a.options, handlers, [&](unsigned short port) {
        fmt::print(stderr, "Metrópoli sirve / serves {} on http://{}:{}/ (Ctrl-C to stop)\n", url,
                   a.options.bind, port);
        if (!writable->load())
            fmt::print(stderr, "warning: {} cannot be written; serving read-only (no login, no writes)\n",
                       url);
        warmer = std::thread([&api, warm] {
            for (const auto& path : warm) (void)api.render(path);
        });
    });
    if (warmer.joinable()) warmer.join();
    if (!status) return report_error(status.error());
    return 0;
}

void add_serve_commands(CLI::App& app, GlobalOptions& global) {
    auto args = std::make_shared<ServeArgs>();
    auto* serve = app.add_subcommand("serve", "HTTP API and web application");
    add_serve_options(serve, *args);
    serve->callback([&global, args]() {
        const int code = run_server(open_or_throw(global), global.database, *args);
        if (code) throw CLI::RuntimeError(code);
    });

    auto dir = std::make_shared<std::string>();
    auto web = std::make_shared<std::string>();
    auto* exp = app.add_subcommand("export-site", "The public site as static files plus JSON snapshots");
    exp->add_option("dir", *dir, "Output folder (replaced as a whole once the export is complete)")
        ->required();
    exp->add_option("--web", *web, "The built web application (default: web/dist of this installation)");
    auto audit_key = std::make_shared<std::string>();
    exp->add_option("--audit-key", *audit_key, "Sign the published audit head with this key (audit keygen)")
        ->check(CLI::ExistingFile);
    exp->callback([&global, dir, web, audit_key]() {
        std::optional<access::SigningKey> key;
        if (!audit_key->empty()) key.emplace(value_or_throw(access::SigningKey::load(*audit_key)));
        auto summary = value_or_throw(http::export_site(
            open_or_throw(global), web->empty() ? default_web_dir() : *web, *dir, key ? &*key : nullptr));
        fmt::print(stderr, "exported {} files ({:.1f} MB) to {}\n", summary.files,
                   static_cast<double>(summary.bytes) / 1e6, *dir);
    });

    // Needs no database: the document comes from the routes' registrations and src/http/openapi/.
    auto output = std::make_shared<std::string>();
    auto* openapi = app.add_subcommand(
        "openapi", "The OpenAPI document `serve` serves (web/openapi.json is a copy of it)");
    openapi->add_option("--output,-o", *output, "Write it to this file instead of stdout");
    openapi->callback([output]() {
        const std::string text = value_or_throw(http::served_openapi(app::data_paths().root)).dump(2) + "\n";
        if (output->empty()) {
            std::fwrite(text.data(), 1, text.size(), stdout);
            return;
        }
        std::ofstream out(*output, std::ios::binary);
        out << text;
        out.close();
        if (!out)
            throw CLI::RuntimeError(
                report_error(make_error(ErrorCode::io_error, fmt::format("cannot write {}", *output))));
    });
}

}  // namespace metropoli::cli
