// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include "core/text.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

namespace {

Result<nlohmann::json> read_json(const std::string& file) {
    auto text = read_file(file);
    if (!text) return text.error();
    auto doc = nlohmann::json::parse(*text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return make_error(ErrorCode::bad_input, fmt::format("{}: not a JSON object", file));
    return doc;
}

}  // namespace

void add_system_routes(Router& router, std::function<Response()> document) {
    router.add({"GET",
                "/healthz",
                "Liveness: the server answers and its database opens",
                "Operación",
                {},
                {},
                "public",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    try {
                        long long one = 0;
                        ctx.app.db->session() << "SELECT 1", soci::into(one);
                    } catch (const std::exception&) {
                        return problem(503, "", "the database does not answer", r.path);
                    }
                    auto out = json_response({{"status", "ok"}});
                    out.cache_control = "no-store";
                    return out;
                }});
    router.add(
        {"GET",
         "/api/v1/openapi.json",
         "This API's OpenAPI 3.1 document",
         "Operación",
         {},
         {},
         "public",
         true,
         [document = std::move(document)](const RoutedRequest&, RequestContext&) { return document(); }});
}

Result<nlohmann::json> module_operations(const std::string& root) {
    nlohmann::json all = nlohmann::json::object();
    for (const char* module : {"system", "region", "analysis", "web", "session", "organisations", "accounts",
                               "tokens", "audit", "convenio", "activities", "minutes", "mesa", "agreements",
                               "activity_rules", "semaforo", "policy", "decisions", "policy_observations"}) {
        auto ops = read_json(fmt::format("{}/src/http/openapi/{}.json", root, module));
        if (!ops) return ops.error();
        for (auto& [id, op] : ops->items()) all[id] = std::move(op);
    }
    return all;
}

Result<nlohmann::json> openapi_base(const std::string& root) {
    return read_json(root + "/src/http/openapi/base.json");
}

void add_module_routes(Router& router, std::function<Response()> document, const AccessRouteOptions& access,
                       std::shared_ptr<const access::SigningKey> head_key) {
    add_system_routes(router, std::move(document));
    add_region_routes(router);
    add_analysis_routes(router);
    add_web_routes(router);
    add_session_routes(router, access);
    add_organisation_routes(router);
    add_account_routes(router, access);
    add_token_routes(router);
    add_audit_routes(router, std::move(head_key));
    add_convenio_routes(router);
    add_activity_routes(router);
    add_mesa_routes(router);
    add_minutes_routes(router);
    add_agreement_routes(router);
    add_activity_rule_routes(router);
    add_semaforo_routes(router);
    add_policy_routes(router);
    add_decision_routes(router);
    add_policy_observation_routes(router);
}

Result<nlohmann::json> served_openapi(const std::string& root) {
    Router router;
    add_module_routes(
        router, [] { return Response{}; }, AccessRouteOptions{}, nullptr);
    auto base = openapi_base(root);
    if (!base) return base.error();
    auto operations = module_operations(root);
    if (!operations) return operations.error();
    return router.openapi(*base, *operations);
}

}  // namespace metropoli::http
