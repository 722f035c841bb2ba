// SPDX-License-Identifier: MIT
// /api/v1/convenios: the coordination agreement, public to read (parties, signatures, clauses with their
// progress and the agreements that carry them out), and the coordinator's writes (permission convenio.edit),
// each with If-Match naming the convenio's version ("v3"), or the clause's for a clause edit.
#include <fmt/format.h>

#include "coordination/convenio.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

using nlohmann::json;

namespace {

constexpr const char* k_convenio_tag = "Coordinar";

const ParamSpec k_id{"id", ParamType::integer, "the convenio's id", "1"};
const ParamSpec k_clause{"clause", ParamType::integer, "the clause's id", "1"};
const ParamSpec k_agreement{"agreement", ParamType::integer, "the agreement's id", "1"};

Response convenio_response(const coordination::Convenio& c, unsigned status = 200) {
    return versioned(coordination::convenio_json(c), c.version, status);
}

// A write on an existing convenio: reads it, checks If-Match against its version, then `write(version)`.
template <class F>
Response on_current(const RoutedRequest& r, RequestContext& ctx, F&& write) {
    auto current = coordination::get_convenio(*ctx.app.db, std::stoll(r.args.at(0)));
    if (!current) return problem_of(current.error(), r.path);
    if (auto ok = check_if_match(r, version_etag(current->version)); !ok)
        return problem_of(ok.error(), r.path);
    Result<coordination::Convenio> written = write(*current);
    if (!written) return fields_problem(written.error(), r.path);
    return convenio_response(*written);
}

// The clause of the path, which must belong to the convenio of the path.
Result<coordination::Clause> clause_of(const coordination::Convenio& c, const RoutedRequest& r) {
    const int64_t id = std::stoll(r.args.at(1));
    for (const auto& k : c.clauses)
        if (k.id == id) return k;
    return make_error(
        ErrorCode::not_found,
        fmt::format("el convenio {} no tiene la cláusula {} / no clause {} in it", c.id, id, id));
}

}  // namespace

void add_convenio_routes(Router& router) {
    router.add({"GET",
                "/api/v1/convenios",
                "The coordination agreements, newest first",
                k_convenio_tag,
                {},
                {},
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    return respond(coordination::list_convenios(*ctx.app.db), r.path,
                                   [](const std::vector<coordination::Convenio>& list) {
                                       json out = json::array();
                                       for (const auto& c : list)
                                           out.push_back(coordination::convenio_summary_json(c));
                                       return json{{"convenios", out}};
                                   });
                }});
    router.add(
        {"GET",
         "/api/v1/convenios/{id}",
         "A convenio: parties and signatures, clauses with their progress and agreements; ETag: its version",
         k_convenio_tag,
         {k_id},
         {},
         "public",
         // Fresh, not cached: its ETag is the version the next If-Match names.
         false,
         [](const RoutedRequest& r, RequestContext& ctx) {
             auto c = coordination::get_convenio(*ctx.app.db, std::stoll(r.args.at(0)));
             if (!c) return problem_of(c.error(), r.path);
             return convenio_response(*c);
         }});
    router.add({"POST",
                "/api/v1/convenios",
                "Create a draft convenio",
                k_convenio_tag,
                {},
                {},
                "convenio.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    auto fields = coordination::convenio_fields_from_json(*body);
                    if (!fields) return fields_problem(fields.error(), r.path);
                    auto c = coordination::create_convenio(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                           *fields);
                    if (!c) return fields_problem(c.error(), r.path);
                    Response out = convenio_response(*c, 201);
                    out.headers.emplace_back("Location", fmt::format("/api/v1/convenios/{}", c->id));
                    return out;
                }});
    router.add({"PUT",
                "/api/v1/convenios/{id}",
                "Edit a draft convenio's title, preamble and dates (If-Match)",
                k_convenio_tag,
                {k_id},
                {},
                "convenio.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    auto fields = coordination::convenio_fields_from_json(*body);
                    if (!fields) return fields_problem(fields.error(), r.path);
                    return on_current(r, ctx, [&](const coordination::Convenio& c) {
                        return coordination::update_convenio(*ctx.app.db, ctx.clock, ctx.actor,
                                                             ctx.request_id, c.id, c.version, *fields);
                    });
                }});
    router.add(
        {"POST",
         "/api/v1/convenios/{id}/parties",
         "Add a party (organisation and kind) to a draft convenio (If-Match)",
         k_convenio_tag,
         {k_id},
         {},
         "convenio.edit",
         false,
         [](const RoutedRequest& r, RequestContext& ctx) {
             auto body = json_body(r);
             if (!body) return problem_of(body.error(), r.path);
             coordination::NewParty party;
             if (!body->contains("organisation") || !(*body)["organisation"].is_number_integer())
                 return invalid_fields({{"/organisation", "/organisation: an organisation's id"}}, r.path);
             party.organisation = (*body)["organisation"].get<int64_t>();
             party.kind = body->value("kind", "");
             return on_current(r, ctx, [&](const coordination::Convenio& c) {
                 return coordination::add_party(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, c.id,
                                                c.version, party);
             });
         }});
    router.add({"POST",
                "/api/v1/convenios/{id}/clauses",
                "Add a clause to a draft convenio (If-Match)",
                k_convenio_tag,
                {k_id},
                {},
                "convenio.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    auto fields = coordination::clause_fields_from_json(*body);
                    if (!fields) return fields_problem(fields.error(), r.path);
                    return on_current(r, ctx, [&](const coordination::Convenio& c) {
                        return coordination::add_clause(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                        c.id, c.version, *fields);
                    });
                }});
    router.add({"PUT",
                "/api/v1/convenios/{id}/clauses/{clause}",
                "Edit a clause of a draft convenio; If-Match names the clause's version",
                k_convenio_tag,
                {k_id, k_clause},
                {},
                "convenio.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    auto fields = coordination::clause_fields_from_json(*body);
                    if (!fields) return fields_problem(fields.error(), r.path);
                    auto c = coordination::get_convenio(*ctx.app.db, std::stoll(r.args.at(0)));
                    if (!c) return problem_of(c.error(), r.path);
                    auto clause = clause_of(*c, r);
                    if (!clause) return problem_of(clause.error(), r.path);
                    if (auto ok = check_if_match(r, version_etag(clause->version)); !ok)
                        return problem_of(ok.error(), r.path);
                    auto written =
                        coordination::update_clause(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                    clause->id, clause->version, *fields);
                    if (!written) return fields_problem(written.error(), r.path);
                    return convenio_response(*written);
                }});
    router.add({"POST",
                "/api/v1/convenios/{id}/clauses/{clause}/agreements",
                "Link an agreement ({\"agreement\": id}) to the clause it carries out (If-Match)",
                k_convenio_tag,
                {k_id, k_clause},
                {},
                "convenio.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    if (!body->contains("agreement") || !(*body)["agreement"].is_number_integer())
                        return invalid_fields({{"/agreement", "/agreement: an agreement's id"}}, r.path);
                    const int64_t agreement = (*body)["agreement"].get<int64_t>();
                    return on_current(
                        r, ctx, [&](const coordination::Convenio& c) -> Result<coordination::Convenio> {
                            TRY_ASSIGN(clause, clause_of(c, r));
                            return coordination::link_agreement(*ctx.app.db, ctx.clock, ctx.actor,
                                                                ctx.request_id, clause.id, agreement, true,
                                                                c.version);
                        });
                }});
    router.add({"DELETE",
                "/api/v1/convenios/{id}/clauses/{clause}/agreements/{agreement}",
                "Unlink an agreement from a clause (If-Match)",
                k_convenio_tag,
                {k_id, k_clause, k_agreement},
                {},
                "convenio.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    const int64_t agreement = std::stoll(r.args.at(2));
                    return on_current(
                        r, ctx, [&](const coordination::Convenio& c) -> Result<coordination::Convenio> {
                            TRY_ASSIGN(clause, clause_of(c, r));
                            return coordination::link_agreement(*ctx.app.db, ctx.clock, ctx.actor,
                                                                ctx.request_id, clause.id, agreement, false,
                                                                c.version);
                        });
                }});
    router.add(
        {"POST",
         "/api/v1/convenios/{id}/signatures",
         "Record a party's signature: who, when, how evidenced; the last one puts it in force (If-Match)",
         k_convenio_tag,
         {k_id},
         {},
         "convenio.edit",
         false,
         [](const RoutedRequest& r, RequestContext& ctx) {
             auto body = json_body(r);
             if (!body) return problem_of(body.error(), r.path);
             auto signature = coordination::signature_from_json(*body);
             if (!signature) return fields_problem(signature.error(), r.path);
             return on_current(r, ctx, [&](const coordination::Convenio& c) {
                 return coordination::sign(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, c.id, c.version,
                                           *signature);
             });
         }});
    router.add({"POST",
                "/api/v1/convenios/{id}/status",
                "Move the convenio ({\"status\": ...}): draft, in_signature, in_force, expired (If-Match)",
                k_convenio_tag,
                {k_id},
                {},
                "convenio.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    if (!body->contains("status") || !(*body)["status"].is_string())
                        return invalid_fields(
                            {{"/status", "/status: draft, in_signature, in_force or expired"}}, r.path);
                    const std::string status = (*body)["status"].get<std::string>();
                    return on_current(r, ctx, [&](const coordination::Convenio& c) {
                        return coordination::set_convenio_status(*ctx.app.db, ctx.clock, ctx.actor,
                                                                 ctx.request_id, c.id, c.version, status);
                    });
                }});
}

}  // namespace metropoli::http
