// SPDX-License-Identifier: MIT
// /api/v1/tokens: one's own personal API tokens — the list (never the tokens themselves), a new one (shown
// once, in the answer of its creation), and revoking one.
#include <fmt/format.h>

#include "access/accounts.hpp"
#include "access/tokens.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

using nlohmann::json;

namespace {

constexpr const char* k_token_tag = "Acceso";

}  // namespace

void add_token_routes(Router& router) {
    router.add({"GET",
                "/api/v1/tokens",
                "One's own API tokens (not the tokens themselves)",
                k_token_tag,
                {},
                {},
                "account.self",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    return respond(access::list_tokens(*ctx.app.db, *ctx.actor.account), r.path,
                                   [](const std::vector<access::TokenInfo>& list) {
                                       json out = json::array();
                                       for (const auto& t : list) out.push_back(access::token_json(t));
                                       return json{{"tokens", out}};
                                   });
                }});
    RouteDef create{
        "POST",
        "/api/v1/tokens",
        "A new API token {name, grants?}: shown once, in this answer",
        k_token_tag,
        {},
        {},
        "account.self",
        false,
        [](const RoutedRequest& r, RequestContext& ctx) {
            auto body = json_body(r);
            if (!body) return problem_of(body.error(), r.path);
            std::vector<FieldError> errors;
            std::string name;
            if (auto it = body->find("name"); it != body->end() && it->is_string())
                name = it->get<std::string>();
            else
                errors.push_back({"/name", "name is required (a string)"});
            std::optional<std::vector<access::Grant>> grants;
            if (auto it = body->find("grants"); it != body->end()) {
                if (!it->is_array()) {
                    errors.push_back({"/grants", "grants must be an array of {role, organisation?}"});
                } else {
                    grants.emplace();
                    for (size_t i = 0; i < it->size(); ++i) {
                        auto g = access::grant_from_json((*it)[i]);
                        if (!g)
                            errors.push_back({fmt::format("/grants/{}", i), g.error().message});
                        else
                            grants->push_back(*g);
                    }
                }
            }
            if (!errors.empty()) return invalid_fields(errors, r.path);
            auto token = access::create_token(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                              *ctx.actor.account, name, grants);
            if (!token) return problem_of(token.error(), r.path);
            json grant_list = json::array();
            for (const auto& g : token->grants) grant_list.push_back(access::grant_json(g));
            Response out = json_response(
                {{"id", token->id}, {"name", token->name}, {"token", token->token}, {"grants", grant_list}});
            out.status = 201;
            return out;
        }};
    create.changes_data = false;
    router.add(std::move(create));
    RouteDef revoke{"DELETE",
                    "/api/v1/tokens/{id}",
                    "Revoke one of one's API tokens",
                    k_token_tag,
                    {{"id", ParamType::integer, "the token's id", "1"}},
                    {},
                    "account.self",
                    false,
                    [](const RoutedRequest& r, RequestContext& ctx) {
                        auto revoked = access::revoke_token(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                            std::stoll(r.args.at(0)));
                        if (!revoked) return problem_of(revoked.error(), r.path);
                        return no_content();
                    }};
    revoke.changes_data = false;
    router.add(std::move(revoke));
}

}  // namespace metropoli::http
