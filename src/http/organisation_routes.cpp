// SPDX-License-Identifier: MIT
// /api/v1/organisations: the public directory (filters kind, sector, coalition), one organisation with its
// version as ETag ("v3"), and the writes: create (admin) and edit (admin, or the organisation's editors) with
// If-Match, so that of two edits of one version one wins and the other gets 412.
#include <fmt/format.h>

#include "access/organisations.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

using nlohmann::json;

namespace {

constexpr const char* k_organisation_tag = "Acceso";

Response organisation_response(const access::Organisation& o, unsigned status = 200) {
    return versioned(access::organisation_json(o), o.version, status);
}

}  // namespace

void add_organisation_routes(Router& router) {
    router.add(
        {"GET",
         "/api/v1/organisations",
         "The directory of organisations (filter with kind, sector, coalition)",
         k_organisation_tag,
         {},
         {{"kind", ParamType::text,
           "federal_government, state_government, municipal_government, "
           "health_authority, armed_forces, business_chamber, academic_centre, "
           "civil_society or other",
           "health_authority"},
          {"sector", ParamType::text, "a sector it acts in (any case)", "salud"},
          {"coalition", ParamType::text, "true: only the coalition's members; false: only others", "true"}},
         "organisation.read",
         true,
         [](const RoutedRequest& r, RequestContext& ctx) {
             access::OrganisationFilter filter;
             if (const auto kind = param(r, "kind"); !kind.empty()) {
                 if (!access::is_organisation_kind(kind))
                     return problem(400, "", fmt::format("kind: '{}' is not a kind of organisation", kind),
                                    r.path);
                 filter.kind = kind;
             }
             if (const auto sector = param(r, "sector"); !sector.empty()) filter.sector = sector;
             if (const auto coalition = param(r, "coalition"); !coalition.empty()) {
                 if (coalition != "true" && coalition != "false")
                     return problem(400, "", "coalition: true or false", r.path);
                 filter.coalition = coalition == "true";
             }
             return respond(access::list_organisations(*ctx.app.db, filter), r.path,
                            [](const std::vector<access::Organisation>& list) {
                                json out = json::array();
                                for (const auto& o : list) out.push_back(access::organisation_json(o));
                                return json{{"organisations", out}};
                            });
         }});
    router.add({"GET",
                "/api/v1/organisations/{id}",
                "One organisation; its ETag is its version (\"v3\"), for If-Match",
                k_organisation_tag,
                {{"id", ParamType::integer, "the organisation's id", "1"}},
                {},
                "organisation.read",
                // Read fresh, never from the response cache: another server on the same database may have
                // written a newer version within the second before this one notices, and a stale ETag would
                // make the next If-Match fail for nobody's fault.
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto o = access::get_organisation(*ctx.app.db, std::stoll(r.args.at(0)));
                    if (!o) return problem_of(o.error(), r.path);
                    return organisation_response(*o);
                }});
    router.add({"POST",
                "/api/v1/organisations",
                "Add an organisation",
                k_organisation_tag,
                {},
                {},
                "organisation.create",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    auto fields = access::organisation_fields_from_json(*body);
                    if (!fields) return fields_problem(fields.error(), r.path);
                    auto o = access::create_organisation(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                         *fields);
                    if (!o) return fields_problem(o.error(), r.path);
                    Response out = organisation_response(*o, 201);
                    out.headers.emplace_back("Location", fmt::format("/api/v1/organisations/{}", o->id));
                    return out;
                }});
    router.add({"PUT",
                "/api/v1/organisations/{id}",
                "Edit an organisation: the fields sent change; If-Match names the version read",
                k_organisation_tag,
                {{"id", ParamType::integer, "the organisation's id", "1"}},
                {},
                "organisation.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    const int64_t id = std::stoll(r.args.at(0));
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    auto fields = access::organisation_fields_from_json(*body);
                    if (!fields) return fields_problem(fields.error(), r.path);
                    auto current = access::get_organisation(*ctx.app.db, id);
                    if (!current) return problem_of(current.error(), r.path);
                    if (auto ok = check_if_match(r, version_etag(current->version)); !ok)
                        return problem_of(ok.error(), r.path);
                    // The library compares the version again inside its transaction: of two edits that both
                    // read this version, one is written and the other is precondition_failed (412).
                    auto o = access::update_organisation(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                         id, current->version, *fields);
                    if (!o) return fields_problem(o.error(), r.path);
                    return organisation_response(*o);
                },
                scope_from_path("id")});
}

}  // namespace metropoli::http
