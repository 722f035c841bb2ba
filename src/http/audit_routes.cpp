// SPDX-License-Identifier: MIT
// /api/v1/audit: the audit log's entries (entity, actor, from), for an admin, and one entity's history for
// those who may read it (an organisation's editors read their organisation's).
#include <fmt/format.h>

#include "access/audit.hpp"
#include "access/audit_head.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

using nlohmann::json;

namespace {

// The organisation an `entity` parameter names ("organisation:12"), for the permission's scope.
access::Scope entity_scope(const RoutedRequest& r) {
    const std::string entity = param(r, "entity");
    constexpr std::string_view prefix = "organisation:";
    if (entity.rfind(prefix, 0) != 0) return {};
    const std::string id = entity.substr(prefix.size());
    if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos) return {};
    return access::Scope{std::stoll(id), std::nullopt};
}

}  // namespace

void add_audit_routes(Router& router, std::shared_ptr<const access::SigningKey> head_key) {
    // Public and read fresh: a head is only worth publishing when it is the chain's current one.
    router.add({"GET",
                "/api/v1/audit/head",
                "The audit chain's head now: entry count and last hash, signed when the server has a key",
                "Acceso",
                {},
                {},
                "public",
                false,
                [head_key](const RoutedRequest& r, RequestContext& ctx) {
                    return respond(access::current_head(*ctx.app.db, ctx.clock, head_key.get()), r.path,
                                   [](const access::PublishedHead& head) { return head.to_json(); });
                }});
    router.add({"GET",
                "/api/v1/audit",
                "Audit log entries, oldest first (filter with entity, actor, from)",
                "Acceso",
                {},
                {{"entity", ParamType::text, "TYPE:ID (one entity's history) or TYPE", "organisation:1"},
                 {"actor", ParamType::text, "who acted: account:12, cli:ana, system", "system"},
                 {"from", ParamType::date, "entries on or after this day (UTC)", "2026-01-01"}},
                "audit.entity",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    access::AuditFilter filter{param(r, "entity"), param(r, "actor"), date_param(r, "from")};
                    // The gate let through who may read this entity's history; the whole log (no single
                    // entity) is for those who may read everything.
                    const bool one_entity = filter.entity.find(':') != std::string::npos;
                    if (!one_entity && !access::permits(ctx.actor, "audit.read"))
                        return problem(403, "",
                                       "Sin permiso / Not allowed: the whole audit log needs 'audit.read'; "
                                       "name one entity with entity=TYPE:ID",
                                       r.path);
                    return respond(access::audit_entries(*ctx.app.db, filter), r.path,
                                   [](const std::vector<access::StoredAuditEntry>& list) {
                                       json out = json::array();
                                       for (const auto& e : list) out.push_back(access::to_json(e));
                                       return json{{"entries", out}};
                                   });
                },
                entity_scope});
}

}  // namespace metropoli::http
