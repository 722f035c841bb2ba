// SPDX-License-Identifier: MIT
#include "app/first_screen.hpp"
#include "app/web_views.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

namespace {

std::string zone_of(const RoutedRequest& r, const app::Context& ctx) {
    return param(r, "zone", ctx.region.metro_zones.empty() ? "" : ctx.region.metro_zones.front());
}

const ParamSpec k_zone{"zone", ParamType::text, "Metro zone id", "zm-laguna"};

}  // namespace

void add_web_routes(Router& router) {
    router.add({"GET",
                "/api/v1/overview",
                "The web application's overview: every place's level and key figures for every day",
                "Comunicar",
                {},
                {k_zone},
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    return respond(app::overview_json(ctx.app, zone_of(r, ctx.app)), r.path,
                                   [](const nlohmann::json& j) { return j; });
                }});
    router.add(
        {"GET",
         "/api/v1/first-screen",
         "The web application's first screen: the chosen date and scheme, each place's level and meaning",
         "Comunicar",
         {},
         {k_zone},
         "public",
         true,
         [](const RoutedRequest& r, RequestContext& ctx) {
             return respond(app::first_screen_json(ctx.app, zone_of(r, ctx.app)), r.path,
                            [](const nlohmann::json& j) { return j; });
         }});
    router.add({"GET",
                "/api/v1/dashboard/{code}",
                "The web application's place page: its chart series",
                "Comunicar",
                {{"code", ParamType::text, "Jurisdiction", "05035"}},
                {},
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    return respond(app::dashboard_json(ctx.app, r.args.at(0)), r.path,
                                   [](const nlohmann::json& j) { return j; });
                }});
    router.add({"GET",
                "/api/v1/geo",
                "GeoJSON of the metro zone's municipalities and their states",
                "Comunicar",
                {},
                {k_zone},
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    return respond(app::geo_json(ctx.app, zone_of(r, ctx.app)), r.path,
                                   [](const nlohmann::json& j) { return j; });
                }});
}

}  // namespace metropoli::http
