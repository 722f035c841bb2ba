// SPDX-License-Identifier: MIT
// /api/v1/accounts (admin): the accounts and their roles, a new account, disabling and enabling one, granting
// and revoking a role. The access library checks the permission again, writes and audits.
#include <fmt/format.h>

#include "access/accounts.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

using nlohmann::json;

namespace {

constexpr const char* k_account_tag = "Acceso";

Response account_response(const access::Account& a, unsigned status = 200) {
    Response out = json_response(access::account_json(a));
    out.status = status;
    return out;
}

// The ids of a JSON array member, or a field error.
std::vector<int64_t> ids_field(const json& body, const char* name, std::vector<FieldError>& errors) {
    std::vector<int64_t> out;
    auto it = body.find(name);
    if (it == body.end()) return out;
    if (!it->is_array()) {
        errors.push_back({std::string("/") + name, std::string(name) + " must be an array of ids"});
        return out;
    }
    for (size_t i = 0; i < it->size(); ++i) {
        if (!(*it)[i].is_number_integer()) {
            errors.push_back({fmt::format("/{}/{}", name, i), "an organisation id (a whole number)"});
            continue;
        }
        out.push_back((*it)[i].get<int64_t>());
    }
    return out;
}

Result<access::NewAccount> new_account(const json& body, std::vector<FieldError>& errors) {
    access::NewAccount a;
    for (const char* name : {"email", "password"}) {
        auto it = body.find(name);
        if (it == body.end() || !it->is_string()) {
            errors.push_back({std::string("/") + name, std::string(name) + " is required (a string)"});
            continue;
        }
        (std::string(name) == "email" ? a.email : a.password) = it->get<std::string>();
    }
    if (auto it = body.find("name"); it != body.end()) {
        if (it->is_string())
            a.name = it->get<std::string>();
        else
            errors.push_back({"/name", "name must be a string"});
    }
    a.organisations = ids_field(body, "organisations", errors);
    if (auto it = body.find("grants"); it != body.end()) {
        if (!it->is_array()) {
            errors.push_back({"/grants", "grants must be an array of {role, organisation?, body?}"});
        } else {
            for (size_t i = 0; i < it->size(); ++i) {
                auto g = access::grant_from_json((*it)[i]);
                if (!g)
                    errors.push_back({fmt::format("/grants/{}", i), g.error().message});
                else
                    a.grants.push_back(*g);
            }
        }
    }
    return a;
}

RouteHandler set_state(access::AccountState state) {
    return [state](const RoutedRequest& r, RequestContext& ctx) {
        auto a = access::set_account_state(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                           std::stoll(r.args.at(0)), state);
        if (!a) return problem_of(a.error(), r.path);
        return account_response(*a);
    };
}

}  // namespace

void add_account_routes(Router& router, const AccessRouteOptions& options) {
    const ParamSpec account_id{"id", ParamType::integer, "the account's id", "1"};
    router.add({"GET",
                "/api/v1/accounts",
                "Every account, with its roles",
                k_account_tag,
                {},
                {},
                "account.read",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    return respond(access::list_accounts(*ctx.app.db), r.path,
                                   [](const std::vector<access::Account>& list) {
                                       json out = json::array();
                                       for (const auto& a : list) out.push_back(access::account_json(a));
                                       return json{{"accounts", out}};
                                   });
                }});
    router.add({"POST",
                "/api/v1/accounts",
                "Create an account (and its person)",
                k_account_tag,
                {},
                {},
                "account.create",
                false,
                [options](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    std::vector<FieldError> errors;
                    auto fields = new_account(*body, errors);
                    if (!errors.empty()) return invalid_fields(errors, r.path);
                    auto a = access::create_account(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                    *fields, options.passwords);
                    if (!a) return problem_of(a.error(), r.path);
                    Response out = account_response(*a, 201);
                    out.headers.emplace_back("Location", fmt::format("/api/v1/accounts/{}", a->id));
                    return out;
                }});
    router.add({"POST",
                "/api/v1/accounts/{id}/disable",
                "Disable an account: its sessions end, its tokens stop",
                k_account_tag,
                {account_id},
                {},
                "account.disable",
                false,
                set_state(access::AccountState::disabled)});
    router.add({"POST",
                "/api/v1/accounts/{id}/enable",
                "Enable a disabled account again",
                k_account_tag,
                {account_id},
                {},
                "account.disable",
                false,
                set_state(access::AccountState::active)});
    router.add({"POST",
                "/api/v1/accounts/{id}/grants",
                "Grant a role {role, organisation?, body?}",
                k_account_tag,
                {account_id},
                {},
                "role.grant",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    auto grant = access::grant_from_json(*body);
                    if (!grant) return invalid_fields({{"", grant.error().message}}, r.path);
                    auto stored = access::grant_role(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                     std::stoll(r.args.at(0)), *grant);
                    if (!stored) return problem_of(stored.error(), r.path);
                    json out = access::grant_json(stored->grant);
                    out["id"] = stored->id;
                    Response answer = json_response(out);
                    answer.status = 201;
                    return answer;
                }});
    router.add({"DELETE",
                "/api/v1/accounts/{id}/grants/{grant}",
                "Revoke a role grant",
                k_account_tag,
                {account_id, {"grant", ParamType::integer, "the grant's id", "1"}},
                {},
                "role.revoke",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto revoked = access::revoke_grant(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                        std::stoll(r.args.at(0)), std::stoll(r.args.at(1)));
                    if (!revoked) return problem_of(revoked.error(), r.path);
                    return no_content();
                }});
}

}  // namespace metropoli::http
