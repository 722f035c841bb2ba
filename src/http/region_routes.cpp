// SPDX-License-Identifier: MIT
#include "app/json_views.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

using nlohmann::json;

void add_region_routes(Router& router) {
    router.add({"GET",
                "/api/v1/regions",
                "The region preset: states, metro zones, comparison units",
                "Región",
                {},
                {},
                "public",
                true,
                [](const RoutedRequest&, RequestContext& ctx) {
                    const auto& g = ctx.app.region;
                    return json_response(json::array({{{"id", g.id},
                                                       {"name", g.name},
                                                       {"states", g.states},
                                                       {"metro_zones", g.metro_zones},
                                                       {"comparisons", g.comparisons}}}));
                }});
    router.add({"GET",
                "/api/v1/jurisdictions",
                "Every known place (filter with kind)",
                "Región",
                {},
                {{"kind", ParamType::text, "nation, state, municipality or metro_zone", "municipality"}},
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    const auto kind = param(r, "kind");
                    if (!kind.empty() && !parse_kind(kind))
                        return problem(400, "", "kind: nation, state, municipality or metro_zone", r.path);
                    json out = json::array();
                    for (const auto& j : ctx.app.region.jurisdictions) {
                        if (!kind.empty() && kind != kind_name(j.kind)) continue;
                        out.push_back(app::jurisdiction_json(j, false));
                    }
                    return json_response(out);
                }});
    router.add({"GET",
                "/api/v1/jurisdictions/{code}",
                "One place, with its GeoJSON geometry",
                "Región",
                {{"code", ParamType::text, "INEGI code, state code or metro zone id", "05035"}},
                {},
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto j = resolve_jurisdiction(ctx.app.region, r.args.at(0));
                    return respond(j, r.path,
                                   [](const Jurisdiction* x) { return app::jurisdiction_json(*x, true); });
                }});
}

}  // namespace metropoli::http
